// Certification readiness as a computed view: what a Stage 1 auditor (documented AIMS) and a Stage 2
// auditor (implemented and effective) would find missing, each gap naming the clause, the system where
// there is one, and the next action; plus the four-phase roadmap with a percent per phase.
import { z } from 'zod';
import { ANNEX_A_CONTROL_IDS } from '../standard';
import { daysBetween } from './days';
import type { Gap } from './gap-row';
import { GRADE_LABEL, findingGaps, isAuditDone, isNonconformity, openFindings } from './internal-audit';
import { latestReview } from './management-review';
import { maxDay } from './days';
import { systemStatuses, type AssessmentStatus } from './reassessment';
import { byFindingId, byId, findById, indexBy } from './lookup';
import { inScopeSystems, riskOwnerOf, roleGaps } from './roles';
import type { RegisterSnapshot, SystemSummary } from './snapshot';
import { soaGaps, soaStanding, type SoaStanding } from './soa';
import { namedReference } from './reference';
import { auditCoverage } from './audit-coverage';
import { clauseRecordStage1Gaps, clauseRecordStage2Gaps, documentControlGaps } from './clause-records';
import { treatmentGaps } from './treatment';

// ── JSON contract of `aims readiness --format json` ──────────────────────────

export const ReadinessGapJson = z
  .object({
    clause: z.string().min(1),
    system: z.string().min(1).optional(),
    what: z.string().min(1),
    next: z.string().min(1),
  })
  .strict();
export const StageJson = z
  .object({ ready: z.boolean(), gaps: z.array(ReadinessGapJson), watch: z.array(ReadinessGapJson) })
  .strict();
export const PHASE_NAMES = [
  'Scoping & gap assessment',
  'Process build',
  'First-cycle execution',
  'Audit & review',
] as const;
export const PhaseJson = z
  .object({ name: z.enum(PHASE_NAMES), percent: z.number().int().min(0).max(100) })
  .strict();
export const ReadinessJson = z
  .object({
    stage1: StageJson,
    stage2: StageJson,
    phases: z
      .array(PhaseJson)
      .length(4)
      .refine((p) => p.every((x, i) => x.name === PHASE_NAMES[i]), 'phases must be the four phases in order'),
  })
  .strict();
export type ReadinessJson = z.infer<typeof ReadinessJson>;

// ── Model ────────────────────────────────────────────────────────────────────

export interface PhaseCheck {
  clause: string;
  label: string;
  /** 0–1: most checks pass or fail; a few (e.g. SoA coverage) give partial credit. */
  score: number;
}

export interface Phase {
  name: (typeof PHASE_NAMES)[number];
  percent: number;
  checks: PhaseCheck[];
}

export interface Stage {
  /** True exactly when `gaps` is empty; watch items never block. */
  ready: boolean;
  gaps: Gap[];
  /**
   * What an auditor would note and follow up but not hold certification on: an open minor
   * nonconformity whose corrective action is planned and in date (10.2 working), an assessment due
   * inside the organisation's own reassessment window.
   */
  watch: Gap[];
}

export interface Readiness {
  today: string;
  stage1: Stage;
  stage2: Stage;
  phases: Phase[];
}

const approvedDoc = (snapshot: RegisterSnapshot, docType: string) =>
  snapshot.document.filter((d) => d.docType === docType && d.approval.state === 'approved');

/** A document gap: missing, or present but not approved. */
function documentGap(
  snapshot: RegisterSnapshot,
  docType: string,
  clause: string,
  label: string,
  alternatives: readonly { approval: { state: string } }[] = [],
): Gap[] {
  const docs = snapshot.document.filter((d) => d.docType === docType);
  if (approvedDoc(snapshot, docType).length > 0 || alternatives.some((a) => a.approval.state === 'approved'))
    return [];
  if (docs.length === 0 && alternatives.length === 0) {
    return [
      {
        clause,
        what: `no ${label} is documented`,
        next: `write the ${label} and have it approved (${clause})`,
      },
    ];
  }
  const states = [
    ...docs.map((d) => `${d.id} ${d.approval.state}`),
    ...alternatives.map((a) => a.approval.state),
  ];
  return [
    {
      clause,
      what: `the ${label} is not approved (${states.join(', ')})`,
      next: `have top management approve the ${label} (${clause}, 7.5.2)`,
    },
  ];
}

