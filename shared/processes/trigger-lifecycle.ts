// Clauses 8.2 and 8.4 "when significant changes are proposed or occur": raising reassessment triggers
// from their sources, and the transitions they drive, each as a write that leaves an event with its cause.
//
// Sources: discovery (model or provider changes — raised by the discovery diff, consumed here as trigger
// records), a system reaching production, a data-source or context change recorded by a person or a
// Jira rule, and the calendar (planned intervals).
//
// Trigger status: open → assessing (a draft reassessment exists) → resolved (an approved assessment of
// every kind the trigger obliges is dated on or after it). assessing → open when the draft goes away.
// A trigger whose reassessment is due for longer than the methodology allows gets `overdueSince`.
import {
  TRIGGER_CLAUSES,
  type AiSystem,
  type Draft,
  type ImpactAssessment,
  type RiskAssessment,
  type Trigger,
  type TriggerType,
} from '../model';
import type { WriteOptions } from '../register';
import { RECORD_KIND_OF, assessmentsOf, latestAssessment, openDrafts } from './assessments';
import { addDays, daysBetween, isDay } from './days';
import { refuse } from '../model';
import {
  assessmentStatus,
  calendarDueOn,
  isOpenTrigger,
  overdueAfterDays,
  triggerKinds,
  type AssessmentKind,
  type AssessmentStatus,
} from './reassessment';
import { inScopeSystems } from './roles';
import type { RegisterSnapshot } from './snapshot';
import { draftOf, withWrite, writeOf, type RecordWrite } from './writes';

export interface TriggerInput {
  id?: string;
  systemId: string;
  type: TriggerType;
  detail: string;
  before?: string;
  after?: string;
  raisedOn: string;
  source: { tool: string; ref: string };
  clauses?: readonly string[];
  status?: Trigger['status'];
}

export const triggerCause = (triggerId: string) => `trigger:${triggerId}`;

export function triggerDraft(input: TriggerInput): Draft<'trigger'> {
  return {
    kind: 'trigger',
    id: input.id ?? `trg-${input.systemId}-${input.type}-${input.raisedOn}`,
    systemId: input.systemId,
    type: input.type,
    ...(input.before !== undefined ? { before: input.before } : {}),
    ...(input.after !== undefined ? { after: input.after } : {}),
    detail: input.detail,
    clauses: [...(input.clauses ?? TRIGGER_CLAUSES[input.type])],
    raisedOn: input.raisedOn,
    source: { ...input.source },
    status: input.status ?? 'open',
  };
}

const KIND_LABEL: Record<AssessmentKind, string> = { risk: 'risk assessment', impact: 'impact assessment' };

/**
 * 'Claims triage risk assessment current → due; impact assessment stays due', or, when both kinds
 * moved alike, 'Claims triage risk and impact assessments current → due'.
 */
export function describeChange(
  systemName: string,
  changes: ReadonlyArray<{ before: AssessmentStatus; after: AssessmentStatus }>,
): string {
  const move = ({ before, after }: { before: AssessmentStatus; after: AssessmentStatus }) =>
    before.state === after.state ? `stays ${after.state}` : `${before.state} → ${after.state}`;
  const [first, second] = changes;
  if (changes.length === 2 && first && second && move(first) === move(second)) {
    return `${systemName} risk and impact assessments ${move(first).replace(/^stays /, 'stay ')}`;
  }
  return `${systemName} ${changes.map((c) => `${KIND_LABEL[c.after.kind]} ${move(c)}`).join('; ')}`;
}

const systemNamed = (snapshot: RegisterSnapshot, systemId: string) =>
  snapshot['ai-system'].find((s) => s.id === systemId);

function statusChange(
  before: { snapshot: RegisterSnapshot; day: string },
  after: { snapshot: RegisterSnapshot; day: string },
  systemId: string,
  kinds: readonly AssessmentKind[],
) {
  return kinds.map((kind) => ({
    before: assessmentStatus(before.snapshot, systemId, kind, before.day),
    after: assessmentStatus(after.snapshot, systemId, kind, after.day),
  }));
}

