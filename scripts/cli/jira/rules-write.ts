// Register writes from Jira go through the core's write rules (shared/records), exactly as `aims record`
// does: a Jira-driven status change is checked like a hand-recorded one, and the transitions it implies
// follow in the same transaction.
import {
  recordThroughRules as recordCore,
  updateThroughRules as updateCore,
  type WriteContext,
} from '../../../connectors/jira/link-record';
import { Refusal, type RecordKind } from '../../../shared/model';
import type { Register } from '../../../shared/register';
import { UserError } from '../command';

export type RuleContext = WriteContext;

const asUserError = (what: string) => (error: unknown) => {
  if (error instanceof Refusal && error.code === 'rule') throw new UserError(`${what}: ${error.message}`);
  throw error;
};

/**
 * Records `value` (a whole draft of `kind`) through its rule in one transaction; returns the number of
 * events written (0 when the register already held exactly this). A rule's refusal becomes a UserError.
 */
export async function recordThroughRules(
  register: Register,
  kind: RecordKind,
  value: Record<string, unknown>,
  ctx: RuleContext,
): Promise<number> {
  return recordCore(register, kind, value, ctx).catch(asUserError(`${kind} ${String(value.id)}`));
}

/** The stored record of `kind` and `id` with `changes` applied, recorded through the rules. */
export async function updateThroughRules(
  register: Register,
  kind: 'corrective-action' | 'treatment' | 'ai-system',
  id: string,
  changes: Record<string, unknown>,
  ctx: RuleContext,
): Promise<number> {
  return updateCore(register, kind, id, changes, ctx).catch(asUserError(`${kind} ${id}`));
}
