// Treatment rules named exactly: each refusal carries its field and its reason (found by mutation testing).
import { describe, expect, it } from 'vitest';
import {
  acceptResidual,
  checkAnnexAControls,
  checkResidualAcceptor,
  planTreatment,
  recordEffectiveness,
  treatmentGaps,
  validateTreatment,
} from '../../../shared/processes/treatment';
import {
  OWNER,
  RISK_OWNER,
  approvedRiskAssessment,
  baseSnapshot,
  method,
  rec,
  refusalOf,
  system,
} from './process-fixtures';

const assessment = approvedRiskAssessment();
const base = {
  option: 'mitigate' as const,
  annexAControls: ['A.9.2'],
  plan: 'Human review',
  planOwner: OWNER,
  dueOn: '2026-08-01',
  residual: { likelihood: 2, impact: 3 },
};

describe('treatment refusals name the field and the reason', () => {
  it('a control listed twice', () => {
    expect(refusalOf(() => checkAnnexAControls(['A.9.2', 'A.9.2']))).toEqual({
      field: 'annexAControls[1]',
      reason: "'A.9.2' is listed twice",
    });
  });

  it('a residual rated with another methodology id of the same version', () => {
    const other = { ...method(), id: 'other-method' };
    expect(refusalOf(() => planTreatment(assessment, 'wrong', other, base))).toEqual({
      field: 'residual',
      reason: `rate the residual risk with risk-method ${assessment.methodologyVersion}, the method that rated the risk, not other-method ${assessment.methodologyVersion}`,
    });
  });

  it('transfer needs a control too; extra controls count, with or without Annex A ones', () => {
    expect(
      refusalOf(() =>
        planTreatment(assessment, 'wrong', method(), { ...base, option: 'transfer', annexAControls: [] }),
      ),
    ).toEqual({
      field: 'annexAControls',
      reason: "a 'transfer' treatment needs at least one control (6.1.3 b)",
    });
    expect(
      planTreatment(assessment, 'wrong', method(), { ...base, extraControls: ['Vendor SLA'] }).extraControls,
    ).toEqual(['Vendor SLA']);
    expect(
      planTreatment(assessment, 'wrong', method(), {
        ...base,
        annexAControls: [],
        extraControls: ['Vendor SLA'],
      }).annexAControls,
    ).toEqual([]);
  });

  it('rates the residual on the methodology’s own first dimension', () => {
    const individualsOnly = { ...method(), dimensions: ['individuals' as const] };
    const a = { ...assessment, methodologyId: individualsOnly.id };
    expect(planTreatment(a, 'wrong', individualsOnly, base).residual).toEqual({
      likelihood: 2,
      impact: 3,
      level: 'medium',
    });
  });

  it('names the file’s residual fields when a rating is off the scale', () => {
    expect(
      refusalOf(() =>
        planTreatment(assessment, 'wrong', method(), { ...base, residual: { likelihood: 2, impact: 9 } }),
      ),
    ).toEqual({
      field: 'residual.impact',
      reason: '9 is outside the impact scale 1–5 of risk-method 1.0',
    });
    expect(
      refusalOf(() =>
        planTreatment(assessment, 'wrong', method(), { ...base, residual: { likelihood: 9, impact: 1 } }),
      ),
    ).toEqual({
      field: 'residual.likelihood',
      reason: '9 is outside the likelihood scale 1–5 of risk-method 1.0',
    });
    expect(
      refusalOf(() =>
        planTreatment(assessment, 'wrong', method(), { ...base, residual: { likelihood: 4, impact: 4 } }),
      ),
    ).toEqual({
      field: 'residual',
      reason: "residual score 16 is above the risk's own score 12; a treatment cannot raise a risk",
    });
    expect(
      refusalOf(() =>
        planTreatment(assessment, 'wrong', method(), {
          ...base,
          option: 'accept',
          annexAControls: [],
          residual: { likelihood: 1, impact: 1 },
        }),
      ),
    ).toEqual({
      field: 'residual',
      reason: 'accepting a risk leaves it as it is: residual score must stay 12',
    });
  });

  it('keeps the Jira key and the acceptance note', () => {
    const planned = planTreatment(assessment, 'wrong', method(), { ...base, jiraKey: 'AIMS-7' });
    expect(planned.jiraKey).toBe('AIMS-7');
    const accepted = acceptResidual(planned, system(), {
      by: RISK_OWNER,
      at: '2026-06-02T10:00:00.000Z',
      note: 'ok',
    });
    expect(accepted.residualAcceptance).toEqual({
      acceptedBy: RISK_OWNER,
      acceptedAt: '2026-06-02T10:00:00.000Z',
      note: 'ok',
    });
    expect(
      acceptResidual(planned, system(), { by: RISK_OWNER, at: '2026-06-02T10:00:00.000Z' })
        .residualAcceptance,
    ).toEqual({
      acceptedBy: RISK_OWNER,
      acceptedAt: '2026-06-02T10:00:00.000Z',
    });
  });

  it('a system without a risk owner cannot accept residual risk', () => {
    const orphan = { ...system(), riskOwner: undefined };
    expect(refusalOf(() => checkResidualAcceptor(orphan, RISK_OWNER))).toEqual({
      field: 'residualAcceptance.acceptedBy',
      reason: `${orphan.name} has no risk owner to accept its residual risk`,
    });
  });

  it('effectiveness only once implemented, in both writers', () => {
    const planned = planTreatment(assessment, 'wrong', method(), base);
    const check = { checkedOn: '2026-09-01', checkedBy: OWNER, effective: true, note: 'works' };
    expect(refusalOf(() => recordEffectiveness({ ...planned, status: 'in-progress' }, check))).toEqual({
      field: 'effectiveness',
      reason: `treatment ${planned.id} is in-progress; implement it before checking it works`,
    });
    const context = { assessment, method: method(), system: system() };
    for (const status of ['planned', 'in-progress'] as const) {
      expect(
        refusalOf(() =>
          validateTreatment({ ...planned, status, effectiveness: check, residual: base.residual }, context),
        ),
      ).toEqual({
        field: 'effectiveness',
        reason: `a ${status} treatment cannot have an effectiveness check yet`,
      });
    }
    expect(
      refusalOf(() =>
        validateTreatment({ ...planned, status: 'verified-effective', residual: base.residual }, context),
      ),
    ).toEqual({
      field: 'effectiveness',
      reason: "status 'verified-effective' needs an effectiveness check that says so",
    });
    expect(
      refusalOf(() =>
        validateTreatment(
          { ...planned, status: 'ineffective', effectiveness: check, residual: base.residual },
          context,
        ),
      ),
    ).toEqual({
      field: 'effectiveness',
      reason: "status 'ineffective' needs an effectiveness check that says so",
    });
    expect(
      validateTreatment({ ...planned, status: 'implemented', residual: base.residual }, context).status,
    ).toBe('implemented');
    expect(
      refusalOf(() =>
        validateTreatment({ ...planned, systemId: 'sys-other', residual: base.residual }, context),
      ),
    ).toEqual({
      field: 'systemId',
      reason: `risk assessment ra-1 is for ${assessment.systemId}, not sys-other`,
    });
  });

  it('gaps name the risk, its level and the next step', () => {
    const planned = { ...planTreatment(assessment, 'wrong', method(), base), dueOn: '2026-07-01' };
    const gaps = treatmentGaps(baseSnapshot([assessment, rec('treatment', planned)]), '2026-07-02');
    expect(gaps).toEqual([
      {
        clause: '8.3',
        systemId: 'sys-support-bot',
        what: 'Support bot risk wrong (high): treatment tr-sys-support-bot-wrong was due 2026-07-01',
        next: 'implement it or re-plan with a new date',
      },
      {
        clause: '6.1.3',
        systemId: 'sys-support-bot',
        what: 'Support bot risk wrong (high): residual risk of tr-sys-support-bot-wrong not accepted',
        next: `risk owner ${RISK_OWNER} to accept or reject it`,
      },
    ]);
    expect(
      treatmentGaps(baseSnapshot([assessment, rec('treatment', planned)]), '2026-07-01').map((g) => g.clause),
    ).toEqual(['6.1.3']);
  });
});

