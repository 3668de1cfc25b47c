// Turning declared dependencies into findings, shared by every manifest parser.
import { parse as parseToml } from 'smol-toml';
import { packageProviders } from '../providers';
import { findLine, makeFinding } from '../text';
import type { DeclaredDependency, Ecosystem, FileAnalysis } from '../types';

export interface RawDependency {
  name: string;
  version?: string;
  /** 1-based line, or 0 to look the name up in the file. */
  line: number;
  dev?: boolean;
}

/** Adds a dependency finding per provider of every AI package, and records the package for defaults. */
export function addDependencies(
  analysis: FileAnalysis,
  path: string,
  lines: readonly string[],
  ecosystem: Ecosystem,
  deps: readonly RawDependency[],
): void {
  const declared: DeclaredDependency[] = analysis.dependencies ?? [];
  for (const dep of deps) {
    const providers = packageProviders(ecosystem, dep.name);
    if (providers.length === 0) continue;
    const version = dep.version?.trim();
    declared.push(version ? { ecosystem, name: dep.name, version } : { ecosystem, name: dep.name });
    const line = dep.line > 0 ? dep.line : findLine(lines, dep.name.split(':').pop() ?? dep.name);
    for (const hit of providers) {
      analysis.findings.push(
        makeFinding({
          kind: 'dependency',
          path,
          line,
          detector: `manifest:${ecosystem}`,
          confidence: dep.dev ? 'medium' : 'high',
          snippet: lines[line - 1] ?? dep.name,
          provider: hit.provider,
          supersededBy: hit.supersededBy,
        }),
      );
    }
  }
  if (declared.length > 0) analysis.dependencies = declared;
}

const PEP508 = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:\(([^)]*)\)|([^;]*))?/;

/** 'langchain-openai[extra]>=0.1,<0.2 ; python_version>"3.8"' → name + version spec. */
export function parsePep508(spec: string): { name: string; version?: string } | undefined {
  const m = PEP508.exec(spec);
  if (!m?.[1]) return undefined;
  const version = (m[2] ?? m[3] ?? '').trim();
  return version ? { name: m[1], version } : { name: m[1] };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function manifestEntry(
  analysis: FileAnalysis,
  root: string,
  name: string | undefined,
  description: string | undefined,
): void {
  analysis.entryPoint = { kind: 'manifest', root };
  if (name) analysis.entryPoint.name = name;
  if (description) analysis.entryPoint.description = description;
}

/** A TOML manifest's document, or undefined with a warning naming the file when it does not parse. */
export function parseTomlManifest(
  path: string,
  text: string,
  label: string,
  analysis: FileAnalysis,
): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: ${label} is not valid TOML`];
    return undefined;
  }
}
