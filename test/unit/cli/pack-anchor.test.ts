// What a hand-over keeps outside the workspace: the register head printed by aims pack / verify,
// and the manifest SHA-256 that aims verify-pack --expect checks.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME, PackManifest, hashFile } from '../../../connectors/local/pack/manifest';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';

let base: string;
let ws: string;
let pack: string;
let manifestSha: string;
let packOut: string;

beforeAll(async () => {
  ({ root: base, ws } = await newDemoWorkspace('handover', '2026-11-29'));
  pack = join(base, 'pack');
  const run = await runCli(['pack', '--workspace', ws, '--out', pack, '--today', '2026-11-29']);
  expect(run.code).toBe(0);
  packOut = run.out;
  manifestSha = /Manifest SHA-256: ([0-9a-f]{64})/.exec(run.out)![1]!;
}, 60_000);

describe('hand-over values', () => {
  it('aims pack prints the full register head, the same one aims verify prints', async () => {
    const head = /Register head: ([0-9a-f]{64})/.exec(packOut)?.[1];
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(head).toBeDefined();
    expect(verify.out).toContain(`head ${head}`);
  });

  it('verify-pack --expect passes for the recorded manifest', async () => {
    const run = await runCli(['verify-pack', pack, '--expect', manifestSha.toUpperCase()]);
    expect(run.code).toBe(0);
  });

  it('a pack edited with its manifest recomputed passes alone, and fails with --expect', async () => {
    const forged = join(base, 'forged');
    cpSync(pack, forged, { recursive: true });
    const page = join(forged, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('not ready', 'ready'));
    const manifest = PackManifest.parse(JSON.parse(readFileSync(join(forged, MANIFEST_NAME), 'utf8')));
    for (const file of manifest.files) Object.assign(file, await hashFile(forged, file.path));
    writeFileSync(join(forged, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');

    expect((await runCli(['verify-pack', forged])).code).toBe(0);
    const run = await runCli(['verify-pack', forged, '--expect', manifestSha]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      new RegExp(
        `^FAILED: manifest.json has SHA-256 [0-9a-f]{64}, not the expected ${manifestSha}: the pack was changed`,
      ),
    );
  });

  it('refuses a malformed --expect', async () => {
    const run = await runCli(['verify-pack', pack, '--expect', 'xyz']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--expect must be a SHA-256 of 64 hex digits');
  });
});
