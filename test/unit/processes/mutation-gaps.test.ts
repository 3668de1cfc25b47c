// Cases the earlier tests never tried, found by mutation testing of the risk and readiness rules:
// bands listed high-to-low, an older methodology version with different bands, non-default reassessment
// intervals and grace, and a valid `accept` treatment.
import { describe, expect, it } from 'vitest';
import { highestLevel, planRiskAssessment } from '../../../shared/processes/risk-assessment';
import {
  assessmentStatus,
  calendarDueOn,
  overdueAfterDays,
  systemRiskLevel,
} from '../../../shared/processes/reassessment';
import {
  bandFor,
  defaultRiskMethodology,
  evaluateRisk,
  evaluateRisks,
  levelRank,
  maxScore,
  validateMethodology,
} from '../../../shared/processes/risk-method';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { planTreatment, validateTreatment } from '../../../shared/processes/treatment';
import {
  ASSESSOR,
  OWNER,
  RISK_OWNER,
  approvedBy,
  approvedRiskAssessment,
  method,
  rec,
  riskAssessment,
  roles,
  system,
  template,
  trigger,
} from './process-fixtures';

const reversed = () => {
  const m = method();
  return { ...m, bands: [...m.bands].reverse() };
};

describe('bands listed high-to-low', () => {
  it('validate, band and rank exactly as when listed low-to-high', () => {
    const m = reversed();
    expect(m.bands[0]!.name).toBe('critical');
    expect(validateMethodology(m)).toEqual([]);
    expect(bandFor(m, 1).name).toBe('low');
    expect(bandFor(m, 25).name).toBe('critical');
    expect(['low', 'medium', 'high', 'critical'].map((l) => levelRank(m, l))).toEqual([0, 1, 2, 3]);
    expect(levelRank(m, 'unknown')).toBe(-1);
    expect(highestLevel(m, [{ level: 'medium' }, { level: 'critical' }, { level: 'low' }])).toBe('critical');
    expect(highestLevel(m, [])).toBeUndefined();
    expect(evaluateRisk(m, { likelihood: 4, consequences: { individuals: 3 } })).toMatchObject({
      score: 12,
      level: 'high',
      acceptable: false,
      responseDays: 30,
    });
  });

  it('still finds a gap, an overlap and a non-monotone appetite whatever the order', () => {
    const m = reversed();
    const gap = { ...m, bands: m.bands.map((b) => (b.name === 'medium' ? { ...b, min: 6 } : b)) };
    expect(validateMethodology(gap)).toEqual([{ field: 'bands', message: 'no band covers score 5–5' }]);
    const overlap = { ...m, bands: m.bands.map((b) => (b.name === 'high' ? { ...b, min: 9 } : b)) };
    expect(validateMethodology(overlap)).toEqual([
      { field: 'bands[1]', message: "band 'high' overlaps another band at score 9" },
    ]);
    const appetite = {
      ...m,
      bands: m.bands.map((b) => (b.name === 'critical' ? { ...b, acceptable: true } : b)),
    };
    expect(validateMethodology(appetite)).toEqual([
      {
        field: 'bands[0].acceptable',
        message: "band 'critical' is acceptable but the lower band 'high' is not",
      },
    ]);
    const short = { ...m, bands: m.bands.map((b) => (b.name === 'critical' ? { ...b, max: 24 } : b)) };
    expect(validateMethodology(short)).toEqual([{ field: 'bands', message: 'no band covers score 25–25' }]);
    const long = { ...m, bands: m.bands.map((b) => (b.name === 'critical' ? { ...b, max: 26 } : b)) };
    expect(validateMethodology(long)).toEqual([
      { field: 'bands', message: 'bands run past the highest possible score 25' },
    ]);
  });

  it('rejects an inverted band and a repeated name, naming the band', () => {
    const m = method();
    const inverted = { ...m, bands: m.bands.map((b) => (b.name === 'low' ? { ...b, min: 5, max: 4 } : b)) };
    expect(validateMethodology(inverted)).toEqual([{ field: 'bands[0]', message: 'min 5 is above max 4' }]);
    const twice = { ...m, bands: m.bands.map((b) => (b.name === 'medium' ? { ...b, name: 'low' } : b)) };
    expect(validateMethodology(twice)).toEqual([
      { field: 'bands[1].name', message: "band 'low' is named twice" },
    ]);
    expect(maxScore(m)).toBe(25);
  });
});

