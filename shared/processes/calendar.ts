// The AIMS operating calendar as data — internal audits, management reviews, reassessments, corrective
// actions and certification milestones. Its iCalendar form is written by shared/render/icalendar.ts.
import type { CertificationPlan } from '../model';
import { addDays, daysBetween } from './days';
import { isAuditDone } from './internal-audit';
import { latestReview, reviewCadence } from './management-review';
import { addMonths, maxDay } from './days';
import { readiness as computeReadiness, readinessStages, statusReason, type Readiness } from './readiness';
import { monitoringStatuses } from './monitoring';
import { byId, findById } from './lookup';
import { namedReference, referenceTo } from './reference';
import type { RegisterSnapshot } from './snapshot';

export type CalendarCategory =
  | 'internal-audit'
  | 'management-review'
  | 'reassessment'
  | 'corrective-action'
  | 'certification'
  | 'document-review'
  | 'evidence-freshness'
  | 'clause-cadence';

/** A repeating obligation: one event with an RFC 5545 RRULE rather than a copy per occurrence. */
export interface Recurrence {
  /** Whole months between occurrences (FREQ=MONTHLY) or, when not whole months, days (FREQ=DAILY). */
  unit: 'month' | 'day';
  interval: number;
  /** Last day an occurrence may fall on (inclusive), YYYY-MM-DD. */
  until: string;
}

export interface CalendarEvent {
  /** Stable per event: the same obligation keeps its UID when its date moves. */
  uid: string;
  /** All-day event, YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
  category: CalendarCategory;
  clause: string;
  systemId?: string;
  /** Projected from a rule or proposed, rather than recorded. */
  projected: boolean;
  /** Set when the event repeats from `date`. */
  recurrence?: Recurrence;
}

/** The days a recurrence falls on, from its first date up to its `until` (for views without RRULE). */
export function occurrences(event: Pick<CalendarEvent, 'date' | 'recurrence'>, limit = 100): string[] {
  const r = event.recurrence;
  if (!r) return [event.date];
  const out: string[] = [];
  for (let n = 0; n < limit; n++) {
    const day =
      r.unit === 'month' ? addMonths(event.date, n * r.interval) : addDays(event.date, n * r.interval);
    if (day > r.until) break;
    out.push(day);
  }
  return out;
}

/** "every 12 months until 2030-01-27". */
export const describeRecurrence = (r: Recurrence) =>
  `every ${r.interval} ${r.unit}${r.interval === 1 ? '' : 's'} until ${r.until}`;

/** A recurrence of `days`, expressed in whole months when `from` + n months lands on `from` + days. */
function recurrenceOf(from: string, days: number, until: string): Recurrence {
  for (let months = 1; months <= 36; months++) {
    if (addMonths(from, months) === addDays(from, days)) return { unit: 'month', interval: months, until };
  }
  return { unit: 'day', interval: days, until };
}

// ── Certification milestones ─────────────────────────────────────────────────

/** Days allowed between milestones when no plan is recorded (see docs/readiness.md). */
export const PROPOSAL_RULES = {
  stage1WhenReady: 30,
  stage1WhenNotReady: 90,
  stage2WhenReady: 30,
  stage2WhenNotReady: 90,
  certificateAfterStage2: 30,
  /** The recertification audit is planned this many days before the certificate expires, not on the day. */
  recertificationBeforeExpiry: 90,
} as const;

/** A certificate is valid for three years from issue. */
export const CERTIFICATE_VALID_MONTHS = 36;

export interface CertificationMilestones {
  source: 'recorded' | 'proposed';
  planId?: string;
  stage1On: string;
  stage2On: string;
  certificateOn: string;
  surveillance1On: string;
  surveillance2On: string;
  /** The recertification audit: before the certificate expires, so the new one is issued in time. */
  recertificationOn: string;
  certificateExpiresOn: string;
  basis: string;
}

