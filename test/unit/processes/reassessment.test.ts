import { describe, expect, it } from 'vitest';
import { assessmentStatus, systemStatuses, triggerKinds } from '../../../shared/processes/reassessment';
import { snapshotOf } from '../../../shared/processes/snapshot';
import {
  RISK_OWNER,
  approved,
  impactAssessment,
  method,
  riskAssessment,
  roles,
  system,
  template,
  trigger,
} from './process-fixtures';

const snap = (...records: ReadonlyArray<{ kind: Parameters<typeof snapshotOf>[0][number]['kind'] }>) =>
  snapshotOf([method(), template(), ...roles(), ...records]);
const risk = (s: ReturnType<typeof snap>, today: string) =>
  assessmentStatus(s, 'sys-support-bot', 'risk', today);
const impact = (s: ReturnType<typeof snap>, today: string) =>
  assessmentStatus(s, 'sys-support-bot', 'impact', today);

describe('reassessment state machine (8.2, 8.4)', () => {
  it('missing when never assessed; in-progress when only a draft exists', () => {
    expect(risk(snap(system()), '2026-11-28')).toEqual({
      systemId: 'sys-support-bot',
      kind: 'risk',
      state: 'missing',
      causes: [],
      openTriggerIds: [],
    });
    const withDraft = snap(system(), riskAssessment('ra-1', '2026-11-20', { state: 'draft' }));
    expect(risk(withDraft, '2026-11-28').state).toBe('in-progress');
    const triggered = snap(system(), trigger('t1', '2026-11-01'));
    expect(risk(triggered, '2026-11-28')).toMatchObject({
      state: 'missing',
      dueOn: '2026-11-01',
      causes: ['t1'],
      openTriggerIds: ['t1'],
    });
  });

  it('current after approval, until the planned interval (methodology) or nextReview (impact) passes', () => {
    const s = snap(system(), riskAssessment('ra-1', '2026-06-01'), impactAssessment('ia-1', '2026-06-01'));
    expect(risk(s, '2026-11-28')).toEqual({
      systemId: 'sys-support-bot',
      kind: 'risk',
      state: 'current',
      latestId: 'ra-1',
      assessedOn: '2026-06-01',
      dueOn: '2027-06-01',
      causes: [],
      openTriggerIds: [],
    });
    expect(impact(s, '2026-11-28')).toMatchObject({ state: 'current', dueOn: '2027-06-01' });
    expect(risk(s, '2027-06-01')).toMatchObject({ state: 'due', dueOn: '2027-06-01', causes: ['calendar'] });
    expect(risk(s, '2027-07-01')).toMatchObject({ state: 'due' });
    expect(risk(s, '2027-07-02')).toMatchObject({ state: 'overdue', dueOn: '2027-06-01' });
    expect(impact(s, '2027-07-02')).toMatchObject({ state: 'overdue', causes: ['calendar'] });
  });

  it('due from an open trigger raised after the approved assessment; overdue after overdueAfterDays', () => {
    const s = snap(system(), riskAssessment('ra-1', '2026-06-01'), trigger('t1', '2026-10-14'));
    expect(risk(s, '2026-10-13').state).toBe('current');
    expect(risk(s, '2026-10-14')).toMatchObject({
      state: 'due',
      dueOn: '2026-10-14',
      causes: ['t1'],
      openTriggerIds: ['t1'],
    });
    expect(risk(s, '2026-11-13').state).toBe('due');
    expect(risk(s, '2026-11-14').state).toBe('overdue');
    const strict = snapshotOf([
      method({ overdueAfterDays: 5 }),
      ...roles(),
      system(),
      riskAssessment('ra-1', '2026-06-01'),
      trigger('t1', '2026-10-14'),
    ]);
    expect(risk(strict, '2026-10-20').state).toBe('overdue');
  });

  it('ignores dismissed and resolved triggers, triggers answered on the same day, and triggers for the other kind', () => {
    const base = [
      system(),
      riskAssessment('ra-1', '2026-10-14'),
      impactAssessment('ia-1', '2026-06-01'),
    ] as const;
    expect(
      risk(snap(...base, trigger('t1', '2026-11-01', { status: 'dismissed' })), '2026-11-28').state,
    ).toBe('current');
    expect(risk(snap(...base, trigger('t1', '2026-11-01', { status: 'resolved' })), '2026-11-28').state).toBe(
      'current',
    );
    expect(risk(snap(...base, trigger('t1', '2026-10-14')), '2026-11-28')).toMatchObject({
      state: 'current',
      openTriggerIds: ['t1'],
    });
    const impactOnly = snap(...base, trigger('t1', '2026-11-01', { clauses: ['8.4'] }));
    expect(risk(impactOnly, '2026-11-28').state).toBe('current');
    expect(impact(impactOnly, '2026-11-28').state).toBe('due');
    expect(triggerKinds({ clauses: ['6.1.2'] })).toEqual(['risk']);
    expect(triggerKinds({ clauses: ['A.6.2.6'] })).toEqual(['risk', 'impact']);
  });

  it('in-progress while a reassessment draft exists, but overdue still wins', () => {
    const s = snap(
      system(),
      riskAssessment('ra-1', '2026-06-01'),
      trigger('t1', '2026-11-01'),
      riskAssessment('ra-2', '2026-11-10', { state: 'in-review' }),
    );
    expect(risk(s, '2026-11-20')).toMatchObject({
      state: 'in-progress',
      dueOn: '2026-11-01',
      causes: ['t1'],
    });
    expect(risk(s, '2026-12-05').state).toBe('overdue');
    expect(risk(s, '2026-11-05').state).toBe('due');
  });

  it('current again once an assessment dated on or after the trigger is approved', () => {
    const s = snap(
      system(),
      riskAssessment('ra-1', '2026-06-01'),
      trigger('t1', '2026-11-01'),
      riskAssessment('ra-2', '2026-11-01'),
    );
    expect(risk(s, '2026-11-28')).toMatchObject({
      state: 'current',
      latestId: 'ra-2',
      openTriggerIds: ['t1'],
    });
  });

  it('stale when the components changed after approval and no trigger says so', () => {
    const swapped = system({
      components: [{ kind: 'model', id: 'gpt-4.1', provider: 'openai', pinning: 'floating' }],
    });
    const s = snap(swapped, riskAssessment('ra-1', '2026-06-01'), impactAssessment('ia-1', '2026-06-01'));
    expect(risk(s, '2026-11-28')).toMatchObject({ state: 'stale', latestId: 'ra-1' });
    expect(impact(s, '2026-11-28').state).toBe('stale');
    expect(
      risk(snap(swapped, riskAssessment('ra-1', '2026-06-01'), trigger('t1', '2026-11-20')), '2026-11-28')
        .state,
    ).toBe('due');
    expect(
      risk(
        snap(
          swapped,
          riskAssessment('ra-1', '2026-06-01'),
          riskAssessment('ra-2', '2026-11-20', { state: 'draft' }, swapped),
        ),
        '2026-11-28',
      ).state,
    ).toBe('in-progress');
    expect(
      risk(
        snap(
          swapped,
          riskAssessment('ra-1', '2026-06-01'),
          riskAssessment('ra-2', '2026-11-20', approved, swapped),
        ),
        '2026-11-28',
      ).state,
    ).toBe('current');
  });

  it('answers as of an earlier day: later assessments and triggers do not exist yet', () => {
    const s = snap(
      system(),
      riskAssessment('ra-1', '2026-06-01'),
      trigger('t1', '2026-10-14'),
      riskAssessment('ra-2', '2026-11-20'),
    );
    expect(risk(s, '2026-10-20')).toMatchObject({ state: 'due', latestId: 'ra-1' });
    expect(risk(s, '2026-05-01').state).toBe('missing');
    expect(risk(s, '2026-11-28').state).toBe('current');
  });

  it('lists in-scope systems by name with both states and the highest inherent risk level', () => {
    const other = system({ id: 'sys-a', name: 'Aardvark', riskOwner: RISK_OWNER });
    const out = system({ id: 'sys-z', name: 'Zebra', inScope: false });
    const rows = systemStatuses(
      snap(system(), other, out, riskAssessment('ra-1', '2026-06-01')),
      '2026-11-28',
    );
    expect(rows.map((r) => [r.system.name, r.riskLevel, r.risk.state, r.impact.state])).toEqual([
      ['Aardvark', undefined, 'missing', 'missing'],
      ['Support bot', 'high', 'current', 'missing'],
    ]);
  });
});
