// What one bad ticket, one failing epic or a talkative server must not do: abort a whole discovery or
// sync, lose a link whose Jira side was deleted, or put a credential on the terminal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import { runCli } from '../../support/cli';
import { CLOUD_SITE, DC_SITE, jiraServer } from '../../support/jira-setup';
import { change, faults, JiraWorld } from '../../support/jira-world';
import { harborWorkspace, reopen } from '../../support/jira-workspace';
import { secretsOf } from '../../../connectors/jira/errors';
import { redactSecrets } from '../../../connectors/redact';

const server = jiraServer();
const NOW = '2026-11-28T09:00:00.000Z';
const EMAIL = 'ana.silva@harbormutual.example';
const TOKEN = 'cloud-secret-token';
const PAT = 'dc-secret-pat';
const BASIC = Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64');

beforeEach(() => {
  vi.stubEnv('JIRA_EMAIL', EMAIL);
  vi.stubEnv('JIRA_API_TOKEN', TOKEN);
  vi.stubEnv('JIRA_PAT', PAT);
});
afterEach(() => vi.unstubAllEnvs());

const tickets = (...keys: string[]) =>
  keys.map((key) => ({
    key,
    summary: `AI feature ${key}`,
    description: 'Summariser on Azure OpenAI gpt-4o',
    labels: ['ai'],
    changelog: [change(`9${key.slice(3)}`, '2026-11-01T10:00:00.000+0000', [{ field: 'labels', to: 'ai' }])],
  }));

const jiraSystemIds = async (dir: string) =>
  (await (await reopen(dir)).list('ai-system'))
    .filter((s) => s.sources.some((l) => l.tool === 'jira'))
    .map((s) => s.id)
    .sort();

describe('aims jira discover: a malformed ticket is reported and skipped', () => {
  it('in a search page: the other tickets of the page are read and recorded; exit 3 (partial)', async () => {
    const { dir } = await harborWorkspace();
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...tickets('AI-1', 'AI-2', 'AI-3')));
    world.fail({
      path: /^\/search\/jql$/,
      times: 1,
      // AI-2 arrives with a number for a summary and no id: not an issue the connector can read.
      respond: () =>
        HttpResponse.json({
          issues: [
            world.cloudIssue('AI-1'),
            { key: 'AI-2', fields: { summary: 42 } },
            world.cloudIssue('AI-3'),
          ],
        }),
    });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/jira: AI-2: skipped, search issues: /);
    expect(r.err).toMatch(/1 malformed ticket\(s\) skipped: AI-2/);
    expect(await jiraSystemIds(dir)).toEqual(['sys-jira-ai-1', 'sys-jira-ai-3']);
  });

  it("in a ticket's changelog: that ticket is left out, the rest recorded; JSON output lists it", async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...tickets('AI-1', 'AI-2')));
    world.fail({
      path: /^\/issue\/AI-1\/changelog$/,
      times: 1,
      respond: () => HttpResponse.json({ values: [{ id: 7, items: 'labels' }], isLast: true }),
    });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--format', 'json'], { now: NOW });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.out) as { candidates: { key: string }[]; skipped: { key: string }[] };
    expect(out.candidates.map((c) => c.key)).toEqual(['AI-2']);
    expect(out.skipped).toEqual([
      { key: 'AI-1', reason: expect.stringMatching(/^read the changelog of AI-1: /) as unknown },
    ]);
  });

  it('a page that is not JSON at all still stops the run (exit 1): that is not one ticket', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...tickets('AI-1')));
    world.fail({ path: /^\/search\/jql$/, times: 1, respond: faults.malformed() });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE], { now: NOW });
    expect(r.code).toBe(1);
  });
});

