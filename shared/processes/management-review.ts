// Clause 9.3 management review: when the next one is due, the 9.3.2 input pack compiled from the register
// rather than from memory, and the rules a recorded review must meet (9.3.3 decisions, attendees).
import type { AuditFinding, Draft, ManagementReview } from '../model';
import { addDays, dayOf } from './days';
import { maxDay } from './days';
import { GRADE_LABEL, isAuditDone, isNonconformity } from './internal-audit';
import { monitoringStatuses } from './monitoring';
import { systemStatuses } from './reassessment';
import { ruleError, ruleWarning, type RuleIssue } from './rule-issue';
import type { RegisterSnapshot } from './snapshot';

/** How close a review must be to count as due rather than merely scheduled. */
export const REVIEW_DUE_WINDOW_DAYS = 30;

export interface ReviewCadence {
  state: 'never-held' | 'scheduled' | 'due' | 'overdue';
  lastReviewId?: string;
  lastHeldOn?: string;
  /** From the last review's nextReviewOn; absent when no review was ever held. */
  nextDueOn?: string;
}

export const latestReview = (snapshot: RegisterSnapshot): ManagementReview | undefined =>
  [...snapshot['management-review']]
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0))
    .at(-1);

export function reviewCadence(snapshot: RegisterSnapshot, today: string): ReviewCadence {
  const last = latestReview(snapshot);
  if (!last) return { state: 'never-held' };
  const base = { lastReviewId: last.id, lastHeldOn: last.heldOn, nextDueOn: last.nextReviewOn };
  if (last.nextReviewOn < today) return { state: 'overdue', ...base };
  if (last.nextReviewOn <= addDays(today, REVIEW_DUE_WINDOW_DAYS)) return { state: 'due', ...base };
  return { state: 'scheduled', ...base };
}

// ── Input pack (9.3.2) ───────────────────────────────────────────────────────

type Grade = AuditFinding['grade'];
const GRADES: readonly Grade[] = ['major-nc', 'minor-nc', 'observation', 'opportunity'];
const zeroGrades = (): Record<Grade, number> => ({
  'major-nc': 0,
  'minor-nc': 0,
  observation: 0,
  opportunity: 0,
});

export interface PreviousAction {
  reviewId: string;
  decisionId: string;
  decision: string;
  owner?: string;
  dueOn?: string;
  status: 'open' | 'done';
  overdue: boolean;
}

export interface AuditResult {
  auditId: string;
  title: string;
  completedOn?: string;
  status: string;
  findings: Record<Grade, number>;
}

export interface ReviewInputPack {
  compiledOn: string;
  /** Day of the last review; the pack covers what happened after it (everything, if none was held). */
  since?: string;
  previousActions: PreviousAction[];
  contextChanges: {
    triggers: Array<{ id: string; systemId: string; type: string; raisedOn: string; detail: string }>;
    newSystems: Array<{ id: string; name: string; addedOn: string }>;
  };
  performance: {
    triggersRaised: number;
    triggersOpen: number;
    overdueAssessments: Array<{
      systemId: string;
      systemName: string;
      kind: 'risk' | 'impact';
      state: string;
      dueOn?: string;
    }>;
    nonconformities: {
      byGrade: Record<Grade, { total: number; open: number }>;
      /** Findings per completed audit, oldest first. */
      trend: AuditResult[];
      direction: 'no-audits' | 'first-audit' | 'rising' | 'falling' | 'flat';
    };
    correctiveActions: { open: number; overdue: number; verifiedEffective: number; ineffective: number };
    auditResults: AuditResult[];
  };
  /** Changes in interested parties' needs and expectations since the last review (9.3.2 c). */
  interestedParties: Array<{ partyId: string; name: string; on: string; change: string }>;
  /** Each monitoring plan line with its latest result (9.3.2 d). */
  monitoring: Array<{
    planId: string;
    what: string;
    state: string;
    measuredOn?: string;
    value?: string;
    meetsTarget?: boolean;
    target: string;
  }>;
  opportunities: Array<{
    findingId: string;
    grade: Grade;
    ref: string;
    statement: string;
    systemId?: string;
  }>;
}

const after = (day: string | undefined, since: string | undefined) =>
  day !== undefined && (since === undefined || day > since);

function auditResult(snapshot: RegisterSnapshot, audit: RegisterSnapshot['audit'][number]): AuditResult {
  const findings = zeroGrades();
  for (const f of snapshot.finding.filter((x) => x.auditId === audit.id)) findings[f.grade] += 1;
  return {
    auditId: audit.id,
    title: audit.title,
    ...(audit.completedOn ? { completedOn: audit.completedOn } : {}),
    status: audit.status,
    findings,
  };
}