describe('effectiveness (8.3): the status follows the check', () => {
  const implemented = () => ({
    ...planTreatment(assessment, 'wrong', method(), base),
    status: 'implemented' as const,
  });
  const check = (effective: boolean) => ({ checkedOn: '2026-09-01', checkedBy: OWNER, effective, note: 'n' });
  const context = () => ({ assessment, method: method(), system: system() });

  it('an effective check verifies the treatment; an ineffective one marks it for revision', () => {
    expect(recordEffectiveness(implemented(), check(true))).toMatchObject({
      status: 'verified-effective',
      effectiveness: check(true),
    });
    expect(recordEffectiveness(implemented(), check(false)).status).toBe('ineffective');
  });

  it('a file whose status agrees with its check passes; one that contradicts it fails', () => {
    const record = (status: 'verified-effective' | 'ineffective', effective: boolean) => ({
      ...implemented(),
      status,
      effectiveness: check(effective),
      residual: base.residual,
    });
    expect(validateTreatment(record('verified-effective', true), context()).status).toBe(
      'verified-effective',
    );
    expect(validateTreatment(record('ineffective', false), context()).status).toBe('ineffective');
    expect(refusalOf(() => validateTreatment(record('verified-effective', false), context()))).toEqual({
      field: 'effectiveness',
      reason: "status 'verified-effective' needs an effectiveness check that says so",
    });
  });
});

