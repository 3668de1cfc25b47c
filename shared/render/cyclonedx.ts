// `aims scan --format cyclonedx`: an AI bill of materials (CycloneDX 1.6 JSON).
// Built with the CycloneDX library's models and normaliser; the 1.6 fields the library does not model
// yet (evidence occurrences and identity, model cards) are added to the normalised document by bom-ref.
// The library is large, so it is loaded only when a BOM is asked for.
import type * as Cdx from '@cyclonedx/cyclonedx-library';
import type { Models } from '@cyclonedx/cyclonedx-library';
import type { DiscoveredSystem, Evidence, ModelRef, ScanReport } from '../discovery';

export interface CycloneDxOptions {
  /** BOM timestamp; injected so output is repeatable. */
  timestamp?: Date;
}

type Json = Record<string, unknown>;
type Library = typeof Cdx;

interface Extras {
  evidence: Evidence[];
  modelCard?: Json;
}

const CONFIDENCE = { high: 0.9, medium: 0.6, low: 0.3 } as const;
const SHA256 = /^[0-9a-f]{64}$/;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function technique(evidence: Evidence): string {
  const detector = evidence.detector.toLowerCase();
  if (/manifest|dependenc|requirements|package/.test(detector)) return 'manifest-analysis';
  if (/model-file|weights|file-hash/.test(detector)) return 'filename';
  return 'source-code-analysis';
}

/** Evidence blocks for one component: where it was seen (occurrences) and how sure we are (identity). */
function evidenceJson(evidence: readonly Evidence[]): Json | undefined {
  if (evidence.length === 0) return undefined;
  const best = Math.max(...evidence.map((e) => CONFIDENCE[e.confidence]));
  const methods = new Map<string, number>();
  for (const e of evidence) {
    const key = technique(e);
    methods.set(key, Math.max(methods.get(key) ?? 0, CONFIDENCE[e.confidence]));
  }
  return {
    identity: [
      {
        field: 'name',
        confidence: best,
        methods: [...methods].sort().map(([name, confidence]) => ({ technique: name, confidence })),
      },
    ],
    occurrences: evidence.map((e) => ({
      location: e.path,
      line: e.line,
      additionalContext: `${e.detector} (${e.confidence}): ${e.snippet}`,
    })),
  };
}

/** Evidence naming the model, or in the file its id was resolved from ('env:X@.env', 'deployment:d@main.bicep'). */
function modelEvidence(system: DiscoveredSystem, model: ModelRef): Evidence[] {
  const from = /^(?:env|deployment):[^@=]*[@=](.+)$/.exec(model.resolvedFrom)?.[1];
  return system.evidence.filter(
    (e) => e.snippet.includes(model.id) || e.path === model.id || e.path === from,
  );
}

type DeclaredLibrary = NonNullable<DiscoveredSystem['libraries']>[number];

const PURL_TYPE: Record<string, string> = {
  npm: 'npm',
  pypi: 'pypi',
  go: 'golang',
  maven: 'maven',
  gem: 'gem',
  cargo: 'cargo',
  composer: 'composer',
  nuget: 'nuget',
  conda: 'conda',
};

/** '==1.2.3', '1.2.3', 'v1.2.3' name one version; ranges ('^1.2', '>=1,<2') do not. */
function exactVersion(spec: string | undefined): string | undefined {
  return spec ? /^(?:==|=)?\s*v?(\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?)$/.exec(spec.trim())?.[1] : undefined;
}

function purlOf(library: DeclaredLibrary): string | undefined {
  const type = PURL_TYPE[library.ecosystem];
  if (!type) return undefined;
  const name = type === 'maven' ? library.name.replace(':', '/') : library.name;
  const encoded = name.split('/').map(encodeURIComponent).join('/');
  const version = exactVersion(library.version);
  return `pkg:${type}/${encoded}${version ? `@${encodeURIComponent(version)}` : ''}`;
}

function libraryComponent(
  { Enums, Models }: Library,
  system: DiscoveredSystem,
  library: DeclaredLibrary,
  extras: Map<string, Extras>,
): Models.Component {
  const ref = `package:${system.id}:${library.ecosystem}:${library.name}`;
  const component = new Models.Component(Enums.ComponentType.Library, library.name, {
    bomRef: ref,
    description: `AI/ML library declared in a ${library.ecosystem} manifest`,
  });
  const version = exactVersion(library.version);
  if (version) component.version = version;
  const purl = purlOf(library);
  if (purl) component.purl = purl;
  if (library.version) component.properties.add(new Models.Property('aims:versionSpec', library.version));
  component.properties.add(new Models.Property('aims:ecosystem', library.ecosystem));
  extras.set(ref, { evidence: system.evidence.filter((e) => e.snippet.includes(library.name)) });
  return component;
}

function providerEvidence(system: DiscoveredSystem, provider: string): Evidence[] {
  const needle = squash(provider);
  return system.evidence.filter(
    (e) => squash(e.snippet).includes(needle) || squash(e.detector).includes(needle),
  );
}

