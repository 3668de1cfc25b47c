// Models that libraries pick when the code names none, by library version range.
// The table is data: extend it when a library changes its default.
import type { ModelRef, ProviderId } from './findings';
import { classifyHuggingFaceId, classifyModelId } from './model-ids';
import type { DeclaredDependency, Ecosystem } from './types';
import { ownEntry } from './lookup';

// Upper bounds are the newest release line whose source was checked, not a guess about the next one:
// a version past every range reports no default rather than a stale one.
interface DefaultEntry {
  /** Package that owns the default, as declared in manifests. */
  library: string;
  ecosystem: Ecosystem;
  /** Half-open version ranges [from, to); undefined bounds are open. */
  ranges: Array<{ from?: string; to?: string; model: string }>;
  provider: ProviderId;
}

/** Keyed by the request key emitted by the code detectors. */
export const LIBRARY_DEFAULTS: Record<string, DefaultEntry> = {
  'langchain-openai:ChatOpenAI': {
    library: 'langchain-openai',
    ecosystem: 'pypi',
    provider: 'openai',
    // `model_name` default unchanged through the 1.x line.
    ranges: [{ to: '2.0.0', model: 'gpt-3.5-turbo' }],
  },
  'langchain:ChatOpenAI': {
    library: 'langchain',
    ecosystem: 'pypi',
    provider: 'openai',
    ranges: [{ to: '0.4.0', model: 'gpt-3.5-turbo' }],
  },
  'langchain-openai:OpenAIEmbeddings': {
    library: 'langchain-openai',
    ecosystem: 'pypi',
    provider: 'openai',
    ranges: [{ to: '1.0.0', model: 'text-embedding-ada-002' }],
  },
  'openai-agents:Agent': {
    library: 'openai-agents',
    ecosystem: 'pypi',
    provider: 'openai',
    ranges: [
      { to: '0.2.9', model: 'gpt-4o' },
      { from: '0.2.9', model: 'gpt-4.1' },
    ],
  },
  'llama-index-llms-openai:OpenAI': {
    library: 'llama-index-llms-openai',
    ecosystem: 'pypi',
    provider: 'openai',
    ranges: [{ to: '0.3.0', model: 'gpt-3.5-turbo' }],
  },
  '@langchain/openai:ChatOpenAI': {
    library: '@langchain/openai',
    ecosystem: 'npm',
    provider: 'openai',
    // `model` field default unchanged through the 1.x line.
    ranges: [{ to: '2.0.0', model: 'gpt-3.5-turbo' }],
  },
  '@langchain/openai:OpenAIEmbeddings': {
    library: '@langchain/openai',
    ecosystem: 'npm',
    provider: 'openai',
    ranges: [{ to: '2.0.0', model: 'text-embedding-ada-002' }],
  },
  '@openai/agents:Agent': {
    library: '@openai/agents',
    ecosystem: 'npm',
    provider: 'openai',
    ranges: [{ model: 'gpt-4.1' }],
  },
};

/** transformers pipeline() task defaults; checkpoints moved under organisations in 4.38. */
const PIPELINE_DEFAULTS: Record<string, [legacy: string, current: string]> = {
  'sentiment-analysis': [
    'distilbert-base-uncased-finetuned-sst-2-english',
    'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
  ],
  'text-classification': [
    'distilbert-base-uncased-finetuned-sst-2-english',
    'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
  ],
  'text-generation': ['gpt2', 'openai-community/gpt2'],
  summarization: ['sshleifer/distilbart-cnn-12-6', 'sshleifer/distilbart-cnn-12-6'],
  ner: [
    'dbmdz/bert-large-cased-finetuned-conll03-english',
    'dbmdz/bert-large-cased-finetuned-conll03-english',
  ],
  'token-classification': [
    'dbmdz/bert-large-cased-finetuned-conll03-english',
    'dbmdz/bert-large-cased-finetuned-conll03-english',
  ],
  'question-answering': [
    'distilbert-base-cased-distilled-squad',
    'distilbert/distilbert-base-cased-distilled-squad',
  ],
  'zero-shot-classification': ['facebook/bart-large-mnli', 'facebook/bart-large-mnli'],
  'fill-mask': ['distilroberta-base', 'distilbert/distilroberta-base'],
  'feature-extraction': ['distilbert-base-cased', 'distilbert/distilbert-base-cased'],
  'text2text-generation': ['t5-base', 'google-t5/t5-base'],
  translation_en_to_fr: ['t5-base', 'google-t5/t5-base'],
  translation_en_to_de: ['t5-base', 'google-t5/t5-base'],
  'automatic-speech-recognition': ['facebook/wav2vec2-base-960h', 'facebook/wav2vec2-base-960h'],
  'image-classification': ['google/vit-base-patch16-224', 'google/vit-base-patch16-224'],
  'object-detection': ['facebook/detr-resnet-50', 'facebook/detr-resnet-50'],
};
const PIPELINE_ORG_SINCE = '4.38.0';

