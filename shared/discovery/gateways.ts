// Gateways and routers: LiteLLM `provider/model` routing strings, LiteLLM proxy configs, and
// OpenAI-compatible endpoints chosen by `base_url` (OpenRouter, Groq, Together, Portkey, a LiteLLM proxy…).
// A model reached through one keeps its vendor as `provider` and names the gateway as `supplier`.
import type { ModelRef, ProviderId } from './findings';
import { classifyModelId, classifyOllamaTag } from './model-ids';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

/** LiteLLM's provider prefixes (the part before the first `/`) → the API actually called. */
const LITELLM_ROUTES: Readonly<Record<string, ProviderId>> = {
  openai: 'openai',
  text_completion_openai: 'openai',
  azure: 'azure-openai',
  azure_ai: 'azure-openai',
  anthropic: 'anthropic',
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
  sagemaker: 'aws-sagemaker',
  vertex_ai: 'vertex-ai',
  vertex_ai_beta: 'vertex-ai',
  gemini: 'google-genai',
  mistral: 'mistral',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  groq: 'groq',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  together_ai: 'together-ai',
  fireworks_ai: 'fireworks-ai',
  deepseek: 'deepseek',
  xai: 'xai',
  perplexity: 'perplexity',
  openrouter: 'openrouter',
  huggingface: 'huggingface-hub',
  hosted_vllm: 'vllm',
  vllm: 'vllm',
};

/**
 * A LiteLLM routing string `provider/model`: the model and the API it is sent to. `openrouter/…` keeps
 * the vendor/model id OpenRouter uses; `azure/<deployment>` names a deployment, not a model.
 */
export function routeModel(value: string): ModelRef | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0) return undefined;
  const route = LITELLM_ROUTES[value.slice(0, slash).toLowerCase()];
  const rest = value.slice(slash + 1);
  if (!route || rest === '') return undefined;
  const resolvedFrom = 'literal';
  if (route === 'ollama') {
    const tag = classifyOllamaTag(rest);
    return tag ? { id: tag.id, provider: 'ollama', pinning: tag.pinning, resolvedFrom } : undefined;
  }
  if (route === 'azure-openai')
    return { id: rest, provider: 'azure-openai', pinning: 'unknown', deployment: rest, resolvedFrom };
  if (route === 'openrouter') return { id: rest, pinning: 'floating', supplier: 'openrouter', resolvedFrom };
  const cls = classifyModelId(rest);
  if (cls) {
    const provider =
      route === 'vertex-ai' || route === 'aws-bedrock' || route === 'google-genai' ? route : cls.provider;
    return { id: cls.id, provider, pinning: cls.pinning, resolvedFrom };
  }
  if (!/^[A-Za-z0-9][\w.:/-]{0,150}$/.test(rest)) return undefined;
  return { id: rest, provider: route, pinning: 'floating', resolvedFrom };
}

/** Hosts of OpenAI-compatible endpoints → the supplier that answers. */
const ENDPOINT_HOSTS: Array<[RegExp, ProviderId]> = [
  [/openrouter\.ai/i, 'openrouter'],
  [/api\.groq\.com/i, 'groq'],
  [/api\.together\.(?:xyz|ai)/i, 'together-ai'],
  [/api\.fireworks\.ai/i, 'fireworks-ai'],
  [/api\.deepseek\.com/i, 'deepseek'],
  [/api\.x\.ai\b/i, 'xai'],
  [/api\.perplexity\.ai/i, 'perplexity'],
  [/portkey/i, 'portkey'],
  [/litellm|:4000\b/i, 'litellm'],
  [/:11434\b/, 'ollama'],
];

/** A line that sets an OpenAI-compatible client's endpoint. */
const BASE_URL_LINE =
  /\b(?:base_?url|baseURL|baseUrl|BaseURL|api_base|apiBase|OPENAI_BASE_URL|OPENAI_API_BASE|[A-Z]+_BASE_URL|PORTKEY_GATEWAY_URL)\b[^\n]{0,240}/g;

/** The supplier a line's endpoint points at, if it is a known gateway or OpenAI-compatible host. */
export function endpointSupplier(line: string): ProviderId | undefined {
  for (const [re, provider] of ENDPOINT_HOSTS) if (re.test(line)) return provider;
  return undefined;
}

/** Endpoint lines in a file: each gateway it points at, with the offset of the line. */
export function endpointLines(text: string): Array<{ supplier: ProviderId; offset: number }> {
  const out: Array<{ supplier: ProviderId; offset: number }> = [];
  if (!/base_?url|baseURL|baseUrl|BaseURL|api_base|apiBase|_BASE_URL|GATEWAY_URL/.test(text)) return out;
  for (const m of text.matchAll(BASE_URL_LINE)) {
    const supplier = endpointSupplier(m[0]);
    if (supplier) out.push({ supplier, offset: m.index ?? 0 });
  }
  return out;
}

export function looksLikeLiteLLMConfig(text: string): boolean {
  return text.includes('model_list') && text.includes('litellm_params');
}

/**
 * A LiteLLM proxy `config.yaml`: every `litellm_params.model` is a routed model the proxy calls;
 * `model_name` is only the alias clients ask for, not a model.
 */
export function analyseLiteLLMConfig(path: string, text: string, analysis: FileAnalysis): void {
  const index = new LineIndex(text);
  const first = text.indexOf('model_list');
  const at = (offset: number) => {
    const line = index.lineOf(offset);
    return {
      kind: 'config' as const,
      path,
      line,
      detector: 'gateway:litellm-config',
      confidence: 'high' as const,
      snippet: index.lineText(line),
    };
  };
  analysis.findings.push(makeFinding({ ...at(first), provider: 'litellm' }));
  for (const m of text.matchAll(
    /litellm_params:[ \t]*\r?\n(?:[ \t]+[^\n]*\r?\n){0,12}?[ \t]+model:[ \t]*["']?([^\s"'#]{2,200})/g,
  )) {
    const value = m[1] ?? '';
    const offset = (m.index ?? 0) + m[0].lastIndexOf('model:');
    const model = routeModel(value) ?? classifyAsIs(value);
    if (model)
      analysis.findings.push(
        makeFinding({ ...at(offset), provider: model.supplier ?? model.provider, model }),
      );
  }
  for (const m of text.matchAll(/^[ \t]*(api_key|api_base):[ \t]*[^\n]+/gm))
    analysis.findings.push(makeFinding(at(m.index ?? 0)));
}

function classifyAsIs(value: string): ModelRef | undefined {
  const cls = classifyModelId(value);
  return cls
    ? { id: cls.id, provider: cls.provider, pinning: cls.pinning, resolvedFrom: 'literal' }
    : undefined;
}