/** Compiles the 9.3.2 inputs from the register as it stands on `today`. */
export function compileReviewInputs(snapshot: RegisterSnapshot, today: string): ReviewInputPack {
  const last = latestReview(snapshot);
  const since = last?.heldOn;

  const previousActions: PreviousAction[] = (last?.decisions ?? []).map((d) => ({
    reviewId: last!.id,
    decisionId: d.id,
    decision: d.decision,
    ...(d.actionOwner ? { owner: d.actionOwner } : {}),
    ...(d.dueOn ? { dueOn: d.dueOn } : {}),
    status: d.status,
    overdue: d.status === 'open' && d.dueOn !== undefined && d.dueOn < today,
  }));

  const recentTriggers = snapshot.trigger.filter((t) => after(t.raisedOn, since));
  const contextTriggers = recentTriggers
    .filter((t) => t.type === 'context-changed' || t.type === 'data-source-changed')
    .map((t) => ({ id: t.id, systemId: t.systemId, type: t.type, raisedOn: t.raisedOn, detail: t.detail }));
  // A system assessed on or before the last review was already known to it, whenever its record was written.
  const knownBefore = new Set(
    [...snapshot['risk-assessment'], ...snapshot['impact-assessment']]
      .filter((a) => since !== undefined && a.assessedOn <= since)
      .map((a) => a.systemId),
  );
  const newSystems = snapshot['ai-system']
    .filter((s) => !knownBefore.has(s.id) && after(s.createdAt ? dayOf(s.createdAt) : undefined, since))
    .map((s) => ({ id: s.id, name: s.name, addedOn: dayOf(s.createdAt) }));

  const overdueAssessments = systemStatuses(snapshot, today).flatMap(({ system, risk, impact }) =>
    [risk, impact]
      .filter((st) => st.state === 'overdue' || st.state === 'missing')
      .map((st) => ({
        systemId: system.id,
        systemName: system.name,
        kind: st.kind,
        state: st.state,
        ...(st.dueOn ? { dueOn: st.dueOn } : {}),
      })),
  );

  const byGrade = Object.fromEntries(GRADES.map((g) => [g, { total: 0, open: 0 }])) as Record<
    Grade,
    { total: number; open: number }
  >;
  for (const f of snapshot.finding) {
    byGrade[f.grade].total += 1;
    if (f.status !== 'closed') byGrade[f.grade].open += 1;
  }
  const done = snapshot.audit
    .filter(isAuditDone)
    .sort((a, b) => ((a.completedOn ?? a.plannedOn) < (b.completedOn ?? b.plannedOn) ? -1 : 1));
  const trend = done.map((a) => auditResult(snapshot, a));
  const ncCount = (r: AuditResult) => r.findings['major-nc'] + r.findings['minor-nc'];
  const [prev, latest] = trend.slice(-2);
  const direction =
    trend.length === 0
      ? 'no-audits'
      : trend.length === 1 || !prev || !latest
        ? 'first-audit'
        : ncCount(latest) > ncCount(prev)
          ? 'rising'
          : ncCount(latest) < ncCount(prev)
            ? 'falling'
            : 'flat';

  const actions = snapshot['corrective-action'];
  return {
    compiledOn: today,
    ...(since ? { since } : {}),
    previousActions,
    contextChanges: { triggers: contextTriggers, newSystems },
    performance: {
      triggersRaised: recentTriggers.length,
      triggersOpen: snapshot.trigger.filter((t) => t.status === 'open' || t.status === 'assessing').length,
      overdueAssessments,
      nonconformities: { byGrade, trend, direction },
      correctiveActions: {
        open: actions.filter((a) => a.status === 'open' || a.status === 'done').length,
        overdue: actions.filter((a) => a.status === 'open' && a.dueOn < today).length,
        verifiedEffective: actions.filter((a) => a.status === 'verified-effective').length,
        ineffective: actions.filter((a) => a.status === 'ineffective').length,
      },
      auditResults: trend.filter((r) => after(r.completedOn, since) || since === undefined),
    },
    interestedParties: snapshot['interested-party'].flatMap((p) =>
      p.changes
        .filter((c) => after(c.on, since) && c.on <= today)
        .map((c) => ({ partyId: p.id, name: p.name, on: c.on, change: c.change })),
    ),
    monitoring: monitoringStatuses(snapshot, today).map(({ plan, latest, state }) => ({
      planId: plan.id,
      what: plan.what,
      state,
      ...(latest
        ? { measuredOn: latest.measuredOn, value: latest.value, meetsTarget: latest.meetsTarget }
        : {}),
      target: plan.target,
    })),
    opportunities: snapshot.finding
      .filter((f) => !isNonconformity(f) && f.status !== 'closed')
      .map((f) => ({
        findingId: f.id,
        grade: f.grade,
        ref: f.ref,
        statement: f.statement,
        ...(f.systemId ? { systemId: f.systemId } : {}),
      })),
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The pack as the plain lines a ManagementReview record keeps verbatim. */
export function recordedInputs(pack: ReviewInputPack): ManagementReview['inputs'] {
  const perf = pack.performance;
  const grades = (f: Record<Grade, number>) =>
    GRADES.filter((g) => f[g] > 0)
      .map((g) => `${f[g]} ${GRADE_LABEL[g]}`)
      .join(', ') || 'no findings';
  return {
    previousActions:
      pack.previousActions.length === 0
        ? ['None: no earlier review decisions']
        : pack.previousActions.map(
            (a) =>
              `${a.reviewId}/${a.decisionId} ${a.status}${a.overdue ? ' (overdue)' : ''}: ${a.decision}${a.owner ? ` — ${a.owner}` : ''}${a.dueOn ? `, due ${a.dueOn}` : ''}`,
          ),
    contextChanges: [
      ...pack.contextChanges.triggers.map(
        (t) => `${t.raisedOn} ${t.type} on ${t.systemId}: ${t.detail} (${t.id})`,
      ),
      ...pack.contextChanges.newSystems.map((s) => `New AI system ${s.name} (${s.id}) added ${s.addedOn}`),
    ],
    performance: [
      `${count(perf.triggersRaised, 'reassessment trigger')} raised${pack.since ? ` since ${pack.since}` : ''}; ${perf.triggersOpen} open`,
      ...perf.overdueAssessments.map(
        (a) => `${a.systemName}: ${a.kind} assessment ${a.state}${a.dueOn ? ` (due ${a.dueOn})` : ''}`,
      ),
      `Nonconformities: ${perf.nonconformities.byGrade['major-nc'].open} major and ${perf.nonconformities.byGrade['minor-nc'].open} minor open; trend ${perf.nonconformities.direction}`,
      `Corrective actions: ${perf.correctiveActions.open} open (${perf.correctiveActions.overdue} overdue), ${perf.correctiveActions.verifiedEffective} verified effective, ${perf.correctiveActions.ineffective} ineffective`,
    ],
    auditResults: perf.auditResults.map(
      (r) => `${r.auditId} ${r.title} (${r.completedOn ?? r.status}): ${grades(r.findings)}`,
    ),
    opportunities: pack.opportunities.map(
      (o) => `${o.findingId} ${GRADE_LABEL[o.grade]} (${o.ref}): ${o.statement}`,
    ),
    // Always at least one line, so a recorded review shows these inputs were considered.
    interestedParties:
      pack.interestedParties.length === 0
        ? [`No change in interested parties' needs recorded${pack.since ? ` since ${pack.since}` : ''}`]
        : pack.interestedParties.map((p) => `${p.on} ${p.name} (${p.partyId}): ${p.change}`),
    monitoring:
      pack.monitoring.length === 0
        ? ['No monitoring and measurement plan is recorded (9.1)']
        : pack.monitoring.map(
            (m) =>
              `${m.what} (${m.planId}): ${m.measuredOn ? `${m.value} on ${m.measuredOn}, ${m.meetsTarget ? 'meets' : 'misses'} target ${m.target}` : `never measured, target ${m.target}`}${m.state === 'stale' ? ' — result stale' : ''}`,
          ),
  };
}

// ── Recording a review (9.3.3) ───────────────────────────────────────────────

export interface ReviewPlan {
  id: string;
  heldOn: string;
  chair: string;
  attendees: string[];
  decisions: Draft<'management-review'>['decisions'];
  nextReviewOn: string;
}

/** A review record whose inputs are the pack compiled on the day it was held. */
export function planReview(snapshot: RegisterSnapshot, plan: ReviewPlan): Draft<'management-review'> {
  return {
    kind: 'management-review',
    ...plan,
    inputs: recordedInputs(compileReviewInputs(snapshot, plan.heldOn)),
  };
}

export function validateReview(snapshot: RegisterSnapshot, review: Draft<'management-review'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = review.id;
  if (review.decisions.length === 0) {
    issues.push(ruleError(id, 'decisions', 'record at least one decision on improvement or change (9.3.3)'));
  }
  if (!review.attendees.includes(review.chair))
    issues.push(ruleError(id, 'attendees', `the chair ${review.chair} is not listed as attending`));
  if (review.nextReviewOn <= review.heldOn) {
    issues.push(
      ruleError(id, 'nextReviewOn', `${review.nextReviewOn} is not after the review (${review.heldOn})`),
    );
  }
  const ids = review.decisions.map((d) => d.id);
  const dup = ids.find((d, i) => ids.indexOf(d) !== i);
  if (dup) issues.push(ruleError(id, 'decisions', `decision id '${dup}' is used twice`));
  for (const [i, d] of review.decisions.entries()) {
    if ((d.status ?? 'open') === 'open' && (!d.actionOwner || !d.dueOn)) {
      issues.push(
        ruleWarning(
          id,
          `decisions[${i}]`,
          `open decision ${d.id} has no ${d.actionOwner ? 'due date' : 'owner'}`,
        ),
      );
    }
  }
  const owners = snapshot['role-assignment'].filter(
    (r) => r.role === 'management-review-owner' && !r.systemId,
  );
  if (owners.length > 0 && !owners.some((o) => review.attendees.includes(o.person))) {
    issues.push(
      ruleWarning(
        id,
        'attendees',
        `the management-review-owner (${owners.map((o) => o.person).join(', ')}) did not attend`,
      ),
    );
  }
  const lastAudit = maxDay(snapshot.audit.filter(isAuditDone).map((a) => a.completedOn ?? a.plannedOn));
  if (lastAudit === undefined)
    issues.push(ruleWarning(id, 'inputs.auditResults', 'no internal audit has been completed to review'));
  return issues;
}
