// Providers and model ids named in prose: ticket descriptions, list items, page text. Written for people,
// not parsers, so only distinctive signals count: hosted model ids (the same classifier source code uses),
// Hugging Face model URLs, and provider or product names as whole words.
import type { Finding, Pinning, ProviderId } from './findings';
import { classifyHuggingFaceId, classifyModelId } from './model-ids';
import { makeFinding, splitLines } from './text';

/** Longer text is cut: a ticket is prose, not a data dump. */
const MAX_PROSE = 256 * 1024;

interface NameRule {
  pattern: RegExp;
  provider: ProviderId;
  supersededBy?: ProviderId[];
}

// Everyday English words ('cohere', 'mistral', 'gemini', 'claude', 'bedrock') count only capitalised.
const NAMES: readonly NameRule[] = [
  { pattern: /\bAzure[ -]?OpenAI\b/gi, provider: 'azure-openai' },
  { pattern: /\b(?:OpenAI|ChatGPT)\b/gi, provider: 'openai', supersededBy: ['azure-openai'] },
  { pattern: /\bAnthropic\b/gi, provider: 'anthropic' },
  { pattern: /\bClaude\b/g, provider: 'anthropic' },
  { pattern: /\bVertex[ -]?AI\b/gi, provider: 'vertex-ai' },
  { pattern: /\bGemini\b/g, provider: 'google-genai' },
  { pattern: /\b(?:AWS |Amazon )?Bedrock\b/g, provider: 'aws-bedrock' },
  { pattern: /\bSageMaker\b/gi, provider: 'aws-sagemaker' },
  { pattern: /\bMistral(?: AI)?\b/g, provider: 'mistral' },
  { pattern: /\bCohere\b/g, provider: 'cohere' },
  { pattern: /\bHugging ?Face\b/gi, provider: 'huggingface-hub' },
  { pattern: /\bLangChain\b/gi, provider: 'langchain' },
  { pattern: /\bLlama ?Index\b/gi, provider: 'llamaindex' },
  { pattern: /\bOllama\b/gi, provider: 'ollama' },
  { pattern: /\bGitHub Models\b/gi, provider: 'github-models' },
  { pattern: /\bSemantic Kernel\b/gi, provider: 'semantic-kernel' },
  { pattern: /\bPinecone\b/g, provider: 'pinecone' },
  { pattern: /\bvLLM\b/gi, provider: 'vllm' },
  { pattern: /\bPyTorch\b/gi, provider: 'pytorch' },
  { pattern: /\bTensorFlow\b/gi, provider: 'tensorflow' },
  { pattern: /\b(?:scikit-learn|sklearn)\b/gi, provider: 'scikit-learn' },
  { pattern: /\bXGBoost\b/gi, provider: 'xgboost' },
];

/** Candidate ids: runs of id characters, trailing sentence punctuation dropped. */
const TOKEN = /[A-Za-z0-9][\w.:/@-]{1,159}/g;
const HF_URL = /\bhuggingface\.co\/([A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95})/g;

/**
 * Findings for the providers and models a piece of prose names. `origin` stands where a file path stands
 * in code findings (e.g. `AI-12#description`); lines are 1-based within `text`. Pure and never throws.
 */
export function detectProse(text: string, origin: string): Finding[] {
  const findings: Finding[] = [];
  const lines = splitLines(text.length > MAX_PROSE ? text.slice(0, MAX_PROSE) : text);
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = `${finding.evidence.line}\u0000${finding.provider ?? ''}\u0000${finding.model?.id ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  lines.forEach((line, index) => {
    if (line.length > 10_000) return;
    for (const rule of NAMES) {
      if (!namedAsWord(rule.pattern, line)) continue;
      add(
        makeFinding({
          kind: 'config',
          path: origin,
          line: index + 1,
          detector: 'prose:provider-name',
          confidence: 'medium',
          snippet: line,
          provider: rule.provider,
          ...(rule.supersededBy ? { supersededBy: rule.supersededBy } : {}),
        }),
      );
    }
    for (const match of line.matchAll(HF_URL)) {
      const hf = match[1] ? classifyHuggingFaceId(match[1].replace(/[.]+$/, '')) : undefined;
      if (!hf) continue;
      add(modelFinding(origin, index + 1, line, hf.id, hf.provider, hf.pinning));
    }
    for (const match of line.matchAll(TOKEN)) {
      const token = match[0].replace(/[.:/@-]+$/, '');
      // Bare short ids ('o1', 'o3') are too easily something else in prose; ids with a separator are not.
      if (!/[-.]/.test(token)) continue;
      const model = classifyModelId(token);
      if (model) add(modelFinding(origin, index + 1, line, model.id, model.provider, model.pinning));
    }
  });
  return findings;
}

function modelFinding(
  origin: string,
  line: number,
  text: string,
  id: string,
  provider: ProviderId,
  pinning: Pinning,
): Finding {
  return makeFinding({
    kind: 'model-id',
    path: origin,
    line,
    detector: 'prose:model-id',
    confidence: 'medium',
    snippet: text,
    provider,
    model: { id, provider, pinning, resolvedFrom: 'literal' },
  });
}

/** A name standing as a word of prose, not inside an id ('anthropic.claude-…', 'openai/gpt-4o', 'x-openai'). */
function namedAsWord(pattern: RegExp, line: string): boolean {
  for (const match of line.matchAll(pattern)) {
    const before = line[match.index - 1] ?? ' ';
    const after = line.slice(match.index + match[0].length, match.index + match[0].length + 2);
    if (/[.:/@_-]/.test(before)) continue;
    if (/^[:/@_-]/.test(after) || /^\.\w/.test(after)) continue;
    return true;
  }
  return false;
}
