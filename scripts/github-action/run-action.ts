// What the Action does on a pull_request event: run `aims github pr --format json`, keep one comment
// on the pull request up to date, write the job summary and outputs, and decide the check's outcome.
import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitHubClient } from '../../connectors/github';
import { serverText } from '../../connectors/redact';
import { COMMENT_MARKER, commentBody, referencesReassessment, type PrTriggerDoc } from './comment';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PullRequestEvent {
  pull_request?: { number: number; body: string | null; labels?: { name: string }[] };
  repository?: { full_name: string };
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'aims.mjs'), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * Runs the gate. Returns the process exit code: 1 when mode is 'fail' and an AI component changes
 * without a reassessment reference (or the check could not run), else 0. Never prints the token.
 */
export async function runAction(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const mode = env.AIMS_MODE === 'warn' ? 'warn' : 'fail';
  if (env.AIMS_MODE && env.AIMS_MODE !== 'warn' && env.AIMS_MODE !== 'fail') {
    log(`::error::mode must be 'fail' or 'warn' (got '${env.AIMS_MODE}')`);
    return 1;
  }
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath) {
    log('::error::GITHUB_EVENT_PATH is not set: run this action in a workflow');
    return 1;
  }
  const event = JSON.parse(await readFile(eventPath, 'utf8')) as PullRequestEvent;
  const pull = event.pull_request;
  const repository = event.repository?.full_name ?? env.GITHUB_REPOSITORY;
  if (!pull || !repository) {
    log('AIMS Lens: not a pull_request event; nothing to check.');
    return 0;
  }
  const apiUrl = env.AIMS_API_URL || env.GITHUB_API_URL || 'https://api.github.com';
  const ref = `${repository}#${pull.number}`;
  const result = await runCli(['github', 'pr', ref, '--format', 'json', '--api-url', apiUrl], env);
  if (result.code !== 0 && result.code !== 3) {
    log(`::error::aims github pr ${ref} failed: ${result.err.trim().split('\n').pop() ?? ''}`);
    return 1;
  }
  const doc = JSON.parse(result.out) as PrTriggerDoc;
  const referenced = referencesReassessment(
    pull.body,
    (pull.labels ?? []).map((l) => l.name),
    env.AIMS_REASSESSMENT_PATTERN || 'reassess',
    (env.AIMS_REASSESSMENT_LABELS ?? 'reassessment').split(','),
  );
  const body = commentBody(doc, { referenced, mode });

  const [owner = '', repo = ''] = repository.split('/');
  const client = createGitHubClient({
    ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}),
    baseUrl: apiUrl,
    log,
  });
  try {
    const comments = await client.octokit.paginate(client.octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pull.number,
      per_page: 100,
    });
    const mine = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
    if (mine) await client.octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    else if (doc.triggers.length > 0)
      await client.octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body });
  } catch (error) {
    // One line with GitHub's words redacted, not the thrown error: printed whole, its response body
    // (which a proxy may have filled with the request's Authorization) would reach the job's log.
    const status = (error as { status?: unknown }).status;
    const said = serverText(error instanceof Error ? error.message : String(error), client.secrets);
    log(
      `::error::AIMS Lens: could not write the comment on ${ref}${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${said}`,
    );
    return 1;
  }

  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${body}\n`);
  if (env.GITHUB_OUTPUT)
    await appendFile(env.GITHUB_OUTPUT, `triggers=${doc.triggers.length}\nreferenced=${referenced}\n`);
  log(
    `AIMS Lens: ${doc.triggers.length} reassessment trigger(s) in ${ref}; reassessment referenced: ${referenced}`,
  );
  if (doc.triggers.length > 0 && !referenced) {
    const message = `${ref} changes an AI component and references no reassessment (ISO/IEC 42001 8.2, 8.4)`;
    if (mode === 'fail') {
      log(`::error::${message}`);
      return 1;
    }
    log(`::warning::${message}`);
  }
  return 0;
}
