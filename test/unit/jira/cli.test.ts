import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli';
import { CLOUD_SITE, DC_SITE, jiraServer } from '../../support/jira-setup';
import { change, faults, JiraWorld } from '../../support/jira-world';
import { harborWorkspace, reopen, workspaceText } from '../../support/jira-workspace';
import { tempDir } from '../../support/temp';

const server = jiraServer();
const NOW = '2026-11-28T09:00:00.000Z';

beforeEach(() => {
  vi.stubEnv('JIRA_EMAIL', 'ana.silva@harbormutual.example');
  vi.stubEnv('JIRA_API_TOKEN', 'cloud-secret-token');
  vi.stubEnv('JIRA_PAT', 'dc-secret-pat');
});
afterEach(() => vi.unstubAllEnvs());

const aiTickets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `AI-${i + 1}`,
    summary: `AI feature ${i + 1}`,
    description:
      i === 0
        ? 'Claims summariser on Azure OpenAI gpt-4o-2024-08-06 for adjusters'
        : `Planned model work number ${i + 1}`,
    labels: ['ai'],
    changelog: [change(String(1000 + i), '2026-11-01T10:00:00.000+0000', [{ field: 'labels', to: 'ai' }])],
  }));

const jiraSystems = async (register: Awaited<ReturnType<typeof reopen>>) =>
  (await register.list('ai-system'))
    .filter((s) => s.sources.some((l) => l.tool === 'jira'))
    .map((s) => s.id)
    .sort();

describe('aims jira discover', () => {
  it('lists candidates with providers, models and the changelog entry each was read at', async () => {
    server.use(new JiraWorld('cloud', CLOUD_SITE).add(...aiTickets(2)));
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--format', 'json'], { now: NOW });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      candidates: {
        key: string;
        providers: string[];
        models: { id: string }[];
        evidence: { changelogId: string; url: string }[];
      }[];
    };
    expect(out.candidates[0]).toMatchObject({
      key: 'AI-1',
      providers: ['azure-openai'],
      models: [{ id: 'gpt-4o-2024-08-06' }],
    });
    expect(out.candidates[0]?.evidence[0]).toMatchObject({
      changelogId: '1000',
      url: `${CLOUD_SITE}/browse/AI-1`,
    });
    expect(r.err).toMatch(/page 1: 2 issue\(s\)/);
    expect(`${r.out}${r.err}`).not.toMatch(/cloud-secret-token/);
  });

  it('records page by page: a run failing on page 3 keeps pages 1–2, a rerun completes it, nothing twice', async () => {
    const { dir } = await harborWorkspace();
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...aiTickets(7)));
    world.pageCap = 3;
    world.fail({ path: /^\/search\/jql$/, after: 2, times: 1, respond: faults.malformed() });
    const first = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/search issues: Jira answered with a body that is not the expected JSON/);
    expect(await jiraSystems(await reopen(dir))).toEqual([
      'sys-jira-ai-1',
      'sys-jira-ai-2',
      'sys-jira-ai-3',
      'sys-jira-ai-4',
      'sys-jira-ai-5',
      'sys-jira-ai-6',
    ]);
    const second = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /Workspace: 1 new \(awaiting review\), 0 updated, 1 evidence item\(s\) recorded/,
    );
    const systems = await (await reopen(dir)).list('ai-system');
    expect(await jiraSystems(await reopen(dir))).toHaveLength(7);
    const ai1 = systems.find((s) => s.id === 'sys-jira-ai-1');
    expect(ai1).toMatchObject({ inventoryState: 'discovered-unreviewed', inScope: false });
    expect(ai1?.components).toEqual(
      expect.arrayContaining([
        { kind: 'provider', id: 'azure-openai' },
        expect.objectContaining({ kind: 'model', id: 'gpt-4o-2024-08-06' }),
      ]),
    );
    const evidence = (await (await reopen(dir)).list('evidence')).filter((e) =>
      e.title.startsWith('Jira AI-'),
    );
    expect(evidence).toHaveLength(7);
    expect(evidence.find((e) => e.systemIds.includes('sys-jira-ai-1'))).toMatchObject({
      pinnedVersion: '1000',
      url: `${CLOUD_SITE}/browse/AI-1`,
    });
    const third = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(third.out).toMatch(
      /Workspace: 0 new \(awaiting review\), 0 updated, 0 evidence item\(s\) recorded/,
    );
    expect(await workspaceText(dir)).not.toMatch(/cloud-secret-token|dc-secret-pat/);
  });

  it('folds stories into their epic, and reads Data Center with a PAT over startAt pages', async () => {
    const world = server.use(
      new JiraWorld('data-center', DC_SITE).add(
        {
          key: 'CLM-1',
          summary: 'Claims triage assistant',
          description: 'Epic for the triage model on AWS Bedrock',
          labels: ['ai'],
        },
        {
          key: 'CLM-2',
          summary: 'Prompt for anthropic.claude-3-5-sonnet-20240620-v1:0',
          parentKey: 'CLM-1',
          labels: ['ai'],
        },
        {
          key: 'CLM-3',
          summary: 'Evaluate the triage output',
          parentKey: 'CLM-1',
          inSearch: true,
          labels: ['ai'],
        },
      ),
    );
    world.pageCap = 1;
    const r = await runCli(['jira', 'discover', '--url', DC_SITE, '--format', 'json'], { now: NOW });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      candidates: { key: string; providers: string[]; evidence: { issueKey: string }[] }[];
    };
    expect(out.candidates).toHaveLength(1);
    expect(out.candidates[0]?.providers).toEqual(['aws-bedrock']);
    expect(out.candidates[0]?.evidence.map((e) => e.issueKey)).toEqual(['CLM-1', 'CLM-2', 'CLM-3']);
    expect(world.requests.every((q) => q.authorization === 'Bearer dc-secret-pat')).toBe(true);
  });

  it('says which credentials are missing, in one line, without a request', async () => {
    vi.stubEnv('JIRA_API_TOKEN', '');
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE));
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE]);
    expect(r).toMatchObject({
      code: 2,
      err: 'aims jira: Jira Cloud needs JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_API_TOKEN_FILE) in the environment',
    });
    expect(world.requests).toHaveLength(0);
    expect((await runCli(['jira', 'discover', '--url', 'http://jira.example.com'])).err).toMatch(/https/);
    expect((await runCli(['jira', 'frobnicate', '--url', CLOUD_SITE])).code).toBe(2);
  });

  it('a 401 is one line naming the operation, exit 5, and no token in it', async () => {
    server.use(new JiraWorld('cloud', CLOUD_SITE).fail({ path: /./, times: 9, respond: faults.status(401) }));
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE]);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/^aims jira: search issues: Jira refused the credentials \(401\)/);
    expect(r.err).not.toMatch(/secret/);
  });
});

