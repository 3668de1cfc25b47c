// Clause 4.3 / A.4: merging a scan into the inventory. Pure planning: the caller reads the register,
// hands over what it found, and writes the planned drafts in one transaction.
import type { AiSystem, Component, Draft, EvidenceItem } from '../model';
import { canonicalJson, sha256Hex } from '../register/hash';
import type { DiscoveredSystem, ScanReport } from './model';

export interface ScanSource {
  tool: 'local' | 'github';
  /** Identity of the scanned repository or folder: a repository URL or a file: URL. */
  url: string;
}

export interface EvidenceFile {
  /** sha256 hex of the file's content. */
  contentHash: string;
  /** Where an auditor opens it, pinned to the commit when there is one. */
  url: string;
}

export interface InventoryContext {
  /** YYYY-MM-DD, for lastSeen. */
  today: string;
  /** ISO instant, for capturedAt. */
  now: string;
  source: ScanSource;
  /** Path of the scan target inside its repository ('' at the root). */
  rootPrefix: string;
  /** Commit SHA of the scanned tree, or 'worktree'. */
  pinnedVersion: string;
  /** Evidence files by report-relative path. Files missing here get no evidence item. */
  evidenceFiles: Readonly<Record<string, EvidenceFile>>;
}

export type PlannedChange =
  | { kind: 'ai-system'; draft: Draft<'ai-system'>; transition: boolean; summary: string }
  | { kind: 'evidence'; draft: Draft<'evidence'>; transition: false; summary: string };

export interface InventoryPlan {
  changes: PlannedChange[];
  added: string[];
  updated: string[];
  vanished: string[];
  evidence: string[];
}

export const DISCOVERY_LABEL = 'discovered from source code';

const META = ['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'revision'] as const;

function draftOf<T extends object>(record: T): Omit<T, (typeof META)[number]> {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of META) delete copy[field];
  return copy as Omit<T, (typeof META)[number]>;
}

const sameContent = (a: object, b: object) => canonicalJson(draftOf(a)) === canonicalJson(draftOf(b));

/** A system's root inside its repository: the scan target's prefix joined with the report root. */
export function repoRoot(prefix: string, root: string): string {
  if (!prefix) return root;
  return root === '.' || root === '' ? prefix : `${prefix}/${root}`;
}