/**
 * What several rules of both stages and the roadmap read: computed once per evaluation, since each costs a
 * pass over the register (the SoA lists every linked evidence item per control).
 */
export interface ReadinessBasis {
  inScope: readonly SystemSummary[];
  statuses: ReturnType<typeof systemStatuses>;
  roles: Gap[];
  soa: SoaStanding[];
}

const basisOf = (snapshot: RegisterSnapshot, today: string): ReadinessBasis => ({
  inScope: inScopeSystems(snapshot),
  statuses: systemStatuses(snapshot, today),
  roles: roleGaps(snapshot),
  soa: soaStanding(snapshot),
});

// ── Stage 1 ──────────────────────────────────────────────────────────────────

function stage1Gaps(
  snapshot: RegisterSnapshot,
  today: string,
  basis: ReadinessBasis,
  describe: boolean,
): Gap[] {
  const gaps: Gap[] = [];
  gaps.push(...documentGap(snapshot, 'scope', '4.3', 'AIMS scope'));
  const systems = snapshot['ai-system'];
  for (const s of systems.filter((x) => x.inventoryState === 'discovered-unreviewed')) {
    gaps.push({
      clause: '4.3',
      systemId: s.id,
      what: describe ? `${s.name} was discovered but never reviewed for scope` : '',
      next: describe ? `confirm or reject ${s.name} in the inventory and record whether it is in scope` : '',
    });
  }
  if (basis.inScope.length === 0) {
    gaps.push({
      clause: '4.3',
      what: 'no AI system is in scope',
      next: 'record the AI systems the AIMS covers',
    });
  }
  gaps.push(...documentGap(snapshot, 'ai-policy', '5.2', 'AI policy'));
  gaps.push(...basis.roles.filter((g) => !g.systemId));
  gaps.push(...documentGap(snapshot, 'objectives', '6.2', 'AI objectives'));
  gaps.push(...documentGap(snapshot, 'competence-record', '7.2', 'competence evidence'));
  gaps.push(
    ...documentGap(
      snapshot,
      'risk-methodology',
      '6.1.2',
      'AI risk assessment method and criteria',
      snapshot['risk-methodology'],
    ),
  );
  gaps.push(
    ...documentGap(
      snapshot,
      'impact-methodology',
      '6.1.4',
      'AI system impact assessment method',
      snapshot['impact-template'],
    ),
  );

  const soa = soaGaps(basis.soa);
  const missingEntries = soa.filter((g) => g.what.startsWith('no SoA entry')).map((g) => g.controlId);
  if (missingEntries.length > 0) {
    const list =
      missingEntries.length === ANNEX_A_CONTROL_IDS.length
        ? 'any Annex A control'
        : missingEntries.join(', ');
    gaps.push({
      clause: '6.1.3',
      what: `the Statement of Applicability has no entry for ${list}`,
      next: `decide applicability and justification for ${missingEntries.length} control(s) (aims soa drafts them from linked treatments and evidence)`,
    });
  }
  for (const g of soa.filter((x) => !x.what.startsWith('no SoA entry')))
    gaps.push({ clause: g.controlId, what: g.what, next: g.next });

  if (snapshot['audit-programme'].length === 0) {
    gaps.push({
      clause: '9.2.2',
      what: 'no internal audit programme is recorded',
      next: 'plan the audit programme: frequency, methods, responsibilities, criteria',
    });
  }
  gaps.push(...clauseRecordStage1Gaps(snapshot, today));
  gaps.push(...documentControlGaps(snapshot, today));
  return gaps;
}

