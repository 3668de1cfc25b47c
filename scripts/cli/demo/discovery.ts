// The demo's discovery step: Harbor Mutual's AI monorepo (shared/demo/repository.ts) becomes a real
// git repository with two commits, is scanned and merged the way `aims scan --workspace` does, and
// its commits are compared the way `aims diff` does. The merge lands on a scratch copy of the register:
// the shadow app it finds would be a Stage 1 gap (4.3) until reviewed, and the workspace keeps the
// planted gaps only. Triggers are not recorded: the register already holds the model change.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CatFile,
  GitError,
  describeTarget,
  openWorkTree,
  scanCommit,
  type AnalysisCache,
} from '../../../connectors/local/git';
import { syncInventory } from '../../../connectors/local/inventory-sync';
import { scanDirectory } from '../../../connectors/local/scan';
import { DEMO_ORGANISATION, DEMO_REPOSITORY, addDays, atNoon } from '../../../shared/demo';
import type { DiscoveredSystem } from '../../../shared/discovery';
import { registerSystemFor, type InventoryPlan } from '../../../shared/inventory';
import { diffReports, evidenceRef, type DiscoveryTrigger } from '../../../shared/discovery/scan-diff';
import type { AnyRecord, Trigger } from '../../../shared/model';
import { readiness } from '../../../shared/processes/readiness';
import { isOpenTrigger, systemStatuses } from '../../../shared/processes/reassessment';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import { heading } from '../format/table';
import type { DemoContext, DemoStep } from './step';

/** Git could not build the example repository: the demo says why and carries on without discovery. */
export class DiscoverySkipped extends Error {}

/** A git environment that ignores the user's configuration and identity, so commits are reproducible. */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = gitEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new DiscoverySkipped('git is not installed or not on PATH'));
      }
      const reason = stderr.trim().split('\n')[0] || error.message;
      reject(new DiscoverySkipped(`git ${args[0] ?? ''} failed: ${reason}`));
    });
  });
}

export interface DemoRepositoryOnDisk {
  dir: string;
  /** Commit SHAs, oldest first: base, then head. */
  commits: string[];
}