/** '==0.1.8' → '0.1.8'; ranges stay as written; absent → '*'. */
function versionLabel(spec: string | undefined): string {
  if (!spec) return '*';
  const exact = /^(?:==|===)?\s*v?(\d+(?:\.\d+)*)$/.exec(spec.trim());
  return exact?.[1] ?? spec.trim().replace(/\s+/g, '');
}

function parseVersion(v: string): number[] | undefined {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
  if (!m) return undefined;
  return [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The lowest version a declared spec allows ('^0.2.0' → 0.2.0, '>=0.1,<0.2' → 0.1.0, '==0.1.8'
 * → 0.1.8). Upper-bound-only specs ('<0.3') say nothing about the installed version: undefined.
 */
export function lowestAllowed(spec: string | undefined): number[] | undefined {
  if (!spec) return undefined;
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (/^(?:<|!=)/.test(p)) continue;
    const v = parseVersion(p);
    if (v) return v;
  }
  return undefined;
}

function inRange(version: readonly number[], from?: string, to?: string): boolean {
  const lo = from ? parseVersion(from) : undefined;
  const hi = to ? parseVersion(to) : undefined;
  return (!lo || compare(version, lo) >= 0) && (!hi || compare(version, hi) < 0);
}

function findDependency(
  deps: readonly DeclaredDependency[],
  library: string,
  ecosystem: Ecosystem,
): DeclaredDependency | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_.]+/g, '-');
  return deps.find(
    (d) =>
      (d.ecosystem === ecosystem || (ecosystem === 'pypi' && d.ecosystem === 'conda')) &&
      norm(d.name) === norm(library),
  );
}

/** Resolves a default request against the unit's declared dependencies. */
export function resolveDefault(key: string, deps: readonly DeclaredDependency[]): ModelRef | undefined {
  if (key.startsWith('transformers:pipeline:')) {
    const task = key.slice('transformers:pipeline:'.length);
    const pair = ownEntry(PIPELINE_DEFAULTS, task);
    if (!pair) return undefined;
    const dep = findDependency(deps, 'transformers', 'pypi');
    const version = lowestAllowed(dep?.version);
    const org = parseVersion(PIPELINE_ORG_SINCE) ?? [];
    const id = version && compare(version, org) < 0 ? pair[0] : pair[1];
    const hf = classifyHuggingFaceId(id);
    return {
      id,
      provider: hf?.provider ?? 'huggingface-hub',
      pinning: 'implicit-default',
      resolvedFrom: `default:transformers@${versionLabel(dep?.version)}`,
    };
  }
  const entry = ownEntry(LIBRARY_DEFAULTS, key);
  if (!entry) return undefined;
  const dep = findDependency(deps, entry.library, entry.ecosystem);
  const version = lowestAllowed(dep?.version);
  // Unknown version: assume the newest entry, and say so with '*'.
  const range = version
    ? entry.ranges.find((r) => inRange(version, r.from, r.to))
    : entry.ranges[entry.ranges.length - 1];
  if (!range) return undefined;
  const cls = classifyModelId(range.model);
  return {
    id: range.model,
    provider: cls?.provider ?? entry.provider,
    pinning: 'implicit-default',
    resolvedFrom: `default:${entry.library}@${versionLabel(dep?.version)}`,
  };
}
