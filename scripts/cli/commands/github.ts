// `aims github scan` and `aims github pr`: the organisation's inventory and a pull request's
// reassessment triggers, read over the GitHub REST API without cloning.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  analysePullRequest,
  applyRepoScan,
  createGitHubClient,
  GitHubError,
  githubSource,
  githubSystemId,
  isIncomplete,
  TRANSIENT_KINDS,
  parseFullName,
  parsePullRequestRef,
  repoUrl,
  scanOwner,
  type GitHubClient,
  type OwnerScanResult,
  type ScanScope,
} from '../../../connectors/github';
import { recordTriggers } from '../../../connectors/local/inventory-sync';
import { DirectoryStore } from '../../../connectors/local/key-value-dir';
import { openWorkspace } from '../../../connectors/local/workspace';
import { stringOption, UserError, type Command, type CommandArgs, type CommandIO } from '../command';
import { diffJson, diffTable } from '../format/diff-output';
import { formatOption } from '../format/options';
import { apiUrlOption, readToken } from '../github/credentials';
import { githubScanJson, githubScanTable, statsLine } from '../github/scan-output';
import {
  CREDENTIALS_REFUSED_EXIT,
  NOTHING_MORE_SENT,
  PASSING_FAILURE_EXIT,
  RUN_AGAIN_LATER,
  SERVICE_EXIT_HELP,
  SERVICE_REFUSED_EXIT,
} from '../service-exit';

/**
 * Exit code when the run is incomplete for reasons outside the repositories themselves (a rate limit,
 * the network, GitHub's servers, an interruption): running the same command again finishes it. The code
 * every connector gives a passing failure (PASSING_FAILURE_EXIT).
 */
export const EXIT_RESUMABLE = PASSING_FAILURE_EXIT;

async function clientFor(args: CommandArgs, io: CommandIO): Promise<GitHubClient> {
  const baseUrl = apiUrlOption(args);
  const token = await readToken(args, io.cwd, process.env);
  if (!token)
    io.err(
      'aims github: no GITHUB_TOKEN or --token-file; unauthenticated requests are limited to 60 an hour',
    );
  const retries = stringOption(args, 'retries');
  if (retries !== undefined && !/^(?:[0-9]|10)$/.test(retries))
    throw new UserError(`--retries must be a whole number from 0 to 10 (got '${retries}')`);
  return createGitHubClient({
    ...(token ? { token } : {}),
    ...(retries !== undefined ? { retries: Number(retries) } : {}),
    baseUrl,
    log: (line) => io.err(`aims github: ${line}`),
  });
}

function scopeOf(args: CommandArgs): ScanScope {
  const org = stringOption(args, 'org');
  const user = stringOption(args, 'user');
  const repos = args.values.repo;
  const list = Array.isArray(repos) ? repos : typeof repos === 'string' ? [repos] : [];
  const given = [org !== undefined, user !== undefined, list.length > 0].filter(Boolean).length;
  if (given !== 1) throw new UserError('give exactly one of --org NAME, --user NAME or --repo owner/name');
  const name = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
  if (org !== undefined) {
    if (!name.test(org)) throw new UserError(`--org '${org}' is not an organisation name`);
    return { org };
  }
  if (user !== undefined) {
    if (!name.test(user)) throw new UserError(`--user '${user}' is not a user name`);
    return { user };
  }
  for (const r of list) {
    try {
      parseFullName(r);
    } catch (error) {
      throw new UserError(`--repo ${(error as Error).message}`);
    }
  }
  return { repos: list };
}

function defaultStateDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'aims-lens', 'github');
}

/**
 * A GitHub failure that stops the command, as one line and the exit code every connector gives it: a refused
 * token (401) CREDENTIALS_REFUSED_EXIT, a forbidden request (403) SERVICE_REFUSED_EXIT, a passing failure (a
 * rate limit, the network, a server error, after the retries) PASSING_FAILURE_EXIT, anything else (a missing
 * organisation or pull request) the user's to fix, 2.
 */