describe('Jira Data Center under a context path', () => {
  it('discovers, links and syncs through <server>/jira/rest/api/2, every address keeping the context path', async () => {
    const site = `${DC_SITE}/jira`;
    const { dir } = await harborWorkspace();
    const world = server.use(
      new JiraWorld('data-center', site).add({
        key: 'CLM-7',
        summary: 'Claims triage on gpt-4o',
        labels: ['ai'],
        changelog: [change('5001', '2026-11-20T10:00:00.000+0000', [{ field: 'status', to: 'In Progress' }])],
      }),
    );
    const discover = await runCli(['jira', 'discover', '--url', `${site}/`, '--format', 'json'], {
      now: NOW,
    });
    expect(discover.code).toBe(0);
    const found = JSON.parse(discover.out) as { site: string; candidates: { url: string }[] };
    expect(found.site).toBe(site);
    expect(found.candidates.map((c) => c.url)).toEqual([`${site}/browse/CLM-7`]);

    const link = await runCli(
      ['jira', 'link', 'CLM-7', '--system', 'sys-claims-triage', '--url', site, '--workspace', dir],
      { now: NOW },
    );
    expect(link.code).toBe(0);
    expect(world.issue('CLM-7').remoteLinks).toHaveLength(1);
    const evidence = (await (await reopen(dir)).list('evidence')).find(
      (e) => e.title === 'Jira CLM-7 linked to AI system sys-claims-triage',
    );
    expect(evidence).toMatchObject({ url: `${site}/browse/CLM-7`, pinnedVersion: '5001' });

    const sync = await runCli(['jira', 'sync', '--url', site, '--workspace', dir], { now: NOW });
    expect(sync.code).toBe(0);
    expect(sync.out).toMatch(/Linked epics: 1 in step/);
    expect(world.requests.length).toBeGreaterThan(4);
    expect(world.requests.every((q) => q.authorization === 'Bearer dc-secret-pat')).toBe(true);
  });
});

