// package.json
import { dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, asRecord, asString, manifestEntry, type RawDependency } from './common';

export function analysePackageJson(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  let pkg: Record<string, unknown> | undefined;
  try {
    pkg = asRecord(JSON.parse(text));
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: package.json is not valid JSON`];
    return;
  }
  if (!pkg) return;
  manifestEntry(analysis, dirname(path), asString(pkg.name), asString(pkg.description));
  const deps: RawDependency[] = [];
  for (const [section, dev] of [
    ['dependencies', false],
    ['peerDependencies', false],
    ['optionalDependencies', false],
    ['devDependencies', true],
  ] as const) {
    const table = asRecord(pkg[section]);
    if (!table) continue;
    for (const [name, version] of Object.entries(table)) {
      const v = asString(version);
      deps.push({ name, line: 0, dev, ...(v ? { version: v } : {}) });
    }
  }
  // Resolve lines by the quoted key, which is unambiguous in package.json.
  for (const dep of deps) {
    const needle = `"${dep.name}"`;
    const at = lines.findIndex((l) => l.includes(needle));
    dep.line = at === -1 ? 1 : at + 1;
  }
  addDependencies(analysis, path, lines, 'npm', deps);
}
