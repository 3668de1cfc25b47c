import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_GAPS, DEMO_SYSTEM_IDS } from '../../../shared/demo';
import { COMMANDS } from '../../../scripts/cli/commands';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';
import { tempDir } from '../../support/temp';

const demoWorkspace = () => newDemoWorkspace('cli', '2026-11-28');

describe('aims CLI foundation', () => {
  it('prints help for the tool and every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) {
      expect(top.out).toContain(command.name);
      const help = await runCli([command.name, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: aims ${command.name}`);
    }
  });

  it('answers an unknown command or option with one line and exit 2', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')).toHaveLength(1);
    const badOption = await runCli(['verify', '--nope']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/^aims verify: .*nope/);
  });

  it('builds the demo organisation and summarises inventory, owners and gaps', async () => {
    const { ws, result } = await demoWorkspace();
    expect(result.out).toContain('Harbor Mutual');
    expect(result.out).toContain(`(${DEMO_SYSTEM_IDS.length} systems)`);
    expect(DEMO_SYSTEM_IDS.length).toBeGreaterThanOrEqual(5);
    expect(result.out).toContain('Claims document extraction');
    expect(result.out).toContain('hash chain OK');
    const records = readFileSync(
      join(ws, 'records/ai-system', `${DEMO_GAPS.missingImpactAssessment}.json`),
      'utf8',
    );
    expect(JSON.parse(records)).toMatchObject({ kind: 'ai-system', inScope: true });
  });

  it('verifies the demo chain, then names the entry whose byte was edited', async () => {
    const { ws } = await demoWorkspace();
    const ok = await runCli(['verify', '--workspace', ws]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ events/);

    const file = join(ws, 'events.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const target = 7;
    // Change one byte inside the summary text of entry 7, keeping the JSON valid.
    lines[target] = lines[target]!.replace('"summary":"c', '"summary":"C');
    expect(lines[target]).toContain('"summary":"C');
    writeFileSync(file, lines.join('\n'));
    const broken = await runCli(['verify', '--workspace', ws]);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`EDITED: entry ${target} (seq ${target}`);
  });

  it('refuses a workspace with one invalid file, naming file and field, and leaves it unchanged', async () => {
    const { ws } = await demoWorkspace();
    const file = join(ws, 'records/ai-system/sys-claims-triage.json');
    const text = readFileSync(file, 'utf8').replace('"inScope": true', '"inScope": "yes"');
    writeFileSync(file, text);
    const result = await runCli(['verify', '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "aims verify: records/ai-system/sys-claims-triage.json: field 'inScope': Invalid input: expected boolean, received string",
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('init creates a workspace once and refuses to overwrite one', async () => {
    const dir = tempDir('cli');
    expect((await runCli(['init', 'ws'], { cwd: dir })).code).toBe(0);
    const again = await runCli(['init', 'ws'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toContain('already an AIMS workspace');
    expect(again.err).not.toContain('    at ');
  });

  it('rejects a malformed --today with one line', async () => {
    const result = await runCli(['demo', '--workspace', join(tempDir('cli'), 'ws'), '--today', '28/11/2026']);
    expect(result.code).toBe(2);
    expect(result.err).toBe('aims demo: --today must be YYYY-MM-DD');
  });
});
