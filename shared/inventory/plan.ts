// Clause 4.3 / A.4: merging what a connector found into the inventory. Pure planning: the caller reads
// the register, hands over the candidates, and `applyInventoryPlan` writes the plan in one transaction.
import type { AiSystem, Component, Draft, EvidenceItem } from '../model';
import { withoutMetaCopy } from '../model/meta-fields';
import { canonicalJson, sha256Hex, type TextSha256 } from '../register/hash';
import type { CandidateSource, SystemCandidate } from './candidate';
import { repoRoot, sourceTool } from './source';
import { identifySystem } from './identity';

export interface EvidenceFile {
  /** sha256 hex of the file's content. */
  contentHash: string;
  /** Where an auditor opens it, pinned to the commit when there is one. */
  url: string;
}

/** What one discovery run looked at: the source and, for a repository, the folder scanned. */
export interface DiscoveryScope {
  tool: 'local' | 'github' | 'jira' | 'sharepoint';
  /** The repository, Jira project or SharePoint site URL the candidates' sources share. */
  url: string;
  /**
   * For a repository scan: the folder scanned ('' at the root). Systems of this source under it that
   * the scan no longer finds are marked vanished. Absent for sources that list no whole folder.
   */
  rootPrefix?: string;
}

export interface InventoryContext {
  /** YYYY-MM-DD, for lastSeen. */
  today: string;
  /** ISO instant, for capturedAt. */
  now: string;
  scope: DiscoveryScope;
  /** Commit SHA of the scanned tree, 'worktree', or the source's version of what was read. */
  pinnedVersion: string;
  /** Evidence files by repository path. Files missing here get no evidence item. */
  evidenceFiles: Readonly<Record<string, EvidenceFile>>;
  /** Makes the ids' hashes; a host may hand in a native digest giving what `sha256Hex` gives (default). */
  sha256?: TextSha256;
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
  /** Candidate id → the register id it is (known or newly added): the one identity map. */
  identity: Record<string, string>;
}

/** What an evidence item on file is to a merge: a new one replaces it unless both of these are the same. */
export type KnownEvidence = Pick<EvidenceItem, 'id' | 'contentHash' | 'systemIds'>;

/**
 * What the register holds, for a merge. `systems` may be only those concerning the candidates (linked to a
 * candidate's or the scope's source, or bearing a candidate's id: see `concernedSystems`), sorted by id,
 * when `ids` gives every system id; `evidence` needs only the items `sourceEvidenceIds` names.
 */
export interface InventoryOnFile {
  systems: readonly AiSystem[];
  evidence: readonly KnownEvidence[];
  ids?: ReadonlySet<string>;
}

export const DISCOVERY_LABEL = 'discovered from source code';

const sameContent = (draft: Draft<'ai-system'>, known: AiSystem) =>
  canonicalJson(draft) === canonicalJson(withoutMetaCopy(known));

/** Where a candidate sits, for summaries and the discoveryRoot of a new system. */
const placeOf = (source: CandidateSource): string =>
  source.kind === 'repository' ? source.root : source.kind === 'jira-issue' ? source.key : source.url;

