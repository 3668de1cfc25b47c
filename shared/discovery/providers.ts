// Which AI provider / framework a package or module name stands for, per ecosystem.
import type { ProviderId } from './findings';
import type { Ecosystem, ProviderHit } from './types';
import { ownEntry } from './lookup';

/**
 * Suppliers an OpenAI client may actually call: Azure, and OpenAI-compatible gateways and endpoints set by
 * `base_url` (the `openai` package is their client too, so it says little once one of them is seen).
 */
const AZ: ProviderId[] = [
  'azure-openai',
  'openrouter',
  'portkey',
  'litellm',
  'groq',
  'together-ai',
  'fireworks-ai',
  'deepseek',
  'xai',
  'perplexity',
];
/** The OpenAI client packages double as Azure OpenAI clients: weak once Azure is seen. */
const openaiWeak = (): ProviderHit => ({ provider: 'openai', supersededBy: AZ });
const hit = (...providers: ProviderId[]): ProviderHit[] => providers.map((provider) => ({ provider }));

const PYPI: Record<string, ProviderHit[]> = {
  openai: [openaiWeak()],
  'openai-agents': hit('openai'),
  anthropic: hit('anthropic'),
  'google-generativeai': hit('google-genai'),
  'google-genai': hit('google-genai'),
  'google-cloud-aiplatform': hit('vertex-ai'),
  vertexai: hit('vertex-ai'),
  mistralai: hit('mistral'),
  cohere: hit('cohere'),
  'huggingface-hub': hit('huggingface-hub'),
  transformers: hit('transformers'),
  peft: hit('peft'),
  trl: hit('transformers'),
  accelerate: hit('transformers'),
  torch: hit('pytorch'),
  pytorch: hit('pytorch'),
  'pytorch-lightning': hit('pytorch'),
  lightning: hit('pytorch'),
  tensorflow: hit('tensorflow'),
  'tensorflow-cpu': hit('tensorflow'),
  'tensorflow-gpu': hit('tensorflow'),
  keras: hit('tensorflow'),
  'tf-keras': hit('tensorflow'),
  'scikit-learn': hit('scikit-learn'),
  sklearn: hit('scikit-learn'),
  xgboost: hit('xgboost'),
  onnxruntime: hit('onnxruntime'),
  'onnxruntime-gpu': hit('onnxruntime'),
  'llama-cpp-python': hit('llama-cpp'),
  ollama: hit('ollama'),
  langchain: hit('langchain'),
  'langchain-core': hit('langchain'),
  'langchain-community': hit('langchain'),
  langgraph: hit('langchain'),
  'langchain-openai': [{ provider: 'langchain' }, openaiWeak()],
  'langchain-anthropic': hit('langchain', 'anthropic'),
  'langchain-aws': hit('langchain', 'aws-bedrock'),
  'langchain-google-genai': hit('langchain', 'google-genai'),
  'langchain-google-vertexai': hit('langchain', 'vertex-ai'),
  'langchain-mistralai': hit('langchain', 'mistral'),
  'langchain-cohere': hit('langchain', 'cohere'),
  'langchain-ollama': hit('langchain', 'ollama'),
  'langchain-huggingface': hit('langchain', 'huggingface-hub'),
  'langchain-pinecone': hit('langchain', 'pinecone'),
  'llama-index': hit('llamaindex'),
  'llama-index-core': hit('llamaindex'),
  'llama-index-llms-openai': [{ provider: 'llamaindex' }, openaiWeak()],
  'llama-index-llms-azure-openai': hit('llamaindex', 'azure-openai'),
  'llama-index-llms-anthropic': hit('llamaindex', 'anthropic'),
  'llama-index-llms-ollama': hit('llamaindex', 'ollama'),
  'llama-index-llms-bedrock': hit('llamaindex', 'aws-bedrock'),
  'pinecone-client': hit('pinecone'),
  pinecone: hit('pinecone'),
  'faiss-cpu': hit('faiss'),
  'faiss-gpu': hit('faiss'),
  vllm: hit('vllm'),
  'text-generation': hit('tgi'),
  tritonclient: hit('triton'),
  'sentence-transformers': hit('sentence-transformers'),
  'semantic-kernel': hit('semantic-kernel'),
  'azure-ai-inference': hit('azure-openai'),
  sagemaker: hit('aws-sagemaker'),
  'langchain-text-splitters': hit('langchain'),
  litellm: hit('litellm'),
  'portkey-ai': hit('portkey'),
  groq: hit('groq'),
  together: hit('together-ai'),
  'fireworks-ai': hit('fireworks-ai'),
  crewai: hit('crewai'),
  'crewai-tools': hit('crewai'),
  nemoguardrails: hit('nemo-guardrails'),
  'guardrails-ai': hit('guardrails-ai'),
  mcp: hit('mcp'),
  fastmcp: hit('mcp'),
};

