// approval (5.1, 6.1.3, 7.5.2): a decision on a record that needs one — a methodology, template,
// document, SoA entry or assessment is approved or rejected; a treatment's residual risk is accepted.
// Recorded as a transition of the record's approval state, with the assessment's own cause.
import { z } from 'zod';
import { Actor, Id, Instant, type RecordKind } from '../model';
import { approveImpactAssessment, validateTemplate } from '../processes/impact-assessment';
import { throwFirst, refuse } from '../model';
import { approveRiskAssessment, eventCauseOf } from '../processes/risk-assessment';
import { validateMethodology } from '../processes/risk-method';
import { riskOwnerOf } from '../processes/roles';
import type { FullSnapshot } from '../processes/snapshot';
import { acceptResidual } from '../processes/treatment';
import { draftOf, writeOf, type RecordWrite } from '../processes/writes';
import type { RecordRule } from './rule';
import { parseFields, requireRecord } from './fields';

export const APPROVABLE_KINDS = [
  'risk-assessment',
  'impact-assessment',
  'treatment',
  'risk-methodology',
  'impact-template',
  'document',
  'soa-entry',
] as const satisfies readonly RecordKind[];

const ApprovalFile = z
  .object({
    kind: z.literal('approval').optional(),
    recordKind: z.enum(APPROVABLE_KINDS),
    recordId: Id,
    decision: z.enum(['approved', 'rejected']).default('approved'),
    by: Actor,
    at: Instant.optional(),
    note: z.string().optional(),
  })
  .strict();
type ApprovalFile = z.infer<typeof ApprovalFile>;

const LABEL: Record<(typeof APPROVABLE_KINDS)[number], string> = {
  'risk-assessment': 'risk assessment',
  'impact-assessment': 'impact assessment',
  treatment: 'treatment',
  'risk-methodology': 'risk methodology',
  'impact-template': 'impact template',
  document: 'document',
  'soa-entry': 'SoA entry',
};

type Approvable = { approval: { state: string } };

/** Decisions are made on drafts and records in review; an approved record is replaced by a newer one. */
function checkOpen(record: Approvable, file: ApprovalFile): void {
  const state = record.approval.state;
  if (state !== 'draft' && state !== 'in-review') {
    throw refuse(
      'recordId',
      `${file.recordKind} '${file.recordId}' is already ${state}; decisions are made on drafts or records in review`,
    );
  }
  if (file.decision === 'rejected' && !file.note) throw refuse('note', 'say why it is rejected');
}

const decided = (file: ApprovalFile, at: string) =>
  file.decision === 'approved'
    ? {
        state: 'approved' as const,
        approvedBy: file.by,
        approvedAt: at,
        ...(file.note ? { note: file.note } : {}),
      }
    : { state: 'rejected' as const, note: file.note ?? '' };

