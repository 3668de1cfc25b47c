// One inventory identity, one merge plan, one apply step — for code, Jira and SharePoint sources alike.
import { describe, expect, it } from 'vitest';
import { syncDiscovery, type DiscoveryBatch } from '../../../connectors/contract';
import { diffReports } from '../../../shared/discovery/scan-diff';
import type { DiscoveredSystem, ScanReport } from '../../../shared/discovery';
import {
  CandidateSource,
  applyInventoryPlan,
  candidatesFromReport,
  identifySystem,
  planInventory,
  type SystemCandidate,
} from '../../../shared/inventory';
import { TRIGGER_CLAUSES, TriggerType, type AiSystem } from '../../../shared/model';
import { triggerDraft } from '../../../shared/processes/trigger-lifecycle';
import { createMemoryBackend, createRegister } from '../../../shared/register';

const REPO = 'https://github.com/acme/bot';
const META = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'a',
  updatedBy: 'a',
  revision: 1,
};

function system(id: string, extra: Partial<AiSystem> = {}): AiSystem {
  return {
    ...META,
    kind: 'ai-system',
    id,
    name: id,
    purpose: 'p',
    lifecycleStage: 'operation',
    deploymentStatus: 'production',
    inventoryState: 'confirmed',
    inScope: true,
    components: [],
    sources: [],
    tags: [],
    ...extra,
  };
}

function discovered(id: string, root: string, extra: Partial<DiscoveredSystem> = {}): DiscoveredSystem {
  return {
    id,
    name: root,
    purpose: '',
    root,
    providers: ['openai'],
    models: [],
    datasets: [],
    evidence: [],
    ...extra,
  };
}

const repoCandidate = (id: string, root: string, url = REPO): SystemCandidate => ({
  ...candidatesFromReport([discovered(id, root)], { tool: 'github', url }, '')[0]!,
});

const ctx = (rootPrefix?: string) => ({
  today: '2026-11-29',
  now: '2026-11-29T12:00:00.000Z',
  scope: { tool: 'github' as const, url: REPO, ...(rootPrefix !== undefined ? { rootPrefix } : {}) },
  pinnedVersion: 'a'.repeat(40),
  evidenceFiles: {},
});

describe('identifySystem', () => {
  const linked = (root: string) => ({
    sources: [{ tool: 'github' as const, url: REPO }],
    discoveryRoot: root,
  });

  it('finds the system of the same repository at the same root, whatever its id', () => {
    const systems = [system('sys-chat', linked('apps/bot')), system('sys-apps-bot')];
    expect(identifySystem(repoCandidate('sys-apps-bot', 'apps/bot'), systems)?.id).toBe('sys-chat');
  });

  it('falls back to the id only when no other source claims that system', () => {
    const manual = [system('sys-apps-bot')];
    expect(identifySystem(repoCandidate('sys-apps-bot', 'apps/bot'), manual)?.id).toBe('sys-apps-bot');
    const elsewhere = [
      system('sys-apps-bot', {
        sources: [{ tool: 'github', url: 'https://github.com/acme/other' }],
        discoveryRoot: 'apps/bot',
      }),
    ];
    expect(identifySystem(repoCandidate('sys-apps-bot', 'apps/bot'), elsewhere)).toBeUndefined();
  });

  it('never matches a system claimed by another candidate of the same merge', () => {
    const systems = [system('sys-chat', linked('apps/bot'))];
    expect(identifySystem(repoCandidate('x', 'apps/bot'), systems, new Set(['sys-chat']))).toBeUndefined();
  });

  it('matches Jira issues and SharePoint items by their link', () => {
    const issue = 'https://acme.atlassian.net/browse/AI-7';
    const systems = [system('sys-claims', { sources: [{ tool: 'jira', url: issue }] })];
    const candidate = { id: 'jira-ai-7', source: { kind: 'jira-issue' as const, url: issue, key: 'AI-7' } };
    expect(identifySystem(candidate, systems)?.id).toBe('sys-claims');
  });
});