const NPM: Record<string, ProviderHit[]> = {
  openai: [openaiWeak()],
  '@openai/agents': hit('openai'),
  '@azure/openai': hit('azure-openai'),
  '@anthropic-ai/sdk': hit('anthropic'),
  '@anthropic-ai/bedrock-sdk': hit('anthropic', 'aws-bedrock'),
  '@anthropic-ai/vertex-sdk': hit('anthropic', 'vertex-ai'),
  '@google/generative-ai': hit('google-genai'),
  '@google/genai': hit('google-genai'),
  '@google-cloud/vertexai': hit('vertex-ai'),
  '@google-cloud/aiplatform': hit('vertex-ai'),
  '@aws-sdk/client-bedrock-runtime': hit('aws-bedrock'),
  '@aws-sdk/client-bedrock': hit('aws-bedrock'),
  '@aws-sdk/client-bedrock-agent-runtime': hit('aws-bedrock'),
  '@aws-sdk/client-sagemaker-runtime': hit('aws-sagemaker'),
  '@mistralai/mistralai': hit('mistral'),
  'cohere-ai': hit('cohere'),
  '@huggingface/inference': hit('huggingface-hub'),
  '@huggingface/hub': hit('huggingface-hub'),
  '@huggingface/transformers': hit('transformers'),
  '@xenova/transformers': hit('transformers'),
  'onnxruntime-node': hit('onnxruntime'),
  'onnxruntime-web': hit('onnxruntime'),
  langchain: hit('langchain'),
  '@langchain/core': hit('langchain'),
  '@langchain/community': hit('langchain'),
  '@langchain/langgraph': hit('langchain'),
  '@langchain/openai': [{ provider: 'langchain' }, openaiWeak()],
  '@langchain/anthropic': hit('langchain', 'anthropic'),
  '@langchain/aws': hit('langchain', 'aws-bedrock'),
  '@langchain/google-genai': hit('langchain', 'google-genai'),
  '@langchain/google-vertexai': hit('langchain', 'vertex-ai'),
  '@langchain/mistralai': hit('langchain', 'mistral'),
  '@langchain/cohere': hit('langchain', 'cohere'),
  '@langchain/ollama': hit('langchain', 'ollama'),
  '@langchain/pinecone': hit('langchain', 'pinecone'),
  llamaindex: hit('llamaindex'),
  ai: hit('vercel-ai-sdk'),
  '@ai-sdk/openai': hit('openai'),
  '@ai-sdk/azure': hit('azure-openai'),
  '@ai-sdk/anthropic': hit('anthropic'),
  '@ai-sdk/google': hit('google-genai'),
  '@ai-sdk/google-vertex': hit('vertex-ai'),
  '@ai-sdk/amazon-bedrock': hit('aws-bedrock'),
  '@ai-sdk/mistral': hit('mistral'),
  '@ai-sdk/cohere': hit('cohere'),
  '@ai-sdk/react': hit('vercel-ai-sdk'),
  'ollama-ai-provider': hit('ollama'),
  'ollama-ai-provider-v2': hit('ollama'),
  ollama: hit('ollama'),
  '@pinecone-database/pinecone': hit('pinecone'),
  'node-llama-cpp': hit('llama-cpp'),
  '@tensorflow/tfjs': hit('tensorflow'),
  '@tensorflow/tfjs-node': hit('tensorflow'),
  'faiss-node': hit('faiss'),
  'portkey-ai': hit('portkey'),
  'groq-sdk': hit('groq'),
  'together-ai': hit('together-ai'),
  '@openrouter/ai-sdk-provider': hit('openrouter'),
  '@ai-sdk/groq': hit('groq'),
  '@ai-sdk/togetherai': hit('together-ai'),
  '@ai-sdk/fireworks': hit('fireworks-ai'),
  '@ai-sdk/deepseek': hit('deepseek'),
  '@ai-sdk/xai': hit('xai'),
  '@ai-sdk/perplexity': hit('perplexity'),
  '@modelcontextprotocol/sdk': hit('mcp'),
};

