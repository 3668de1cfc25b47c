// Configuration files: .env definitions, and model keys in YAML / JSON / TOML / .properties.
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import type { ModelRef } from './findings';
import { classifyHuggingFaceId, classifyModelId, classifyOllamaTag, looksLikeIdentifier } from './model-ids';
import { basename, extname } from './paths';
import { MAX_LINE, findLine, makeFinding } from './text';
import type { FileAnalysis } from './types';

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/;

export function isEnvFile(path: string): boolean {
  return isEnvFileName(basename(path).toLowerCase());
}

/** isEnvFile by the lower-cased base name alone (all it looks at). */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

function unquote(raw: string): string {
  const value = raw.trim();
  const q = value[0];
  if (q === '"' || q === "'") {
    const close = value.indexOf(q, 1);
    return close === -1 ? value.slice(1) : value.slice(1, close);
  }
  const hash = value.search(/[ \t]#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}

/** KEY=value lines of .env, .env.example, .env.sample… */
export function analyseEnvFile(text: string, analysis: FileAnalysis): void {
  for (const line of text.split(/\r?\n/)) {
    if (line.length > 2000 || line.trimStart().startsWith('#')) continue;
    const m = ENV_LINE.exec(line);
    if (!m?.[1]) continue;
    const value = unquote(m[2] ?? '');
    if (value) analysis.envDefinitions[m[1]] = value;
  }
}

/** Keys whose string value is a model or deployment name. */
const MODEL_KEY =
  /^(?:model|model[_-]?name|model[_-]?id|llm[_-]?model|chat[_-]?model|embedding[_-]?model|default[_-]?model|deployment|deployment[_-]?name|azure[_-]?deployment|chat[_-]?deployment|base[_-]?model|engine)$/i;
const MODEL_PARENT = /model|llm|deployment|openai|anthropic|gemini|bedrock|ollama/i;

interface Leaf {
  keyPath: string[];
  value: string;
}

function collectLeaves(node: unknown, keyPath: string[], out: Leaf[], depth = 0): void {
  if (depth > 40 || out.length > 5000) return;
  if (typeof node === 'string') {
    out.push({ keyPath, value: node });
    return;
  }
  if (typeof node === 'number' || typeof node === 'boolean') {
    out.push({ keyPath, value: String(node) });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => collectLeaves(item, [...keyPath, String(i)], out, depth + 1));
    return;
  }
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>))
      collectLeaves(value, [...keyPath, key], out, depth + 1);
  }
}

/** Model reference from a config leaf, or undefined when the value is not a model. */
function modelFromLeaf(leaf: Leaf, mentionsOllama: boolean, mentionsAzure: boolean): ModelRef | undefined {
  const value = leaf.value.trim();
  if (!looksLikeIdentifier(value)) return undefined;
  const keys = leaf.keyPath.filter((k) => !/^\d+$/.test(k));
  const key = keys[keys.length - 1] ?? '';
  const underModelKey = MODEL_KEY.test(key) || keys.slice(0, -1).some((k) => MODEL_PARENT.test(k));
  const cls = classifyModelId(value);
  if (cls) {
    // A hosted-model id under any model-ish key; anywhere else it may be documentation data.
    if (!underModelKey && !MODEL_PARENT.test(key)) return undefined;
    const provider =
      cls.provider === 'openai' && mentionsAzure && !value.includes('/') ? 'azure-openai' : cls.provider;
    return { id: cls.id, provider, pinning: cls.pinning, resolvedFrom: 'config' };
  }
  if (!MODEL_KEY.test(key)) return undefined;
  if (/deployment/i.test(key) && mentionsAzure)
    return {
      id: value,
      provider: 'azure-openai',
      pinning: 'unknown',
      resolvedFrom: 'config',
      deployment: value,
    };
  if (mentionsOllama) {
    const tag = classifyOllamaTag(value);
    if (tag) return { id: tag.id, provider: 'ollama', pinning: tag.pinning, resolvedFrom: 'config' };
  }
  const hf = value.includes('/') ? classifyHuggingFaceId(value) : undefined;
  if (hf) return { id: hf.id, provider: hf.provider, pinning: hf.pinning, resolvedFrom: 'config' };
  return undefined;
}