function decide(
  file: ApprovalFile,
  snapshot: FullSnapshot,
  at: string,
): { write: RecordWrite; name: string; from: string } {
  const system = (id: string) => {
    const stored = requireRecord(snapshot, 'ai-system', id, 'recordId');
    return { ...stored, riskOwner: riskOwnerOf(snapshot, id) };
  };
  switch (file.recordKind) {
    case 'treatment': {
      const t = requireRecord(snapshot, 'treatment', file.recordId, 'recordId');
      if (file.decision === 'rejected') {
        throw refuse('decision', 'a residual risk is not rejected: revise the treatment instead');
      }
      if (t.residualAcceptance)
        throw refuse('recordId', `treatment '${t.id}' residual risk is already accepted`);
      const s = system(t.systemId);
      const accepted = acceptResidual(draftOf<'treatment'>(t), s, {
        by: file.by,
        at,
        ...(file.note ? { note: file.note } : {}),
      });
      return {
        write: writeOf('treatment', accepted, {
          action: 'transition',
          summary: `${s.name} risk ${t.riskId}: residual ${t.residual.level} accepted by risk owner ${file.by}`,
        }),
        name: s.name,
        from: 'not accepted',
      };
    }
    case 'risk-assessment': {
      const a = requireRecord(snapshot, 'risk-assessment', file.recordId, 'recordId');
      checkOpen(a, file);
      const s = system(a.systemId);
      const draft = draftOf<'risk-assessment'>(a);
      const next =
        file.decision === 'approved'
          ? approveRiskAssessment(draft, {
              snapshot,
              system: s,
              method: requireRecord(snapshot, 'risk-methodology', a.methodologyId, 'recordId'),
              approver: file.by,
              at,
              ...(file.note ? { note: file.note } : {}),
            })
          : { ...draft, approval: decided(file, at) };
      return {
        write: writeOf('risk-assessment', next, { action: 'transition', cause: eventCauseOf(a.cause) }),
        name: s.name,
        from: a.approval.state,
      };
    }
    case 'impact-assessment': {
      const a = requireRecord(snapshot, 'impact-assessment', file.recordId, 'recordId');
      checkOpen(a, file);
      const s = system(a.systemId);
      const draft = draftOf<'impact-assessment'>(a);
      const next =
        file.decision === 'approved'
          ? approveImpactAssessment(draft, {
              snapshot,
              template: requireRecord(snapshot, 'impact-template', a.templateId, 'recordId'),
              system: s,
              approver: file.by,
              at,
              ...(file.note ? { note: file.note } : {}),
            })
          : { ...draft, approval: decided(file, at) };
      return {
        write: writeOf('impact-assessment', next, { action: 'transition', cause: eventCauseOf(a.cause) }),
        name: s.name,
        from: a.approval.state,
      };
    }
    case 'risk-methodology': {
      const m = requireRecord(snapshot, 'risk-methodology', file.recordId, 'recordId');
      checkOpen(m, file);
      if (file.decision === 'approved') throwFirst(validateMethodology(m));
      return {
        write: writeOf(
          'risk-methodology',
          { ...draftOf<'risk-methodology'>(m), approval: decided(file, at) },
          { action: 'transition' },
        ),
        name: `${m.id} ${m.version}`,
        from: m.approval.state,
      };
    }
    case 'impact-template': {
      const t = requireRecord(snapshot, 'impact-template', file.recordId, 'recordId');
      checkOpen(t, file);
      if (file.decision === 'approved') throwFirst(validateTemplate(t));
      return {
        write: writeOf(
          'impact-template',
          { ...draftOf<'impact-template'>(t), approval: decided(file, at) },
          { action: 'transition' },
        ),
        name: `${t.id} ${t.version}`,
        from: t.approval.state,
      };
    }
    case 'document': {
      const d = requireRecord(snapshot, 'document', file.recordId, 'recordId');
      checkOpen(d, file);
      return {
        write: writeOf(
          'document',
          { ...draftOf<'document'>(d), approval: decided(file, at) },
          { action: 'transition' },
        ),
        name: `${d.title} ${d.version}`,
        from: d.approval.state,
      };
    }
    case 'soa-entry': {
      const e = requireRecord(snapshot, 'soa-entry', file.recordId, 'recordId');
      checkOpen(e, file);
      return {
        write: writeOf(
          'soa-entry',
          { ...draftOf<'soa-entry'>(e), approval: decided(file, at) },
          { action: 'transition' },
        ),
        name: e.controlId,
        from: e.approval.state,
      };
    }
  }
}

export const approvalRule: RecordRule = {
  summary: `approves or rejects a ${APPROVABLE_KINDS.filter((k) => k !== 'treatment').join(', ')}; accepts a treatment's residual risk`,
  prepare(value, { snapshot, now }) {
    const file = parseFields(ApprovalFile, value);
    const at = file.at ?? now;
    const { write, name, from } = decide(file, snapshot, at);
    const summary =
      write.options.summary ??
      `${name}: ${LABEL[file.recordKind]} ${file.recordId} ${from} → ${file.decision} by ${file.by}`;
    return [{ ...write, options: { ...write.options, summary } }];
  },
};
