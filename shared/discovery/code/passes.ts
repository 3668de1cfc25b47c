// Detection passes shared by every language: model arguments, model literals, env indirection,
// framework classes, Hugging Face loading calls, library defaults and purpose hints.
// Every regex runs over comment-stripped text whose long lines were blanked, and is linear.
import type { ProviderId } from '../findings';
import { classifyHuggingFaceId, classifyModelId, revisionPinning } from '../model-ids';
import { endpointLines } from '../gateways';
import { callArguments, type CodeContext } from './context';
import { linesWith } from '../sparse-matches';
import { sieved } from './sieve';

const MODEL_KEYS =
  'llm|model|model_name|modelName|model_id|modelId|ModelId|ModelID|MODEL|MODEL_NAME|MODEL_ID|Model|deployment|deployment_name|deploymentName|DeploymentName|azure_deployment|azureDeployment|engine|llm_model|chat_model|embedding_model|embeddingModel|chatModel|repo_id|withModel|WithModel|setModel|modelVersion';
/** key = "value", key: "value", "key": "value", key => "value", .key("value"), Key = aws.String("value"). */
const MODEL_ARG = new RegExp(
  `(?:^|[^\\w])["']?(${MODEL_KEYS})["']?[ \\t]{0,8}(?:=>|:=|[:=(])[ \\t]{0,8}(?:aws\\.String\\([ \\t]{0,4}|new String\\(|String\\(|str\\()?(["'\`])([^"'\`\\n\\\\]{1,160})\\2`,
  'g',
);
/** .NET: client.GetChatClient("deployment-or-model"). */
const DOTNET_GET_CLIENT = sieved(
  /\.(GetChatClient|GetEmbeddingClient|GetImageClient|GetAudioClient)\s*\(\s*"([^"\n]{1,160})"/g,
);
/** Any short string literal without spaces: a candidate model id. */
const LITERAL = /(["'`])([A-Za-z0-9][A-Za-z0-9._:@/-]{1,159})\1/g;
const MODELISH_LINE = /model|deploy|engine|llm/i;

/**
 * Clients pointed at an OpenAI-compatible gateway or endpoint (`base_url="https://openrouter.ai/api/v1"`,
 * a Portkey client): the endpoint is the supplier called, whatever SDK the file imports.
 */
export function gatewayEndpoints(ctx: CodeContext): void {
  for (const { supplier, offset } of endpointLines(ctx.live)) {
    ctx.addProvider('client', [{ provider: supplier }], offset);
    ctx.gateway ??= supplier;
  }
  if (!ctx.gateway && ctx.providers.has('portkey')) ctx.gateway = 'portkey';
  const gateway = ctx.gateway;
  if (!gateway) return;
  // The OpenAI SDK here is only the client of the gateway: OpenAI is not called.
  ctx.strongOpenAI = false;
  for (const f of ctx.analysis.findings) if (f.provider === 'openai' && !f.model) f.supersededBy = [gateway];
}

export function modelArguments(ctx: CodeContext): void {
  for (const m of ctx.live.matchAll(MODEL_ARG)) {
    const key = m[1];
    const value = m[3];
    if (!key || !value) continue;
    if (key === 'repo_id' && !ctx.hasHuggingFace && !ctx.providers.has('llama-cpp')) continue;
    // The match may start on the previous line's newline: point at the key itself.
    ctx.modelArgument(key, value, (m.index ?? 0) + m[0].indexOf(key));
  }
  if (!ctx.sieve.may(DOTNET_GET_CLIENT)) return;
  for (const m of ctx.live.matchAll(DOTNET_GET_CLIENT)) {
    if (m[1] && m[2]) ctx.modelArgument(m[1], m[2], m.index ?? 0);
  }
}

/** Distinctive hosted-model ids in any string literal of a file that talks to an AI API. */
export function modelLiterals(ctx: CodeContext): void {
  const aiFile = ctx.providers.size > 0;
  for (const m of ctx.live.matchAll(LITERAL)) {
    const value = m[2];
    if (!value) continue;
    // Routed strings were read as a whole by the model-argument pass.
    if (value.includes('/') && (ctx.gateway || ctx.providers.has('litellm'))) continue;
    const cls = classifyModelId(value);
    if (!cls) continue;
    const offset = m.index ?? 0;
    if (!aiFile && !MODELISH_LINE.test(ctx.snippet(ctx.lineOf(offset)))) continue;
    ctx.addModel(
      {
        id: cls.id,
        provider: ctx.attribute(cls),
        pinning: cls.pinning,
        ...(ctx.gateway ? { supplier: ctx.gateway } : {}),
      },
      offset,
      aiFile ? 'high' : 'medium',
      'model-id',
      value,
    );
  }
}

/** Constant names worth remembering: upper-case, and naming a model or deployment. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]{0,80}$/;
const CONSTANT_MODELISH = /MODEL|DEPLOY|LLM/;
/** `NAME = "…"`, `NAME: str = "…"`, `export const NAME = '…'`, `static final String NAME = "…"`, `const val NAME = "…"`. */
const CONSTANT_DEF =
  /(?:^|[^\w.])([A-Z][A-Z0-9_]{0,80})[ \t]*(?::[ \t]*[A-Za-z_][\w.]{0,40}[ \t]*)?=[ \t]*(["'`])([^"'`\n\\]{1,160})\2/gm;
/** The assignment a match on its line completes: `NAME = ` before an env lookup. */
const ASSIGNED_TO = /(?:^|[^\w.])([A-Z][A-Z0-9_]{0,80})[ \t]*(?::[ \t]*[A-Za-z_][\w.]{0,40}[ \t]*)?=[ \t]*$/;
/** A model argument naming an upper-case constant, possibly qualified: `model=CHAT_MODEL`, `model: cfg.MODEL`. */
const CONSTANT_ARG = new RegExp(
  `(?:^|[^\\w])["']?(${MODEL_KEYS})["']?[ \\t]{0,8}(?:=>|:=|[:=(])[ \\t]{0,8}(?:[A-Za-z_]\\w{0,40}\\.){0,3}([A-Z][A-Z0-9_]{0,80})(?![\\w(.])`,
  'g',
);
/** Hugging Face loading calls whose first argument is an upper-case constant. */
const HF_CONSTANT_ARG =
  /\b(from_pretrained|SentenceTransformer|CrossEncoder|snapshot_download|hf_hub_download)\s*\(\s*(?:[A-Za-z_]\w{0,40}\.){0,3}([A-Z][A-Z0-9_]{0,80})\s*[,)]/g;

const ENV_NAME_MODELISH = /model|deploy|engine|llm/i;
const ENV_NAME_NOT_ID =
  /(?:path|dir|file|url|endpoint|key|token|secret|version|region|host|port|temperature|tokens|timeout)$/i;

/** Which provider an env variable name points at, else the file's single LLM provider. */
function envProvider(ctx: CodeContext, name: string): ProviderId | undefined {
  const upper = name.toUpperCase();
  if (upper.includes('AZURE') || upper.includes('DEPLOYMENT')) return 'azure-openai';
  if (upper.includes('OLLAMA')) return 'ollama';
  if (upper.includes('BEDROCK')) return 'aws-bedrock';
  if (upper.includes('ANTHROPIC') || upper.includes('CLAUDE')) return 'anthropic';
  if (upper.includes('GEMINI') || upper.includes('GOOGLE')) return 'google-genai';
  if (upper.includes('VERTEX')) return 'vertex-ai';
  if (upper.includes('MISTRAL')) return 'mistral';
  if (upper.includes('COHERE')) return 'cohere';
  if (upper.includes('OPENAI'))
    return ctx.providers.has('azure-openai') && !ctx.strongOpenAI ? 'azure-openai' : 'openai';
  const llm: ProviderId[] = [
    'openai',
    'azure-openai',
    'anthropic',
    'aws-bedrock',
    'google-genai',
    'vertex-ai',
    'mistral',
    'cohere',
    'ollama',
  ];
  const present = llm.filter((p) => ctx.providers.has(p));
  if (present.length === 1) return present[0];
  if (present.includes('azure-openai') && !ctx.strongOpenAI) return 'azure-openai';
  return undefined;
}

/** Env / config lookups of a model-ish name: resolved later against .env files and IaC. */
export function envReferences(ctx: CodeContext, patterns: readonly RegExp[]): void {
  const constants = CONSTANT_MODELISH.test(ctx.live);
  for (const re of patterns) {
    if (!ctx.sieve.may(re)) continue;
    for (const m of ctx.live.matchAll(re)) {
      const name = m[1];
      if (constants && name) envConstant(ctx, name, m[2], m.index ?? 0);
      if (!name || !ENV_NAME_MODELISH.test(name) || ENV_NAME_NOT_ID.test(name)) continue;
      const provider = envProvider(ctx, name);
      const fallbackValue = m[2];
      const cls = fallbackValue ? classifyModelId(fallbackValue) : undefined;
      const fallback = cls
        ? { id: cls.id, provider: ctx.attribute(cls), pinning: cls.pinning, resolvedFrom: 'literal' }
        : undefined;
      ctx.addEnvRef(name, provider, fallback, m.index ?? 0);
    }
  }
}

/** Framework classes whose name alone says which provider is called (Python and JS alike). */
const FRAMEWORK_CLASSES: Array<[RegExp, ProviderId[], string?]> = [
  [/\bAzureChatOpenAI\s*\(|\bAzureOpenAIEmbeddings\s*\(/g, ['langchain', 'azure-openai'], 'chat'],
  [/\bChatOpenAI\s*\(/g, ['langchain', 'openai'], 'chat'],
  [/\bChatAnthropic\s*\(/g, ['langchain', 'anthropic'], 'chat'],
  [/\b(?:ChatOllama|OllamaLLM|OllamaEmbeddings)\s*\(/g, ['langchain', 'ollama'], 'chat'],
  [
    /\b(?:ChatBedrock|ChatBedrockConverse|BedrockEmbeddings|BedrockChat)\s*\(/g,
    ['langchain', 'aws-bedrock'],
    'chat',
  ],
  [/\bChatVertexAI\s*\(/g, ['langchain', 'vertex-ai'], 'chat'],
  [/\bChatGoogleGenerativeAI\s*\(/g, ['langchain', 'google-genai'], 'chat'],
  [/\bChatMistralAI\s*\(/g, ['langchain', 'mistral'], 'chat'],
  [/\bChatCohere\s*\(/g, ['langchain', 'cohere'], 'chat'],
];

for (const [re] of FRAMEWORK_CLASSES) sieved(re);

export function frameworkClasses(ctx: CodeContext): void {
  if (!ctx.live.includes('Chat') && !ctx.live.includes('Ollama') && !ctx.live.includes('Bedrock')) return;
  for (const [re, providers, hint] of FRAMEWORK_CLASSES) {
    if (!ctx.sieve.may(re)) continue;
    for (const m of ctx.live.matchAll(re)) {
      ctx.addProvider(
        'client',
        providers.map((provider) => ({ provider })),
        m.index ?? 0,
      );
      if (providers.includes('openai')) ctx.strongOpenAI = true;
      if (hint) ctx.hint(hint);
    }
  }
}

const HF_CALL =
  /\b(from_pretrained|pipeline|hf_hub_download|snapshot_download|SentenceTransformer|CrossEncoder|load_dataset)\s*\(/g;
const STRING_ARG = /(?:^|,)\s*(?:(\w+)\s*=\s*)?(["'])([^"'\n]{1,200})\2/g;
const SENTENCE_TRANSFORMERS_SHORT =
  /^(?:all|paraphrase|multi-qa|msmarco|distiluse|sentence-t5|gtr-t5|nli|stsb)-[\w.-]+$/;
const DATASET_BUILDERS = new Set([
  'csv',
  'json',
  'parquet',
  'text',
  'imagefolder',
  'audiofolder',
  'arrow',
  'pandas',
  'webdataset',
  'sql',
]);
export const PIPELINE_TASKS = new Set([
  'sentiment-analysis',
  'text-classification',
  'text-generation',
  'summarization',
  'ner',
  'token-classification',
  'question-answering',
  'zero-shot-classification',
  'fill-mask',
  'feature-extraction',
  'translation_en_to_fr',
  'translation_en_to_de',
  'text2text-generation',
  'automatic-speech-recognition',
  'image-classification',
  'object-detection',
  'image-to-text',
  'text-to-image',
  'conversational',
  'translation',
]);

interface CallArgs {
  positional: string[];
  named: Record<string, string>;
}

function stringArgs(args: string): CallArgs {
  const out: CallArgs = { positional: [], named: {} };
  // Only top-level literals matter; nested calls rarely carry the model id.
  for (const m of args.matchAll(STRING_ARG)) {
    const value = m[3];
    if (!value) continue;
    if (m[1]) out.named[m[1]] = value;
    else out.positional.push(value);
  }
  return out;
}

/** from_pretrained / pipeline / hf_hub_download / SentenceTransformer / load_dataset. */
export function huggingFaceCalls(ctx: CodeContext): void {
  if (!ctx.hasHuggingFace && !ctx.live.includes('load_dataset')) return;
  for (const m of ctx.live.matchAll(HF_CALL)) {
    const fn = m[1] ?? '';
    const offset = m.index ?? 0;
    const open = offset + m[0].length - 1;
    const rawArgs = callArguments(ctx.live, open);
    const args = stringArgs(rawArgs);
    const revision = args.named.revision;
    if (fn === 'load_dataset') {
      const name = args.named.path ?? args.positional[0];
      if (name && !DATASET_BUILDERS.has(name) && /^[\w.-]+(?:\/[\w.-]+)?$/.test(name))
        ctx.addDataset(name, offset);
      continue;
    }
    if (fn === 'pipeline') {
      const task =
        args.named.task ?? (PIPELINE_TASKS.has(args.positional[0] ?? '') ? args.positional[0] : undefined);
      const model = args.named.model ?? (task && !args.named.task ? args.positional[1] : args.positional[0]);
      if (task) ctx.hint(task);
      if (model && model !== task) {
        const hf = classifyHuggingFaceId(model, revision);
        if (hf) ctx.addModel({ id: hf.id, provider: hf.provider, pinning: hf.pinning }, offset, 'high');
      } else if (task && !/\bmodel\s*=/.test(rawArgs)) {
        ctx.addDefault(`transformers:pipeline:${task}`, 'huggingface-hub', offset);
      }
      continue;
    }
    const id =
      args.named.pretrained_model_name_or_path ??
      args.named.repo_id ??
      args.named.model_name_or_path ??
      args.positional[0];
    if (!id) continue;
    const repoType = args.named.repo_type;
    if (repoType === 'dataset') {
      ctx.addDataset(id, offset);
      continue;
    }
    const normalised =
      (fn === 'SentenceTransformer' || fn === 'CrossEncoder') && SENTENCE_TRANSFORMERS_SHORT.test(id)
        ? `sentence-transformers/${id}`
        : id;
    const hf = classifyHuggingFaceId(normalised, revision);
    if (hf) {
      ctx.addModel({ id: hf.id, provider: hf.provider, pinning: revisionPinning(revision) }, offset, 'high');
      if (fn === 'SentenceTransformer') ctx.hint('embeddings');
    }
  }
}

/** Calls that rely on a library's built-in default model. */
const DEFAULT_CALLS: Array<{
  re: RegExp;
  key: string;
  provider: ProviderId;
  needs: RegExp;
  modelArg: RegExp;
}> = [
  {
    re: /(?<![\w.])ChatOpenAI\s*\(/g,
    key: 'langchain-openai:ChatOpenAI',
    provider: 'openai',
    needs: /langchain_openai/,
    modelArg: /\b(?:model|model_name)\s*=|\*\*/,
  },
  {
    re: /(?<![\w.])ChatOpenAI\s*\(/g,
    key: 'langchain:ChatOpenAI',
    provider: 'openai',
    needs: /from\s+langchain(?:_community)?\.chat_models/,
    modelArg: /\b(?:model|model_name)\s*=|\*\*/,
  },
  {
    re: /(?<![\w.])OpenAIEmbeddings\s*\(/g,
    key: 'langchain-openai:OpenAIEmbeddings',
    provider: 'openai',
    needs: /langchain_openai/,
    modelArg: /\bmodel\s*=|\*\*/,
  },
  {
    re: /(?<![\w.])Agent\s*\(/g,
    key: 'openai-agents:Agent',
    provider: 'openai',
    needs: /from\s+agents\s+import/,
    modelArg: /\bmodel\s*=|\*\*/,
  },
  {
    re: /(?<![\w.])OpenAI\s*\(/g,
    key: 'llama-index-llms-openai:OpenAI',
    provider: 'openai',
    needs: /llama_index\.llms\.openai/,
    modelArg: /\bmodel\s*=|\*\*/,
  },
  {
    re: /\bnew\s+ChatOpenAI\s*\(/g,
    key: '@langchain/openai:ChatOpenAI',
    provider: 'openai',
    needs: /@langchain\/openai/,
    modelArg: /\b(?:model|modelName)\s*:|\.\.\./,
  },
  {
    re: /\bnew\s+OpenAIEmbeddings\s*\(/g,
    key: '@langchain/openai:OpenAIEmbeddings',
    provider: 'openai',
    needs: /@langchain\/openai/,
    modelArg: /\b(?:model|modelName)\s*:|\.\.\./,
  },
  {
    re: /\bnew\s+Agent\s*\(/g,
    key: '@openai/agents:Agent',
    provider: 'openai',
    needs: /@openai\/agents/,
    modelArg: /\bmodel\s*:|\.\.\./,
  },
];

export function libraryDefaults(ctx: CodeContext, rawText: string): void {
  for (const call of DEFAULT_CALLS) {
    if (!call.needs.test(rawText)) continue;
    for (const m of ctx.live.matchAll(call.re)) {
      const offset = m.index ?? 0;
      const args = callArguments(ctx.live, offset + m[0].length - 1);
      if (call.modelArg.test(args)) continue;
      ctx.addDefault(call.key, call.provider, offset);
      ctx.providers.add(call.provider);
      if (call.key.endsWith('Agent')) ctx.hint('agent');
    }
  }
}

const PURPOSE: Array<[RegExp, string]> = [
  [
    /chat\.completions|messages\.create|generateText|streamText|useChat|GetChatClient|ChatCompletion|\.converse\(|ConverseCommand|generate_content|generateContent|\.chat\(|ChatClient|responses\.create|\.invoke\(/,
    'chat',
  ],
  [
    /embeddings\.create|embedMany|\bembed\(|EmbeddingClient|embed_content|embedContent|Embeddings\(/,
    'embeddings',
  ],
  [/\bTrainer\s*\(|SFTTrainer|TrainingArguments|fine_tuning\.jobs|LoraConfig|get_peft_model/, 'fine-tuning'],
  [/images\.generate|DiffusionPipeline/, 'image-generation'],
  [/audio\.transcriptions|WhisperModel/, 'speech-to-text'],
  [/create_react_agent|AgentExecutor|Runner\.run|\bcreate_agent\(/, 'agent'],
  [/VectorStore|vectorstore|similarity_search|retriever|Pinecone\(|faiss\./, 'retrieval'],
  [/\.fit\(|\.predict\(|predict_proba/, 'prediction'],
  [/invoke_model|InvokeModel/, 'chat'],
];

for (const [re] of PURPOSE) sieved(re);

export function purposeHints(ctx: CodeContext): void {
  for (const [re, hint] of PURPOSE) if (ctx.sieve.may(re) && re.test(ctx.live)) ctx.hint(hint);
}

function isModelConstant(name: string): boolean {
  return CONSTANT_NAME.test(name) && CONSTANT_MODELISH.test(name) && !ENV_NAME_NOT_ID.test(name);
}

/**
 * Module-level model-ish constants (`CHAT_MODEL = "llama3.1:8b"`, `MODEL = os.getenv("MODEL", "…")`):
 * a file that only defines them names no provider, so their values are read where they are used.
 */
export function constantDefinitions(ctx: CodeContext): void {
  if (CONSTANT_MODELISH.test(ctx.live)) {
    for (const m of ctx.live.matchAll(CONSTANT_DEF)) {
      const name = m[1] ?? '';
      if (isModelConstant(name)) ctx.addConstant(name, m[3], undefined, (m.index ?? 0) + m[0].indexOf(name));
    }
  }
  constantAliases(ctx);
  if (!LOWER_MODELISH.test(ctx.live)) return;
  for (const m of ctx.live.matchAll(LOWER_DEF)) {
    const name = m[1] ?? '';
    if (isLowerModelName(name)) ctx.addConstant(name, m[3], undefined, (m.index ?? 0) + m[0].indexOf(name));
  }
}

const isModelName = (name: string): boolean => isModelConstant(name) || isLowerModelName(name);
/** `{ MODEL as CHAT_MODEL, … }` of an ES import or re-export (`export { … } from './m'`). */
const ES_NAMED = /\b(?:import|export)[ \t]+(?:type[ \t]+)?\{([^{}]{1,2000})\}/g;
/** Python `from .models import MODEL as CHAT_MODEL, …` (one line, or one parenthesised group). */
const PY_FROM_IMPORT = /^[ \t]*from[ \t]+[\w.]{1,200}[ \t]+import[ \t]+(\([^()]{1,2000}\)|[^\n]{1,2000})/gm;
const AS_PAIR = /\b([A-Za-z_]\w{0,80})[ \t\n]+as[ \t\n]+([A-Za-z_]\w{0,80})\b/g;
/**
 * A model-ish name assigned another name and nothing else: `CHAT_MODEL = DEFAULT_MODEL`,
 * `export const chatModel = config.defaultModel;`, `static final String MODEL = Defaults.MODEL;`. A whole
 * line with an `=`: tried only on such lines (linesWith), sticky, as `matchAll` with flags `gm` would find it.
 */
const ALIAS_DEF =
  /^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var|val|final|static|public|private|readonly)[ \t]+){0,4}(?:[A-Za-z_][\w.<>]{0,40}[ \t]+)?([A-Za-z_]\w{0,80})[ \t]*(?::[ \t]*[A-Za-z_][\w.]{0,40}[ \t]*)?=[ \t]*(?:[A-Za-z_]\w{0,40}\.){0,3}([A-Za-z_]\w{0,80})[ \t]*;?[ \t]*$/my;

/**
 * Renames and copies of model constants, so a chain (`export { MODEL as X } from './m'`, `const a = b`)
 * resolves to the literal at its end. `export * from './m'` needs nothing: constants resolve by name
 * across the unit.
 */
function constantAliases(ctx: CodeContext): void {
  const pair = (text: string, base: number): void => {
    for (const m of text.matchAll(AS_PAIR)) {
      const from = m[1] ?? '';
      const to = m[2] ?? '';
      if (from !== to && isModelName(to) && isModelName(from))
        ctx.addConstant(to, undefined, undefined, base + (m.index ?? 0), from);
    }
  };
  if (/\bas\b/.test(ctx.live)) {
    for (const m of ctx.live.matchAll(ES_NAMED)) pair(m[1] ?? '', (m.index ?? 0) + m[0].indexOf('{') + 1);
    for (const m of ctx.live.matchAll(PY_FROM_IMPORT)) {
      const group = m[1] ?? '';
      pair(group, (m.index ?? 0) + m[0].length - group.length);
    }
  }
  for (const m of linesWith(ctx.live, ALIAS_DEF, '=')) {
    const name = m[1] ?? '';
    const target = m[2] ?? '';
    if (name !== target && isModelName(name) && isModelName(target))
      ctx.addConstant(name, undefined, undefined, (m.index ?? 0) + m[0].indexOf(name), target);
  }
}

/** camelCase / snake_case names of model settings: `triage_model`, `chatModel`, `openai_model`, `llmModelId`. */
const LOWER_MODELISH = /[a-z_](?:model|Model|deployment|Deployment)\b|\b(?:model|deployment)[A-Z_]/;
const LOWER_NAME = /^[a-z][A-Za-z0-9_]{0,80}$/;
function isLowerModelName(name: string): boolean {
  return (
    LOWER_NAME.test(name) &&
    /model|deployment/i.test(name) &&
    !ENV_NAME_NOT_ID.test(name) &&
    name !== 'model' &&
    name !== 'deployment'
  );
}
/** `triage_model = "…"`, `openai_model: str = "…"` (settings classes), `chatModel: '…'` (config objects). */
const LOWER_DEF =
  /(?:^|[^\w.])([a-z][A-Za-z0-9_]{0,80})[ \t]*(?::[ \t]*[A-Za-z_][\w.]{0,40}[ \t]*=|[:=])[ \t]*(["'`])([^"'`\n\\]{1,160})\2/gm;
/** A model argument naming a lower-case setting, possibly through an object: `model=settings.openai_model`, `model: llmConfig.chatModel`. */
const LOWER_ARG = new RegExp(
  `(?:^|[^\\w])["']?(${MODEL_KEYS})["']?[ \\t]{0,8}(?:=>|:=|[:=(])[ \\t]{0,8}(?:[A-Za-z_]\\w{0,40}\\.){0,3}([a-z][A-Za-z0-9_]{0,80})(?![\\w(.])`,
  'g',
);
/** Model constructors whose first argument is the model: `GenerativeModel(triage_model)`. */
const POSITIONAL_MODEL_ARG =
  /\b(GenerativeModel|getGenerativeModel|ChatModel|TextGenerationModel)\s*\(\s*(?:[A-Za-z_]\w{0,40}\.){0,3}([A-Za-z_]\w{0,80})\s*[,)]/g;

/** An env lookup assigned to a model-ish constant: `CHAT_MODEL = os.getenv("CHAT_MODEL", "llama3.1:8b")`. */
function envConstant(ctx: CodeContext, env: string, fallback: string | undefined, offset: number): void {
  const lineStart = ctx.live.lastIndexOf('\n', offset - 1) + 1;
  if (offset - lineStart > 200) return;
  const name = ASSIGNED_TO.exec(ctx.live.slice(lineStart, offset))?.[1];
  if (name && isModelConstant(name)) ctx.addConstant(name, fallback, env, offset);
}

/** Model arguments that name a constant instead of a literal, in a file that talks to a provider. */
export function constantReferences(ctx: CodeContext): void {
  // A file that calls the client another module built still names the model: only distinctive ids
  // resolve without the caller's providers (see modelFromConstant).
  for (const m of ctx.live.matchAll(POSITIONAL_MODEL_ARG)) {
    const name = m[2] ?? '';
    if (isModelConstant(name) || isLowerModelName(name)) ctx.addConstantRef(name, 'model', m.index ?? 0);
  }
  if (LOWER_MODELISH.test(ctx.live)) {
    for (const m of ctx.live.matchAll(LOWER_ARG)) {
      const key = m[1] ?? '';
      const name = m[2] ?? '';
      if (key !== name && isLowerModelName(name))
        ctx.addConstantRef(name, key, (m.index ?? 0) + m[0].indexOf(key));
    }
  }
  if (!CONSTANT_MODELISH.test(ctx.live)) return;
  for (const m of ctx.live.matchAll(CONSTANT_ARG)) {
    const key = m[1] ?? '';
    const name = m[2] ?? '';
    if (key === name || !isModelConstant(name)) continue;
    ctx.addConstantRef(name, key, (m.index ?? 0) + m[0].indexOf(key));
  }
  if (!ctx.hasHuggingFace) return;
  for (const m of ctx.live.matchAll(HF_CONSTANT_ARG)) {
    const name = m[2] ?? '';
    if (isModelConstant(name)) ctx.addConstantRef(name, m[1] ?? '', m.index ?? 0);
  }
}
