// Clauses 8.2 / 8.4: what changed in the AI systems between two scans, as reassessment triggers.
// Pure: two reports in, triggers out, in a stable order.
import { TRIGGER_CLAUSES, type TriggerType } from '../model/trigger';
import type { Component, DiscoveredSystem, Evidence, ModelRef, ScanReport } from './findings';

export interface DiscoveryTrigger {
  type: TriggerType;
  systemId: string;
  systemName: string;
  /** The system's root, relative to the scan target. */
  root: string;
  before?: string;
  after?: string;
  detail: string;
  /** Where the change shows: head evidence for what appeared, base evidence for what went. */
  evidence: Evidence[];
  clauses: string[];
  /**
   * Material changes oblige a reassessment (a model swap, a new tool that acts, a new data source); benign
   * ones are reported with their reason and do not fail the CI gate. Absent means material.
   */
  materiality?: 'material' | 'benign';
  /** Why the change is material or benign, in one phrase. */
  reason?: string;
}

/** Whether a trigger obliges a reassessment (everything but changes classified benign). */
export const isMaterial = (t: DiscoveryTrigger): boolean => t.materiality !== 'benign';

const MAX_EVIDENCE = 3;
const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isFile = (model: ModelRef) => model.contentHash !== undefined;
/** The version is part of a model's identity: gpt-4o 2024-05-13 and gpt-4o 2024-08-06 are two models. */
const modelKey = (model: ModelRef) => `${model.provider ?? ''}\u0000${model.id}\u0000${model.version ?? ''}`;
/** A model as the trigger names it: its id, and its version when one is fixed apart from the id. */
const label = (model: ModelRef) => (model.version ? `${model.id} version ${model.version}` : model.id);
const shortHash = (hash: string | undefined) => (hash ?? '').replace(/^sha256:/, '').slice(0, 12);

/** 'gpt-4o-2024-08-06' and 'gpt-4o' name one family at two pinnings. */
function sameFamily(a: string, b: string): boolean {
  return a.startsWith(`${b}-`) || b.startsWith(`${a}-`) || a.startsWith(`${b}@`) || b.startsWith(`${a}@`);
}

/**
 * Evidence for a change, most confident first: lines naming the model, else lines in the file it was
 * resolved from, else lines naming the env var or deployment it came through, else the system's best.
 */
function evidenceFor(system: DiscoveredSystem, needle?: string, file?: string, via?: string): Evidence[] {
  const ranked = [...system.evidence].sort(
    (a, b) =>
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
      compare(a.path, b.path) ||
      a.line - b.line,
  );
  const tiers = [
    needle === undefined ? [] : ranked.filter((e) => e.snippet.includes(needle)),
    file === undefined ? [] : ranked.filter((e) => e.path === file),
    via === undefined ? [] : ranked.filter((e) => e.snippet.includes(via)),
    ranked,
  ];
  return (tiers.find((tier) => tier.length > 0) ?? []).slice(0, MAX_EVIDENCE);
}

/** 'env:OPENAI_MODEL@.env.example' or 'deployment:chat@infra/main.bicep' → the file; a file model's id is its path. */
function sourceFileOf(model: ModelRef): string | undefined {
  if (isFile(model)) return model.id;
  const match = /^(?:env|deployment):[^@=]*[@=](.+)$/.exec(model.resolvedFrom);
  return match?.[1];
}

/** The env var or deployment name a model id was resolved through. */
function viaOf(model: ModelRef): string | undefined {
  return /^(?:env|deployment):([^@=]+)/.exec(model.resolvedFrom)?.[1] ?? model.deployment;
}

/** A versioned model shows where its version is written (a version bump changes that line). */
const modelEvidence = (system: DiscoveredSystem, model: ModelRef) => {
  const byVersion = model.version ? evidenceFor(system, model.version) : [];
  if (byVersion.length > 0 && byVersion[0]?.snippet.includes(model.version ?? '')) return byVersion;
  return evidenceFor(system, model.id, sourceFileOf(model), viaOf(model));
};

const describe = (model: ModelRef) =>
  `${label(model)} (${model.pinning}${model.provider ? `, ${model.provider}` : ''})`;

interface Pair {
  before: ModelRef;
  after: ModelRef;
}

/**
 * Pairs models that went with models that came, per provider: same source first (the same
 * env var or file now says something else), then the same family, then in name order.
 */