/** From the recorded plan, or a proposal derived from readiness when none is recorded. */
export function certificationMilestones(
  snapshot: RegisterSnapshot,
  today: string,
  readiness: Pick<Readiness, 'stage1' | 'stage2'> = computeReadiness(snapshot, today),
): CertificationMilestones {
  const plan: CertificationPlan | undefined = [...snapshot['certification-plan']]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .at(-1);
  const cycle = (certificateOn: string) => {
    const certificateExpiresOn = addMonths(certificateOn, CERTIFICATE_VALID_MONTHS);
    return {
      certificateOn,
      surveillance1On: addMonths(certificateOn, 12),
      surveillance2On: addMonths(certificateOn, 24),
      recertificationOn: addDays(certificateExpiresOn, -PROPOSAL_RULES.recertificationBeforeExpiry),
      certificateExpiresOn,
    };
  };
  if (plan) {
    const certificateOn = plan.certificateOn ?? addDays(plan.stage2On, PROPOSAL_RULES.certificateAfterStage2);
    return {
      source: 'recorded',
      planId: plan.id,
      stage1On: plan.stage1On,
      stage2On: plan.stage2On,
      ...cycle(certificateOn),
      basis: `certification plan ${plan.id}${plan.certificationBody ? ` with ${plan.certificationBody}` : ''}${plan.certificateOn ? '' : `; certificate assumed ${PROPOSAL_RULES.certificateAfterStage2} days after Stage 2`}`,
    };
  }
  const r = PROPOSAL_RULES;
  const stage1On = addDays(today, readiness.stage1.ready ? r.stage1WhenReady : r.stage1WhenNotReady);
  const stage2On = addDays(stage1On, readiness.stage2.ready ? r.stage2WhenReady : r.stage2WhenNotReady);
  return {
    source: 'proposed',
    stage1On,
    stage2On,
    ...cycle(addDays(stage2On, r.certificateAfterStage2)),
    basis:
      `No certification plan is recorded; dates proposed from readiness on ${today}: Stage 1 ${readiness.stage1.ready ? 'ready' : `not ready (${readiness.stage1.gaps.length} gaps)`}, ` +
      `Stage 2 ${readiness.stage2.ready ? 'ready' : `not ready (${readiness.stage2.gaps.length} gaps)`}`,
  };
}

// ── Calendar ─────────────────────────────────────────────────────────────────

export interface OperatingCalendar {
  from: string;
  until: string;
  milestones: CertificationMilestones;
  events: CalendarEvent[];
}

const UID_DOMAIN = 'aims-lens';
const uid = (...parts: string[]) => `${parts.join('-')}@${UID_DOMAIN}`;

/**
 * The fixed words of a missing assessment's event, whole per kind: at 5,000 never-assessed systems each event
 * joins the system's id and name to these instead of assembling kind, label and domain again.
 */
const MISSING_EVENT = {
  risk: { uid: ['risk-assessment-', `-first@${UID_DOMAIN}`], summary: 'Risk assessment missing: ' },
  impact: { uid: ['impact-assessment-', `-first@${UID_DOMAIN}`], summary: 'Impact assessment missing: ' },
} as const;

export interface CalendarOptions {
  /**
   * false: every event's `description` is left empty ('') and never built; dates, summaries, uids, order and
   * everything else are as with descriptions. For views that print none (the text table): at 50,000 evidence
   * items the descriptions were tens of thousands of strings built, kept alive and dropped.
   */
  describe?: boolean;
}

/**
 * Everything the AIMS must do from `today` until recertification: recorded dates plus projections from
 * the programme frequency and the review interval. Overdue obligations appear on their (past) due day.
 */