describe('an older methodology version with different bands', () => {
  // v1 was a 3×3 method with its own band names; v2 (the current one) is the default 5×5.
  const v1 = rec('risk-methodology', {
    ...defaultRiskMethodology({ version: '1.0', approval: approvedBy('ceo@example.com', '2025-01-02') }),
    likelihood: [
      { value: 1, label: 'Low', meaning: 'l' },
      { value: 2, label: 'Mid', meaning: 'm' },
      { value: 3, label: 'High', meaning: 'h' },
    ],
    impact: [
      { value: 1, label: 'Low', meaning: 'l' },
      { value: 2, label: 'Mid', meaning: 'm' },
      { value: 3, label: 'High', meaning: 'h' },
    ],
    // Listed high-to-low, and 'amber' ranks above 'green' although it sorts first by name.
    bands: [
      { name: 'red', min: 6, max: 9, acceptable: false, responseDays: 14 },
      { name: 'amber', min: 3, max: 5, acceptable: true, responseDays: 60 },
      { name: 'green', min: 1, max: 2, acceptable: true, responseDays: 365 },
    ],
    reassessmentIntervalDays: 200,
    overdueAfterDays: 10,
  });
  const v2 = method({ version: '2.0', approval: approvedBy('ceo@example.com', '2026-03-01') });
  // Built inside each test: a methodology the rules refuse must fail the test, not the file's loading.
  const old = () =>
    rec('risk-assessment', {
      ...planRiskAssessment(
        system(),
        v1,
        [
          { id: 'a', title: 'A', source: 'workshop', likelihood: 1, consequences: { individuals: 2 } },
          { id: 'b', title: 'B', source: 'workshop', likelihood: 2, consequences: { individuals: 2 } },
        ],
        { assessor: ASSESSOR, today: '2026-02-01', cause: 'initial', id: 'ra-old' },
      ),
      approval: approvedBy(RISK_OWNER, '2026-02-01'),
    });

  it('ranks the assessment by the bands of the version it was assessed with', () => {
    expect(old().risks.map((r) => r.level)).toEqual(['green', 'amber']);
    const snapshot = snapshotOf([v1, v2, template(), ...roles(), system(), old()]);
    expect(systemRiskLevel(snapshot, 'sys-support-bot', '2026-06-01')).toBe('amber');
    // Under v2 neither name exists; the level must come from v1, not from whichever risk came first.
    expect(levelRank(v2, 'amber')).toBe(-1);
    // Without the old version in the register, the current one is used and ranks nothing: the first risk wins.
    const withoutV1 = snapshotOf([v2, template(), ...roles(), system(), old()]);
    expect(systemRiskLevel(withoutV1, 'sys-support-bot', '2026-06-01')).toBe('green');
    expect(systemRiskLevel(snapshotOf([v2, system()]), 'sys-support-bot', '2026-06-01')).toBeUndefined();
  });

  it('refuses to rate a residual risk with another version than the one that rated the risk', () => {
    expect(() =>
      planTreatment(old(), 'b', v2, {
        option: 'accept',
        annexAControls: [],
        plan: 'Live with it',
        planOwner: OWNER,
        dueOn: '2026-09-01',
        residual: { likelihood: 2, impact: 2 },
      }),
    ).toThrow(
      'rate the residual risk with risk-method 1.0, the method that rated the risk, not risk-method 2.0',
    );
  });

  it('takes the interval and grace of the current (highest approved) version only', () => {
    const snapshot = snapshotOf([v1, v2, system(), old()]);
    expect(overdueAfterDays(snapshot)).toBe(30);
    expect(calendarDueOn(snapshot, old())).toBe('2027-02-01');
    const onlyV1 = snapshotOf([v1, system(), old()]);
    expect(overdueAfterDays(onlyV1)).toBe(10);
    expect(calendarDueOn(onlyV1, old())).toBe('2026-08-20');
  });
});

