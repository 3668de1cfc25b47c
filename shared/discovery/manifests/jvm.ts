// Maven pom.xml and Gradle build files (Groovy and Kotlin DSL).
import { basename, dirname } from '../paths';
import type { FileAnalysis } from '../types';
import { addDependencies, manifestEntry, type RawDependency } from './common';

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*([^<]{1,300}?)\\s*</${name}>`).exec(xml);
  return m?.[1];
}

/** Removes nested sections so that top-level <artifactId>/<name> are the project's own. */
function withoutSections(xml: string, names: readonly string[]): string {
  let out = xml;
  for (const name of names) {
    let start = out.indexOf(`<${name}>`);
    while (start !== -1) {
      const end = out.indexOf(`</${name}>`, start);
      if (end === -1) break;
      out = out.slice(0, start) + out.slice(end + name.length + 3);
      start = out.indexOf(`<${name}>`);
    }
  }
  return out;
}

export function analysePom(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  const top = withoutSections(text, [
    'parent',
    'dependencies',
    'dependencyManagement',
    'build',
    'profiles',
    'properties',
  ]);
  manifestEntry(analysis, dirname(path), tag(top, 'name') ?? tag(top, 'artifactId'), tag(top, 'description'));
  const props: Record<string, string> = {};
  const propsBlock = /<properties>([\s\S]{0,20000}?)<\/properties>/.exec(text)?.[1] ?? '';
  for (const m of propsBlock.matchAll(/<([\w.-]+)>([^<]{1,100})<\/\1>/g)) {
    if (m[1] && m[2]) props[m[1]] = m[2].trim();
  }
  const deps: RawDependency[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<dependency>', from);
    if (start === -1) break;
    const end = text.indexOf('</dependency>', start);
    if (end === -1) break;
    const block = text.slice(start, end);
    from = end;
    const group = tag(block, 'groupId');
    const artifact = tag(block, 'artifactId');
    if (!group || !artifact) continue;
    let version = tag(block, 'version');
    const ref = version ? /^\$\{([^}]+)\}$/.exec(version)?.[1] : undefined;
    if (ref) version = props[ref] ?? version;
    const line = text.slice(0, start).split('\n').length;
    deps.push({
      name: `${group}:${artifact}`,
      line,
      ...(version ? { version } : {}),
      dev: tag(block, 'scope') === 'test',
    });
  }
  addDependencies(analysis, path, lines, 'maven', deps);
}

const GRADLE_DEP =
  /\b(implementation|api|compileOnly|runtimeOnly|testImplementation|annotationProcessor|kapt)\s*\(?\s*(?:platform\s*\(\s*)?["']([\w.-]+):([\w.-]+)(?::([\w.${}-]+))?["']/g;

export function analyseGradle(
  path: string,
  text: string,
  lines: readonly string[],
  analysis: FileAnalysis,
): void {
  manifestEntry(
    analysis,
    dirname(path),
    undefined,
    /description\s*=\s*["']([^"'\n]{1,300})["']/.exec(text)?.[1],
  );
  if (analysis.entryPoint && basename(path).startsWith('settings')) return;
  const deps: RawDependency[] = [];
  lines.forEach((line, i) => {
    if (line.length > 2000 || !line.includes(':')) return;
    for (const m of line.matchAll(GRADLE_DEP)) {
      if (!m[2] || !m[3]) continue;
      deps.push({
        name: `${m[2]}:${m[3]}`,
        line: i + 1,
        dev: m[1] === 'testImplementation',
        ...(m[4] ? { version: m[4] } : {}),
      });
    }
  });
  addDependencies(analysis, path, lines, 'maven', deps);
}
