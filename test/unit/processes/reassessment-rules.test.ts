// Reassessment rules (8.2, 8.4) no other test stated, each with the case that must pass and the case that
// must fail: which triggers oblige which assessment, in what order they are named, the defaults when no
// methodology is approved, calendar triggers, and the risk level a system is listed with.
import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import {
  DEFAULT_OVERDUE_AFTER_DAYS,
  DEFAULT_REASSESSMENT_INTERVAL_DAYS,
  assessmentStatus,
  calendarDueOn,
  openTriggersFor,
  overdueAfterDays,
  systemRiskLevel,
  systemStatuses,
  triggerKinds,
} from '../../../shared/processes/reassessment';
import { snapshotOf } from '../../../shared/processes/snapshot';
import {
  impactAssessment,
  method,
  riskAssessment,
  roles,
  system,
  template,
  trigger,
} from './process-fixtures';

const SYS = 'sys-support-bot';
const snap = (...records: AnyRecord[]) => snapshotOf([method(), template(), ...roles(), ...records]);
const risk = (s: ReturnType<typeof snap>, today: string) => assessmentStatus(s, SYS, 'risk', today);

describe('which assessments a trigger obliges', () => {
  it('risk for 6.1.2, 6.1.3, 8.2, 8.3; impact for 6.1.4, 8.4; both for both or for neither', () => {
    for (const c of ['6.1.2', '6.1.3', '8.2', '8.3'])
      expect(triggerKinds({ clauses: [c] })).toEqual(['risk']);
    for (const c of ['6.1.4', '8.4']) expect(triggerKinds({ clauses: [c] })).toEqual(['impact']);
    expect(triggerKinds({ clauses: ['8.3', '6.1.4'] })).toEqual(['risk', 'impact']);
    expect(triggerKinds({ clauses: [] })).toEqual(['risk', 'impact']);
    expect(triggerKinds({ clauses: ['9.2', '10.2'] })).toEqual(['risk', 'impact']);
  });

  it('only open or assessing triggers of this system, raised by today, count', () => {
    const s = snap(
      system(),
      trigger('t-open', '2026-11-01'),
      trigger('t-assessing', '2026-11-02', { status: 'assessing' }),
      trigger('t-other', '2026-11-01', { systemId: 'sys-other' }),
      trigger('t-later', '2026-11-29'),
      trigger('t-impact', '2026-11-01', { clauses: ['8.4'] }),
    );
    expect(openTriggersFor(s, SYS, 'risk', '2026-11-28').map((t) => t.id)).toEqual(['t-open', 't-assessing']);
    expect(openTriggersFor(s, SYS, 'risk', '2026-11-29').map((t) => t.id)).toContain('t-later');
    expect(openTriggersFor(s, SYS, 'impact', '2026-11-28').map((t) => t.id)).toEqual([
      't-impact',
      't-open',
      't-assessing',
    ]);
  });

  it('names open triggers oldest first, then by id, whatever order they were recorded in', () => {
    const s = snap(
      system(),
      trigger('t-c', '2026-11-05'),
      trigger('t-b', '2026-11-01'),
      trigger('t-a', '2026-11-05'),
    );
    expect(openTriggersFor(s, SYS, 'risk', '2026-11-28').map((t) => t.id)).toEqual(['t-b', 't-a', 't-c']);
    const reversed = snap(system(), trigger('t-a', '2026-11-05'), trigger('t-c', '2026-11-05'));
    expect(openTriggersFor(reversed, SYS, 'risk', '2026-11-28').map((t) => t.id)).toEqual(['t-a', 't-c']);
    const forward = snap(system(), trigger('t-c', '2026-11-05'), trigger('t-a', '2026-11-05'));
    expect(openTriggersFor(forward, SYS, 'risk', '2026-11-28').map((t) => t.id)).toEqual(['t-a', 't-c']);
    expect(risk(s, '2026-11-28')).toMatchObject({ state: 'missing', dueOn: '2026-11-01' });
    const approvedOnce = snap(
      system(),
      riskAssessment('ra-1', '2026-06-01'),
      trigger('t-c', '2026-11-05'),
      trigger('t-b', '2026-11-01'),
    );
    expect(risk(approvedOnce, '2026-11-20')).toMatchObject({
      state: 'due',
      dueOn: '2026-11-01',
      causes: ['t-b', 't-c'],
      openTriggerIds: ['t-b', 't-c'],
    });
  });
});

