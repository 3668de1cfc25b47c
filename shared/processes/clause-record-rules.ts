// The rules a clause record must meet before it is written (beyond its schema): references resolve to
// records that exist, dates are in order, and a status says no more than the record shows. Errors block
// the write; warnings are said in the event summary.
import type { Draft } from '../model';
import { ruleError, ruleWarning, type RuleIssue } from './rule-issue';
import type { RegisterSnapshot } from './snapshot';

/** 5.1: a commitment that carries out a review decision names a review and a decision that exist. */
export function validateLeadershipCommitment(
  snapshot: RegisterSnapshot,
  c: Draft<'leadership-commitment'>,
): RuleIssue[] {
  if (c.decisionId !== undefined && c.reviewId === undefined)
    return [ruleError(c.id, 'reviewId', 'a decisionId needs the reviewId it belongs to')];
  if (c.reviewId === undefined) return [];
  const review = snapshot['management-review'].find((r) => r.id === c.reviewId);
  if (!review) return [ruleError(c.id, 'reviewId', `no management-review '${c.reviewId}' in the register`)];
  if (c.decisionId !== undefined && !review.decisions.some((d) => d.id === c.decisionId))
    return [ruleError(c.id, 'decisionId', `review ${review.id} has no decision '${c.decisionId}'`)];
  if (c.on < review.heldOn)
    return [ruleError(c.id, 'on', `${c.on} is before review ${review.id} was held (${review.heldOn})`)];
  return [];
}

/** 6.1.1: arises from recorded context; effectiveness only once the action is done. */
export function validateAimsRisk(snapshot: RegisterSnapshot, r: Draft<'aims-risk'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const known = new Set([...snapshot['context-issue'], ...snapshot['interested-party']].map((x) => x.id));
  (r.arisesFrom ?? []).forEach((id, i) => {
    if (!known.has(id))
      issues.push(
        ruleError(r.id, `arisesFrom[${i}]`, `no context-issue or interested-party '${id}' in the register`),
      );
  });
  if (r.effectiveness && (r.status === 'planned' || r.status === 'in-progress'))
    issues.push(ruleError(r.id, 'effectiveness', `a ${r.status} action cannot have been evaluated yet`));
  if ((r.arisesFrom ?? []).length === 0)
    issues.push(ruleWarning(r.id, 'arisesFrom', 'no context issue or interested party is named (4.1, 4.2)'));
  return issues;
}

/** 6.3: a change is carried out only once approved; done needs the day. */
export function validateAimsChange(_snapshot: RegisterSnapshot, c: Draft<'aims-change'>): RuleIssue[] {
  if (c.status === 'done' && c.doneOn === undefined)
    return [ruleError(c.id, 'doneOn', 'a done change needs doneOn')];
  if ((c.status === 'in-progress' || c.status === 'done') && c.approval.state !== 'approved')
    return [
      ruleWarning(c.id, 'approval', `the change is ${c.status} without approval (readiness reports it)`),
    ];
  return [];
}

/** 9.1: a result belongs to a plan line that exists. */
export function validateMeasurement(snapshot: RegisterSnapshot, m: Draft<'measurement'>): RuleIssue[] {
  if (!snapshot['monitoring-plan'].some((p) => p.id === m.planId))
    return [ruleError(m.id, 'planId', `no monitoring-plan '${m.planId}' in the register`)];
  return [];
}

/** 10.1: a decided improvement carries its decision, and the decision does not predate the raising. */
export function validateImprovement(_snapshot: RegisterSnapshot, i: Draft<'improvement'>): RuleIssue[] {
  if (i.status !== 'raised' && !i.decision)
    return [ruleError(i.id, 'decision', `status '${i.status}' needs the decision (outcome, day, who, why)`)];
  if (i.status === 'raised' && i.decision)
    return [ruleError(i.id, 'status', "a decided improvement cannot be 'raised'; use 'decided' or later")];
  if (i.decision && i.decision.decidedOn < i.raisedOn)
    return [
      ruleError(
        i.id,
        'decision.decidedOn',
        `${i.decision.decidedOn} is before it was raised (${i.raisedOn})`,
      ),
    ];
  return [];
}

/** 4.2: requirement ids unique within the party, so other records can name them. */
export function validateInterestedParty(
  _snapshot: RegisterSnapshot,
  p: Draft<'interested-party'>,
): RuleIssue[] {
  const ids = p.requirements.map((r) => r.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  return dup ? [ruleError(p.id, 'requirements', `requirement id '${dup}' is used twice`)] : [];
}
