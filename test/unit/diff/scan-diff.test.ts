import { describe, expect, it } from 'vitest';
import type { DiscoveredSystem, ModelRef, ScanReport } from '../../../shared/discovery';
import { diffReports } from '../../../shared/discovery/scan-diff';
import { triggerDrafts } from '../../../shared/inventory';
import { Trigger } from '../../../shared/model';

const model = (id: string, extra: Partial<ModelRef> = {}): ModelRef => ({
  id,
  provider: 'openai',
  pinning: 'floating',
  resolvedFrom: 'literal',
  ...extra,
});

const system = (overrides: Partial<DiscoveredSystem> = {}): DiscoveredSystem => ({
  id: 'sys-bot',
  name: 'bot',
  purpose: 'Answers questions',
  root: 'bot',
  providers: ['openai'],
  models: [model('gpt-4o')],
  datasets: [],
  evidence: [
    {
      path: 'bot/main.py',
      line: 1,
      detector: 'code:python:import',
      confidence: 'high',
      snippet: 'import openai',
    },
    {
      path: 'bot/main.py',
      line: 7,
      detector: 'code:python:model-id',
      confidence: 'high',
      snippet: 'model="gpt-4o",',
    },
  ],
  ...overrides,
});

const report = (...systems: DiscoveredSystem[]): ScanReport => ({
  target: '.',
  scannedFiles: 1,
  systems,
  warnings: [],
});

