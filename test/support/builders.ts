// Small valid drafts for tests; override what a test cares about.
import type { Draft } from '../../shared/model';

export function systemDraft(overrides: Partial<Draft<'ai-system'>> = {}): Draft<'ai-system'> {
  return {
    kind: 'ai-system',
    id: 'sys-support-bot',
    name: 'Support bot',
    purpose: 'Answers customer questions',
    lifecycleStage: 'operation',
    deploymentStatus: 'production',
    inventoryState: 'confirmed',
    inScope: true,
    components: [{ kind: 'model', id: 'gpt-4o', provider: 'openai', pinning: 'floating' }],
    sources: [],
    tags: [],
    ...overrides,
  };
}

export function triggerDraft(overrides: Partial<Draft<'trigger'>> = {}): Draft<'trigger'> {
  return {
    kind: 'trigger',
    id: 'trg-1',
    systemId: 'sys-support-bot',
    type: 'model-changed',
    before: 'gpt-4o',
    after: 'gpt-4.1',
    detail: 'model swapped',
    clauses: ['8.2', '8.4'],
    raisedOn: '2026-01-10',
    source: { tool: 'github', ref: 'acme/bot#12' },
    status: 'open',
    ...overrides,
  };
}

/** A clock that advances one second per call, from a fixed start. */
export function steppingClock(start = '2026-01-01T00:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t).toISOString();
    t += 1000;
    return now;
  };
}