// ── Stage 2 ──────────────────────────────────────────────────────────────────

const KIND_LABEL = { risk: 'risk assessment', impact: 'impact assessment' } as const;
const KIND_CLAUSE = { risk: '8.2', impact: '8.4' } as const;
/**
 * The words around the system's name in a missing assessment's gap, whole per kind: at 5,000 never-assessed
 * systems each gap joins its name to two pieces instead of assembling the label and clauses again.
 */
const MISSING_TEXT = {
  risk: {
    what: ` has no ${KIND_LABEL.risk}`,
    next: [`run the ${KIND_LABEL.risk} for `, ` and have it approved (6.1.2, ${KIND_CLAUSE.risk})`],
  },
  impact: {
    what: ` has no ${KIND_LABEL.impact}`,
    next: [`run the ${KIND_LABEL.impact} for `, ` and have it approved (6.1.4, ${KIND_CLAUSE.impact})`],
  },
} as const;

function triggerText(snapshot: RegisterSnapshot, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const t = byId.first(snapshot.trigger, id);
      if (!t) return id;
      const change =
        t.before !== undefined || t.after !== undefined ? ` ${t.before ?? '∅'} → ${t.after ?? '∅'}` : '';
      return `trigger ${t.id} (${t.type}${change}, raised ${t.raisedOn})`;
    })
    .join('; ');
}

/** Why an assessment is not current, in words an auditor would use. */
export function statusReason(snapshot: RegisterSnapshot, status: AssessmentStatus): string {
  switch (status.state) {
    case 'stale':
      return `the system's components changed after it was assessed on ${status.assessedOn ?? '?'}`;
    case 'in-progress':
      return status.latestId
        ? 'a reassessment is drafted but not yet approved'
        : 'drafted but never approved';
    case 'missing':
      return 'never assessed';
    case 'current':
      return `current until ${status.dueOn ?? '?'}`;
    default: {
      const triggers = status.openTriggerIds.filter((id) => status.causes.includes(id));
      const parts = [
        ...(triggers.length > 0 ? [triggerText(snapshot, triggers)] : []),
        ...(status.causes.includes('calendar') ? ['planned interval passed'] : []),
      ];
      return `due since ${status.dueOn ?? '?'} for ${parts.join('; ') || 'reassessment'}`;
    }
  }
}

/**
 * An assessment is a gap when missing, overdue, stale or never approved; `due` (or a reassessment in
 * progress) inside the methodology's own overdue window is a watch item: the process is working.
 */
export const isWatchedAssessment = (status: AssessmentStatus) =>
  status.state === 'due' || (status.state === 'in-progress' && status.latestId !== undefined);

function assessmentGap(
  snapshot: RegisterSnapshot,
  system: SystemSummary,
  status: AssessmentStatus,
  describe: boolean,
): Gap | undefined {
  const { kind, state } = status;
  const label = KIND_LABEL[kind];
  const clause = KIND_CLAUSE[kind];
  if (!describe) return state === 'current' ? undefined : { clause, systemId: system.id, what: '', next: '' };
  if (state === 'missing') {
    const text = MISSING_TEXT[kind];
    return {
      clause,
      systemId: system.id,
      what: system.name + text.what,
      next: text.next[0] + system.name + text.next[1],
    };
  }
  if (state === 'current') return undefined;
  return {
    clause,
    systemId: system.id,
    what: `${system.name}: ${label} ${state} — ${statusReason(snapshot, status)}`,
    next:
      state === 'in-progress'
        ? `complete and approve the ${label} of ${system.name} in progress`
        : `reassess ${kind} for ${system.name}${status.openTriggerIds.length > 0 ? ` and resolve ${status.openTriggerIds.join(', ')}` : ''}`,
  };
}

/** Treatments by the risk assessment whose risk they treat. */
const byRiskAssessmentId = indexBy((t: { riskAssessmentId: string }) => t.riskAssessmentId);