function asUserError(error: unknown): never {
  if (!(error instanceof GitHubError)) throw error;
  if (error.kind === 'unauthorized')
    throw new UserError(`${error.message}; ${NOTHING_MORE_SENT}`, CREDENTIALS_REFUSED_EXIT);
  if (error.kind === 'forbidden') throw new UserError(error.message, SERVICE_REFUSED_EXIT);
  if (TRANSIENT_KINDS.has(error.kind))
    throw new UserError(`${error.message}; ${RUN_AGAIN_LATER}`, PASSING_FAILURE_EXIT);
  throw new UserError(error.message);
}

/** A scan that GitHub stopped part-way: a refused or forbidden token exits as asUserError's would. */
function stoppedScanExit(result: OwnerScanResult): number | undefined {
  if (result.stoppedBy === 'unauthorized') return CREDENTIALS_REFUSED_EXIT;
  if (result.stoppedBy === 'forbidden') return SERVICE_REFUSED_EXIT;
  return undefined;
}

async function runScan(args: CommandArgs, io: CommandIO): Promise<number> {
  const format = formatOption(args, ['table', 'json'] as const, 'table');
  const scope = scopeOf(args);
  const workspace = stringOption(args, 'workspace');
  const register = workspace
    ? await openWorkspace(resolve(io.cwd, workspace), { clock: () => io.now().toISOString() })
    : undefined;
  const client = await clientFor(args, io);
  const store = new DirectoryStore(resolve(io.cwd, stringOption(args, 'state') ?? defaultStateDir()));
  const result = await scanOwner(client, scope, {
    store,
    skipArchived: args.values['skip-archived'] === true,
    skipForks: args.values['skip-forks'] === true,
    progress: (line) => io.err(line),
  }).catch(asUserError);

  if (format === 'json') io.out(JSON.stringify(githubScanJson(result, client.webUrl), null, 2));
  else githubScanTable(result).forEach((line) => io.out(line));

  if (register) {
    let added = 0;
    let updated = 0;
    let vanished = 0;
    for (const repo of result.repositories) {
      if (!repo.state) continue;
      const plan = await applyRepoScan(register, repo.state, client.webUrl, {
        now: io.now(),
        cause: `aims github scan of ${repoUrl(client.webUrl, repo.fullName)} at ${repo.state.commit ?? repo.state.treeSha}`,
      });
      added += plan.added.length;
      updated += plan.updated.length;
      vanished += plan.vanished.length;
    }
    io.err(`Workspace: ${added} new (awaiting review), ${updated} updated, ${vanished} vanished`);
  }
  io.err(statsLine(result.stats));
  return stoppedScanExit(result) ?? (isIncomplete(result) ? EXIT_RESUMABLE : 0);
}

