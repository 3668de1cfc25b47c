// The register keeps what discovery knows of a model's identity (its version) and what only a reviewer
// knows (models recorded by hand, outside the repository) across rescans.
import { describe, expect, it } from 'vitest';
import type { DiscoveredSystem } from '../../../shared/discovery';
import { candidatesFromReport, planInventory } from '../../../shared/inventory';
import type { AiSystem } from '../../../shared/model';

const REPO = 'https://github.com/acme/claims';
const ctx = {
  today: '2026-11-29',
  now: '2026-11-29T12:00:00.000Z',
  scope: { tool: 'github' as const, url: REPO, rootPrefix: '' },
  pinnedVersion: 'a'.repeat(40),
  evidenceFiles: {},
};

const discovered: DiscoveredSystem = {
  id: 'sys-root',
  name: 'claims',
  purpose: 'p',
  root: '.',
  providers: ['azure-openai'],
  models: [
    {
      id: 'gpt-4o',
      provider: 'azure-openai',
      pinning: 'snapshot',
      version: '2024-08-06',
      resolvedFrom: 'config',
      deployment: 'chat',
    },
  ],
  datasets: [],
  evidence: [],
};

function known(components: AiSystem['components']): AiSystem {
  return {
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'a',
    updatedBy: 'a',
    revision: 1,
    kind: 'ai-system',
    id: 'sys-root',
    name: 'claims',
    purpose: 'p',
    lifecycleStage: 'operation',
    deploymentStatus: 'production',
    inventoryState: 'confirmed',
    inScope: true,
    components,
    sources: [{ tool: 'github', url: REPO }],
    discoveryRoot: '.',
    tags: [],
  };
}

describe('register models after a scan', () => {
  it('records the model version discovery found', () => {
    const plan = planInventory(
      candidatesFromReport([discovered], { tool: 'github', url: REPO }, ''),
      { systems: [], evidence: [] },
      ctx,
    );
    const draft = plan.changes[0]?.draft as { components?: unknown[] } | undefined;
    expect(draft?.components).toContainEqual(
      expect.objectContaining({ kind: 'model', id: 'gpt-4o', version: '2024-08-06' }),
    );
  });

  it('keeps a reviewed model recorded by hand, and drops a discovered one that is gone', () => {
    const existing = known([
      { kind: 'model', id: 'claims-finetune-v3', provider: 'azure-openai', pinning: 'version' },
      {
        kind: 'model',
        id: 'gpt-35-turbo',
        provider: 'azure-openai',
        pinning: 'floating',
        resolvedFrom: 'config',
      },
    ]);
    const plan = planInventory(
      candidatesFromReport([discovered], { tool: 'github', url: REPO }, ''),
      { systems: [existing], evidence: [] },
      ctx,
    );
    const draft = plan.changes[0]?.draft as { components?: Array<{ kind: string; id: string }> } | undefined;
    const models = (draft?.components ?? []).filter((c) => c.kind === 'model').map((c) => c.id);
    expect(models.sort()).toEqual(['claims-finetune-v3', 'gpt-4o']);
  });
});