function isWithin(path: string, dir: string): boolean {
  if (dir === '' || dir === '.') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

function discoveredComponents(candidate: SystemCandidate, existing: readonly Component[]): Component[] {
  const components: Component[] = candidate.providers.map((id) => ({ kind: 'provider', id }));
  for (const model of candidate.models) {
    const component: Component = {
      kind: 'model',
      id: model.id,
      pinning: model.pinning,
      resolvedFrom: model.resolvedFrom,
    };
    if (model.provider) component.provider = model.provider;
    if (model.version) component.version = model.version;
    if (model.contentHash) component.contentHash = model.contentHash;
    components.push(component);
  }
  // Models a reviewer recorded by hand (no `resolvedFrom`: discovery always says how it found one) live
  // outside the repository — a hosted model configured in a console — so a rescan cannot see them: keep them.
  for (const c of existing) {
    if (c.kind !== 'model' || c.resolvedFrom !== undefined) continue;
    if (!components.some((k) => k.kind === 'model' && k.id === c.id)) components.push(c);
  }
  // Datasets may carry reviewed metadata (sensitivity, source): keep those, add what is new.
  const datasets = existing.filter((c) => c.kind === 'dataset');
  for (const id of candidate.datasets) {
    if (!datasets.some((d) => d.id === id)) datasets.push({ kind: 'dataset', id });
  }
  return [...components, ...datasets];
}

function withSourceLink(sources: AiSystem['sources'], source: CandidateSource): AiSystem['sources'] {
  if (sources.some((s) => s.url === source.url)) return sources;
  return [...sources, { tool: sourceTool(source), url: source.url, label: DISCOVERY_LABEL }];
}

/**
 * The systems a merge of these candidates can match or mark vanished, in register order: those linked to
 * a candidate's source or to the scope, and those with a candidate's id (`identifySystem` and the vanished
 * rule look at no other). Every other system only takes an id, so a large register costs one pass here
 * rather than one per candidate.
 */
function concernedSystems(
  candidates: readonly SystemCandidate[],
  systems: readonly AiSystem[],
  scope: DiscoveryScope,
): AiSystem[] {
  const { urls, ids } = mergeConcerns(candidates, scope);
  return systems.filter((s) => ids.has(s.id) || s.sources.some((link) => urls.has(link.url)));
}

/**
 * Which systems a merge of these candidates concerns: those linking to one of `urls` (the candidates'
 * sources and the scope) or bearing one of `ids`. A caller that can find those alone reads only them.
 */
export function mergeConcerns(
  candidates: readonly SystemCandidate[],
  scope: DiscoveryScope,
): { urls: Set<string>; ids: Set<string> } {
  return {
    urls: new Set(candidates.map((c) => c.source.url)).add(scope.url),
    ids: new Set(candidates.map((c) => c.id)),
  };
}

/**
 * Plans the register writes for one discovery run: new systems enter discovered-unreviewed and out of
 * scope, known ones (by `identifySystem`) get their components updated, a system that comes back after
 * vanishing needs review again, and systems of a scanned folder that are no longer found are marked
 * vanished (never deleted). Evidence items are planned for candidates' evidence files. Pure.
 */
export function planInventory(
  candidates: readonly SystemCandidate[],
  existing: InventoryOnFile,
  ctx: InventoryContext,
): InventoryPlan {
  const plan: InventoryPlan = {
    changes: [],
    added: [],
    updated: [],
    vanished: [],
    evidence: [],
    identity: {},
  };
  const taken = new Set(existing.ids ?? existing.systems.map((s) => s.id));
  const matched = new Set<string>();
  const concerned = concernedSystems(candidates, existing.systems, ctx.scope);

  for (const candidate of candidates) {
    const place = placeOf(candidate.source);
    const known = identifySystem(candidate, concerned, matched);
    if (known) {
      matched.add(known.id);
      plan.identity[candidate.id] = known.id;
      // A system that comes back after vanishing needs a fresh look before anyone relies on its old review.
      const reappeared = known.inventoryState === 'vanished';
      const draft: Draft<'ai-system'> = {
        ...withoutMetaCopy(known),
        components: discoveredComponents(candidate, known.components),
        sources: withSourceLink(known.sources, candidate.source),
        ...(candidate.source.kind === 'repository' ? { discoveryRoot: place } : {}),
        lastSeen: ctx.today,
        inventoryState: reappeared ? 'discovered-unreviewed' : known.inventoryState,
      };
      if (!sameContent(draft, known)) {
        plan.updated.push(known.id);
        plan.changes.push({
          kind: 'ai-system',
          draft,
          transition: reappeared,
          summary: reappeared ? `found again at ${place}: needs review` : `components updated from ${place}`,
        });
      }
      continue;
    }
    // Two repositories can both have a system at '.', so an id already used elsewhere gets the source's hash.
    let id = candidate.id;
    if (taken.has(id)) id = `${candidate.id}-${(ctx.sha256 ?? sha256Hex)(candidate.source.url).slice(0, 8)}`;
    taken.add(id);
    matched.add(id);
    plan.identity[candidate.id] = id;
    plan.added.push(id);
    plan.changes.push({
      kind: 'ai-system',
      transition: false,
      summary: `discovered at ${place}; awaiting review`,
      draft: {
        kind: 'ai-system',
        id,
        name: candidate.name || id,
        purpose: candidate.purpose || 'Not yet described (found in source code)',
        lifecycleStage: 'development',
        deploymentStatus: 'experimental',
        inventoryState: 'discovered-unreviewed',
        inScope: false,
        scopeJustification: 'awaiting review',
        components: discoveredComponents(candidate, []),
        sources: [{ tool: sourceTool(candidate.source), url: candidate.source.url, label: DISCOVERY_LABEL }],
        ...(candidate.source.kind === 'repository' ? { discoveryRoot: place } : {}),
        lastSeen: ctx.today,
        tags: ['discovered'],
      },
    });
  }

  // Only systems of this source under the scanned folder can be judged missing.
  const prefix = ctx.scope.rootPrefix;
  if (prefix !== undefined) {
    for (const system of concerned) {
      if (system.discoveryRoot === undefined || !system.sources.some((l) => l.url === ctx.scope.url))
        continue;
      if (matched.has(system.id) || system.inventoryState === 'vanished') continue;
      if (!isWithin(system.discoveryRoot, prefix)) continue;
      plan.vanished.push(system.id);
      plan.changes.push({
        kind: 'ai-system',
        transition: true,
        summary: `no longer found at ${system.discoveryRoot}`,
        draft: { ...withoutMetaCopy(system), inventoryState: 'vanished' },
      });
    }
  }

  planEvidence(candidates, existing.evidence, ctx, plan);
  return plan;
}

/** The id of the evidence item for one file of a repository (scope url and repository path): stable. */
const sourceEvidenceId = (scopeUrl: string, repoPath: string, sha256: TextSha256) =>
  `ev-src-${sha256(`${scopeUrl}\u0000${repoPath}`).slice(0, 24)}`;

/**
 * The ids of the evidence items a plan over files at these scanned paths may compare with or replace: all
 * of `existing.evidence` that `planInventory` looks at, so a caller can read just those.
 */
export function sourceEvidenceIds(
  paths: readonly string[],
  scope: DiscoveryScope,
  sha256: TextSha256 = sha256Hex,
): string[] {
  const prefix = scope.rootPrefix ?? '';
  return [...new Set(paths.map((path) => sourceEvidenceId(scope.url, repoRoot(prefix, path), sha256)))];
}

/** Evidence items for the files candidates' evidence points at, one per file, pinned to the version read. */
function planEvidence(
  candidates: readonly SystemCandidate[],
  existing: readonly KnownEvidence[],
  ctx: InventoryContext,
  plan: InventoryPlan,
): void {
  const systemsByPath = new Map<string, Set<string>>();
  for (const candidate of candidates) {
    if (candidate.source.kind !== 'repository') continue;
    const id = plan.identity[candidate.id] ?? candidate.id;
    for (const e of candidate.evidence) {
      const set = systemsByPath.get(e.path) ?? new Set<string>();
      set.add(id);
      systemsByPath.set(e.path, set);
    }
  }
  const byId = new Map(existing.map((e) => [e.id, e]));
  const prefix = ctx.scope.rootPrefix ?? '';
  for (const path of [...systemsByPath.keys()].sort()) {
    const file = ctx.evidenceFiles[path];
    if (!file) continue;
    const repoPath = repoRoot(prefix, path);
    const id = sourceEvidenceId(ctx.scope.url, repoPath, ctx.sha256 ?? sha256Hex);
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
        sourceTool: ctx.scope.tool,
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
