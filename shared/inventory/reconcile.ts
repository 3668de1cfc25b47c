// Clause 4.3 / A.4.2: one inventory from every source. Candidates from code scans, Jira and SharePoint
// are matched to register systems by the one identity rule (identifySystem: same source link, else the
// same id); what that leaves unmatched is matched by repository links and by name. The result lists what
// was discovered but not registered, what is registered but no source found, and where sources and the
// register disagree — each entry with the evidence behind it. Pure: the caller gathers the candidates.
import type { AiSystem } from '../model';
import type { SystemCandidate } from './candidate';
import { identifySystem } from './identity';

/** Where a candidate came from, for people and for the evidence trail. */
export type CandidateOrigin = 'code' | 'jira' | 'sharepoint';

/** One pointer an auditor can follow: a file line at a commit, a Jira issue at a changelog entry. */
export interface ReconcileEvidence {
  origin: CandidateOrigin | 'register';
  /** e.g. 'apps/bot/src/chat.ts:12', 'AI-12 changelog 10042', 'ai-system sys-bot'. */
  ref: string;
  url?: string;
  detail: string;
}

export interface ReconcileCandidate {
  origin: CandidateOrigin;
  candidate: SystemCandidate;
  /** Repository URLs the candidate names (a ticket linking its repository); lower-case https URLs. */
  repositories?: string[];
  evidence: ReconcileEvidence[];
}

export interface ReconcileEntry {
  /** The register system, or the first candidate's proposed id. */
  id: string;
  name: string;
  /** Register state when the system is on file ('discovered-unreviewed' counts as not yet registered). */
  inventoryState?: AiSystem['inventoryState'];
  origins: CandidateOrigin[];
  /** How the candidates were matched: the identity rule, then system id, repository link, name; or 'none'. */
  matchedBy: 'identity' | 'id' | 'repository' | 'name' | 'none';
  evidence: ReconcileEvidence[];
}

export interface AttributeConflict {
  id: string;
  name: string;
  attribute: 'model' | 'provider';
  /** What each side says: 'register', 'code', 'jira', 'sharepoint' → sorted values. */
  values: Partial<Record<CandidateOrigin | 'register', string[]>>;
  evidence: ReconcileEvidence[];
}

export interface ReconcileReport {
  discoveredUnregistered: ReconcileEntry[];
  registeredUndiscovered: ReconcileEntry[];
  conflicts: AttributeConflict[];
  /** Every group, for a full listing. */
  matched: ReconcileEntry[];
}

/** Providers whose models are hosted services: a different one named by two sources is a real disagreement. */
const HOSTED = new Set([
  'openai',
  'azure-openai',
  'anthropic',
  'google-genai',
  'vertex-ai',
  'aws-bedrock',
  'mistral',
  'cohere',
]);

/** Names compared loosely: case, punctuation and filler words ('the', 'AI', 'system') do not count. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !['the', 'a', 'an', 'ai', 'system', 'ml', 'model', 'v1', 'v2'].includes(w))
    .join(' ');
}

const repositoryOf = (c: ReconcileCandidate) =>
  c.candidate.source.kind === 'repository' ? c.candidate.source.url.toLowerCase() : undefined;

interface Group {
  system?: AiSystem;
  members: ReconcileCandidate[];
  matchedBy: ReconcileEntry['matchedBy'];
}

function registerEvidence(system: AiSystem): ReconcileEvidence {
  const links = system.sources.map((s) => `${s.tool} ${s.url}`).join('; ') || 'no source links';
  return {
    origin: 'register',
    ref: `ai-system ${system.id}`,
    detail: `${system.inventoryState}, ${system.deploymentStatus}; ${links}`,
  };
}

/**
 * Groups candidates with register systems and each other, then classifies. `systems` is the whole
 * inventory; 'rejected' systems are never reported as undiscovered, 'vanished' and 'retired' neither.
 */
