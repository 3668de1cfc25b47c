// What every `aims jira …` command needs: the site, the credentials (from the environment or files,
// never from an argument, never printed, never written to the workspace), a real clock, and progress
// lines on standard error.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createJiraApi, type JiraApi } from '../../../connectors/jira/client';
import { JiraSiteUrl, flavourOf, type JiraCredentials } from '../../../connectors/jira/config';
import type { ConnectorDeps } from '../../../connectors/contract';
import { JiraError } from '../../../connectors/jira/errors';
import { stringOption, UserError, type CommandArgs, type CommandIO } from '../command';
import {
  CREDENTIALS_REFUSED_EXIT,
  NOTHING_MORE_SENT,
  PASSING_FAILURE_EXIT,
  RUN_AGAIN_LATER,
  SERVICE_REFUSED_EXIT,
} from '../service-exit';

export const SITE_OPTIONS = {
  url: { type: 'string' },
  flavour: { type: 'string' },
} as const;

export const CREDENTIAL_HELP = [
  'Credentials (never given as options, never printed or stored in the workspace):',
  '  Jira Cloud:        JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_API_TOKEN_FILE, a file holding the token)',
  '  Jira Data Center:  JIRA_PAT (or JIRA_PAT_FILE), a personal access token',
  '  --url              the site, e.g. https://harbormutual.atlassian.net (or JIRA_URL)',
  '  --flavour          cloud | data-center; by default *.atlassian.net is Cloud and any other host Data Center',
];

type Env = Readonly<Record<string, string | undefined>>;

async function secret(env: Env, name: string, cwd: string): Promise<string | undefined> {
  const direct = env[name]?.trim();
  if (direct) return direct;
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return undefined;
  const text = await readFile(resolve(cwd, file), 'utf8').catch(() => {
    throw new UserError(`${name}_FILE: cannot read ${file}`);
  });
  const value = text.trim();
  if (!value) throw new UserError(`${name}_FILE: ${file} is empty`);
  return value;
}

/** The site URL from --url or JIRA_URL, checked (https, no credentials in it). */
export function siteOf(args: CommandArgs, env: Env = process.env): string {
  const raw = stringOption(args, 'url') ?? env.JIRA_URL;
  if (!raw) throw new UserError('missing --url (the Jira site, e.g. https://example.atlassian.net)');
  const parsed = JiraSiteUrl.safeParse(raw);
  if (!parsed.success)
    throw new UserError(`--url: ${parsed.error.issues[0]?.message ?? 'not a Jira site URL'}`);
  return parsed.data;
}

function flavourOption(args: CommandArgs, site: string): 'cloud' | 'data-center' {
  const given = stringOption(args, 'flavour');
  if (given === undefined) return flavourOf(site);
  if (given !== 'cloud' && given !== 'data-center')
    throw new UserError(`--flavour must be cloud or data-center (got '${given}')`);
  return given;
}

/** Credentials for the flavour: Cloud wants email + API token, Data Center a PAT. */
export async function credentialsFor(
  flavour: 'cloud' | 'data-center',
  cwd: string,
  env: Env = process.env,
): Promise<JiraCredentials> {
  if (flavour === 'cloud') {
    const email = env.JIRA_EMAIL?.trim();
    const apiToken = await secret(env, 'JIRA_API_TOKEN', cwd);
    if (!email || !apiToken)
      throw new UserError(
        'Jira Cloud needs JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_API_TOKEN_FILE) in the environment',
      );
    return { kind: 'api-token', email, apiToken };
  }
  const token = await secret(env, 'JIRA_PAT', cwd);
  if (!token) throw new UserError('Jira Data Center needs JIRA_PAT (or JIRA_PAT_FILE) in the environment');
  return { kind: 'pat', token };
}

/** The CLI's connector parts: global fetch, the command's clock, real waits, progress on stderr. */
export function cliDeps(io: CommandIO): ConnectorDeps {
  const line = (message: string) => io.err(printable(message));
  return {
    fetch: (input, init) => fetch(input, init),
    clock: () => io.now(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    log: { debug: () => {}, info: line, warn: line, error: line },
  };
}

/** A JiraApi for the command's --url and the environment's credentials. */
export async function connect(
  args: CommandArgs,
  io: CommandIO,
  deps: ConnectorDeps = cliDeps(io),
): Promise<JiraApi> {
  const url = siteOf(args);
  const flavour = flavourOption(args, url);
  const credentials = await credentialsFor(flavour, io.cwd);
  return createJiraApi({ connection: { url, flavour }, credentials, deps });
}

const BIDI_CONTROLS = new Set([
  0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/**
 * Text from Jira made safe for one terminal line: control characters (escape sequences, newlines) and
 * bidirectional overrides become spaces.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) || BIDI_CONTROLS.has(code) ? ' ' : ch;
  }
  return out;
}

/**
 * Runs Jira work; a JiraError that stops it becomes one printable line with the exit code every connector
 * gives it: refused credentials (401) CREDENTIALS_REFUSED_EXIT, a passing failure past its retries (a rate
 * limit, a 5xx, a timeout, no connection: JiraError.retryable) PASSING_FAILURE_EXIT, anything else Jira
 * refused (403, 404, a rejected JQL, a malformed answer) SERVICE_REFUSED_EXIT.
 */
export async function jiraCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    if (error.failure === 'unauthorized')
      throw new UserError(printable(`${error.message}; ${NOTHING_MORE_SENT}`), CREDENTIALS_REFUSED_EXIT);
    if (error.retryable)
      throw new UserError(printable(`${error.message}; ${RUN_AGAIN_LATER}`), PASSING_FAILURE_EXIT);
    throw new UserError(printable(error.message), SERVICE_REFUSED_EXIT);
  }
}
