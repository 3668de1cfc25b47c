// Acceptance: `aims reconcile` on a fixture world — Harbor Mutual's register, a code scan of its monorepo
// and a Jira site served by msw — lists at least one system in each category, each with evidence.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { materialiseRepository } from '../../../scripts/cli/demo/discovery';
import type { ReconcileReport } from '../../../shared/inventory/reconcile';
import { runCli } from '../../support/cli';
import { CLOUD_SITE, jiraServer } from '../../support/jira-setup';
import { change, JiraWorld } from '../../support/jira-world';
import { harborWorkspace } from '../../support/jira-workspace';
import { tempDir } from '../../support/temp';

const server = jiraServer();
const TODAY = '2026-11-28';
const NOW = `${TODAY}T09:00:00.000Z`;

beforeEach(() => {
  vi.stubEnv('JIRA_EMAIL', 'ana.silva@harbormutual.example');
  vi.stubEnv('JIRA_API_TOKEN', 'cloud-secret-token');
});
afterEach(() => vi.unstubAllEnvs());

describe('aims reconcile (acceptance)', () => {
  it('lists discovered-unregistered, registered-undiscovered and conflicting systems, each with evidence', async () => {
    const { dir, register } = await harborWorkspace(TODAY);
    // A system registered by hand that no source finds.
    await register.transact({ actor: 'test', cause: 'fixture' }, async (tx) => {
      await tx.put('ai-system', {
        kind: 'ai-system',
        id: 'sys-vendor-chat',
        name: 'Broker portal chat (vendor)',
        purpose: 'Vendor chat widget on the broker portal',
        lifecycleStage: 'operation',
        deploymentStatus: 'production',
        inventoryState: 'confirmed',
        inScope: true,
        components: [],
        sources: [{ tool: 'manual', url: 'https://vendor.example/contract-42' }],
        tags: [],
      });
    });
    const repo = await materialiseRepository(tempDir('repo'), TODAY);
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add(
        {
          key: 'CLM-7',
          summary: 'Support assistant answers in Welsh',
          description: 'The assistant now runs on claude-3-5-sonnet-20241022 through Anthropic.',
          labels: ['ai'],
          changelog: [change('7001', '2026-11-20T10:00:00.000+0000', [{ field: 'labels', to: 'ai' }])],
        },
        {
          key: 'CLM-20',
          summary: 'Voice fraud screening pilot',
          description: 'Screen inbound calls with gpt-4o-realtime-preview on OpenAI.',
          labels: ['ai'],
          changelog: [change('7101', '2026-11-21T10:00:00.000+0000', [{ field: 'labels', to: 'ai' }])],
        },
      ),
    );
    const linked = await runCli(
      ['jira', 'link', 'CLM-7', '--system', 'sys-support-assistant', '--url', CLOUD_SITE, '--workspace', dir],
      { now: NOW },
    );
    expect(linked.code).toBe(0);

    const r = await runCli(
      ['reconcile', '--workspace', dir, '--scan', repo.dir, '--url', CLOUD_SITE, '--format', 'json'],
      { now: NOW },
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as ReconcileReport;

    const unregistered = report.discoveredUnregistered.map((e) => e.id);
    expect(unregistered).toContain('sys-jira-clm-20');
    expect(unregistered.some((id) => id.startsWith('sys-apps-'))).toBe(true); // the shadow app in the monorepo
    const voice = report.discoveredUnregistered.find((e) => e.id === 'sys-jira-clm-20');
    expect(voice?.evidence[0]).toMatchObject({
      origin: 'jira',
      ref: 'CLM-20 changelog 7101',
      url: `${CLOUD_SITE}/browse/CLM-20`,
    });
    const shadow = report.discoveredUnregistered.find((e) => e.origins.includes('code'));
    expect(shadow?.evidence[0]?.url).toMatch(
      /^https:\/\/github\.com\/harbor-mutual\/ai-platform\/blob\/[0-9a-f]{40}\//,
    );

    expect(report.registeredUndiscovered.map((e) => e.id)).toEqual(['sys-vendor-chat']);
    expect(report.registeredUndiscovered[0]?.evidence[0]).toMatchObject({
      origin: 'register',
      ref: 'ai-system sys-vendor-chat',
    });

    const conflict = report.conflicts.find(
      (c) => c.id === 'sys-support-assistant' && c.attribute === 'model',
    );
    expect(conflict?.values).toEqual({
      register: ['gpt-4.1'],
      code: ['gpt-4.1'],
      jira: ['claude-3-5-sonnet-20241022'],
    });
    expect(conflict?.evidence.map((e) => e.origin)).toEqual(
      expect.arrayContaining(['register', 'code', 'jira']),
    );

    // The five known systems are matched by the identity rule, not reported as new.
    for (const id of [
      'sys-claims-triage',
      'sys-doc-extraction',
      'sys-fraud-scoring',
      'sys-support-assistant',
      'sys-underwriting-score',
    ]) {
      expect(unregistered).not.toContain(id);
      expect(report.registeredUndiscovered.map((e) => e.id)).not.toContain(id);
    }
    expect(world.requests.every((q) => q.authorization?.startsWith('Basic '))).toBe(true);

    const table = await runCli(['reconcile', '--workspace', dir, '--scan', repo.dir, '--url', CLOUD_SITE], {
      now: NOW,
    });
    expect(table.out).toMatch(/Discovered but not registered \(\d+\)/);
    expect(table.out).toMatch(
      /Registered but not discovered \(1\)\n═+\n {2}sys-vendor-chat {2}Broker portal chat \(vendor\), confirmed/,
    );
    expect(table.out).toMatch(
      /sys-support-assistant {2}Customer support assistant — model: register: gpt-4\.1 ≠ code: gpt-4\.1 ≠ jira: claude-3-5-sonnet-20241022/,
    );
  }, 60_000);
});