const GO: Record<string, ProviderHit[]> = {
  'github.com/sashabaranov/go-openai': [openaiWeak()],
  'github.com/openai/openai-go': [openaiWeak()],
  'github.com/anthropics/anthropic-sdk-go': hit('anthropic'),
  'github.com/aws/aws-sdk-go-v2/service/bedrockruntime': hit('aws-bedrock'),
  'github.com/aws/aws-sdk-go-v2/service/bedrock': hit('aws-bedrock'),
  'github.com/aws/aws-sdk-go-v2/service/bedrockagentruntime': hit('aws-bedrock'),
  'github.com/google/generative-ai-go': hit('google-genai'),
  'google.golang.org/genai': hit('google-genai'),
  'cloud.google.com/go/vertexai': hit('vertex-ai'),
  'cloud.google.com/go/aiplatform': hit('vertex-ai'),
  'github.com/tmc/langchaingo': hit('langchain'),
  'github.com/ollama/ollama': hit('ollama'),
  'github.com/azure/azure-sdk-for-go/sdk/ai/azopenai': hit('azure-openai'),
  'github.com/pinecone-io/go-pinecone': hit('pinecone'),
  'github.com/cohere-ai/cohere-go': hit('cohere'),
  'github.com/yalue/onnxruntime_go': hit('onnxruntime'),
};

const MAVEN: Record<string, ProviderHit[]> = {
  'com.azure:azure-ai-openai': hit('azure-openai'),
  'com.openai:openai-java': hit('openai'),
  'com.theokanning.openai-gpt3-java:service': hit('openai'),
  'com.theokanning.openai-gpt3-java:client': hit('openai'),
  'com.anthropic:anthropic-java': hit('anthropic'),
  'software.amazon.awssdk:bedrockruntime': hit('aws-bedrock'),
  'software.amazon.awssdk:bedrock': hit('aws-bedrock'),
  'software.amazon.awssdk:sagemakerruntime': hit('aws-sagemaker'),
  'com.google.cloud:google-cloud-vertexai': hit('vertex-ai'),
  'com.google.cloud:google-cloud-aiplatform': hit('vertex-ai'),
  'com.google.genai:google-genai': hit('google-genai'),
  'com.microsoft.onnxruntime:onnxruntime': hit('onnxruntime'),
  'org.tensorflow:tensorflow-core-platform': hit('tensorflow'),
  'io.github.ollama4j:ollama4j': hit('ollama'),
};

const GEM: Record<string, ProviderHit[]> = {
  'ruby-openai': hit('openai'),
  openai: hit('openai'),
  anthropic: hit('anthropic'),
  'ruby-anthropic': hit('anthropic'),
  langchainrb: hit('langchain'),
  'aws-sdk-bedrockruntime': hit('aws-bedrock'),
  'aws-sdk-bedrock': hit('aws-bedrock'),
  'ollama-ai': hit('ollama'),
  'gemini-ai': hit('google-genai'),
  'cohere-ruby': hit('cohere'),
  'mistral-ai': hit('mistral'),
};

const CARGO: Record<string, ProviderHit[]> = {
  'async-openai': hit('openai'),
  'openai-api-rs': hit('openai'),
  'ollama-rs': hit('ollama'),
  'aws-sdk-bedrockruntime': hit('aws-bedrock'),
  tch: hit('pytorch'),
  ort: hit('onnxruntime'),
  'llama-cpp-2': hit('llama-cpp'),
  llama_cpp: hit('llama-cpp'),
  'hf-hub': hit('huggingface-hub'),
};

