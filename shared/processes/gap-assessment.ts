// Gap assessment against the documented information ISO/IEC 42001 requires (REQUIRED_INFORMATION): for
// each clause and each kind of evidence it calls for, is it missing, present in the wrong form, or present —
// always with the record ids behind the verdict, so every line can be checked by opening a record.
import type { DocumentType, DocumentedInformation, EvidenceItem } from '../model';
import { CLAUSES, REQUIRED_INFORMATION, type EvidenceKind, type RequiredInformation } from '../standard';
import { addDays } from './days';
import { findingGaps, isAuditDone, isNonconformity, validateProgramme } from './internal-audit';
import { reviewCadence } from './management-review';
import { assessmentStatus, type AssessmentKind } from './reassessment';
import { statusReason } from './readiness';
import { inScopeSystems, roleGaps } from './roles';
import type { RegisterSnapshot } from './snapshot';
import { buildSoa, soaGaps } from './soa';

export type EvidenceState = 'missing' | 'wrong-form' | 'present' | 'not-applicable';

export interface EvidenceIssue {
  state: 'missing' | 'wrong-form';
  /** Records (or, for something missing, the system or control) the issue is about. */
  recordIds: string[];
  detail: string;
}

export interface EvidenceCheck {
  clause: string;
  control?: string;
  /** What the standard asks for, from REQUIRED_INFORMATION. */
  what: string;
  form: RequiredInformation['kind'];
  evidenceKind: EvidenceKind;
  state: EvidenceState;
  /** Every record that speaks to this requirement, sound or not. */
  recordIds: string[];
  issues: EvidenceIssue[];
  note?: string;
}

export interface ClauseGapAssessment {
  clause: string;
  title: string;
  state: EvidenceState;
  checks: EvidenceCheck[];
}

interface Found {
  recordIds: string[];
  issues: EvidenceIssue[];
  /** Overrides the state: e.g. 'not-applicable' when there is nothing to retain. */
  state?: EvidenceState;
  note?: string;
}

const missing = (detail: string, recordIds: string[] = []): EvidenceIssue => ({
  state: 'missing',
  recordIds,
  detail,
});
const wrongForm = (detail: string, recordIds: string[]): EvidenceIssue => ({
  state: 'wrong-form',
  recordIds,
  detail,
});

// ── Generic checks ───────────────────────────────────────────────────────────

/** Evidence past its freshness window no longer proves the present state (7.5.3). */
export function staleEvidence(
  item: Pick<EvidenceItem, 'id' | 'capturedAt' | 'freshForDays'>,
  today: string,
): string | undefined {
  if (item.freshForDays === undefined) return undefined;
  const until = addDays(item.capturedAt.slice(0, 10), item.freshForDays);
  return until < today
    ? `${item.id} is past its freshness window (captured ${item.capturedAt.slice(0, 10)}, fresh until ${until})`
    : undefined;
}

function documentCheck(
  snapshot: RegisterSnapshot,
  today: string,
  types: readonly DocumentType[],
  label: string,
): Found {
  const docs = snapshot.document.filter((d) => types.includes(d.docType));
  if (docs.length === 0) return { recordIds: [], issues: [missing(`no ${label} document`)] };
  return { recordIds: docs.map((d) => d.id), issues: docIssues(docs, today, label) };
}

function docIssues(docs: readonly DocumentedInformation[], today: string, label: string): EvidenceIssue[] {
  const issues: EvidenceIssue[] = [];
  const approved = docs.filter((d) => d.approval.state === 'approved');
  if (approved.length === 0) {
    issues.push(
      wrongForm(
        `${label} is not approved (${docs.map((d) => `${d.id}: ${d.approval.state}`).join(', ')})`,
        docs.map((d) => d.id),
      ),
    );
  }
  for (const d of approved) {
    if (d.nextReview !== undefined && d.nextReview < today) {
      issues.push(wrongForm(`${d.id} was due for review on ${d.nextReview}`, [d.id]));
    }
  }
  return issues;
}

