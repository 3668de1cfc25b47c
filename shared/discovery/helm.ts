// Helm chart templates: `{{ .Values.x.y }}` where a template passes a model to a serving container
// (`--model`, `vllm serve`, a MODEL env var, a `model_id:` key). The value lives in the chart's
// values*.yaml (config.ts defines each scalar there as `Values.x.y`); the report resolves the reference
// across files like an env variable, so the model is found with the template line and the values file
// as its evidence, and a reference no values file defines is named in the warnings.
import type { ProviderId } from './findings';
import { modelFromEnvValue } from './resolve-env';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

/** A Go template string literal: `"…"` or a raw `` `…` ``. */
const LITERAL = String.raw`(?:"[^"\n]{0,200}"|\x60[^\x60\n]{0,200}\x60)`;
/**
 * `{{ .Values.a.b }}`, `{{- $.Values.a.b | quote }}`, `{{ .Values.a.b | default "x" }}`,
 * `{{ default "x" .Values.a.b }}`, `{{ tpl .Values.a.b . }}`: captures `a.b`.
 */
const VALUES_REF = String.raw`\{\{-?[ \t]*(?:(?:tpl|toString|quote|squote|trim)[ \t]+\(?|default[ \t]+${LITERAL}[ \t]+\(?)?\$?\.Values\.([A-Za-z_][\w]{0,60}(?:\.[A-Za-z_][\w]{0,60}){0,8})\b[^}\n]{0,120}\}\}`;
/** The fallback a template gives: `| default "x"` or `default "x" .Values…`. */
const DEFAULT_OF = /\bdefault[ \t]+(?:"([^"\n]{0,200})"|`([^`\n]{0,200})`)/;
const OPEN = String.raw`["']?`;
/** Where a template hands a value to a model server as the model to serve. */
const MODEL_SITES: readonly RegExp[] = [
  // --model {{ … }}, --model={{ … }}, "--model", "{{ … }}", and a YAML list continuation.
  new RegExp(
    String.raw`--model(?:-id|-name|_id)?(?:=|["']?,?[ \t]{1,40}|["']?[ \t]*\n[ \t]*-[ \t]{1,10})${OPEN}${VALUES_REF}`,
    'g',
  ),
  new RegExp(String.raw`\bvllm[ \t]+serve[ \t]+${OPEN}${VALUES_REF}`, 'g'),
  // env: MODEL_ID: {{ … }} or `- name: MODEL_ID` followed by `value: {{ … }}`.
  new RegExp(
    String.raw`\b(?:[A-Z][A-Z0-9]{0,30}_){0,4}MODEL(?:_(?:ID|NAME|REPO))?\b["']?[ \t]*(?::|=|["']?[ \t]*\r?\n[ \t]*value:)[ \t]*${OPEN}${VALUES_REF}`,
    'g',
  ),
  // Serving platforms' own keys: model_id: {{ … }}.
  new RegExp(
    String.raw`(?:^|[\s{,])["']?(?:model_id|model_name|modelId|modelName|hf_model_id|pretrained_model_name_or_path)["']?[ \t]*:[ \t]*${OPEN}${VALUES_REF}`,
    'gm',
  ),
];

/** Serving platforms whose model argument is a Hub id: the hint a resolved value is read with. */
const SERVERS: readonly ProviderId[] = ['vllm', 'tgi', 'triton', 'kserve', 'seldon', 'ray-serve', 'ollama'];

/**
 * Models a template passes from `.Values`: one finding per site, carrying the reference as `envRef`
 * (`Values.model.name`) for the report to resolve against the chart's values files.
 */
export function helmTemplateModels(path: string, text: string, analysis: FileAnalysis): void {
  if (!text.includes('.Values.')) return;
  const server = SERVERS.find((p) => analysis.findings.some((f) => f.provider === p));
  let index: LineIndex | undefined;
  const seen = new Set<string>();
  for (const re of MODEL_SITES) {
    for (const m of text.matchAll(re)) {
      const ref = m[1];
      if (!ref) continue;
      index ??= new LineIndex(text);
      // The line of the reference itself (a list continuation puts it one line below the flag).
      const line = index.lineOf((m.index ?? 0) + m[0].lastIndexOf('{{'));
      if (seen.has(`${line}|${ref}`)) continue;
      seen.add(`${line}|${ref}`);
      const finding = makeFinding({
        kind: 'infra',
        path,
        line,
        detector: 'infra:helm-values',
        confidence: 'high',
        snippet: index.lineText(line),
        envRef: `Values.${ref}`,
        ...(server ? { provider: server } : {}),
      });
      // Helm's `default` applies when the value is unset or empty: the model until a values file sets one.
      const fallback = DEFAULT_OF.exec(m[0].slice(m[0].lastIndexOf('{{')));
      const literal = fallback?.[1] ?? fallback?.[2];
      const model = literal
        ? modelFromEnvValue(finding, { key: `Values.${ref}`, value: literal, path, root: '' })
        : undefined;
      if (model) finding.model = { ...model, resolvedFrom: `helm-default:Values.${ref}@${path}` };
      analysis.findings.push(finding);
    }
  }
}

/** Helm template lines that pass a model or a serving image from `.Values`: where the chart deploys it. */
export function helmTemplateSites(path: string, text: string, analysis: FileAnalysis): void {
  helmTemplateModels(path, text, analysis);
  if (
    !analysis.findings.some((f) => f.provider || f.envRef) &&
    !/vllm|ollama|text-generation|tgi|triton|--model/i.test(text)
  )
    return;
  const index = new LineIndex(text);
  for (const m of text.matchAll(
    /^[^\n]*(?:--model|model[_-]?(?:id|name)|MODEL|image:|args)[^\n]*\{\{[^\n]*\.Values\.[^\n]*$/gim,
  )) {
    const line = index.lineOf(m.index ?? 0);
    if (analysis.findings.some((f) => f.evidence.line === line)) continue;
    analysis.findings.push(
      makeFinding({
        kind: 'infra',
        path,
        line,
        detector: 'infra:helm-template',
        confidence: 'medium',
        snippet: index.lineText(line),
      }),
    );
  }
}
