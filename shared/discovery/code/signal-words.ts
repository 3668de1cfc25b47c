// The code detector's keyword gate on its own, without the detector: a reader thread tests bytes with it
// and loads none of the detection code.
import { compileWordGate } from '../word-gate';

/**
 * Every word AI_HINT or MODEL_HINT can match contains one of these (lower case), so a file without any
 * of them fails both. One case-insensitive regex over a prefix tree branches on the first letter and
 * runs several times faster than the two gates, which then only see the few files that pass it.
 */
export const SIGNAL_WORDS: readonly string[] = [
  ...'openai anthropic claude gpt gemini genai vertex bedrock mistral cohere llama transformers'.split(' '),
  ...'pretrained hugging hf_hub torch tensorflow keras sklearn joblib xgboost onnx langchain llm'.split(' '),
  ...'ai-sdk pinecone faiss triton text_generation load_dataset sagemaker semantic_kernel'.split(' '),
  ...'litellm openrouter portkey groq crewai mcp guardrails chroma qdrant weaviate springframework.ai'.split(
    ' ',
  ),
  ...['semantickernel', 'model', 'deployment', 'from agents import', 'sentencetransformer', 'pipeline('],
];

const SIGNAL_GATE = compileWordGate(SIGNAL_WORDS);

/**
 * The first half of `mayUseAi` on a file's UTF-8 bytes, before decoding: false exactly when the decoded
 * text holds no SIGNAL_WORDS word (ASCII case-insensitive), so `analyseCode` would find nothing.
 */
export function mayUseAiBytes(utf8: Uint8Array): boolean {
  return SIGNAL_GATE.test(utf8);
}