/** Evidence items tagged with the clause (or, for a control row, the control). */
function taggedEvidence(
  snapshot: RegisterSnapshot,
  today: string,
  row: RequiredInformation,
  label: string,
): Found {
  const items = snapshot.evidence.filter((e) =>
    row.control
      ? e.controls.includes(row.control)
      : e.clauses.some((c) => c === row.clause || c.startsWith(`${row.clause}.`)),
  );
  if (items.length === 0)
    return { recordIds: [], issues: [missing(`no ${label} evidence tagged ${row.control ?? row.clause}`)] };
  const stale = items.flatMap((e) => {
    const why = staleEvidence(e, today);
    return why ? [wrongForm(why, [e.id])] : [];
  });
  const recordIds = items.map((e) => e.id);
  // One fresh item is enough to prove the present state; stale ones alongside it are only noted.
  if (stale.length === items.length) return { recordIds, issues: stale };
  return stale.length > 0
    ? { recordIds, issues: [], note: `${stale.length} stale item(s) alongside fresh ones` }
    : { recordIds, issues: [] };
}

/** Per in-scope system: the latest assessment of the kind must exist, be approved, and be newer than its triggers. */
function assessmentCheck(snapshot: RegisterSnapshot, today: string, kind: AssessmentKind): Found {
  const records = kind === 'risk' ? snapshot['risk-assessment'] : snapshot['impact-assessment'];
  const systems = new Map(snapshot['ai-system'].map((s) => [s.id, s]));
  const issues: EvidenceIssue[] = [];
  const label = kind === 'risk' ? 'risk assessment' : 'impact assessment';
  for (const r of records) {
    if (!systems.has(r.systemId))
      issues.push(wrongForm(`${r.id} is not tied to a system in the inventory (${r.systemId})`, [r.id]));
  }
  for (const system of inScopeSystems(snapshot)) {
    const status = assessmentStatus(snapshot, system.id, kind, today);
    const latest = records.find((r) => r.id === status.latestId);
    if (!latest) {
      const drafts = records.filter((r) => r.systemId === system.id).map((r) => r.id);
      issues.push(
        status.state === 'missing'
          ? missing(`${system.name} has no ${label}`, [system.id])
          : wrongForm(`${system.name} has a ${label} drafted but none approved`, drafts),
      );
      continue;
    }
    if (status.state !== 'current') {
      const older = status.openTriggerIds.filter((id) => status.causes.includes(id));
      const detail =
        older.length > 0
          ? `older than its trigger ${older.join(', ')} (raised ${status.dueOn ?? '?'})`
          : statusReason(snapshot, status);
      issues.push(
        wrongForm(`${latest.id} for ${system.name} is ${status.state}: ${detail}`, [latest.id, ...older]),
      );
    }
  }
  return { recordIds: records.map((r) => r.id), issues };
}

// ── Per evidence kind ────────────────────────────────────────────────────────

type Resolver = (snapshot: RegisterSnapshot, today: string, row: RequiredInformation) => Found;

