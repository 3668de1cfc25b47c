// Cargo.toml
import { dirname } from '../paths';
import type { FileAnalysis } from '../types';
import {
  addDependencies,
  asRecord,
  asString,
  manifestEntry,
  parseTomlManifest,
  type RawDependency,
} from './common';

export function analyseCargo(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  const doc = parseTomlManifest(path, text, 'Cargo.toml', analysis);
  if (!doc) {
    manifestEntry(analysis, dirname(path), undefined, undefined);
    return;
  }
  const pkg = asRecord(doc.package);
  manifestEntry(analysis, dirname(path), asString(pkg?.name), asString(pkg?.description));
  const deps: RawDependency[] = [];
  const tables: Array<[unknown, boolean]> = [
    [doc.dependencies, false],
    [doc['dev-dependencies'], true],
    [asRecord(doc.workspace)?.dependencies, false],
  ];
  for (const [table, dev] of tables) {
    for (const [name, spec] of Object.entries(asRecord(table) ?? {})) {
      const version = asString(spec) ?? asString(asRecord(spec)?.version);
      const at = lines.findIndex((l) => l.trimStart().startsWith(name));
      deps.push({ name, line: at + 1, dev, ...(version ? { version } : {}) });
    }
  }
  addDependencies(analysis, path, lines, 'cargo', deps);
}
