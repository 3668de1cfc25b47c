// README.md: Hugging Face model cards (YAML front matter with base_model lineage) and the first
// line of prose, used to describe a system's purpose.
import { parse as parseYaml } from 'yaml';
import type { ProviderId } from './findings';
import { classifyHuggingFaceId } from './model-ids';
import { findLine, makeFinding } from './text';
import type { FileAnalysis } from './types';
import { ownEntry } from './lookup';

const LIBRARY_PROVIDERS: Record<string, ProviderId> = {
  peft: 'peft',
  transformers: 'transformers',
  'sentence-transformers': 'sentence-transformers',
  gguf: 'llama-cpp',
  'llama.cpp': 'llama-cpp',
  keras: 'tensorflow',
  'tf-keras': 'tensorflow',
  pytorch: 'pytorch',
  onnx: 'onnxruntime',
  sklearn: 'scikit-learn',
  'scikit-learn': 'scikit-learn',
};

const list = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function firstProseLine(lines: readonly string[], from: number): string | undefined {
  let heading: string | undefined;
  let inFence = false;
  for (let i = from; i < Math.min(lines.length, from + 60); i++) {
    const line = (lines[i] ?? '').trim();
    if (line.startsWith('```')) inFence = !inFence;
    if (
      inFence ||
      !line ||
      line.startsWith('<') ||
      line.startsWith('[![') ||
      line.startsWith('![') ||
      line.startsWith('|')
    )
      continue;
    if (line.startsWith('#')) {
      heading ??= line.replace(/^#+\s*/, '');
      continue;
    }
    if (/^[-=*_]{3,}$/.test(line)) continue;
    const clean = line
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]/g, '')
      .trim();
    if (clean.length >= 12) return clean.length > 160 ? `${clean.slice(0, 157)}...` : clean;
  }
  return heading;
}

export function analyseReadme(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  let bodyStart = 0;
  if (/^---\r?\n/.test(text)) {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end > 0) {
      bodyStart = end + 1;
      let meta: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = parseYaml(lines.slice(1, end).join('\n'), { logLevel: 'silent' });
        meta =
          parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        meta = undefined;
      }
      if (meta) analyseFrontMatter(path, lines, end, meta, analysis);
    }
  }
  const summary = firstProseLine(lines, bodyStart);
  if (summary) analysis.summary = summary;
}

function analyseFrontMatter(
  path: string,
  lines: readonly string[],
  end: number,
  meta: Record<string, unknown>,
  analysis: FileAnalysis,
): void {
  const header = lines.slice(0, end);
  const bases = list(meta.base_model);
  if (bases.length === 0 && meta.library_name === undefined && meta.pipeline_tag === undefined) return;
  for (const base of bases) {
    const hf = classifyHuggingFaceId(base);
    if (!hf) continue;
    const line = findLine(header, base);
    analysis.findings.push(
      makeFinding({
        kind: 'model-card',
        path,
        line,
        detector: 'model-card:base_model',
        confidence: 'high',
        snippet: lines[line - 1] ?? base,
        provider: 'huggingface-hub',
        model: {
          id: hf.id,
          provider: 'huggingface-hub',
          pinning: hf.pinning,
          resolvedFrom: 'model-card:base_model',
        },
      }),
    );
  }
  const library =
    typeof meta.library_name === 'string'
      ? ownEntry(LIBRARY_PROVIDERS, meta.library_name.toLowerCase())
      : undefined;
  if (library) {
    const line = findLine(header, 'library_name');
    analysis.findings.push(
      makeFinding({
        kind: 'model-card',
        path,
        line,
        detector: 'model-card:library',
        confidence: 'high',
        snippet: lines[line - 1] ?? '',
        provider: library,
      }),
    );
  }
  for (const dataset of list(meta.datasets)) {
    const line = findLine(header, dataset);
    analysis.findings.push(
      makeFinding({
        kind: 'dataset',
        path,
        line,
        detector: 'model-card:datasets',
        confidence: 'high',
        snippet: lines[line - 1] ?? dataset,
        dataset,
      }),
    );
  }
  if (typeof meta.pipeline_tag === 'string')
    analysis.purposeHints = [...(analysis.purposeHints ?? []), meta.pipeline_tag];
  if (bases.length > 0) analysis.purposeHints = [...(analysis.purposeHints ?? []), 'fine-tuning'];
}