function pairChanges(
  removed: ModelRef[],
  added: ModelRef[],
): { pairs: Pair[]; removed: ModelRef[]; added: ModelRef[] } {
  const pairs: Pair[] = [];
  const left = [...removed].sort((a, b) => compare(a.id, b.id));
  const right = [...added].sort((a, b) => compare(a.id, b.id));
  const take = (match: (a: ModelRef, b: ModelRef) => boolean) => {
    for (let i = 0; i < left.length; i++) {
      const a = left[i] as ModelRef;
      const j = right.findIndex((b) => (a.provider ?? '') === (b.provider ?? '') && match(a, b));
      if (j === -1) continue;
      pairs.push({ before: a, after: right[j] as ModelRef });
      left.splice(i--, 1);
      right.splice(j, 1);
    }
  };
  take((a, b) => a.id === b.id);
  take((a, b) => a.resolvedFrom !== 'literal' && a.resolvedFrom === b.resolvedFrom);
  take((a, b) => sameFamily(a.id, b.id));
  take(() => true);
  return { pairs, removed: left, added: right };
}

/** Files where a model is used (its sites), for per-site comparison. */
const filesOf = (model: ModelRef): Set<string> => new Set((model.sites ?? []).map((s) => s.path));

/**
 * Models swapped at a site: in one file, a model that was named there is gone and another of the same
 * provider appeared. One pair per file and provider, in id order.
 */
function siteSwaps(
  base: DiscoveredSystem,
  head: DiscoveredSystem,
): Array<{ file: string; before: ModelRef; after: ModelRef }> {
  const hosted = (s: DiscoveredSystem) => s.models.filter((m) => !isFile(m) && (m.sites?.length ?? 0) > 0);
  const at = (models: ModelRef[], file: string) => models.filter((m) => filesOf(m).has(file));
  const baseModels = hosted(base);
  const headModels = hosted(head);
  const files = new Set([...baseModels, ...headModels].flatMap((m) => [...filesOf(m)]));
  const out: Array<{ file: string; before: ModelRef; after: ModelRef }> = [];
  for (const file of [...files].sort()) {
    const was = at(baseModels, file);
    const now = at(headModels, file);
    const gone = was.filter((m) => !now.some((n) => modelKey(n) === modelKey(m)));
    const came = now.filter((m) => !was.some((w) => modelKey(w) === modelKey(m)));
    for (const before of gone.sort((a, b) => compare(a.id, b.id))) {
      const i = came.findIndex((m) => (m.provider ?? '') === (before.provider ?? ''));
      if (i === -1) continue;
      const after = came.splice(i, 1)[0] as ModelRef;
      out.push({ file, before, after });
    }
  }
  return out;
}

/** The head evidence at a model's sites in one file. */
function siteEvidence(system: DiscoveredSystem, model: ModelRef, file: string): Evidence[] {
  const lines = new Set((model.sites ?? []).filter((s) => s.path === file).map((s) => s.line));
  return system.evidence.filter((e) => e.path === file && lines.has(e.line)).slice(0, MAX_EVIDENCE);
}