/**
 * Raises a trigger: the write records it with a transition event whose summary says what it did to
 * the system's assessments on the day it was raised (e.g. 'risk assessment current → due').
 */
export function raiseTrigger(snapshot: RegisterSnapshot, input: TriggerInput): RecordWrite {
  const system = systemNamed(snapshot, input.systemId);
  if (!system) throw refuse('systemId', `no AI system '${input.systemId}' in the register`);
  if (!isDay(input.raisedOn)) throw refuse('raisedOn', `'${input.raisedOn}' is not a day (YYYY-MM-DD)`);
  const draft = triggerDraft(input);
  const write = writeOf('trigger', draft);
  const after = withWrite(snapshot, write);
  // A calendar trigger marks a day that was already due by the calendar: compare with the day before.
  const beforeDay = input.type === 'calendar' ? addDays(input.raisedOn, -1) : input.raisedOn;
  const changes = statusChange(
    { snapshot, day: beforeDay },
    { snapshot: after, day: input.raisedOn },
    system.id,
    triggerKinds(draft),
  );
  const what = `${input.type}${input.before || input.after ? ` ${input.before ?? '—'} → ${input.after ?? '—'}` : ''}`;
  return writeOf('trigger', draft, {
    action: 'transition',
    cause: triggerCause(draft.id),
    summary: `${describeChange(system.name, changes)} (${what})`,
  });
}

/** A 'reached-production' trigger when a recorded change moves a system into production. */
export function reachedProductionTrigger(
  before: Pick<AiSystem, 'deploymentStatus'> | undefined,
  after: Pick<AiSystem, 'id' | 'name' | 'deploymentStatus'>,
  today: string,
): TriggerInput | undefined {
  if (!before || before.deploymentStatus === 'production' || after.deploymentStatus !== 'production')
    return undefined;
  return {
    systemId: after.id,
    type: 'reached-production',
    before: before.deploymentStatus,
    after: 'production',
    detail: `${after.name} moved from ${before.deploymentStatus} to production`,
    raisedOn: today,
    source: { tool: 'aims', ref: `ai-system:${after.id}` },
  };
}

function supersede(old: RiskAssessment | ImpactAssessment, by: string, options: WriteOptions): RecordWrite {
  const approval = { ...old.approval, state: 'superseded' as const, note: `superseded by ${by}` };
  return old.kind === 'risk-assessment'
    ? writeOf('risk-assessment', { ...draftOf<'risk-assessment'>(old), approval }, options)
    : writeOf('impact-assessment', { ...draftOf<'impact-assessment'>(old), approval }, options);
}

export const calendarTriggerId = (systemId: string, kind: AssessmentKind, day: string) =>
  `trg-calendar-${systemId}-${kind}-${day}`;

export interface TransitionOptions {
  /** Only plan transitions for these systems. */
  systemIds?: readonly string[];
}

/**
 * The writes that bring recorded states in line with the register as of `today`, in order:
 * older approved assessments superseded, calendar triggers raised, triggers moved to assessing or
 * resolved, and overdue reassessments escalated. Apply them in one transaction; each carries its event.
 */
