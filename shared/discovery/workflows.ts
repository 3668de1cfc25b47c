// CI workflows (GitHub Actions) that call AI: known AI actions and steps running model CLIs.
import { parse as parseYaml } from 'yaml';
import { stripComments } from './comments';
import { analyseDownloads } from './downloads';
import type { ModelRef, ProviderId } from './findings';
import { classifyModelId } from './model-ids';
import { LineIndex, clipLongLines, makeFinding } from './text';
import type { FileAnalysis } from './types';
import { ownEntry } from './lookup';

interface AiAction {
  provider: ProviderId;
  /** Inputs that carry a model id. */
  modelInputs: string[];
  /** The action's own default when no model input is given. */
  defaultModel?: string;
}

const AI_ACTIONS: Record<string, AiAction> = {
  'actions/ai-inference': {
    provider: 'github-models',
    modelInputs: ['model'],
    defaultModel: 'openai/gpt-4o',
  },
  'anthropics/claude-code-action': {
    provider: 'anthropic',
    modelInputs: ['model', 'anthropic_model', 'claude_args'],
  },
  'anthropics/claude-code-base-action': {
    provider: 'anthropic',
    modelInputs: ['model', 'anthropic_model', 'claude_args'],
  },
  'openai/codex-action': { provider: 'openai', modelInputs: ['model', 'codex-args'] },
  'google-github-actions/run-gemini-cli': {
    provider: 'google-genai',
    modelInputs: ['gemini_model', 'settings'],
  },
  'coderabbitai/ai-pr-reviewer': {
    provider: 'openai',
    modelInputs: ['openai_light_model', 'openai_heavy_model'],
  },
  'coderabbitai/openai-pr-reviewer': {
    provider: 'openai',
    modelInputs: ['openai_light_model', 'openai_heavy_model'],
  },
};

const MODEL_CLI =
  /(?:^|[\s;&|(])(?:llm[ \t]+(?:-m|--model)|aider[ \t]+--model|claude[ \t]+(?:-p|--model)|gemini[ \t]+(?:-m|--model)|codex[ \t]+exec)\b/;
const TOKENS = /[A-Za-z0-9][\w.:/@-]{1,159}/g;

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

export function isWorkflowPath(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function analyseWorkflow(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  analysis.entryPoint = { kind: 'workflow', root: path };
  const live = stripComments(clipLongLines(text), 'hash');
  analyseDownloads(path, live, analysis, 'workflow');
  let doc: Record<string, unknown> | undefined;
  try {
    doc = asRecord(parseYaml(text, { logLevel: 'silent' }));
  } catch {
    return;
  }
  const name = typeof doc?.name === 'string' ? doc.name : undefined;
  if (name) analysis.entryPoint.name = name;
  const index = new LineIndex(live);
  const lineOf = (needle: string, from = 0): number => {
    for (let i = from; i < lines.length; i++) if ((lines[i] ?? '').includes(needle)) return i + 1;
    return from > 0 ? from : 1;
  };
  for (const job of Object.values(asRecord(doc?.jobs) ?? {})) {
    const steps = asRecord(job)?.steps;
    if (!Array.isArray(steps)) continue;
    for (const raw of steps) {
      const step = asRecord(raw);
      if (!step) continue;
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const action = ownEntry(AI_ACTIONS, uses.split('@')[0]?.toLowerCase() ?? '');
      if (action) {
        const line = lineOf(uses);
        analysis.findings.push(
          makeFinding({
            kind: 'workflow',
            path,
            line,
            detector: 'workflow:ai-action',
            confidence: 'high',
            snippet: lines[line - 1] ?? uses,
            provider: action.provider,
          }),
        );
        const inputs = asRecord(step.with) ?? {};
        let sawModel = false;
        for (const input of action.modelInputs) {
          const value = inputs[input];
          if (typeof value !== 'string') continue;
          for (const token of value.match(TOKENS) ?? []) {
            const cls = classifyModelId(token);
            if (!cls) continue;
            sawModel = true;
            const model: ModelRef = {
              id: cls.id,
              provider: action.provider,
              pinning: cls.pinning,
              resolvedFrom: 'config',
            };
            const at = lineOf(token, line - 1);
            analysis.findings.push(
              makeFinding({
                kind: 'workflow',
                path,
                line: at,
                detector: 'workflow:ai-action',
                confidence: 'high',
                snippet: lines[at - 1] ?? token,
                provider: action.provider,
                model,
              }),
            );
          }
        }
        if (!sawModel && action.defaultModel) {
          const cls = classifyModelId(action.defaultModel);
          if (cls) {
            const ref = uses.split('@')[1] ?? '*';
            const model: ModelRef = {
              id: cls.id,
              provider: action.provider,
              pinning: 'implicit-default',
              resolvedFrom: `default:${uses.split('@')[0]}@${ref}`,
            };
            analysis.findings.push(
              makeFinding({
                kind: 'workflow',
                path,
                line,
                detector: 'workflow:action-default',
                confidence: 'medium',
                snippet: lines[line - 1] ?? uses,
                provider: action.provider,
                model,
              }),
            );
          }
        }
        analysis.purposeHints = [...new Set([...(analysis.purposeHints ?? []), 'ci-automation'])];
      }
      const run = typeof step.run === 'string' ? step.run : '';
      if (run && MODEL_CLI.test(run)) {
        const first = run.split('\n').find((l) => MODEL_CLI.test(l)) ?? run;
        const line = lineOf(first.trim());
        for (const token of first.match(TOKENS) ?? []) {
          const cls = classifyModelId(token);
          if (!cls) continue;
          analysis.findings.push(
            makeFinding({
              kind: 'workflow',
              path,
              line,
              detector: 'workflow:model-cli',
              confidence: 'medium',
              snippet: index.lineText(line),
              provider: cls.provider,
              model: { id: cls.id, provider: cls.provider, pinning: cls.pinning, resolvedFrom: 'literal' },
            }),
          );
        }
        analysis.purposeHints = [...new Set([...(analysis.purposeHints ?? []), 'ci-automation'])];
      }
    }
  }
}
