import { describe, expect, it } from 'vitest';
import type { AiSystem } from '../../../shared/model';
import { nameKey, reconcileInventory, type ReconcileCandidate } from '../../../shared/inventory/reconcile';
import { stored } from '../../support/certification-fixtures';

const REPO = 'https://github.com/acme/platform';

function system(id: string, name: string, extra: Partial<AiSystem> = {}): AiSystem {
  return stored('ai-system', {
    id,
    name,
    purpose: 'p',
    lifecycleStage: 'operation',
    deploymentStatus: 'production',
    inventoryState: 'confirmed',
    inScope: true,
    components: [],
    sources: [],
    tags: [],
    ...extra,
  });
}

function code(id: string, root: string, models: string[] = [], providers: string[] = []): ReconcileCandidate {
  return {
    origin: 'code',
    candidate: {
      id,
      name: id,
      purpose: 'p',
      providers: providers as never[],
      models: models.map((m) => ({ id: m, pinning: 'floating' as const, resolvedFrom: 'literal' })),
      datasets: [],
      evidence: [],
      source: { kind: 'repository', tool: 'github', url: REPO, root },
    },
    evidence: [{ origin: 'code', ref: `${root}/app.py:1`, detail: 'x' }],
  };
}

function ticket(
  key: string,
  name: string,
  opts: { id?: string; models?: string[]; repositories?: string[] } = {},
): ReconcileCandidate {
  return {
    origin: 'jira',
    candidate: {
      id: opts.id ?? `sys-jira-${key.toLowerCase()}`,
      name,
      purpose: 'p',
      providers: [],
      models: (opts.models ?? []).map((m) => ({
        id: m,
        pinning: 'floating' as const,
        resolvedFrom: 'literal',
      })),
      datasets: [],
      evidence: [],
      source: { kind: 'jira-issue', url: `https://x.atlassian.net/browse/${key}`, key },
    },
    repositories: opts.repositories ?? [],
    evidence: [{ origin: 'jira', ref: `${key} changelog 1`, detail: name }],
  };
}

describe('reconcileInventory', () => {
  const bot = system('sys-bot', 'Support Bot', {
    discoveryRoot: 'apps/bot',
    sources: [{ tool: 'github', url: REPO }],
    components: [{ kind: 'model', id: 'gpt-4.1', pinning: 'floating' }],
  });

  it('matches code by the identity rule and leaves a registered system nobody found as undiscovered', () => {
    const r = reconcileInventory(
      [code('sys-apps-bot', 'apps/bot', ['gpt-4.1'])],
      [bot, system('sys-old', 'Old')],
    );
    expect(r.discoveredUnregistered).toEqual([]);
    expect(r.registeredUndiscovered.map((e) => e.id)).toEqual(['sys-old']);
    expect(r.conflicts).toEqual([]);
  });

  it('matches tickets by a linked id, a unique repository link, or a name; an ambiguous repository matches nothing', () => {
    const tagger = code('sys-apps-tagger', 'apps/tagger');
    const r = reconcileInventory(
      [
        tagger,
        ticket('AI-1', 'Bot improvements', { id: 'sys-bot' }),
        ticket('AI-2', 'The Support bot (AI)'),
        ticket('AI-3', 'Something', { repositories: [REPO] }),
      ],
      [bot],
    );
    const byId = Object.fromEntries(r.matched.map((e) => [e.id, e]));
    expect(byId['sys-bot']?.origins).toEqual(['jira']);
    expect(r.discoveredUnregistered.map((e) => e.id).sort()).toEqual(['sys-apps-tagger', 'sys-jira-ai-3']);
    expect(nameKey('The Support bot (AI)')).toBe(nameKey('Support Bot'));
  });

  it('a ticket naming the repository of exactly one new code system joins it', () => {
    const lone = {
      ...code('sys-root', '.'),
      candidate: {
        ...code('sys-root', '.').candidate,
        source: {
          kind: 'repository' as const,
          tool: 'github' as const,
          url: 'https://github.com/acme/solo',
          root: '.',
        },
      },
    };
    const r = reconcileInventory(
      [lone, ticket('AI-9', 'Solo', { repositories: ['https://github.com/acme/solo'] })],
      [],
    );
    expect(r.discoveredUnregistered).toHaveLength(1);
    expect(r.discoveredUnregistered[0]).toMatchObject({ origins: ['code', 'jira'], matchedBy: 'repository' });
  });

  it('contrary models are a conflict with evidence from each side; a side naming fewer is not', () => {
    const contrary = reconcileInventory(
      [
        code('sys-apps-bot', 'apps/bot', ['gpt-4.1']),
        ticket('AI-1', 'x', { id: 'sys-bot', models: ['claude-3-5-sonnet-20241022'] }),
      ],
      [bot],
    );
    expect(contrary.conflicts).toHaveLength(1);
    expect(contrary.conflicts[0]?.evidence.map((e) => e.origin)).toEqual(['register', 'code', 'jira']);
    const fewer = reconcileInventory(
      [code('sys-apps-bot', 'apps/bot', ['gpt-4.1', 'text-embedding-3-small'])],
      [bot],
    );
    expect(fewer.conflicts).toEqual([]);
  });

  it('discovered-unreviewed systems count as not registered; rejected, vanished and retired ones are never undiscovered', () => {
    const r = reconcileInventory(
      [ticket('AI-5', 'New', { id: 'sys-new' })],
      [
        system('sys-new', 'New', { inventoryState: 'discovered-unreviewed', inScope: false }),
        system('sys-rej', 'Rejected', { inventoryState: 'rejected' }),
        system('sys-van', 'Vanished', { inventoryState: 'vanished' }),
        system('sys-ret', 'Retired', { deploymentStatus: 'retired' }),
      ],
    );
    expect(r.discoveredUnregistered.map((e) => e.id)).toEqual(['sys-new']);
    expect(r.registeredUndiscovered).toEqual([]);
  });
});
