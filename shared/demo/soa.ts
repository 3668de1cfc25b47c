// The Statement of Applicability (6.1.3 d) as the AIMS owner seeds it from the register's live links.
import { snapshotOf } from '../processes/snapshot';
import { buildSoa } from '../processes/soa';
import { addDays } from './dates';
import { DEMO_PEOPLE, type DemoDraft } from './people';
import { approved } from './approval';

const P = DEMO_PEOPLE;

/** Harbor Mutual provides no AI system to customers, so this control is excluded (with approval). */
export const EXCLUDED_CONTROLS: Record<string, string> = {
  'A.10.4':
    'Excluded: Harbor Mutual does not supply AI systems to customers; policyholders receive decisions, covered by A.8.2 and A.9.4.',
};

/**
 * The SoA as the AIMS owner would seed it: every control decided, justifications drafted from live
 * links (treatments naming the control, evidence tagged with it) where there are any.
 */
export function soaRecords(today: string, others: readonly DemoDraft[]): DemoDraft[] {
  const decided = addDays(today, -150);
  return buildSoa(snapshotOf(others)).map((row) => {
    const excluded = EXCLUDED_CONTROLS[row.controlId];
    const linked = row.justificationSource === 'draft';
    return {
      kind: 'soa-entry' as const,
      id: `soa-${row.controlId}`,
      controlId: row.controlId,
      applicable: !excluded,
      justification:
        excluded ??
        (linked
          ? row.justification
          : `Included: applies to every AI system Harbor Mutual develops or operates (${row.title}).`),
      // The open internal-audit finding on event logs keeps A.6.2.8 partial until it is closed.
      status: excluded
        ? ('not-started' as const)
        : row.controlId === 'A.6.2.8'
          ? ('partial' as const)
          : ('implemented' as const),
      owner: P.ciso,
      riskIds: row.riskIds,
      treatmentIds: row.treatmentIds,
      evidenceIds: row.evidenceIds,
      approval: approved(P.coo, decided),
    };
  });
}
