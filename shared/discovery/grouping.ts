// Deployable units: a folder with its own manifest (package.json, pyproject, go.mod, Dockerfile…),
// a workflow file, or a notebook folder outside any manifest. Every file belongs to the deepest
// unit that contains it; files outside every unit belong to '.'.
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
  private readonly folderRoots: string[];

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
    // Deepest first, so the first containing root is the nearest one.
    this.folderRoots = [...this.units.values()]
      .filter((u) => u.kind !== 'workflow')
      .map((u) => u.root)
      .sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
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
    const dir = dirname(path);
    for (const root of this.folderRoots) if (isWithin(dir, root)) return root;
    return '.';
  }

  hasDeclaredRoot(root: string): boolean {
    return this.units.has(root);
  }
}