describe('aims jira sync: one failing epic is reported and skipped', () => {
  async function twoLinked() {
    const { dir } = await harborWorkspace();
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add(
        { key: 'CLM-7', summary: 'Claims triage v2', changelog: [] },
        { key: 'FRD-3', summary: 'Fraud scoring v4', changelog: [] },
      ),
    );
    for (const [key, system] of [
      ['CLM-7', 'sys-claims-triage'],
      ['FRD-3', 'sys-fraud-scoring'],
    ] as const) {
      const r = await runCli(
        ['jira', 'link', key, '--system', system, '--url', CLOUD_SITE, '--workspace', dir],
        { now: NOW },
      );
      expect(r.code).toBe(0);
    }
    return { dir, world };
  }

  it('a 403 on one epic: the other is still checked, the failure listed, exit 3; a rerun completes', async () => {
    const { dir, world } = await twoLinked();
    world.issue('FRD-3').properties.delete('com.aimslens.aims');
    world.fail({ path: /^\/issue\/CLM-7\/properties\//, times: 1, respond: faults.status(403) });
    const args = ['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir];
    const first = await runCli(args, { now: NOW });
    expect(first.code).toBe(3);
    expect(first.err).toMatch(/jira: CLM-7: property check failed, skipped: .*\(403\)/);
    expect(first.out).toMatch(/Linked epics: 0 in step, 1 written again \(FRD-3\)/);
    expect(first.out).toMatch(/Skipped \(will be tried again next run\): 1\n {2}CLM-7 \(property check\): /);
    expect(world.issue('FRD-3').properties.get('com.aimslens.aims')).toMatchObject({
      systemId: 'sys-fraud-scoring',
    });
    const second = await runCli(args, { now: NOW });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Linked epics: 2 in step, 0 written again/);
  });

  it('refused credentials stop the run at once (exit 5): every epic would fail the same way', async () => {
    const { dir, world } = await twoLinked();
    world.fail({ path: /^\/issue\//, times: 10, respond: faults.status(401) });
    const before = world.requests.length;
    const r = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(r.code).toBe(5);
    expect(r.err).toMatch(
      /Jira refused the credentials \(401\).*; nothing more was sent with these credentials$/,
    );
    // The first epic's first request was refused; the run asked nothing more.
    expect(world.requests.slice(before)).toHaveLength(1);
  });
});

describe('a linked epic whose remote link was deleted in Jira is linked again', () => {
  it('to the address given at link time (stored with the link), not a guess', async () => {
    const { dir } = await harborWorkspace();
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add({ key: 'CLM-7', summary: 'Claims triage v2', changelog: [] }),
    );
    const record = 'https://aims.harbormutual.example/systems/sys-claims-triage';
    const linked = await runCli(
      [
        'jira',
        'link',
        'CLM-7',
        '--system',
        'sys-claims-triage',
        '--record-url',
        record,
        '--url',
        CLOUD_SITE,
        '--workspace',
        dir,
      ],
      { now: NOW },
    );
    expect(linked.code).toBe(0);
    const system = await (await reopen(dir)).require('ai-system', 'sys-claims-triage');
    expect(system.sources.find((s) => s.url === `${CLOUD_SITE}/browse/CLM-7`)).toEqual({
      tool: 'jira',
      url: `${CLOUD_SITE}/browse/CLM-7`,
      label: 'Jira epic linked to its assessment',
      target: record,
    });
    // Someone deletes the link in Jira; the system's first web source is its repository, not the record.
    world.issue('CLM-7').remoteLinks.length = 0;
    const r = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/CLM-7: remote link missing; writing the register's status again/);
    expect(world.issue('CLM-7').remoteLinks).toEqual([
      expect.objectContaining({
        globalId: 'aims-lens:ai-system:sys-claims-triage',
        object: expect.objectContaining({ url: record }) as unknown,
      }),
    ]);
  });
});

describe('Jira error lines never show a credential, even when the server echoes it', () => {
  it('Cloud: a 401 whose body repeats the Authorization header, the email and the token', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...tickets('AI-1')));
    world.fail({
      path: /^\/search\/jql$/,
      times: 1,
      respond: (seen) =>
        HttpResponse.json(
          {
            errorMessages: [`Rejected Authorization: ${seen.authorization ?? ''}`],
            errors: { account: `${EMAIL} with token ${TOKEN} (${encodeURIComponent(EMAIL)})` },
          },
          { status: 401 },
        ),
    });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--jql', 'labels = ai'], { now: NOW });
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/Jira refused the credentials \(401\)/);
    expect(r.err).toContain('Rejected Authorization: [redacted]');
    expect(r.err).toContain('account: [redacted] with token [redacted] ([redacted])');
    for (const secret of [TOKEN, EMAIL, BASIC, encodeURIComponent(EMAIL)])
      expect(r.err).not.toContain(secret);
  });

  it('Data Center: a PAT echoed in a 400, and in the retry line of a 429', async () => {
    const world = server.use(new JiraWorld('data-center', DC_SITE).add(...tickets('AI-1')));
    world.fail({
      path: /^\/search$/,
      times: 1,
      respond: (seen) =>
        HttpResponse.json(
          { errorMessages: [`slow down, ${seen.authorization ?? ''}`], errors: {} },
          { status: 429, headers: { 'retry-after': '0' } },
        ),
    });
    world.fail({
      path: /^\/search$/,
      times: 1,
      respond: (seen) =>
        HttpResponse.json(
          { errorMessages: [`bad query from ${seen.authorization ?? ''}`], errors: {} },
          { status: 400 },
        ),
    });
    const r = await runCli(['jira', 'discover', '--url', DC_SITE, '--jql', 'labels = ai'], { now: NOW });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/retrying in 0s/);
    expect(r.err).toContain('bad query from Bearer [redacted]');
    expect(r.err).not.toContain(PAT);
  });

  it('redactSecrets: longest first, URL-encoded forms too, and never a short secret', () => {
    const secrets = secretsOf({ kind: 'api-token', email: 'a.b@c.example', apiToken: 'tok-123456' });
    expect(redactSecrets('a.b@c.example:tok-123456 / a.b%40c.example / tok-123456', secrets)).toBe(
      '[redacted] / [redacted] / [redacted]',
    );
    expect(redactSecrets('the abc of it', ['abc'])).toBe('the abc of it');
  });
});
