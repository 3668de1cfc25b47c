// People's words for the model's enum values, in one map. Each group is typed as a record over its
// enum (taken from the model's schemas and the job states), so a value added to the model without a
// label here fails the type check; a test walks the schemas' enums at run time as well.
import type {
  AimsChange,
  AimsRisk,
  Approval,
  Audit,
  AuditFinding,
  CorrectiveAction,
  DeploymentStatus as DeploymentStatusSchema,
  EvidenceItem,
  FindingGrade as FindingGradeSchema,
  Improvement,
  InventoryState as InventoryStateSchema,
  LifecycleStage,
  Pinning as PinningSchema,
  ReviewDecision as ReviewDecisionSchema,
  RiskTreatment,
  SoaEntry,
  TreatmentOption as TreatmentOptionSchema,
  Trigger,
  TriggerType,
} from '../../shared/model';
import type { z } from 'zod';
import type { AssessmentState } from '../../shared/processes/reassessment';
import type { SoaStatus } from '../../shared/processes/soa';
import type { JobState } from '../background/jobs/job';

// Enums the model exports as schemas only: their value types.
type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
type FindingGrade = z.infer<typeof FindingGradeSchema>;
type TreatmentOption = z.infer<typeof TreatmentOptionSchema>;
type DeploymentStatus = z.infer<typeof DeploymentStatusSchema>;
type InventoryState = z.infer<typeof InventoryStateSchema>;
type Pinning = z.infer<typeof PinningSchema>;

type Status =
  | AimsChange['status']
  | AimsRisk['status']
  | Audit['status']
  | AuditFinding['status']
  | CorrectiveAction['status']
  | Improvement['status']
  | ReviewDecision['status']
  | RiskTreatment['status']
  | SoaEntry['status']
  | SoaStatus
  | Trigger['status'];

/** Every record kind's `status`, one wording per value whichever kind it belongs to. */
const STATUS: Record<Status, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
  closed: 'Closed',
  proposed: 'Proposed',
  approved: 'Approved',
  rejected: 'Rejected',
  completed: 'Completed',
  reported: 'Reported',
  open: 'Open',
  'action-planned': 'Action planned',
  verifying: 'Verifying',
  'verified-effective': 'Verified effective',
  ineffective: 'Ineffective',
  raised: 'Raised',
  decided: 'Decided',
  implemented: 'Implemented',
  'not-started': 'Not started',
  partial: 'Partly implemented',
  'not-applicable': 'Not applicable (excluded)',
  assessing: 'Being assessed',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

const APPROVAL: Record<Approval['state'], string> = {
  draft: 'Draft',
  'in-review': 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  superseded: 'Superseded',
};

const ASSESSMENT: Record<AssessmentState, string> = {
  missing: 'Missing',
  current: 'Current',
  stale: 'Stale',
  due: 'Due',
  'in-progress': 'In progress',
  overdue: 'Overdue',
};

const TRIGGER_TYPE: Record<TriggerType, string> = {
  'model-added': 'Model added',
  'model-removed': 'Model removed',
  'model-changed': 'Model changed',
  'pinning-changed': 'Model pinning changed',
  'provider-changed': 'Provider changed',
  'model-file-changed': 'Model file changed',
  'system-appeared': 'System appeared',
  'system-disappeared': 'System disappeared',
  'reached-production': 'Reached production',
  'data-source-changed': 'Data source changed',
  'context-changed': 'Context changed',
  calendar: 'Calendar',
  'component-changed': 'Component changed',
};

const FINDING_GRADE: Record<FindingGrade, string> = {
  'major-nc': 'Major nonconformity',
  'minor-nc': 'Minor nonconformity',
  observation: 'Observation',
  opportunity: 'Opportunity for improvement',
};

const TREATMENT_OPTION: Record<TreatmentOption, string> = {
  mitigate: 'Mitigate',
  accept: 'Accept',
  avoid: 'Avoid',
  transfer: 'Transfer',
};

const LIFECYCLE: Record<LifecycleStage, string> = {
  design: 'Design',
  development: 'Development',
  verification: 'Verification',
  deployment: 'Deployment',
  operation: 'Operation',
  retirement: 'Retirement',
};

const DEPLOYMENT: Record<DeploymentStatus, string> = {
  experimental: 'Experimental',
  internal: 'Internal',
  production: 'Production',
  retired: 'Retired',
};

const INVENTORY_STATE: Record<InventoryState, string> = {
  'discovered-unreviewed': 'Discovered, unreviewed',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  vanished: 'Vanished',
};

const PINNING: Record<Pinning, string> = {
  snapshot: 'pinned to a snapshot',
  version: 'pinned to a version',
  hash: 'pinned to a hash',
  floating: 'floating alias',
  'implicit-default': 'provider default',
  unknown: 'pinning unknown',
};

const SOURCE_TOOL: Record<EvidenceItem['sourceTool'], string> = {
  github: 'GitHub',
  jira: 'Jira',
  sharepoint: 'SharePoint',
  local: 'Local file',
  manual: 'Manual',
  aims: 'AIMS Lens',
};

const JOB_STATE: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
};

/** The groups, by what they label; the test checks each group's values against the model. */
export const LABEL_GROUPS = {
  status: STATUS,
  approval: APPROVAL,
  assessment: ASSESSMENT,
  triggerType: TRIGGER_TYPE,
  findingGrade: FINDING_GRADE,
  treatmentOption: TREATMENT_OPTION,
  lifecycle: LIFECYCLE,
  deployment: DEPLOYMENT,
  inventoryState: INVENTORY_STATE,
  pinning: PINNING,
  sourceTool: SOURCE_TOOL,
  jobState: JOB_STATE,
} as const;

const LABELS: ReadonlyMap<string, string> = new Map(
  Object.values(LABEL_GROUPS).flatMap((group) => Object.entries(group)),
);

/** The words for an enum value (`verified-effective` → "Verified effective"); unknown values as they are. */
export const label = (value: string): string => LABELS.get(value) ?? value;
