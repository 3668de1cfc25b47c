// Assembling a scan report: resolve env indirection, library defaults and Azure deployments across
// files, group findings into systems, and order everything deterministically.
import { VENDOR_PREFIX } from './code/context';
import { Units, namePriority } from './grouping';
import { resolveDefault } from './library-defaults';
import type {
  Component,
  DiscoveredSystem,
  Evidence,
  Finding,
  ModelRef,
  ProviderId,
  ScanReport,
} from './findings';
import { azureVersionPinning, classifyModelId, looksLikeIdentifier } from './model-ids';
import { basename, dirname, slugify } from './paths';
import { inferPurpose } from './purpose';
import { EnvTable, modelFromConstant, modelFromEnvValue } from './resolve-env';
import {
  isEmptyAnalysis,
  type ConstantDefinition,
  type ConstantReference,
  type DeclaredDependency,
  type DeploymentDefinition,
  type FileAnalysis,
} from './types';

const MAX_EVIDENCE = 300;
const MAX_SITES = 100;

interface UnitState {
  root: string;
  findings: Finding[];
  deps: DeclaredDependency[];
  hints: Set<string>;
  mlContext: boolean;
  contextual: Finding[];
  constants: ConstantDefinition[];
  constantRefs: ConstantReference[];
  utility: Set<ProviderId>;
  gatewayCandidates: Finding[];
  components: Component[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function assembleReport(
  target: string,
  analyses: Array<{ path: string; analysis: FileAnalysis }>,
  scannedFiles: number,
  warnings: string[],
): ScanReport {
  // Files where nothing was found change nothing below; skipping them first spares the sort.
  const sorted = analyses.filter((a) => !isEmptyAnalysis(a.analysis)).sort((a, b) => cmp(a.path, b.path));
  const units = new Units(sorted);
  const state = new Map<string, UnitState>();
  const unit = (root: string): UnitState => {
    let s = state.get(root);
    if (!s) {
      s = {
        root,
        findings: [],
        deps: [],
        hints: new Set(),
        mlContext: false,
        contextual: [],
        constants: [],
        constantRefs: [],
        utility: new Set(),
        gatewayCandidates: [],
        components: [],
      };
      state.set(root, s);
    }
    return s;
  };
  const env = new EnvTable();
  const deployments = new Map<string, DeploymentDefinition>();
  const allDeps: DeclaredDependency[] = [];
  const notes: string[] = [];
  const readmes = new Map<string, string>();
  const defaults: Array<{ root: string; key: string; finding: Finding }> = [];

  for (const { path, analysis } of sorted) {
    const root = units.rootOf(path);
    const s = unit(root);
    s.findings.push(...analysis.findings);
    s.contextual.push(...(analysis.contextualFindings ?? []));
    s.constants.push(...(analysis.constants ?? []));
    s.constantRefs.push(...(analysis.constantRefs ?? []));
    s.gatewayCandidates.push(...(analysis.gatewayCandidates ?? []));
    s.components.push(...(analysis.components ?? []));
    for (const p of analysis.utilityImports ?? []) s.utility.add(p);
    if (analysis.mlContext) s.mlContext = true;
    for (const h of analysis.purposeHints ?? []) s.hints.add(h);
    s.deps.push(...(analysis.dependencies ?? []));
    allDeps.push(...(analysis.dependencies ?? []));
    for (const [key, value] of Object.entries(analysis.envDefinitions)) env.add({ key, value, path, root });
    for (const d of analysis.deployments ?? []) if (!deployments.has(d.name)) deployments.set(d.name, d);
    for (const r of analysis.defaultRequests ?? []) defaults.push({ root, key: r.key, finding: r.finding });
    if (analysis.summary && basename(path).toLowerCase() === 'readme.md')
      readmes.set(dirname(path), analysis.summary);
    notes.push(...(analysis.warnings ?? []));
  }

  for (const s of state.values()) {
    if (s.mlContext) s.findings.push(...s.contextual);
    dropUtilityOnly(s);
    resolveEnvRefs(s, env, notes, deployments);
    resolveConstants(s, env);
    routeThroughGateway(s);
  }
  for (const d of defaults) {
    const s = unit(d.root);
    const model = resolveDefault(d.key, s.deps.length > 0 ? [...s.deps, ...allDeps] : allDeps);
    if (model) s.findings.push({ ...d.finding, model, provider: model.provider ?? d.finding.provider });
  }
  for (const s of state.values()) mapDeployments(s, deployments);

  mergeOrphanRoot(state, units);

  const systems: DiscoveredSystem[] = [];
  for (const s of [...state.values()].sort((a, b) =>
    a.root === '.' ? -1 : b.root === '.' ? 1 : cmp(a.root, b.root),
  )) {
    const system = buildSystem(s, units, target, readmes);
    if (system) systems.push(system);
  }
  uniquifyIds(systems);
  return { target, scannedFiles, systems, warnings: [...warnings, ...[...new Set(notes)].sort(cmp)] };
}

function resolveEnvRefs(
  s: UnitState,
  env: EnvTable,
  notes: string[],
  deployments: Map<string, DeploymentDefinition>,
): void {
  const resolvedLines = new Set<string>();
  for (const f of s.findings) {
    if (!f.envRef) continue;
    const def = env.lookup(f.envRef, f.evidence.path, s.root);
    let model = def ? modelFromEnvValue(f, def) : undefined;
    if (model && f.pending) model = applyPending(model, f, env, s.root, deployments);
    if (model) {
      if (f.model) resolvedLines.add(`${f.evidence.path}:${f.evidence.line}:${f.model.id}`);
      f.model = model;
      if (model.provider) f.provider = model.provider;
    } else if (!f.model) {
      notes.push(
        `${f.evidence.path}:${f.evidence.line}: model comes from ${f.envRef}, which no scanned file defines`,
      );
    }
  }
  if (resolvedLines.size === 0) return;
  // The in-code fallback of a resolved env lookup is not what runs: drop its literal twin.
  s.findings = s.findings.filter(
    (f) =>
      f.envRef !== undefined ||
      !f.model ||
      !resolvedLines.has(`${f.evidence.path}:${f.evidence.line}:${f.model.id}`),
  );
}

/**
 * An IaC deployment whose model came through a variable: its deployment name and version (itself
 * perhaps a variable) join the model, and the deployment becomes known to code that calls it by name.
 */
function applyPending(
  model: ModelRef,
  f: Finding,
  env: EnvTable,
  root: string,
  deployments: Map<string, DeploymentDefinition>,
): ModelRef {
  const p = f.pending ?? {};
  const version =
    p.version ?? (p.versionRef ? env.lookup(p.versionRef, f.evidence.path, root)?.value.trim() : undefined);
  const cls = classifyModelId(model.id);
  const out: ModelRef = {
    ...model,
    id: cls?.id ?? model.id,
    provider: 'azure-openai',
    pinning: azureVersionPinning(version),
    ...(version && looksLikeIdentifier(version) ? { version } : {}),
    ...(p.deployment ? { deployment: p.deployment } : {}),
  };
  if (p.deployment && !deployments.has(p.deployment)) {
    deployments.set(p.deployment, {
      name: p.deployment,
      model: out.id,
      path: f.evidence.path,
      line: f.evidence.line,
      ...(out.version ? { version: out.version } : {}),
    });
  }
  return out;
}

/** Gateways that route other vendors' models (their model names are vendor ids or aliases). */
const ROUTERS: ReadonlySet<ProviderId> = new Set(['openrouter', 'portkey', 'litellm']);

/**
 * A unit whose client is pointed at one router (OpenRouter, Portkey, a LiteLLM proxy) in one file and
 * names models in another: `vendor/model` ids are that router's ids, not a vendor prefix over a bare
 * model and never a Hub repository.
 */
function routeThroughGateway(s: UnitState): void {
  const routers = new Set(
    s.findings
      .filter((f) => f.provider && ROUTERS.has(f.provider) && f.evidence.detector.endsWith(':client'))
      .map((f) => f.provider),
  );
  if (routers.size !== 1) return;
  const router = [...routers][0] as ProviderId;
  const reroute = (f: Finding): void => {
    const written = f.written;
    if (!written || !f.model || f.model.supplier) return;
    const vendor = VENDOR_PREFIX[written.slice(0, written.indexOf('/')).toLowerCase()];
    f.model = {
      id: written,
      ...(vendor ? { provider: vendor } : {}),
      pinning: f.model.pinning,
      supplier: router,
      resolvedFrom: f.model.resolvedFrom,
    };
    f.provider = router;
  };
  for (const f of s.findings) reroute(f);
  for (const f of s.gatewayCandidates) {
    reroute(f);
    s.findings.push(f);
  }
}

/** A library the unit's code imports only for utilities is no provider on the strength of its manifest. */
function dropUtilityOnly(s: UnitState): void {
  for (const p of s.utility) {
    if (s.findings.some((f) => (f.provider === p && f.kind !== 'dependency') || f.model?.provider === p))
      continue;
    s.findings = s.findings.filter((f) => !(f.provider === p && f.kind === 'dependency'));
  }
}

/**
 * Model arguments naming a constant (`model=CHAT_MODEL`) take the value the unit defines for it: the
 * same file's definition first, then the unit's. An env lookup's variable wins over its in-code default.
 */
/** Renames followed from a model argument to the constant that holds its value. */
const MAX_ALIAS_HOPS = 8;

function resolveConstants(s: UnitState, env: EnvTable): void {
  if (s.constantRefs.length === 0 || s.constants.length === 0) return;
  const byName = new Map<string, ConstantDefinition[]>();
  for (const c of s.constants) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  /** The definition a name means where it is used: its own file's first, else the unit's first. */
  const definition = (name: string, path: string): ConstantDefinition | undefined => {
    const defs = byName.get(name);
    return defs?.find((d) => d.finding.evidence.path === path) ?? defs?.[0];
  };
  for (const ref of s.constantRefs) {
    let def = definition(ref.name, ref.path);
    // Follow renames and copies to the definition that holds a value; a cycle or a dead end resolves nothing.
    const hops: ConstantDefinition[] = [];
    while (def?.alias !== undefined && hops.length < MAX_ALIAS_HOPS && !hops.includes(def)) {
      hops.push(def);
      def = definition(def.alias, def.finding.evidence.path);
    }
    if (!def || def.alias !== undefined) continue;
    const at = def.finding.evidence;
    let model: ModelRef | undefined;
    if (def.env) {
      const found = env.lookup(def.env, at.path, s.root);
      if (found) model = modelFromConstant(found.value, ref, `env:${def.env}@${found.path}`);
    }
    if (!model && def.value !== undefined) model = modelFromConstant(def.value, ref, 'literal');
    if (!model) continue;
    const id = model.id;
    // The definition's own literal, read without the caller's context, is the same model: keep one.
    s.findings = s.findings.filter(
      (f) => !(f.model?.id === id && f.evidence.path === at.path && f.evidence.line === at.line),
    );
    s.findings.push({ ...def.finding, evidence: { ...at }, provider: model.provider, model });
    // Each rename on the way is a site of the model too.
    for (const hop of hops) {
      const e = hop.finding.evidence;
      s.findings.push({ ...hop.finding, evidence: { ...e, detector: `${e.detector}-alias` }, model });
    }
    // The use site too: an auditor follows the model to where it is called.
    s.findings.push({
      kind: 'model-id',
      evidence: {
        path: ref.path,
        line: ref.line,
        detector: 'code:constant-use',
        confidence: 'medium',
        snippet: ref.snippet,
      },
      ...(model.provider ? { provider: model.provider } : {}),
      model,
    });
  }
}

/** Azure deployment names used by code become the model they deploy, pinned by its version. */
function mapDeployments(s: UnitState, deployments: ReadonlyMap<string, DeploymentDefinition>): void {
  if (deployments.size === 0) return;
  for (const f of s.findings) {
    const m = f.model;
    if (!m || m.provider !== 'azure-openai' || f.kind === 'infra') continue;
    const d = deployments.get(m.deployment ?? m.id);
    if (!d) continue;
    const cls = classifyModelId(d.model);
    f.model = {
      ...m,
      id: cls?.id ?? d.model,
      pinning: azureVersionPinning(d.version),
      deployment: d.name,
      ...(d.version ? { version: d.version } : {}),
      resolvedFrom: `${m.resolvedFrom === 'literal' ? '' : `${m.resolvedFrom}>`}deployment:${d.name}@${d.path}`,
    };
  }
}

function hasAiEvidence(s: UnitState): boolean {
  return s.components.length > 0 || s.findings.some((f) => f.provider !== undefined || f.model !== undefined);
}

/** One entry per (kind, name), at its first site; guardrail config paths relative to the unit. */
function systemComponents(s: UnitState): Component[] {
  const byKey = new Map<string, Component>();
  for (const c of s.components) {
    const name =
      c.kind === 'guardrail' && s.root !== '.' && c.name.startsWith(`${s.root}/`)
        ? c.name.slice(s.root.length + 1)
        : c.name;
    const key = `${c.kind}|${name}`;
    const prev = byKey.get(key);
    if (!prev || cmp(c.evidence.path, prev.evidence.path) < 0) byKey.set(key, { ...c, name });
  }
  return [...byKey.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.name, b.name));
}

/**
 * Files outside every unit (IaC in infra/, a root .env…) usually serve the repository's only app:
 * fold them into it. With several apps they stay a system of their own, and so does code: code
 * outside an app is never attributed to a neighbouring one.
 */
function mergeOrphanRoot(state: Map<string, UnitState>, units: Units): void {
  const orphan = state.get('.');
  if (!orphan || units.hasDeclaredRoot('.') || !hasAiEvidence(orphan)) return;
  if (orphan.findings.some((f) => f.evidence.detector.startsWith('code:'))) return;
  const apps = [...state.values()].filter(
    (s) => s.root !== '.' && hasAiEvidence(s) && units.units.get(s.root)?.kind !== 'workflow',
  );
  if (apps.length !== 1) return;
  const app = apps[0];
  if (!app) return;
  app.findings.push(...orphan.findings);
  app.components.push(...orphan.components);
  for (const h of orphan.hints) app.hints.add(h);
  app.deps.push(...orphan.deps);
  state.delete('.');
}

function effectiveProviders(findings: readonly Finding[]): ProviderId[] {
  const strong = new Set<ProviderId>();
  const weak: Finding[] = [];
  for (const f of findings) {
    // Who is called: the gateway when a model goes through one, else the model's vendor.
    const called = f.model?.supplier ?? f.model?.provider;
    if (called) strong.add(called);
    if (!f.provider) continue;
    if (f.supersededBy && f.supersededBy.length > 0) weak.push(f);
    else strong.add(f.provider);
  }
  const all = new Set(strong);
  for (const f of weak) if (f.provider) all.add(f.provider);
  for (const f of weak) {
    const p = f.provider;
    if (!p || strong.has(p)) continue;
    if (!(f.supersededBy ?? []).some((s) => all.has(s))) strong.add(p);
  }
  return [...strong].sort(cmp);
}

function buildSystem(
  s: UnitState,
  units: Units,
  target: string,
  readmes: ReadonlyMap<string, string>,
): DiscoveredSystem | undefined {
  if (!hasAiEvidence(s)) return undefined;
  const providers = effectiveProviders(s.findings);
  const modelKey = (m: ModelRef): string => `${m.id}|${m.version ?? ''}|${m.provider ?? ''}|${m.pinning}`;
  const models = new Map<string, ModelRef>();
  const sites = new Map<string, Map<string, { path: string; line: number }>>();
  for (const f of s.findings) {
    if (!f.model) continue;
    const key = modelKey(f.model);
    const prev = models.get(key);
    // Prefer the most direct explanation: a literal over a resolved or defaulted one.
    if (!prev || rankSource(f.model.resolvedFrom) < rankSource(prev.resolvedFrom)) models.set(key, f.model);
    const at = sites.get(key) ?? new Map<string, { path: string; line: number }>();
    at.set(`${f.evidence.path}:${f.evidence.line}`, { path: f.evidence.path, line: f.evidence.line });
    sites.set(key, at);
  }
  for (const [key, model] of models) {
    const list = [...(sites.get(key)?.values() ?? [])]
      .sort((a, b) => cmp(a.path, b.path) || a.line - b.line)
      .slice(0, MAX_SITES);
    models.set(key, { ...model, sites: list });
  }
  const modelList = [...models.values()].sort(
    (a, b) =>
      cmp(a.id, b.id) ||
      cmp(a.version ?? '', b.version ?? '') ||
      cmp(a.provider ?? '', b.provider ?? '') ||
      cmp(a.pinning, b.pinning) ||
      cmp(a.resolvedFrom, b.resolvedFrom),
  );
  const datasets = [...new Set(s.findings.map((f) => f.dataset).filter((d): d is string => !!d))].sort(cmp);
  const evidence = dedupeEvidence(s.findings.map((f) => f.evidence));
  const components = systemComponents(s);
  const info = units.units.get(s.root);
  const entries = [...(info?.entries ?? [])].sort(
    (a, b) => namePriority(a.path) - namePriority(b.path) || cmp(a.path, b.path),
  );
  const name =
    entries.find((e) => e.hint.name)?.hint.name ??
    (s.root === '.'
      ? basename(target.replace(/[\\/]+$/, '').replace(/\\/g, '/')) || 'root'
      : basename(s.root));
  const description = entries.find((e) => e.hint.description)?.hint.description;
  const readmeDir = info?.kind === 'workflow' ? undefined : s.root;
  const purpose = inferPurpose(
    description,
    readmeDir ? readmes.get(readmeDir) : undefined,
    s.hints,
    providers,
    modelList,
  );
  const libraries = [
    ...new Map(s.deps.map((d) => [`${d.ecosystem}|${d.name}|${d.version ?? ''}`, d])).values(),
  ]
    .sort(
      (a, b) => cmp(a.ecosystem, b.ecosystem) || cmp(a.name, b.name) || cmp(a.version ?? '', b.version ?? ''),
    )
    .map((d) => ({ ecosystem: d.ecosystem, name: d.name, ...(d.version ? { version: d.version } : {}) }));
  return {
    id: s.root === '.' ? 'sys-root' : `sys-${slugify(s.root)}`,
    name,
    purpose,
    root: s.root,
    providers,
    models: modelList,
    datasets,
    evidence,
    ...(components.length > 0 ? { components } : {}),
    ...(libraries.length > 0 ? { libraries } : {}),
  };
}

function rankSource(resolvedFrom: string): number {
  if (resolvedFrom === 'literal' || resolvedFrom === 'file') return 0;
  if (resolvedFrom === 'config' || resolvedFrom === 'download') return 1;
  if (resolvedFrom.startsWith('env:') || resolvedFrom.startsWith('deployment:')) return 2;
  return 3;
}

function dedupeEvidence(list: readonly Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of list) {
    const key = `${e.path}|${e.line}|${e.detector}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  const sorted = [...seen.values()].sort(
    (a, b) => cmp(a.path, b.path) || a.line - b.line || cmp(a.detector, b.detector),
  );
  return sorted.length > MAX_EVIDENCE ? sorted.slice(0, MAX_EVIDENCE) : sorted;
}

function uniquifyIds(systems: DiscoveredSystem[]): void {
  const used = new Map<string, number>();
  for (const s of systems) {
    const n = used.get(s.id) ?? 0;
    used.set(s.id, n + 1);
    if (n > 0) s.id = `${s.id}-${n + 1}`;
  }
}
