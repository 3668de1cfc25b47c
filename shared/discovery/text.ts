// Line bookkeeping and evidence construction shared by all detectors.
import type { Confidence, Evidence, Finding, FindingKind, ModelRef, ProviderId } from './findings';
import { maskSecrets } from './secrets';

/** Lines longer than this are minified or generated: regexes never see them. */
export const MAX_LINE = 10_000;

/** Offsets where each line starts, for offset → line lookups after whole-text regex matches. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    let at = text.indexOf('\n');
    while (at !== -1) {
      this.starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Text of a 1-based line (without the newline). */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, Math.min(end, start + 1000));
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** How many lines are longer than MAX_LINE: what clipLongLines hides from the detectors. */
export function longLineCount(text: string): number {
  if (text.length <= MAX_LINE) return 0;
  let count = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > MAX_LINE) count++;
    start = end + 1;
  }
  return count;
}

/** Blanks lines longer than MAX_LINE (keeping the newline structure) so regexes stay linear and cheap. */
export function clipLongLines(text: string): string {
  if (text.length <= MAX_LINE) return text;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').length > MAX_LINE) {
      lines[i] = '';
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}

/** Evidence snippet: credentials masked, trimmed, whitespace-collapsed, at most 200 chars. */
export function snippetOf(line: string): string {
  const collapsed = maskSecrets(line).trim().replace(/\s+/g, ' ');
  return collapsed.length > 200 ? `${collapsed.slice(0, 197)}...` : collapsed;
}

export interface FindingInput {
  kind: FindingKind;
  path: string;
  line: number;
  detector: string;
  confidence: Confidence;
  snippet: string;
  provider?: ProviderId;
  model?: ModelRef;
  dataset?: string;
  envRef?: string;
  supersededBy?: ProviderId[];
  pending?: Finding['pending'];
}

export function makeFinding(input: FindingInput): Finding {
  const evidence: Evidence = {
    path: input.path,
    line: Math.max(1, input.line),
    detector: input.detector,
    confidence: input.confidence,
    snippet: snippetOf(input.snippet),
  };
  const finding: Finding = { kind: input.kind, evidence };
  if (input.provider) finding.provider = input.provider;
  if (input.model) finding.model = input.model;
  if (input.dataset) finding.dataset = input.dataset;
  if (input.envRef) finding.envRef = input.envRef;
  if (input.supersededBy && input.supersededBy.length > 0) finding.supersededBy = input.supersededBy;
  if (input.pending && Object.keys(input.pending).length > 0) finding.pending = input.pending;
  return finding;
}

/** 1-based line of the first line containing `needle` (optionally after `from`), else `fallback`. */
export function findLine(lines: readonly string[], needle: string, fallback = 1, from = 0): number {
  if (!needle) return fallback;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    if ((lines[i] ?? '').includes(needle)) return i + 1;
  }
  return fallback;
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