const RESOLVERS: Record<EvidenceKind, Resolver> = {
  scope: (s, t) => documentCheck(s, t, ['scope'], 'AIMS scope'),
  'ai-policy': (s, t) => documentCheck(s, t, ['ai-policy'], 'AI policy'),
  'role-assignment': (s) => {
    const roles = s['role-assignment'];
    const issues = roleGaps(s).map((g) => missing(g.what, g.systemId ? [g.systemId] : []));
    for (const r of roles.filter((x) => !x.communicated))
      issues.push(wrongForm(`${r.id} (${r.role}) is not communicated`, [r.id]));
    return {
      recordIds: roles.map((r) => r.id),
      issues: roles.length === 0 ? [missing('no roles assigned')] : dedupe(issues),
    };
  },
  'risk-methodology': (s, t) => {
    const methods = s['risk-methodology'];
    const docs = s.document.filter((d) => d.docType === 'risk-methodology');
    const ids = [...methods.map((m) => m.id), ...docs.map((d) => d.id)];
    if (ids.length === 0) return { recordIds: [], issues: [missing('no risk criteria or method')] };
    const issues: EvidenceIssue[] = [];
    if (methods.length === 0)
      issues.push(missing('risk criteria are not recorded as a methodology the register can apply'));
    else if (!methods.some((m) => m.approval.state === 'approved')) {
      issues.push(
        wrongForm(
          'no risk methodology version is approved',
          methods.map((m) => m.id),
        ),
      );
    }
    if (docs.length > 0) issues.push(...docIssues(docs, t, 'risk assessment procedure'));
    return { recordIds: ids, issues };
  },
  'risk-assessment': (s, t) => assessmentCheck(s, t, 'risk'),
  'risk-treatment': (s, t, row) => {
    if (row.kind === 'document') {
      const docs = s.document.filter((d) => d.clauses.includes('6.1.3'));
      if (docs.length === 0)
        return {
          recordIds: [],
          issues: [missing('no documented risk treatment process (a document covering 6.1.3)')],
        };
      return { recordIds: docs.map((d) => d.id), issues: docIssues(docs, t, 'risk treatment process') };
    }
    const treatments = s.treatment;
    if (treatments.length === 0) return { recordIds: [], issues: [missing('no risk treatment recorded')] };
    const issues = treatments
      .filter((x) => (x.status === 'implemented' || x.status === 'verified-effective') && !x.effectiveness)
      .map((x) => wrongForm(`${x.id} is ${x.status} but its effectiveness was never checked (8.3)`, [x.id]));
    for (const x of treatments.filter((y) => y.status === 'ineffective')) {
      issues.push(wrongForm(`${x.id} was found ineffective and needs a revised option (8.3)`, [x.id]));
    }
    return { recordIds: treatments.map((x) => x.id), issues };
  },
  soa: (s) => {
    const entries = s['soa-entry'];
    if (entries.length === 0) return { recordIds: [], issues: [missing('no Statement of Applicability')] };
    const gaps = soaGaps(buildSoa(s));
    const issues = gaps.map((g) =>
      g.what.startsWith('no SoA entry')
        ? missing(g.what, [g.controlId])
        : wrongForm(
            g.what,
            entries.filter((e) => e.controlId === g.controlId).map((e) => e.id),
          ),
    );
    return { recordIds: entries.map((e) => e.id), issues };
  },
  'treatment-plan': (s) => {
    const treatments = s.treatment;
    const issues: EvidenceIssue[] = [];
    for (const ra of s['risk-assessment']) {
      for (const risk of ra.risks.filter((r) => !r.acceptable)) {
        if (!treatments.some((x) => x.riskAssessmentId === ra.id && x.riskId === risk.id)) {
          issues.push(missing(`unacceptable risk ${risk.id} of ${ra.id} has no treatment`, [ra.id]));
        }
      }
    }
    for (const x of treatments.filter((y) => !y.residualAcceptance)) {
      issues.push(wrongForm(`${x.id} has no residual-risk acceptance`, [x.id]));
    }
    if (treatments.length === 0 && issues.length === 0)
      return { recordIds: [], issues: [missing('no treatment plan')] };
    return { recordIds: treatments.map((x) => x.id), issues };
  },
  'impact-methodology': (s, t) => {
    const templates = s['impact-template'];
    const docs = s.document.filter((d) => d.docType === 'impact-methodology');
    const ids = [...templates.map((x) => x.id), ...docs.map((d) => d.id)];
    if (ids.length === 0)
      return { recordIds: [], issues: [missing('no impact assessment method or template')] };
    const issues: EvidenceIssue[] = docs.length > 0 ? docIssues(docs, t, 'impact assessment procedure') : [];
    if (templates.length > 0 && !templates.some((x) => x.approval.state === 'approved')) {
      issues.push(
        wrongForm(
          'no impact assessment template version is approved',
          templates.map((x) => x.id),
        ),
      );
    }
    return { recordIds: ids, issues };
  },
  'impact-assessment': (s, t) => assessmentCheck(s, t, 'impact'),
  objectives: (s, t) => documentCheck(s, t, ['objectives'], 'AI objectives'),
  competence: (s, t, row) => {
    const docs = documentCheck(s, t, ['competence-record'], 'competence');
    const tagged = taggedEvidence(s, t, row, 'competence');
    const recordIds = [...docs.recordIds, ...tagged.recordIds];
    if (recordIds.length === 0) return { recordIds, issues: [missing('no competence records')] };
    return { recordIds, issues: docs.recordIds.length > 0 ? docs.issues : tagged.issues };
  },
  'doc-control': (s, t) => {
    const docs = s.document;
    if (docs.length === 0)
      return { recordIds: [], issues: [missing('no documented information under control')] };
    const issues = docs
      .filter((d) => d.approval.state !== 'approved' && d.approval.state !== 'superseded')
      .map((d) => wrongForm(`${d.id} (${d.title} ${d.version}) is ${d.approval.state}`, [d.id]));
    for (const d of docs.filter((x) => x.nextReview !== undefined && x.nextReview < t)) {
      issues.push(wrongForm(`${d.id} was due for review on ${d.nextReview}`, [d.id]));
    }
    return { recordIds: docs.map((d) => d.id), issues };
  },
  'operational-records': (s, t, row) => taggedEvidence(s, t, row, 'operational'),
  'technical-documentation': (s, t, row) => taggedEvidence(s, t, row, 'technical documentation'),
  monitoring: (s, t, row) => taggedEvidence(s, t, row, 'monitoring'),
  'audit-programme': (s, t) => {
    const programmes = s['audit-programme'];
    if (programmes.length === 0) return { recordIds: [], issues: [missing('no internal audit programme')] };
    const issues = programmes.flatMap((p) =>
      validateProgramme(s, p, t)
        .filter((i) => i.severity === 'error')
        .map((i) => wrongForm(`${p.id}: ${i.message}`, [p.id])),
    );
    return { recordIds: [...programmes.map((p) => p.id), ...s.audit.map((a) => a.id)], issues };
  },
  'audit-report': (s) => {
    const done = s.audit.filter(isAuditDone);
    if (done.length === 0) return { recordIds: [], issues: [missing('no internal audit completed')] };
    const issues = done
      .filter((a) => a.status !== 'reported')
      .map((a) =>
        wrongForm(`${a.id} is complete but its results were not reported to management (9.2.2)`, [a.id]),
      );
    return {
      recordIds: [
        ...done.map((a) => a.id),
        ...s.finding.filter((f) => done.some((a) => a.id === f.auditId)).map((f) => f.id),
      ],
      issues,
    };
  },
  'management-review': (s, t) => {
    const reviews = s['management-review'];
    if (reviews.length === 0) return { recordIds: [], issues: [missing('no management review held')] };
    const issues = reviews
      .filter((r) => r.decisions.length === 0)
      .map((r) => wrongForm(`${r.id} records no decisions on improvement or change (9.3.3)`, [r.id]));
    const cadence = reviewCadence(s, t);
    if (cadence.state === 'overdue')
      issues.push(
        wrongForm(
          `the next review was due ${cadence.nextDueOn}`,
          cadence.lastReviewId ? [cadence.lastReviewId] : [],
        ),
      );
    return { recordIds: reviews.map((r) => r.id), issues };
  },
  nonconformity: (s) => {
    const ncs = s.finding.filter(isNonconformity);
    if (ncs.length === 0) {
      return {
        recordIds: [],
        issues: [],
        state: 'not-applicable',
        note: 'no nonconformity has been raised yet',
      };
    }
    const issues = ncs
      .filter((f) => f.evidenceIds.length === 0)
      .map((f) => wrongForm(`${f.id} cites no evidence`, [f.id]));
    return { recordIds: ncs.map((f) => f.id), issues };
  },
  'corrective-action': (s, t) => {
    const ncs = s.finding.filter(isNonconformity);
    const actions = s['corrective-action'];
    if (ncs.length === 0 && actions.length === 0) {
      return {
        recordIds: [],
        issues: [],
        state: 'not-applicable',
        note: 'no nonconformity needs corrective action yet',
      };
    }
    const issues = findingGaps(s, t).map((g) => {
      const ids = [g.findingId, ...(g.actionId ? [g.actionId] : [])];
      return g.kind === 'no-corrective-action' ? missing(g.what, ids) : wrongForm(g.what, ids);
    });
    return { recordIds: actions.map((a) => a.id), issues };
  },
};

