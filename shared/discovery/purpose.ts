// A one-line purpose for a system: manifest description, README first line, or a sentence built
// from what the code does and which provider/model it uses.
import type { ModelRef, ProviderId } from './findings';

const PROVIDER_NAMES: Partial<Record<ProviderId, string>> = {
  openai: 'OpenAI',
  'azure-openai': 'Azure OpenAI',
  anthropic: 'Anthropic',
  'google-genai': 'Google Gemini',
  'vertex-ai': 'Vertex AI',
  'aws-bedrock': 'AWS Bedrock',
  mistral: 'Mistral',
  cohere: 'Cohere',
  'huggingface-hub': 'Hugging Face',
  transformers: 'Transformers',
  ollama: 'Ollama',
  'llama-cpp': 'llama.cpp',
  vllm: 'vLLM',
  tgi: 'Text Generation Inference',
  triton: 'Triton',
  'github-models': 'GitHub Models',
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow',
  'scikit-learn': 'scikit-learn',
  onnxruntime: 'ONNX Runtime',
  'aws-sagemaker': 'SageMaker',
};

/** Most telling first. */
const HINT_LABELS: Array<[string, string]> = [
  ['fine-tuning', 'Model fine-tuning'],
  ['agent', 'AI agent'],
  ['retrieval', 'Retrieval-augmented assistant'],
  ['chat', 'Chat assistant'],
  ['image-generation', 'Image generation'],
  ['speech-to-text', 'Speech transcription'],
  ['embeddings', 'Embedding service'],
  ['sentiment-analysis', 'Sentiment analysis'],
  ['text-classification', 'Text classification'],
  ['summarization', 'Summarisation'],
  ['question-answering', 'Question answering'],
  ['text-generation', 'Text generation'],
  ['ner', 'Named-entity recognition'],
  ['token-classification', 'Named-entity recognition'],
  ['zero-shot-classification', 'Zero-shot classification'],
  ['ci-automation', 'CI automation'],
  ['prediction', 'ML prediction'],
];

/** Providers that are frameworks rather than model suppliers: named only when nothing else is. */
const FRAMEWORKS: ReadonlySet<ProviderId> = new Set([
  'langchain',
  'llamaindex',
  'vercel-ai-sdk',
  'semantic-kernel',
  'spring-ai',
  'langchain4j',
  'pinecone',
  'faiss',
]);

export function inferPurpose(
  description: string | undefined,
  readme: string | undefined,
  hints: ReadonlySet<string>,
  providers: readonly ProviderId[],
  models: readonly ModelRef[],
): string {
  if (description && description.trim()) return description.trim();
  if (readme && readme.trim()) return readme.trim();
  const label = HINT_LABELS.find(([hint]) => hints.has(hint))?.[1];
  const hasFiles = models.some((m) => m.resolvedFrom === 'file');
  const kind = label ?? (hasFiles ? 'Local model inference' : 'AI component');
  const supplier = providers.find((p) => !FRAMEWORKS.has(p)) ?? providers[0];
  const named =
    models.find((m) => m.resolvedFrom !== 'file' && (!supplier || m.provider === supplier)) ??
    models.find((m) => m.resolvedFrom !== 'file');
  const parts = [kind];
  if (supplier) parts.push('using', PROVIDER_NAMES[supplier] ?? supplier);
  if (named) parts.push(named.id);
  return parts.join(' ');
}
