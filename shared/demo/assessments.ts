// Risk (6.1.2, 8.2) and impact (6.1.4, 8.4) assessments of every system with their treatments (6.1.3, 8.3),
// built by the process rules from the inputs below; the doc-extraction system is left without an impact
// assessment, a planted gap.
import type { Draft } from '../model';
import { approveImpactAssessment, planImpactAssessment } from '../processes/impact-assessment';
import { currentMethodology } from '../processes/reassessment';
import {
  approveRiskAssessment,
  highestLevel,
  planRiskAssessment,
  risksFromImpactAssessment,
} from '../processes/risk-assessment';
import { acceptResidual, planTreatment, recordEffectiveness } from '../processes/treatment';
import { latestApproved } from '../processes/versions';
import { type RecordWrite, writeOf } from '../processes/writes';
import type { FullSnapshot } from '../processes/snapshot';
import { addDays, atNoon } from './dates';
import type { SystemSpec } from './systems';
import type { DemoProcessStep } from './process-step';
import { DEMO_PEOPLE } from './people';

const P = DEMO_PEOPLE;

interface DemoRisk {
  id: string;
  title: string;
  likelihood: number;
  consequences: Partial<Record<'organisation' | 'individuals' | 'society', number>>;
  treat?: DemoTreatment;
}
interface DemoTreatment {
  controls: string[];
  plan: string;
  residual: [likelihood: number, impact: number];
  /** Still being implemented: due this many days after the demo's today. */
  dueInDays?: number;
}
interface DemoHarm {
  description: string;
  likelihood: number;
  severity: number;
  measures: string[];
  treat?: DemoTreatment;
}

