// Clause 6.1.3 d): the Statement of Applicability. Every Annex A control gets a row that merges what was
// recorded with what the register links to it today (treatments naming the control, evidence tagged with
// it), so a justification can be drafted from real risks rather than typed from memory. Its CSV, JSON and
// HTML forms are written by shared/render/soa.ts.
import { SoaEntry } from '../model';
import { ANNEX_A_CONTROLS, controlGroupById } from '../standard';
import { byId, findById, hasId, indexBy } from './lookup';
import { namedReference } from './reference';
import type { RegisterSnapshot } from './snapshot';

export interface SoaRiskLink {
  systemId: string;
  systemName: string;
  riskAssessmentId: string;
  riskId: string;
  /** The risk's title in its assessment; absent when the assessment or risk is not in the register. */
  riskTitle?: string;
  treatmentId: string;
  /** The treatment's plan, which names it for a reader. */
  treatmentPlan: string;
}

/**
 * A row's implementation status: the model's values, plus `not-applicable` for a control the SoA
 * excludes. The entry schema has no such value (an exclusion is `applicable: false`), so the row derives
 * it: an excluded control is neither implemented nor planned, and calling it "not started" would read as
 * a gap to close.
 */
export type SoaStatus = SoaEntry['status'] | 'not-applicable';

/** Every value `SoaRow.status` can take, in the model's order, the excluded one last. */
export const SOA_STATUSES: readonly SoaStatus[] = [...SoaEntry.shape.status.options, 'not-applicable'];

export interface SoaRow {
  controlId: string;
  title: string;
  group: string;
  groupTitle: string;
  /** The recorded entry's id; absent when nothing is recorded for the control. */
  entryId?: string;
  /** Undefined when nothing is recorded and nothing links to the control: a decision is outstanding. */
  applicable?: boolean;
  justification: string;
  justificationSource: 'recorded' | 'draft' | 'none';
  status: SoaStatus;
  owner?: string;
  /** Risks the control treats, as `<risk assessment id>:<risk id>`. */
  riskIds: string[];
  treatmentIds: string[];
  evidenceIds: string[];
  risks: SoaRiskLink[];
  approval: SoaEntry['approval']['state'] | 'none';
  /** Who approved the entry and on which day (YYYY-MM-DD), when it is approved. */
  approvedBy?: string;
  approvedOn?: string;
  /** Version of the approved SoA document (docType 'soa') the row belongs to, when one is recorded. */
  soaVersion?: string;
  gaps: string[];
}

/** The latest approved SoA document, if the SoA is kept as versioned documented information. */
export function soaDocument(snapshot: RegisterSnapshot) {
  return snapshot.document
    .filter((d) => d.docType === 'soa' && d.approval.state === 'approved')
    .sort((a, b) => ((a.approval.approvedAt ?? '') < (b.approval.approvedAt ?? '') ? -1 : 1))
    .at(-1);
}

export const riskKey = (riskAssessmentId: string, riskId: string) => `${riskAssessmentId}:${riskId}`;

function strictlyAscending(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1]! < list[i]!)) return false;
  return true;
}

