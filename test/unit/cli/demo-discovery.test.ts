import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../connectors/local/workspace';
import type { CommandIO } from '../../../scripts/cli/command';
import { discoveryStep, materialiseRepository, runDiscovery } from '../../../scripts/cli/demo/discovery';
import type { Register } from '../../../shared/register';
import { DEMO_GAPS, DEMO_REPOSITORY, DEMO_SYSTEM_IDS } from '../../../shared/demo';
import { ReadinessJson } from '../../../shared/processes/readiness';
import { systemStatuses } from '../../../shared/processes/reassessment';
import { loadSnapshot, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import { runCli } from '../../support/cli';
import { newDemoWorkspace } from '../../support/demo-workspace';
import { tempDir } from '../../support/temp';

const TODAY = '2026-11-28';
const SHA1 = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;

async function demo() {
  const { ws, result } = await newDemoWorkspace('demo-discovery', TODAY);
  return { ws, out: result.out };
}

/** The discovery section: from its heading to the next one. */
function discoverySection(out: string): string {
  const start = out.indexOf('AI systems discovered in source code');
  const end = out.indexOf('AI system inventory (', start);
  expect(start).toBeGreaterThan(-1);
  return out.slice(start, end);
}

/** Risk and impact state of each demo system. */
const states = (snapshot: RegisterSnapshot) =>
  Object.fromEntries(
    systemStatuses(snapshot, TODAY)
      .filter((r) => DEMO_SYSTEM_IDS.includes(r.system.id))
      .map((r) => [r.system.id, { risk: r.risk.state, impact: r.impact.state }]),
  );

const plantedGaps = {
  [DEMO_GAPS.missingImpactAssessment]: ['8.4'],
  [DEMO_GAPS.overdueReassessment]: ['8.2', '8.4'],
};

function gapsBySystem(json: ReadinessJson['stage2']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of json.gaps) (out[g.system ?? '—'] ??= []).push(g.clause);
  for (const clauses of Object.values(out)) clauses.sort();
  return out;
}

async function readinessJson(ws: string): Promise<ReadinessJson> {
  const result = await runCli(['readiness', '--workspace', ws, '--today', TODAY, '--format', 'json']);
  expect(result.code).toBe(0);
  return ReadinessJson.parse(JSON.parse(result.out));
}

