// Recognising model identifiers and how firmly they are pinned.
// Regexes are anchored, have no nested quantifiers and only ever see short strings.
import type { Pinning, ProviderId } from './findings';

export interface ModelIdClass {
  /** Normalised id (publisher/route prefixes like 'models/' or 'openai/' removed). */
  id: string;
  provider: ProviderId;
  pinning: Pinning;
}

const MAX_ID = 160;

const OPENAI =
  /^(?:gpt-(?:3\.5|35|4o|4\.1|4\.5|4|5\.\d|5|oss)(?:-(?:mini|nano|turbo|preview|audio|realtime|search|instruct|vision|transcribe|tts|codex|pro|chat|latest|\d+k|\d+b|\d{2,4}))*|o[1345](?:-[a-z0-9]+)*|chatgpt-4o-latest|text-embedding-(?:ada-002|3-small|3-large)|dall-e-[23]|whisper-1|tts-1(?:-hd)?|gpt-image-1(?:-mini)?|omni-moderation-latest|text-moderation-(?:latest|stable)|davinci-002|babbage-002|codex-mini-latest|computer-use-preview)$/;
const OPENAI_FINE_TUNE = /^ft:(?:gpt|davinci|babbage)[a-z0-9.:_-]*$/;
const OPENAI_IMMUTABLE = /^(?:text-embedding-|whisper-|tts-|dall-e-|davinci-002|babbage-002)/;
const ANTHROPIC = /^claude-[a-z0-9.-]+(?:@\d{8})?$/;
const BEDROCK =
  /^(?:(?:us|eu|apac|us-gov|global|jp|au|ca)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|stability|deepseek|writer|qwen|openai|twelvelabs|luma)\.[a-z0-9][a-z0-9.:_-]*$/;
const BEDROCK_ARN =
  /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(?:foundation-model|inference-profile)\/([a-z0-9.:_-]+)$/;
const VERTEX_PATH =
  /^(?:projects\/[\w.-]{1,80}\/locations\/[\w-]{1,40}\/)?publishers\/(google|anthropic|meta|mistralai|ai21|cohere)\/models\/([A-Za-z0-9][\w.@-]{1,100})$/;
const GEMINI =
  /^(?:gemini-[a-z0-9.-]+|text-embedding-00\d|text-multilingual-embedding-00\d|gemini-embedding-[a-z0-9-]+|imagen-[a-z0-9.-]+|embedding-001|text-bison(?:@\d+)?|chat-bison(?:@\d+)?)$/;
const MISTRAL =
  /^(?:mistral-(?:large|medium|small|tiny|embed|saba|moderation|ocr)(?:-[a-z0-9]+)*|open-(?:mistral|mixtral|codestral)[a-z0-9.-]*|(?:codestral|ministral|pixtral|magistral|devstral)-[a-z0-9-]+)$/;
const COHERE =
  /^(?:command-(?:r|r-plus|r7b|a|light|nightly|xlarge)(?:-[a-z0-9]+)*|embed-(?:english|multilingual)(?:-light)?-v\d\.\d|embed-v4\.0|rerank-(?:english|multilingual)-v\d\.\d|rerank-v\d\.\d|c4ai-aya-[a-z0-9-]+)$/;

const HF_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;
/** First path segments that are almost always local folders, not Hub organisations. */
const LOCAL_DIRS =
  /^(?:outputs?|models?|checkpoints?|ckpts?|saved_models?|artifacts?|data|datasets|tmp|temp|runs|results|weights|cache|local|src|app|lib|public|static|assets|config|configs|\.)$/i;
const FILE_EXT = /\.(?:py|js|ts|json|ya?ml|txt|md|bin|pt|pth|onnx|gguf|safetensors|h5|pkl|csv|parquet)$/i;
/** Hub ids that predate organisations and still resolve (canonical checkpoints). */
const LEGACY_HF =
  /^(?:bert|distilbert|roberta|distilroberta|gpt2|distilgpt2|t5|albert|xlnet|xlm-roberta|xlm|bart|camembert|electra|deberta|ctrl|openai-gpt|transfo-xl)(?:-[a-z0-9]+)*$/;
