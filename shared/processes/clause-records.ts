// Readiness checks for the clauses whose records are kept outside assessments and audits: context (4.1,
// 4.2), leadership (5.1), AIMS risks and opportunities (6.1.1), changes (6.3), support (7.1–7.5), monitoring
// (9.1) and continual improvement (10.1). Stage 1 asks whether each is documented and inside its review
// date; Stage 2 whether it operates on its cadence. Every rule is listed in docs/readiness.md.
import type { DocumentedInformation } from '../model';
import { addDays } from './days';
import type { Gap } from './gap-row';
import { latestReview } from './management-review';
import { monitoringStatuses } from './monitoring';
import type { RegisterSnapshot } from './snapshot';

/** Leadership evidence older than this no longer shows commitment to the current AIMS (5.1). */
export const LEADERSHIP_WINDOW_DAYS = 365;

const DOC_LABEL: Partial<Record<DocumentedInformation['docType'], string>> = {
  scope: 'AIMS scope',
  'ai-policy': 'AI policy',
  objectives: 'AI objectives',
  'competence-record': 'competence evidence',
};

/** 7.5.2: documented information past its review date, and approved versions without a content hash. */
export function documentControlGaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  const gaps: Gap[] = [];
  for (const d of snapshot.document.filter((x) => x.approval.state === 'approved')) {
    const label = DOC_LABEL[d.docType] ?? d.title;
    const clause = d.clauses[0] ?? '7.5.2';
    if (d.nextReview !== undefined && d.nextReview < today) {
      gaps.push({
        clause,
        what: `review of the ${label} (${d.id} v${d.version}) was due on ${d.nextReview} (7.5.2)`,
        next: `review the ${label}, approve the result and set its next review date`,
      });
    }
    if (!d.contentHash) {
      gaps.push({
        clause: '7.5.3',
        what: `${d.id} v${d.version} is approved but no content hash pins the approved text`,
        next: `capture the approved version of ${d.id} so its content hash is recorded`,
      });
    }
  }
  return gaps;
}

/** Records with their own review date (4.1, 4.2, 7.1) past it. */
function reviewDateGaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  const rows = [
    ...snapshot['context-issue'].map((r) => ({
      clause: '4.1',
      id: r.id,
      label: r.issue,
      next: r.nextReview,
    })),
    ...snapshot['interested-party'].map((r) => ({
      clause: '4.2',
      id: r.id,
      label: r.name,
      next: r.nextReview,
    })),
    ...snapshot.resource.map((r) => ({ clause: '7.1', id: r.id, label: r.description, next: r.nextReview })),
  ];
  return rows
    .filter((r) => r.next < today)
    .map((r) => ({
      clause: r.clause,
      what: `${r.id} (${r.label}) was due for review on ${r.next}`,
      next: `review ${r.id} and set its next review date`,
    }));
}

/** Stage 1: each clause has its documented record. */
export function clauseRecordStage1Gaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  const gaps: Gap[] = [];
  const issues = snapshot['context-issue'];
  const missingNature = (['external', 'internal'] as const).filter(
    (n) => !issues.some((i) => i.nature === n),
  );
  if (missingNature.length > 0) {
    gaps.push({
      clause: '4.1',
      what: `no ${missingNature.join(' or ')} issue is recorded`,
      next: 'record the external and internal issues relevant to the AIMS purpose',
    });
  }
  if (!issues.some((i) => i.category === 'climate')) {
    gaps.push({
      clause: '4.1',
      what: 'whether climate change is a relevant issue has not been determined',
      next: 'record a climate context issue saying whether it is relevant and why (4.1, 2024 amendment)',
    });
  }
  if (snapshot['interested-party'].length === 0) {
    gaps.push({
      clause: '4.2',
      what: 'no interested party is recorded',
      next: 'record the interested parties, their requirements, and which the AIMS addresses',
    });
  }
  const planning = snapshot['aims-risk'];
  const missingType = (['risk', 'opportunity'] as const).filter((t) => !planning.some((r) => r.type === t));
  if (missingType.length > 0) {
    gaps.push({
      clause: '6.1.1',
      what: `no AIMS-level ${missingType.join(' or ')} is recorded with a planned action`,
      next: 'record the risks and opportunities for the AIMS, the actions and how their effectiveness is evaluated',
    });
  }
  if (snapshot.resource.length === 0) {
    gaps.push({
      clause: '7.1',
      what: 'no resource for the AIMS is recorded',
      next: 'record the people, expertise, compute, data and tooling the AIMS needs',
    });
  }
  if (snapshot.communication.length === 0) {
    gaps.push({
      clause: '7.4',
      what: 'no communication is planned',
      next: 'record what is communicated, when, with whom and how',
    });
  }
  if (!snapshot['monitoring-plan'].some((p) => p.approval.state === 'approved')) {
    gaps.push({
      clause: '9.1',
      what:
        snapshot['monitoring-plan'].length === 0
          ? 'no monitoring and measurement plan is recorded'
          : 'the monitoring and measurement plan is not approved',
      next: 'plan what is measured, how, when and who analyses it, and have it approved',
    });
  }
  gaps.push(...reviewDateGaps(snapshot, today));
  return gaps;
}

