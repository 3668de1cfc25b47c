import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/model';
import {
  acceptResidual,
  planTreatment,
  recordEffectiveness,
  treatmentGaps,
  validateTreatment,
  type TreatmentInput,
} from '../../../shared/processes/treatment';
import {
  ASSESSOR,
  OWNER,
  RISK_OWNER,
  TODAY,
  WRONG_ANSWERS,
  approvedRiskAssessment,
  baseSnapshot,
  method,
  rec,
  system,
} from './process-fixtures';

const assessment = approvedRiskAssessment([
  WRONG_ANSWERS,
  { id: 'minor', title: 'Minor typos', source: 'workshop', likelihood: 2, consequences: { organisation: 1 } },
  { id: 'leak', title: 'Data leak', source: 'workshop', likelihood: 3, consequences: { individuals: 5 } },
]);

const input: TreatmentInput = {
  option: 'mitigate',
  annexAControls: ['A.6.2.4', 'A.9.2'],
  plan: 'Human review of every answer',
  planOwner: OWNER,
  dueOn: '2026-08-01',
  residual: { likelihood: 2, impact: 3 },
};

describe('risk treatment (6.1.3, 8.3)', () => {
  it('plans a treatment with the residual risk rated by the same method', () => {
    expect(planTreatment(assessment, 'wrong', method(), input)).toMatchObject({
      kind: 'treatment',
      id: 'tr-sys-support-bot-wrong',
      riskAssessmentId: 'ra-1',
      riskId: 'wrong',
      status: 'planned',
      residual: { likelihood: 2, impact: 3, level: 'medium' },
    });
  });

  it('refuses unknown controls by name, missing controls, a raised residual, and another method', () => {
    expect(() =>
      planTreatment(assessment, 'wrong', method(), { ...input, annexAControls: ['A.6.2.4', 'A.6.2.99'] }),
    ).toThrow("field 'annexAControls[1]': 'A.6.2.99' is not an Annex A control of ISO/IEC 42001:2023");
    expect(() => planTreatment(assessment, 'wrong', method(), { ...input, annexAControls: [] })).toThrow(
      "field 'annexAControls': a 'mitigate' treatment needs at least one control",
    );
    expect(
      planTreatment(assessment, 'wrong', method(), {
        ...input,
        annexAControls: [],
        extraControls: ['Kill switch'],
      }).extraControls,
    ).toEqual(['Kill switch']);
    expect(() =>
      planTreatment(assessment, 'wrong', method(), { ...input, residual: { likelihood: 5, impact: 5 } }),
    ).toThrow("field 'residual': residual score 25 is above the risk's own score 12");
    expect(() =>
      planTreatment(assessment, 'wrong', method(), { ...input, residual: { likelihood: 2, impact: 9 } }),
    ).toThrow("field 'residual.impact': 9 is outside the impact scale 1–5");
    expect(() =>
      planTreatment(assessment, 'wrong', method(), {
        ...input,
        residual: { likelihood: 2, impact: 3, level: 'low' },
      }),
    ).toThrow("field 'residual.level': 'low' does not match the methodology, which gives 'medium' (score 6)");
    expect(() => planTreatment(assessment, 'wrong', method({ version: '2.0' }), input)).toThrow(
      /rate the residual risk with risk-method 1.0/,
    );
    expect(() => planTreatment(assessment, 'nope', method(), input)).toThrow(
      "field 'riskId': risk assessment ra-1 has no risk 'nope'",
    );
    expect(() =>
      planTreatment(assessment, 'wrong', method(), { ...input, option: 'accept', annexAControls: [] }),
    ).toThrow(/accepting a risk leaves it as it is/);
  });

  it('lets only the system risk owner accept the residual risk', () => {
    const plan = planTreatment(assessment, 'wrong', method(), input);
    expect(
      acceptResidual(plan, system(), { by: RISK_OWNER, at: `${TODAY}T09:00:00.000Z` }).residualAcceptance,
    ).toEqual({
      acceptedBy: RISK_OWNER,
      acceptedAt: `${TODAY}T09:00:00.000Z`,
    });
    expect(() => acceptResidual(plan, system(), { by: OWNER, at: `${TODAY}T09:00:00.000Z` })).toThrow(
      `field 'residualAcceptance.acceptedBy': only Support bot's risk owner ${RISK_OWNER} may accept its residual risk, not ${OWNER}`,
    );
    expect(() =>
      validateTreatment(
        { ...plan, residualAcceptance: { acceptedBy: OWNER, acceptedAt: `${TODAY}T09:00:00.000Z` } },
        { assessment, method: method(), system: system() },
      ),
    ).toThrow(/only Support bot's risk owner/);
  });

  it('records the effectiveness check only after implementation', () => {
    const plan = planTreatment(assessment, 'wrong', method(), input);
    expect(() =>
      recordEffectiveness(plan, { checkedOn: TODAY, checkedBy: ASSESSOR, effective: true, note: 'ok' }),
    ).toThrow(
      "field 'effectiveness': treatment tr-sys-support-bot-wrong is planned; implement it before checking it works",
    );
    const checked = recordEffectiveness(
      { ...plan, status: 'implemented' },
      { checkedOn: TODAY, checkedBy: ASSESSOR, effective: false, note: 'reviews skipped' },
    );
    expect(checked.status).toBe('ineffective');
    expect(() =>
      validateTreatment(
        { ...plan, status: 'verified-effective' },
        { assessment, method: method(), system: system() },
      ),
    ).toThrow("field 'effectiveness': status 'verified-effective' needs an effectiveness check that says so");
  });

  it('finds untreated, overdue, unaccepted, unverified and ineffective treatments', () => {
    const at = `${TODAY}T09:00:00.000Z`;
    const treatment = (draft: Draft<'treatment'>) => rec('treatment', draft);
    const wrong = planTreatment(assessment, 'wrong', method(), { ...input, status: 'implemented' });
    const leak = acceptResidual(
      planTreatment(assessment, 'leak', method(), {
        ...input,
        status: 'in-progress',
        residual: { likelihood: 1, impact: 5 },
      }),
      system(),
      { by: RISK_OWNER, at },
    );
    const gaps = treatmentGaps(baseSnapshot([assessment, treatment(wrong), treatment(leak)]), TODAY);
    expect(gaps.map((g) => `${g.clause} ${g.what}`)).toEqual([
      '6.1.3 Support bot risk wrong (high): residual risk of tr-sys-support-bot-wrong not accepted',
      '8.3 Support bot risk wrong (high): effectiveness of tr-sys-support-bot-wrong not verified',
      '8.3 Support bot risk leak (high): treatment tr-sys-support-bot-leak was due 2026-08-01',
    ]);
    expect(treatmentGaps(baseSnapshot([assessment]), TODAY).map((g) => g.what)).toEqual([
      'Support bot risk wrong (high) is not acceptable and has no treatment',
      'Support bot risk leak (high) is not acceptable and has no treatment',
    ]);
    const bad = recordEffectiveness(acceptResidual(wrong, system(), { by: RISK_OWNER, at }), {
      checkedOn: TODAY,
      checkedBy: ASSESSOR,
      effective: false,
      note: 'x',
    });
    expect(
      treatmentGaps(
        baseSnapshot([assessment, treatment(bad), treatment({ ...leak, dueOn: '2027-01-01' })]),
        TODAY,
      ).map((g) => g.what),
    ).toEqual(['Support bot risk wrong (high): treatment tr-sys-support-bot-wrong was found ineffective']);
  });
});