export function applyTransitions(
  snapshot: RegisterSnapshot,
  today: string,
  options: TransitionOptions = {},
): RecordWrite[] {
  const writes: RecordWrite[] = [];
  let working = snapshot;
  const push = (write: RecordWrite) => {
    writes.push(write);
    working = withWrite(working, write);
  };
  const wanted = (systemId: string) => !options.systemIds || options.systemIds.includes(systemId);
  const kinds: AssessmentKind[] = ['risk', 'impact'];

  for (const system of snapshot['ai-system'].filter((s) => wanted(s.id))) {
    for (const kind of kinds) {
      const latest = latestAssessment(working, system.id, kind, today);
      if (!latest) continue;
      const older = assessmentsOf(working, system.id, kind).filter(
        (a) => a.id !== latest.id && a.approval.state === 'approved' && a.assessedOn <= today,
      );
      for (const old of older) {
        push(
          supersede(old, latest.id, {
            action: 'transition',
            cause: `${RECORD_KIND_OF[kind]}:${latest.id}`,
            summary: `${system.name} ${KIND_LABEL[kind]} ${old.id} approved → superseded by ${latest.id}`,
          }),
        );
      }
    }
  }

  for (const system of inScopeSystems(working).filter((s) => wanted(s.id))) {
    for (const kind of kinds) {
      const latest = latestAssessment(working, system.id, kind, today);
      if (!latest) continue;
      const due = calendarDueOn(working, latest);
      const id = calendarTriggerId(system.id, kind, due);
      if (due > today || working.trigger.some((t) => t.id === id)) continue;
      push(
        raiseTrigger(working, {
          id,
          systemId: system.id,
          type: 'calendar',
          detail: `planned reassessment: ${KIND_LABEL[kind]} ${latest.id} of ${latest.assessedOn} is due again on ${due}`,
          raisedOn: due,
          source: { tool: 'aims', ref: 'calendar' },
          clauses: [kind === 'risk' ? '8.2' : '8.4'],
        }),
      );
    }
  }

  const limit = overdueAfterDays(working);
  const open = working.trigger
    .filter((t) => isOpenTrigger(t) && t.raisedOn <= today && wanted(t.systemId))
    .sort((a, b) => (a.raisedOn !== b.raisedOn ? (a.raisedOn < b.raisedOn ? -1 : 1) : a.id < b.id ? -1 : 1));
  for (const trigger of open) {
    const system = systemNamed(working, trigger.systemId);
    if (!system) continue;
    const obliged = triggerKinds(trigger);
    const answers = obliged.map((kind) => {
      const latest = latestAssessment(working, system.id, kind, today);
      return latest && latest.assessedOn >= trigger.raisedOn ? latest : undefined;
    });
    const cause = triggerCause(trigger.id);
    const current = draftOf<'trigger'>(trigger);

    if (answers.every((a) => a !== undefined)) {
      const by = answers.map((a) => a?.id).join(', ');
      push(
        writeOf(
          'trigger',
          { ...current, status: 'resolved', resolvedBy: by },
          {
            action: 'transition',
            cause,
            summary: `${system.name}: trigger ${trigger.id} ${trigger.status} → resolved by ${by}`,
          },
        ),
      );
      continue;
    }

    const drafts = obliged.flatMap((kind) =>
      openDrafts(working, system.id, kind, today).filter(
        (d) => d.assessedOn >= trigger.raisedOn || d.cause === trigger.id,
      ),
    );
    let status = trigger.status;
    if (trigger.status === 'open' && drafts.length > 0) {
      status = 'assessing';
      push(
        writeOf(
          'trigger',
          { ...current, status },
          {
            action: 'transition',
            cause,
            summary: `${system.name}: trigger ${trigger.id} open → assessing (draft ${drafts.map((d) => d.id).join(', ')})`,
          },
        ),
      );
    } else if (trigger.status === 'assessing' && drafts.length === 0) {
      status = 'open';
      push(
        writeOf(
          'trigger',
          { ...current, status },
          {
            action: 'transition',
            cause,
            summary: `${system.name}: trigger ${trigger.id} assessing → open (no draft reassessment left)`,
          },
        ),
      );
    }

    if (!trigger.overdueSince && daysBetween(trigger.raisedOn, today) > limit) {
      const overdueSince = addDays(trigger.raisedOn, limit + 1);
      const pendingKinds = obliged.filter((_, i) => answers[i] === undefined);
      const changes = statusChange(
        { snapshot: working, day: addDays(overdueSince, -1) },
        { snapshot: working, day: overdueSince },
        system.id,
        pendingKinds,
      );
      push(
        writeOf(
          'trigger',
          { ...current, status, overdueSince },
          {
            action: 'transition',
            cause,
            summary: `${describeChange(system.name, changes)} (${limit} days after ${trigger.id})`,
          },
        ),
      );
    }
  }
  return writes;
}