/** Stage 2: each clause's records show it operating on its cadence. */
export function clauseRecordStage2Gaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  const gaps: Gap[] = [];
  const review = latestReview(snapshot);

  // 5.1: recent evidence of top management's decisions, tied to the review outputs where there are any.
  const commitments = snapshot['leadership-commitment'].filter(
    (c) => c.on <= today && addDays(c.on, LEADERSHIP_WINDOW_DAYS) >= today,
  );
  if (commitments.length === 0) {
    gaps.push({
      clause: '5.1',
      what: `no decision or resource commitment by top management is recorded in the last ${LEADERSHIP_WINDOW_DAYS} days`,
      next: 'record top management decisions and resource commitments for the AIMS',
    });
  } else if (review && review.decisions.length > 0 && !commitments.some((c) => c.reviewId === review.id)) {
    gaps.push({
      clause: '5.1',
      what: `no leadership commitment carries out the decisions of management review ${review.id}`,
      next: `record the commitments top management made to act on ${review.id}`,
    });
  }

  // 6.1.1: planned actions done on time and judged.
  for (const r of snapshot['aims-risk']) {
    if ((r.status === 'planned' || r.status === 'in-progress') && r.dueOn < today) {
      gaps.push({
        clause: '6.1.1',
        what: `the action on ${r.type} ${r.id} was due ${r.dueOn} and is ${r.status}`,
        next: `complete the action on ${r.id} or re-plan it`,
      });
    }
    if ((r.status === 'done' || r.status === 'closed') && !r.effectiveness) {
      gaps.push({
        clause: '6.1.1',
        what: `the action on ${r.type} ${r.id} is ${r.status} but its effectiveness was not evaluated`,
        next: `evaluate it as planned (${r.effectivenessMethod})`,
      });
    }
  }

  // 6.3: changes carried out only once approved.
  for (const c of snapshot['aims-change']) {
    if ((c.status === 'in-progress' || c.status === 'done') && c.approval.state !== 'approved') {
      gaps.push({
        clause: '6.3',
        what: `change ${c.id} (${c.title}) is ${c.status} without approval (${c.approval.state})`,
        next: `have the change ${c.id} approved, with its consequences considered`,
      });
    }
  }

  // 7.3: awareness of the AI policy delivered and not past its refresher date.
  const policyAwareness = snapshot.awareness.filter(
    (a) => a.topics.includes('ai-policy') && a.deliveredOn <= today,
  );
  if (policyAwareness.length === 0) {
    gaps.push({
      clause: '7.3',
      what: 'no awareness of the AI policy has been delivered',
      next: 'brief the people working under the AIMS on the policy, their contribution and nonconformance',
    });
  } else if (!policyAwareness.some((a) => a.nextOn >= today)) {
    const last = policyAwareness.reduce((a, b) => (b.nextOn > a.nextOn ? b : a));
    gaps.push({
      clause: '7.3',
      what: `the AI policy awareness refresher was due ${last.nextOn} (${last.id})`,
      next: 'deliver the refresher and record who was reached',
    });
  }

  // 7.4: each planned communication happened within its interval.
  for (const c of snapshot.communication) {
    const due = c.lastOn ? addDays(c.lastOn, c.everyDays) : undefined;
    if (due === undefined || due < today) {
      gaps.push({
        clause: '7.4',
        what: c.lastOn
          ? `communication ${c.id} (${c.what}) was due ${due} and last happened ${c.lastOn}`
          : `communication ${c.id} (${c.what}) has never happened`,
        next: `communicate ${c.what} with ${c.withWhom} (${c.how}) and record the day`,
      });
    }
  }

  // 9.1: results current on each line's cadence.
  for (const s of monitoringStatuses(snapshot, today)) {
    if (s.state === 'fresh') continue;
    gaps.push({
      clause: '9.1',
      what:
        s.state === 'unmeasured'
          ? `${s.plan.what} (${s.plan.id}) has never been measured`
          : `the result for ${s.plan.what} (${s.plan.id}) is stale: measured ${s.latest?.measuredOn}, due again ${s.dueOn}`,
      next: `measure ${s.plan.what} (${s.plan.method}) and have ${s.plan.analysedBy} analyse it`,
    });
  }

  // 9.3.2 c) and d): the latest review considered interested parties and monitoring results.
  if (review) {
    const missing = [
      ...(review.inputs.interestedParties.length === 0 ? ["changes in interested parties' needs (c)"] : []),
      ...(review.inputs.monitoring.length === 0 ? ['monitoring and measurement results (d)'] : []),
    ];
    if (missing.length > 0) {
      gaps.push({
        clause: '9.3.2',
        what: `management review ${review.id} did not consider ${missing.join(' or ')}`,
        next: 'compile the review inputs from the register (aims record management-review without inputs)',
      });
    }
  }

  // 10.1: opportunities raised, and decided by the review that saw them.
  if (snapshot.improvement.length === 0) {
    gaps.push({
      clause: '10.1',
      what: 'no opportunity for improvement is recorded',
      next: 'record the improvements raised from reviews, audits and monitoring, with decisions',
    });
  }
  for (const i of snapshot.improvement.filter((x) => !x.decision)) {
    if (review && i.raisedOn <= review.heldOn) {
      gaps.push({
        clause: '10.1',
        what: `improvement ${i.id} raised ${i.raisedOn} has no decision, though review ${review.id} (${review.heldOn}) followed`,
        next: `record whether ${i.id} is adopted, deferred or rejected, and why`,
      });
    }
  }
  return gaps;
}
