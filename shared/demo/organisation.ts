// The embedded example organisation: Harbor Mutual, a mid-size insurer preparing for
// ISO/IEC 42001 certification. Its AIMS is documented and mostly running, with three
// realistic gaps an auditor would find: a system without an impact assessment, a model
// swap whose reassessment is overdue, and an open internal-audit finding.
import { type AnyRecord, RECORD_SCHEMAS } from '../model';
import { withWrite } from '../processes/writes';
import { type FullSnapshot, snapshotOf } from '../processes/snapshot';
import { atNoon } from './dates';
import type { DemoDraft } from './people';
import { contextRecords, interestedPartyRecords } from './context';
import { controlEvidenceRecords } from './control-evidence';
import { improvementRecords, monitoringRecords } from './performance';
import { aimsChangeRecords, aimsRiskRecords, leadershipRecords } from './planning';
import { supportRecords } from './support';
import { systemRecords, SYSTEMS } from './systems';
import { governanceRecords } from './governance';
import type { DemoProcessStep } from './process-step';
import { assessmentRecords } from './assessments';
import { auditAndReviewRecords } from './audit-review';
import { EXCLUDED_CONTROLS, soaRecords } from './soa';
import { triggerRecords } from './model-change';

export { DEMO_ORGANISATION, DEMO_PEOPLE, type DemoDraft } from './people';
export { DEMO_GAPS, DEMO_SYSTEM_IDS } from './systems';
export type { DemoProcessStep } from './process-step';

/** Drafts as stored records (schema defaults applied), so process logic reads them as the register would. */
function asSnapshot(drafts: readonly DemoDraft[], day: string): FullSnapshot {
  const at = atNoon(day);
  const meta = { createdAt: at, updatedAt: at, createdBy: 'aims-demo', updatedBy: 'aims-demo', revision: 1 };
  return snapshotOf(drafts.map((d) => RECORD_SCHEMAS[d.kind].parse({ ...d, ...meta }) as AnyRecord));
}

/** The records before the processes ran: who and what the AIMS covers, its documents, audits and reviews. */
function baselineRecords(today: string): DemoDraft[] {
  return [
    ...governanceRecords(today),
    ...contextRecords(today),
    ...interestedPartyRecords(today),
    ...leadershipRecords(today),
    ...aimsRiskRecords(today),
    ...aimsChangeRecords(today),
    ...supportRecords(today),
    ...monitoringRecords(today),
    ...improvementRecords(today),
    ...SYSTEMS.flatMap((s) => systemRecords(s, today)),
    ...controlEvidenceRecords(today, Object.keys(EXCLUDED_CONTROLS)),
    ...auditAndReviewRecords(today),
  ];
}

/**
 * The process run, step by step and in date order: every system's assessments (built by the risk,
 * impact and treatment processes), then the support assistant's model change and its escalation.
 */
export function demoProcessSteps(today: string): DemoProcessStep[] {
  let working = asSnapshot(baselineRecords(today), today);
  const steps: DemoProcessStep[] = [];
  const run = (step: DemoProcessStep) => {
    steps.push(step);
    working = step.writes.reduce((before, write) => withWrite(before, write), working);
  };
  for (const s of SYSTEMS) run(assessmentRecords(s, working, today));
  for (const step of triggerRecords(working, today)) run(step);
  return steps;
}

/**
 * The whole example organisation as drafts, dated relative to `today` (YYYY-MM-DD): the baseline
 * with the process run's results folded in. `processResults: false` leaves them out, for a caller
 * that records the run itself step by step (the CLI demo does, so each transition gets its event).
 */
export function demoOrganisation(
  today: string,
  options: { processResults?: boolean } = {},
): { records: DemoDraft[] } {
  const baseline = baselineRecords(today);
  const folded = new Map<string, DemoDraft>(baseline.map((d) => [`${d.kind}/${d.id}`, d]));
  for (const write of demoProcessSteps(today).flatMap((s) => s.writes)) {
    folded.set(`${write.kind}/${String(write.draft.id)}`, { ...write.draft, kind: write.kind } as DemoDraft);
  }
  const all = [...folded.values()];
  const soa = soaRecords(today, all);
  return { records: options.processResults === false ? [...baseline, ...soa] : [...all, ...soa] };
}