/** Runs `fn` with the OS temp folder pointed at a new empty folder (the demo's mkdtemp lands there); that folder. */
async function inTemp<T>(fn: () => Promise<T>): Promise<{ tmp: string; value: T }> {
  const tmp = tempDir('demo-tmp');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    expect(tmpdir()).toBe(tmp);
    return { tmp, value: await fn() };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

let run: { ws: string; out: string };

beforeAll(async () => {
  run = await demo();
});

describe('aims demo: discovery on the example repository', () => {
  it('prints the scan, the shadow system and the model change the diff finds', () => {
    const section = discoverySection(run.out);
    expect(section).toMatch(
      /aims scan harbor-mutual\/ai-platform @ [0-9a-f]{7} \(scan of \d+ files, [\d.]+ s\)/,
    );
    expect(section).toContain(
      '5 systems match the register: components as assessed, risk and impact states unchanged',
    );
    expect(section).toContain('new: marketing-copy (apps/marketing-copy) uses gpt-4o-mini');
    expect(section).toContain('→ entered as discovered-unreviewed, not in scope (awaiting review)');
    expect(section).toMatch(
      /model-changed gpt-4o → gpt-4\.1 in Customer support assistant \(apps\/support-assistant\/src\/chat\.ts:\d+\) → reassess \(8\.2, 8\.4\)/,
    );
    expect(section).toContain(
      'already in the register as trg-support-model-swap, raised 2026-10-14: not recorded again',
    );
  });

  it('commits the repository reproducibly: the same day gives the same SHAs', async () => {
    const first = await materialiseRepository(tempDir('demo-discovery'), TODAY);
    const second = await materialiseRepository(tempDir('demo-discovery'), TODAY);
    expect(first.commits).toHaveLength(2);
    expect(first.commits.every((sha) => SHA1.test(sha))).toBe(true);
    expect(second.commits).toEqual(first.commits);
    const [base, head] = first.commits.map((sha) => sha.slice(0, 7));
    expect(discoverySection(run.out)).toContain(`aims diff ${base}..${head}: 1 reassessment trigger`);
  });

  it('merges into a scratch copy: the shadow system unreviewed and out of scope, known systems as they were', async () => {
    const register = await openWorkspace(run.ws);
    const eventsBefore = (await register.events()).length;
    const io: CommandIO = {
      out: () => undefined,
      err: () => undefined,
      now: () => new Date(`${TODAY}T09:00:00.000Z`),
      cwd: process.cwd(),
    };
    const result = await runDiscovery(
      { register, io, today: TODAY, workspace: run.ws },
      tempDir('demo-discovery'),
    );

    const scratch = await loadSnapshot(result.scratch);
    const shadow = scratch['ai-system'].find((s) => s.discoveryRoot === DEMO_REPOSITORY.shadowRoot);
    expect(shadow).toMatchObject({ inventoryState: 'discovered-unreviewed', inScope: false });
    expect(result.plan.added).toEqual([shadow?.id]);
    expect(result.plan.updated).toEqual([]);
    expect(result.plan.vanished).toEqual([]);
    expect(result.statusChanges).toEqual([]);
    expect(states(scratch)).toEqual(states(await loadSnapshot(register)));

    const evidence = scratch.evidence.filter((e) => result.plan.evidence.includes(e.id));
    expect(evidence.length).toBeGreaterThan(0);
    for (const item of evidence) {
      expect(item.pinnedVersion).toBe(result.head);
      expect(item.pinnedVersion).toMatch(SHA1);
      expect(item.contentHash).toMatch(SHA256);
      expect(item.url).toContain(`${DEMO_REPOSITORY.url}/blob/${result.head}/`);
    }
    const chat = evidence.find((e) => e.url.endsWith('/apps/support-assistant/src/chat.ts'));
    const onDisk = readFileSync(join(result.repository.dir, 'apps/support-assistant/src/chat.ts'));
    expect(chat?.contentHash).toBe(createHash('sha256').update(onDisk).digest('hex'));

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.trigger).toMatchObject({
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      clauses: ['8.2', '8.4'],
    });
    expect(result.findings[0]?.held?.id).toBe('trg-support-model-swap');

    // The workspace itself is untouched.
    const reopened = await openWorkspace(run.ws);
    expect((await reopened.events()).length).toBe(eventsBefore);
    expect((await reopened.list('ai-system')).map((s) => s.id).sort()).toEqual([...DEMO_SYSTEM_IDS].sort());
    expect(await reopened.list('trigger')).toHaveLength(1);
  });

  it('leaves the demo workspace verifiable, Stage 1 ready and every planted gap on its system', async () => {
    const verify = await runCli(['verify', '--workspace', run.ws]);
    expect(verify.code).toBe(0);
    const json = await readinessJson(run.ws);
    expect(json.stage1).toEqual({ ready: true, gaps: [], watch: [] });
    expect(json.stage2.ready).toBe(false);
    expect(gapsBySystem(json.stage2)).toEqual(plantedGaps);
    // The open minor finding is followed up, not held against certification.
    expect(json.stage2.watch.map((g) => `${g.clause} ${g.system}`)).toEqual([
      `A.6.2.8 ${DEMO_GAPS.openFindingSystem}`,
    ]);
  });

  it('without --workspace keeps the example repository in its own folder, and the command it prints records it', async () => {
    const { tmp, value: result } = await inTemp(() => runCli(['demo', '--today', TODAY]));
    expect(result.code).toBe(0);
    // One folder in the temp folder, the demo's: its workspace and the repository beside it.
    const [home, ...others] = readdirSync(tmp);
    expect(others).toEqual([]);
    expect(home).toMatch(/^aims-demo-/);
    expect(readdirSync(join(tmp, home ?? '')).sort()).toEqual(['example-repository', 'workspace']);
    const ws = join(tmp, home ?? '', 'workspace');
    const command = /To record it: aims scan (\S+) --workspace (\S+)/.exec(result.out);
    expect(command?.[2]).toBe(ws);
    expect(command?.[1]).toBe(join(tmp, home ?? '', 'example-repository', 'ai-platform'));
    const before = states(await loadSnapshot(await openWorkspace(ws)));
    const scan = await runCli(['scan', command?.[1] ?? '', '--workspace', ws]);
    expect(scan.code).toBe(0);
    expect(scan.out).toMatch(/Workspace: 1 new \(awaiting review\), 0 updated, 0 vanished, \d+ evidence/);

    const snapshot = await loadSnapshot(await openWorkspace(ws));
    const shadow = snapshot['ai-system'].find((s) => s.discoveryRoot === DEMO_REPOSITORY.shadowRoot);
    expect(shadow).toMatchObject({ inventoryState: 'discovered-unreviewed', inScope: false });
    expect(states(snapshot)).toEqual(before);
    const evidence = snapshot.evidence.filter((e) => e.sourceTool === 'github' && e.clauses.includes('4.3'));
    expect(evidence.length).toBeGreaterThan(0);
    for (const item of evidence) {
      expect(item.pinnedVersion).toMatch(SHA1);
      expect(item.contentHash).toMatch(SHA256);
    }

    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
    const json = await readinessJson(ws);
    expect(gapsBySystem(json.stage2)).toEqual(plantedGaps);
    // Unreviewed, the shadow system is the one gap Stage 1 gains (4.3).
    expect(json.stage1.gaps).toEqual([expect.objectContaining({ clause: '4.3', system: shadow?.id })]);
  });

  it('with --workspace leaves nothing in the temp folder: the example repository is removed once scanned', async () => {
    const ws = join(tempDir('demo-discovery'), 'ws');
    const { tmp, value: result } = await inTemp(() => runCli(['demo', '--workspace', ws, '--today', TODAY]));
    expect(result.code).toBe(0);
    expect(discoverySection(result.out)).toContain('5 systems match the register');
    expect(readdirSync(tmp)).toEqual([]);
    expect(result.out).not.toContain(tmp);
    expect(result.out).toContain(
      'The example repository was temporary and is removed; run aims demo without --workspace to keep it and scan it yourself.',
    );
    expect(result.out).not.toContain('To record it: aims scan');
  });

  it('removes the example repository when discovery fails after building it, and the failure still shows', async () => {
    const register = await openWorkspace(run.ws);
    // The scratch copy reads the event log after the repository is built: fail there.
    const broken: Register = { ...register, events: () => Promise.reject(new Error('event log unreadable')) };
    const io: CommandIO = {
      out: () => undefined,
      err: () => undefined,
      now: () => new Date(`${TODAY}T09:00:00.000Z`),
      cwd: process.cwd(),
    };
    const { tmp } = await inTemp(async () => {
      await expect(
        discoveryStep.run({ register: broken, io, today: TODAY, workspace: run.ws }),
      ).rejects.toThrow('event log unreadable');
    });
    expect(readdirSync(tmp)).toEqual([]);
    // In the demo's own folder too: a repository that was not finished is not kept.
    const home = tempDir('demo-discovery');
    await expect(
      discoveryStep.run({ register: broken, io, today: TODAY, workspace: run.ws, home }),
    ).rejects.toThrow('event log unreadable');
    expect(readdirSync(home)).toEqual([]);
  });

  it('skips discovery with one line when git is missing, and runs the rest of the demo', async () => {
    const path = process.env.PATH;
    process.env.PATH = tempDir('demo-discovery');
    let result;
    try {
      result = await runCli(['demo', '--workspace', join(tempDir('demo-discovery'), 'ws'), '--today', TODAY]);
    } finally {
      process.env.PATH = path;
    }
    expect(result.code).toBe(0);
    const skipped = result.out.split('\n').filter((l) => l.includes('Discovery skipped'));
    expect(skipped).toEqual([
      'Discovery skipped: git is not installed or not on PATH (aims scan and aims diff need git)',
    ]);
    expect(result.out).not.toContain('AI systems discovered in source code');
    expect(result.out).toContain('Stage 1 (documented AIMS):          READY');
    expect(result.out).toContain('hash chain OK');
  });
});