describe('aims jira link', () => {
  it('writes the remote link and property, records evidence; linking again updates the same link', async () => {
    const { dir } = await harborWorkspace();
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add({
        key: 'CLM-7',
        summary: 'Claims triage v2',
        changelog: [change('5001', '2026-11-20T10:00:00.000+0000', [{ field: 'status', to: 'In Progress' }])],
      }),
    );
    const args = [
      'jira',
      'link',
      'CLM-7',
      '--system',
      'sys-claims-triage',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
    ];
    const first = await runCli(args, { now: NOW });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Linked CLM-7 → sys-claims-triage \(remote link 1\): risk \w+ · risk assessment \w+/,
    );
    const stored = world.issue('CLM-7');
    expect(stored.remoteLinks).toHaveLength(1);
    expect(stored.remoteLinks[0]).toMatchObject({
      globalId: 'aims-lens:ai-system:sys-claims-triage',
      object: { url: 'https://github.com/harbor-mutual/ai-platform' },
    });
    expect(stored.properties.get('com.aimslens.aims')).toMatchObject({
      version: 1,
      systemId: 'sys-claims-triage',
    });
    const evidence = (await (await reopen(dir)).list('evidence')).find(
      (e) => e.title === 'Jira CLM-7 linked to AI system sys-claims-triage',
    );
    expect(evidence).toMatchObject({
      pinnedVersion: '5001',
      url: `${CLOUD_SITE}/browse/CLM-7`,
      sourceTool: 'jira',
    });
    expect(
      (await (await reopen(dir)).require('ai-system', 'sys-claims-triage')).sources.map((s) => s.url),
    ).toContain(`${CLOUD_SITE}/browse/CLM-7`);

    const again = await runCli(args, { now: NOW });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/The register already held this link/);
    expect(stored.remoteLinks).toHaveLength(1);
  });

  it('refuses an unknown system or an assessment of another system before calling Jira', async () => {
    const { dir } = await harborWorkspace();
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add({ key: 'CLM-7', summary: 's' }));
    const unknown = await runCli([
      'jira',
      'link',
      'CLM-7',
      '--system',
      'sys-nope',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
    ]);
    expect(unknown).toMatchObject({ code: 2, err: "aims jira: no AI system 'sys-nope' in the register" });
    const wrong = await runCli([
      'jira',
      'link',
      'CLM-7',
      '--system',
      'sys-claims-triage',
      '--assessment',
      'ra-sys-fraud-scoring-1',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
    ]);
    expect(wrong.code).toBe(2);
    const bad = await runCli([
      'jira',
      'link',
      '../../x',
      '--system',
      'sys-claims-triage',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
    ]);
    expect(bad.err).toMatch(/not a Jira issue key/);
    expect(world.requests).toHaveLength(0);
  });

  it('a 404 on the epic leaves the register as it was', async () => {
    const { dir } = await harborWorkspace();
    server.use(new JiraWorld('cloud', CLOUD_SITE));
    const before = (await (await reopen(dir)).events()).length;
    const r = await runCli([
      'jira',
      'link',
      'CLM-404',
      '--system',
      'sys-claims-triage',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/write the remote link on CLM-404: not found/);
    expect((await (await reopen(dir)).events()).length).toBe(before);
  });
});

