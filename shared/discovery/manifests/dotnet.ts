// *.csproj / *.fsproj / *.vbproj package references.
import { basename, dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, manifestEntry, type RawDependency } from './common';

const REF = /<PackageReference\s+Include\s*=\s*"([^"]+)"(?:\s+Version\s*=\s*"([^"]*)")?/i;

export function analyseCsproj(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  const name = basename(path).replace(/\.[^.]+$/, '');
  const description = /<Description>([^<]{1,300})<\/Description>/.exec(text)?.[1];
  manifestEntry(analysis, dirname(path), name, description);
  const deps: RawDependency[] = [];
  lines.forEach((line, i) => {
    const m = REF.exec(line);
    if (!m?.[1]) return;
    // Version may also be a child element on the next lines.
    const version = m[2] ?? /<Version>([^<]+)<\/Version>/.exec(lines.slice(i, i + 3).join(' '))?.[1];
    deps.push({ name: m[1], line: i + 1, ...(version ? { version } : {}) });
  });
  addDependencies(analysis, path, lines, 'nuget', deps);
}
