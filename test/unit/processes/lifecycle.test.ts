// One AI system through the loop on a real file workspace: discovered → owner assigned → risk assessed →
// impact assessed → model changed (trigger) → due → reassessed → current, every step an event with its cause.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import type { Draft } from '../../../shared/model';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { raiseTrigger } from '../../../shared/processes/trigger-lifecycle';
import { putAll, writeOf } from '../../../shared/processes/writes';
import { systemDraft } from '../../support/builders';
import { runCli } from '../../support/cli';
import { ASSESSOR, OWNER, RISK_OWNER, impactInput, method, roles, template } from './process-fixtures';
import { tempDir } from '../../support/temp';

const strip = <T extends object>(record: T) => {
  const {
    createdAt: _a,
    updatedAt: _b,
    createdBy: _c,
    updatedBy: _d,
    revision: _e,
    ...rest
  } = record as T & Record<string, unknown>;
  return rest;
};

describe('lifecycle of one AI system (5.3, 6.1, 8.2–8.4)', () => {
  it('records every step and transition as an event with its cause, and the chain still verifies', async () => {
    const root = tempDir('lifecycle');
    const ws = join(root, 'ws');
    await initWorkspace(ws);
    const file = (name: string, content: object) => {
      const path = join(root, name);
      writeFileSync(path, name.endsWith('.json') ? JSON.stringify(content) : stringify(content));
      return path;
    };
    const cli = async (argv: string[], day: string) => {
      const actor = argv[0] === 'record' ? ['--actor', 'rita@example.com'] : [];
      const result = await runCli([...argv, '--workspace', ws, '--today', day, ...actor], {
        now: `${day}T10:00:00.000Z`,
      });
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      return result.out;
    };
    const status = async (day: string) => {
      const parsed = JSON.parse(await cli(['status', '--format', 'json'], day)) as {
        systems: Array<{
          id: string;
          risk: { state: string };
          impact: { state: string };
          openTriggers: string[];
        }>;
      };
      const row = parsed.systems.find((s) => s.id === 'sys-support-bot');
      return row && [row.risk.state, row.impact.state, row.openTriggers];
    };

    // Set-up: approved methodology and template, the AIMS roles.
    const register = await openWorkspace(ws, { clock: () => '2026-01-01T09:00:00.000Z' });
    await register.transact({ actor: 'ceo@example.com', cause: 'aims set-up' }, async (tx) => {
      for (const record of [method(), template(), ...roles()])
        await tx.put(record.kind, strip(record) as Draft<typeof record.kind>);
    });

    // 1. Discovered: a scan finds the system; nobody owns it yet and it is not in scope.
    const discovered = systemDraft({
      inventoryState: 'discovered-unreviewed',
      deploymentStatus: 'internal',
      inScope: false,
    });
    await register.transact({ actor: 'aims-scan', cause: 'discovery:acme/bot@4f2c1e0' }, (tx) =>
      tx.put('ai-system', discovered),
    );
    expect(await status('2026-01-05')).toBeUndefined();

    // 2. Owner assigned: confirmed in scope, owners named, and moved to production (which raises a trigger).
    const owned = {
      ...discovered,
      inventoryState: 'confirmed',
      inScope: true,
      deploymentStatus: 'production',
      owner: OWNER,
      riskOwner: RISK_OWNER,
    };
    await cli(['record', 'ai-system', file('system.yaml', owned)], '2026-02-01');
    expect(await status('2026-02-01')).toEqual([
      'missing',
      'missing',
      ['trg-sys-support-bot-reached-production-2026-02-01'],
    ]);

    // 3. Risk assessed (recorded approved in one file), 4. impact assessed and approved separately.
    const ra = (id: string, cause?: string) => ({
      kind: 'risk-assessment',
      id,
      systemId: 'sys-support-bot',
      assessor: ASSESSOR,
      methodologyId: 'risk-method',
      ...(cause ? { cause } : {}),
      risks: [
        {
          id: 'wrong',
          title: 'Wrong answers',
          source: 'workshop',
          likelihood: 4,
          consequences: { individuals: 3 },
        },
      ],
    });
    await cli(
      [
        'record',
        'risk-assessment',
        file('ra-1.yaml', { ...ra('ra-1'), approval: { state: 'approved', approvedBy: RISK_OWNER } }),
      ],
      '2026-02-10',
    );
    expect(await status('2026-02-10')).toEqual([
      'current',
      'missing',
      ['trg-sys-support-bot-reached-production-2026-02-01'],
    ]);
    const ia = (id: string, cause?: string) => ({
      kind: 'impact-assessment',
      id,
      systemId: 'sys-support-bot',
      templateId: 'impact-template',
      assessor: ASSESSOR,
      ...(cause ? { cause } : {}),
      ...impactInput(),
    });
    await cli(['record', 'impact-assessment', file('ia-1.json', ia('ia-1'))], '2026-02-12');
    await cli(
      [
        'record',
        'approval',
        file('approve-ia-1.yaml', {
          kind: 'approval',
          recordKind: 'impact-assessment',
          recordId: 'ia-1',
          by: RISK_OWNER,
        }),
      ],
      '2026-02-12',
    );
    expect(await status('2026-02-12')).toEqual(['current', 'current', []]);

    // 5. Model changed: discovery updates the components and raises the trigger in one transaction.
    const scanner = await openWorkspace(ws, { clock: () => '2026-05-01T09:00:00.000Z' });
    const raised = raiseTrigger(await loadSnapshot(scanner), {
      id: 'trg-swap',
      systemId: 'sys-support-bot',
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      detail: 'acme/bot#12 moved the bot to gpt-4.1',
      raisedOn: '2026-05-01',
      source: { tool: 'github', ref: 'acme/bot#12' },
    });
    const swapped = {
      ...owned,
      components: [
        { kind: 'model' as const, id: 'gpt-4.1', provider: 'openai', pinning: 'floating' as const },
      ],
    };
    await scanner.transact({ actor: 'aims-scan', cause: 'discovery:acme/bot#12' }, (tx) =>
      putAll(tx, [raised, writeOf('ai-system', swapped as Draft<'ai-system'>)]),
    );

    // 6. Due, then overdue when nobody acts.
    expect(await status('2026-05-02')).toEqual(['due', 'due', ['trg-swap']]);
    expect(await status('2026-06-15')).toEqual(['overdue', 'overdue', ['trg-swap']]);

    // 7. Reassessed for the trigger: a draft (in progress), then approval; the impact assessment too.
    await cli(['record', 'risk-assessment', file('ra-2.yaml', ra('ra-2', 'trg-swap'))], '2026-05-10');
    expect(await status('2026-05-10')).toEqual(['in-progress', 'due', ['trg-swap']]);
    await cli(
      [
        'record',
        'approval',
        file('approve-ra-2.yaml', {
          kind: 'approval',
          recordKind: 'risk-assessment',
          recordId: 'ra-2',
          by: RISK_OWNER,
        }),
      ],
      '2026-05-11',
    );
    await cli(
      [
        'record',
        'impact-assessment',
        file('ia-2.yaml', {
          ...ia('ia-2', 'trg-swap'),
          approval: { state: 'approved', approvedBy: RISK_OWNER },
        }),
      ],
      '2026-05-12',
    );

    // 8. Current again; the trigger is resolved.
    expect(await status('2026-05-12')).toEqual(['current', 'current', []]);

    const events = (await openWorkspace(ws)).events();
    const log = (await events).map(
      (e) => `${e.action} ${e.recordKind} ${e.recordId} [${e.cause}]: ${e.summary}`,
    );
    const after = (seq: string) => log.slice(log.findIndex((l) => l.startsWith(seq)));
    expect(after('create ai-system')).toEqual([
      'create ai-system sys-support-bot [discovery:acme/bot@4f2c1e0]: created ai-system sys-support-bot',
      `update ai-system sys-support-bot [aims record ${join(root, 'system.yaml')}]: updated ai-system sys-support-bot`,
      'transition trigger trg-sys-support-bot-reached-production-2026-02-01 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot risk and impact assessments stay missing (reached-production internal → production)',
      // The first assessments answer the reached-production trigger, so they name it as their cause.
      'create risk-assessment ra-1 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot risk assessment ra-1: 1 risks, highest high',
      'transition risk-assessment ra-1 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot risk assessment ra-1 draft → approved by rita@example.com',
      'create impact-assessment ia-1 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot impact assessment ia-1 on template impact-template 2.0, tier standard',
      'transition trigger trg-sys-support-bot-reached-production-2026-02-01 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot: trigger trg-sys-support-bot-reached-production-2026-02-01 open → assessing (draft ia-1)',
      'transition impact-assessment ia-1 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot: impact assessment ia-1 draft → approved by rita@example.com',
      'transition trigger trg-sys-support-bot-reached-production-2026-02-01 [trigger:trg-sys-support-bot-reached-production-2026-02-01]: Support bot: trigger trg-sys-support-bot-reached-production-2026-02-01 assessing → resolved by ra-1, ia-1',
      'transition trigger trg-swap [trigger:trg-swap]: Support bot risk and impact assessments current → due (model-changed gpt-4o → gpt-4.1)',
      'update ai-system sys-support-bot [discovery:acme/bot#12]: updated ai-system sys-support-bot',
      'create risk-assessment ra-2 [trigger:trg-swap]: Support bot risk assessment ra-2: 1 risks, highest high',
      'transition trigger trg-swap [trigger:trg-swap]: Support bot: trigger trg-swap open → assessing (draft ra-2)',
      'transition risk-assessment ra-2 [trigger:trg-swap]: Support bot: risk assessment ra-2 draft → approved by rita@example.com',
      'transition risk-assessment ra-1 [risk-assessment:ra-2]: Support bot risk assessment ra-1 approved → superseded by ra-2',
      'transition trigger trg-swap [trigger:trg-swap]: Support bot: trigger trg-swap assessing → open (no draft reassessment left)',
      'create impact-assessment ia-2 [trigger:trg-swap]: Support bot impact assessment ia-2 on template impact-template 2.0, tier standard',
      'transition impact-assessment ia-2 [trigger:trg-swap]: Support bot impact assessment ia-2 draft → approved by rita@example.com',
      'transition impact-assessment ia-1 [impact-assessment:ia-2]: Support bot impact assessment ia-1 approved → superseded by ia-2',
      'transition trigger trg-swap [trigger:trg-swap]: Support bot: trigger trg-swap open → resolved by ra-2, ia-2',
    ]);
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });
});