function isWithin(path: string, dir: string): boolean {
  if (dir === '' || dir === '.') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

function discoveredComponents(system: DiscoveredSystem, existing: readonly Component[]): Component[] {
  const components: Component[] = system.providers.map((id) => ({ kind: 'provider', id }));
  for (const model of system.models) {
    const component: Component = {
      kind: 'model',
      id: model.id,
      pinning: model.pinning,
      resolvedFrom: model.resolvedFrom,
    };
    if (model.provider) component.provider = model.provider;
    if (model.contentHash) component.contentHash = model.contentHash;
    components.push(component);
  }
  // Datasets may carry reviewed metadata (sensitivity, source): keep those, add what is new.
  const datasets = existing.filter((c) => c.kind === 'dataset');
  for (const id of system.datasets) {
    if (!datasets.some((d) => d.id === id)) datasets.push({ kind: 'dataset', id });
  }
  return [...components, ...datasets];
}

function withSourceLink(sources: AiSystem['sources'], source: ScanSource): AiSystem['sources'] {
  if (sources.some((s) => s.url === source.url)) return sources;
  return [...sources, { tool: source.tool, url: source.url, label: DISCOVERY_LABEL }];
}

/** Plans the register writes for one scan: new systems unreviewed and out of scope, known ones updated, gone ones vanished. */
export function planInventory(
  report: ScanReport,
  existing: { systems: readonly AiSystem[]; evidence: readonly EvidenceItem[] },
  ctx: InventoryContext,
): InventoryPlan {
  const plan: InventoryPlan = { changes: [], added: [], updated: [], vanished: [], evidence: [] };
  const fromSource = existing.systems.filter(
    (s) => s.discoveryRoot !== undefined && s.sources.some((l) => l.url === ctx.source.url),
  );
  const taken = new Set(existing.systems.map((s) => s.id));
  const matched = new Set<string>();
  const registerIdOf = new Map<string, string>();

  for (const system of report.systems) {
    const root = repoRoot(ctx.rootPrefix, system.root);
    const known =
      fromSource.find((s) => s.discoveryRoot === root && !matched.has(s.id)) ??
      existing.systems.find(
        (s) =>
          s.id === system.id &&
          !matched.has(s.id) &&
          (s.discoveryRoot === undefined || fromSource.includes(s)),
      );
    if (known) {
      matched.add(known.id);
      registerIdOf.set(system.id, known.id);
      // A system that comes back after vanishing needs a fresh look before anyone relies on its old review.
      const reappeared = known.inventoryState === 'vanished';
      const draft: Draft<'ai-system'> = {
        ...draftOf(known),
        components: discoveredComponents(system, known.components),
        sources: withSourceLink(known.sources, ctx.source),
        discoveryRoot: root,
        lastSeen: ctx.today,
        inventoryState: reappeared ? 'discovered-unreviewed' : known.inventoryState,
      };
      if (!sameContent(draft, known)) {
        plan.updated.push(known.id);
        plan.changes.push({
          kind: 'ai-system',
          draft,
          transition: reappeared,
          summary: reappeared ? `found again at ${root}: needs review` : `components updated from ${root}`,
        });
      }
      continue;
    }
    // Two repositories can both have a system at '.', so an id already used elsewhere gets the source's hash.
    let id = system.id;
    if (taken.has(id)) id = `${system.id}-${sha256Hex(ctx.source.url).slice(0, 8)}`;
    taken.add(id);
    matched.add(id);
    registerIdOf.set(system.id, id);
    plan.added.push(id);
    plan.changes.push({
      kind: 'ai-system',
      transition: false,
      summary: `discovered at ${root}; awaiting review`,
      draft: {
        kind: 'ai-system',
        id,
        name: system.name || id,
        purpose: system.purpose || 'Not yet described (found in source code)',
        lifecycleStage: 'development',
        deploymentStatus: 'experimental',
        inventoryState: 'discovered-unreviewed',
        inScope: false,
        scopeJustification: 'awaiting review',
        components: discoveredComponents(system, []),
        sources: [{ tool: ctx.source.tool, url: ctx.source.url, label: DISCOVERY_LABEL }],
        discoveryRoot: root,
        lastSeen: ctx.today,
        tags: ['discovered'],
      },
    });
  }

  // Only systems under the scanned folder can be judged missing.
  for (const system of fromSource) {
    if (matched.has(system.id) || system.inventoryState === 'vanished') continue;
    if (!isWithin(system.discoveryRoot ?? '', ctx.rootPrefix)) continue;
    plan.vanished.push(system.id);
    plan.changes.push({
      kind: 'ai-system',
      transition: true,
      summary: `no longer found at ${system.discoveryRoot ?? '?'}`,
      draft: { ...draftOf(system), inventoryState: 'vanished' },
    });
  }

  planEvidence(report, existing.evidence, ctx, registerIdOf, plan);
  return plan;
}

function planEvidence(
  report: ScanReport,
  existing: readonly EvidenceItem[],
  ctx: InventoryContext,
  registerIdOf: ReadonlyMap<string, string>,
  plan: InventoryPlan,
): void {
  const systemsByPath = new Map<string, Set<string>>();
  for (const system of report.systems) {
    const id = registerIdOf.get(system.id) ?? system.id;
    for (const e of system.evidence) {
      const set = systemsByPath.get(e.path) ?? new Set<string>();
      set.add(id);
      systemsByPath.set(e.path, set);
    }
  }
  const byId = new Map(existing.map((e) => [e.id, e]));
  for (const path of [...systemsByPath.keys()].sort()) {
    const file = ctx.evidenceFiles[path];
    if (!file) continue;
    const repoPath = repoRoot(ctx.rootPrefix, path);
    const id = `ev-src-${sha256Hex(`${ctx.source.url}\u0000${repoPath}`).slice(0, 24)}`;
    const systemIds = [...(systemsByPath.get(path) ?? [])].sort();
    const known = byId.get(id);
    // Same bytes, same systems: the item already on file still proves it; re-pinning would only churn.
    if (
      known &&
      known.contentHash === file.contentHash &&
      canonicalJson(known.systemIds) === canonicalJson(systemIds)
    ) {
      continue;
    }
    plan.evidence.push(id);
    plan.changes.push({
      kind: 'evidence',
      transition: false,
      summary: `AI usage evidence in ${repoPath}`,
      draft: {
        kind: 'evidence',
        id,
        title: `AI usage in ${repoPath}`,
        sourceTool: ctx.source.tool,
        url: file.url,
        pinnedVersion: ctx.pinnedVersion,
        contentHash: file.contentHash,
        capturedAt: ctx.now,
        clauses: ['4.3'],
        controls: ['A.4.2', 'A.4.4'],
        systemIds,
      },
    });
  }
}
