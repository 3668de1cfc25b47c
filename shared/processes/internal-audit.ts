// Clause 9.2 internal audit and 10.2 nonconformity and corrective action: the programme, impartial auditors,
// checklists derived from the standard, graded findings tied to requirements and evidence, and the rules a
// finding must pass before it may close.
import {
  refuse,
  type AimsRole,
  type Audit,
  type AuditFinding,
  type AuditProgramme,
  type CorrectiveAction,
  type Draft,
} from '../model';
import { REQUIRED_INFORMATION, controlById } from '../standard';
import { addMonths, maxDay } from './days';
import { expandRefs, isUnder, requirement } from './requirements';
import { ruleError, ruleWarning, type RuleIssue } from './rule-issue';
import { byFindingId, byId } from './lookup';
import type { RegisterSnapshot } from './snapshot';

export const GRADE_LABEL: Record<AuditFinding['grade'], string> = {
  'major-nc': 'major nonconformity',
  'minor-nc': 'minor nonconformity',
  observation: 'observation',
  opportunity: 'opportunity for improvement',
};

export const isNonconformity = (f: Pick<AuditFinding, 'grade'>) =>
  f.grade === 'major-nc' || f.grade === 'minor-nc';

/** An audit counts as done once its fieldwork is complete; 'reported' adds the report to management. */
export const isAuditDone = (a: Pick<Audit, 'status'>) => a.status === 'completed' || a.status === 'reported';

/**
 * The clauses and controls each AIMS process role answers for. An auditor holding the role may not audit
 * them (9.2.2: objectivity and impartiality). Per-system roles are handled through the audited systems.
 */
export const PROCESS_OWNERSHIP: Partial<Record<AimsRole, readonly string[]>> = {
  'aims-owner': ['4', '5', '6.2', '6.3', '7', '8.1', '9.1', '10.1', 'A.2', 'A.3', 'A.4'],
  'risk-assessment-owner': ['6.1.1', '6.1.2', '6.1.3', '8.2', '8.3'],
  'impact-assessment-owner': ['6.1.4', '8.4', 'A.5'],
  'internal-audit-owner': ['9.2'],
  'management-review-owner': ['9.3'],
};

// ── Programme ────────────────────────────────────────────────────────────────

/** When the next audit of a programme is due: the last one done plus the programme's frequency. */
export function nextAuditDue(snapshot: RegisterSnapshot, programme: AuditProgramme): string | undefined {
  const audits = snapshot.audit.filter((a) => a.programmeId === programme.id);
  const last = maxDay(audits.filter(isAuditDone).map((a) => a.completedOn ?? a.plannedOn));
  return last === undefined ? undefined : addMonths(last, programme.frequencyMonths);
}

export function validateProgramme(
  snapshot: RegisterSnapshot,
  programme: AuditProgramme,
  today: string,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = programme.id;
  // A certificate is surveilled yearly; a longer interval leaves a surveillance audit without an internal one.
  if (programme.frequencyMonths > 12) {
    issues.push(
      ruleWarning(
        id,
        'frequencyMonths',
        `${programme.frequencyMonths} months leaves a surveillance year without an internal audit; plan at most 12`,
      ),
    );
  }
  const owners = snapshot['role-assignment'].filter((r) => r.role === 'internal-audit-owner' && !r.systemId);
  if (owners.length > 0 && !owners.some((r) => r.person === programme.responsible)) {
    issues.push(
      ruleWarning(
        id,
        'responsible',
        `${programme.responsible} does not hold the internal-audit-owner role (${owners.map((o) => o.person).join(', ')} does)`,
      ),
    );
  }
  const audits = snapshot.audit.filter((a) => a.programmeId === id);
  const pending = audits.filter((a) => !isAuditDone(a));
  if (audits.length === 0) {
    issues.push(ruleError(id, 'audits', 'no audit is planned under this programme'));
  } else {
    const due = nextAuditDue(snapshot, programme);
    if (due !== undefined && due < today && pending.length === 0) {
      issues.push(ruleError(id, 'frequencyMonths', `the next audit was due on ${due} and none is planned`));
    }
  }
  return issues;
}

// ── Impartiality ─────────────────────────────────────────────────────────────

export interface ImpartialityConflict {
  auditor: string;
  /** The system or requirement the auditor is too close to. */
  systemId?: string;
  ref?: string;
  reason: string;
}

/** Systems an audit covers: those named, or every in-scope system when none is named. */
export function auditedSystemIds(snapshot: RegisterSnapshot, audit: Pick<Audit, 'scope'>): string[] {
  return audit.scope.systemIds.length > 0
    ? audit.scope.systemIds
    : snapshot['ai-system'].filter((s) => s.inScope).map((s) => s.id);
}