describe('diffReports', () => {
  it('finds nothing when nothing changed', () => {
    expect(diffReports(report(system()), report(system()))).toEqual([]);
  });

  it('reports a swapped model as one model-changed trigger with clauses and evidence', () => {
    const head = system({
      models: [model('gpt-4.1')],
      evidence: [
        { path: 'bot/main.py', line: 7, detector: 'code', confidence: 'high', snippet: 'model="gpt-4.1",' },
      ],
    });
    expect(diffReports(report(system()), report(head))).toEqual([
      {
        type: 'model-changed',
        systemId: 'sys-bot',
        systemName: 'bot',
        root: 'bot',
        before: 'gpt-4o',
        after: 'gpt-4.1',
        detail: 'model gpt-4o → gpt-4.1 (openai)',
        evidence: [head.evidence[0]],
        clauses: ['8.2', '8.4'],
      },
    ]);
  });

  it('reports snapshot → floating alias as a pinning change, not a new model', () => {
    const base = system({ models: [model('gpt-4o-2024-08-06', { pinning: 'snapshot' })] });
    const [trigger, ...rest] = diffReports(report(base), report(system()));
    expect(rest).toEqual([]);
    expect(trigger).toMatchObject({
      type: 'pinning-changed',
      before: 'gpt-4o-2024-08-06 (snapshot, openai)',
      after: 'gpt-4o (floating, openai)',
    });
  });

  it('reports a model whose id stays but whose pinning changes (env default resolved differently)', () => {
    const base = system({ models: [model('gpt-4o', { pinning: 'version', resolvedFrom: 'env:M@.env' })] });
    const head = system({ models: [model('gpt-4o', { pinning: 'floating', resolvedFrom: 'env:M@.env' })] });
    expect(diffReports(report(base), report(head)).map((t) => t.type)).toEqual(['pinning-changed']);
  });

  it('points at the line reading the env var when the model id comes from an env file', () => {
    const viaEnv = (id: string) =>
      system({
        models: [model(id, { pinning: 'snapshot', resolvedFrom: 'env:OPENAI_MODEL@bot/.env.example' })],
        evidence: [
          {
            path: 'bot/main.py',
            line: 1,
            detector: 'code:python:import',
            confidence: 'high',
            snippet: 'import openai',
          },
          {
            path: 'bot/main.py',
            line: 9,
            detector: 'code:python:env-model',
            confidence: 'medium',
            snippet: 'model=os.environ["OPENAI_MODEL"]',
          },
        ],
      });
    const [trigger] = diffReports(report(viaEnv('gpt-4o-2024-08-06')), report(viaEnv('gpt-4.1-2025-04-14')));
    expect(trigger?.type).toBe('model-changed');
    expect(trigger?.evidence.map((e) => `${e.path}:${e.line}`)).toEqual(['bot/main.py:9']);
  });

  it('reports added and removed models and a changed provider set', () => {
    const head = system({
      providers: ['anthropic', 'openai'],
      models: [model('claude-sonnet-4-20250514', { provider: 'anthropic', pinning: 'snapshot' })],
    });
    const triggers = diffReports(report(system()), report(head));
    expect(triggers.map((t) => [t.type, t.before, t.after])).toEqual([
      ['provider-changed', 'openai', 'anthropic, openai'],
      ['model-added', undefined, 'claude-sonnet-4-20250514'],
      ['model-removed', 'gpt-4o', undefined],
    ]);
  });

  it('reports an Azure deployment that now serves the model under another name', () => {
    const azure = (deployment: string) =>
      system({
        providers: ['azure-openai'],
        models: [model('gpt-4o', { provider: 'azure-openai', deployment })],
      });
    const triggers = diffReports(report(azure('chat-v1')), report(azure('chat-v2')));
    expect(triggers.map((t) => [t.type, t.before, t.after])).toEqual([
      ['provider-changed', 'gpt-4o via chat-v1', 'gpt-4o via chat-v2'],
    ]);
  });

  it('reports local model files added, removed and changed by content hash', () => {
    const file = (id: string, hash: string) =>
      model(id, { provider: 'onnxruntime', pinning: 'hash', resolvedFrom: 'file', contentHash: hash });
    const base = system({ models: [file('bot/a.onnx', 'a'.repeat(64)), file('bot/b.onnx', 'b'.repeat(64))] });
    const head = system({
      models: [file('bot/a.onnx', 'c'.repeat(64)), file('bot/new.onnx', 'd'.repeat(64))],
    });
    const triggers = diffReports(report(base), report(head));
    expect(triggers.map((t) => [t.type, t.before, t.after])).toEqual([
      ['model-file-changed', 'bot/a.onnx@aaaaaaaaaaaa', 'bot/a.onnx@cccccccccccc'],
      ['model-file-changed', 'bot/b.onnx', undefined],
      ['model-file-changed', undefined, 'bot/new.onnx'],
    ]);
  });

  it('reports systems that appear and disappear', () => {
    const other = system({ id: 'sys-ranker', name: 'ranker', root: 'ranker' });
    const triggers = diffReports(report(system()), report(other));
    expect(triggers.map((t) => [t.type, t.systemId])).toEqual([
      ['system-disappeared', 'sys-bot'],
      ['system-appeared', 'sys-ranker'],
    ]);
    expect(triggers.every((t) => t.clauses.join() === '8.2,8.4')).toBe(true);
  });
});

describe('triggerDrafts', () => {
  it('makes valid open trigger records with stable ids and evidence in the detail', () => {
    const head = system({ models: [model('gpt-4.1')] });
    const triggers = diffReports(report(system()), report(head));
    const ctx = { today: '2026-11-28', ref: 'aaa..bbb', systemIdFor: () => 'sys-support-bot' };
    const [draft] = triggerDrafts(triggers, ctx);
    expect(draft).toMatchObject({
      kind: 'trigger',
      systemId: 'sys-support-bot',
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      clauses: ['8.2', '8.4'],
      status: 'open',
      source: { tool: 'git', ref: 'aaa..bbb' },
    });
    expect(draft?.detail).toContain('bot/main.py:');
    expect(triggerDrafts(triggers, ctx)[0]?.id).toBe(draft?.id);
    const meta = {
      createdAt: '2026-11-28T09:00:00.000Z',
      updatedAt: '2026-11-28T09:00:00.000Z',
      createdBy: 'a',
      updatedBy: 'a',
      revision: 1,
    };
    expect(Trigger.safeParse({ ...draft, ...meta }).success).toBe(true);
  });
});