function modelComponent(
  { Enums, Models }: Library,
  system: DiscoveredSystem,
  model: ModelRef,
  extras: Map<string, Extras>,
): Models.Component {
  const ref = `model:${system.id}:${model.provider ?? 'unknown'}:${model.id}`;
  const component = new Models.Component(Enums.ComponentType.MachineLearningModel, model.id, {
    bomRef: ref,
    description: `${model.contentHash ? 'Local model file' : 'Model'} used by ${system.name}`,
  });
  if (model.provider) component.publisher = model.provider;
  component.properties.add(new Models.Property('aims:pinning', model.pinning));
  component.properties.add(new Models.Property('aims:resolvedFrom', model.resolvedFrom));
  if (model.provider) component.properties.add(new Models.Property('aims:provider', model.provider));
  if (model.deployment) component.properties.add(new Models.Property('aims:deployment', model.deployment));
  if (model.format) component.properties.add(new Models.Property('aims:format', model.format));
  const hash = model.contentHash?.replace(/^sha256:/, '');
  if (hash && SHA256.test(hash)) component.hashes.set(Enums.HashAlgorithm['SHA-256'], hash);
  extras.set(ref, {
    evidence: modelEvidence(system, model),
    modelCard: {
      considerations: { useCases: [system.purpose] },
      properties: [
        { name: 'aims:pinning', value: model.pinning },
        { name: 'aims:system', value: system.id },
      ],
    },
  });
  return component;
}

function systemComponent(
  cdx: Library,
  system: DiscoveredSystem,
  extras: Map<string, Extras>,
): Models.Component {
  const { Enums, Models } = cdx;
  const ref = `system:${system.id}`;
  const app = new Models.Component(Enums.ComponentType.Application, system.name, {
    bomRef: ref,
    description: system.purpose,
  });
  app.properties.add(new Models.Property('aims:systemId', system.id));
  app.properties.add(new Models.Property('aims:root', system.root));
  for (const dataset of system.datasets) app.properties.add(new Models.Property('aims:dataset', dataset));
  const attributed = new Set<Evidence>();
  for (const provider of system.providers) {
    const libRef = `provider:${system.id}:${provider}`;
    const lib = new Models.Component(Enums.ComponentType.Library, provider, {
      bomRef: libRef,
      description: `AI provider, SDK or framework: ${provider}`,
    });
    lib.properties.add(new Models.Property('aims:provider', provider));
    const evidence = providerEvidence(system, provider);
    evidence.forEach((e) => attributed.add(e));
    extras.set(libRef, { evidence });
    app.components.add(lib);
    app.dependencies.add(lib.bomRef);
  }
  for (const library of system.libraries ?? []) {
    const component = libraryComponent(cdx, system, library, extras);
    extras.get(component.bomRef.value ?? '')?.evidence.forEach((e) => attributed.add(e));
    app.components.add(component);
    app.dependencies.add(component.bomRef);
  }
  for (const model of system.models) {
    const component = modelComponent(cdx, system, model, extras);
    extras.get(component.bomRef.value ?? '')?.evidence.forEach((e) => attributed.add(e));
    app.components.add(component);
    app.dependencies.add(component.bomRef);
  }
  // What no component claims stays with the system, so no evidence is lost.
  extras.set(ref, { evidence: system.evidence.filter((e) => !attributed.has(e)) });
  return app;
}

function enrich(components: unknown, extras: Map<string, Extras>): void {
  if (!Array.isArray(components)) return;
  for (const component of components as Json[]) {
    const extra = extras.get(String(component['bom-ref']));
    if (extra) {
      const evidence = evidenceJson(extra.evidence);
      if (evidence) component.evidence = { ...(component.evidence as Json | undefined), ...evidence };
      if (extra.modelCard) component.modelCard = extra.modelCard;
    }
    enrich(component.components, extras);
  }
}

/** The normalised CycloneDX 1.6 document as a plain object. */
export async function cycloneDxDocument(report: ScanReport, options: CycloneDxOptions = {}): Promise<Json> {
  const cdx: Library = await import('@cyclonedx/cyclonedx-library');
  const { Enums, Models, Serialize, Spec } = cdx;
  const extras = new Map<string, Extras>();
  const bom = new Models.Bom();
  if (options.timestamp) bom.metadata.timestamp = options.timestamp;
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'aims-lens'));
  const subject = new Models.Component(Enums.ComponentType.Application, report.target, {
    bomRef: 'scan-target',
  });
  subject.properties.add(new Models.Property('aims:scannedFiles', String(report.scannedFiles)));
  subject.properties.add(new Models.Property('aims:warnings', String(report.warnings.length)));
  bom.metadata.component = subject;
  for (const system of report.systems) {
    const component = systemComponent(cdx, system, extras);
    bom.components.add(component);
    subject.dependencies.add(component.bomRef);
  }
  const normalizer = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6).makeForBom();
  const document = normalizer.normalize(bom, { sortLists: true }) as unknown as Json;
  enrich(document.components, extras);
  return document;
}

export async function cycloneDxJson(report: ScanReport, options: CycloneDxOptions = {}): Promise<string> {
  return JSON.stringify(await cycloneDxDocument(report, options), null, 2);
}
