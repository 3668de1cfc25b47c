// Clauses 6.1.4 and 8.4, shaped by ISO/IEC 42005: a versioned template and one assessment per system.
import { z } from 'zod';
import { Actor, Approval, Day, Id, RecordMeta } from './base';
import { LifecycleStage } from './ai-system';

export const TemplateSection = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** The ISO/IEC 42005 element this section answers, e.g. '6.3'. */
  element: z.string().optional(),
  prompt: z.string().min(1),
  required: z.boolean(),
});

export const DataSensitivity = z.enum([
  'none',
  'public',
  'internal',
  'confidential',
  'personal',
  'special-category',
]);
export type DataSensitivity = z.infer<typeof DataSensitivity>;

export const Autonomy = z.enum(['human-in-the-loop', 'human-on-the-loop', 'autonomous']);
export type Autonomy = z.infer<typeof Autonomy>;

export const ThresholdTier = z.enum(['standard', 'sensitive', 'restricted']);
export type ThresholdTier = z.infer<typeof ThresholdTier>;

/** Machine-checkable conditions for a threshold: any one that holds puts the assessment in the tier. */
export const ThresholdRule = z.object({
  /** Some lifecycle stage handles data at least this sensitive. */
  dataSensitivityAtLeast: DataSensitivity.optional(),
  /** The system acts with at least this much autonomy. */
  autonomyAtLeast: Autonomy.optional(),
  /** Some harm reaches at least this severity (1–5). */
  harmSeverityAtLeast: z.number().int().min(1).max(5).optional(),
});
export type ThresholdRule = z.infer<typeof ThresholdRule>;

export const ImpactTemplate = RecordMeta.extend({
  kind: z.literal('impact-template'),
  title: z.string().min(1),
  version: z.string().min(1),
  sections: z.array(TemplateSection).min(1),
  /** Thresholds that mark a use as sensitive or restricted (42005 5.7). */
  thresholds: z.array(z.object({ tier: ThresholdTier, when: z.string(), rule: ThresholdRule.optional() })),
  approval: Approval,
});
export type ImpactTemplate = z.infer<typeof ImpactTemplate>;

export const Impact = z.object({
  id: Id,
  affected: z.enum(['individuals', 'groups', 'society', 'organisation']),
  description: z.string().min(1),
  nature: z.enum(['benefit', 'harm']),
  likelihood: z.number().int().min(1).max(5),
  severity: z.number().int().min(1).max(5),
  measures: z.array(z.string()).default([]),
});
export type Impact = z.infer<typeof Impact>;

export const ImpactAssessment = RecordMeta.extend({
  kind: z.literal('impact-assessment'),
  systemId: Id,
  templateId: Id,
  templateVersion: z.string(),
  assessor: Actor,
  assessedOn: Day,
  scope: z.string().min(1),
  purpose: z.string().min(1),
  intendedUses: z.array(z.string()).min(1),
  unintendedUses: z.array(z.string()),
  dataByStage: z.array(z.object({ stage: LifecycleStage, data: z.string(), sensitivity: DataSensitivity })),
  complexity: z.object({
    autonomy: Autonomy,
    operationalComplexity: z.enum(['low', 'medium', 'high']),
    note: z.string().optional(),
  }),
  interestedParties: z.array(z.string()),
  impacts: z.array(Impact),
  thresholdTier: ThresholdTier,
  /** Free-text answers to template sections that have no structured field, by section id. */
  answers: z.record(z.string(), z.string()).optional(),
  /** Component fingerprint at approval; a change after approval makes the assessment stale. */
  systemFingerprint: z.string(),
  cause: z.string().min(1),
  approval: Approval,
  nextReview: Day,
});
export type ImpactAssessment = z.infer<typeof ImpactAssessment>;
