// Where the checkpoint signing key lives: never in a workspace. By default in the user's config
// folder; elsewhere with --key or AIMS_SIGNING_KEY_FILE. Keys are hex text files.
import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { UserError, stringOption, type CommandArgs, type CommandIO } from './command';

const HEX64 = /^[0-9a-f]{64}$/;

/** $XDG_CONFIG_HOME/aims-lens/signing-key, else ~/.config/aims-lens/signing-key. */
export function defaultKeyPath(): string {
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'aims-lens', 'signing-key');
}

export function keyPath(args: CommandArgs, io: CommandIO): string {
  const given = stringOption(args, 'key') ?? process.env.AIMS_SIGNING_KEY_FILE;
  return given ? resolve(io.cwd, given) : defaultKeyPath();
}

/** Real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, path));
}

export function isInside(path: string, folder: string): boolean {
  const rel = relative(realish(folder), realish(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Refuses a key kept inside the workspace: whoever writes the log could then sign it too. */
export function refuseKeyInside(path: string, workspace: string): void {
  if (isInside(path, workspace)) {
    throw new UserError(
      `${path}: the signing key must be kept outside the workspace (whoever can write the log could sign it)`,
    );
  }
}

/** Reads a hex key file: 64 hex digits, '#' comment lines ignored. */
export async function readHexKey(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(`${path}: cannot read the ${what}`);
  }
  const hex = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('')
    .trim()
    .toLowerCase();
  if (!HEX64.test(hex)) throw new UserError(`${path}: not a ${what} (expected 64 hex digits)`);
  return hex;
}

/** Writes a key file that must not exist yet; the secret key is readable by its owner only. */
export async function writeKeyFile(path: string, content: string, secret: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, content, { flag: 'wx', mode: secret ? 0o600 : 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${path}: already exists; a key is never overwritten`);
    }
    throw error;
  }
  if (secret) await chmod(path, 0o600);
}
