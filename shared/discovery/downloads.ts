// Model downloads and package installs in shell scripts, Dockerfiles, Makefiles, CI steps and
// notebook shell cells: `huggingface-cli download org/name`, `ollama pull llama3.1:8b`, `pip install …`.
import { addDependencies, parsePep508, type RawDependency } from './manifests/common';
import type { Pinning } from './findings';
import { classifyHuggingFaceId, classifyOllamaTag } from './model-ids';
import { LineIndex, makeFinding } from './text';
import type { FileAnalysis } from './types';

const HF_CLI = /\b(?:huggingface-cli|hf)[ \t]+download[ \t]+([^\n;&|]{1,300})/g;
/** The model token may be a variable: `$(MODEL)`, `${MODEL}`, `${MODEL:-llama3.1:8b}`, `$MODEL`. */
const OLLAMA =
  /\bollama[ \t]+(?:pull|run)[ \t]+["']?(\$\{[^}\s]{1,200}\}|\$\(\w{1,80}\)|\$\w{1,80}|[a-z0-9][\w./:-]{0,150})/g;
/** Make, shell and Dockerfile assignments: `MODEL ?= x`, `MODEL := x`, `MODEL=x`, `ARG MODEL=x`, `ENV MODEL=x`. */
const ASSIGNMENT =
  /^[ \t]*(?:export[ \t]+|ARG[ \t]+|ENV[ \t]+)?([A-Za-z_]\w{0,80})[ \t]*(?:\?=|:{1,3}=|=)[ \t]*["']?([^\s"'#;$]{1,200})/gm;
const VARIABLE = /^\$(?:\{(\w{1,80})(?::?-([^}\s]{1,200}))?\}|\((\w{1,80})\)|(\w{1,80}))$/;

function assignments(live: string): Map<string, string> {
  const vars = new Map<string, string>();
  if (!live.includes('$')) return vars;
  for (const m of live.matchAll(ASSIGNMENT)) {
    const [, name, value] = m;
    if (name && value && !vars.has(name)) vars.set(name, value);
  }
  return vars;
}

const unquote = (token: string): string => token.replace(/^["']|["']$/g, '');

/** A `$VAR`-style token replaced by the value the file assigns to it (or its `:-` default). */
function expand(token: string, vars: ReadonlyMap<string, string>): string | undefined {
  if (!token.startsWith('$')) return token;
  const m = VARIABLE.exec(token);
  if (!m) return undefined;
  const name = m[1] ?? m[3] ?? m[4] ?? '';
  return vars.get(name) ?? m[2];
}
const HF_URL =
  /huggingface\.co\/([A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95})\/(?:resolve|blob)\/([\w.-]{1,64})\//g;
const PIP_INSTALL = /\bpip3?[ \t]+install[ \t]+([^\n;&|]{1,500})/g;

export const DOWNLOAD_HINT = /huggingface|\bhf[ \t]+download|ollama|pip3?[ \t]+install/;

/** `live` must already have comments stripped; offsets map to lines through `index`. */
export function analyseDownloads(
  path: string,
  live: string,
  analysis: FileAnalysis,
  detector: string,
  index = new LineIndex(live),
): void {
  if (!DOWNLOAD_HINT.test(live)) return;
  const vars = assignments(live);
  const push = (
    offset: number,
    id: string,
    provider: 'huggingface-hub' | 'ollama',
    pinning: Pinning,
    dataset = false,
  ): void => {
    const line = index.lineOf(offset);
    analysis.findings.push(
      dataset
        ? makeFinding({
            kind: 'dataset',
            path,
            line,
            detector: `${detector}:download`,
            confidence: 'high',
            snippet: index.lineText(line),
            dataset: id,
          })
        : makeFinding({
            kind: 'download',
            path,
            line,
            detector: `${detector}:download`,
            confidence: 'high',
            snippet: index.lineText(line),
            provider,
            model: { id, provider, pinning, resolvedFrom: 'download' },
          }),
    );
  };
  for (const m of live.matchAll(HF_CLI)) {
    const tokens = (m[1] ?? '').trim().split(/[ \t]+/);
    let repo: string | undefined;
    let revision: string | undefined;
    let dataset = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = expand(unquote(tokens[i] ?? ''), vars) ?? '';
      if (t === '--revision') revision = expand(unquote(tokens[++i] ?? ''), vars);
      else if (t.startsWith('--revision=')) revision = t.slice(11);
      else if (t === '--repo-type') dataset = tokens[++i] === 'dataset';
      else if (t.startsWith('--')) {
        if (
          !t.includes('=') &&
          i + 1 < tokens.length &&
          !(tokens[i + 1] ?? '').startsWith('-') &&
          t !== '--quiet'
        )
          i++;
      } else if (!repo && t.includes('/')) repo = t;
    }
    const hf = repo ? classifyHuggingFaceId(repo, revision) : undefined;
    if (hf) push(m.index ?? 0, hf.id, 'huggingface-hub', hf.pinning, dataset);
  }
  for (const m of live.matchAll(OLLAMA)) {
    const tag = classifyOllamaTag(expand(m[1] ?? '', vars) ?? '');
    if (tag) push(m.index ?? 0, tag.id, 'ollama', tag.pinning);
  }
  for (const m of live.matchAll(HF_URL)) {
    const hf = classifyHuggingFaceId(m[1] ?? '', m[2]);
    if (hf) push(m.index ?? 0, hf.id, 'huggingface-hub', hf.pinning);
  }
  const deps: RawDependency[] = [];
  for (const m of live.matchAll(PIP_INSTALL)) {
    const line = index.lineOf(m.index ?? 0);
    const tokens = (m[1] ?? '').trim().split(/[ \t]+/);
    for (let i = 0; i < tokens.length; i++) {
      const t = (tokens[i] ?? '').replace(/^["']|["']$/g, '');
      if (t === '\\') continue;
      if (t.startsWith('-')) {
        if (
          [
            '-r',
            '-e',
            '-c',
            '--requirement',
            '--index-url',
            '-i',
            '--extra-index-url',
            '--target',
            '-t',
          ].includes(t)
        )
          i++;
        continue;
      }
      const parsed = parsePep508(t);
      if (parsed && !t.includes('/')) deps.push({ ...parsed, line });
    }
  }
  if (deps.length > 0) {
    const lines = Array.from({ length: index.lineCount }, (_, i) => index.lineText(i + 1));
    addDependencies(analysis, path, lines, 'pypi', deps);
  }
}