const OLLAMA_TAG = /^[a-z0-9][a-z0-9._-]{0,60}(?:\/[a-z0-9._-]{1,60})?(?::[a-z0-9._-]{1,60})?$/i;
const HEX_REV = /^[0-9a-f]{7,40}$/i;

const DATE_SNAPSHOT = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

function openaiPinning(id: string): Pinning {
  if (id.startsWith('ft:')) return 'version';
  if (/-\d{4}-\d{2}-\d{2}(?:$|-)/.test(id)) return 'snapshot';
  // Older four-digit snapshots: gpt-4-0613, gpt-3.5-turbo-0125, gpt-4-1106-preview.
  if (/-(?:0[1-9]|1[0-2])\d{2}(?:-preview)?$/.test(id)) return 'snapshot';
  if (OPENAI_IMMUTABLE.test(id)) return 'version';
  return 'floating';
}

function anthropicPinning(id: string): Pinning {
  if (DATE_SNAPSHOT.test(id) || /@\d{8}$/.test(id)) return 'snapshot';
  return 'floating';
}

function bedrockPinning(id: string): Pinning {
  if (/-v\d+(?::\d+)?$/.test(id) || /:\d+$/.test(id)) return 'version';
  return 'floating';
}

function geminiPinning(id: string): Pinning {
  if (id.endsWith('-latest')) return 'floating';
  if (/-preview-\d{2}-\d{2}$/.test(id) || /-\d{2}-\d{4}$/.test(id)) return 'snapshot';
  if (/-\d{3}$/.test(id) || /@\d{3}$/.test(id)) return 'version';
  return 'floating';
}

function mistralPinning(id: string): Pinning {
  if (id.endsWith('-latest')) return 'floating';
  if (/-\d{4}$/.test(id)) return 'snapshot';
  return 'floating';
}

function coherePinning(id: string): Pinning {
  if (/-\d{2}-\d{4}$/.test(id)) return 'snapshot';
  if (/-v\d\.\d$/.test(id)) return 'version';
  return 'floating';
}

/** Strips routing prefixes used by gateways and SDKs ('models/gemini-pro', 'openai/gpt-4o'). */
function stripPrefix(raw: string): { id: string; route?: string } {
  const slash = raw.indexOf('/');
  if (slash > 0 && raw.indexOf('/', slash + 1) === -1) {
    const head = raw.slice(0, slash).toLowerCase();
    if (
      [
        'models',
        'openai',
        'anthropic',
        'google',
        'gemini',
        'mistral',
        'mistralai',
        'cohere',
        'bedrock',
        'azure',
        'vertex_ai',
        'vertex',
      ].includes(head)
    ) {
      return { id: raw.slice(slash + 1), route: head };
    }
  }
  // LangChain's init_chat_model and the Vercel gateway use 'provider:model'.
  const colon = raw.indexOf(':');
  if (colon > 0) {
    const head = raw.slice(0, colon).toLowerCase();
    if (
      [
        'openai',
        'anthropic',
        'google_genai',
        'google_vertexai',
        'mistralai',
        'cohere',
        'bedrock',
        'azure_openai',
      ].includes(head)
    ) {
      return { id: raw.slice(colon + 1), route: head };
    }
  }
  return { id: raw };
}

/**
 * Classifies a string that is distinctive enough to be a model id on its own (a hosted API model).
 * Hugging Face ids and Ollama tags are not distinctive: see classifyHuggingFaceId / classifyOllamaTag.
 */
