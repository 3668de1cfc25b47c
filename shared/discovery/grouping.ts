// Deployable units: a folder with its own manifest (package.json, pyproject, go.mod, Dockerfile…),
// a workflow file, or a notebook folder outside any manifest. Every file belongs to the deepest
// unit on its own path ancestry, never to a sibling; files outside every unit belong to '.'.
// A folder of AI code without a unit of its own, lying beside folders that are units (apps/tagger
// next to apps/bot), is an implicit unit: an app of its own rather than part of a neighbour or '.'.
import { depth, dirname, isWithin } from './paths';
import type { EntryPointHint, FileAnalysis } from './types';

export interface UnitInfo {
  root: string;
  kind: EntryPointHint['kind'] | 'implicit';
  /** Entry points declared at this root (manifest name/description live there). */
  entries: Array<{ path: string; hint: EntryPointHint }>;
}

/** Manifest order for picking a unit's name and description. */
const NAME_PRIORITY = [
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'cargo.toml',
  'composer.json',
  'pom.xml',
  'go.mod',
];

export function namePriority(path: string): number {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const at = NAME_PRIORITY.indexOf(name);
  return at === -1 ? NAME_PRIORITY.length : at;
}

export class Units {
  readonly units = new Map<string, UnitInfo>();
  private folderRoots: string[];
  /** Folder → its nearest unit root: files come many to a folder. */
  private readonly nearest = new Map<string, string>();

  constructor(analyses: ReadonlyArray<{ path: string; analysis: FileAnalysis }>) {
    const manifestRoots = new Set<string>();
    for (const { path, analysis } of analyses) {
      const hint = analysis.entryPoint;
      if (!hint) continue;
      if (hint.kind === 'manifest' || hint.kind === 'dockerfile') manifestRoots.add(hint.root);
      if (hint.kind === 'workflow') this.entry(hint.root, 'workflow').entries.push({ path, hint });
    }
    for (const { path, analysis } of analyses) {
      const hint = analysis.entryPoint;
      if (!hint || hint.kind === 'workflow') continue;
      if (hint.kind === 'notebook') {
        // A notebook folder is a unit only when no manifest encloses it.
        const enclosed = [...manifestRoots].some((r) => isWithin(hint.root, r));
        if (enclosed) continue;
      }
      this.entry(hint.root, hint.kind).entries.push({ path, hint });
    }
    this.folderRoots = this.sortedFolderRoots();
    const unitParents = new Set(this.folderRoots.filter((r) => r !== '.').map((r) => dirname(r)));
    const implicit = new Set<string>();
    const seen = new Set<string>();
    for (const { path, analysis } of analyses) {
      const dir = dirname(path);
      if (seen.has(dir) || !hasCodeEvidence(analysis)) continue;
      seen.add(dir);
      const root = this.implicitRoot(dir, unitParents);
      if (root !== undefined) implicit.add(root);
    }
    if (implicit.size === 0) return;
    for (const root of implicit) this.entry(root, 'implicit');
    this.folderRoots = this.sortedFolderRoots();
    this.nearest.clear();
  }

  /** Deepest first, so the first containing root is the nearest one. */
  private sortedFolderRoots(): string[] {
    return [...this.units.values()]
      .filter((u) => u.kind !== 'workflow')
      .map((u) => ({ root: u.root, depth: depth(u.root) }))
      .sort((a, b) => b.depth - a.depth || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0))
      .map((u) => u.root);
  }

  /**
   * The shallowest folder between `dir` and its nearest unit whose parent directly holds another
   * unit folder, unless that parent is the unit itself (then the folder is simply part of it).
   */
  private implicitRoot(dir: string, unitParents: ReadonlySet<string>): string | undefined {
    const nearest = this.nearestFolderRoot(dir);
    const declared = this.units.has(nearest);
    const parts = dir === '.' ? [] : dir.split('/');
    for (let i = depth(nearest); i < parts.length; i++) {
      const parent = i === 0 ? '.' : parts.slice(0, i).join('/');
      if (declared && parent === nearest) continue;
      if (unitParents.has(parent)) return parts.slice(0, i + 1).join('/');
    }
    return undefined;
  }

  private nearestFolderRoot(dir: string): string {
    let found = this.nearest.get(dir);
    if (found === undefined) {
      found = this.folderRoots.find((root) => isWithin(dir, root)) ?? '.';
      this.nearest.set(dir, found);
    }
    return found;
  }

  private entry(root: string, kind: UnitInfo['kind']): UnitInfo {
    let unit = this.units.get(root);
    if (!unit) {
      unit = { root, kind, entries: [] };
      this.units.set(root, unit);
    } else if (unit.kind === 'notebook' && kind !== 'notebook') unit.kind = kind;
    return unit;
  }

  /** The unit a file belongs to. */
  rootOf(path: string): string {
    const own = this.units.get(path);
    if (own?.kind === 'workflow') return path;
    return this.nearestFolderRoot(dirname(path));
  }

  hasDeclaredRoot(root: string): boolean {
    return this.units.has(root);
  }
}

/** Findings from source code (not manifests, IaC or config): the file is part of an app. */
export function hasCodeEvidence(analysis: FileAnalysis): boolean {
  return (
    analysis.findings.some((f) => f.evidence.detector.startsWith('code:')) ||
    (analysis.defaultRequests?.length ?? 0) > 0
  );
}
