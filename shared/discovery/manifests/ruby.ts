// Gemfile
import { dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, manifestEntry, type RawDependency } from './common';

const GEM = /^\s*gem\s+["']([\w.-]+)["'](?:\s*,\s*["']([^"']+)["'])?/;

export function analyseGemfile(path: string, lines: readonly string[], analysis: FileAnalysis): void {
  manifestEntry(analysis, dirname(path), undefined, undefined);
  const deps: RawDependency[] = [];
  let group = 0;
  lines.forEach((line, i) => {
    if (/^\s*group\b.*\b(?:test|development)\b/.test(line)) group++;
    else if (group > 0 && /^\s*end\b/.test(line)) group--;
    const m = GEM.exec(line);
    if (m?.[1]) deps.push({ name: m[1], line: i + 1, dev: group > 0, ...(m[2] ? { version: m[2] } : {}) });
  });
  addDependencies(analysis, path, lines, 'gem', deps);
}
