// Where `aims github` gets its token and API root. The token is only ever handed to the client:
// never printed, logged, or written anywhere.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_API_URL } from '../../../connectors/github';
import { stringOption, UserError, type CommandArgs } from '../command';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** --api-url: https (or http to this machine only, for a local mock); no credentials in the URL. */
export function apiUrlOption(args: CommandArgs): string {
  const raw = stringOption(args, 'api-url') ?? DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`--api-url must be a URL such as https://github.example.com/api/v3`);
  }
  if (url.username || url.password) throw new UserError('--api-url must not carry credentials');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new UserError('--api-url must use https (a token is sent to it)');
  return url.href.replace(/\/$/, '');
}

/** From --token-file (first line, trimmed) or else GITHUB_TOKEN; undefined when neither is given. */
export async function readToken(
  args: CommandArgs,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const file = stringOption(args, 'token-file');
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch {
      // The path is the user's own input; the content is never echoed.
      throw new UserError(`--token-file ${file}: cannot be read`);
    }
    const token = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (token === '' || /\s/.test(token))
      throw new UserError(`--token-file ${file}: no token on its first line`);
    return token;
  }
  const fromEnv = env.GITHUB_TOKEN?.trim();
  return fromEnv ? fromEnv : undefined;
}