describe('non-default reassessment interval and grace', () => {
  const custom = method({ reassessmentIntervalDays: 100, overdueAfterDays: 5 });
  const ra = riskAssessment('ra-1', '2026-01-01');

  it('is current until the interval passes, due inside the grace, overdue after it', () => {
    const snap = snapshotOf([custom, template(), ...roles(), system(), ra]);
    expect(calendarDueOn(snap, ra)).toBe('2026-04-11');
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-04-10').state).toBe('current');
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-04-11')).toMatchObject({
      state: 'due',
      dueOn: '2026-04-11',
      causes: ['calendar'],
    });
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-04-16').state).toBe('due');
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-04-17').state).toBe('overdue');
  });

  it('times a young trigger by the same grace', () => {
    const snap = snapshotOf([custom, template(), ...roles(), system(), ra, trigger('t1', '2026-02-01')]);
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-02-06')).toMatchObject({
      state: 'due',
      causes: ['t1'],
      openTriggerIds: ['t1'],
    });
    expect(assessmentStatus(snap, 'sys-support-bot', 'risk', '2026-02-07').state).toBe('overdue');
    // A trigger raised before the assessment does not make it due.
    const before = snapshotOf([custom, system(), ra, trigger('t0', '2025-12-01')]);
    expect(assessmentStatus(before, 'sys-support-bot', 'risk', '2026-02-07')).toMatchObject({
      state: 'current',
      openTriggerIds: ['t0'],
    });
  });
});

describe('a valid accept treatment', () => {
  const assessment = approvedRiskAssessment();

  it('plans with no controls, keeps the residual at the risk’s own score and level', () => {
    const planned = planTreatment(assessment, 'wrong', method(), {
      option: 'accept',
      annexAControls: [],
      plan: 'Accepted: agents review every answer already',
      planOwner: OWNER,
      dueOn: '2026-07-01',
      residual: { likelihood: 4, impact: 3 },
    });
    expect(planned).toMatchObject({
      option: 'accept',
      annexAControls: [],
      extraControls: [],
      status: 'planned',
      residual: { likelihood: 4, impact: 3, level: 'high' },
      id: 'tr-sys-support-bot-wrong',
    });
    const valid = validateTreatment(
      { ...planned, residual: { likelihood: 4, impact: 3 } },
      { assessment, method: method(), system: system() },
    );
    expect(valid.residual.level).toBe('high');
  });

  it('refuses an accept that lowers the score, and a mitigate with no control', () => {
    const base = { annexAControls: [], plan: 'p', planOwner: OWNER, dueOn: '2026-07-01' };
    expect(() =>
      planTreatment(assessment, 'wrong', method(), {
        ...base,
        option: 'accept',
        residual: { likelihood: 3, impact: 3 },
      }),
    ).toThrow('accepting a risk leaves it as it is: residual score must stay 12');
    expect(() =>
      planTreatment(assessment, 'wrong', method(), {
        ...base,
        option: 'mitigate',
        residual: { likelihood: 1, impact: 1 },
      }),
    ).toThrow("a 'mitigate' treatment needs at least one control (6.1.3 b)");
    expect(() =>
      planTreatment(assessment, 'wrong', method(), {
        ...base,
        option: 'avoid',
        residual: { likelihood: 1, impact: 1 },
      }),
    ).not.toThrow();
  });
});

describe('priority ties', () => {
  it('break by worse consequence, then likelihood, then id', () => {
    const risks = evaluateRisks(method(), [
      { id: 'b', title: 'b', source: 'workshop', likelihood: 4, consequences: { organisation: 2 } },
      { id: 'a', title: 'a', source: 'workshop', likelihood: 2, consequences: { organisation: 4 } },
      { id: 'd', title: 'd', source: 'workshop', likelihood: 2, consequences: { organisation: 4 } },
      { id: 'c', title: 'c', source: 'workshop', likelihood: 1, consequences: { organisation: 5 } },
    ]);
    expect(Object.fromEntries(risks.map((r) => [r.id, r.priority]))).toEqual({ a: 1, d: 2, b: 3, c: 4 });
  });
});
