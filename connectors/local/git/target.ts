// What a scanned folder is, for the register: which repository, which commit, and where its files open.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RepositoryRef } from '../../../shared/inventory';
import { runGit } from './git-command';
import { headCommit, originUrl } from './repo';

export interface ScanTarget {
  /** Absolute folder that was scanned. */
  dir: string;
  source: RepositoryRef;
  /** The folder's path inside its repository, posix, '' at the root or outside git. */
  prefix: string;
  /** HEAD's SHA in a git work tree, else 'worktree'. */
  pinnedVersion: string;
  /** Where a file (relative to `dir`) can be opened at the pinned version. */
  fileUrl(path: string): string;
}

const GITHUB_REMOTE =
  /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/;

/** 'git@github.com:acme/bot.git' → 'https://github.com/acme/bot'; undefined for other hosts. */
export function githubRepoUrl(remote: string): string | undefined {
  const match = GITHUB_REMOTE.exec(remote.trim());
  return match ? `https://github.com/${match[1]}/${match[2]}` : undefined;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export async function describeTarget(folder: string): Promise<ScanTarget> {
  const dir = resolve(folder);
  const top = await runGit(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (top.code !== 0) {
    return {
      dir,
      source: { tool: 'local', url: pathToFileURL(dir).href },
      prefix: '',
      pinnedVersion: 'worktree',
      fileUrl: (path) => pathToFileURL(resolve(dir, path)).href,
    };
  }
  const [root = dir, rawPrefix = ''] = top.stdout.toString('utf8').split('\n');
  const prefix = rawPrefix.replace(/\/$/, '');
  const sha = await headCommit(dir);
  const remote = await originUrl(dir);
  const github = remote ? githubRepoUrl(remote) : undefined;
  const inRepo = (path: string) => (prefix ? `${prefix}/${path}` : path);
  if (github && sha) {
    return {
      dir,
      source: { tool: 'github', url: github },
      prefix,
      pinnedVersion: sha,
      fileUrl: (path) => `${github}/blob/${sha}/${encodePath(inRepo(path))}`,
    };
  }
  return {
    dir,
    source: { tool: 'local', url: pathToFileURL(root).href },
    prefix,
    pinnedVersion: sha ?? 'worktree',
    fileUrl: (path) => pathToFileURL(resolve(dir, path)).href,
  };
}
