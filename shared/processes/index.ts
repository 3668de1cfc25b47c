// The clause processes' public face. Each module is named after its subject and its header names the
// clauses it implements; the sections below separate the processes from the plumbing they share.
// Output formats (HTML pack, iCalendar, CSV, CycloneDX) are in shared/render/, write rules in shared/records/.

// ── Clause processes ─────────────────────────────────────────────────────────
export { roleGaps, inScopeSystems, holdersOf, riskOwnerOf, REQUIRED_AIMS_ROLES } from './roles'; // 5.3
export { defaultRiskMethodology, evaluateRisk, evaluateRisks, validateMethodology } from './risk-method'; // 6.1.2
export { planRiskAssessment, approveRiskAssessment, mayApproveRiskAssessment } from './risk-assessment'; // 6.1.2, 8.2
export { planTreatment, acceptResidual, validateTreatment, treatmentGaps } from './treatment'; // 6.1.3, 8.3
export { buildSoa, soaGaps, type SoaRow, type SoaGap } from './soa'; // 6.1.3 d)
export {
  planImpactAssessment,
  approveImpactAssessment,
  validateImpactAssessment,
  systemFingerprint,
  assessmentsOnOlderTemplate,
} from './impact-assessment'; // 6.1.4, 8.4
export { systemStatuses, assessmentStatus, type AssessmentStatus } from './reassessment'; // 8.2, 8.4
export { raiseTrigger, triggerDraft, applyTransitions, reachedProductionTrigger } from './trigger-lifecycle'; // 8.2, 8.4
export { monitoringStatuses } from './monitoring'; // 9.1
export {
  auditChecklist,
  validateAudit,
  validateFinding,
  validateCorrectiveAction,
  findingGaps,
  openFindings,
} from './internal-audit'; // 9.2, 10.2
export { auditCoverage } from './audit-coverage'; // 9.2
export { compileReviewInputs, planReview, reviewCadence, validateReview } from './management-review'; // 9.3
export { documentControlGaps, clauseRecordStage1Gaps, clauseRecordStage2Gaps } from './clause-records'; // 4.1–7.5, 9.1, 10.1
export { recordsForClause, type ClauseRecordRow } from './records-by-clause'; // 4–10, what a clause page lists
export { gapAssessment, evidenceChecks } from './gap-assessment'; // 7.5
export { operatingCalendar, certificationMilestones, type CalendarEvent } from './calendar';
export { readiness, readinessJson, roadmap } from './readiness';
export { rmfCoverage } from './rmf-coverage';
export { processGaps } from './process-gaps';

// ── Plumbing the processes share ─────────────────────────────────────────────
export {
  EVIDENCE_SUMMARY_FIELDS,
  SYSTEM_SUMMARY_FIELDS,
  loadSnapshot,
  snapshotOf,
  summaryOf,
  type EvidenceSummary,
  type FullSnapshot,
  type RegisterSnapshot,
  type SystemSummary,
} from './snapshot';
export { writeOf, putAll, withWrite, draftOf, type RecordWrite } from './writes';
export { Refusal, refuse, throwFirst, type Problem, type RefusalDetail } from '../model/refusal';
export { addDays, daysBetween, isDay } from './days';
export type { Gap } from './gap-row';