export function operatingCalendar(
  snapshot: RegisterSnapshot,
  today: string,
  { describe = true }: CalendarOptions = {},
): OperatingCalendar {
  // The stages propose the milestones when no plan is recorded; their basis holds the system statuses. Only
  // their counts are read here, so the gaps' text is not built.
  const stages = readinessStages(snapshot, today, { describe: false });
  const milestones = certificationMilestones(snapshot, today, stages);
  const until = milestones.certificateExpiresOn;
  const events: CalendarEvent[] = [];
  // Found by halves in the id-sorted list, not through a map of every system built for a few actions.
  const systems = { get: (id: string) => findById(snapshot['ai-system'], id) };

  // Internal audits (9.2): planned ones as recorded, then one per programme interval.
  for (const programme of snapshot['audit-programme']) {
    const audits = snapshot.audit.filter((a) => a.programmeId === programme.id);
    for (const a of audits.filter((x) => !isAuditDone(x))) {
      events.push({
        uid: uid('audit', a.id),
        date: a.plannedOn,
        summary: `Internal audit: ${a.title}`,
        description: describe
          ? `Planned internal audit ${a.id} (${a.status}). Scope: ${[...a.scope.clauses, ...a.scope.controls].join(', ')}. Auditors: ${a.auditors.join(', ')}.`
          : '',
        category: 'internal-audit',
        clause: '9.2',
        projected: false,
      });
    }
    const last = maxDay(audits.map((a) => (isAuditDone(a) ? (a.completedOn ?? a.plannedOn) : a.plannedOn)));
    const next = last === undefined ? today : addMonths(last, programme.frequencyMonths);
    if (next <= until) {
      events.push({
        uid: uid('audit', programme.id, 'cycle'),
        date: next,
        summary: `Internal audit due (${programme.title})`,
        description: describe
          ? `Every ${programme.frequencyMonths} months under ${programme.id}; responsible: ${programme.responsible}.`
          : '',
        category: 'internal-audit',
        clause: '9.2.1',
        projected: true,
        recurrence: { unit: 'month', interval: programme.frequencyMonths, until },
      });
    }
  }

  // Management reviews (9.3): the next one due, then at the same interval.
  const cadence = reviewCadence(snapshot, today);
  const last = latestReview(snapshot);
  if (!last || !cadence.nextDueOn) {
    events.push({
      uid: uid('review', 'first'),
      date: today,
      summary: 'Management review: never held — schedule the first',
      description: describe
        ? 'Top management reviews the AIMS at planned intervals (9.3.1). Compile the inputs with the register (9.3.2).'
        : '',
      category: 'management-review',
      clause: '9.3.1',
      projected: true,
    });
  } else {
    // The next review as the last one set it, repeating at the same interval (one event, one RRULE).
    const interval = Math.max(30, daysBetween(last.heldOn, last.nextReviewOn));
    events.push({
      uid: uid('review', 'after', last.id),
      date: last.nextReviewOn,
      summary: `Management review due${cadence.state === 'overdue' ? ' (OVERDUE)' : ''}`,
      description: describe
        ? `Set by ${last.id} held ${last.heldOn}, then at the same interval. Inputs: previous actions, context and interested-party changes, performance and monitoring results, audit results, opportunities (9.3.2).`
        : '',
      category: 'management-review',
      clause: '9.3',
      projected: false,
      recurrence: recurrenceOf(last.heldOn, interval, until),
    });
  }

  // Reassessments (8.2, 8.4) from their due dates; a missing assessment is due today.
  // Indexed loops, no pair list per system: each step of a for-of in code that runs once allocates.
  const statuses = stages.basis.statuses;
  for (let i = 0; i < statuses.length; i++) {
    const { system, risk, impact } = statuses[i]!;
    if (!system.inScope) continue;
    for (let k = 0; k < 2; k++) {
      const status = k === 0 ? risk : impact;
      const label = status.kind === 'risk' ? 'Risk assessment' : 'Impact assessment';
      const clause = status.kind === 'risk' ? '8.2' : '8.4';
      if (status.state === 'missing') {
        const words = MISSING_EVENT[status.kind];
        events.push({
          // uid(kind, 'assessment', id, 'first') without its argument list and join, once per system.
          uid: words.uid[0] + system.id + words.uid[1],
          date: today,
          summary: words.summary + system.name,
          description: describe
            ? `${system.name} (${system.id}) has no ${label.toLowerCase()}; it is due now.`
            : '',
          category: 'reassessment',
          clause,
          systemId: system.id,
          projected: false,
        });
        continue;
      }
      if (!status.dueOn) continue;
      const overdue = status.state === 'overdue' ? ' (OVERDUE)' : '';
      events.push({
        uid: `${status.kind}-reassessment-${system.id}-after-${status.latestId ?? 'none'}@${UID_DOMAIN}`,
        date: status.dueOn,
        summary: `${label} due: ${system.name}${overdue}`,
        description: describe
          ? [
              `${system.name} (${system.id}) is ${status.state}: ${statusReason(snapshot, status)}.`,
              `Last assessed ${status.assessedOn ?? 'never'} (${status.latestId ?? 'none'}).`,
              ...(status.openTriggerIds.length > 0
                ? [`Open triggers: ${status.openTriggerIds.join(', ')}`]
                : []),
            ].join('\n')
          : '',
        category: 'reassessment',
        clause,
        systemId: system.id,
        projected: false,
      });
    }
  }

  // Corrective actions (10.2) not yet verified.
  for (const action of snapshot['corrective-action'].filter(
    (a) => a.status === 'open' || a.status === 'done',
  )) {
    const finding = byId.first(snapshot.finding, action.findingId);
    events.push({
      uid: uid('corrective-action', action.id),
      date: action.dueOn,
      summary: `Corrective action due${finding?.systemId ? ` for ${systems.get(finding.systemId)?.name ?? finding.systemId}` : ''}: ${namedReference(action.id, action.action)}`,
      description: describe
        ? `${action.action}\nFinding ${referenceTo(snapshot, 'finding', action.findingId)}${finding ? `, ${finding.grade} against ${finding.ref}` : ''}; owner ${action.owner}. Verify effectiveness before closing.`
        : '',
      category: 'corrective-action',
      clause: '10.2',
      ...(finding?.systemId ? { systemId: finding.systemId } : {}),
      projected: false,
    });
  }

  // Certification milestones.
  const plan = milestones.source === 'recorded' ? (milestones.planId ?? 'plan') : 'proposed';
  const proposed = milestones.source === 'proposed';
  const prefix = proposed ? 'Proposed: ' : '';
  const milestone = (key: string, date: string, summary: string, detail: string) =>
    events.push({
      uid: uid('certification', plan, key),
      date,
      summary: `${prefix}${summary}`,
      description: describe ? `${detail}\n${milestones.basis}.` : '',
      category: 'certification',
      clause: '9',
      projected: proposed,
    });
  milestone(
    'stage1',
    milestones.stage1On,
    'Certification Stage 1 audit',
    'Documentation and readiness review by the certification body.',
  );
  milestone(
    'stage2',
    milestones.stage2On,
    'Certification Stage 2 audit',
    'Implementation and effectiveness audit; nonconformities must be corrected before certification.',
  );
  milestone(
    'certificate',
    milestones.certificateOn,
    'Certificate expected',
    'Three-year certificate; surveillance and recertification count from this day.',
  );
  milestone(
    'surveillance1',
    milestones.surveillance1On,
    'Surveillance audit 1',
    '12 months after certification.',
  );
  milestone(
    'surveillance2',
    milestones.surveillance2On,
    'Surveillance audit 2',
    '24 months after certification.',
  );
  milestone(
    'recertification',
    milestones.recertificationOn,
    'Recertification audit',
    `${PROPOSAL_RULES.recertificationBeforeExpiry} days before the certificate expires (${milestones.certificateExpiresOn}), so the new certificate is issued in time.`,
  );
  milestone(
    'expiry',
    milestones.certificateExpiresOn,
    'Certificate expires',
    `${CERTIFICATE_VALID_MONTHS} months after certification.`,
  );

  // Appended in place: a spread of 50,000 evidence events copied them onto the stack and into the list again.
  documentEvents(snapshot, today, until, events, describe);
  for (const e of clauseCadenceEvents(snapshot, today, until, describe)) events.push(e);

  // By date, then uid. Most pairs share their day (tens of thousands of events, a few hundred days): one
  // equality test settles that, where two orderings were asked before reaching the uids.
  events.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.uid < b.uid ? -1 : 1));
  return { from: today, until, milestones, events };
}