function stage2Gaps(
  snapshot: RegisterSnapshot,
  today: string,
  basis: ReadinessBasis,
  describe: boolean,
): { gaps: Gap[]; watch: Gap[] } {
  const gaps: Gap[] = [];
  const watch: Gap[] = [];
  const statuses = basis.statuses;
  const inScope = new Set(basis.inScope.map((s) => s.id));
  const coveredTriggers = new Set<string>();
  // Indexed loops, no pair list per system: each step of a for-of in code that runs once allocates.
  for (let i = 0; i < statuses.length; i++) {
    const { system, risk, impact } = statuses[i]!;
    if (!inScope.has(system.id)) continue;
    for (let k = 0; k < 2; k++) {
      const status = k === 0 ? risk : impact;
      const gap = assessmentGap(snapshot, system, status, describe);
      if (gap) (isWatchedAssessment(status) ? watch : gaps).push(gap);
      const triggers = status.openTriggerIds;
      for (let t = 0; t < triggers.length; t++) coveredTriggers.add(triggers[t]!);
    }
    if (!riskOwnerOf(snapshot, system.id)) {
      gaps.push({
        clause: '5.3',
        systemId: system.id,
        what: describe ? `${system.name} has no risk owner` : '',
        next: describe ? `assign a risk owner for ${system.name} who can accept its residual risk` : '',
      });
    }
  }
  // A role gap a system already has under the same clause (its missing risk owner) is not listed twice.
  // Systems by clause, not one joined string per gap: at 5,000 systems the strings cost more than the rest.
  // The gaps so far are grouped only when a system's role gap is there to be checked against them.
  const systemRoleGaps = basis.roles.filter((x) => x.systemId && inScope.has(x.systemId));
  if (systemRoleGaps.length > 0) {
    const listed = new Map<string, Set<string>>();
    const isListed = (g: Gap) => listed.get(g.clause)?.has(g.systemId ?? '') ?? false;
    const markListed = (g: Gap) => {
      const systems = listed.get(g.clause);
      if (systems) systems.add(g.systemId ?? '');
      else listed.set(g.clause, new Set([g.systemId ?? '']));
    };
    gaps.forEach(markListed);
    for (const g of systemRoleGaps) {
      if (isListed(g)) continue;
      gaps.push(g);
      markListed(g);
    }
  }

  // Internal audit (9.2) and its findings (10.2).
  const done = snapshot.audit.filter(isAuditDone);
  const lastAudit = maxDay(done.map((a) => a.completedOn ?? a.plannedOn));
  if (done.length === 0) {
    gaps.push({
      clause: '9.2.1',
      what: 'no internal audit has been completed',
      next: 'carry out the first internal audit under the programme and report it',
    });
  }
  // Found by halves in the id-sorted list, not through a map of every system built for a few findings.
  const systems = { get: (id: string) => findById(snapshot['ai-system'], id) };
  const trackingGaps = findingGaps(snapshot, today);
  for (const { finding, dueOn } of openFindings(snapshot).filter((x) => isNonconformity(x.finding))) {
    const name = finding.systemId ? (systems.get(finding.systemId)?.name ?? finding.systemId) : undefined;
    const actions = byFindingId
      .all(snapshot['corrective-action'], finding.id)
      .filter((c) => c.status !== 'verified-effective');
    const extra = byFindingId.all(trackingGaps, finding.id).map((g) => g.what);
    // A minor nonconformity with a planned, in-date action shows 10.2 working: watched, not blocking.
    const watched = finding.grade === 'minor-nc' && actions.length > 0 && extra.length === 0;
    (watched ? watch : gaps).push({
      clause: finding.ref,
      ...(finding.systemId ? { systemId: finding.systemId } : {}),
      what: `open ${GRADE_LABEL[finding.grade]} ${finding.id}${name ? ` on ${name}` : ''}: ${finding.statement}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`,
      next:
        actions.length > 0
          ? `complete corrective action ${actions.map((a) => namedReference(a.id, a.action)).join(', ')}${dueOn ? `, due ${dueOn}` : ''}, verify it is effective and close ${finding.id}${finding.grade === 'major-nc' ? ' after a re-audit' : ''}`
          : `record the root cause and a corrective action for ${finding.id}`,
    });
  }
  for (const g of trackingGaps.filter(
    (x) => x.kind === 'closed-without-effective-check' || x.kind === 'major-without-re-audit',
  )) {
    gaps.push({ clause: g.ref, ...(g.systemId ? { systemId: g.systemId } : {}), what: g.what, next: g.next });
  }

  // The programme covered the whole AIMS (9.2.2).
  if (done.length > 0) {
    const cover = auditCoverage(snapshot, today);
    const uncovered =
      cover.missingClauses.length > 0 || cover.missingControls.length > 0 || cover.missingSystems.length > 0;
    const parts = !describe
      ? []
      : [
          ...(cover.missingClauses.length > 0 ? [`clauses ${cover.missingClauses.join(', ')}`] : []),
          ...(cover.missingControls.length > 0 ? [`controls ${cover.missingControls.join(', ')}`] : []),
          ...(cover.missingSystems.length > 0
            ? [`systems ${cover.missingSystems.map((id) => systems.get(id)?.name ?? id).join(', ')}`]
            : []),
        ];
    if (uncovered) {
      gaps.push({
        clause: '9.2.2',
        what: !describe
          ? ''
          : `the internal audits of this cycle (${cover.auditIds.join(', ') || 'none in the cycle'}) did not cover ${parts.join('; ')}`,
        next: describe ? 'plan and complete an audit of what was not covered before Stage 2' : '',
      });
    }
  }

  // Treatments (8.3): accepted residual risk rests on implemented, checked treatments; plans in date.
  gaps.push(
    ...treatmentGaps(snapshot, today).filter((g) => g.systemId !== undefined && inScope.has(g.systemId)),
  );

  // Management review (9.3) after the audit.
  const review = latestReview(snapshot);
  if (!review) {
    gaps.push({
      clause: '9.3',
      what: 'no management review has been held',
      next: 'hold a management review on the compiled 9.3.2 inputs and record its decisions',
    });
  } else if (lastAudit && review.heldOn < lastAudit) {
    gaps.push({
      clause: '9.3',
      what: `the last management review (${review.id}, ${review.heldOn}) predates the internal audit completed ${lastAudit}`,
      next: 'hold a management review that considers the audit results',
    });
  } else if (review.nextReviewOn < today) {
    gaps.push({
      clause: '9.3.1',
      what: `the management review due ${review.nextReviewOn} has not been held`,
      next: 'hold the overdue management review',
    });
  }

  // Triggers nobody has acted on, where no assessment gap already names them.
  const method =
    snapshot['risk-methodology'].find((m) => m.approval.state === 'approved') ??
    snapshot['risk-methodology'][0];
  const grace = method?.overdueAfterDays ?? 30;
  for (const t of snapshot.trigger.filter(
    (x) => (x.status === 'open' || x.status === 'assessing') && !coveredTriggers.has(x.id),
  )) {
    const age = daysBetween(t.raisedOn, today);
    if (age <= grace) continue;
    gaps.push({
      clause: t.clauses[0] ?? '8.2',
      systemId: t.systemId,
      what: describe
        ? `trigger ${t.id} (${t.type}) on ${systems.get(t.systemId)?.name ?? t.systemId} open for ${age} days, past the ${grace}-day limit`
        : '',
      next: describe
        ? `reassess ${systems.get(t.systemId)?.name ?? t.systemId} or dismiss ${t.id} with a reason`
        : '',
    });
  }
  gaps.push(...clauseRecordStage2Gaps(snapshot, today));
  return { gaps, watch };
}

