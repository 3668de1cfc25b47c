// Source code: imports, client constructors, model ids, env indirection and library defaults.
import { stripComments, syntaxFor, type Syntax } from '../comments';
import { extname } from '../paths';
import { clipLongLines } from '../text';
import type { FileAnalysis } from '../types';
import { CodeContext } from './context';
import { languageFor, type Language } from './languages';
import {
  envReferences,
  frameworkClasses,
  huggingFaceCalls,
  libraryDefaults,
  modelArguments,
  modelLiterals,
  purposeHints,
} from './passes';

/** Cheap gate: files without any of these words cannot contain AI usage. */
const AI_HINT =
  /openai|anthropic|claude|gpt|gemini|genai|vertex|bedrock|mistral|cohere|llama|ollama|transformers|pretrained|hugging|hf_hub|torch|tensorflow|keras|sklearn|joblib|xgboost|onnx|langchain|llm|ai-sdk|pinecone|faiss|vllm|triton|text_generation|load_dataset|sagemaker|semantic_?kernel/i;
/** Model-ish names that may lead to env or config indirection without any provider word in the file. */
const MODEL_HINT =
  /MODEL|DEPLOYMENT|Deployment|model_?[iI]d|model_?[nN]ame|ModelId|from agents import|@openai\/agents|SentenceTransformer|pipeline\(/;
const PY_ML_CONTEXT =
  /^[ \t]*(?:import|from)[ \t]+(?:sklearn|joblib|xgboost|lightgbm|catboost|torch|tensorflow|keras)\b|\bjoblib\.load\s*\(|\bpickle\.load\s*\(/m;

export function isCodePath(path: string): boolean {
  const syntax = syntaxFor(path);
  return syntax !== undefined && languageFor(syntax, extname(path)) !== undefined;
}

/** Analyses source text. `syntaxOverride` lets notebooks feed their Python cells. */
export function analyseCode(
  path: string,
  text: string,
  analysis: FileAnalysis,
  syntaxOverride?: Syntax,
): void {
  const syntax = syntaxOverride ?? syntaxFor(path);
  if (!syntax) return;
  const language: Language | undefined = languageFor(
    syntax,
    syntaxOverride === 'python' ? '.py' : extname(path),
  );
  if (!language) return;
  if (!AI_HINT.test(text) && !MODEL_HINT.test(text)) return;
  const live = stripComments(clipLongLines(text), syntax);
  const ctx = new CodeContext(path, live, `code:${language.name}`, analysis);
  language.imports(ctx);
  for (const client of language.clients) {
    if (client.needs && !client.needs.test(live)) continue;
    for (const m of live.matchAll(client.re)) {
      ctx.addProvider(
        'client',
        client.providers.map((provider) => ({ provider })),
        m.index ?? 0,
      );
      if (client.strongOpenAI) ctx.strongOpenAI = true;
    }
  }
  frameworkClasses(ctx);
  language.extra?.(ctx);
  modelArguments(ctx);
  huggingFaceCalls(ctx);
  modelLiterals(ctx);
  envReferences(ctx, language.env);
  libraryDefaults(ctx, live);
  if (ctx.providers.size > 0) purposeHints(ctx);
  if (language.name === 'python' && PY_ML_CONTEXT.test(live)) analysis.mlContext = true;
}