describe('defaults when no methodology is approved', () => {
  const draftOnly = (...records: AnyRecord[]) =>
    snapshotOf([
      method({ approval: { state: 'draft' }, reassessmentIntervalDays: 30, overdueAfterDays: 3 }),
      ...roles(),
      ...records,
    ]);

  it('a draft methodology sets neither the interval nor the grace: 365 and 30 days apply', () => {
    expect(DEFAULT_REASSESSMENT_INTERVAL_DAYS).toBe(365);
    expect(DEFAULT_OVERDUE_AFTER_DAYS).toBe(30);
    const s = draftOnly(system(), riskAssessment('ra-1', '2026-06-01'));
    expect(overdueAfterDays(s)).toBe(30);
    expect(calendarDueOn(s, s['risk-assessment'][0]!)).toBe('2027-06-01');
    expect(risk(s, '2026-11-28').state).toBe('current');
    expect(risk(s, '2027-07-01').state).toBe('due');
    expect(risk(s, '2027-07-02').state).toBe('overdue');
  });

  it('an approved methodology sets both', () => {
    const s = snap(system(), riskAssessment('ra-1', '2026-06-01'));
    const short = snapshotOf([
      method({ reassessmentIntervalDays: 100, overdueAfterDays: 10 }),
      ...roles(),
      system(),
      riskAssessment('ra-1', '2026-06-01'),
    ]);
    expect(overdueAfterDays(s)).toBe(30);
    expect(overdueAfterDays(short)).toBe(10);
    expect(calendarDueOn(short, short['risk-assessment'][0]!)).toBe('2026-09-09');
    expect(risk(short, '2026-09-19')).toMatchObject({
      state: 'due',
      dueOn: '2026-09-09',
      causes: ['calendar'],
    });
    expect(risk(short, '2026-09-20').state).toBe('overdue');
  });
});

describe('calendar triggers', () => {
  it('a calendar trigger raised for the lapsed interval is named once, not twice', () => {
    const s = snap(
      system(),
      riskAssessment('ra-1', '2025-06-01'),
      trigger('trg-cal', '2026-06-01', {
        type: 'calendar',
        clauses: ['8.2'],
        before: undefined,
        after: undefined,
      }),
    );
    expect(risk(s, '2026-06-10')).toMatchObject({
      state: 'due',
      dueOn: '2026-06-01',
      causes: ['trg-cal'],
    });
  });

  it('the calendar itself is a cause once the interval passes with no trigger raised for it', () => {
    const s = snap(system(), riskAssessment('ra-1', '2025-06-01'), trigger('t-model', '2026-06-05'));
    expect(risk(s, '2026-06-10')).toMatchObject({
      state: 'due',
      dueOn: '2026-06-01',
      causes: ['t-model', 'calendar'],
    });
  });
});

describe('a system with no record of its own', () => {
  it('an assessment of a system no longer in the register is judged by dates alone', () => {
    const s = snap(riskAssessment('ra-1', '2026-06-01'));
    expect(risk(s, '2026-11-28')).toMatchObject({ state: 'current', latestId: 'ra-1' });
  });

  it('an impact assessment goes stale when the components change, by its own fingerprint', () => {
    const swapped = system({
      components: [{ kind: 'model', id: 'gpt-5', provider: 'openai', pinning: 'floating' }],
    });
    const s = snap(swapped, impactAssessment('ia-1', '2026-06-01'));
    expect(assessmentStatus(s, SYS, 'impact', '2026-11-28')).toMatchObject({
      state: 'stale',
      latestId: 'ia-1',
    });
    const same = snap(system(), impactAssessment('ia-1', '2026-06-01'));
    expect(assessmentStatus(same, SYS, 'impact', '2026-11-28').state).toBe('current');
  });
});

