import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../../shared/model';
import { assessmentStatus } from '../../../shared/processes/reassessment';
import { snapshotOf, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import {
  applyTransitions,
  raiseTrigger,
  reachedProductionTrigger,
  triggerDraft,
} from '../../../shared/processes/trigger-lifecycle';
import { withWrite, type RecordWrite } from '../../../shared/processes/writes';
import {
  impactAssessment,
  method,
  riskAssessment,
  roles,
  system,
  template,
  trigger,
} from './process-fixtures';

const snap = (...records: ReadonlyArray<{ kind: RecordKind }>) =>
  snapshotOf([method(), template(), ...roles(), ...records]);
const assessed = [
  system(),
  riskAssessment('ra-1', '2026-06-01'),
  impactAssessment('ia-1', '2026-06-01'),
] as const;
const summaries = (writes: readonly RecordWrite[]) =>
  writes.map((w) => [w.kind, w.options.action, w.options.cause, w.options.summary]);
const apply = (s: RegisterSnapshot, writes: readonly RecordWrite[]) => writes.reduce(withWrite, s);
const swap = {
  systemId: 'sys-support-bot',
  type: 'model-changed' as const,
  before: 'gpt-4o',
  after: 'gpt-4.1',
  detail: 'swap',
  raisedOn: '2026-10-14',
  source: { tool: 'github', ref: 'acme/bot#12' },
};

describe('triggers (8.2, 8.4)', () => {
  it('raises a trigger as a transition that says what it did to the assessments', () => {
    const write = raiseTrigger(snap(...assessed), swap);
    expect(write.kind).toBe('trigger');
    expect(write.draft).toMatchObject({
      id: 'trg-sys-support-bot-model-changed-2026-10-14',
      clauses: ['8.2', '8.4'],
      status: 'open',
    });
    expect(write.options).toEqual({
      action: 'transition',
      cause: 'trigger:trg-sys-support-bot-model-changed-2026-10-14',
      summary: 'Support bot risk and impact assessments current → due (model-changed gpt-4o → gpt-4.1)',
    });
    const dataChange = raiseTrigger(snap(...assessed), {
      systemId: 'sys-support-bot',
      type: 'data-source-changed',
      detail: 'New FAQ source',
      raisedOn: '2026-11-01',
      source: { tool: 'jira', ref: 'AIMS-9' },
      clauses: ['8.4'],
    });
    expect(dataChange.options.summary).toBe(
      'Support bot impact assessment current → due (data-source-changed)',
    );
    expect(raiseTrigger(snap(system()), swap).options.summary).toBe(
      'Support bot risk and impact assessments stay missing (model-changed gpt-4o → gpt-4.1)',
    );
  });

  it('refuses a trigger for an unknown system or with a malformed day', () => {
    expect(() => raiseTrigger(snap(), swap)).toThrow(
      "field 'systemId': no AI system 'sys-support-bot' in the register",
    );
    expect(() => raiseTrigger(snap(system()), { ...swap, raisedOn: '14/10/2026' })).toThrow(
      "field 'raisedOn'",
    );
  });

  it('raises reached-production only when a recorded change moves a system into production', () => {
    const internal = system({ deploymentStatus: 'internal' });
    expect(reachedProductionTrigger(internal, system(), '2026-11-28')).toMatchObject({
      type: 'reached-production',
      before: 'internal',
      after: 'production',
      raisedOn: '2026-11-28',
    });
    expect(reachedProductionTrigger(system(), system(), '2026-11-28')).toBeUndefined();
    expect(reachedProductionTrigger(undefined, system(), '2026-11-28')).toBeUndefined();
    expect(triggerDraft(reachedProductionTrigger(internal, system(), '2026-11-28')!).clauses).toEqual([
      '8.2',
      '8.4',
    ]);
  });

  it('escalates an unanswered trigger once, recording the first overdue day', () => {
    const s = snap(...assessed, trigger('t1', '2026-10-14'));
    expect(applyTransitions(s, '2026-11-13')).toEqual([]);
    const writes = applyTransitions(s, '2026-11-28');
    expect(summaries(writes)).toEqual([
      [
        'trigger',
        'transition',
        'trigger:t1',
        'Support bot risk and impact assessments due → overdue (30 days after t1)',
      ],
    ]);
    expect(writes[0]?.draft).toMatchObject({ id: 't1', status: 'open', overdueSince: '2026-11-14' });
    expect(applyTransitions(apply(s, writes), '2026-11-28')).toEqual([]);
  });

  it('moves a trigger to assessing with a draft, back to open without one, and resolves it when both kinds are approved', () => {
    const draft = riskAssessment('ra-2', '2026-10-20', { state: 'draft' });
    const s = snap(...assessed, trigger('t1', '2026-10-14'), draft);
    const assessing = applyTransitions(s, '2026-10-21');
    expect(summaries(assessing)).toEqual([
      ['trigger', 'transition', 'trigger:t1', 'Support bot: trigger t1 open → assessing (draft ra-2)'],
    ]);
    const back = applyTransitions(
      snap(...assessed, trigger('t1', '2026-10-14', { status: 'assessing' })),
      '2026-10-21',
    );
    expect(summaries(back)).toEqual([
      [
        'trigger',
        'transition',
        'trigger:t1',
        'Support bot: trigger t1 assessing → open (no draft reassessment left)',
      ],
    ]);

    const riskOnly = snap(
      ...assessed,
      trigger('t1', '2026-10-14', { status: 'assessing' }),
      riskAssessment('ra-2', '2026-10-20'),
    );
    expect(applyTransitions(riskOnly, '2026-10-21').map((w) => w.options.summary)).toEqual([
      'Support bot risk assessment ra-1 approved → superseded by ra-2',
      'Support bot: trigger t1 assessing → open (no draft reassessment left)',
    ]);

    const both = snap(
      ...assessed,
      trigger('t1', '2026-10-14', { status: 'assessing' }),
      riskAssessment('ra-2', '2026-10-20'),
      impactAssessment('ia-2', '2026-10-20'),
    );
    const writes = applyTransitions(both, '2026-10-21');
    expect(summaries(writes)).toEqual([
      [
        'risk-assessment',
        'transition',
        'risk-assessment:ra-2',
        'Support bot risk assessment ra-1 approved → superseded by ra-2',
      ],
      [
        'impact-assessment',
        'transition',
        'impact-assessment:ia-2',
        'Support bot impact assessment ia-1 approved → superseded by ia-2',
      ],
      ['trigger', 'transition', 'trigger:t1', 'Support bot: trigger t1 assessing → resolved by ra-2, ia-2'],
    ]);
    expect(writes[2]?.draft).toMatchObject({ status: 'resolved', resolvedBy: 'ra-2, ia-2' });
    const after = apply(both, writes);
    expect(assessmentStatus(after, 'sys-support-bot', 'risk', '2026-10-21')).toMatchObject({
      state: 'current',
      openTriggerIds: [],
    });
    expect(applyTransitions(after, '2026-10-21')).toEqual([]);
  });

  it('raises a calendar trigger when the planned interval passes, dated on the day it fell due', () => {
    const s = snap(system(), riskAssessment('ra-1', '2025-10-01'), impactAssessment('ia-1', '2026-06-01'));
    const writes = applyTransitions(s, '2026-10-05');
    expect(summaries(writes)).toEqual([
      [
        'trigger',
        'transition',
        'trigger:trg-calendar-sys-support-bot-risk-2026-10-01',
        'Support bot risk assessment current → due (calendar)',
      ],
    ]);
    expect(writes[0]?.draft).toMatchObject({
      type: 'calendar',
      raisedOn: '2026-10-01',
      clauses: ['8.2'],
      source: { tool: 'aims', ref: 'calendar' },
    });
    const after = apply(s, writes);
    expect(assessmentStatus(after, 'sys-support-bot', 'risk', '2026-10-05')).toMatchObject({
      state: 'due',
      causes: ['trg-calendar-sys-support-bot-risk-2026-10-01'],
    });
    // Long past due: raised and escalated in one run, two events on the same trigger.
    expect(applyTransitions(s, '2026-12-01').map((w) => w.options.summary)).toEqual([
      'Support bot risk assessment current → due (calendar)',
      'Support bot risk assessment due → overdue (30 days after trg-calendar-sys-support-bot-risk-2026-10-01)',
    ]);
  });

  it('only plans for the systems asked about', () => {
    const other = system({ id: 'sys-other', name: 'Other' });
    const s = snap(
      ...assessed,
      other,
      trigger('t1', '2026-10-14'),
      trigger('t2', '2026-10-14', { systemId: 'sys-other' }),
    );
    expect(applyTransitions(s, '2026-11-28', { systemIds: ['sys-other'] }).map((w) => w.draft.id)).toEqual([
      't2',
    ]);
  });
});