function systemTriggers(base: DiscoveredSystem, head: DiscoveredSystem): DiscoveryTrigger[] {
  const out: DiscoveryTrigger[] = [];
  const make = (
    type: TriggerType,
    detail: string,
    evidence: Evidence[],
    before?: string,
    after?: string,
  ): DiscoveryTrigger => {
    const trigger: DiscoveryTrigger = {
      type,
      systemId: head.id,
      systemName: head.name,
      root: head.root,
      detail,
      evidence,
      clauses: [...TRIGGER_CLAUSES[type]],
    };
    if (before !== undefined) trigger.before = before;
    if (after !== undefined) trigger.after = after;
    return trigger;
  };

  // Providers and deployments.
  const beforeProviders = [...base.providers].sort();
  const afterProviders = [...head.providers].sort();
  if (beforeProviders.join(',') !== afterProviders.join(',')) {
    const gained = afterProviders.filter((p) => !beforeProviders.includes(p));
    const lost = beforeProviders.filter((p) => !afterProviders.includes(p));
    const parts = [...gained.map((p) => `+${p}`), ...lost.map((p) => `-${p}`)].join(' ');
    out.push(
      make(
        'provider-changed',
        `providers changed (${parts})`,
        gained.length > 0 ? evidenceFor(head, gained[0]) : evidenceFor(base, lost[0]),
        beforeProviders.join(', ') || '(none)',
        afterProviders.join(', ') || '(none)',
      ),
    );
  }

  // Local model files: identity is the path, change is the content hash.
  const baseFiles = new Map(base.models.filter(isFile).map((m) => [m.id, m]));
  const headFiles = new Map(head.models.filter(isFile).map((m) => [m.id, m]));
  for (const [id, after] of headFiles) {
    const before = baseFiles.get(id);
    if (!before) {
      out.push(
        make('model-file-changed', `model file added: ${id}`, evidenceFor(head, id, id), undefined, id),
      );
    } else if (before.contentHash !== after.contentHash) {
      out.push(
        make(
          'model-file-changed',
          `model file ${id} changed content (sha256 ${shortHash(before.contentHash)} → ${shortHash(after.contentHash)})`,
          evidenceFor(head, id, id),
          `${id}@${shortHash(before.contentHash)}`,
          `${id}@${shortHash(after.contentHash)}`,
        ),
      );
    }
  }
  for (const [id] of baseFiles) {
    if (!headFiles.has(id)) {
      out.push(
        make('model-file-changed', `model file removed: ${id}`, evidenceFor(base, id, id), id, undefined),
      );
    }
  }

  // Hosted and hub models: identity is provider + id.
  const baseModels = new Map(base.models.filter((m) => !isFile(m)).map((m) => [modelKey(m), m]));
  const headModels = new Map(head.models.filter((m) => !isFile(m)).map((m) => [modelKey(m), m]));
  for (const [key, after] of headModels) {
    const before = baseModels.get(key);
    if (before && (before.deployment ?? '') !== (after.deployment ?? '')) {
      out.push(
        make(
          'provider-changed',
          `${after.id}: deployment ${before.deployment ?? '(none)'} → ${after.deployment ?? '(none)'}`,
          evidenceFor(head, after.deployment ?? after.id, sourceFileOf(after), viaOf(after)),
          `${after.id} via ${before.deployment ?? '(no deployment)'}`,
          `${after.id} via ${after.deployment ?? '(no deployment)'}`,
        ),
      );
    }
    if (before && before.pinning !== after.pinning) {
      out.push(
        make(
          'pinning-changed',
          `${after.id}: pinning ${before.pinning} → ${after.pinning}`,
          modelEvidence(head, after),
          describe(before),
          describe(after),
        ),
      );
    }
  }
  const removed = [...baseModels].filter(([key]) => !headModels.has(key)).map(([, m]) => m);
  const added = [...headModels].filter(([key]) => !baseModels.has(key)).map(([, m]) => m);
  const changes = pairChanges(removed, added);
  // Per site: a file that named one model and now names another is a swap there, even when the old
  // model is still used elsewhere in the system (so it is neither removed nor paired above).
  for (const swap of siteSwaps(base, head)) {
    if (
      changes.pairs.some(
        (p) => modelKey(p.before) === modelKey(swap.before) && modelKey(p.after) === modelKey(swap.after),
      )
    )
      continue;
    const at = siteEvidence(head, swap.after, swap.file);
    out.push(
      make(
        'model-changed',
        `model ${label(swap.before)} → ${label(swap.after)} in ${swap.file}${swap.after.provider ? ` (${swap.after.provider})` : ''}`,
        at.length > 0 ? at : modelEvidence(head, swap.after),
        label(swap.before),
        label(swap.after),
      ),
    );
    changes.added = changes.added.filter((m) => modelKey(m) !== modelKey(swap.after));
    changes.removed = changes.removed.filter((m) => modelKey(m) !== modelKey(swap.before));
  }
  for (const { before, after } of changes.pairs) {
    const sameVersion = (before.version ?? '') === (after.version ?? '');
    const pinningOnly = sameVersion && before.pinning !== after.pinning && sameFamily(before.id, after.id);
    out.push(
      make(
        pinningOnly ? 'pinning-changed' : 'model-changed',
        pinningOnly
          ? `${before.id} → ${after.id}: pinning ${before.pinning} → ${after.pinning}`
          : `model ${label(before)} → ${label(after)}${after.provider ? ` (${after.provider})` : ''}`,
        modelEvidence(head, after),
        pinningOnly ? describe(before) : label(before),
        pinningOnly ? describe(after) : label(after),
      ),
    );
  }
  for (const model of changes.added) {
    out.push(
      make(
        'model-added',
        `model added: ${describe(model)}`,
        modelEvidence(head, model),
        undefined,
        label(model),
      ),
    );
  }
  for (const model of changes.removed) {
    out.push(
      make('model-removed', `model removed: ${describe(model)}`, modelEvidence(base, model), label(model)),
    );
  }
  out.push(...componentTriggers(base, head, make));
  return out;
}

type Make = (
  type: TriggerType,
  detail: string,
  evidence: Evidence[],
  before?: string,
  after?: string,
) => DiscoveryTrigger;

const componentLabel = (c: Component) =>
  `${c.kind} ${c.name}${c.kind === 'tool' && c.acts !== undefined ? (c.acts ? ' (acts)' : ' (reads)') : ''}`;

/**
 * Clause 8.2 / 8.4 for agents: what the system can reach or do. Added or removed MCP servers, tools,
 * retrieval sources and guardrails, and tools whose acting changed, each classified with its reason.
 */
