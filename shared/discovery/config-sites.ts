// Evidence at configuration sites: where a provider's key or endpoint is set or read, and where a model
// is named through a variable (env files, tfvars, IaC parameter files, code reading a key). These add
// evidence only — no provider, no model — so an auditor is pointed to every file that configures the
// system, and a file that merely mentions a key creates no system.
import { wordsAroundKeywords } from './sparse-matches';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

/** Names of settings that configure an AI provider, gateway or model. */
const AI_SETTING =
  /(?:^|[^a-z])(?:azure_?openai|openai|anthropic|claude|gemini|google_?api|vertex|bedrock|mistral|cohere|huggingface|hugging_?face|hf|ollama|openrouter|groq|together|portkey|litellm|llm)[_-]?(?:api)?[_-]?(?:key|token|endpoint|base_?url|api_?base|url|host|model|deployment|version)|(?:^|[^a-z])(?:model|deployment|llm)(?:[_-]?(?:name|id|version))?$|(?:chat|embed(?:ding)?|completion|default|base)[_-]?(?:model|deployment)/i;

/** Whether a setting's name says it configures AI: keys, endpoints, model and deployment names. */
export function isAiSetting(name: string): boolean {
  return name.length <= 120 && AI_SETTING.test(name);
}

function evidence(
  analysis: FileAnalysis,
  path: string,
  index: LineIndex,
  offset: number,
  detector: string,
): void {
  const line = index.lineOf(offset);
  if (analysis.findings.some((f) => f.evidence.path === path && f.evidence.line === line)) return;
  analysis.findings.push(
    makeFinding({
      kind: 'config',
      path,
      line,
      detector,
      confidence: 'medium',
      snippet: index.lineText(line),
    }),
  );
}

/** `KEY=value` (env files, tfvars `key = "value"`, Makefile `KEY ?= value`) lines naming AI settings. */
export function assignmentSites(path: string, text: string, analysis: FileAnalysis, detector: string): void {
  let index: LineIndex | undefined;
  for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]{0,120})[ \t]*[?:]?=/gm)) {
    if (!isAiSetting(m[1] ?? '')) continue;
    index ??= new LineIndex(text);
    evidence(analysis, path, index, m.index ?? 0, detector);
  }
}

/**
 * Container environments naming AI settings: compose `KEY: value` / `- KEY=value` entries and
 * Kubernetes `- name: KEY` entries (upper-case names only, as environment variables are written).
 */
export function containerEnvSites(path: string, text: string, analysis: FileAnalysis): void {
  let index: LineIndex | undefined;
  for (const m of text.matchAll(
    /^[ \t]*(?:-[ \t]*)?(?:name:[ \t]*)?["']?([A-Z][A-Z0-9_]{1,80})["']?[ \t]*(?::|=|$)/gm,
  )) {
    if (!isAiSetting(m[1] ?? '')) continue;
    index ??= new LineIndex(text);
    evidence(analysis, path, index, m.index ?? 0, 'config:container-env');
  }
}

/** Configuration that names an AI setting (a YAML value `'%env(OPENAI_API_KEY)%'`, `${AZURE_OPENAI_ENDPOINT}`). */
export function configSettingSites(path: string, text: string, analysis: FileAnalysis): void {
  if (!/key|endpoint|base_?url|baseurl/i.test(text)) return;
  codeSettingSites(path, text, analysis, new LineIndex(text));
}

/**
 * Code that reads or declares an AI setting: `os.environ["OPENAI_API_KEY"]`, `openai_api_key: str`,
 * `env('OPENAI_API_KEY')`. What `/\b([A-Za-z_][\w]{0,80}(?:KEYWORD)[\w]{0,20})\b/g` matches, found from
 * the keywords (sparse-matches.ts): that regex tried at every word of every file was the code detector's
 * costliest pattern.
 */
const SETTING_KEYWORD = /API_?KEY|api_?key|ApiKey|ENDPOINT|[Ee]ndpoint|BASE_URL|base_url|BaseUrl/g;

export function codeSettingSites(path: string, live: string, analysis: FileAnalysis, index: LineIndex): void {
  for (const { index: at, word } of wordsAroundKeywords(live, SETTING_KEYWORD, 80, 20)) {
    if (isAiSetting(word)) evidence(analysis, path, index, at, 'config:setting');
  }
}

/**
 * Azure Developer CLI / ARM parameter files (`main.parameters.json`): each parameter's value, with
 * `${NAME=default}` substitutions, defines the Bicep/ARM parameter of that name for cross-file resolution.
 */
export function looksLikeParametersFile(name: string, text: string): boolean {
  return (
    /(?:^|\.)parameters(?:\.[\w-]+)?\.json$/.test(name) ||
    (text.includes('deploymentParameters.json') && text.includes('"parameters"'))
  );
}

export function analyseParametersFile(path: string, text: string, analysis: FileAnalysis): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  const params = (doc as { parameters?: unknown } | null)?.parameters;
  const cfn = Array.isArray(doc) ? (doc as Array<{ ParameterKey?: unknown; ParameterValue?: unknown }>) : [];
  const index = new LineIndex(text);
  const define = (name: string, value: unknown): void => {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    analysis.envDefinitions[name] = String(value);
    if (!isAiSetting(name)) return;
    const at = text.indexOf(JSON.stringify(name));
    if (at !== -1) evidence(analysis, path, index, at, 'config:parameters');
  };
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    for (const [name, spec] of Object.entries(params as Record<string, unknown>))
      define(name, (spec as { value?: unknown } | null)?.value);
    return true;
  }
  // CloudFormation parameter files: [{ "ParameterKey": "ModelId", "ParameterValue": "…" }].
  for (const p of cfn) if (typeof p?.ParameterKey === 'string') define(p.ParameterKey, p.ParameterValue);
  return cfn.length > 0;
}