// The doc-extraction system has no impact assessment: one of the planted gaps.
const ASSESSMENT_INPUTS: Record<string, { harm?: DemoHarm; risks: DemoRisk[] }> = {
  'sys-claims-triage': {
    harm: {
      description: 'A complex claim is routed to the fast-track queue and under-handled',
      likelihood: 2,
      severity: 4,
      measures: ['Handlers can re-route any claim', 'Weekly sample review of fast-track decisions'],
    },
    risks: [
      {
        id: 'drift',
        title: 'Routing quality drifts after a data change without anyone noticing',
        likelihood: 3,
        consequences: { organisation: 3, individuals: 2 },
      },
    ],
  },
  'sys-support-assistant': {
    harm: {
      description: 'A customer is given a wrong answer about their cover',
      likelihood: 4,
      severity: 3,
      measures: ['An agent approves every drafted answer', 'Answers cite the policy wording they rely on'],
      treat: {
        controls: ['A.9.2', 'A.8.2', 'A.6.2.6'],
        plan: 'Agent approval of every draft; monthly answer-quality sampling',
        residual: [2, 3],
      },
    },
    risks: [
      {
        id: 'provider-retention',
        title: 'Personal data in prompts is retained by the model provider',
        likelihood: 2,
        consequences: { individuals: 4, organisation: 4 },
      },
    ],
  },
  'sys-underwriting-score': {
    harm: {
      description: 'Applicants from one region or sector are referred or priced unfairly',
      likelihood: 4,
      severity: 5,
      measures: ['Quarterly fairness tests per segment', 'Underwriters decide every referral'],
      treat: {
        controls: ['A.5.4', 'A.6.2.4', 'A.7.4'],
        plan: 'Quarterly segment fairness tests with thresholds; underwriter sign-off on referrals',
        residual: [2, 4],
      },
    },
    risks: [
      {
        id: 'out-of-segment',
        title: 'The score is used for business types it was not validated on',
        likelihood: 3,
        consequences: { organisation: 4, individuals: 3 },
        treat: {
          controls: ['A.9.4', 'A.6.2.6'],
          plan: 'Refuse to score outside validated segments; monitor input drift',
          residual: [1, 4],
        },
      },
    ],
  },
  'sys-fraud-scoring': {
    harm: {
      description: 'A genuine claimant is wrongly flagged for fraud and paid late',
      likelihood: 3,
      severity: 5,
      measures: [
        'An investigator confirms every flag before action',
        'Flagged claims keep the payment deadline',
      ],
      treat: {
        controls: ['A.6.2.4', 'A.9.2'],
        plan: 'Investigator confirmation of every flag; false-positive rate reported monthly',
        residual: [2, 4],
      },
    },
    risks: [
      {
        id: 'log-retention',
        title: 'Inference logs are too short-lived to reconstruct a decision',
        likelihood: 4,
        consequences: { organisation: 3 },
        treat: {
          controls: ['A.6.2.8'],
          plan: 'Keep inference logs for 12 months and check retention at deployment',
          residual: [2, 3],
          dueInDays: 14,
        },
      },
    ],
  },
  'sys-doc-extraction': {
    risks: [
      {
        id: 'misread',
        title: 'A misread medical report changes a claim payout',
        likelihood: 3,
        consequences: { individuals: 4, organisation: 3 },
        treat: {
          controls: ['A.6.2.4', 'A.9.2'],
          plan: 'Handlers confirm extracted amounts above a threshold; monthly accuracy sample',
          residual: [2, 3],
        },
      },
      {
        id: 'provider-retention',
        title: 'Special-category data is retained by the model provider',
        likelihood: 2,
        consequences: { individuals: 5 },
        treat: {
          controls: ['A.10.3', 'A.7.5'],
          plan: 'Zero-retention terms with the provider; data-flow record per attachment type',
          residual: [1, 5],
        },
      },
    ],
  },
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A system's first impact and risk assessments, approved, with its treatments: one process step. */
export function assessmentRecords(s: SystemSpec, working: FullSnapshot, today: string): DemoProcessStep {
  const inputs = ASSESSMENT_INPUTS[s.id] ?? { risks: [] };
  const system = working['ai-system'].find((x) => x.id === s.id);
  const method = currentMethodology(working);
  const template = latestApproved(working['impact-template']);
  if (!system || !method || !template)
    throw new Error(`demo: ${s.id}, its methodology or template is missing`);
  const assessed = addDays(today, -120);
  const writes: RecordWrite[] = [];
  const parts: string[] = [];

  let impact: Draft<'impact-assessment'> | undefined;
  if (inputs.harm) {
    const iaDay = addDays(assessed, -7);
    const draft = planImpactAssessment(
      system,
      template,
      {
        scope: `${s.name} in production, all channels`,
        purpose: s.purpose,
        intendedUses: [s.purpose],
        unintendedUses: ['Fully automated decisions without human review'],
        dataByStage: [
          { stage: 'design', data: 'Requirements and anonymised sample cases', sensitivity: 'internal' },
          { stage: 'development', data: s.datasets.map((d) => d.id).join(', '), sensitivity: s.sensitivity },
          {
            stage: 'verification',
            data: 'Held-out test set from the same sources',
            sensitivity: s.sensitivity,
          },
          {
            stage: 'deployment',
            data: 'Configuration and prompts, no customer data',
            sensitivity: 'internal',
          },
          { stage: 'operation', data: 'Live customer and claim records', sensitivity: s.sensitivity },
          {
            stage: 'retirement',
            data: 'Logs kept for the retention period, then deleted',
            sensitivity: s.sensitivity,
          },
        ],
        complexity: { autonomy: s.autonomy, operationalComplexity: 'medium' },
        interestedParties: ['Policyholders', 'Claims handlers', 'Regulator'],
        impacts: [
          { id: 'i1', affected: 'individuals', nature: 'harm', ...inputs.harm },
          {
            id: 'i2',
            affected: 'individuals',
            description: 'Faster, more consistent handling',
            nature: 'benefit',
            likelihood: 4,
            severity: 3,
            measures: [],
          },
        ],
        nextReview: addDays(assessed, 365),
      },
      { assessor: P.privacy, today: iaDay, cause: 'initial', id: `ia-${s.id}-1` },
    );
    impact = approveImpactAssessment(draft, {
      snapshot: working,
      template,
      system,
      approver: s.riskOwner,
      at: atNoon(addDays(iaDay, 2)),
    });
    writes.push(
      writeOf('impact-assessment', draft, {
        cause: 'initial',
        summary: `${s.name} impact assessment ${draft.id} drafted on template ${template.id} ${template.version}`,
      }),
      writeOf('impact-assessment', impact, {
        action: 'transition',
        cause: 'initial',
        summary: `${s.name} impact assessment ${draft.id} draft → approved by ${s.riskOwner} (tier ${impact.thresholdTier})`,
      }),
    );
    parts.push(`impact assessed (${impact.thresholdTier})`);
  }

  const fromImpact = impact ? risksFromImpactAssessment(impact) : [];
  const planned = planRiskAssessment(
    system,
    method,
    [...fromImpact, ...inputs.risks.map((r) => ({ ...r, source: 'workshop' as const }))],
    {
      assessor: P.riskLead,
      today: assessed,
      cause: 'initial',
      impactAssessmentId: impact?.id,
      id: `ra-${s.id}-1`,
    },
  );
  const assessment = approveRiskAssessment(planned, {
    snapshot: working,
    system,
    method,
    approver: s.riskOwner,
    at: atNoon(assessed),
  });
  const highest = highestLevel(method, assessment.risks) ?? '—';
  writes.push(
    writeOf('risk-assessment', planned, {
      cause: 'initial',
      summary: `${s.name} risk assessment ${planned.id}: ${plural(planned.risks.length, 'risk')}, highest ${highest}`,
    }),
    writeOf('risk-assessment', assessment, {
      action: 'transition',
      cause: 'initial',
      summary: `${s.name} risk assessment ${planned.id} draft → approved by ${s.riskOwner}`,
    }),
  );
  parts.push(`risk assessed: ${plural(assessment.risks.length, 'risk')}, highest ${highest}`);

  const treat: Array<[string, DemoTreatment]> = [
    ...(inputs.harm?.treat ? [['ia-i1', inputs.harm.treat] as [string, DemoTreatment]] : []),
    ...inputs.risks.flatMap((r) => (r.treat ? [[r.id, r.treat] as [string, DemoTreatment]] : [])),
  ];
  let pending = 0;
  for (const [riskId, t] of treat) {
    const implemented = t.dueInDays === undefined;
    pending += implemented ? 0 : 1;
    const plan = planTreatment(assessment, riskId, method, {
      id: `tr-${s.id}-${riskId}`,
      option: 'mitigate',
      annexAControls: t.controls,
      plan: t.plan,
      planOwner: s.owner,
      dueOn: implemented ? addDays(assessed, 60) : addDays(today, t.dueInDays ?? 0),
      status: implemented ? 'implemented' : 'in-progress',
      residual: { likelihood: t.residual[0], impact: t.residual[1] },
    });
    const accepted = acceptResidual(plan, system, { by: s.riskOwner, at: atNoon(addDays(assessed, 2)) });
    writes.push(
      writeOf('treatment', plan, {
        cause: 'initial',
        summary: `${s.name} risk ${riskId}: ${plan.option} with ${plan.annexAControls.join(', ')}, residual ${plan.residual.level}`,
      }),
      writeOf('treatment', accepted, {
        action: 'transition',
        cause: 'initial',
        summary: `${s.name} risk ${riskId}: residual ${plan.residual.level} accepted by risk owner ${s.riskOwner}`,
      }),
    );
    if (implemented) {
      const checked = recordEffectiveness(accepted, {
        checkedOn: addDays(assessed, 60),
        checkedBy: P.riskLead,
        effective: true,
        note: 'Sampled the last month of decisions; the controls operated as planned',
      });
      writes.push(
        writeOf('treatment', checked, {
          action: 'transition',
          cause: 'initial',
          summary: `${s.name} treatment ${plan.id} implemented → verified-effective`,
        }),
      );
    }
  }
  if (treat.length > 0) {
    parts.push(
      `${plural(treat.length, 'treatment')}${pending > 0 ? `, ${pending} in progress` : ', effective'}`,
    );
  }
  return { on: assessed, systemId: s.id, headline: parts.join(' · '), cause: 'initial', writes };
}
