// Rules for the clause records (4.2, 5.1, 6.1.1, 6.3, 9.1, 10.1): the schema, then the cross-record checks
// in shared/processes/clause-record-rules.ts; one summary line per record for the event log.
import type { Draft, RecordKind } from '../model';
import {
  validateAimsChange,
  validateAimsRisk,
  validateImprovement,
  validateInterestedParty,
  validateLeadershipCommitment,
  validateMeasurement,
} from '../processes/clause-record-rules';
import type { RuleIssue } from '../processes/rule-issue';
import type { RegisterSnapshot } from '../processes/snapshot';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { throwErrors } from './clause9-issues';
import { parseDraft } from './fields';

function clauseRule<K extends RecordKind>(
  kind: K,
  summary: string,
  validate: (snapshot: RegisterSnapshot, draft: Draft<K>) => RuleIssue[],
  describe: (draft: Draft<K>) => string,
): RecordRule {
  return {
    summary,
    prepare(value, { snapshot }) {
      const draft = parseDraft(kind, value);
      const warning = throwErrors(validate(snapshot, draft));
      return [writeOf(kind, draft, { summary: `${describe(draft)}${warning}` })];
    },
  };
}

export const interestedPartyRule = clauseRule(
  'interested-party',
  'needs at least one requirement, each saying whether the AIMS addresses it (4.2)',
  validateInterestedParty,
  (p) => `interested party ${p.name}: ${p.requirements.length} requirement(s), next review ${p.nextReview}`,
);

export const leadershipCommitmentRule = clauseRule(
  'leadership-commitment',
  'a top-management decision or commitment; reviewId/decisionId must name a recorded review decision (5.1)',
  validateLeadershipCommitment,
  (c) =>
    `${c.type} by ${c.by} on ${c.on}${c.reviewId ? ` for ${c.reviewId}${c.decisionId ? `/${c.decisionId}` : ''}` : ''}`,
);

export const aimsRiskRule = clauseRule(
  'aims-risk',
  'AIMS risk or opportunity with action and effectiveness method; arisesFrom names recorded context (6.1.1)',
  validateAimsRisk,
  (r) => `AIMS ${r.type} ${r.id}: action due ${r.dueOn} (${r.status})`,
);

export const aimsChangeRule = clauseRule(
  'aims-change',
  'a planned change with purpose and consequences; done needs doneOn (6.3)',
  validateAimsChange,
  (c) => `AIMS change ${c.id} (${c.title}) ${c.status}, planned ${c.plannedOn}`,
);

export const measurementRule = clauseRule(
  'measurement',
  'a result for a recorded monitoring-plan line, with its analysis (9.1)',
  validateMeasurement,
  (m) => `measured ${m.planId} on ${m.measuredOn}: ${m.value} (${m.meetsTarget ? 'meets' : 'misses'} target)`,
);

export const improvementRule = clauseRule(
  'improvement',
  'an opportunity for improvement with its source; decided statuses need the decision (10.1)',
  validateImprovement,
  (i) =>
    `improvement ${i.id} from ${i.source} ${i.sourceRef}: ${i.decision ? i.decision.outcome : 'awaiting decision'}`,
);