/** Nobody audits their own work: their own system, or a process whose role they hold. */
export function impartialityConflicts(
  snapshot: RegisterSnapshot,
  audit: Pick<Audit, 'auditors' | 'scope'>,
): ImpartialityConflict[] {
  const conflicts: ImpartialityConflict[] = [];
  const systems = new Map(snapshot['ai-system'].map((s) => [s.id, s]));
  const refs = [...audit.scope.clauses, ...audit.scope.controls];
  for (const auditor of audit.auditors) {
    for (const systemId of auditedSystemIds(snapshot, audit)) {
      const system = systems.get(systemId);
      const roles = new Set<string>();
      if (system?.owner === auditor) roles.add('system owner');
      if (system?.riskOwner === auditor) roles.add('risk owner');
      for (const r of snapshot['role-assignment']) {
        if (r.systemId === systemId && r.person === auditor) roles.add(r.role.replace('-', ' '));
      }
      if (roles.size > 0) {
        conflicts.push({
          auditor,
          systemId,
          reason: `${auditor} is the ${[...roles].join(' and ')} of ${system?.name ?? systemId}, which is in the audit scope`,
        });
      }
    }
    for (const r of snapshot['role-assignment']) {
      if (r.person !== auditor || r.systemId) continue;
      const owned = PROCESS_OWNERSHIP[r.role] ?? [];
      for (const ref of refs) {
        const prefix = owned.find((p) => isUnder(ref, p) || isUnder(p, ref));
        if (prefix === undefined) continue;
        conflicts.push({
          auditor,
          ref,
          reason: `${auditor} holds the ${r.role} role, which owns ${prefix}; auditing ${ref} would be auditing their own process`,
        });
      }
    }
  }
  return conflicts;
}

// ── Checklist ────────────────────────────────────────────────────────────────

export type ChecklistDraft = Audit['checklist'][number];

const sentence = (text: string) => text.replace(/\.\s*$/, '');

/** One question per auditable clause and control in scope, phrased from the standards data. */
export function auditChecklist(scope: Pick<Audit['scope'], 'clauses' | 'controls'>): ChecklistDraft[] {
  const { refs, unknown } = expandRefs([...scope.clauses, ...scope.controls]);
  if (unknown.length > 0) throw refuse(undefined, `not in ISO/IEC 42001: ${unknown.join(', ')}`);
  return refs.map((ref) => {
    const req = requirement(ref)!;
    const expect =
      req.kind === 'clause'
        ? REQUIRED_INFORMATION.filter((r) => r.clause === ref && !r.control).map((r) => r.what.toLowerCase())
        : (controlById(ref)?.evidenceHints ?? []).map((h) => h.charAt(0).toLowerCase() + h.slice(1));
    const ask =
      req.kind === 'clause'
        ? `Is there objective evidence that the organization meets this: "${sentence(req.summary)}"?`
        : `Is this control implemented and effective: "${sentence(req.summary)}"?`;
    const sample = expect.length > 0 ? ` Sample: ${expect.join('; ')}.` : '';
    return { ref, question: `${ref} ${req.title}: ${ask}${sample}`, result: 'not-checked', evidenceIds: [] };
  });
}

// ── Audit, finding and corrective-action rules ───────────────────────────────

const recordIds = (snapshot: RegisterSnapshot) =>
  new Set(Object.values(snapshot).flatMap((records: readonly { id: string }[]) => records.map((r) => r.id)));

export function validateAudit(snapshot: RegisterSnapshot, audit: Draft<'audit'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = audit.id;
  if (!snapshot['audit-programme'].some((p) => p.id === audit.programmeId)) {
    issues.push(ruleError(id, 'programmeId', `no audit programme '${audit.programmeId}'`));
  }
  const scope = audit.scope;
  if (scope.clauses.length + scope.controls.length === 0) {
    issues.push(ruleError(id, 'scope', 'name at least one clause or control to audit'));
  }
  for (const [field, refs, kind] of [
    ['scope.clauses', scope.clauses, 'clause'],
    ['scope.controls', scope.controls, 'control'],
  ] as const) {
    for (const ref of refs) {
      const req = requirement(ref);
      if (!req) issues.push(ruleError(id, field, `'${ref}' is not an ISO/IEC 42001 ${kind}`));
      else if (req.kind !== kind)
        issues.push(ruleError(id, field, `'${ref}' is a ${req.kind}, not a ${kind}`));
    }
  }
  const systems = new Set(snapshot['ai-system'].map((s) => s.id));
  for (const systemId of scope.systemIds) {
    if (!systems.has(systemId)) issues.push(ruleError(id, 'scope.systemIds', `no AI system '${systemId}'`));
  }
  const done = audit.status === 'completed' || audit.status === 'reported';
  if (done && !audit.completedOn)
    issues.push(ruleError(id, 'completedOn', `a ${audit.status} audit needs its completion day`));
  if (audit.completedOn && audit.completedOn < audit.plannedOn) {
    issues.push(
      ruleError(
        id,
        'completedOn',
        `completed ${audit.completedOn} before it was planned (${audit.plannedOn})`,
      ),
    );
  }
  if (audit.status === 'reported' && !audit.reportedTo) {
    issues.push(ruleError(id, 'reportedTo', 'a reported audit names who received the report (9.2.2)'));
  }
  if (audit.reAuditOf !== undefined && !snapshot.audit.some((a) => a.id === audit.reAuditOf)) {
    issues.push(ruleError(id, 'reAuditOf', `no audit '${audit.reAuditOf}' to re-audit`));
  }
  for (const [index, item] of (audit.checklist ?? []).entries()) {
    if (!requirement(item.ref))
      issues.push(ruleError(id, `checklist[${index}].ref`, `'${item.ref}' is not in ISO/IEC 42001`));
  }
  for (const conflict of impartialityConflicts(snapshot, audit)) {
    issues.push(ruleError(id, 'auditors', `not impartial: ${conflict.reason}`));
  }
  return issues;
}