function dedupe(issues: EvidenceIssue[]): EvidenceIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.detail) ? false : (seen.add(i.detail), true)));
}

const RANK: Record<EvidenceState, number> = { 'not-applicable': 0, present: 1, 'wrong-form': 2, missing: 3 };
const worst = (states: readonly EvidenceState[]): EvidenceState =>
  states.reduce<EvidenceState>((a, b) => (RANK[b] > RANK[a] ? b : a), 'not-applicable');

/** One check per (requirement, evidence kind). */
export function evidenceChecks(snapshot: RegisterSnapshot, today: string): EvidenceCheck[] {
  const soa = new Map(buildSoa(snapshot).map((r) => [r.controlId, r]));
  return REQUIRED_INFORMATION.flatMap((row) =>
    row.evidenceKinds.map((evidenceKind): EvidenceCheck => {
      const base = {
        clause: row.clause,
        ...(row.control ? { control: row.control } : {}),
        what: row.what,
        form: row.kind,
        evidenceKind,
      };
      const soaRow = row.control ? soa.get(row.control) : undefined;
      // A control excluded by an approved SoA decision asks for nothing.
      if (soaRow?.applicable === false && soaRow.approval === 'approved') {
        return {
          ...base,
          state: 'not-applicable',
          recordIds: soaRow.entryId ? [soaRow.entryId] : [],
          issues: [],
          note: `${row.control} is excluded in the SoA`,
        };
      }
      const found = RESOLVERS[evidenceKind](snapshot, today, row);
      const state =
        found.state ??
        (found.issues.length > 0
          ? worst(found.issues.map((i) => i.state))
          : found.recordIds.length > 0
            ? 'present'
            : 'missing');
      return {
        ...base,
        state,
        recordIds: found.recordIds,
        issues: found.issues,
        ...(found.note ? { note: found.note } : {}),
      };
    }),
  );
}

/** The gap assessment, grouped per clause of REQUIRED_INFORMATION in standard order. */
export function gapAssessment(snapshot: RegisterSnapshot, today: string): ClauseGapAssessment[] {
  const checks = evidenceChecks(snapshot, today);
  const clauses = [...new Set(checks.map((c) => c.clause))];
  return clauses.map((clause) => {
    const mine = checks.filter((c) => c.clause === clause);
    return {
      clause,
      title: CLAUSES.find((c) => c.id === clause)?.title ?? clause,
      state: worst(mine.map((c) => c.state)),
      checks: mine,
    };
  });
}

/** Share of a clause's checks that are present (not-applicable ones do not count), 0–100. */
export function clausePercent(assessment: ClauseGapAssessment): number {
  const counted = assessment.checks.filter((c) => c.state !== 'not-applicable');
  if (counted.length === 0) return 100;
  return Math.round((100 * counted.filter((c) => c.state === 'present').length) / counted.length);
}
