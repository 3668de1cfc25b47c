// Per-language knowledge: how imports look, which client constructors name a provider, and how
// env/config values are read.
import type { Syntax } from '../comments';
import type { ProviderId } from '../findings';
import { classifyModelId } from '../model-ids';
import {
  dotnetNamespaceProviders,
  goImportProviders,
  jsModuleProviders,
  jvmImportProviders,
  packageProviders,
  pythonModuleProviders,
  rubyRequireProviders,
} from '../providers';
import type { ProviderHit } from '../types';
import type { CodeContext } from './context';
import { ownEntry } from '../lookup';

export interface ClientPattern {
  re: RegExp;
  providers: ProviderId[];
  /** A non-Azure OpenAI client: keeps gpt-* literals on 'openai' even if Azure is also used. */
  strongOpenAI?: boolean;
  /** Only count when the file's raw text matches (e.g. the SDK is imported). */
  needs?: RegExp;
}

export interface Language {
  name: string;
  /** Lower-cased file extensions (with the dot) written in this language: the code detector wants exactly these. */
  extensions: readonly string[];
  /** How comments and strings look, for stripping them before matching. */
  syntax: Syntax;
  imports(ctx: CodeContext): void;
  clients: ClientPattern[];
  env: RegExp[];
  /** Extra language-specific passes (SDK model constants…). */
  extra?(ctx: CodeContext): void;
}

function addImport(ctx: CodeContext, hits: ProviderHit[], offset: number): void {
  if (hits.length > 0) ctx.addProvider('import', hits, offset);
}

// ---------------------------------------------------------------- Python
/** scikit-learn modules that evaluate or prepare data, and train no model by themselves. */
const PY_UTILITY_MODULE = /^sklearn\.(?:metrics|model_selection|preprocessing|utils)(?:\.|$)/;

function utilityImport(ctx: CodeContext, module: string): boolean {
  if (!PY_UTILITY_MODULE.test(module)) return false;
  const list = ctx.analysis.utilityImports ?? [];
  if (!list.includes('scikit-learn')) list.push('scikit-learn');
  ctx.analysis.utilityImports = list;
  return true;
}

const PY_FROM = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+([^\n]{1,300})/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm;