describe('aims jira sync', () => {
  async function linked() {
    const ws = await harborWorkspace();
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add({
        key: 'CLM-7',
        summary: 'Claims triage v2',
        description: 'Triage for UK claims',
        changelog: [change('5001', '2026-11-01T10:00:00.000+0000', [{ field: 'labels', to: 'ai' }])],
      }),
    );
    const r = await runCli(
      ['jira', 'link', 'CLM-7', '--system', 'sys-claims-triage', '--url', CLOUD_SITE, '--workspace', ws.dir],
      { now: NOW },
    );
    expect(r.code).toBe(0);
    return { ...ws, world };
  }

  it('counts only epics that were linked, not tickets that discovery read', async () => {
    const { dir, world } = await linked();
    world.add(...aiTickets(2));
    const discovered = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--workspace', dir], {
      now: NOW,
    });
    expect(discovered.code).toBe(0);
    expect(await jiraSystems(await reopen(dir))).toContain('sys-jira-ai-1');
    const r = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(r.err).toMatch(/jira: 1 linked epic\(s\)/);
    expect(r.err).not.toMatch(/AI-1/);
    expect(r.out).toMatch(/Linked epics: (1 in step, 0|0 in step, 1) written again/);
    expect(r.code).toBe(0);
  });

  it('reads the property back: in step is left alone, a drifted one is written again', async () => {
    const { dir, world } = await linked();
    const inStep = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(inStep.out).toMatch(/Linked epics: 1 in step, 0 written again/);
    world.issue('CLM-7').properties.set('com.aimslens.aims', {
      version: 1,
      systemId: 'sys-claims-triage',
      systemName: 'x',
      riskAssessment: 'current',
      impactAssessment: 'current',
      globalId: 'g',
      riskLevel: 'low',
    });
    const drifted = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(drifted.err).toMatch(/CLM-7: property drifted \(/);
    expect(drifted.out).toMatch(/1 written again \(CLM-7\)/);
    expect(world.issue('CLM-7').properties.get('com.aimslens.aims')).toMatchObject({
      globalId: 'aims-lens:ai-system:sys-claims-triage',
    });
    world.issue('CLM-7').remoteLinks.length = 0;
    await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], { now: NOW });
    expect(world.issue('CLM-7').remoteLinks).toHaveLength(1);
  });

  it('turns new changelog entries into triggers with the entry as evidence, once', async () => {
    const { dir, world } = await linked();
    world.issue('CLM-7').seed.changelog?.push(
      change('5002', '2026-11-29T10:00:00.000+0000', [{ field: 'labels', from: 'ai', to: 'ai gdpr' }]),
      change('5003', '2026-11-29T11:00:00.000+0000', [
        {
          field: 'description',
          from: 'Triage for UK claims',
          to: 'Triage for UK and EU claims, using the claims data warehouse',
        },
      ]),
      change('5004', '2026-11-29T12:00:00.000+0000', [
        { field: 'status', from: 'In Progress', to: 'Released' },
      ]),
    );
    const r = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], {
      now: '2026-11-29T13:00:00.000Z',
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Reassessment triggers: 4 new/);
    const triggers = (await (await reopen(dir)).list('trigger')).filter((t) => t.source.tool === 'jira');
    expect(triggers.map((t) => `${t.type} ${t.source.ref}`).sort()).toEqual([
      'context-changed CLM-7#changelog-5002',
      'context-changed CLM-7#changelog-5003',
      'data-source-changed CLM-7#changelog-5003',
      'reached-production CLM-7#changelog-5004',
    ]);
    expect(triggers.find((t) => t.type === 'data-source-changed')?.detail).toMatch(
      /mentions claims data, data warehouse \(rule data-source\)/,
    );
    expect(triggers.every((t) => t.systemId === 'sys-claims-triage' && t.status === 'open')).toBe(true);
    const pinned = (await (await reopen(dir)).list('evidence')).filter((e) =>
      e.title.startsWith('Jira CLM-7 changelog'),
    );
    expect(pinned.map((e) => e.pinnedVersion).sort()).toEqual(['5002', '5003', '5004']);
    const again = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir], {
      now: '2026-11-29T14:00:00.000Z',
    });
    expect(again.out).toMatch(/Reassessment triggers: 0 new/);
  });

  it('the link day’s history raises nothing; custom rules from a file replace the defaults, and a bad rule is named', async () => {
    const { dir, world } = await linked();
    const { writeFile } = await import('node:fs/promises');
    const rules = join(tempDir('jira-rules'), 'rules.yaml');
    await writeFile(
      rules,
      'rules:\n  - id: risk-field\n    type: context-changed\n    fields: [customfield_10042]\n',
    );
    world
      .issue('CLM-7')
      .seed.changelog?.push(
        change('6001', '2026-11-29T10:00:00.000+0000', [
          { field: 'customfield_10042', from: 'low', to: 'high' },
        ]),
      );
    const r = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir, '--rules', rules], {
      now: '2026-11-29T13:00:00.000Z',
    });
    expect(r.out).toMatch(/Reassessment triggers: 1 new/);
    await writeFile(rules, 'rules:\n  - id: Bad Id\n    type: context-changed\n    fields: [labels]\n');
    const bad = await runCli(['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir, '--rules', rules]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/rule 0\.id: lower-case letters, digits and dashes/);
  });

  it('remediation round-trip: issue per open action and treatment, key kept, done → implemented / done', async () => {
    const { dir, world } = await linked();
    const args = [
      'jira',
      'sync',
      '--url',
      CLOUD_SITE,
      '--workspace',
      dir,
      '--project',
      'AIMS',
      '--issue-type',
      'Task',
    ];
    const first = await runCli(args, { now: NOW });
    expect(first.out).toMatch(
      /Remediation: 2 issue\(s\) created, 0 found again, 0 record\(s\) moved on, 0 failed/,
    );
    const action = await (await reopen(dir)).require('corrective-action', 'ca-2026-1-1');
    const treatment = await (await reopen(dir)).require('treatment', 'tr-sys-fraud-scoring-log-retention');
    expect(action.jiraKey).toMatch(/^AIMS-\d$/);
    expect(treatment.jiraKey).toMatch(/^AIMS-\d$/);
    const created = world.requests.filter((q) => q.method === 'POST' && q.path === '/issue');
    expect(
      created.map(
        (q) =>
          (q.body as { fields: { issuetype: { name: string }; labels: string[] } }).fields.issuetype.name,
      ),
    ).toEqual(['Task', 'Task']);

    world.setStatus(action.jiraKey ?? '', { name: 'Done', category: 'done' });
    world.setStatus(treatment.jiraKey ?? '', { name: 'Done', category: 'done' });
    const second = await runCli(args, { now: NOW });
    expect(second.out).toMatch(/0 issue\(s\) created, 0 found again, 2 record\(s\) moved on/);
    expect(await (await reopen(dir)).require('corrective-action', 'ca-2026-1-1')).toMatchObject({
      status: 'done',
      jiraKey: action.jiraKey,
    });
    const implemented = await (await reopen(dir)).require('treatment', 'tr-sys-fraud-scoring-log-retention');
    expect(implemented).toMatchObject({ status: 'implemented', jiraKey: treatment.jiraKey });
    expect(implemented.effectiveness).toBeUndefined();
    const events = (await (await reopen(dir)).events()).filter((e) =>
      e.cause.includes('effectiveness check pending'),
    );
    expect(events.map((e) => e.action)).toEqual(['transition', 'transition']);
    const third = await runCli(args, { now: NOW });
    expect(third.out).toMatch(/0 issue\(s\) created, 0 found again, 0 record\(s\) moved on/);
  });

  it('a create that failed halfway is completed by a rerun, and an issue whose key was lost is found again by label', async () => {
    const { dir, world } = await linked();
    world.fail({ method: 'POST', path: /^\/issue$/, after: 1, times: 1, respond: faults.status(400) });
    const first = await runCli(
      ['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir, '--project', 'AIMS'],
      { now: NOW },
    );
    expect(first.code).toBe(3);
    expect(first.out).toMatch(/1 issue\(s\) created, 0 found again, 0 record\(s\) moved on, 1 failed/);
    const kept = (await (await reopen(dir)).require('corrective-action', 'ca-2026-1-1')).jiraKey;
    expect(kept).toBe('AIMS-1');
    // Simulate a run that created the treatment's issue in Jira but died before recording the key.
    world.add({
      key: 'AIMS-9',
      summary: 'orphan',
      labels: ['aims-remediation', 'aims-tr-sys-fraud-scoring-log-retention'],
      inSearch: false,
    });
    const second = await runCli(
      ['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir, '--project', 'AIMS'],
      { now: NOW },
    );
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/0 issue\(s\) created, 1 found again/);
    expect(
      (await (await reopen(dir)).require('treatment', 'tr-sys-fraud-scoring-log-retention')).jiraKey,
    ).toBe('AIMS-9');
    expect((await (await reopen(dir)).require('corrective-action', 'ca-2026-1-1')).jiraKey).toBe('AIMS-1');
  });
});

