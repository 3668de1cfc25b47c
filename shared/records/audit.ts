// audit (9.2): scope clauses and controls checked against the standard, systems against the inventory,
// auditors checked for impartiality (nobody audits their own system or process); a checklist left out is
// derived from the scope, one question per clause and control.
import { Audit } from '../model';
import { auditChecklist, validateAudit } from '../processes/internal-audit';
import { refuse } from '../model';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { throwErrors } from './clause9-issues';
import { parseFields } from './fields';

const AuditFile = Audit.omit({
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  updatedBy: true,
  revision: true,
})
  .extend({ kind: Audit.shape.kind.optional(), checklist: Audit.shape.checklist.optional() })
  .strict();

export const auditRule: RecordRule = {
  summary:
    'checks scope against the standard and auditors for impartiality; derives the checklist if left out',
  prepare(value, { snapshot }) {
    const file = parseFields(AuditFile, value);
    let checklist = file.checklist;
    if (!checklist || checklist.length === 0) {
      try {
        checklist = auditChecklist(file.scope);
      } catch (error) {
        throw refuse('scope', (error as Error).message);
      }
    }
    const audit = { ...file, kind: 'audit' as const, checklist };
    const warning = throwErrors(validateAudit(snapshot, audit));
    const before = snapshot.audit.find((a) => a.id === audit.id);
    if (before && before.status !== audit.status) {
      return [
        writeOf('audit', audit, {
          action: 'transition',
          summary: `audit ${audit.id} ${before.status} → ${audit.status}${warning}`,
        }),
      ];
    }
    return [
      writeOf('audit', audit, {
        summary: `audit ${audit.id} (${audit.status}): ${checklist.length} checklist questions, auditors ${audit.auditors.join(', ')}${warning}`,
      }),
    ];
  },
};
