// Where a folder sits in its git work tree, and which commits refs name.
import { GitError, runGit } from './git-command';

export interface WorkTree {
  /** Absolute path of the work tree root. */
  top: string;
  /** The folder relative to the root, posix, '' at the root. */
  prefix: string;
}

export async function openWorkTree(dir: string): Promise<WorkTree> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (result.code !== 0) throw new GitError(`${dir}: not inside a git work tree`);
  const [top = '', prefix = ''] = result.stdout.toString('utf8').split('\n');
  return { top, prefix: prefix.replace(/\/$/, '') };
}

/** The full commit SHA a ref names; a GitError naming the ref when it names none. */
export async function resolveCommit(cwd: string, ref: string): Promise<string> {
  // A ref starting with '-' would be read as an option.
  if (ref === '' || ref.startsWith('-')) throw new GitError(`unknown revision '${ref}'`);
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const sha = result.stdout.toString('utf8').trim();
  if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new GitError(`unknown revision '${ref}'`);
  return sha;
}

/** HEAD's SHA, or undefined outside a repository or before the first commit. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  const sha = result.stdout.toString('utf8').trim();
  return result.code === 0 && sha ? sha : undefined;
}

export async function originUrl(cwd: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['remote', 'get-url', 'origin']);
  const url = result.stdout.toString('utf8').trim();
  return result.code === 0 && url ? url : undefined;
}
