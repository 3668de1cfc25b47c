// composer.json
import { dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, asRecord, asString, manifestEntry, type RawDependency } from './common';

export function analyseComposer(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = asRecord(JSON.parse(text));
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: composer.json is not valid JSON`];
    return;
  }
  if (!doc) return;
  manifestEntry(analysis, dirname(path), asString(doc.name), asString(doc.description));
  const deps: RawDependency[] = [];
  for (const [section, dev] of [
    ['require', false],
    ['require-dev', true],
  ] as const) {
    for (const [name, version] of Object.entries(asRecord(doc[section]) ?? {})) {
      const at = lines.findIndex((l) => l.includes(`"${name}"`));
      const v = asString(version);
      deps.push({ name, line: at + 1, dev, ...(v ? { version: v } : {}) });
    }
  }
  addDependencies(analysis, path, lines, 'composer', deps);
}
