// Benchmark: how long `aims` takes before it does anything, against a bare Node start, measured in the
// same run with alternating runs. Also the CLI as it ran before it was compiled (TypeScript compiled
// on the fly by tsx), so the ratio of the change is measured, not remembered.
// Run: npm run bench:startup [-- --runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildCli } from '../build-cli.mjs';
import { median, run, type Run } from './measure';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/aims.mjs');
const WS = join(REPO, '.bench', 'startup-demo');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = Number(values.runs ?? 15);
  await buildCli();
  if (!existsSync(WS)) {
    mkdirSync(join(REPO, '.bench'), { recursive: true });
    const demo = spawnSync(process.execPath, [BIN, 'demo', '--workspace', WS], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`aims demo failed: ${demo.stderr}`);
  }
  const tsxFromSource = ['--import', 'tsx', join(REPO, 'scripts/cli/entry.ts')];
  const cases: { name: string; args: string[] }[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'aims --help', args: [BIN, '--help'] },
    { name: 'aims status (demo)', args: [BIN, 'status', '--workspace', WS] },
    { name: 'aims --help, tsx from source', args: [...tsxFromSource, '--help'] },
    { name: 'aims status (demo), tsx from source', args: [...tsxFromSource, 'status', '--workspace', WS] },
  ];
  for (const c of cases) {
    const warm = await run(process.execPath, c.args, false, REPO);
    if (warm.code !== 0) throw new Error(`${c.name} exited ${warm.code}`);
  }
  const results = new Map<string, Run[]>(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) results.get(c.name)!.push(await run(process.execPath, c.args, false, REPO));
  }
  const med = (name: string) => median(results.get(name)!.map((r) => r.ms));
  const rss = (name: string) => Math.max(...results.get(name)!.map((r) => r.rssKb ?? 0)) / 1024;
  const base = med('node -e 0');
  console.log(`startup, ${runs} alternating runs each, load average ${loadavg()[0]!.toFixed(2)}`);
  for (const c of cases) {
    const ms = med(c.name);
    console.log(
      `${c.name.padEnd(38)} median ${ms.toFixed(0).padStart(5)} ms  ×${(ms / base).toFixed(2)} node  peak RSS ${rss(c.name).toFixed(1)} MB`,
    );
  }
  const helpRatio = med('aims --help') / base;
  console.log(
    `compiled vs tsx: --help ×${(med('aims --help, tsx from source') / med('aims --help')).toFixed(2)} faster`,
  );
  console.log(
    `target: aims --help ≤ 2× node -e 0 → ${helpRatio.toFixed(2)} ${helpRatio <= 2 ? 'met' : 'NOT met'}`,
  );
  console.log(`ratio_help_to_node=${helpRatio.toFixed(2)}`);
}

await main();
