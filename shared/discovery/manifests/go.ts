// go.mod
import { dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, manifestEntry, type RawDependency } from './common';

export function analyseGoMod(path: string, lines: readonly string[], analysis: FileAnalysis): void {
  let module: string | undefined;
  let inBlock = false;
  const deps: RawDependency[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) return;
    const mod = /^module\s+(\S+)/.exec(line);
    if (mod?.[1]) module = mod[1];
    if (/^require\s*\($/.test(line)) {
      inBlock = true;
      return;
    }
    if (inBlock && line === ')') {
      inBlock = false;
      return;
    }
    const req = inBlock ? /^(\S+)\s+(\S+)/.exec(line) : /^require\s+(\S+)\s+(\S+)/.exec(line);
    if (req?.[1]) deps.push({ name: req[1], version: req[2], line: i + 1 });
  });
  manifestEntry(analysis, dirname(path), module?.split('/').pop(), undefined);
  addDependencies(analysis, path, lines, 'go', deps);
}
