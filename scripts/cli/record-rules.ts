// Process rules `aims record` applies per record kind, one file per rule under record-rules/. A kind
// without a rule is checked against its schema only. A rule turns a parsed file into the writes to
// make — the recorded record first, then any it implies (e.g. a trigger) — or throws naming the field.
import type { RecordKind } from '../../shared/model';
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import type { RecordWrite } from '../../shared/processes/writes';
import { aiSystemRule } from './record-rules/ai-system';
import { auditRule } from './record-rules/audit';
import { correctiveActionRule } from './record-rules/corrective-action';
import { findingRule } from './record-rules/finding';
import { impactAssessmentRule } from './record-rules/impact-assessment';
import { impactTemplateRule } from './record-rules/impact-template';
import { managementReviewRule } from './record-rules/management-review';
import { riskAssessmentRule } from './record-rules/risk-assessment';
import { riskMethodologyRule } from './record-rules/risk-methodology';
import { treatmentRule } from './record-rules/treatment';
import { triggerRule } from './record-rules/trigger';

export interface RecordRuleContext {
  /** The register as it was before this file. */
  snapshot: RegisterSnapshot;
  /** The recording day (YYYY-MM-DD): --today, else the current day. */
  today: string;
  /** The current instant, for approval and acceptance times a file leaves out. */
  now: string;
  /** Who records the file (--actor). */
  actor: string;
}

export interface RecordRule {
  /** One line for `aims record --help`. */
  summary: string;
  /** Checks the parsed file (an object) and returns the writes; throws ProcessError naming the field at fault. */
  prepare(value: Record<string, unknown>, context: RecordRuleContext): RecordWrite[];
}

export const RECORD_RULES: Partial<Record<RecordKind, RecordRule>> = {
  'ai-system': aiSystemRule,
  'risk-methodology': riskMethodologyRule,
  'risk-assessment': riskAssessmentRule,
  treatment: treatmentRule,
  'impact-template': impactTemplateRule,
  'impact-assessment': impactAssessmentRule,
  trigger: triggerRule,
  audit: auditRule,
  finding: findingRule,
  'corrective-action': correctiveActionRule,
  'management-review': managementReviewRule,
};