describe('candidate sources', () => {
  it('accept the three source kinds and refuse hostile or malformed ones with a clear error', () => {
    expect(
      CandidateSource.safeParse({ kind: 'repository', tool: 'github', url: REPO, root: 'apps/bot' }).success,
    ).toBe(true);
    expect(
      CandidateSource.safeParse({
        kind: 'jira-issue',
        url: 'https://acme.atlassian.net/browse/AI-7',
        key: 'AI-7',
      }).success,
    ).toBe(true);
    expect(
      CandidateSource.safeParse({
        kind: 'sharepoint-item',
        url: 'https://acme.sharepoint.com/x',
        siteId: 's',
        itemId: 'i',
      }).success,
    ).toBe(true);
    for (const bad of [
      { kind: 'jira-issue', url: 'javascript:alert(1)', key: 'AI-7' },
      { kind: 'jira-issue', url: 'https://acme.atlassian.net/browse/AI-7', key: 'AI-7; DROP' },
      { kind: 'repository', tool: 'ftp', url: REPO, root: '.' },
      { kind: 'sharepoint-item', url: 'https://acme.sharepoint.com/x', siteId: '', itemId: 'i' },
      { kind: 'email', url: REPO },
      null,
    ]) {
      const parsed = CandidateSource.safeParse(bad);
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error?.issues.length ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('planInventory', () => {
  it('returns the identity map: known systems by their register id, new ones by theirs', () => {
    const existing = [
      system('sys-chat', { sources: [{ tool: 'github', url: REPO }], discoveryRoot: 'apps/bot' }),
      system('sys-root'),
    ];
    const plan = planInventory(
      [repoCandidate('sys-apps-bot', 'apps/bot'), repoCandidate('sys-root', '.', REPO)],
      {
        systems: existing.slice(0, 1).concat(
          system('sys-root', {
            sources: [{ tool: 'github', url: 'https://github.com/acme/other' }],
            discoveryRoot: '.',
          }),
        ),
        evidence: [],
      },
      ctx(''),
    );
    expect(plan.identity['sys-apps-bot']).toBe('sys-chat');
    // Another repository already has a system at its root: the new one's id gets this source's hash.
    expect(plan.identity['sys-root']).toMatch(/^sys-root-[0-9a-f]{8}$/);
    expect(plan.added).toEqual([plan.identity['sys-root']]);
  });

  it('adds a Jira candidate unreviewed and out of scope, linked to its issue, and never vanishes it', () => {
    const issue = 'https://acme.atlassian.net/browse/AI-7';
    const candidate: SystemCandidate = {
      id: 'sys-ai-7',
      name: 'Claims triage',
      purpose: 'Routes claims',
      providers: [],
      models: [],
      datasets: [],
      evidence: [],
      source: { kind: 'jira-issue', url: issue, key: 'AI-7' },
    };
    const plan = planInventory(
      [candidate],
      { systems: [], evidence: [] },
      { ...ctx(), scope: { tool: 'jira', url: 'https://acme.atlassian.net' } },
    );
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]?.draft).toMatchObject({
      id: 'sys-ai-7',
      inventoryState: 'discovered-unreviewed',
      inScope: false,
      sources: [{ tool: 'jira', url: issue }],
    });
    expect(plan.changes[0]?.draft).not.toHaveProperty('discoveryRoot');
    expect(plan.vanished).toEqual([]);
  });
});

describe('the apply step', () => {
  const register = () => createRegister(createMemoryBackend(), { clock: () => '2026-11-29T12:00:00.000Z' });

  it('writes a plan in one transaction and nothing for an empty plan', async () => {
    const reg = register();
    const plan = planInventory([repoCandidate('sys-bot', 'bot')], { systems: [], evidence: [] }, ctx(''));
    await applyInventoryPlan(reg, plan, { actor: 'aims-github', cause: 'test' });
    expect((await reg.list('ai-system')).map((s) => s.id)).toEqual(['sys-bot']);
    const events = (await reg.events()).length;
    const again = planInventory(
      [repoCandidate('sys-bot', 'bot')],
      { systems: await reg.list('ai-system'), evidence: [] },
      ctx(''),
    );
    await applyInventoryPlan(reg, again, { actor: 'aims-github', cause: 'test' });
    expect((await reg.events()).length).toBe(events);
  });

  it('leaves the register as it was when a change is invalid', async () => {
    const reg = register();
    const plan = planInventory([repoCandidate('sys-bot', 'bot')], { systems: [], evidence: [] }, ctx(''));
    const broken = {
      ...plan,
      changes: [...plan.changes, { ...plan.changes[0]!, draft: { ...plan.changes[0]!.draft, name: '' } }],
    };
    await expect(applyInventoryPlan(reg, broken as typeof plan, { actor: 'a', cause: 'c' })).rejects.toThrow(
      /name/,
    );
    expect(await reg.list('ai-system')).toEqual([]);
  });

  it('lets a connector write only through syncDiscovery: candidates, evidence and triggers on the right system', async () => {
    const reg = register();
    const batch: DiscoveryBatch = {
      scope: { tool: 'github', url: REPO, rootPrefix: '' },
      candidates: [repoCandidate('sys-bot', 'bot')],
      pinnedVersion: 'b'.repeat(40),
      evidenceFiles: {},
      evidence: [],
      triggers: [
        {
          ...triggerDraft({
            systemId: 'x',
            type: 'model-changed',
            detail: 'gpt-4o → gpt-4.1',
            raisedOn: '2026-11-29',
            source: { tool: 'github', ref: 'pr/1' },
          }),
          id: 'trg-1',
          candidateId: 'sys-bot',
        },
      ].map(({ systemId: _drop, ...rest }) => rest),
    };
    const first = await syncDiscovery(reg, batch, {
      actor: 'aims-github',
      cause: 'pull request 1',
      now: new Date('2026-11-29T12:00:00Z'),
    });
    expect(first.plan.added).toEqual(['sys-bot']);
    expect(first.triggers).toEqual(['trg-1']);
    expect((await reg.get('trigger', 'trg-1'))?.systemId).toBe('sys-bot');
    const second = await syncDiscovery(reg, batch, {
      actor: 'aims-github',
      cause: 'pull request 1',
      now: new Date('2026-11-29T12:00:00Z'),
    });
    expect(second).toMatchObject({ evidence: [], triggers: [], plan: { changes: [] } });
  });
});

describe('the trigger → clause table', () => {
  it('covers every trigger type with 8.2, and 8.4 for all but a pinning change', () => {
    for (const type of TriggerType.options) {
      expect(TRIGGER_CLAUSES[type][0], type).toBe('8.2');
      expect((TRIGGER_CLAUSES[type] as readonly string[]).includes('8.4'), type).toBe(
        type !== 'pinning-changed',
      );
    }
  });

  it('is what aims diff and a recorded trigger both use', () => {
    const report = (model: string, pinning: 'snapshot' | 'floating'): ScanReport => ({
      target: 't',
      scannedFiles: 1,
      warnings: [],
      systems: [
        discovered('sys-bot', 'bot', {
          models: [{ id: model, provider: 'openai', pinning, resolvedFrom: 'literal' }],
        }),
      ],
    });
    const [pinning] = diffReports(report('gpt-4o-2024-08-06', 'snapshot'), report('gpt-4o', 'floating'));
    expect(pinning?.type).toBe('pinning-changed');
    const recorded = triggerDraft({
      systemId: 'sys-bot',
      type: 'pinning-changed',
      detail: 'd',
      raisedOn: '2026-11-29',
      source: { tool: 'manual', ref: 'x' },
    });
    expect(pinning?.clauses).toEqual(['8.2']);
    expect(recorded.clauses).toEqual(pinning?.clauses);
    const gone = diffReports(report('gpt-4o', 'floating'), {
      ...report('gpt-4o', 'floating'),
      systems: [],
    })[0];
    expect(gone?.clauses).toEqual(
      triggerDraft({
        systemId: 's',
        type: 'system-disappeared',
        detail: 'd',
        raisedOn: '2026-11-29',
        source: { tool: 'manual', ref: 'x' },
      }).clauses,
    );
  });
});
