// The fast pre-filter for source code must agree exactly with the AI_HINT / MODEL_HINT gate it replaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AI_HINT, MODEL_HINT, mayUseAi } from '../../../shared/discovery/code';

const WORDS = [
  ...'openai anthropic claude gpt gemini genai vertex bedrock mistral cohere llama ollama transformers'.split(
    ' ',
  ),
  ...'pretrained hugging hf_hub torch tensorflow keras sklearn joblib xgboost onnx langchain llm ai-sdk'.split(
    ' ',
  ),
  ...'pinecone faiss vllm triton text_generation load_dataset sagemaker semantic_kernel semantickernel'.split(
    ' ',
  ),
  ...'MODEL DEPLOYMENT Deployment model_id modelId model_name modelName ModelId SentenceTransformer'.split(
    ' ',
  ),
  ...['from agents import', '@openai/agents', 'pipeline(', 'Model', 'deploy', 'pipeline', 'transformer'],
  ...['open_ai', 'hf-hub', 'semantic kernel', 'modelid', 'model-id', 'from  agents import', 'lama', 'gp t'],
];

const exact = (text: string): boolean => AI_HINT.test(text) || MODEL_HINT.test(text);

/** A word with some letters' case flipped. */
const mangled = fc
  .tuple(fc.constantFrom(...WORDS), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }))
  .map(([word, flips]) =>
    [...word]
      .map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
      .join(''),
  );

const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), mangled, fc.string({ maxLength: 6 })), { maxLength: 6 })
  .map((parts) => parts.join(''));

describe('source code pre-filter', () => {
  it('agrees with the exact gate on every listed word, as written and in other cases', () => {
    for (const word of WORDS) {
      for (const variant of [word, word.toUpperCase(), word.toLowerCase(), `x${word}y`]) {
        expect(mayUseAi(variant), variant).toBe(exact(variant));
      }
    }
  });

  it('agrees with the exact gate on generated text (5,000 runs)', () => {
    fc.assert(
      fc.property(text, (t) => mayUseAi(t) === exact(t)),
      { numRuns: 5000 },
    );
  });

  it('lets ordinary code through unflagged', () => {
    expect(mayUseAi('def order_total(items):\n    return sum(i.price for i in items)\n')).toBe(false);
  });
});