export function validateFinding(snapshot: RegisterSnapshot, finding: Draft<'finding'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = finding.id;
  const audit = snapshot.audit.find((a) => a.id === finding.auditId);
  if (!audit) issues.push(ruleError(id, 'auditId', `no audit '${finding.auditId}'`));
  const req = requirement(finding.ref);
  if (!req)
    issues.push(ruleError(id, 'ref', `'${finding.ref}' is not an ISO/IEC 42001 clause or Annex A control`));
  else if (!req.auditable)
    issues.push(ruleError(id, 'ref', `'${finding.ref}' is a heading; name the clause or control beneath it`));
  if (finding.systemId !== undefined) {
    if (!snapshot['ai-system'].some((s) => s.id === finding.systemId)) {
      issues.push(ruleError(id, 'systemId', `no AI system '${finding.systemId}'`));
    } else if (audit && !auditedSystemIds(snapshot, audit).includes(finding.systemId)) {
      issues.push(ruleWarning(id, 'systemId', `${finding.systemId} is outside the scope of ${audit.id}`));
    }
  }
  const evidence = finding.evidenceIds ?? [];
  // A finding stands on evidence the auditee can be shown; a bare assertion is not a finding.
  if (evidence.length === 0)
    issues.push(ruleError(id, 'evidenceIds', 'cite at least one evidence item or record'));
  const known = recordIds(snapshot);
  for (const e of evidence)
    if (!known.has(e)) issues.push(ruleError(id, 'evidenceIds', `no record '${e}' in the register`));
  if (finding.status === 'closed') issues.push(...closureIssues(snapshot, finding));
  else if (finding.closedOn)
    issues.push(
      ruleError(id, 'closedOn', `only a closed finding has a closing day (status is ${finding.status})`),
    );
  return issues;
}

/** Why a finding may not (or should not have) closed; empty when closure is justified. */
export function closureIssues(
  snapshot: RegisterSnapshot,
  finding: Pick<AuditFinding, 'id' | 'grade' | 'auditId' | 'closedOn' | 'verifiedInAuditId'>,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = finding.id;
  const actions = byFindingId.all(snapshot['corrective-action'], id);
  if (isNonconformity(finding) && actions.length === 0) {
    issues.push(ruleError(id, 'status', 'a nonconformity closes only through a corrective action (10.2)'));
  }
  for (const action of actions) {
    if (action.status !== 'verified-effective' || action.effectiveness?.effective !== true) {
      issues.push(
        ruleError(
          id,
          'status',
          `corrective action ${action.id} is not verified effective (status ${action.status})`,
        ),
      );
    }
  }
  if (!finding.closedOn) issues.push(ruleError(id, 'closedOn', 'a closed finding needs its closing day'));
  const lastCheck = maxDay(actions.flatMap((a) => (a.effectiveness ? [a.effectiveness.checkedOn] : [])));
  if (finding.closedOn && lastCheck && finding.closedOn < lastCheck) {
    issues.push(
      ruleError(id, 'closedOn', `closed ${finding.closedOn}, before the effectiveness check on ${lastCheck}`),
    );
  }
  if (finding.grade === 'major-nc') {
    const reAudit =
      finding.verifiedInAuditId === undefined
        ? undefined
        : byId.first(snapshot.audit, finding.verifiedInAuditId);
    if (!finding.verifiedInAuditId) {
      issues.push(
        ruleError(id, 'verifiedInAuditId', 'a major nonconformity closes only after a re-audit; link it'),
      );
    } else if (!reAudit || reAudit.reAuditOf !== finding.auditId || !isAuditDone(reAudit)) {
      issues.push(
        ruleError(
          id,
          'verifiedInAuditId',
          `'${finding.verifiedInAuditId}' is not a completed re-audit of ${finding.auditId}`,
        ),
      );
    }
  }
  return issues;
}