async function runPullRequest(args: CommandArgs, io: CommandIO): Promise<number> {
  const format = formatOption(args, ['table', 'json'] as const, 'table');
  const text = args.positionals[1];
  if (!text || args.positionals.length > 2) throw new UserError('expected one pull request: owner/repo#N');
  let ref;
  try {
    ref = parsePullRequestRef(text);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  const workspace = stringOption(args, 'workspace');
  const register = workspace
    ? await openWorkspace(resolve(io.cwd, workspace), { clock: () => io.now().toISOString() })
    : undefined;
  const client = await clientFor(args, io);
  io.err(`reading ${text}`);
  let analysis;
  try {
    analysis = await analysePullRequest(client, ref);
  } catch (error) {
    if (error instanceof GitHubError && TRANSIENT_KINDS.has(error.kind)) {
      io.err(`aims github: ${error.message}; ${RUN_AGAIN_LATER}`);
      io.err(statsLine(client.stats));
      return EXIT_RESUMABLE;
    }
    asUserError(error);
  }
  const base = { ref: analysis.base.ref, commit: analysis.base.commit };
  const head = { ref: analysis.head.ref, commit: analysis.head.commit };
  if (format === 'json') {
    const doc = diffJson(base, head, analysis.triggers, analysis.warnings);
    const out = {
      pullRequest: {
        repository: `${ref.owner}/${ref.repo}`,
        number: ref.number,
        url: analysis.pull.html_url,
      },
      ...doc,
      triggers: doc.triggers.map((t, i) => ({
        ...t,
        evidence: t.evidence.map((e, j) => ({ ...e, url: analysis.triggers[i]?.links[j] ?? null })),
      })),
      touchedFiles: analysis.touchedFiles,
      analysedFiles: analysis.analysedFiles,
    };
    io.out(JSON.stringify(out, null, 2));
  } else {
    diffTable(base, head, analysis.triggers, analysis.warnings).forEach((line) => io.out(line));
    const links = analysis.triggers.flatMap((t) => t.links);
    if (links.length > 0)
      ['', 'Evidence:', ...[...new Set(links)].map((l) => `  ${l}`)].forEach((l) => io.out(l));
  }
  if (register && analysis.triggers.length > 0) {
    const range = `${analysis.base.commit}..${analysis.head.commit}`;
    // A system the register does not know yet is named as an organisation scan would name it.
    const fullName = `${ref.owner}/${ref.repo}`;
    const triggers = analysis.triggers.map((t) => ({ ...t, systemId: githubSystemId(fullName, t.root) }));
    const written = await recordTriggers(register, triggers, {
      now: io.now(),
      cause: `aims github pr ${text} (${range})`,
      ref: range,
      prefix: '',
      source: githubSource(client.webUrl, `${ref.owner}/${ref.repo}`),
    });
    io.err(`Workspace: ${written.length} trigger record(s) opened`);
  }
  io.err(statsLine(client.stats));
  return analysis.triggers.length > 0 ? 3 : 0;
}

export const githubCommand: Command = {
  name: 'github',
  summary: "Inventory an organisation's repositories and check pull requests over the GitHub API (no clone)",
  usage:
    'aims github scan --org NAME|--user NAME|--repo owner/name [--workspace <dir>] [--format table|json]\n' +
    '       aims github pr owner/repo#N [--format table|json] [--workspace <dir>]',
  details: [
    '  scan             every repository of the organisation or user (or the named ones): default branch,',
    '                   the same detectors and report as aims scan on a clone; evidence pinned to the commit',
    '  --skip-archived  leave archived repositories out;  --skip-forks  leave forks out',
    '  --state <dir>    where ETags, per-repository results and an interrupted run are kept',
    '                   (default ~/.cache/aims-lens/github); a rerun skips unchanged repositories and',
    '                   resumes an interrupted scan at the next repository',
    '  pr               the reassessment triggers a pull request raises (the same as aims diff)',
    '  --api-url        REST API root, e.g. https://github.example.com/api/v3 (default https://api.github.com)',
    '  --token-file     file whose first line is the token; otherwise GITHUB_TOKEN. Never printed or stored.',
    '  --retries N      retries of a server error or a failed connection, 1 s, 4 s, 9 s… apart (default 3)',
    '  --workspace      scan: merge systems and evidence into the inventory; pr: record the triggers',
    'Progress, requests made, 304s and the rate limit left go to stderr.',
    'Exit codes: 0 done; 3 the pull request raises triggers; 2 usage error (no such organisation or pull request);',
    ...SERVICE_EXIT_HELP,
    '  (4 for a scan also: interrupted, or some repositories skipped for a passing reason that a rerun retries;',
    '  for pr: the pull request could not be read)',
    '  (a scan stopped either way keeps the repositories done before it, and a rerun resumes there).',
  ],
  options: {
    org: { type: 'string' },
    user: { type: 'string' },
    repo: { type: 'string', multiple: true },
    'skip-archived': { type: 'boolean' },
    'skip-forks': { type: 'boolean' },
    state: { type: 'string' },
    format: { type: 'string', short: 'f' },
    workspace: { type: 'string', short: 'w' },
    'api-url': { type: 'string' },
    'token-file': { type: 'string' },
    retries: { type: 'string' },
  },
  positionals: true,
  async run(args, io) {
    const sub = args.positionals[0];
    if (sub === 'scan') {
      if (args.positionals.length > 1) throw new UserError('aims github scan takes no positional arguments');
      return runScan(args, io);
    }
    if (sub === 'pr') return runPullRequest(args, io);
    throw new UserError(`expected 'scan' or 'pr' (got ${sub === undefined ? 'nothing' : `'${sub}'`})`);
  },
};