// ── Roadmap ──────────────────────────────────────────────────────────────────

const check = (clause: string, label: string, pass: boolean | number): PhaseCheck => ({
  clause,
  label,
  score: typeof pass === 'number' ? Math.max(0, Math.min(1, pass)) : pass ? 1 : 0,
});

const percentOf = (checks: readonly PhaseCheck[]) =>
  checks.length === 0 ? 0 : Math.round((100 * checks.reduce((sum, c) => sum + c.score, 0)) / checks.length);

/**
 * The four phases. Each phase is a list of checks scored 0–1; its percent is the mean score × 100,
 * rounded. Phase 3 has four checks per in-scope system; the others are fixed lists. See docs/readiness.md.
 */
export function roadmap(
  snapshot: RegisterSnapshot,
  today: string,
  basis: ReadinessBasis = basisOf(snapshot, today),
): Phase[] {
  const systems = basis.inScope;
  const noGaps = (gaps: Gap[]) => gaps.length === 0;

  const phase1 = [
    check(
      '4.3',
      'AIMS scope documented and approved',
      noGaps(documentGap(snapshot, 'scope', '4.3', 'scope')),
    ),
    check(
      '4.3',
      'AI system inventory recorded, every discovered system reviewed for scope',
      snapshot['ai-system'].length > 0 &&
        !snapshot['ai-system'].some((s) => s.inventoryState === 'discovered-unreviewed'),
    ),
    check('4.3', 'at least one AI system in scope', systems.length > 0),
    check(
      '5.2',
      'AI policy documented and approved',
      noGaps(documentGap(snapshot, 'ai-policy', '5.2', 'policy')),
    ),
    check('5.3', 'AIMS roles assigned and communicated', noGaps(basis.roles.filter((g) => !g.systemId))),
  ];

  const soa = basis.soa;
  const withEntry = soa.filter((r) => r.entryId).length;
  const excluded = soa.filter((r) => r.applicable === false);
  const docs = snapshot.document;
  const phase2 = [
    check(
      '6.1.2',
      'risk criteria and method approved',
      noGaps(documentGap(snapshot, 'risk-methodology', '6.1.2', 'x', snapshot['risk-methodology'])),
    ),
    check(
      '6.1.4',
      'impact assessment method approved',
      noGaps(documentGap(snapshot, 'impact-methodology', '6.1.4', 'x', snapshot['impact-template'])),
    ),
    check('6.1.3', 'SoA entry for every Annex A control (share recorded)', withEntry / soa.length),
    check(
      '6.1.3',
      'every SoA exclusion approved',
      withEntry > 0 && excluded.every((r) => r.approval === 'approved'),
    ),
    check('6.2', 'AI objectives recorded and approved', approvedDoc(snapshot, 'objectives').length > 0),
    check('9.2.2', 'internal audit programme recorded', snapshot['audit-programme'].length > 0),
    check(
      '7.5.2',
      'documented information approved (share of documents)',
      docs.length === 0 ? 0 : docs.filter((d) => d.approval.state === 'approved').length / docs.length,
    ),
  ];

  const statuses = new Map<string, ReadinessBasis['statuses'][number]>();
  for (let i = 0; i < basis.statuses.length; i++)
    statuses.set(basis.statuses[i]!.system.id, basis.statuses[i]!);
  const phase3 = systems.flatMap((system) => {
    const st = statuses.get(system.id);
    const approvedIa = st?.impact.latestId
      ? byId.first(snapshot['impact-assessment'], st.impact.latestId)?.approval.state === 'approved'
      : false;
    // A system never risk-assessed (most of a discovered estate) has nothing to treat: no lists built for it.
    const unacceptable = !st?.risk.latestId
      ? []
      : byId
          .all(snapshot['risk-assessment'], st.risk.latestId)
          .flatMap((a) => a.risks.filter((r) => !r.acceptable).map((r) => ({ ra: a.id, risk: r.id })));
    const treated = unacceptable.every((u) =>
      byRiskAssessmentId
        .all(snapshot.treatment, u.ra)
        .some((t) => t.riskId === u.risk && t.residualAcceptance),
    );
    return [
      check('8.2', `${system.name}: current risk assessment`, st?.risk.state === 'current'),
      check(
        '8.4',
        `${system.name}: current, approved impact assessment`,
        st?.impact.state === 'current' && approvedIa,
      ),
      check('5.3', `${system.name}: risk owner assigned`, riskOwnerOf(snapshot, system.id) !== undefined),
      check(
        '6.1.3',
        `${system.name}: unacceptable risks treated, residual risk accepted`,
        st?.risk.state !== 'missing' && treated,
      ),
    ];
  });

  const done = snapshot.audit.filter(isAuditDone);
  const lastAudit = maxDay(done.map((a) => a.completedOn ?? a.plannedOn));
  const ncs = snapshot.finding.filter(isNonconformity);
  const review = latestReview(snapshot);
  const phase4 = [
    check('9.2.1', 'internal audit completed', done.length > 0),
    check(
      '10.2',
      'every nonconformity has a corrective action',
      done.length > 0 && ncs.every((f) => byFindingId.all(snapshot['corrective-action'], f.id).length > 0),
    ),
    check(
      '10.2',
      'nonconformities closed (share)',
      ncs.length === 0 ? done.length > 0 : ncs.filter((f) => f.status === 'closed').length / ncs.length,
    ),
    check(
      '9.3',
      'management review held after the last audit',
      review !== undefined && lastAudit !== undefined && review.heldOn >= lastAudit,
    ),
    check(
      '9.3.3',
      'management review decisions recorded',
      review !== undefined && review.decisions.length > 0,
    ),
  ];

  return [phase1, phase2, phase3, phase4].map((checks, i) => ({
    name: PHASE_NAMES[i]!,
    percent: percentOf(checks),
    checks,
  }));
}

