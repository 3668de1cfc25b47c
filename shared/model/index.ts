// The register's record kinds: one zod schema per kind, the single source of every type.
import { z } from 'zod';
import { AiSystem } from './ai-system';
import { withoutMetaCopy, type RecordMetaField } from './meta-fields';
import { Audit, AuditFinding, AuditProgramme, CorrectiveAction } from './audit';
import { CertificationPlan } from './certification';
import { DocumentedInformation } from './documented-information';
import { EvidenceItem } from './evidence';
import { ImpactAssessment, ImpactTemplate } from './impact';
import { ManagementReview } from './management-review';
import { RiskAssessment, RiskMethodology, RiskTreatment } from './risk';
import { RoleAssignment } from './roles';
import { SoaEntry } from './soa';
import { Trigger } from './trigger';
import { ContextIssue, InterestedParty } from './context';
import { Improvement } from './improvement';
import { LeadershipCommitment } from './leadership';
import { Measurement, MonitoringPlan } from './monitoring';
import { AimsChange, AimsRisk } from './planning';
import { AimsResource, Awareness, Communication } from './support';

export * from './base';
export * from './ai-system';
export * from './audit';
export * from './certification';
export * from './documented-information';
export * from './event';
export * from './evidence';
export * from './impact';
export * from './management-review';
export * from './risk';
export * from './roles';
export * from './soa';
export * from './trigger';
export * from './context';
export * from './improvement';
export * from './leadership';
export * from './monitoring';
export * from './planning';
export * from './support';

export const RECORD_SCHEMAS = {
  'ai-system': AiSystem,
  'role-assignment': RoleAssignment,
  document: DocumentedInformation,
  'risk-methodology': RiskMethodology,
  'risk-assessment': RiskAssessment,
  treatment: RiskTreatment,
  'impact-template': ImpactTemplate,
  'impact-assessment': ImpactAssessment,
  trigger: Trigger,
  'audit-programme': AuditProgramme,
  audit: Audit,
  finding: AuditFinding,
  'corrective-action': CorrectiveAction,
  'management-review': ManagementReview,
  'soa-entry': SoaEntry,
  evidence: EvidenceItem,
  'certification-plan': CertificationPlan,
  'context-issue': ContextIssue,
  'interested-party': InterestedParty,
  'leadership-commitment': LeadershipCommitment,
  'aims-risk': AimsRisk,
  'aims-change': AimsChange,
  resource: AimsResource,
  awareness: Awareness,
  communication: Communication,
  'monitoring-plan': MonitoringPlan,
  measurement: Measurement,
  improvement: Improvement,
} as const;

export type RecordKind = keyof typeof RECORD_SCHEMAS;
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[];
export const RecordKind = z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]);
export type RecordOf<K extends RecordKind> = z.infer<(typeof RECORD_SCHEMAS)[K]>;
export type AnyRecord = { [K in RecordKind]: RecordOf<K> }[RecordKind];

export { RECORD_META_FIELDS, type RecordMetaField } from './meta-fields';

/** Fields a writer supplies; the register fills in id defaults, timestamps, actor and revision. */
export type Draft<K extends RecordKind> = Omit<z.input<(typeof RECORD_SCHEMAS)[K]>, RecordMetaField>;

/** A stored record as a draft again (a deep copy without the metadata): what a writer edits and writes back. */
export function draftOf<K extends RecordKind>(record: RecordOf<K>): Draft<K> {
  return withoutMetaCopy(record) as Draft<K>;
}
export * from './refusal';
