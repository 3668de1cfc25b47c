// .gitignore semantics across nested files: a deeper file's verdict overrides a shallower one's.
import ignore, { type Ignore } from 'ignore';

interface Level {
  /** Folder holding the .gitignore, relative to the repository root ('' for the root). */
  dir: string;
  matcher: Ignore;
}

export class IgnoreRules {
  private levels: Level[] = [];

  /** Adds the rules of `<dir>/.gitignore` (or .git/info/exclude for dir ''). */
  add(dir: string, text: string): void {
    // Git on Linux matches case-sensitively; the library's default does not.
    const matcher = ignore({ ignorecase: false }).add(text);
    this.levels.push({ dir, matcher });
    // Shallow to deep, so later verdicts win.
    this.levels.sort(
      (a, b) => depthOf(a.dir) - depthOf(b.dir) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0),
    );
  }

  get empty(): boolean {
    return this.levels.length === 0;
  }

  /** Whether a path (relative to the repository root) is ignored; folders are tested as 'dir/'. */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { dir, matcher } of this.levels) {
      if (dir !== '' && !path.startsWith(`${dir}/`)) continue;
      const rel = dir === '' ? path : path.slice(dir.length + 1);
      if (rel === '') continue;
      const verdict = matcher.test(isDir ? `${rel}/` : rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}

function depthOf(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
