// Ignore rules that apply from above the scan target: the enclosing repository's .git/info/exclude
// and the .gitignore files of every folder between the repository root and the target.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { IgnoreRules } from '../../../shared/discovery/ignore-rules';

export interface RepoRules {
  /** Enclosing work tree root, if any. */
  gitRoot?: string;
  /** Target path relative to the work tree root, posix, '' at the root. */
  prefix: string;
  rules: IgnoreRules;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function findGitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadRepoRules(target: string): RepoRules {
  const rules = new IgnoreRules();
  const real = realpathSync(target);
  const gitRoot = findGitRoot(real);
  if (!gitRoot) return { prefix: '', rules };
  const prefix = relative(gitRoot, real).split(sep).join('/');
  const exclude = readIfPresent(join(gitRoot, '.git', 'info', 'exclude'));
  if (exclude) rules.add('', exclude);
  // The target's own .gitignore is read by the walk; only strict ancestors are read here.
  const parts = prefix ? prefix.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    const text = readIfPresent(join(gitRoot, dir, '.gitignore'));
    if (text) rules.add(dir, text);
  }
  // A folder the repository ignores is not part of it: scan it on its own terms.
  for (let i = 1; i <= parts.length; i++) {
    if (rules.ignores(parts.slice(0, i).join('/'), true)) return { prefix: '', rules: new IgnoreRules() };
  }
  return { gitRoot, prefix, rules };
}