describe('the impact assessment’s own review date', () => {
  it('an impact assessment falls due on its nextReview, not on the risk interval', () => {
    const ia = { ...impactAssessment('ia-1', '2026-06-01'), nextReview: '2026-09-01' };
    const s = snap(system(), ia);
    expect(calendarDueOn(s, ia)).toBe('2026-09-01');
    const impactOn = (today: string) => assessmentStatus(s, SYS, 'impact', today);
    expect(impactOn('2026-08-31')).toMatchObject({ state: 'current', dueOn: '2026-09-01' });
    expect(impactOn('2026-09-01')).toMatchObject({ state: 'due', dueOn: '2026-09-01', causes: ['calendar'] });
  });

  it('judges the components of the assessed system, not of another system listed before it', () => {
    const other = system({
      id: 'sys-other',
      name: 'Other',
      components: [{ kind: 'model', id: 'gpt-5', provider: 'openai', pinning: 'floating' }],
    });
    const s = snap(other, system(), riskAssessment('ra-1', '2026-06-01'));
    expect(risk(s, '2026-11-28').state).toBe('current');
  });
});

describe('the risk level a system is listed with', () => {
  it('takes the methodology with the assessment’s own id and version, wherever it is listed', () => {
    const oldBands = method({
      version: '1.0',
      bands: [
        { name: 'red', min: 10, max: 25, acceptable: false, responseDays: 14 },
        { name: 'amber', min: 5, max: 9, acceptable: true, responseDays: 60 },
        { name: 'green', min: 1, max: 4, acceptable: true, responseDays: 365 },
      ],
    });
    const current = method({ version: '2.0' });
    const sameVersionOtherId = method({ id: 'other-method', version: '1.0' });
    const ra = {
      ...riskAssessment('ra-1', '2026-06-01'),
      methodologyVersion: '1.0',
      risks: [
        { ...riskAssessment('ra-1', '2026-06-01').risks[0]!, id: 'a', level: 'green' },
        { ...riskAssessment('ra-1', '2026-06-01').risks[0]!, id: 'b', level: 'amber' },
      ],
    };
    const s = snapshotOf([current, sameVersionOtherId, oldBands, ...roles(), system(), ra]);
    expect(systemRiskLevel(s, SYS, '2026-11-28')).toBe('amber');
  });

  it('an assessment that found no risk, with no methodology recorded, lists no level', () => {
    const empty = { ...riskAssessment('ra-1', '2026-06-01'), risks: [] };
    expect(systemRiskLevel(snapshotOf([system(), empty]), SYS, '2026-11-28')).toBeUndefined();
  });

  it('is ranked by the methodology the assessment used; without it, by the current one; without any, the first risk', () => {
    const ra = riskAssessment('ra-1', '2026-06-01');
    expect(systemRiskLevel(snap(system(), ra), SYS, '2026-11-28')).toBe('high');
    const renamedMethod = method({ id: 'other-method' });
    const byCurrent = snapshotOf([renamedMethod, ...roles(), system(), ra]);
    expect(systemRiskLevel(byCurrent, SYS, '2026-11-28')).toBe('high');
    const none = snapshotOf([...roles(), system(), ra]);
    expect(systemRiskLevel(none, SYS, '2026-11-28')).toBe(ra.risks[0]!.level);
    expect(systemRiskLevel(snap(system()), SYS, '2026-11-28')).toBeUndefined();
  });

  it('lists systems by name, then id, and omits the level of an unassessed system', () => {
    const twin = system({ id: 'sys-a-twin', name: 'Support bot' });
    const rows = systemStatuses(snap(system(), twin, riskAssessment('ra-1', '2026-06-01')), '2026-11-28');
    expect(rows.map((r) => r.system.id)).toEqual(['sys-a-twin', SYS]);
    const listedFirst = systemStatuses(snap(twin, system()), '2026-11-28');
    expect(listedFirst.map((r) => r.system.id)).toEqual(['sys-a-twin', SYS]);
    expect(Object.keys(rows[0]!)).not.toContain('riskLevel');
    expect(rows[1]!.riskLevel).toBe('high');
  });
});