function parseStructured(path: string, text: string): unknown[] | undefined {
  const ext = extname(path);
  try {
    if (ext === '.json') return [JSON.parse(text)];
    if (ext === '.toml') return [parseToml(text)];
    if (ext === '.yaml' || ext === '.yml') {
      return parseAllDocuments(text, { logLevel: 'silent' })
        .filter((d) => d.errors.length === 0)
        .map((d) => d.toJS({ maxAliasCount: 50 }) as unknown);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

const CONFIG_HINT = /model|deployment|engine|llm/i;

/** Most `.Values` entries a chart's values file defines for its templates. */
const MAX_HELM_VALUES = 2000;

/**
 * A Helm chart's `values*.yaml`: every scalar becomes the definition `Values.<dotted.path>`, which a
 * template's `{{ .Values.<dotted.path> }}` reads (see helm.ts). Values files that do not parse define nothing.
 */
export function helmValuesDefinitions(path: string, text: string, analysis: FileAnalysis): void {
  if (text.split('\n').some((l) => l.length > MAX_LINE)) return;
  const docs = parseStructured(path, text);
  if (!docs) return;
  const leaves: Leaf[] = [];
  for (const doc of docs) collectLeaves(doc, [], leaves);
  for (const leaf of leaves.slice(0, MAX_HELM_VALUES)) {
    if (leaf.value.length <= 200) analysis.envDefinitions[`Values.${leaf.keyPath.join('.')}`] = leaf.value;
  }
}

/** Model keys in YAML / JSON / TOML configuration; also exposes flattened keys as env-like definitions. */
export function analyseStructuredConfig(
  path: string,
  text: string,
  linesOf: () => readonly string[],
  analysis: FileAnalysis,
): void {
  if (!CONFIG_HINT.test(text)) return;
  const lines = linesOf();
  // A YAML/TOML file with a giant line is generated data: JSON is still parsed structurally.
  if (extname(path) !== '.json' && lines.some((l) => l.length > MAX_LINE)) return;
  const docs = parseStructured(path, text);
  if (!docs) return;
  const mentionsOllama = /ollama/i.test(text);
  const mentionsAzure = /azure/i.test(text);
  const leaves: Leaf[] = [];
  for (const doc of docs) collectLeaves(doc, [], leaves);
  const seen = new Set<string>();
  for (const leaf of leaves) {
    const flat = leaf.keyPath.join('.');
    if (CONFIG_HINT.test(flat) && leaf.value.length <= 200) {
      // appsettings.json is read as 'Section:Key', Spring/Helm values as 'section.key'.
      analysis.envDefinitions[flat] = leaf.value;
      analysis.envDefinitions[leaf.keyPath.join(':')] = leaf.value;
    }
    const model = modelFromLeaf(leaf, mentionsOllama, mentionsAzure);
    if (!model || seen.has(model.id)) continue;
    seen.add(model.id);
    const key = leaf.keyPath[leaf.keyPath.length - 1] ?? '';
    let line = findLine(lines, leaf.value, 0);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.includes(leaf.value) && (l.includes(key) || /^\d+$/.test(key))) {
        line = i + 1;
        break;
      }
    }
    analysis.findings.push(
      makeFinding({
        kind: 'config',
        path,
        line: line || 1,
        detector: 'config:model-key',
        confidence: 'medium',
        snippet: lines[(line || 1) - 1] ?? `${key}: ${leaf.value}`,
        provider: model.provider,
        model,
      }),
    );
  }
}

const PROPERTY = /^[ \t]*([\w.-]+)[ \t]*[=:][ \t]*(.*)$/;

/** Java application.properties: definitions for @Value lookups, plus Spring AI model options. */
export function analyseProperties(path: string, lines: readonly string[], analysis: FileAnalysis): void {
  const mentionsAzure = lines.some((l) => l.includes('azure'));
  lines.forEach((line, i) => {
    if (line.trimStart().startsWith('#') || line.length > 2000) return;
    const m = PROPERTY.exec(line);
    if (!m?.[1]) return;
    const key = m[1];
    const value = (m[2] ?? '').trim();
    if (!value) return;
    analysis.envDefinitions[key] = value;
    if (!CONFIG_HINT.test(key)) return;
    const model = modelFromLeaf(
      { keyPath: key.split('.'), value },
      key.includes('ollama'),
      mentionsAzure || key.includes('azure'),
    );
    if (!model) return;
    analysis.findings.push(
      makeFinding({
        kind: 'config',
        path,
        line: i + 1,
        detector: 'config:properties',
        confidence: 'medium',
        snippet: line,
        provider: model.provider,
        model,
      }),
    );
  });
}