const COMPOSER: Record<string, ProviderHit[]> = {
  'openai-php/client': hit('openai'),
  'openai-php/laravel': hit('openai'),
  'openai-php/symfony': hit('openai'),
  'orhanerday/open-ai': hit('openai'),
  'anthropic-ai/sdk': hit('anthropic'),
  'mozex/anthropic-php': hit('anthropic'),
  'aws/aws-sdk-php': [],
};

const NUGET: Record<string, ProviderHit[]> = {
  'azure.ai.openai': hit('azure-openai'),
  openai: [openaiWeak()],
  'microsoft.semantickernel': hit('semantic-kernel'),
  'microsoft.semantickernel.connectors.openai': [{ provider: 'semantic-kernel' }, openaiWeak()],
  'microsoft.semantickernel.connectors.azureopenai': hit('semantic-kernel', 'azure-openai'),
  'microsoft.extensions.ai.openai': [openaiWeak()],
  'microsoft.extensions.ai.azureaiinference': hit('azure-openai'),
  'anthropic.sdk': hit('anthropic'),
  anthropic: hit('anthropic'),
  'awssdk.bedrockruntime': hit('aws-bedrock'),
  'awssdk.bedrock': hit('aws-bedrock'),
  'microsoft.ml.onnxruntime': hit('onnxruntime'),
  ollamasharp: hit('ollama'),
  'google.cloud.aiplatform.v1': hit('vertex-ai'),
  'mscc.generativeai': hit('google-genai'),
  llamasharp: hit('llama-cpp'),
};

function normalisePypi(name: string): string {
  return name.toLowerCase().replace(/[_.]+/g, '-');
}

/** Providers a declared package stands for ([] when it is not an AI/ML package). */
export function packageProviders(ecosystem: Ecosystem, rawName: string): ProviderHit[] {
  const name = rawName.trim();
  switch (ecosystem) {
    case 'pypi':
    case 'conda': {
      const key = normalisePypi(name);
      const known = ownEntry(PYPI, key);
      if (known) return known;
      if (key.startsWith('langchain-')) return hit('langchain');
      if (key.startsWith('llama-index-')) return hit('llamaindex');
      return [];
    }
    case 'npm': {
      const known = ownEntry(NPM, name);
      if (known) return known;
      if (name.startsWith('@langchain/')) return hit('langchain');
      if (name.startsWith('@llamaindex/')) return hit('llamaindex');
      return [];
    }
    case 'go': {
      const lower = name.toLowerCase();
      for (const [prefix, providers] of Object.entries(GO)) {
        if (lower === prefix || lower.startsWith(`${prefix}/`)) return providers;
      }
      return [];
    }
    case 'maven': {
      const known = ownEntry(MAVEN, name);
      if (known) return known;
      const [group, artifact = ''] = name.split(':');
      if (group === 'org.springframework.ai') return springAi(artifact);
      if (group === 'dev.langchain4j') return langchain4j(artifact);
      if (group === 'org.tensorflow') return hit('tensorflow');
      if (group === 'ai.djl.pytorch') return hit('pytorch');
      return [];
    }
    case 'gem':
      return ownEntry(GEM, name.toLowerCase()) ?? [];
    case 'cargo':
      return ownEntry(CARGO, name.toLowerCase()) ?? [];
    case 'composer':
      return ownEntry(COMPOSER, name.toLowerCase()) ?? [];
    case 'nuget': {
      const lower = name.toLowerCase();
      const known = ownEntry(NUGET, lower);
      if (known) return known;
      if (lower.startsWith('microsoft.semantickernel')) return hit('semantic-kernel');
      return [];
    }
    default:
      return [];
  }
}

function springAi(artifact: string): ProviderHit[] {
  const out: ProviderHit[] = [{ provider: 'spring-ai' }];
  if (artifact.includes('azure-openai')) out.push({ provider: 'azure-openai' });
  else if (artifact.includes('openai')) out.push({ provider: 'openai' });
  if (artifact.includes('anthropic')) out.push({ provider: 'anthropic' });
  if (artifact.includes('ollama')) out.push({ provider: 'ollama' });
  if (artifact.includes('bedrock')) out.push({ provider: 'aws-bedrock' });
  if (artifact.includes('vertex-ai')) out.push({ provider: 'vertex-ai' });
  if (artifact.includes('mistral')) out.push({ provider: 'mistral' });
  return out;
}

