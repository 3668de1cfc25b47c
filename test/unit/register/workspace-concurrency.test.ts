// One writer at a time, tried with real processes: two `aims record` loops of 20 rounds each on
// one workspace, and `kill -9` at 20 moments of a large `aims scan --workspace`.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import { bundleCli, runBundled } from '../../support/bundled-cli';
import { systemDraft } from '../../support/builders';
import { tempDir } from '../../support/temp';

let cli: string;
const base = tempDir('concurrency');

beforeAll(async () => {
  cli = await bundleCli();
}, 60_000);

const ROUNDS = 20;
const SERVICES = 120;

function triggerFile(writer: string, round: number): string {
  const path = join(base, `trg-${writer}-${round}.yaml`);
  writeFileSync(
    path,
    [
      'kind: trigger',
      `id: trg-${writer}-${round}`,
      'systemId: sys-concurrency',
      'type: calendar',
      `detail: round ${round} of writer ${writer}`,
      'raisedOn: 2026-11-29',
      '',
    ].join('\n'),
  );
  return path;
}

describe('two writers on one workspace', () => {
  it(`two processes, ${ROUNDS} rounds of aims record each: every write has its event and verify passes`, async () => {
    const ws = join(base, 'ws-record');
    await initWorkspace(ws);
    const setup = await openWorkspace(ws, { log: () => undefined });
    await setup.transact({ actor: 'test', cause: 'setup' }, (tx) =>
      tx.put('ai-system', systemDraft({ id: 'sys-concurrency', name: 'Concurrency' })),
    );
    const writer = async (name: string) => {
      const codes: (number | null)[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const run = await runBundled(cli, [
          'record',
          'trigger',
          triggerFile(name, round),
          '--workspace',
          ws,
          '--today',
          '2026-11-29',
        ]);
        codes.push(run.code);
        if (run.code !== 0) throw new Error(`writer ${name} round ${round}: ${run.err}`);
      }
      return codes;
    };
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    expect([...a, ...b].every((code) => code === 0)).toBe(true);

    const register = await openWorkspace(ws, { log: () => undefined });
    const events = await register.events();
    // One event per write: each round records one trigger (logged as its state transition).
    const writes = events.filter((e) => e.recordKind === 'trigger');
    expect(events).toHaveLength(2 * ROUNDS + 1);
    expect(writes).toHaveLength(2 * ROUNDS);
    expect(new Set(writes.map((e) => e.recordId)).size).toBe(2 * ROUNDS);
    expect(readdirSync(join(ws, 'records/trigger'))).toHaveLength(2 * ROUNDS);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i));
    expect(await register.verify()).toMatchObject({ ok: true, records: 2 * ROUNDS + 1, problems: [] });
    expect(existsSync(join(ws, '.aims-lock'))).toBe(false);
  }, 120_000);
});

/** A repository with many small services, each calling a provider: every one becomes a system. */
function largeRepository(services: number): string {
  const root = join(base, `repo-${services}`);
  for (let i = 0; i < services; i++) {
    const dir = join(root, `services/svc-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `svc-${i}`, dependencies: { openai: '^4.0.0' } }),
    );
    writeFileSync(
      join(dir, 'index.ts'),
      `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const answer = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });\n`,
    );
  }
  return root;
}

/** Milliseconds from the first byte of the commit (the journal's temp file) to the process's exit. */
function watchCommit(ws: string, child: ChildProcess, onCommitStart: (at: number) => void): () => void {
  const poll = setInterval(() => {
    if (readdirSync(ws).some((n) => n.startsWith('.aims-journal.json'))) {
      clearInterval(poll);
      onCommitStart(Date.now());
    }
  }, 1);
  child.on('close', () => clearInterval(poll));
  return () => clearInterval(poll);
}

describe('kill -9 during aims scan --workspace', () => {
  it('at 20 moments of the commit: every time the next command recovers and verify passes', async () => {
    const repo = largeRepository(SERVICES);
    // Calibrate: how long the commit takes here, from the journal's temp file to the exit.
    const calibration = join(base, 'ws-calibration');
    await initWorkspace(calibration);
    let commitStart = 0;
    const started = Date.now();
    const run = await runBundled(cli, ['scan', repo, '--workspace', calibration, '--threads', '1'], {
      onStart: (child) => void watchCommit(calibration, child, (at) => (commitStart = at)),
    });
    const commitMs = Math.max(Date.now() - commitStart, 20);
    expect(run.code).toBe(0);

    const scanMs = Math.max(commitStart - started, 100);
    const outcomes: string[] = [];
    for (let moment = 0; moment < 20; moment++) {
      const ws = join(base, `ws-crash-${moment}`);
      await initWorkspace(ws);
      // Four moments while scanning (by the calibrated time), then sixteen spread over the commit.
      const early = [0.3, 0.6, 0.85, 0.97][moment];
      const delay = Math.round(((moment - 4) / 15) * commitMs);
      const killed = await runBundled(cli, ['scan', repo, '--workspace', ws, '--threads', '1'], {
        onStart: (child) => {
          if (early !== undefined) setTimeout(() => child.kill('SIGKILL'), early * scanMs);
          else watchCommit(ws, child, () => setTimeout(() => child.kill('SIGKILL'), delay));
        },
      });
      expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
      // The next command: open (recovering under the lock), then verify.
      const said: string[] = [];
      const register = await openWorkspace(ws, { log: (line) => said.push(line) });
      const verdict = await register.verify();
      expect(verdict.problems, `moment ${moment}`).toEqual([]);
      const leftovers = readdirSync(ws).filter((n) => n.endsWith('.tmp') || n.startsWith('.aims-'));
      expect(leftovers, `moment ${moment}`).toEqual([]);
      const outcome = said.some((l) => l.includes('completed an interrupted transaction'))
        ? 'rolled forward'
        : said.some((l) => l.includes('discarded an interrupted transaction'))
          ? 'rolled back'
          : verdict.entries === 0
            ? 'killed before the commit point'
            : 'finished before the kill';
      outcomes.push(outcome);
      if (outcome === 'rolled forward') expect(verdict.entries).toBe(3 * SERVICES);
      if (outcome !== 'rolled forward' && outcome !== 'finished before the kill') {
        expect(verdict.entries).toBe(0);
      }
    }
    const tally: Record<string, number> = {};
    for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
    console.log(
      `kill -9 at 20 moments over a ${commitMs} ms commit (${SERVICES} services, ${3 * SERVICES} records): ${JSON.stringify(tally)}`,
    );
    // Both recovery paths must have been exercised, or the moments missed the commit.
    expect(tally['rolled forward']).toBeGreaterThan(0);
    expect((tally['rolled back'] ?? 0) + (tally['killed before the commit point'] ?? 0)).toBeGreaterThan(0);

    // After a rolled-back crash the next scan records everything the killed one did not.
    const rolledBack = join(base, `ws-crash-0`);
    expect((await runBundled(cli, ['scan', repo, '--workspace', rolledBack, '--threads', '1'])).code).toBe(0);
    const after = await (await openWorkspace(rolledBack, { log: () => undefined })).verify();
    expect(after).toMatchObject({ ok: true, entries: 3 * SERVICES });
  }, 300_000);
});
