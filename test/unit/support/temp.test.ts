// tempDir's promise: every folder a test file makes is still there for its later tests and its own afterAll,
// and is gone once the file has run, locked sub-folders included. Seen from outside: the fixture file runs
// in a child vitest (the clean-up happens after the last hook a file could observe it from).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../support/temp';

const FIXTURE = 'test/fixtures/temp-cleanup';

it('removes the folders a test file made after its last hook, not before', () => {
  const report = join(tempDir('temp-report'), 'report.txt');
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', `${FIXTURE}/vitest.config.mjs`, '--root', '.'],
    { env: { ...process.env, AIMS_TEMP_REPORT: report }, encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  const made = lines.filter((l) => l.startsWith('made ')).map((l) => l.slice('made '.length));
  expect(made).toHaveLength(2);
  for (const dir of made) expect(dir).toMatch(/aims-cleanup-fixture-/);
  expect(lines).toContain('own afterAll saw 2 of 2');
  expect(made.filter((dir) => existsSync(dir))).toEqual([]);
}, 60_000);