/** Two ascending lists without repeats merged into one. */
function mergeAscending(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    out.push(x <= y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  for (; i < a.length; i++) out.push(a[i]!);
  for (; j < b.length; j++) out.push(b[j]!);
  return out;
}

/**
 * The lists' items sorted, without repeats. Lists usually arrive sorted (the register lists by id), so
 * each is checked in one pass and merged rather than sorted again: linear in the links of a control.
 */
function union(...lists: ReadonlyArray<readonly string[]>): string[] {
  return lists
    .map((list) => (strictlyAscending(list) ? list : [...new Set(list)].sort()))
    .reduce<string[]>((merged, list) => mergeAscending(merged, list), []);
}

/** Longest risk title or treatment plan a drafted justification quotes, in characters. */
const DRAFT_NAME_MAX = 60;

/**
 * "Included: treats risk Biased triage (r1) of Claims triage through Test before release (tr-1);
 * evidence: 2 items": each risk and treatment by its words with its id beside it, so an auditor can both
 * read and trace it. Undefined when nothing links to the control.
 */
export function draftJustification(
  risks: readonly Omit<SoaRiskLink, 'systemId' | 'riskAssessmentId'>[],
  evidenceCount: number,
): string | undefined {
  if (risks.length === 0 && evidenceCount === 0) return undefined;
  const parts: string[] = [];
  if (risks.length > 0) {
    const named = risks.map(
      (r) =>
        `risk ${namedReference(r.riskId, r.riskTitle, DRAFT_NAME_MAX)} of ${r.systemName} through ${namedReference(r.treatmentId, r.treatmentPlan, DRAFT_NAME_MAX)}`,
    );
    parts.push(`treats ${named.join(', ')}`);
  }
  if (evidenceCount > 0) parts.push(`evidence: ${evidenceCount} item${evidenceCount === 1 ? '' : 's'}`);
  return `Included: ${parts.join('; ')}`;
}

/** What a control's gaps are decided on: its recorded entries, its treatments, and whether anything links to it. */
interface ControlLinks {
  controlId: string;
  entries: readonly RegisterSnapshot['soa-entry'][number][];
  treatments: readonly RegisterSnapshot['treatment'][number][];
  /** Whether the merged evidence list (recorded and linked) is non-empty. */
  hasEvidence: boolean;
  /** Whether the merged treatment list (recorded and linked) is non-empty. */
  hasTreatment: boolean;
  /** Whether a justification can be drafted (a treatment or evidence links to the control). */
  hasDraft: boolean;
}

/** A row's gaps, in the order the SoA prints them; shared by buildSoa and soaStanding so both say the same. */
function controlGaps(
  snapshot: RegisterSnapshot,
  riskTitles: ReadonlyMap<string, string>,
  { controlId, entries, treatments, hasEvidence, hasTreatment, hasDraft }: ControlLinks,
): string[] {
  const entry = entries[0];
  const gaps: string[] = [];
  if (entries.length > 1) gaps.push(`${entries.length} SoA entries for ${controlId}; keep one`);
  if (!entry) {
    gaps.push(
      hasDraft
        ? `no SoA entry for ${controlId}; a draft justification is available from its links`
        : `no SoA entry for ${controlId}; decide whether it applies and why`,
    );
  } else if (!entry.applicable && entry.approval.state !== 'approved') {
    gaps.push(`exclusion of ${controlId} is not approved (${entry.approval.state})`);
  }
  if (entry && !entry.applicable && treatments.length > 0) {
    gaps.push(`${controlId} is excluded but treatments ${treatments.map((t) => t.id).join(', ')} rely on it`);
  }
  // An auditor samples an "implemented" control by its evidence or the treatment that put it in place.
  if (entry?.applicable && entry.status === 'implemented' && !hasEvidence && !hasTreatment) {
    gaps.push(`${controlId} is marked implemented but no evidence or treatment links to it`);
  }
  for (const id of entry?.treatmentIds ?? [])
    if (!byId.first(snapshot.treatment, id)) gaps.push(`links to unknown treatment ${id}`);
  for (const id of entry?.evidenceIds ?? [])
    if (!hasId(snapshot.evidence, id)) gaps.push(`links to unknown evidence ${id}`);
  for (const id of entry?.riskIds ?? []) if (!riskTitles.has(id)) gaps.push(`links to unknown risk ${id}`);
  return gaps;
}

/** Every risk of the register by key, with its title: to name it in a draft and to find unknown links. */
const riskTitlesOf = (snapshot: RegisterSnapshot) =>
  new Map(
    snapshot['risk-assessment'].flatMap((a) => a.risks.map((r) => [riskKey(a.id, r.id), r.title] as const)),
  );

/**
 * The Annex A controls no evidence item is tagged with. The walk ends once every control has been seen
 * (early in a large register), instead of listing each control's evidence to ask whether it has any.
 */
function controlsWithoutEvidence(evidence: RegisterSnapshot['evidence']): Set<string> {
  const missing = new Set(ANNEX_A_CONTROLS.map((c) => c.id));
  // Indexed loops: this runs once per command, before the optimiser has compiled it, and each step of a
  // for-of there allocates an iterator result (at 50,000 items, megabytes for the collector to clear).
  for (let i = 0; i < evidence.length; i++) {
    const controls = evidence[i]!.controls;
    for (let j = 0; j < controls.length; j++) missing.delete(controls[j]!);
    if (missing.size === 0) break;
  }
  return missing;
}

/** What readiness reads of an SoA row: whether it is recorded, whether it applies, its approval, and its gaps. */
export type SoaStanding = Pick<SoaRow, 'controlId' | 'entryId' | 'applicable' | 'approval' | 'gaps'>;

/**
 * Each Annex A control's standing, in standard order: the same values as `buildSoa`'s rows, decided on
 * whether anything links to the control rather than on the merged id lists, which readiness would only
 * count (at 50,000 evidence items that is 250,000 ids listed, checked and merged for nothing).
 */
export function soaStanding(snapshot: RegisterSnapshot): SoaStanding[] {
  const riskTitles = riskTitlesOf(snapshot);
  const withoutEvidence = controlsWithoutEvidence(snapshot.evidence);
  return ANNEX_A_CONTROLS.map((control) => {
    const entries = entriesByControl.all(snapshot['soa-entry'], control.id);
    const entry = entries[0];
    const treatments = treatmentsByControl.all(snapshot.treatment, control.id);
    const hasEvidence = (entry?.evidenceIds ?? []).length > 0 || !withoutEvidence.has(control.id);
    const hasTreatment = (entry?.treatmentIds ?? []).length > 0 || treatments.length > 0;
    // draftJustification drafts one exactly when a treatment (one risk link each) or evidence links.
    const hasDraft = treatments.length > 0 || hasEvidence;
    const standing: SoaStanding = {
      controlId: control.id,
      approval: entry?.approval.state ?? 'none',
      gaps: controlGaps(snapshot, riskTitles, {
        controlId: control.id,
        entries,
        treatments,
        hasEvidence,
        hasTreatment,
        hasDraft,
      }),
    };
    if (entry) standing.entryId = entry.id;
    if (entry) standing.applicable = entry.applicable;
    else if (hasDraft) standing.applicable = true;
    return standing;
  });
}

/** Implementation status implied by the treatments that name a control. */
function statusFromTreatments(statuses: readonly string[]): SoaStatus {
  if (statuses.length === 0) return 'not-started';
  const done = statuses.filter((s) => s === 'implemented' || s === 'verified-effective').length;
  if (done === statuses.length) return 'implemented';
  if (done > 0) return 'partial';
  return 'planned';
}

const entriesByControl = indexBy((e: { controlId: string }) => e.controlId);
const treatmentsByControl = indexBy((t: { annexAControls: readonly string[] }) => t.annexAControls);
const evidenceByControl = indexBy((e: { controls: readonly string[] }) => e.controls);

export function buildSoa(snapshot: RegisterSnapshot): SoaRow[] {
  // Found by halves in the id-sorted list, not through a map of every system.
  const systems = { get: (id: string) => findById(snapshot['ai-system'], id) };

  const version = soaDocument(snapshot)?.version;
  const riskTitles = riskTitlesOf(snapshot);
  return ANNEX_A_CONTROLS.map((control) => {
    const entries = entriesByControl.all(snapshot['soa-entry'], control.id);
    const entry = entries[0];
    const treatments = treatmentsByControl.all(snapshot.treatment, control.id);
    const evidence = evidenceByControl.all(snapshot.evidence, control.id);
    const risks: SoaRiskLink[] = treatments.map((t) => {
      const link: SoaRiskLink = {
        systemId: t.systemId,
        systemName: systems.get(t.systemId)?.name ?? t.systemId,
        riskAssessmentId: t.riskAssessmentId,
        riskId: t.riskId,
        treatmentId: t.id,
        treatmentPlan: t.plan,
      };
      const title = riskTitles.get(riskKey(t.riskAssessmentId, t.riskId));
      if (title !== undefined) link.riskTitle = title;
      return link;
    });
    const riskIds = union(
      entry?.riskIds ?? [],
      risks.map((r) => riskKey(r.riskAssessmentId, r.riskId)),
    );
    const treatmentIds = union(
      entry?.treatmentIds ?? [],
      treatments.map((t) => t.id),
    );
    const evidenceIds = union(
      entry?.evidenceIds ?? [],
      evidence.map((e) => e.id),
    );
    const draft = draftJustification(risks, evidenceIds.length);
    const gaps = controlGaps(snapshot, riskTitles, {
      controlId: control.id,
      entries,
      treatments,
      hasEvidence: evidenceIds.length > 0,
      hasTreatment: treatmentIds.length > 0,
      hasDraft: draft !== undefined,
    });

    const group = controlGroupById(control.group);
    const row: SoaRow = {
      controlId: control.id,
      title: control.title,
      group: control.group,
      groupTitle: group?.title ?? control.group,
      justification: entry?.justification ?? draft ?? '',
      justificationSource: entry ? 'recorded' : draft ? 'draft' : 'none',
      // An excluded control has no implementation to report, whatever status the entry carries.
      status:
        entry && !entry.applicable
          ? 'not-applicable'
          : (entry?.status ?? statusFromTreatments(treatments.map((t) => t.status))),
      riskIds,
      treatmentIds,
      evidenceIds,
      risks,
      approval: entry?.approval.state ?? 'none',
      gaps,
    };
    if (entry) row.entryId = entry.id;
    if (entry) row.applicable = entry.applicable;
    else if (draft) row.applicable = true;
    if (entry?.owner) row.owner = entry.owner;
    if (entry?.approval.state === 'approved') {
      if (entry.approval.approvedBy) row.approvedBy = entry.approval.approvedBy;
      if (entry.approval.approvedAt) row.approvedOn = entry.approval.approvedAt.slice(0, 10);
    }
    if (version) row.soaVersion = version;
    return row;
  });
}

export interface SoaGap {
  controlId: string;
  what: string;
  next: string;
}

export function soaGaps(rows: readonly SoaStanding[]): SoaGap[] {
  return rows.flatMap((row) =>
    row.gaps.map((what) => ({
      controlId: row.controlId,
      what,
      next: what.startsWith('no SoA entry')
        ? `record ${row.controlId} in the SoA with applicability and justification`
        : what.startsWith('exclusion')
          ? `have top management approve or reverse the exclusion of ${row.controlId}`
          : what.includes('marked implemented')
            ? `link the evidence that ${row.controlId} operates, or set its status to what is true`
            : `correct the SoA entry for ${row.controlId}`,
    })),
  );
}