describe('default JQL', () => {
  it('falls back to the label clause when the site rejects the default for a missing component', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...aiTickets(2)));
    world.fail({
      path: /^\/search\/jql$/,
      times: 1,
      respond: () =>
        Response.json(
          { errorMessages: ["The value 'AI' does not exist for the field 'component'."], errors: {} },
          { status: 400 },
        ),
    });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /rejected the default JQL .*does not exist for the field 'component'.*; searching by AI labels only/,
    );
    const jqls = world.requests
      .filter((q) => q.path === '/search/jql')
      .map((q) => (q.body as { jql: string }).jql);
    expect(jqls[0]).toMatch(/component in \(AI, ML\)/);
    expect(jqls[1]).toBe('labels in (ai, ml, genai, llm, "ai-system", "machine-learning") ORDER BY key ASC');
    expect((JSON.parse(r.out) as { candidates: unknown[] }).candidates).toHaveLength(2);
  });

  it('never rewrites a JQL the user gave', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE));
    world.fail({ path: /^\/search\/jql$/, times: 1, respond: faults.status(400) });
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE, '--jql', 'component = Nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/search issues: Jira rejected the request \(400\)/);
    expect(world.requests).toHaveLength(1);
  });
});

describe('terminal safety', () => {
  it('prints ticket text without escape sequences or bidi overrides', async () => {
    server.use(
      new JiraWorld('cloud', CLOUD_SITE).add({
        key: 'AI-1',
        summary: 'Evil \u001b[2J\u001b]0;pwned\u0007 bot \u202eeman',
        labels: ['ai'],
      }),
    );
    const r = await runCli(['jira', 'discover', '--url', CLOUD_SITE]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Evil');
    expect([...r.out].some((ch) => ['\u001b', '\u0007', '\u202e'].includes(ch))).toBe(false);
  });
});
