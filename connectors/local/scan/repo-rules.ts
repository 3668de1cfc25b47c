// Ignore rules that apply from above the scan target: the user's global excludes file
// (`core.excludesFile`), the enclosing repository's .git/info/exclude and the .gitignore files of every
// folder between the repository root and the target; and the repository's submodules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { IgnoreRules } from '../../../shared/discovery/ignore-rules';

export interface RepoRules {
  /** Enclosing work tree root, if any. */
  gitRoot?: string;
  /** Target path relative to the work tree root, posix, '' at the root. */
  prefix: string;
  rules: IgnoreRules;
  /** Submodule folders (relative to the target, posix) that `.gitmodules` declares inside it. */
  submodules?: string[];
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

/**
 * The repository-wide ignore texts git reads besides .gitignore files, lowest precedence first: the
 * file `core.excludesFile` names (git's own answer, so a repository's config and `~` paths count;
 * default `$XDG_CONFIG_HOME/git/ignore`, else `~/.config/git/ignore`), then `.git/info/exclude`.
 * Missing files, or no git on the PATH, give fewer texts, never an error.
 */
export function repositoryExcludes(gitRoot: string): string[] {
  let configured: string | undefined;
  try {
    configured =
      execFileSync('git', ['config', '--path', '--get', 'core.excludesFile'], {
        cwd: gitRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      }).trim() || undefined;
  } catch {
    // Exit code 1: not set. No git at all: git's default location still applies.
    configured = undefined;
  }
  const xdg = process.env['XDG_CONFIG_HOME'];
  const fallback = join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), 'git', 'ignore');
  const excludesFile = configured
    ? isAbsolute(configured)
      ? configured
      : join(gitRoot, configured)
    : fallback;
  const texts: string[] = [];
  for (const path of [excludesFile, join(gitRoot, '.git', 'info', 'exclude')]) {
    const text = readIfPresent(path);
    if (text) texts.push(text);
  }
  return texts;
}

/** Submodule paths `.gitmodules` declares (`path = …` lines), repository-relative, posix. */
export function submodulePaths(gitRoot: string): string[] {
  const text = readIfPresent(join(gitRoot, '.gitmodules'));
  if (!text) return [];
  const paths: string[] = [];
  for (const m of text.matchAll(/^[ \t]*path[ \t]*=[ \t]*(.+?)[ \t]*$/gm)) {
    const path = (m[1] ?? '').replace(/^"|"$/g, '').replace(/\/+$/, '');
    if (path && !path.split('/').includes('..')) paths.push(path);
  }
  return paths;
}

export function loadRepoRules(target: string): RepoRules {
  const rules = new IgnoreRules();
  const real = realpathSync(target);
  const gitRoot = findGitRoot(real);
  if (!gitRoot) return { prefix: '', rules };
  const prefix = relative(gitRoot, real).split(sep).join('/');
  for (const text of repositoryExcludes(gitRoot)) rules.add('', text);
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
  const base = prefix ? `${prefix}/` : '';
  const submodules = submodulePaths(gitRoot)
    .filter((p) => p.startsWith(base))
    .map((p) => p.slice(base.length))
    .filter((p) => p !== '');
  return { gitRoot, prefix, rules, ...(submodules.length > 0 ? { submodules } : {}) };
}
