// After `npm ci` / `npm install` in a source checkout: generate WXT's types and compile the CLI.
// An installed package (from `npm pack`) ships the compiled CLI and has nothing to build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

if (existsSync(join(ROOT, 'wxt.config.ts')) && existsSync(join(ROOT, 'scripts/cli/entry.ts'))) {
  const wxt = spawnSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'prepare'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (wxt.status !== 0) process.exit(wxt.status ?? 1);
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli();
}