function langchain4j(artifact: string): ProviderHit[] {
  const out: ProviderHit[] = [{ provider: 'langchain4j' }];
  if (artifact.includes('azure-open-ai')) out.push({ provider: 'azure-openai' });
  else if (artifact.includes('open-ai')) out.push({ provider: 'openai' });
  if (artifact.includes('anthropic')) out.push({ provider: 'anthropic' });
  if (artifact.includes('ollama')) out.push({ provider: 'ollama' });
  if (artifact.includes('bedrock')) out.push({ provider: 'aws-bedrock' });
  if (artifact.includes('vertex-ai')) out.push({ provider: 'vertex-ai' });
  return out;
}

/** Python module (import path) → providers. */
const PY_MODULES: Array<[string, ProviderHit[]]> = [
  ['openai', [openaiWeak()]],
  ['anthropic', hit('anthropic')],
  ['google.generativeai', hit('google-genai')],
  ['google.genai', hit('google-genai')],
  ['vertexai', hit('vertex-ai')],
  ['google.cloud.aiplatform', hit('vertex-ai')],
  ['mistralai', hit('mistral')],
  ['cohere', hit('cohere')],
  ['huggingface_hub', hit('huggingface-hub')],
  ['transformers', hit('transformers')],
  ['peft', hit('peft')],
  ['trl', hit('transformers')],
  ['torch', hit('pytorch')],
  ['lightning', hit('pytorch')],
  ['pytorch_lightning', hit('pytorch')],
  ['tensorflow', hit('tensorflow')],
  ['keras', hit('tensorflow')],
  ['tf_keras', hit('tensorflow')],
  ['sklearn', hit('scikit-learn')],
  ['xgboost', hit('xgboost')],
  ['onnxruntime', hit('onnxruntime')],
  ['llama_cpp', hit('llama-cpp')],
  ['ollama', hit('ollama')],
  ['langchain_openai', [{ provider: 'langchain' }, openaiWeak()]],
  ['langchain_anthropic', hit('langchain', 'anthropic')],
  ['langchain_aws', hit('langchain', 'aws-bedrock')],
  ['langchain_google_genai', hit('langchain', 'google-genai')],
  ['langchain_google_vertexai', hit('langchain', 'vertex-ai')],
  ['langchain_mistralai', hit('langchain', 'mistral')],
  ['langchain_cohere', hit('langchain', 'cohere')],
  ['langchain_ollama', hit('langchain', 'ollama')],
  ['langchain_huggingface', hit('langchain', 'huggingface-hub')],
  ['langchain_pinecone', hit('langchain', 'pinecone')],
  ['langchain', hit('langchain')],
  ['langchain_core', hit('langchain')],
  ['langchain_community', hit('langchain')],
  ['langgraph', hit('langchain')],
  ['llama_index.llms.openai', [{ provider: 'llamaindex' }, openaiWeak()]],
  ['llama_index.llms.azure_openai', hit('llamaindex', 'azure-openai')],
  ['llama_index.llms.anthropic', hit('llamaindex', 'anthropic')],
  ['llama_index.llms.ollama', hit('llamaindex', 'ollama')],
  ['llama_index', hit('llamaindex')],
  ['pinecone', hit('pinecone')],
  ['faiss', hit('faiss')],
  ['vllm', hit('vllm')],
  ['tritonclient', hit('triton')],
  ['text_generation', hit('tgi')],
  ['sentence_transformers', hit('sentence-transformers')],
  ['semantic_kernel', hit('semantic-kernel')],
  ['sagemaker', hit('aws-sagemaker')],
  ['litellm', hit('litellm')],
  ['portkey_ai', hit('portkey')],
  ['groq', hit('groq')],
  ['together', hit('together-ai')],
  ['crewai_tools', hit('crewai')],
  ['crewai', hit('crewai')],
  ['nemoguardrails', hit('nemo-guardrails')],
  ['guardrails', hit('guardrails-ai')],
  ['mcp', hit('mcp')],
  ['fastmcp', hit('mcp')],
];

function byPrefix(table: Array<[string, ProviderHit[]]>, module: string, sep: string): ProviderHit[] {
  for (const [prefix, providers] of table) {
    if (module === prefix || module.startsWith(prefix + sep)) return providers;
  }
  return [];
}