// ── Documents, evidence and clause records ───────────────────────────────────

/**
 * Review dates of approved documents (7.5.2) and the day each evidence item goes stale (7.5.3), appended to
 * `events`. Walks the lists without filtered copies: the evidence list is the register's largest.
 */
function documentEvents(
  snapshot: RegisterSnapshot,
  today: string,
  until: string,
  events: CalendarEvent[],
  describe: boolean,
): void {
  for (const d of snapshot.document) {
    if (d.approval.state !== 'approved' || !d.nextReview) continue;
    const date = d.nextReview;
    if (date > until) continue;
    events.push({
      uid: uid('document-review', d.id),
      date,
      summary: `Document review due: ${d.title} v${d.version}${date < today ? ' (OVERDUE)' : ''}`,
      description: describe
        ? `Review ${d.id} (${d.docType}) and approve the result${d.owner ? `; owner ${d.owner}` : ''} (7.5.2).`
        : '',
      category: 'document-review',
      clause: d.clauses[0] ?? '7.5.2',
      projected: false,
    });
  }
  // An indexed loop: each step of a for-of in code that runs once allocates an iterator result.
  const evidence = snapshot.evidence;
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (e.freshForDays === undefined) continue;
    const captured = e.capturedAt.slice(0, 10);
    const date = addDays(captured, e.freshForDays);
    if (date > until) continue;
    events.push({
      // uid('evidence-fresh', id) without its argument list and join, once per evidence item.
      uid: `evidence-fresh-${e.id}@${UID_DOMAIN}`,
      date,
      summary: `Evidence goes stale: ${e.title}${date < today ? ' (STALE)' : ''}`,
      description: describe
        ? `${e.id} was captured ${captured} (${e.sourceTool} ${e.pinnedVersion}) and is fresh for ${e.freshForDays} days; re-capture it.`
        : '',
      category: 'evidence-freshness',
      clause: e.clauses[0] ?? e.controls[0] ?? '7.5.3',
      projected: false,
    });
  }
}