function componentTriggers(base: DiscoveredSystem, head: DiscoveredSystem, make: Make): DiscoveryTrigger[] {
  const key = (c: Component) => `${c.kind}\u0000${c.name}`;
  const before = new Map((base.components ?? []).map((c) => [key(c), c]));
  const after = new Map((head.components ?? []).map((c) => [key(c), c]));
  const out: DiscoveryTrigger[] = [];
  const classify = (t: DiscoveryTrigger, materiality: 'material' | 'benign', reason: string) => {
    t.materiality = materiality;
    t.reason = reason;
    out.push(t);
  };
  const typeOf = (c: Component): TriggerType =>
    c.kind === 'retrieval' ? 'data-source-changed' : 'component-changed';
  for (const [k, c] of after) {
    const was = before.get(k);
    if (!was) {
      const t = make(typeOf(c), `${componentLabel(c)} added`, [c.evidence], undefined, componentLabel(c));
      if (c.kind === 'guardrail')
        classify(t, 'benign', 'a guardrail added: it limits the system, it adds no capability');
      else if (c.kind === 'retrieval') classify(t, 'material', 'a new data source the system reads');
      else if (c.kind === 'mcp-server') classify(t, 'material', 'a new MCP server the agent can call');
      else if (c.acts) classify(t, 'material', 'a new tool that acts');
      else classify(t, 'material', 'a new tool the agent can call (reads only)');
    } else if (c.kind === 'tool' && (was.acts ?? false) !== (c.acts ?? false)) {
      const t = make(
        'component-changed',
        `${c.name}: ${componentLabel(was)} → ${componentLabel(c)}`,
        [c.evidence],
        componentLabel(was),
        componentLabel(c),
      );
      if (c.acts) classify(t, 'material', 'the tool now acts');
      else classify(t, 'benign', 'the tool no longer acts');
    }
  }
  for (const [k, c] of before) {
    if (after.has(k)) continue;
    const t = make(typeOf(c), `${componentLabel(c)} removed`, [c.evidence], componentLabel(c), undefined);
    if (c.kind === 'guardrail')
      classify(t, 'material', 'a guardrail removed: the system is less constrained');
    else
      classify(
        t,
        'benign',
        `a ${c.kind === 'retrieval' ? 'data source' : c.kind} removed: the system can do or read less`,
      );
  }
  return out;
}

function summary(system: DiscoveredSystem): string {
  const models = system.models.map((m) => m.id).join(', ') || 'no models';
  return `${system.providers.join(', ') || 'no providers'}; ${models}`;
}

const TYPE_ORDER: readonly TriggerType[] = [
  'system-appeared',
  'system-disappeared',
  'provider-changed',
  'model-changed',
  'pinning-changed',
  'model-added',
  'model-removed',
  'model-file-changed',
  'data-source-changed',
  'component-changed',
];

function order(a: DiscoveryTrigger, b: DiscoveryTrigger): number {
  return (
    compare(a.systemId, b.systemId) ||
    TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
    compare(a.before ?? a.after ?? '', b.before ?? b.after ?? '') ||
    compare(a.after ?? '', b.after ?? '')
  );
}

/** Every change between two scans that obliges a reassessment. Systems are matched by id (their root). */
export function diffReports(base: ScanReport, head: ScanReport): DiscoveryTrigger[] {
  const baseSystems = new Map(base.systems.map((s) => [s.id, s]));
  const headSystems = new Map(head.systems.map((s) => [s.id, s]));
  const out: DiscoveryTrigger[] = [];
  for (const [id, after] of headSystems) {
    const before = baseSystems.get(id);
    if (before) {
      out.push(...systemTriggers(before, after));
      continue;
    }
    out.push({
      type: 'system-appeared',
      systemId: id,
      systemName: after.name,
      root: after.root,
      after: `${after.name} (${after.root})`,
      detail: `new AI system at ${after.root}: ${summary(after)}`,
      evidence: evidenceFor(after),
      clauses: [...TRIGGER_CLAUSES['system-appeared']],
    });
  }
  for (const [id, before] of baseSystems) {
    if (headSystems.has(id)) continue;
    out.push({
      type: 'system-disappeared',
      systemId: id,
      systemName: before.name,
      root: before.root,
      before: `${before.name} (${before.root})`,
      detail: `AI system at ${before.root} no longer found: ${summary(before)}`,
      evidence: evidenceFor(before),
      clauses: [...TRIGGER_CLAUSES['system-disappeared']],
    });
  }
  return out.sort(order);
}

export const evidenceRef = (e: Evidence) => `${e.path}:${e.line}`;
