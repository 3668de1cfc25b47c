// Ignore rules that apply from above the scan target: the enclosing repository's .git/info/exclude
// and the .gitignore files of every folder between the repository root and the target.
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { IgnoreRules } from './ignore-rules';

export interface RepoRules {
  /** Enclosing work tree root, if any. */
  gitRoot?: string;
  /** Target path relative to the work tree root, posix, '' at the root. */
  prefix: string;
  rules: IgnoreRules;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
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

export async function loadRepoRules(target: string): Promise<RepoRules> {
  const rules = new IgnoreRules();
  const real = await realpath(target);
  const gitRoot = findGitRoot(real);
  if (!gitRoot) return { prefix: '', rules };
  const prefix = relative(gitRoot, real).split(sep).join('/');
  const exclude = await readIfPresent(join(gitRoot, '.git', 'info', 'exclude'));
  if (exclude) rules.add('', exclude);
  // The target's own .gitignore is read by the walk; only strict ancestors are read here.
  const parts = prefix ? prefix.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    const text = await readIfPresent(join(gitRoot, dir, '.gitignore'));
    if (text) rules.add(dir, text);
  }
  return { gitRoot, prefix, rules };
}
