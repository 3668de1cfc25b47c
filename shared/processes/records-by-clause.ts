// Which register records operate each clause of ISO/IEC 42001 (4–10): the rows a clause page of the
// evidence pack lists, so an auditor sampling a clause starts from the records that show it working.
import { isUnder } from './requirements';
import type { RegisterSnapshot } from './snapshot';

export interface ClauseRecordRow {
  kind: string;
  id: string;
  label: string;
  /** Status or date an auditor would look at first. */
  detail: string;
}

type Lister = (s: RegisterSnapshot) => ClauseRecordRow[];

const rows = <T extends { id: string }>(
  kind: string,
  list: readonly T[],
  label: (r: T) => string,
  detail: (r: T) => string,
): ClauseRecordRow[] => list.map((r) => ({ kind, id: r.id, label: label(r), detail: detail(r) }));

/** The audit programme evidences both 4.4 (the AIMS's processes) and 9.2 (the internal audit programme). */
const auditProgrammeRows: Lister = (s) =>
  rows(
    'audit-programme',
    s['audit-programme'],
    (r) => r.title,
    (r) => `every ${r.frequencyMonths} months`,
  );

/** Record kinds per clause (a heading covers its subclauses: '9.2' lists for 9.2.1 and 9.2.2). */
const BY_CLAUSE: ReadonlyArray<[string, Lister]> = [
  [
    '4.1',
    (s) =>
      rows(
        'context-issue',
        s['context-issue'],
        (r) => r.issue,
        (r) => `${r.nature} ${r.category}${r.relevant ? '' : ' (not relevant)'}; next review ${r.nextReview}`,
      ),
  ],
  [
    '4.2',
    (s) =>
      rows(
        'interested-party',
        s['interested-party'],
        (r) => r.name,
        (r) => `${r.requirements.length} requirement(s); next review ${r.nextReview}`,
      ),
  ],
  [
    '4.3',
    (s) =>
      rows(
        'ai-system',
        s['ai-system'].filter((x) => x.inScope),
        (r) => r.name,
        (r) => `in scope: ${r.scopeJustification ?? r.purpose}`,
      ),
  ],
  ['4.4', auditProgrammeRows],
  [
    '4.4',
    (s) =>
      rows(
        'aims-change',
        s['aims-change'],
        (r) => r.title,
        (r) => r.status,
      ),
  ],
  [
    '5.1',
    (s) =>
      rows(
        'leadership-commitment',
        s['leadership-commitment'],
        (r) => r.statement,
        (r) => `${r.type} by ${r.by} on ${r.on}${r.reviewId ? ` (${r.reviewId})` : ''}`,
      ),
  ],
  [
    '5.3',
    (s) =>
      rows(
        'role-assignment',
        s['role-assignment'],
        (r) => `${r.role}${r.systemId ? ` for ${r.systemId}` : ''}`,
        (r) => `${r.person}${r.communicated ? ', communicated' : ''}`,
      ),
  ],
  [
    '6.1.1',
    (s) =>
      rows(
        'aims-risk',
        s['aims-risk'],
        (r) => r.description,
        (r) => `${r.type}; action ${r.status}, due ${r.dueOn}`,
      ),
  ],
  [
    '6.1.2',
    (s) =>
      rows(
        'risk-methodology',
        s['risk-methodology'],
        (r) => `risk methodology v${r.version}`,
        (r) => r.approval.state,
      ),
  ],
  [
    '6.1.2',
    (s) =>
      rows(
        'risk-assessment',
        s['risk-assessment'],
        (r) => `${r.systemId} assessed ${r.assessedOn}`,
        (r) => r.approval.state,
      ),
  ],
  [
    '6.1.3',
    (s) =>
      rows(
        'treatment',
        s.treatment,
        (r) => `${r.systemId} ${r.riskId}: ${r.option}`,
        (r) => r.status,
      ),
  ],
  [
    '6.1.3',
    (s) =>
      rows(
        'soa-entry',
        s['soa-entry'].filter((x) => !x.applicable),
        (r) => `${r.controlId} excluded`,
        (r) => r.approval.state,
      ),
  ],
  [
    '6.1.4',
    (s) =>
      rows(
        'impact-template',
        s['impact-template'],
        (r) => `${r.title} v${r.version}`,
        (r) => r.approval.state,
      ),
  ],
  [
    '6.1.4',
    (s) =>
      rows(
        'impact-assessment',
        s['impact-assessment'],
        (r) => `${r.systemId} assessed ${r.assessedOn}`,
        (r) => r.approval.state,
      ),
  ],
  [
    '6.2',
    (s) =>
      rows(
        'monitoring-plan',
        s['monitoring-plan'].filter((p) => p.clauses.includes('6.2')),
        (r) => r.what,
        (r) => `target ${r.target}`,
      ),
  ],
  [
    '6.3',
    (s) =>
      rows(
        'aims-change',
        s['aims-change'],
        (r) => r.title,
        (r) => `${r.status}, planned ${r.plannedOn}, approval ${r.approval.state}`,
      ),
  ],
  [
    '7.1',
    (s) =>
      rows(
        'resource',
        s.resource,
        (r) => r.description,
        (r) => `${r.category}; next review ${r.nextReview}`,
      ),
  ],
  [
    '7.3',
    (s) =>
      rows(
        'awareness',
        s.awareness,
        (r) => r.audience,
        (r) => `${r.reached}/${r.audienceSize} reached ${r.deliveredOn}; next ${r.nextOn}`,
      ),
  ],
  [
    '7.4',
    (s) =>
      rows(
        'communication',
        s.communication,
        (r) => r.what,
        (r) => `${r.direction}, with ${r.withWhom}, every ${r.everyDays} days; last ${r.lastOn ?? 'never'}`,
      ),
  ],
  [
    '7.5',
    (s) =>
      rows(
        'document',
        s.document,
        (r) => `${r.title} v${r.version}`,
        (r) =>
          `${r.approval.state}${r.contentHash ? '' : ', content hash not captured'}${r.nextReview ? `; review ${r.nextReview}` : ''}`,
      ),
  ],
  [
    '8.1',
    (s) =>
      rows(
        'treatment',
        s.treatment.filter((t) => t.status !== 'planned'),
        (r) => `${r.systemId}: ${r.plan}`,
        (r) => r.status,
      ),
  ],
  [
    '8.2',
    (s) =>
      rows(
        'risk-assessment',
        s['risk-assessment'],
        (r) => `${r.systemId} assessed ${r.assessedOn} (${r.cause})`,
        (r) => r.approval.state,
      ),
  ],
  [
    '8.2',
    (s) =>
      rows(
        'trigger',
        s.trigger,
        (r) => `${r.systemId} ${r.type}`,
        (r) => `${r.status}, raised ${r.raisedOn}`,
      ),
  ],
  [
    '8.3',
    (s) =>
      rows(
        'treatment',
        s.treatment,
        (r) => `${r.systemId} ${r.riskId}: ${r.plan}`,
        (r) => `${r.status}, due ${r.dueOn}${r.residualAcceptance ? ', residual accepted' : ''}`,
      ),
  ],
  [
    '8.4',
    (s) =>
      rows(
        'impact-assessment',
        s['impact-assessment'],
        (r) => `${r.systemId} assessed ${r.assessedOn}`,
        (r) => `${r.approval.state}; next review ${r.nextReview}`,
      ),
  ],
  [
    '9.1',
    (s) =>
      rows(
        'monitoring-plan',
        s['monitoring-plan'],
        (r) => r.what,
        (r) => `every ${r.everyDays} days; ${r.approval.state}`,
      ),
  ],
  [
    '9.1',
    (s) =>
      rows(
        'measurement',
        s.measurement,
        (r) => `${r.planId}: ${r.value}`,
        (r) => `${r.measuredOn}, ${r.meetsTarget ? 'meets' : 'misses'} target`,
      ),
  ],
  ['9.2', auditProgrammeRows],
  [
    '9.2',
    (s) =>
      rows(
        'audit',
        s.audit,
        (r) => r.title,
        (r) => `${r.status}${r.completedOn ? ` ${r.completedOn}` : ''}`,
      ),
  ],
  [
    '9.3',
    (s) =>
      rows(
        'management-review',
        s['management-review'],
        (r) => `held ${r.heldOn}`,
        (r) => `${r.decisions.length} decision(s); next ${r.nextReviewOn}`,
      ),
  ],
  [
    '10.1',
    (s) =>
      rows(
        'improvement',
        s.improvement,
        (r) => r.description,
        (r) => `${r.source} ${r.sourceRef}; ${r.decision?.outcome ?? 'awaiting decision'}`,
      ),
  ],
  [
    '10.2',
    (s) =>
      rows(
        'finding',
        s.finding,
        (r) => `${r.ref}: ${r.statement}`,
        (r) => `${r.grade}, ${r.status}`,
      ),
  ],
  [
    '10.2',
    (s) =>
      rows(
        'corrective-action',
        s['corrective-action'],
        (r) => r.action,
        (r) => `${r.status}, due ${r.dueOn}`,
      ),
  ],
];

/** The records that operate `clauseId` (e.g. '9.2.1' gets the 9.2 records), deduplicated by kind and id. */
export function recordsForClause(snapshot: RegisterSnapshot, clauseId: string): ClauseRecordRow[] {
  const seen = new Set<string>();
  return BY_CLAUSE.filter(([clause]) => isUnder(clauseId, clause))
    .flatMap(([, list]) => list(snapshot))
    .filter((r) => {
      const key = `${r.kind}/${r.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
