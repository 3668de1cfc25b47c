// .gitignore semantics across nested files: a deeper file's verdict overrides a shallower one's.
import ignore, { type Ignore } from 'ignore';

interface Verdict {
  ignored: boolean;
  unignored: boolean;
}

interface Level {
  /** Folder holding the .gitignore, relative to the repository root ('' for the root). */
  dir: string;
  /** `${dir}/`, or '' for the root. */
  prefix: string;
  matcher: Ignore;
  /** Every pattern is a name pattern: the library then matches a file by its name alone. */
  namesOnly: boolean;
  /** Name patterns only: verdicts by file name, and the last folder's verdict. */
  byName: Map<string, Verdict>;
  /**
   * Name patterns only: a literal from each pattern that can match a file, every one of which a name must
   * contain for that pattern to match it; undefined when some pattern has none (`*`), so the library decides.
   */
  literals: string[] | undefined;
  folder: string;
  folderVerdict: Verdict;
}

const NOT_MATCHED: Verdict = { ignored: false, unignored: false };
const MAX_NAMES = 16_384;

/**
 * Whether every pattern is a name pattern (no slash but a trailing one). Then the library tests each
 * rule against a path's last segment, so a file's verdict is its folder's, or else its name's.
 * Conservative: a line with a backslash (an escape) or any other oddity counts as a path pattern.
 */
function namesOnly(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#')) continue;
    if (line.includes('\\')) return false;
    const body = line.startsWith('!') ? line.slice(1) : line;
    const slash = body.indexOf('/');
    if (slash !== -1 && slash !== body.length - 1) return false;
  }
  return true;
}

/**
 * For a names-only text: the longest literal run of each pattern that can match a file (folder-only
 * patterns, `name/`, never match a file by its name), or undefined when a pattern has no literal.
 * `*`, `?` and `[…]` are the glob characters; namesOnly() already refused escapes.
 */
function nameLiterals(text: string): string[] | undefined {
  const literals: string[] = [];
  for (const raw of text.split('\n')) {
    // Git drops trailing spaces (unescaped ones: escapes were refused) and the carriage return.
    const line = raw.replace(/\r$/, '').replace(/ +$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const body = line.startsWith('!') ? line.slice(1) : line;
    if (body.endsWith('/')) continue;
    let longest = '';
    for (const piece of body.split(/\[[^\]]*\]|[*?[\]]/)) if (piece.length > longest.length) longest = piece;
    if (longest === '') return undefined;
    literals.push(longest);
  }
  return literals;
}

export class IgnoreRules {
  private levels: Level[] = [];

  /** Adds the rules of `<dir>/.gitignore` (or .git/info/exclude for dir ''). */
  add(dir: string, text: string): void {
    // Git on Linux matches case-sensitively; the library's default does not.
    const matcher = ignore({ ignorecase: false }).add(text);
    const byNameOnly = namesOnly(text);
    this.levels.push({
      dir,
      prefix: dir === '' ? '' : `${dir}/`,
      matcher,
      namesOnly: byNameOnly,
      byName: new Map(),
      literals: byNameOnly ? nameLiterals(text) : undefined,
      folder: '',
      folderVerdict: NOT_MATCHED,
    });
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
    for (const level of this.levels) {
      if (level.prefix !== '' && !path.startsWith(level.prefix)) continue;
      const rel = path.slice(level.prefix.length);
      if (rel === '') continue;
      const verdict =
        !isDir && level.namesOnly ? fileByName(level, rel) : level.matcher.test(isDir ? `${rel}/` : rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}

/**
 * What level.matcher.test(rel) answers for a file under name patterns, without a library call (and a
 * cache entry in it) per file: as the library does, a folder this level ignores decides, else the name.
 */
function fileByName(level: Level, rel: string): Verdict {
  const slash = rel.lastIndexOf('/');
  if (slash !== -1) {
    const folder = rel.slice(0, slash + 1);
    if (folder !== level.folder) {
      level.folder = folder;
      level.folderVerdict = level.matcher.test(folder);
    }
    if (level.folderVerdict.ignored) return level.folderVerdict;
  }
  const name = rel.slice(slash + 1);
  // Most names contain no pattern's literal (`*.log`, `.env`): no pattern can match them.
  if (level.literals && !level.literals.some((literal) => name.includes(literal))) return NOT_MATCHED;
  let verdict = level.byName.get(name);
  if (!verdict) {
    verdict = level.matcher.test(name);
    if (level.byName.size >= MAX_NAMES) level.byName.clear();
    level.byName.set(name, verdict);
  }
  return verdict;
}

function depthOf(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
