// Clause 9.2 internal audit and 10.2 nonconformity and corrective action.
import { z } from 'zod';
import { Actor, Day, Id, RecordMeta, RequirementRef } from './base';

export const AuditProgramme = RecordMeta.extend({
  kind: z.literal('audit-programme'),
  title: z.string().min(1),
  frequencyMonths: z.number().int().positive(),
  methods: z
    .array(z.enum(['document-review', 'interview', 'sampling', 'observation', 'technical-test']))
    .min(1),
  responsible: Actor,
  criteria: z.array(z.string()).min(1),
  /** Importance and earlier results that shaped the programme (9.2.2). */
  considerations: z.string().default(''),
});
export type AuditProgramme = z.infer<typeof AuditProgramme>;

export const ChecklistItem = z.object({
  ref: RequirementRef,
  question: z.string().min(1),
  result: z.enum(['not-checked', 'conforming', 'nonconforming', 'not-applicable']),
  evidenceIds: z.array(Id).default([]),
});

export const Audit = RecordMeta.extend({
  kind: z.literal('audit'),
  programmeId: Id,
  title: z.string().min(1),
  scope: z.object({
    clauses: z.array(RequirementRef),
    controls: z.array(RequirementRef),
    systemIds: z.array(Id),
  }),
  criteria: z.array(z.string()).min(1),
  auditors: z.array(Actor).min(1),
  plannedOn: Day,
  completedOn: Day.optional(),
  status: z.enum(['planned', 'in-progress', 'completed', 'reported']),
  checklist: z.array(ChecklistItem),
  reportedTo: Actor.optional(),
  /** A follow-up audit that re-checks the findings of an earlier one. */
  reAuditOf: Id.optional(),
});
export type Audit = z.infer<typeof Audit>;

export const FindingGrade = z.enum(['major-nc', 'minor-nc', 'observation', 'opportunity']);

export const AuditFinding = RecordMeta.extend({
  kind: z.literal('finding'),
  auditId: Id,
  grade: FindingGrade,
  ref: RequirementRef,
  systemId: Id.optional(),
  statement: z.string().min(1),
  evidenceIds: z.array(Id).default([]),
  status: z.enum(['open', 'action-planned', 'verifying', 'closed']),
  closedOn: Day.optional(),
  verifiedInAuditId: Id.optional(),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const CorrectiveAction = RecordMeta.extend({
  kind: z.literal('corrective-action'),
  findingId: Id,
  rootCause: z.string().min(1),
  action: z.string().min(1),
  owner: Actor,
  dueOn: Day,
  status: z.enum(['open', 'done', 'verified-effective', 'ineffective']),
  effectiveness: z
    .object({ checkedOn: Day, checkedBy: Actor, effective: z.boolean(), note: z.string() })
    .optional(),
  jiraKey: z.string().optional(),
});
export type CorrectiveAction = z.infer<typeof CorrectiveAction>;
