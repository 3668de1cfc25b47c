// The GitHub Action: its YAML is a valid composite action whose inputs are all declared, the README's
// workflows parse, and its entry script, run as GitHub runs it, comments once, updates that comment,
// and fails or warns as configured, against the mock GitHub on a loopback port.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  COMMENT_MARKER,
  commentBody,
  inert,
  referencesReassessment,
} from '../../../scripts/github-action/comment';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { serveMockGitHub, type MockServer } from '../../support/github/http-server';
import { tempDir } from '../../support/temp';

const ACTION = join(process.cwd(), 'scripts', 'github-action');
const TOKEN = 'ghs_actionTOKEN777';

interface ActionYaml {
  name: string;
  inputs: Record<string, { default?: string }>;
  runs: {
    using: string;
    steps: { run?: string; shell?: string; uses?: string; env?: Record<string, string> }[];
  };
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(ACTION, 'action.yml'), 'utf8')) as ActionYaml;

  it('is a composite action whose run steps name a shell and whose inputs are declared', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.run).toBe('bash');
    const text = readFileSync(join(ACTION, 'action.yml'), 'utf8');
    for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/g))
      expect(action.inputs, name).toHaveProperty(name ?? '');
    expect(action.runs.steps.some((s) => s.run?.includes('entry.mjs'))).toBe(true);
    expect(existsSync(join(ACTION, 'entry.mjs'))).toBe(true);
  });

  it('documents a pull-request workflow and a scheduled organisation-wide matrix that parse', () => {
    const readme = readFileSync(join(ACTION, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (m) => parse(m[1] ?? '') as Record<string, unknown>,
    );
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(blocks);
    expect(text).toContain('pull_request');
    expect(text).toContain('schedule');
    expect(text).toContain('matrix');
    expect(text).toContain('aims github scan');
  });
});

describe('comment', () => {
  it('renders page-derived text inert', () => {
    expect(inert('<img src=x onerror=alert(1)> @everyone [x](javascript:alert(1)) | a')).not.toMatch(
      /<img|\]\(|(?<!\\)@|(?<!\\)\|/,
    );
  });

  it('finds a reassessment reference in the body or the labels', () => {
    expect(referencesReassessment('See RA-12 for the reassessment', [], 'reassess', [])).toBe(true);
    expect(referencesReassessment('Swap the model', ['Reassessment'], 'reassess', ['reassessment'])).toBe(
      true,
    );
    expect(referencesReassessment(null, ['bug'], 'reassess', ['reassessment'])).toBe(false);
  });

  it('says so when nothing is due', () => {
    const body = commentBody(
      {
        pullRequest: { repository: 'a/b', number: 1, url: 'https://github.com/a/b/pull/1' },
        base: { ref: 'main', commit: 'a'.repeat(40) },
        head: { ref: 'x', commit: 'b'.repeat(40) },
        triggers: [],
        warnings: [],
      },
      { referenced: false, mode: 'fail' },
    );
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('no reassessment is due');
  });
});

function runEntry(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ACTION, 'entry.mjs')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code) => resolve({ code: code ?? 1, out: Buffer.concat(chunks).toString('utf8') }));
  });
}

describe('entry script against the mock GitHub', () => {
  let server: MockServer;
  const dir = tempDir('action');
  beforeAll(async () => {
    server = await serveMockGitHub();
    server.mock.addRepo('harbor/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
    server.mock.openPull('harbor/support-bot', 214, OPENAI_SUPPORT_BOT('gpt-4.1'), {
      title: 'Move to gpt-4.1',
    });
  });
  afterAll(() => server.close());

  const envFor = (name: string, pull: { body: string | null; labels: string[] }, mode: string) => {
    const event = join(dir, `${name}.json`);
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { number: 214, body: pull.body, labels: pull.labels.map((l) => ({ name: l })) },
        repository: { full_name: 'harbor/support-bot' },
      }),
    );
    const summary = join(dir, `${name}.summary.md`);
    const output = join(dir, `${name}.output`);
    writeFileSync(summary, '');
    writeFileSync(output, '');
    return {
      env: {
        GITHUB_EVENT_PATH: event,
        GITHUB_TOKEN: TOKEN,
        AIMS_API_URL: server.apiUrl,
        AIMS_MODE: mode,
        AIMS_REASSESSMENT_PATTERN: 'reassess',
        AIMS_REASSESSMENT_LABELS: 'reassessment',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
      },
      summary,
      output,
    };
  };

  it('fails without a reassessment reference, then passes with the label, keeping one comment', async () => {
    const first = envFor('first', { body: 'Swap the model', labels: [] }, 'fail');
    const failed = await runEntry(first.env);
    expect(failed.code, failed.out).toBe(1);
    expect(failed.out).toContain('::error::harbor/support-bot#214 changes an AI component');
    let comments = server.mock.comments('harbor/support-bot', 214);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(COMMENT_MARKER);
    expect(comments[0]?.body).toMatch(/gpt\\-4o \| gpt\\-4\\\.1/);
    // Links go to the API host's web root (here the loopback mock, as a GHES host would be).
    expect(comments[0]?.body).toContain(`](${server.apiUrl.replace('/api/v3', '')}/harbor/support-bot/blob/`);
    expect(comments[0]?.body).toMatch(/\/blob\/[0-9a-f]{40}\/app\/main\.py#L6\)/);
    expect(readFileSync(first.output, 'utf8')).toBe('triggers=1\nreferenced=false\n');
    expect(readFileSync(first.summary, 'utf8')).toContain('reassessment trigger');

    const second = envFor('second', { body: 'Swap the model', labels: ['reassessment'] }, 'fail');
    const passed = await runEntry(second.env);
    expect(passed.code, passed.out).toBe(0);
    comments = server.mock.comments('harbor/support-bot', 214);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('references a reassessment');
    expect(failed.out + passed.out).not.toContain(TOKEN);
  }, 60_000);

  it('a comment GitHub refuses with a body echoing the token: one redacted line, exit 1', async () => {
    server.mock.fail(/\/issues\/214\/comments/, {
      kind: 'status',
      status: 403,
      message: `Resource not accessible; request had Authorization: token ${TOKEN} and ${TOKEN}`,
    });
    const run = await runEntry(envFor('refused', { body: 'Swap the model', labels: [] }, 'fail').env);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(
      '::error::AIMS Lens: could not write the comment on harbor/support-bot#214 (HTTP 403)',
    );
    expect(run.out).not.toContain(TOKEN);
  }, 60_000);

  it('only warns in warn mode', async () => {
    const run = await runEntry(envFor('warn', { body: null, labels: [] }, 'warn').env);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('::warning::');
  }, 60_000);
});