export function pythonModuleProviders(module: string): ProviderHit[] {
  return byPrefix(PY_MODULES, module, '.');
}

/** JS/TS import specifier → providers (same names as npm packages). */
export function jsModuleProviders(specifier: string): ProviderHit[] {
  const parts = specifier.split('/');
  const pkg = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return packageProviders('npm', pkg);
}

export function goImportProviders(path: string): ProviderHit[] {
  return packageProviders('go', path.replace(/\/v\d+(?=\/|$)/, ''));
}

const JVM_PACKAGES: Array<[string, ProviderHit[]]> = [
  ['com.azure.ai.openai', hit('azure-openai')],
  ['com.openai', hit('openai')],
  ['com.theokanning.openai', hit('openai')],
  ['com.anthropic', hit('anthropic')],
  ['software.amazon.awssdk.services.bedrockruntime', hit('aws-bedrock')],
  ['software.amazon.awssdk.services.bedrock', hit('aws-bedrock')],
  ['software.amazon.awssdk.services.sagemakerruntime', hit('aws-sagemaker')],
  ['com.google.cloud.vertexai', hit('vertex-ai')],
  ['com.google.genai', hit('google-genai')],
  ['org.springframework.ai.azure.openai', hit('spring-ai', 'azure-openai')],
  ['org.springframework.ai.openai', hit('spring-ai', 'openai')],
  ['org.springframework.ai.anthropic', hit('spring-ai', 'anthropic')],
  ['org.springframework.ai.ollama', hit('spring-ai', 'ollama')],
  ['org.springframework.ai.bedrock', hit('spring-ai', 'aws-bedrock')],
  ['org.springframework.ai.vertexai', hit('spring-ai', 'vertex-ai')],
  ['org.springframework.ai', hit('spring-ai')],
  ['dev.langchain4j.model.azure', hit('langchain4j', 'azure-openai')],
  ['dev.langchain4j.model.openai', hit('langchain4j', 'openai')],
  ['dev.langchain4j.model.anthropic', hit('langchain4j', 'anthropic')],
  ['dev.langchain4j.model.ollama', hit('langchain4j', 'ollama')],
  ['dev.langchain4j', hit('langchain4j')],
  ['ai.onnxruntime', hit('onnxruntime')],
  ['org.tensorflow', hit('tensorflow')],
  ['io.github.ollama4j', hit('ollama')],
];

export function jvmImportProviders(name: string): ProviderHit[] {
  return byPrefix(JVM_PACKAGES, name, '.');
}

const DOTNET_NAMESPACES: Array<[string, ProviderHit[]]> = [
  ['Azure.AI.OpenAI', hit('azure-openai')],
  ['OpenAI', [openaiWeak()]],
  ['Microsoft.SemanticKernel.Connectors.AzureOpenAI', hit('semantic-kernel', 'azure-openai')],
  ['Microsoft.SemanticKernel.Connectors.OpenAI', [{ provider: 'semantic-kernel' }, openaiWeak()]],
  ['Microsoft.SemanticKernel', hit('semantic-kernel')],
  ['Anthropic.SDK', hit('anthropic')],
  ['Amazon.BedrockRuntime', hit('aws-bedrock')],
  ['Microsoft.ML.OnnxRuntime', hit('onnxruntime')],
  ['OllamaSharp', hit('ollama')],
  ['Google.Cloud.AIPlatform', hit('vertex-ai')],
  ['Mscc.GenerativeAI', hit('google-genai')],
  ['LLama', hit('llama-cpp')],
];

export function dotnetNamespaceProviders(name: string): ProviderHit[] {
  return byPrefix(DOTNET_NAMESPACES, name, '.');
}

const RUBY_REQUIRES: Record<string, ProviderHit[]> = {
  openai: hit('openai'),
  anthropic: hit('anthropic'),
  langchain: hit('langchain'),
  'aws-sdk-bedrockruntime': hit('aws-bedrock'),
  'ollama-ai': hit('ollama'),
  'gemini-ai': hit('google-genai'),
  cohere: hit('cohere'),
};

export function rubyRequireProviders(name: string): ProviderHit[] {
  return ownEntry(RUBY_REQUIRES, name) ?? [];
}
