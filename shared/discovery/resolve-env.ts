// Env / config indirection: `os.environ["OPENAI_MODEL"]` + `OPENAI_MODEL=gpt-4o` in .env.example
// → model gpt-4o, resolvedFrom 'env:OPENAI_MODEL@.env.example'.
import type { Finding, ModelRef, ProviderId } from './findings';
import { classifyHuggingFaceId, classifyModelId, classifyOllamaTag, looksLikeIdentifier } from './model-ids';
import { depth, dirname, isWithin } from './paths';
import { shellDefaultOf } from './substitute';
import type { ConstantReference } from './types';

export interface EnvDefinition {
  key: string;
  value: string;
  path: string;
  root: string;
}

/** 'OPENAI_MODEL', 'openai_model', 'openAiModel', 'OpenAI:Model' all meet here. */
export function normaliseEnvKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class EnvTable {
  private readonly byKey = new Map<string, EnvDefinition[]>();

  add(raw: EnvDefinition): void {
    // `${AZURE_OPENAI_MODEL=gpt-4o}` (azd parameters, compose): the default is what runs unless overridden.
    const fallback = shellDefaultOf(raw.value);
    const def = fallback !== undefined && fallback !== '' ? { ...raw, value: fallback } : raw;
    const key = normaliseEnvKey(def.key);
    const list = this.byKey.get(key) ?? [];
    list.push(def);
    this.byKey.set(key, list);
  }

  /** Best definition for a reference made in `path` (unit `root`): same unit, then enclosing folders, then anywhere. */
  lookup(name: string, path: string, root: string): EnvDefinition | undefined {
    const list = this.byKey.get(normaliseEnvKey(name));
    if (!list || list.length === 0) return undefined;
    const rank = (d: EnvDefinition): number => {
      if (d.root === root) return 0;
      if (isWithin(path, dirname(d.path))) return 1;
      return 2;
    };
    return [...list].sort((a, b) => {
      const r = rank(a) - rank(b);
      if (r !== 0) return r;
      // Closer (deeper) definitions first, then a stable path order; templated values last.
      const t = Number(a.value.includes('${')) - Number(b.value.includes('${'));
      if (t !== 0) return t;
      const d = depth(dirname(b.path)) - depth(dirname(a.path));
      return d !== 0 ? d : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
    })[0];
  }
}

/** Turns a resolved env value into a model reference, using the reference's provider hint. */
export function modelFromEnvValue(finding: Finding, def: EnvDefinition): ModelRef | undefined {
  const value = def.value.trim();
  if (!looksLikeIdentifier(value)) return undefined;
  const resolvedFrom = `env:${finding.envRef ?? def.key}@${def.path}`;
  const hint = finding.provider;
  const cls = classifyModelId(value);
  if (cls) {
    const provider = hint === 'azure-openai' && cls.provider === 'openai' ? 'azure-openai' : cls.provider;
    return { id: cls.id, provider, pinning: cls.pinning, resolvedFrom };
  }
  if (hint === 'azure-openai')
    return { id: value, provider: 'azure-openai', pinning: 'unknown', resolvedFrom, deployment: value };
  if (hint === 'ollama') {
    const tag = classifyOllamaTag(value);
    if (tag) return { id: tag.id, provider: 'ollama', pinning: tag.pinning, resolvedFrom };
  }
  const hf = value.includes('/') ? classifyHuggingFaceId(value) : undefined;
  if (hf) return { id: hf.id, provider: hf.provider, pinning: hf.pinning, resolvedFrom };
  return { id: value, ...(hint ? { provider: hint } : {}), pinning: 'unknown', resolvedFrom };
}

/** Providers whose model arguments take Hugging Face Hub ids. */
const HF_READERS: readonly ProviderId[] = [
  'transformers',
  'huggingface-hub',
  'sentence-transformers',
  'peft',
  'vllm',
  'tgi',
  'langchain',
  'llama-cpp',
];
const HF_CALLS = new Set([
  'from_pretrained',
  'SentenceTransformer',
  'CrossEncoder',
  'snapshot_download',
  'hf_hub_download',
]);

/**
 * A constant's value read the way the referencing call uses it: a hosted id on its own, an Ollama tag
 * or Hub id only where the caller talks to Ollama or loads from the Hub. Anything else is not a model.
 */
export function modelFromConstant(
  value: string,
  ref: ConstantReference,
  resolvedFrom: string,
): ModelRef | undefined {
  const v = value.trim();
  if (!looksLikeIdentifier(v)) return undefined;
  const has = (p: ProviderId): boolean => ref.providers.includes(p);
  const cls = classifyModelId(v);
  if (cls) {
    // The caller's SDK decides who is called: Gemini or Claude through Vertex AI are Vertex AI.
    const provider =
      cls.provider === 'openai' && has('azure-openai') && !ref.strongOpenAI
        ? 'azure-openai'
        : (cls.provider === 'google-genai' && has('vertex-ai') && !has('google-genai')) ||
            (cls.provider === 'anthropic' && has('vertex-ai') && !has('anthropic'))
          ? 'vertex-ai'
          : cls.provider;
    return { id: cls.id, provider, pinning: cls.pinning, resolvedFrom };
  }
  if (/deployment/i.test(ref.key) && has('azure-openai'))
    return { id: v, provider: 'azure-openai', pinning: 'unknown', resolvedFrom, deployment: v };
  if (has('ollama')) {
    const tag = classifyOllamaTag(v);
    if (tag) return { id: tag.id, provider: 'ollama', pinning: tag.pinning, resolvedFrom };
  }
  if (HF_READERS.some(has) && (v.includes('/') || HF_CALLS.has(ref.key))) {
    const hf = classifyHuggingFaceId(v);
    if (hf) return { id: hf.id, provider: hf.provider, pinning: hf.pinning, resolvedFrom };
  }
  return undefined;
}
