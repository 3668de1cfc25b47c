// Source code: imports, client constructors, model ids, env indirection and library defaults.
import { stripComments } from '../comments';
import { extname } from '../paths';
import { clipLongLines } from '../text';
import { SIGNAL_WORDS, mayUseAiBytes } from './signal-words';
import type { FileAnalysis } from '../types';
import { analyseAgentCode } from '../agents';
import { codeSettingSites } from '../config-sites';
import { CodeContext } from './context';
import { CODE_SIEVE, sieved } from './sieve';
import { LANGUAGES, languageForExtension, type Language } from './languages';
import {
  constantDefinitions,
  constantReferences,
  envReferences,
  frameworkClasses,
  gatewayEndpoints,
  huggingFaceCalls,
  libraryDefaults,
  modelArguments,
  modelLiterals,
  purposeHints,
} from './passes';

export { SIGNAL_WORDS, mayUseAiBytes };

/** Gate: files without any of these words cannot contain AI usage. */
export const AI_HINT =
  /openai|anthropic|claude|gpt|gemini|genai|vertex|bedrock|mistral|cohere|llama|ollama|transformers|pretrained|hugging|hf_hub|torch|tensorflow|keras|sklearn|joblib|xgboost|onnx|langchain|llm|ai-sdk|pinecone|faiss|vllm|triton|text_generation|load_dataset|sagemaker|semantic_?kernel|litellm|openrouter|portkey|groq|crewai|mcp|guardrails|chroma|qdrant|weaviate|springframework\.ai|langchain4j/i;
/** Model-ish names that may lead to env or config indirection without any provider word in the file. */
export const MODEL_HINT =
  /MODEL|DEPLOYMENT|Deployment|model_?[iI]d|model_?[nN]ame|ModelId|from agents import|@openai\/agents|SentenceTransformer|pipeline\(/;

/** Alternation of `words` factored by common prefixes: 'a(?:i-sdk|nthropic)|b…'. */
function prefixTree(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let includesEmpty = false;
  for (const word of words) {
    if (word === '') includesEmpty = true;
    else byFirst.set(word.charAt(0), [...(byFirst.get(word.charAt(0)) ?? []), word.slice(1)]);
  }
  const escape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const branches = [...byFirst.keys()].sort().map((first) => {
    const rest = byFirst.get(first) ?? [];
    const tail =
      rest.length === 1 ? (rest[0] ?? '').split('').map(escape).join('') : `(?:${prefixTree(rest)})`;
    return escape(first) + tail;
  });
  if (!includesEmpty) return branches.join('|');
  return branches.length > 0 ? `(?:${branches.join('|')})?` : '';
}

const SIGNAL = new RegExp(prefixTree(SIGNAL_WORDS), 'i');

/** Whether a file can contain AI usage at all: exactly the AI_HINT / MODEL_HINT gate, only faster. */
export function mayUseAi(text: string): boolean {
  return SIGNAL.test(text) && (AI_HINT.test(text) || MODEL_HINT.test(text));
}

const PY_ML_CONTEXT = sieved(
  /^[ \t]*(?:import|from)[ \t]+(?:sklearn|joblib|xgboost|lightgbm|catboost|torch|tensorflow|keras)\b|\bjoblib\.load\s*\(|\bpickle\.load\s*\(/m,
);

// Every language's client and env patterns run over whole files: the sieve skips those whose words are absent.
for (const language of LANGUAGES) {
  for (const client of language.clients) sieved(client.re);
  for (const re of language.env) sieved(re);
}

/** Extensions the code detector reads: derived from the language table, never listed by hand. */
export const CODE_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((language) => language.extensions);

/**
 * Analyses source text in the language its extension names. `language` lets notebooks feed their
 * Python cells whatever the file is called.
 */
export function analyseCode(path: string, text: string, analysis: FileAnalysis, language?: Language): void {
  const lang = language ?? languageForExtension(extname(path));
  if (!lang) return;
  if (!mayUseAi(text)) return;
  const live = stripComments(clipLongLines(text), lang.syntax);
  const sieve = CODE_SIEVE.scan(live);
  const ctx = new CodeContext(path, live, `code:${lang.name}`, analysis, sieve);
  lang.imports(ctx);
  for (const client of lang.clients) {
    if (!sieve.may(client.re)) continue;
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
  lang.extra?.(ctx);
  gatewayEndpoints(ctx);
  modelArguments(ctx);
  huggingFaceCalls(ctx);
  modelLiterals(ctx);
  envReferences(ctx, lang.env);
  libraryDefaults(ctx, live);
  constantDefinitions(ctx);
  constantReferences(ctx);
  if (ctx.providers.size > 0) purposeHints(ctx);
  analyseAgentCode(path, live, analysis, ctx.index);
  codeSettingSites(path, live, analysis, ctx.index);
  if (lang.name === 'python' && sieve.may(PY_ML_CONTEXT) && PY_ML_CONTEXT.test(live))
    analysis.mlContext = true;
}
