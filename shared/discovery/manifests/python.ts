// Python manifests: requirements*.txt, pyproject.toml (PEP 621 and Poetry), Pipfile, setup.py,
// setup.cfg and conda environment.yml.
import { parse as parseYaml } from 'yaml';
import { basename, dirname } from '../paths';
import type { FileAnalysis } from '../types';
import {
  addDependencies,
  asRecord,
  asString,
  manifestEntry,
  parsePep508,
  parseTomlManifest,
  type RawDependency,
} from './common';

export function analyseRequirements(path: string, lines: readonly string[], analysis: FileAnalysis): void {
  // Only the main requirements file makes its folder a unit; dev/test variants just add packages.
  const name = basename(path).toLowerCase();
  if (name === 'requirements.txt' || name === 'requirements.in')
    manifestEntry(analysis, dirname(path), undefined, undefined);
  const deps: RawDependency[] = [];
  lines.forEach((raw, i) => {
    const hash = raw.search(/(?:^|\s)#/);
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (!line || line.startsWith('-')) return;
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(raw);
    if (egg?.[1]) {
      deps.push({ name: egg[1], line: i + 1 });
      return;
    }
    if (line.includes('://')) return;
    const parsed = parsePep508(line);
    if (parsed) deps.push({ ...parsed, line: i + 1, dev: /dev|test/.test(name) });
  });
  addDependencies(analysis, path, lines, 'pypi', deps);
}

function pep508List(value: unknown, lines: readonly string[], dev: boolean): RawDependency[] {
  if (!Array.isArray(value)) return [];
  const out: RawDependency[] = [];
  for (const item of value) {
    const spec = asString(item);
    if (!spec) continue;
    const parsed = parsePep508(spec);
    if (!parsed) continue;
    const at = lines.findIndex((l) => l.includes(spec));
    out.push({ ...parsed, line: at + 1, dev });
  }
  return out;
}

function poetryTable(value: unknown, lines: readonly string[], dev: boolean): RawDependency[] {
  const table = asRecord(value);
  if (!table) return [];
  const out: RawDependency[] = [];
  for (const [name, spec] of Object.entries(table)) {
    if (name === 'python') continue;
    const version = asString(spec) ?? asString(asRecord(spec)?.version);
    const at = lines.findIndex((l) => new RegExp(`^\\s*"?${escapeRe(name)}"?\\s*=`).test(l));
    out.push({ name, line: at + 1, dev, ...(version && version !== '*' ? { version } : {}) });
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function analysePyproject(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  const doc = parseTomlManifest(path, text, 'pyproject.toml', analysis);
  if (!doc) {
    manifestEntry(analysis, dirname(path), undefined, undefined);
    return;
  }
  const project = asRecord(doc.project);
  const poetry = asRecord(asRecord(doc.tool)?.poetry);
  manifestEntry(
    analysis,
    dirname(path),
    asString(project?.name) ?? asString(poetry?.name),
    asString(project?.description) ?? asString(poetry?.description),
  );
  const deps: RawDependency[] = [...pep508List(project?.dependencies, lines, false)];
  const optional = asRecord(project?.['optional-dependencies']);
  for (const list of Object.values(optional ?? {})) deps.push(...pep508List(list, lines, true));
  for (const list of Object.values(asRecord(doc['dependency-groups']) ?? {}))
    deps.push(...pep508List(list, lines, true));
  deps.push(...poetryTable(poetry?.dependencies, lines, false));
  deps.push(...poetryTable(poetry?.['dev-dependencies'], lines, true));
  for (const group of Object.values(asRecord(poetry?.group) ?? {})) {
    deps.push(...poetryTable(asRecord(group)?.dependencies, lines, true));
  }
  addDependencies(analysis, path, lines, 'pypi', deps);
}

export function analysePipfile(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  manifestEntry(analysis, dirname(path), undefined, undefined);
  const doc = parseTomlManifest(path, text, 'Pipfile', analysis);
  if (!doc) return;
  const deps = [...poetryTable(doc.packages, lines, false), ...poetryTable(doc['dev-packages'], lines, true)];
  addDependencies(analysis, path, lines, 'pypi', deps);
}

/** Strings inside `install_requires=[...]` (bounded scan: setup.py is code, not data). */
export function analyseSetupPy(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  const name = /\bname\s*=\s*["']([^"'\n]{1,100})["']/.exec(text)?.[1];
  const description = /\bdescription\s*=\s*["']([^"'\n]{1,300})["']/.exec(text)?.[1];
  manifestEntry(analysis, dirname(path), name, description);
  const deps: RawDependency[] = [];
  const start = text.search(/\b(?:install_requires|extras_require)\s*=/);
  if (start !== -1) {
    const region = text.slice(start, start + 20_000);
    for (const m of region.matchAll(/["']([A-Za-z0-9][^"'\n]{0,200})["']/g)) {
      const parsed = parsePep508(m[1] ?? '');
      if (!parsed) continue;
      const at = lines.findIndex((l) => l.includes(m[0]));
      deps.push({ ...parsed, line: at + 1 });
    }
  }
  addDependencies(analysis, path, lines, 'pypi', deps);
}

export function analyseSetupCfg(path: string, lines: readonly string[], analysis: FileAnalysis): void {
  let section = '';
  let key = '';
  let name: string | undefined;
  let description: string | undefined;
  const deps: RawDependency[] = [];
  lines.forEach((raw, i) => {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header?.[1]) {
      section = header[1].trim();
      key = '';
      return;
    }
    const kv = /^([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(raw);
    if (kv?.[1]) {
      key = kv[1];
      const value = (kv[2] ?? '').trim();
      if (section === 'metadata' && key === 'name') name = value;
      if (section === 'metadata' && key === 'description') description = value;
      if ((key === 'install_requires' || section === 'options.extras_require') && value) {
        const parsed = parsePep508(value);
        if (parsed) deps.push({ ...parsed, line: i + 1 });
      }
      return;
    }
    if (/^\s+\S/.test(raw) && (key === 'install_requires' || section === 'options.extras_require')) {
      const parsed = parsePep508(raw.trim());
      if (parsed) deps.push({ ...parsed, line: i + 1 });
    }
  });
  manifestEntry(analysis, dirname(path), name, description);
  addDependencies(analysis, path, lines, 'pypi', deps);
}

export function analyseCondaEnvironment(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  manifestEntry(analysis, dirname(path), undefined, undefined);
  let doc: Record<string, unknown> | undefined;
  try {
    doc = asRecord(parseYaml(text));
  } catch {
    analysis.warnings = [...(analysis.warnings ?? []), `${path}: environment file is not valid YAML`];
    return;
  }
  if (!doc) return;
  if (analysis.entryPoint && asString(doc.name)) analysis.entryPoint.name = asString(doc.name);
  const conda: RawDependency[] = [];
  const pip: RawDependency[] = [];
  const list = Array.isArray(doc.dependencies) ? doc.dependencies : [];
  for (const item of list) {
    const spec = asString(item);
    if (spec) {
      const m = /^([A-Za-z0-9][\w.-]*)(?:::)?([A-Za-z0-9][\w.-]*)?\s*(.*)$/.exec(
        spec.replace(/^[\w-]+::/, ''),
      );
      if (m?.[1]) {
        const version = (m[3] ?? '').replace(/^=+/, '').trim();
        const at = lines.findIndex((l) => l.includes(spec));
        conda.push({ name: m[1], line: at + 1, ...(version ? { version } : {}) });
      }
      continue;
    }
    const pipList = asRecord(item)?.pip;
    if (Array.isArray(pipList)) {
      for (const p of pipList) {
        const s = asString(p);
        const parsed = s ? parsePep508(s) : undefined;
        if (s && parsed) pip.push({ ...parsed, line: lines.findIndex((l) => l.includes(s)) + 1 });
      }
    }
  }
  addDependencies(analysis, path, lines, 'conda', conda);
  addDependencies(analysis, path, lines, 'pypi', pip);
}