export function reconcileInventory(
  candidates: readonly ReconcileCandidate[],
  systems: readonly AiSystem[],
): ReconcileReport {
  const groups = new Map<string, Group>();
  const loose: ReconcileCandidate[] = [];
  for (const c of candidates) {
    const system = identifySystem(c.candidate, systems);
    if (!system) {
      loose.push(c);
      continue;
    }
    const group = groups.get(system.id) ?? { system, members: [], matchedBy: 'identity' };
    group.members.push(c);
    groups.set(system.id, group);
  }
  // Unmatched candidates: a repository they name that exactly one system (or group) comes from, else a name.
  const pending: Group[] = [];
  const byRepository = (url: string): Group | undefined => {
    const hits = [...groups.values(), ...pending].filter(
      (g) =>
        g.members.some((m) => repositoryOf(m) === url) ||
        (g.system?.sources.some((s) => s.url.toLowerCase() === url) ?? false),
    );
    return hits.length === 1 ? hits[0] : undefined;
  };
  const byName = (name: string): Group | undefined => {
    const key = nameKey(name);
    if (!key) return undefined;
    const registered = systems.filter((s) => nameKey(s.name) === key);
    if (registered.length === 1 && registered[0]) {
      const id = registered[0].id;
      const group = groups.get(id) ?? { system: registered[0], members: [], matchedBy: 'name' as const };
      groups.set(id, group);
      return group;
    }
    return pending.find((g) => g.members.some((m) => nameKey(m.candidate.name) === key));
  };
  // Repository candidates first, so tickets naming a repository find the group it formed.
  const ordered = [...loose].sort((a, b) => Number(b.origin === 'code') - Number(a.origin === 'code'));
  const bySystemId = (id: string): Group | undefined => {
    const system = systems.find((s) => s.id === id);
    if (!system) return undefined;
    const group = groups.get(id) ?? { system, members: [], matchedBy: 'id' as const };
    groups.set(id, group);
    return group;
  };
  for (const c of ordered) {
    const viaId = bySystemId(c.candidate.id);
    const viaRepo = viaId ? undefined : (c.repositories ?? []).map(byRepository).find((g) => g !== undefined);
    const target = viaId ?? viaRepo ?? byName(c.candidate.name);
    if (target) {
      if (target.members.length === 0 && target.matchedBy === 'identity')
        target.matchedBy = viaId ? 'id' : viaRepo ? 'repository' : 'name';
      target.members.push(c);
      if (target.matchedBy === 'none') target.matchedBy = viaRepo ? 'repository' : 'name';
      continue;
    }
    pending.push({ members: [c], matchedBy: 'none' });
  }

  const all = [...groups.values(), ...pending];
  const entryOf = (g: Group): ReconcileEntry => {
    const first = g.members[0]?.candidate;
    const entry: ReconcileEntry = {
      id: g.system?.id ?? first?.id ?? '?',
      name: g.system?.name ?? first?.name ?? '?',
      origins: [...new Set(g.members.map((m) => m.origin))].sort(),
      matchedBy: g.matchedBy,
      evidence: [...(g.system ? [registerEvidence(g.system)] : []), ...g.members.flatMap((m) => m.evidence)],
    };
    if (g.system) entry.inventoryState = g.system.inventoryState;
    return entry;
  };
  const report: ReconcileReport = {
    discoveredUnregistered: [],
    registeredUndiscovered: [],
    conflicts: [],
    matched: [],
  };
  for (const g of all) {
    const entry = entryOf(g);
    report.matched.push(entry);
    const discovered = g.members.length > 0;
    if (discovered && (!g.system || g.system.inventoryState === 'discovered-unreviewed'))
      report.discoveredUnregistered.push(entry);
    if (discovered) report.conflicts.push(...conflictsOf(g));
  }
  const seen = new Set(all.filter((g) => g.members.length > 0 && g.system).map((g) => g.system?.id));
  for (const system of systems) {
    if (seen.has(system.id) || system.inventoryState !== 'confirmed' || system.deploymentStatus === 'retired')
      continue;
    report.registeredUndiscovered.push({
      id: system.id,
      name: system.name,
      inventoryState: system.inventoryState,
      origins: [],
      matchedBy: 'none',
      evidence: [registerEvidence(system)],
    });
  }
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  report.discoveredUnregistered.sort(byId);
  report.registeredUndiscovered.sort(byId);
  report.conflicts.sort((a, b) => byId(a, b) || a.attribute.localeCompare(b.attribute));
  report.matched.sort(byId);
  return report;
}

function conflictsOf(g: Group): AttributeConflict[] {
  const id = g.system?.id ?? g.members[0]?.candidate.id ?? '?';
  const name = g.system?.name ?? g.members[0]?.candidate.name ?? '?';
  const out: AttributeConflict[] = [];
  for (const attribute of ['model', 'provider'] as const) {
    const values: AttributeConflict['values'] = {};
    const say = (side: CandidateOrigin | 'register', list: string[]) => {
      if (list.length === 0) return;
      values[side] = [...new Set([...(values[side] ?? []), ...list])].sort();
    };
    if (g.system) {
      const components = g.system.components;
      say(
        'register',
        attribute === 'model'
          ? components.filter((c) => c.kind === 'model').map((c) => c.id)
          : components.filter((c) => c.kind === 'provider' && HOSTED.has(c.id)).map((c) => c.id),
      );
    }
    for (const m of g.members) {
      say(
        m.origin,
        attribute === 'model'
          ? m.candidate.models.map((x) => x.id)
          : m.candidate.providers.filter((p) => HOSTED.has(p)),
      );
    }
    const sides = Object.values(values);
    if (sides.length < 2) continue;
    // A disagreement: two sides where neither's values contain the other's (fewer is incomplete, not contrary).
    const lists = sides.map((list) => new Set(list ?? []));
    const contains = (x: Set<string>, y: Set<string>) => [...y].every((v) => x.has(v));
    const contrary = lists.some((x, i) => lists.some((y, j) => j > i && !contains(x, y) && !contains(y, x)));
    if (!contrary) continue;
    const evidence = [
      ...(g.system ? [registerEvidence(g.system)] : []),
      // The evidence of every side that names a value for this attribute.
      ...g.members
        .filter((m) =>
          attribute === 'model'
            ? m.candidate.models.length > 0
            : m.candidate.providers.some((p) => HOSTED.has(p)),
        )
        .flatMap((m) => m.evidence),
    ];
    out.push({ id, name, attribute, values, evidence });
  }
  return out;
}