/** Writes the example repository under `parent` and commits it, each commit at noon UTC on its day. */
export async function materialiseRepository(parent: string, today: string): Promise<DemoRepositoryOnDisk> {
  const dir = join(parent, DEMO_REPOSITORY.slug.split('/')[1] ?? 'repository');
  await mkdir(dir, { recursive: true });
  await git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
  // A GitHub origin makes the scan link evidence to the repository; nothing is fetched or pushed.
  await git(dir, ['remote', 'add', 'origin', `${DEMO_REPOSITORY.url}.git`]);
  const commits: string[] = [];
  for (const commit of DEMO_REPOSITORY.commits) {
    for (const file of commit.files) {
      const path = join(dir, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    await git(dir, ['add', '--all']);
    const seconds = Date.parse(atNoon(addDays(today, -commit.daysAgo))) / 1000;
    const date = `@${seconds} +0000`;
    await git(
      dir,
      [
        '-c',
        `user.name=${commit.author.name}`,
        '-c',
        `user.email=${commit.author.email}`,
        '-c',
        'commit.gpgsign=false',
        'commit',
        '-q',
        '--no-verify',
        '-m',
        commit.message,
      ],
      gitEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
    );
    commits.push((await git(dir, ['rev-parse', 'HEAD'])).trim());
  }
  return { dir, commits };
}

export interface DiffFinding {
  trigger: DiscoveryTrigger;
  /** The register system the trigger concerns, when the register knows it. */
  systemName?: string;
  /** The open trigger already in the register for the same change. */
  held?: Trigger;
}

export interface DiscoveryResult {
  repository: DemoRepositoryOnDisk;
  head: string;
  base: string;
  scannedFiles: number;
  /** Systems the scan found, known or new. */
  found: number;
  seconds: number;
  plan: InventoryPlan;
  /** The systems the scan found that the register did not know. */
  added: DiscoveredSystem[];
  /** The copy of the register the scan was merged into. */
  scratch: Register;
  /** Known systems whose risk or impact state differs after the merge (none when the register is right). */
  statusChanges: string[];
  /** Readiness gaps the merge adds, e.g. a discovered system nobody has reviewed yet. */
  newGaps: Array<{ stage: 1 | 2; clause: string; systemId?: string; what: string }>;
  findings: DiffFinding[];
}

const gapKey = (g: { clause: string; systemId?: string; what: string }) =>
  `${g.clause}|${g.systemId ?? ''}|${g.what}`;

/** The register as it is now, in memory, continuing the same hash chain: writes there leave the workspace alone. */
async function scratchCopy(register: Register, now: () => Date): Promise<Register> {
  const records = Object.values(await loadSnapshot(register)).flat() as AnyRecord[];
  return createRegister(createMemoryBackend({ records, events: await register.events() }), {
    clock: () => now().toISOString(),
  });
}

/**
 * Builds the example repository under `parent` (the caller's folder: it decides whether the repository
 * outlives the demo), scans it into a scratch copy of the register and diffs its two commits.
 */
export async function runDiscovery(
  { register, io, today }: DemoContext,
  parent: string,
): Promise<DiscoveryResult> {
  const repository = await materialiseRepository(parent, today);
  const [base, head] = repository.commits;
  if (!base || !head) throw new Error('demo: the example repository needs a base and a head commit');
  const clock = io.now();
  // Records made by the demo are dated on the demo's day.
  const now = clock.toISOString().slice(0, 10) === today ? clock : new Date(atNoon(today));

  // `aims scan <dir> --workspace`, on the copy.
  const started = performance.now();
  const report = await scanDirectory(repository.dir, { target: DEMO_REPOSITORY.slug });
  const seconds = (performance.now() - started) / 1000;
  const target = await describeTarget(repository.dir);
  const scratch = await scratchCopy(register, io.now);
  const before = await loadSnapshot(scratch);
  const plan = await syncInventory(scratch, report, target, {
    now,
    cause: `aims scan ${DEMO_REPOSITORY.slug} at ${target.pinnedVersion}`,
  });
  const after = await loadSnapshot(scratch);

  const stateOf = (rows: ReturnType<typeof systemStatuses>) =>
    new Map(rows.map((r) => [r.system.id, `${r.risk.state}/${r.impact.state}`]));
  const was = stateOf(systemStatuses(before, today));
  const is = stateOf(systemStatuses(after, today));
  const statusChanges = [...was]
    .filter(([id, state]) => is.get(id) !== state)
    .map(([id, state]) => `${id} ${state} → ${is.get(id) ?? 'out of scope'}`);
  const readyBefore = readiness(before, today);
  const known = new Set([...readyBefore.stage1.gaps, ...readyBefore.stage2.gaps].map(gapKey));
  const readyAfter = readiness(after, today);
  const newGaps = [
    ...readyAfter.stage1.gaps.map((g) => ({ stage: 1 as const, ...g })),
    ...readyAfter.stage2.gaps.map((g) => ({ stage: 2 as const, ...g })),
  ]
    .filter((g) => !known.has(gapKey(g)))
    .map(({ stage, clause, systemId, what }) => ({ stage, clause, ...(systemId ? { systemId } : {}), what }));
  const added = report.systems.filter((s) => plan.added.includes(plan.identity[s.id] ?? ''));

  // `aims diff --base <base> --head <head>`, without --workspace: the register is only read.
  const tree = await openWorkTree(repository.dir);
  const catFile = new CatFile(tree.top);
  const cache: AnalysisCache = new Map();
  let triggers: DiscoveryTrigger[];
  try {
    const baseReport = await scanCommit(tree, base, { catFile, cache, target: base });
    const headReport = await scanCommit(tree, head, { catFile, cache, target: head });
    triggers = diffReports(baseReport, headReport);
  } finally {
    await catFile.close();
  }
  const systems = await register.list('ai-system');
  const open = (await register.list('trigger')).filter(isOpenTrigger);
  const findings = triggers.map((trigger): DiffFinding => {
    const system = registerSystemFor(trigger, systems, target.source, tree.prefix);
    if (!system) return { trigger };
    const held = open.find(
      (t) =>
        t.systemId === system.id &&
        t.type === trigger.type &&
        t.before === trigger.before &&
        t.after === trigger.after,
    );
    return { trigger, systemName: system.name, ...(held ? { held } : {}) };
  });

  return {
    repository,
    base,
    head,
    scannedFiles: report.scannedFiles,
    found: report.systems.length,
    seconds,
    plan,
    added,
    scratch,
    statusChanges,
    newGaps,
    findings,
  };
}

const short = (sha: string) => sha.slice(0, 7);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function change(t: DiscoveryTrigger): string {
  return t.before !== undefined && t.after !== undefined ? `${t.type} ${t.before} → ${t.after}` : t.detail;
}

/** `kept`: the repository outlives the demo, so the commands printed may name its folder. */
async function summary(result: DiscoveryResult, workspace: string, kept: boolean): Promise<string[]> {
  const { plan, base, head } = result;
  const repository = kept ? result.repository.dir : '<repository>';
  const records = await result.scratch.list('ai-system');
  const lines = [
    `aims scan ${DEMO_REPOSITORY.slug} @ ${short(head)} (scan of ${result.scannedFiles} files, ${result.seconds.toFixed(2)} s)`,
  ];
  const matched = result.found - plan.added.length;
  lines.push(
    plan.updated.length === 0 && result.statusChanges.length === 0
      ? `  ${plural(matched, 'system')} match the register: components as assessed, risk and impact states unchanged`
      : `  ${plural(matched, 'system')} match the register, ${plan.updated.length} updated` +
          (result.statusChanges.length > 0 ? `; states changed: ${result.statusChanges.join(', ')}` : ''),
  );
  const gapLine = (gap: DiscoveryResult['newGaps'][number]) =>
    `readiness gains a Stage ${gap.stage} gap: ${gap.clause} ${gap.what}`;
  for (const system of result.added) {
    const record = records.find((r) => plan.added.includes(r.id) && r.discoveryRoot === system.root);
    const models = system.models.map((m) => m.id).join(', ') || 'no model named';
    lines.push(`  new: ${system.name} (${system.root}) uses ${models} (${system.providers.join(', ')})`);
    if (!record) continue;
    lines.push(
      `    → entered as ${record.inventoryState}, ${record.inScope ? 'in scope' : 'not in scope'} (${record.scopeJustification ?? 'no decision'})`,
      ...result.newGaps
        .filter((g) => g.systemId === record.id)
        .map((g) => `    → until reviewed, ${gapLine(g)}`),
    );
  }
  const attributed = new Set(plan.added);
  for (const gap of result.newGaps.filter((g) => !g.systemId || !attributed.has(g.systemId))) {
    lines.push(`  ${gapLine(gap)}`);
  }
  if (plan.vanished.length > 0) lines.push(`  no longer found: ${plan.vanished.join(', ')}`);
  lines.push(
    `  ${plural(plan.evidence.length, 'evidence item')} pinned to commit ${short(head)}, each with the file's sha256`,
  );

  lines.push(
    `aims diff ${short(base)}..${short(head)}: ${result.findings.length === 0 ? 'no reassessment triggers' : plural(result.findings.length, 'reassessment trigger')}`,
  );
  for (const { trigger, systemName, held } of result.findings) {
    const where = trigger.evidence[0] ? ` (${evidenceRef(trigger.evidence[0])})` : '';
    lines.push(
      `  ${change(trigger)} in ${systemName ?? trigger.systemName}${where} → reassess (${trigger.clauses.join(', ')})`,
    );
    lines.push(
      held
        ? `    already in the register as ${held.id}, raised ${held.raisedOn}: not recorded again`
        : `    not in the register: aims diff --base ${short(base)} ${repository} --workspace ${workspace} records it`,
    );
  }
  lines.push(
    'The scan was merged into a scratch copy of the register; the workspace keeps only the planted gaps.',
    kept
      ? `To record it: aims scan ${repository} --workspace ${workspace}`
      : 'The example repository was temporary and is removed; run aims demo without --workspace to keep it and scan it yourself.',
  );
  return lines;
}

export const discoveryStep: DemoStep = {
  name: 'discover AI systems in the example repository',
  async run(ctx) {
    const { io } = ctx;
    const print = (lines: string[]) => lines.forEach((l) => io.out(l));
    // Kept only in the demo's own folder, and only once it is whole; otherwise removed, failure or not.
    const parent = ctx.home
      ? join(ctx.home, 'example-repository')
      : await mkdtemp(join(tmpdir(), 'aims-demo-repo-'));
    let keep = false;
    try {
      let result: DiscoveryResult;
      try {
        result = await runDiscovery(ctx, parent);
      } catch (error) {
        if (!(error instanceof DiscoverySkipped || error instanceof GitError)) throw error;
        print(['', `Discovery skipped: ${error.message} (aims scan and aims diff need git)`]);
        return;
      }
      print(heading(`${DEMO_ORGANISATION} — AI systems discovered in source code (clauses 4.3, 8.2, 8.4)`));
      print(await summary(result, ctx.workspace, ctx.home !== undefined));
      keep = ctx.home !== undefined;
    } finally {
      if (!keep) await rm(parent, { recursive: true, force: true });
    }
  },
};
