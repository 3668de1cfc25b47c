// The AIMS operating calendar as data — internal audits, management reviews, reassessments, corrective
// actions and certification milestones — and an RFC 5545 iCalendar serialiser for it.
import type { CertificationPlan } from '../model';
import { addDays, daysBetween } from './days';
import { isAuditDone } from './internal-audit';
import { latestReview, reviewCadence } from './management-review';
import { addMonths, maxDay } from './days';
import { readiness as computeReadiness, statusReason, type Readiness } from './readiness';
import { systemStatuses } from './reassessment';
import type { RegisterSnapshot } from './snapshot';

export type CalendarCategory =
  'internal-audit' | 'management-review' | 'reassessment' | 'corrective-action' | 'certification';

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
}

// ── Certification milestones ─────────────────────────────────────────────────

/** Days allowed between milestones when no plan is recorded (see docs/readiness.md). */
export const PROPOSAL_RULES = {
  stage1WhenReady: 30,
  stage1WhenNotReady: 90,
  stage2WhenReady: 30,
  stage2WhenNotReady: 90,
  certificateAfterStage2: 30,
} as const;

export interface CertificationMilestones {
  source: 'recorded' | 'proposed';
  planId?: string;
  stage1On: string;
  stage2On: string;
  certificateOn: string;
  surveillance1On: string;
  surveillance2On: string;
  recertificationOn: string;
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
  const cycle = (certificateOn: string) => ({
    certificateOn,
    surveillance1On: addMonths(certificateOn, 12),
    surveillance2On: addMonths(certificateOn, 24),
    recertificationOn: addMonths(certificateOn, 36),
  });
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
 * Everything the AIMS must do from `today` until recertification: recorded dates plus projections from
 * the programme frequency and the review interval. Overdue obligations appear on their (past) due day.
 */
export function operatingCalendar(snapshot: RegisterSnapshot, today: string): OperatingCalendar {
  const milestones = certificationMilestones(snapshot, today);
  const until = milestones.recertificationOn;
  const events: CalendarEvent[] = [];
  const systems = new Map(snapshot['ai-system'].map((s) => [s.id, s]));

  // Internal audits (9.2): planned ones as recorded, then one per programme interval.
  for (const programme of snapshot['audit-programme']) {
    const audits = snapshot.audit.filter((a) => a.programmeId === programme.id);
    for (const a of audits.filter((x) => !isAuditDone(x))) {
      events.push({
        uid: uid('audit', a.id),
        date: a.plannedOn,
        summary: `Internal audit: ${a.title}`,
        description: `Planned internal audit ${a.id} (${a.status}). Scope: ${[...a.scope.clauses, ...a.scope.controls].join(', ')}. Auditors: ${a.auditors.join(', ')}.`,
        category: 'internal-audit',
        clause: '9.2',
        projected: false,
      });
    }
    let next = maxDay(audits.map((a) => (isAuditDone(a) ? (a.completedOn ?? a.plannedOn) : a.plannedOn)));
    next = next === undefined ? today : addMonths(next, programme.frequencyMonths);
    for (let n = 0; next <= until && n < 60; n++, next = addMonths(next, programme.frequencyMonths)) {
      events.push({
        uid: uid('audit', programme.id, 'cycle', next),
        date: next,
        summary: `Internal audit due (${programme.title})`,
        description: `Every ${programme.frequencyMonths} months under ${programme.id}; responsible: ${programme.responsible}.`,
        category: 'internal-audit',
        clause: '9.2.1',
        projected: true,
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
      description:
        'Top management reviews the AIMS at planned intervals (9.3.1). Compile the inputs with the register (9.3.2).',
      category: 'management-review',
      clause: '9.3.1',
      projected: true,
    });
  } else {
    const interval = Math.max(30, daysBetween(last.heldOn, last.nextReviewOn));
    for (let date = last.nextReviewOn, n = 0; date <= until && n < 60; date = addDays(date, interval), n++) {
      events.push({
        uid: uid('review', 'after', last.id, String(n)),
        date,
        summary:
          n === 0
            ? `Management review due${cadence.state === 'overdue' ? ' (OVERDUE)' : ''}`
            : 'Management review (projected)',
        description:
          n === 0
            ? `Set by ${last.id} held ${last.heldOn}. Inputs: previous actions, context changes, performance, audit results, opportunities (9.3.2).`
            : `Projected at the interval of the last review (${interval} days).`,
        category: 'management-review',
        clause: '9.3',
        projected: n > 0,
      });
    }
  }

  // Reassessments (8.2, 8.4) from their due dates; a missing assessment is due today.
  for (const { system, risk, impact } of systemStatuses(snapshot, today)) {
    if (!system.inScope) continue;
    for (const status of [risk, impact]) {
      const label = status.kind === 'risk' ? 'Risk assessment' : 'Impact assessment';
      const clause = status.kind === 'risk' ? '8.2' : '8.4';
      if (status.state === 'missing') {
        events.push({
          uid: uid(status.kind, 'assessment', system.id, 'first'),
          date: today,
          summary: `${label} missing: ${system.name}`,
          description: `${system.name} (${system.id}) has no ${label.toLowerCase()}; it is due now.`,
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
        uid: uid(status.kind, 'reassessment', system.id, 'after', status.latestId ?? 'none'),
        date: status.dueOn,
        summary: `${label} due: ${system.name}${overdue}`,
        description: [
          `${system.name} (${system.id}) is ${status.state}: ${statusReason(snapshot, status)}.`,
          `Last assessed ${status.assessedOn ?? 'never'} (${status.latestId ?? 'none'}).`,
          ...(status.openTriggerIds.length > 0 ? [`Open triggers: ${status.openTriggerIds.join(', ')}`] : []),
        ].join('\n'),
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
    const finding = snapshot.finding.find((f) => f.id === action.findingId);
    events.push({
      uid: uid('corrective-action', action.id),
      date: action.dueOn,
      summary: `Corrective action due: ${action.id}${finding?.systemId ? ` (${systems.get(finding.systemId)?.name ?? finding.systemId})` : ''}`,
      description: `${action.action}\nFinding ${action.findingId}${finding ? ` (${finding.grade}, ${finding.ref})` : ''}; owner ${action.owner}. Verify effectiveness before closing.`,
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
      description: `${detail}\n${milestones.basis}.`,
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
    '36 months after certification, before the certificate expires.',
  );

  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : 1));
  return { from: today, until, milestones, events };
}

// ── iCalendar (RFC 5545) ─────────────────────────────────────────────────────

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const utf8Length = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 3.1): continuation lines start
 * with one space, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    const limit = out.length === 0 ? 75 : 74; // the leading space of a continuation counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const icsDate = (day: string) => day.replaceAll('-', '');
const icsInstant = (instant: string) => `${instant.slice(0, 19).replace(/[-:]/g, '')}Z`;

export interface ICalendarOptions {
  /** When the calendar was produced (ISO instant, UTC); becomes every event's DTSTAMP. */
  generatedAt: string;
  name?: string;
}

export function toICalendar(events: readonly CalendarEvent[], options: ICalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//AIMS Lens//Operating calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name ?? 'AIMS operating calendar')}`,
  ];
  const stamp = icsInstant(new Date(options.generatedAt).toISOString());
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(e.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `CATEGORIES:${[e.category, `ISO 42001 ${e.clause}`].map(escapeText).join(',')}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