export const python: Language = {
  name: 'python',
  extensions: ['.py', '.pyi'],
  syntax: 'python',
  imports(ctx) {
    for (const m of ctx.live.matchAll(PY_FROM)) {
      const module = m[1] ?? '';
      const names = m[2] ?? '';
      const offset = m.index ?? 0;
      if (module === 'openai' && /AzureOpenAI/.test(names)) {
        ctx.addProvider('import', [{ provider: 'azure-openai' }], offset);
        if (!/\b(?:Async)?OpenAI\b/.test(names.replace(/\w*AzureOpenAI/g, ''))) continue;
      }
      if (utilityImport(ctx, module)) continue;
      if (module === 'agents') {
        if (/\b(?:Agent|Runner)\b/.test(names)) ctx.addProvider('import', [{ provider: 'openai' }], offset);
        continue;
      }
      addImport(ctx, pythonModuleProviders(module), offset);
    }
    for (const m of ctx.live.matchAll(PY_IMPORT)) {
      for (const raw of (m[1] ?? '').split(',')) {
        const module = raw.trim();
        if (!utilityImport(ctx, module)) addImport(ctx, pythonModuleProviders(module), m.index ?? 0);
      }
    }
  },
  clients: [
    { re: /\b(?:Async)?AzureOpenAI\s*\(/g, providers: ['azure-openai'] },
    {
      re: /(?:^|[^\w])(?:openai\.)?(?:Async)?OpenAI\s*\(/g,
      providers: ['openai'],
      strongOpenAI: true,
      needs: /openai/,
    },
    { re: /\b(?:Async)?Anthropic\s*\(/g, providers: ['anthropic'] },
    { re: /\bAnthropicBedrock\s*\(/g, providers: ['anthropic', 'aws-bedrock'] },
    { re: /\bAnthropicVertex\s*\(/g, providers: ['anthropic', 'vertex-ai'] },
    {
      re: /\bboto3\.(?:client|Session\(\)\.client)\s*\(\s*(?:service_name\s*=\s*)?["']bedrock(?:-runtime|-agent-runtime)?["']/g,
      providers: ['aws-bedrock'],
    },
    { re: /\.client\s*\(\s*(?:service_name\s*=\s*)?["']bedrock-runtime["']/g, providers: ['aws-bedrock'] },
    { re: /["']sagemaker-runtime["']/g, providers: ['aws-sagemaker'], needs: /boto3/ },
    { re: /\bgenai\.Client\s*\(\s*vertexai\s*=\s*True/g, providers: ['vertex-ai'] },
    { re: /\bgenai\.(?:Client|GenerativeModel|configure)\s*\(/g, providers: ['google-genai'] },
    { re: /\bvertexai\.init\s*\(/g, providers: ['vertex-ai'] },
    { re: /\bMistral(?:Client)?\s*\(/g, providers: ['mistral'], needs: /mistralai/ },
    { re: /\bcohere\.(?:Client|ClientV2|AsyncClient)\s*\(/g, providers: ['cohere'] },
    {
      re: /\bollama\.(?:chat|generate|embeddings|embed|Client|AsyncClient|pull)\s*\(/g,
      providers: ['ollama'],
    },
    { re: /\bLlama\s*\(\s*model_path\s*=/g, providers: ['llama-cpp'] },
    { re: /\bLlama\.from_pretrained\s*\(/g, providers: ['llama-cpp', 'huggingface-hub'] },
    { re: /\bInferenceClient\s*\(/g, providers: ['huggingface-hub'], needs: /huggingface_hub/ },
    { re: /\bort\.InferenceSession\s*\(|\bonnxruntime\.InferenceSession\s*\(/g, providers: ['onnxruntime'] },
    { re: /\bLLM\s*\(\s*model\s*=/g, providers: ['vllm'], needs: /\bvllm\b/ },
  ],
  env: [
    /\b(?:os\.environ\.get|os\.getenv|environ\.get|getenv)\s*\(\s*["']([A-Za-z_]\w*)["']\s*(?:,\s*(?:default\s*=\s*)?["']([^"'\n]{1,160})["'])?/g,
    /\bos\.environ\s*\[\s*["']([A-Za-z_]\w*)["']\s*\]/g,
    /\bconfig\s*\(\s*["']([A-Z_][A-Z0-9_]*)["']\s*(?:,\s*default\s*=\s*["']([^"'\n]{1,160})["'])?/g,
  ],
  extra(ctx) {
    // pydantic BaseSettings fields read the same-named env variable.
    if (!ctx.live.includes('BaseSettings')) return;
    const field =
      /^[ \t]+(\w*(?:model|deployment)\w*)[ \t]*:[ \t]*(?:str|Optional\[str\]|str[ \t]*\|[ \t]*None)(?:[ \t]*=[ \t]*(?:Field\([ \t]*(?:default[ \t]*=[ \t]*)?)?(["'])([^"'\n]{1,160})\2)?/gim;
    for (const m of ctx.live.matchAll(field)) {
      const name = (m[1] ?? '').toUpperCase();
      if (!name) continue;
      const cls = m[3] ? classifyModelId(m[3]) : undefined;
      const fallback = cls
        ? { id: cls.id, provider: ctx.attribute(cls), pinning: cls.pinning, resolvedFrom: 'literal' }
        : undefined;
      ctx.addEnvRef(name, fallback?.provider, fallback, m.index ?? 0);
    }
  },
};

// ---------------------------------------------------------------- JavaScript / TypeScript
const JS_IMPORT =
  /\bfrom\s*["']([^"'\n]{1,200})["']|\brequire\s*\(\s*["']([^"'\n]{1,200})["']\s*\)|\bimport\s*\(\s*["']([^"'\n]{1,200})["']\s*\)|^[ \t]*import\s+["']([^"'\n]{1,200})["']/gm;
const AI_SDK_FN =
  /\b(openai|anthropic|google|vertex|mistral|cohere|bedrock|azure|ollama)(?:\.(?:chat|completion|embedding|textEmbeddingModel|textEmbedding|languageModel|responses|image))?\s*\(\s*(["'`])([^"'`\n]{1,160})\2/g;
const AI_SDK_PROVIDERS: Record<string, ProviderId> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google-genai',
  vertex: 'vertex-ai',
  mistral: 'mistral',
  cohere: 'cohere',
  bedrock: 'aws-bedrock',
  azure: 'azure-openai',
  ollama: 'ollama',
};

export const javascript: Language = {
  name: 'js',
  extensions: ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'],
  syntax: 'c-like',
  imports(ctx) {
    for (const m of ctx.live.matchAll(JS_IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (!spec || spec.startsWith('.')) continue;
      const hits = jsModuleProviders(spec);
      addImport(ctx, hits, m.index ?? 0);
      if (spec === '@ai-sdk/openai' || spec === '@langchain/openai') ctx.strongOpenAI = true;
    }
  },
  clients: [
    { re: /\bnew\s+AzureOpenAI\s*\(/g, providers: ['azure-openai'] },
    { re: /\bnew\s+OpenAI\s*\(/g, providers: ['openai'], strongOpenAI: true },
    { re: /\bnew\s+Anthropic\s*\(/g, providers: ['anthropic'] },
    { re: /\bnew\s+AnthropicBedrock\s*\(/g, providers: ['anthropic', 'aws-bedrock'] },
    { re: /\bnew\s+BedrockRuntimeClient\s*\(/g, providers: ['aws-bedrock'] },
    { re: /\bnew\s+(?:GoogleGenerativeAI|GoogleGenAI)\s*\(/g, providers: ['google-genai'] },
    { re: /\bnew\s+VertexAI\s*\(/g, providers: ['vertex-ai'] },
    { re: /\bnew\s+Mistral\s*\(/g, providers: ['mistral'], needs: /@mistralai/ },
    { re: /\bnew\s+CohereClient(?:V2)?\s*\(/g, providers: ['cohere'] },
    { re: /\bnew\s+(?:HfInference|InferenceClient)\s*\(/g, providers: ['huggingface-hub'] },
    {
      re: /\bnew\s+Ollama\s*\(|\bollama\.(?:chat|generate|embed|pull)\s*\(/g,
      providers: ['ollama'],
      needs: /ollama/,
    },
    {
      re: /\b(?:generateText|streamText|generateObject|streamObject|embedMany|useChat|useCompletion)\s*\(/g,
      providers: ['vercel-ai-sdk'],
      needs: /["']ai["']|@ai-sdk\//,
    },
    { re: /\bInferenceSession\.create\s*\(/g, providers: ['onnxruntime'] },
  ],
  env: [
    /\bprocess\.env\.([A-Za-z_]\w*)(?:\s*(?:\|\||\?\?)\s*["'`]([^"'`\n]{1,160})["'`])?/g,
    /\bprocess\.env\[\s*["']([A-Za-z_]\w*)["']\s*\]/g,
    /\bimport\.meta\.env\.([A-Za-z_]\w*)/g,
    /\bDeno\.env\.get\s*\(\s*["']([A-Za-z_]\w*)["']\s*\)/g,
  ],
  extra(ctx) {
    if (!ctx.hasProvider('vercel-ai-sdk', 'ollama') && !/@ai-sdk\/|ollama-ai-provider/.test(ctx.live)) return;
    for (const m of ctx.live.matchAll(AI_SDK_FN)) {
      const fn = m[1] ?? '';
      const value = m[3] ?? '';
      const provider = ownEntry(AI_SDK_PROVIDERS, fn);
      if (!provider) continue;
      const offset = m.index ?? 0;
      if (provider === 'openai') ctx.strongOpenAI = true;
      if (provider === 'azure-openai') {
        ctx.providers.add('azure-openai');
        ctx.modelArgument('deployment', value, offset);
      } else {
        ctx.providers.add(provider);
        ctx.modelArgument('model', value, offset);
      }
    }
  },
};

// ---------------------------------------------------------------- Go
const GO_IMPORT = /^[ \t]*(?:import[ \t]+)?(?:[\w.]+[ \t]+)?"([\w.-]+\/[\w./-]+)"[ \t]*$/gm;

/** openai.GPT4oMini / openai.ChatModelGPT4o2024_08_06 / anthropic.ModelClaude3_5SonnetLatest → ids. */
export function goModelConstant(name: string): string | undefined {
  const body = name.replace(/^ChatModel/, '').replace(/^Model/, '');
  const claude = /^Claude(.+)$/.exec(body);
  if (claude?.[1]) {
    const parts = claude[1].match(/\d+|[A-Z][a-z]+/g) ?? [];
    return `claude-${parts.map((p) => p.toLowerCase()).join('-')}`;
  }
  const gpt = /^(GPT|O)(\d)(Dot\d|_\d)?(o)?([A-Za-z]*?)(\d{4}_?\d{2}_?\d{2}|\d{4})?$/.exec(body);
  if (!gpt) return undefined;
  const [, family, major, minor, omni, words, date] = gpt;
  let id = family === 'GPT' ? `gpt-${major}` : `o${major}`;
  if (minor) id += `.${minor.replace(/^Dot|^_/, '')}`;
  if (omni) id += 'o';
  if (family === 'GPT' && major === '3' && minor === '.5') id = 'gpt-3.5';
  for (const w of (words ?? '').match(/[A-Z][a-z]+/g) ?? []) id += `-${w.toLowerCase()}`;
  if (date) {
    const digits = date.replace(/_/g, '');
    id +=
      digits.length === 8 ? `-${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}` : `-${digits}`;
  }
  return id;
}

export const go: Language = {
  name: 'go',
  extensions: ['.go'],
  syntax: 'go',
  imports(ctx) {
    for (const m of ctx.live.matchAll(GO_IMPORT)) addImport(ctx, goImportProviders(m[1] ?? ''), m.index ?? 0);
  },
  clients: [
    { re: /\bopenai\.DefaultAzureConfig\s*\(/g, providers: ['azure-openai'] },
    {
      re: /\bopenai\.NewClient(?:WithConfig)?\s*\(/g,
      providers: ['openai'],
      strongOpenAI: true,
      needs: /sashabaranov|openai-go/,
    },
    { re: /\banthropic\.NewClient\s*\(/g, providers: ['anthropic'] },
    { re: /\bbedrockruntime\.NewFromConfig\s*\(/g, providers: ['aws-bedrock'] },
    { re: /\bgenai\.NewClient\s*\(/g, providers: ['google-genai'] },
    { re: /\bazopenai\.NewClient\w*\s*\(/g, providers: ['azure-openai'] },
  ],
  env: [/\bos\.(?:Getenv|LookupEnv)\s*\(\s*"([A-Za-z_]\w*)"\s*\)/g],
  extra(ctx) {
    for (const m of ctx.live.matchAll(
      /\b(openai|anthropic)\.((?:ChatModel|Model)?(?:GPT|O\d|Claude)[A-Za-z0-9_]*)\b/g,
    )) {
      const id = goModelConstant(m[2] ?? '');
      if (id) ctx.modelArgument('model', id, m.index ?? 0);
    }
  },
};

// ---------------------------------------------------------------- Java / Kotlin
const JVM_IMPORT = /^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)/gm;

/** ChatModel.GPT_4O_MINI → gpt-4o-mini; Model.CLAUDE_3_5_SONNET_LATEST → claude-3-5-sonnet-latest. */
export function jvmModelConstant(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('claude_')) return lower.replace(/_/g, '-');
  if (lower.startsWith('gpt_'))
    return lower
      .replace(/^gpt_3_5/, 'gpt_3.5')
      .replace(/^gpt_4_1/, 'gpt_4.1')
      .replace(/_/g, '-');
  if (/^o\d/.test(lower)) return lower.replace(/_/g, '-');
  return undefined;
}

export const jvm: Language = {
  name: 'jvm',
  extensions: ['.java', '.kt', '.kts', '.scala'],
  syntax: 'c-like',
  imports(ctx) {
    for (const m of ctx.live.matchAll(JVM_IMPORT))
      addImport(ctx, jvmImportProviders(m[1] ?? ''), m.index ?? 0);
  },
  clients: [
    { re: /\bnew\s+OpenAIClientBuilder\s*\(/g, providers: ['azure-openai'] },
    { re: /\bOpenAIOkHttpClient\.(?:builder|fromEnv)\s*\(/g, providers: ['openai'], strongOpenAI: true },
    { re: /\bAnthropicOkHttpClient\.(?:builder|fromEnv)\s*\(/g, providers: ['anthropic'] },
    { re: /\bBedrockRuntime(?:Async)?Client\.(?:builder|create)\s*\(/g, providers: ['aws-bedrock'] },
    { re: /\bnew\s+VertexAI\s*\(/g, providers: ['vertex-ai'] },
    { re: /\bOpenAiChatModel\.builder\s*\(/g, providers: ['openai'], strongOpenAI: true },
    { re: /\bAzureOpenAiChatModel\.builder\s*\(/g, providers: ['azure-openai'] },
  ],
  env: [
    /\bSystem\.getenv\s*\(\s*"([A-Za-z_]\w*)"\s*\)/g,
    /@Value\s*\(\s*"\$\{([\w.-]+)(?::([^}"\n]{1,160}))?\}"\s*\)/g,
    /\bgetProperty\s*\(\s*"([\w.-]+)"\s*(?:,\s*"([^"\n]{1,160})")?\s*\)/g,
  ],
  extra(ctx) {
    for (const m of ctx.live.matchAll(/\b(?:ChatModel|Model)\.((?:GPT|O\d|CLAUDE)[A-Z0-9_]*)\b/g)) {
      const id = jvmModelConstant(m[1] ?? '');
      if (id) ctx.modelArgument('model', id, m.index ?? 0);
    }
  },
};

// ---------------------------------------------------------------- C#
const CS_USING = /^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?([\w.]+)[ \t]*;/gm;

export const csharp: Language = {
  name: 'csharp',
  extensions: ['.cs'],
  syntax: 'csharp',
  imports(ctx) {
    for (const m of ctx.live.matchAll(CS_USING))
      addImport(ctx, dotnetNamespaceProviders(m[1] ?? ''), m.index ?? 0);
  },
  clients: [
    { re: /\bnew\s+AzureOpenAIClient\s*\(/g, providers: ['azure-openai'] },
    {
      re: /\bnew\s+OpenAIClient\s*\(/g,
      providers: ['openai'],
      strongOpenAI: true,
      needs: /using\s+OpenAI\s*;/,
    },
    {
      re: /\bnew\s+ChatClient\s*\(/g,
      providers: ['openai'],
      strongOpenAI: true,
      needs: /using\s+OpenAI\.Chat\s*;/,
    },
    {
      re: /\.AddAzureOpenAI(?:ChatCompletion|TextEmbeddingGeneration)\s*\(/g,
      providers: ['semantic-kernel', 'azure-openai'],
    },
    {
      re: /\.AddOpenAI(?:ChatCompletion|TextEmbeddingGeneration)\s*\(/g,
      providers: ['semantic-kernel', 'openai'],
      strongOpenAI: true,
    },
    { re: /\bnew\s+AmazonBedrockRuntimeClient\s*\(/g, providers: ['aws-bedrock'] },
    { re: /\bnew\s+InferenceSession\s*\(/g, providers: ['onnxruntime'] },
    { re: /\bnew\s+OllamaApiClient\s*\(/g, providers: ['ollama'] },
  ],
  env: [
    /\bEnvironment\.GetEnvironmentVariable\s*\(\s*"([A-Za-z_]\w*)"\s*\)(?:\s*\?\?\s*"([^"\n]{1,160})")?/g,
    /\b[Cc]onfiguration\s*\[\s*"([\w:.-]+)"\s*\](?:\s*\?\?\s*"([^"\n]{1,160})")?/g,
    /\bGetValue<string>\s*\(\s*"([\w:.-]+)"\s*(?:,\s*"([^"\n]{1,160})")?/g,
  ],
};

// ---------------------------------------------------------------- Ruby
const RB_REQUIRE = /^[ \t]*require[ \t(]+["']([\w/-]+)["']/gm;
const LANGCHAINRB: Record<string, ProviderId> = {
  OpenAI: 'openai',
  Anthropic: 'anthropic',
  Ollama: 'ollama',
  AwsBedrock: 'aws-bedrock',
  GoogleGemini: 'google-genai',
  GoogleVertexAI: 'vertex-ai',
  MistralAI: 'mistral',
  Cohere: 'cohere',
  Azure: 'azure-openai',
};

export const ruby: Language = {
  name: 'ruby',
  extensions: ['.rb'],
  syntax: 'ruby',
  imports(ctx) {
    for (const m of ctx.live.matchAll(RB_REQUIRE))
      addImport(ctx, rubyRequireProviders(m[1] ?? ''), m.index ?? 0);
  },
  clients: [
    { re: /\bOpenAI::Client\.new\b/g, providers: ['openai'], strongOpenAI: true },
    { re: /\bAnthropic::Client\.new\b/g, providers: ['anthropic'] },
    { re: /\bAws::BedrockRuntime::Client\.new\b/g, providers: ['aws-bedrock'] },
    { re: /\bOllama\.new\b/g, providers: ['ollama'] },
  ],
  env: [/\bENV(?:\.fetch\s*\(|\[)\s*["'](\w+)["']\s*(?:\]|,\s*["']([^"'\n]{1,160})["'])?/g],
  extra(ctx) {
    for (const m of ctx.live.matchAll(/\bLangchain::LLM::(\w+)\.new\b/g)) {
      const provider = ownEntry(LANGCHAINRB, m[1] ?? '');
      ctx.addProvider(
        'client',
        [{ provider: 'langchain' }, ...(provider ? [{ provider }] : [])],
        m.index ?? 0,
      );
    }
  },
};

// ---------------------------------------------------------------- Rust
/** `use async_openai::…`, `use ollama_rs::…`: the crate's name with `_` for `-`. */
const RS_USE = /^[ \t]*(?:pub[ \t]+)?use[ \t]+([a-z_][\w]*)::/gm;

export const rust: Language = {
  name: 'rust',
  extensions: ['.rs'],
  syntax: 'rust',
  imports(ctx) {
    for (const m of ctx.live.matchAll(RS_USE)) {
      const crate = (m[1] ?? '').replace(/_/g, '-');
      const hits = packageProviders('cargo', crate);
      addImport(ctx, hits.length > 0 ? hits : packageProviders('cargo', m[1] ?? ''), m.index ?? 0);
    }
  },
  clients: [],
  env: [
    /\b(?:std::)?env::var\s*\(\s*"([A-Za-z_]\w*)"\s*\)(?:[^\n;]{0,60}unwrap_or(?:_else)?\s*\(\s*(?:\|\|\s*)?"([^"\n]{1,160})")?/g,
  ],
};

// ---------------------------------------------------------------- PHP
const PHP_USE = /^[ \t]*use[ \t]+([\w\\]+)/gm;
const PHP_NAMESPACES: Array<[RegExp, ProviderId]> = [
  [/^OpenAI(?:\\|$)/, 'openai'],
  [/^Anthropic(?:\\|$)/, 'anthropic'],
  [/^Aws\\BedrockRuntime/, 'aws-bedrock'],
  [/^(?:Gemini|GeminiAPI)(?:\\|$)/, 'google-genai'],
  [/^Cloudstudio\\Ollama|^ArdaGnsrn\\Ollama/, 'ollama'],
  [/^LLPhant\\/, 'langchain'],
];

export const php: Language = {
  name: 'php',
  extensions: ['.php'],
  syntax: 'php',
  imports(ctx) {
    for (const m of ctx.live.matchAll(PHP_USE)) {
      const ns = m[1] ?? '';
      for (const [re, provider] of PHP_NAMESPACES)
        if (re.test(ns)) addImport(ctx, [{ provider }], m.index ?? 0);
    }
  },
  clients: [
    { re: /\bOpenAI::(?:client|factory)\s*\(/g, providers: ['openai'], strongOpenAI: true },
    {
      re: /\bOpenAI::(?:chat|completions|embeddings|responses)\s*\(/g,
      providers: ['openai'],
      strongOpenAI: true,
    },
  ],
  env: [/\b(?:env|getenv)\s*\(\s*['"]([A-Za-z_]\w*)['"]\s*(?:,\s*['"]([^'"\n]{1,160})['"])?/g],
};

/** Every language the code detector reads; extensions are unique across the table (a test checks). */
export const LANGUAGES: readonly Language[] = [python, javascript, go, jvm, csharp, ruby, rust, php];

const BY_EXTENSION = new Map<string, Language>(
  LANGUAGES.flatMap((language) => language.extensions.map((ext): [string, Language] => [ext, language])),
);

/** The language a lower-cased extension ('.py') is written in, if the code detector reads it. */
export function languageForExtension(ext: string): Language | undefined {
  return BY_EXTENSION.get(ext);
}