/** Each clause record's own cadence: reviews (4.1, 4.2, 7.1), actions (6.1.1, 6.3), awareness (7.3),
 *  communication (7.4) and measurement (9.1), the repeating ones as recurrences. */
function clauseCadenceEvents(
  snapshot: RegisterSnapshot,
  today: string,
  until: string,
  describe: boolean,
): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  // A few per register: their descriptions are built either way and dropped here when not wanted.
  const push = (e: Omit<CalendarEvent, 'category' | 'projected'> & { projected?: boolean }) => {
    if (e.date <= until)
      events.push({
        category: 'clause-cadence',
        projected: false,
        ...e,
        ...(describe ? {} : { description: '' }),
      });
  };
  const late = (date: string) => (date < today ? ' (OVERDUE)' : '');
  const reviewed = [
    ...snapshot['context-issue'].map((r) => ({
      clause: '4.1',
      id: r.id,
      label: r.issue,
      on: r.nextReview,
      owner: r.owner,
    })),
    ...snapshot['interested-party'].map((r) => ({
      clause: '4.2',
      id: r.id,
      label: r.name,
      on: r.nextReview,
      owner: r.owner,
    })),
    ...snapshot.resource.map((r) => ({
      clause: '7.1',
      id: r.id,
      label: r.description,
      on: r.nextReview,
      owner: r.owner,
    })),
  ];
  for (const r of reviewed) {
    push({
      uid: uid('clause-review', r.id),
      date: r.on,
      summary: `Review ${r.id}: ${r.label}${late(r.on)}`,
      description: `Owner ${r.owner}. Record what changed and the next review date (${r.clause}).`,
      clause: r.clause,
    });
  }
  for (const r of snapshot['aims-risk'].filter((x) => x.status === 'planned' || x.status === 'in-progress')) {
    push({
      uid: uid('aims-risk', r.id),
      date: r.dueOn,
      summary: `AIMS ${r.type} action due: ${namedReference(r.id, r.description)}${late(r.dueOn)}`,
      description: `${r.action}\nOwner ${r.owner}. Evaluate: ${r.effectivenessMethod} (6.1.1).`,
      clause: '6.1.1',
    });
  }
  for (const c of snapshot['aims-change'].filter((x) => x.status !== 'done' && x.status !== 'rejected')) {
    push({
      uid: uid('aims-change', c.id),
      date: c.plannedOn,
      summary: `AIMS change planned: ${c.title}`,
      description: `${c.purpose}\nOwner ${c.owner}; ${c.status}, approval ${c.approval.state} (6.3).`,
      clause: '6.3',
    });
  }
  for (const a of snapshot.awareness.filter((x) => x.topics.includes('ai-policy'))) {
    push({
      uid: uid('awareness', a.id),
      date: a.nextOn,
      summary: `Awareness refresher due: ${a.audience}${late(a.nextOn)}`,
      description: `${a.method}. Last delivered ${a.deliveredOn} to ${a.reached} of ${a.audienceSize}; owner ${a.owner} (7.3).`,
      clause: '7.3',
    });
  }
  for (const c of snapshot.communication) {
    const date = c.lastOn ? addDays(c.lastOn, c.everyDays) : today;
    push({
      uid: uid('communication', c.id),
      date,
      summary: `Communicate: ${c.what}${late(date)}`,
      description: `With ${c.withWhom} by ${c.how} (${c.direction}); owner ${c.owner} (7.4).`,
      clause: '7.4',
      recurrence: { unit: 'day', interval: c.everyDays, until },
    });
  }
  for (const m of monitoringStatuses(snapshot, today)) {
    const date = m.dueOn ?? today;
    push({
      uid: uid('measure', m.plan.id),
      date,
      summary: `Measure: ${m.plan.what}${m.state === 'fresh' ? '' : m.state === 'stale' ? ' (STALE)' : ' (never measured)'}`,
      description: `${m.plan.method}. Measured by ${m.plan.measuredBy}, analysed by ${m.plan.analysedBy}; target ${m.plan.target} (9.1).`,
      clause: '9.1',
      recurrence: { unit: 'day', interval: m.plan.everyDays, until },
    });
  }
  return events;
}