describe('treatment gaps (6.1.3, 8.3) judged per system', () => {
  const other = () =>
    rec('ai-system', { ...system(), id: 'sys-other', name: 'Other bot', riskOwner: undefined });
  const otherAssessment = () => ({ ...assessment, id: 'ra-other', systemId: 'sys-other' });
  const treatment = (overrides: Record<string, unknown> = {}) =>
    rec('treatment', {
      ...planTreatment(assessment, 'wrong', method(), base),
      dueOn: '2026-12-31',
      ...overrides,
    });

  it('a system not yet assessed has no treatment gap (its missing assessment is the gap)', () => {
    expect(treatmentGaps(baseSnapshot([other(), assessment, treatment()]), '2026-07-02')).toEqual([
      {
        clause: '6.1.3',
        systemId: 'sys-support-bot',
        what: 'Support bot risk wrong (high): residual risk of tr-sys-support-bot-wrong not accepted',
        next: `risk owner ${RISK_OWNER} to accept or reject it`,
      },
    ]);
  });

  it("an unacceptable risk with no treatment of its own system is a gap, whatever other systems' treatments say", () => {
    const gaps = treatmentGaps(
      baseSnapshot([other(), assessment, otherAssessment(), treatment()]),
      '2026-07-02',
    );
    expect(gaps).toContainEqual({
      clause: '6.1.3',
      systemId: 'sys-other',
      what: 'Other bot risk wrong (high) is not acceptable and has no treatment',
      next: 'record a treatment plan with Annex A controls',
    });
    expect(gaps.filter((g) => g.systemId === 'sys-other')).toHaveLength(1);
  });

  it('says when no risk owner can accept the residual risk', () => {
    const theirs = treatment({ id: 'tr-other', systemId: 'sys-other', riskAssessmentId: 'ra-other' });
    const gaps = treatmentGaps(baseSnapshot([other(), otherAssessment(), theirs]), '2026-07-02');
    expect(gaps).toEqual([
      {
        clause: '6.1.3',
        systemId: 'sys-other',
        what: 'Other bot risk wrong (high): residual risk of tr-other not accepted',
        next: 'risk owner (none) to accept or reject it',
      },
    ]);
  });

  it('an implemented treatment never checked, and one found ineffective, are 8.3 gaps; a verified one is not', () => {
    const accepted = {
      residualAcceptance: { acceptedBy: RISK_OWNER, acceptedAt: '2026-06-02T10:00:00.000Z' },
    };
    const judge = (overrides: Record<string, unknown>) =>
      treatmentGaps(baseSnapshot([assessment, treatment({ ...accepted, ...overrides })]), '2026-07-02');
    expect(judge({ status: 'implemented' })).toEqual([
      {
        clause: '8.3',
        systemId: 'sys-support-bot',
        what: 'Support bot risk wrong (high): effectiveness of tr-sys-support-bot-wrong not verified',
        next: 'check that the controls work and record the result',
      },
    ]);
    const checked = { checkedOn: '2026-07-01', checkedBy: OWNER, note: 'n' };
    expect(judge({ status: 'ineffective', effectiveness: { ...checked, effective: false } })).toEqual([
      {
        clause: '8.3',
        systemId: 'sys-support-bot',
        what: 'Support bot risk wrong (high): treatment tr-sys-support-bot-wrong was found ineffective',
        next: 'revise the treatment option or controls',
      },
    ]);
    expect(judge({ status: 'verified-effective', effectiveness: { ...checked, effective: true } })).toEqual(
      [],
    );
  });
});