export function classifyModelId(raw: string): ModelIdClass | undefined {
  const trimmed = raw.trim();
  if (trimmed.length < 2 || trimmed.length > MAX_ID) return undefined;
  // Vertex AI resource paths: projects/…/locations/…/publishers/<vendor>/models/<id>.
  const vertex = VERTEX_PATH.exec(trimmed);
  if (vertex?.[2]) {
    const id = vertex[2];
    const pinning = vertex[1] === 'anthropic' ? anthropicPinning(id) : geminiPinning(id);
    return { id, provider: 'vertex-ai', pinning };
  }
  const arn = BEDROCK_ARN.exec(trimmed);
  if (arn?.[1]) return { id: arn[1], provider: 'aws-bedrock', pinning: bedrockPinning(arn[1]) };
  const { id, route } = stripPrefix(trimmed);
  if (BEDROCK.test(id)) return { id, provider: 'aws-bedrock', pinning: bedrockPinning(id) };
  if (OPENAI.test(id) || OPENAI_FINE_TUNE.test(id)) {
    const provider = route === 'azure' || route === 'azure_openai' ? 'azure-openai' : 'openai';
    return { id, provider, pinning: openaiPinning(id) };
  }
  if (ANTHROPIC.test(id)) {
    const provider = id.includes('@') || route === 'vertex_ai' ? 'vertex-ai' : 'anthropic';
    return { id, provider, pinning: anthropicPinning(id) };
  }
  if (GEMINI.test(id)) {
    const provider =
      route === 'vertex_ai' || route === 'google_vertexai' || route === 'vertex'
        ? 'vertex-ai'
        : 'google-genai';
    return { id, provider, pinning: geminiPinning(id) };
  }
  if (MISTRAL.test(id)) return { id, provider: 'mistral', pinning: mistralPinning(id) };
  if (COHERE.test(id)) return { id, provider: 'cohere', pinning: coherePinning(id) };
  return undefined;
}

/** Pinning implied by a Hugging Face `revision=` argument. */
export function revisionPinning(revision: string | undefined): Pinning {
  if (!revision) return 'floating';
  if (HEX_REV.test(revision)) return 'hash';
  if (revision === 'main' || revision === 'master') return 'floating';
  return 'version';
}

/** A Hub repo id ('org/name', or a legacy canonical id like 'bert-base-uncased') used in a loading call. */
export function classifyHuggingFaceId(raw: string, revision?: string): ModelIdClass | undefined {
  const id = raw.trim();
  if (id.length < 3 || id.length > MAX_ID) return undefined;
  if (HF_ID.test(id)) {
    const org = id.slice(0, id.indexOf('/'));
    if (LOCAL_DIRS.test(org) || FILE_EXT.test(id) || id.includes('..')) return undefined;
    return { id, provider: 'huggingface-hub', pinning: revisionPinning(revision) };
  }
  if (LEGACY_HF.test(id)) return { id, provider: 'huggingface-hub', pinning: revisionPinning(revision) };
  return undefined;
}

/** An Ollama model tag: 'llama3.1:8b' (explicit size/quant = version), 'llama3' or ':latest' = floating. */
export function classifyOllamaTag(raw: string): ModelIdClass | undefined {
  const id = raw.trim();
  if (id.length < 2 || id.length > 120 || !OLLAMA_TAG.test(id)) return undefined;
  if (/^\d+(?:\.\d+)*$/.test(id)) return undefined;
  const colon = id.indexOf(':');
  const tag = colon === -1 ? '' : id.slice(colon + 1).toLowerCase();
  const explicit =
    tag !== '' &&
    tag !== 'latest' &&
    /(?:^|[-_.])(?:\d+(?:\.\d+)?[bmk]|e\d+b|q\d|fp16|fp32|bf16|int[48])/.test(tag);
  return { id, provider: 'ollama', pinning: explicit ? 'version' : 'floating' };
}

/** Pinning of an Azure OpenAI deployment from its model version (dates are snapshots). */
export function azureVersionPinning(version: string | undefined): Pinning {
  if (!version) return 'floating';
  if (/^\d{4}-\d{2}-\d{2}$/.test(version)) return 'snapshot';
  return 'version';
}

/** Identifiers that could plausibly be a deployment or model name (no spaces, no templating). */
export function looksLikeIdentifier(value: string): boolean {
  return /^[A-Za-z0-9][\w.:/@-]{0,127}$/.test(value);
}