// ── Entry points ─────────────────────────────────────────────────────────────

export interface StageOptions {
  /**
   * false: the same gaps and watch items (clause, system, order, so the same counts and `ready`), but the
   * `what` and `next` of those found per system, per trigger or in the audit-coverage list are left empty ('')
   * and never built. For views that only count them (the calendar's proposed dates): at 5,000 systems that
   * text was most of what the stages cost.
   */
  describe?: boolean;
}

/**
 * Both stages without the roadmap, with the basis they were evaluated on: what the calendar needs to propose
 * audit dates, and the system statuses it lists, each computed once.
 */
export function readinessStages(
  snapshot: RegisterSnapshot,
  today: string,
  { describe = true }: StageOptions = {},
): Pick<Readiness, 'stage1' | 'stage2'> & { basis: ReadinessBasis } {
  const basis = basisOf(snapshot, today);
  const s1 = stage1Gaps(snapshot, today, basis, describe);
  const s2 = stage2Gaps(snapshot, today, basis, describe);
  return {
    stage1: { ready: s1.length === 0, gaps: s1, watch: [] },
    stage2: { ready: s2.gaps.length === 0, gaps: s2.gaps, watch: s2.watch },
    basis,
  };
}

export function readiness(snapshot: RegisterSnapshot, today: string): Readiness {
  const { stage1, stage2, basis } = readinessStages(snapshot, today);
  return { today, stage1, stage2, phases: roadmap(snapshot, today, basis) };
}

const gapJson = (g: Gap) => ({
  clause: g.clause,
  ...(g.systemId ? { system: g.systemId } : {}),
  what: g.what,
  next: g.next,
});

/** The exact JSON `aims readiness --format json` prints; validated against ReadinessJson. */
export function readinessJson(r: Readiness): ReadinessJson {
  return ReadinessJson.parse({
    stage1: { ready: r.stage1.ready, gaps: r.stage1.gaps.map(gapJson), watch: r.stage1.watch.map(gapJson) },
    stage2: { ready: r.stage2.ready, gaps: r.stage2.gaps.map(gapJson), watch: r.stage2.watch.map(gapJson) },
    phases: r.phases.map((p) => ({ name: p.name, percent: p.percent })),
  });
}