export function validateCorrectiveAction(
  snapshot: RegisterSnapshot,
  action: Draft<'corrective-action'>,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const id = action.id;
  const finding = snapshot.finding.find((f) => f.id === action.findingId);
  if (!finding) issues.push(ruleError(id, 'findingId', `no finding '${action.findingId}'`));
  const check = action.effectiveness;
  if (action.status === 'verified-effective' && check?.effective !== true) {
    issues.push(
      ruleError(
        id,
        'effectiveness',
        'verified-effective needs an effectiveness check that found the action effective',
      ),
    );
  }
  if (action.status === 'ineffective' && check?.effective !== false) {
    issues.push(
      ruleError(
        id,
        'effectiveness',
        'ineffective needs an effectiveness check that found the action ineffective',
      ),
    );
  }
  if (check && (action.status === 'open' || action.status === 'done')) {
    issues.push(
      ruleError(
        id,
        'status',
        `an effectiveness check is recorded; set status to ${check.effective ? 'verified-effective' : 'ineffective'}`,
      ),
    );
  }
  if (check && check.checkedBy === action.owner) {
    issues.push(
      ruleWarning(
        id,
        'effectiveness.checkedBy',
        'the action owner checked their own action; prefer someone independent',
      ),
    );
  }
  return issues;
}

// ── Transitions ──────────────────────────────────────────────────────────────

/** Records an effectiveness check; the action's status follows the verdict. */
export function recordEffectiveness(
  action: CorrectiveAction,
  check: NonNullable<CorrectiveAction['effectiveness']>,
): Draft<'corrective-action'> {
  return { ...action, effectiveness: check, status: check.effective ? 'verified-effective' : 'ineffective' };
}

// ── Gaps ─────────────────────────────────────────────────────────────────────

export type FindingGapKind =
  | 'no-corrective-action'
  | 'action-overdue'
  | 'action-ineffective'
  | 'closed-without-effective-check'
  | 'major-without-re-audit';

export interface FindingGap {
  kind: FindingGapKind;
  findingId: string;
  actionId?: string;
  systemId?: string;
  ref: string;
  what: string;
  next: string;
}

/** Findings that are not tracked to an effective closure as 10.2 requires. */
export function findingGaps(snapshot: RegisterSnapshot, today: string): FindingGap[] {
  const gaps: FindingGap[] = [];
  for (const f of snapshot.finding) {
    const base = { findingId: f.id, ref: f.ref, ...(f.systemId ? { systemId: f.systemId } : {}) };
    const actions = byFindingId.all(snapshot['corrective-action'], f.id);
    if (f.status === 'closed') {
      for (const issue of closureIssues(snapshot, f)) {
        const major = issue.field === 'verifiedInAuditId';
        gaps.push({
          ...base,
          kind: major ? 'major-without-re-audit' : 'closed-without-effective-check',
          what: `finding ${f.id} was closed but ${issue.message}`,
          next: major
            ? `re-audit ${f.ref} and link the re-audit to ${f.id}`
            : `reopen ${f.id} and verify its corrective action`,
        });
      }
      continue;
    }
    if (isNonconformity(f) && actions.length === 0) {
      gaps.push({
        ...base,
        kind: 'no-corrective-action',
        what: `${GRADE_LABEL[f.grade]} ${f.id} (${f.ref}) has no corrective action`,
        next: `record the root cause and a corrective action for ${f.id}`,
      });
    }
    for (const a of actions) {
      if (a.status === 'ineffective') {
        gaps.push({
          ...base,
          kind: 'action-ineffective',
          actionId: a.id,
          what: `corrective action ${a.id} for ${f.id} was found ineffective`,
          next: `revisit the root cause of ${f.id} and plan a new action`,
        });
      } else if (a.status === 'open' && a.dueOn < today) {
        gaps.push({
          ...base,
          kind: 'action-overdue',
          actionId: a.id,
          what: `corrective action ${a.id} for ${f.id} was due ${a.dueOn}`,
          next: `complete ${a.id} or re-plan it with ${a.owner}`,
        });
      }
    }
  }
  return gaps;
}

/** Open findings (anything not closed), with the due day of their earliest unfinished action. */
export function openFindings(snapshot: RegisterSnapshot): Array<{ finding: AuditFinding; dueOn?: string }> {
  return snapshot.finding
    .filter((f) => f.status !== 'closed')
    .map((finding) => {
      const due = byFindingId
        .all(snapshot['corrective-action'], finding.id)
        .filter((c) => c.status !== 'verified-effective')
        .map((c) => c.dueOn)
        .sort()[0];
      return { finding, ...(due ? { dueOn: due } : {}) };
    });
}
