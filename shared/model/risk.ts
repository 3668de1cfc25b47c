// Clauses 6.1.1–6.1.3, 8.2 and 8.3: risk criteria, assessment runs, risks and their treatment.
import { z } from 'zod';
import { Actor, Approval, Day, Id, Instant, RecordMeta } from './base';
import { Component } from './ai-system';

export const ConsequenceDimension = z.enum(['organisation', 'individuals', 'society']);
export type ConsequenceDimension = z.infer<typeof ConsequenceDimension>;

export const ScaleLevel = z.object({
  value: z.number().int().min(1),
  label: z.string().min(1),
  meaning: z.string().min(1),
});

export const LevelBand = z.object({
  name: z.string().min(1),
  /** Inclusive score range of likelihood × impact. */
  min: z.number().int().min(1),
  max: z.number().int().min(1),
  /** Acceptable without treatment under the risk appetite. */
  acceptable: z.boolean(),
  /** Days within which a treatment decision is due. */
  responseDays: z.number().int().positive(),
});

/** Risk criteria and method (6.1.1, 6.1.2) as versioned, approved documented information. */
export const RiskMethodology = RecordMeta.extend({
  kind: z.literal('risk-methodology'),
  version: z.string().min(1),
  likelihood: z.array(ScaleLevel).min(2),
  impact: z.array(ScaleLevel).min(2),
  dimensions: z.array(ConsequenceDimension).min(1),
  bands: z.array(LevelBand).min(1),
  appetite: z.string().min(1),
  /** Planned interval between reassessments, in days (8.2 "planned intervals"). */
  reassessmentIntervalDays: z.number().int().positive(),
  /** Days a due reassessment may wait before it counts as overdue. */
  overdueAfterDays: z.number().int().nonnegative(),
  approval: Approval,
});
export type RiskMethodology = z.infer<typeof RiskMethodology>;

export const RiskSource = z.enum([
  'impact-assessment',
  'discovery',
  'trigger',
  'workshop',
  'incident',
  'audit-finding',
  'annex-c',
]);

export const IdentifiedRisk = z.object({
  id: Id,
  title: z.string().min(1),
  description: z.string().default(''),
  source: RiskSource,
  /** e.g. the impact assessment id this risk was carried over from. */
  sourceRef: z.string().optional(),
  likelihood: z.number().int().min(1),
  consequences: z.partialRecord(ConsequenceDimension, z.number().int().min(1)),
  /** Derived by the methodology; stored so the record reads on its own. */
  score: z.number().int().min(1),
  level: z.string(),
  acceptable: z.boolean(),
  priority: z.number().int().min(1),
});
export type IdentifiedRisk = z.infer<typeof IdentifiedRisk>;

/** One run of the risk assessment for one AI system (8.2). */
export const RiskAssessment = RecordMeta.extend({
  kind: z.literal('risk-assessment'),
  systemId: Id,
  assessedOn: Day,
  assessor: Actor,
  methodologyId: Id,
  methodologyVersion: z.string(),
  /** The system's components as they were when assessed. */
  systemSnapshot: z.object({ components: z.array(Component), lifecycleStage: z.string() }),
  /** Impact assessment whose results fed this run (6.1.4 → 6.1.2). */
  impactAssessmentId: Id.optional(),
  risks: z.array(IdentifiedRisk),
  /** Why the run happened: a trigger id, or 'calendar', or 'initial'. */
  cause: z.string().min(1),
  approval: Approval,
});
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export const TreatmentOption = z.enum(['mitigate', 'accept', 'avoid', 'transfer']);

/** Treatment of one identified risk (6.1.3, 8.3). */
export const RiskTreatment = RecordMeta.extend({
  kind: z.literal('treatment'),
  systemId: Id,
  riskAssessmentId: Id,
  riskId: Id,
  option: TreatmentOption,
  annexAControls: z.array(z.string().regex(/^A\.\d+(\.\d+)+$/)),
  extraControls: z.array(z.string()).default([]),
  plan: z.string().min(1),
  planOwner: Actor,
  dueOn: Day,
  status: z.enum(['planned', 'in-progress', 'implemented', 'verified-effective', 'ineffective']),
  residual: z.object({
    likelihood: z.number().int().min(1),
    impact: z.number().int().min(1),
    level: z.string(),
  }),
  residualAcceptance: z
    .object({ acceptedBy: Actor, acceptedAt: Instant, note: z.string().optional() })
    .optional(),
  effectiveness: z
    .object({ checkedOn: Day, checkedBy: Actor, effective: z.boolean(), note: z.string() })
    .optional(),
  jiraKey: z.string().optional(),
});
export type RiskTreatment = z.infer<typeof RiskTreatment>;
