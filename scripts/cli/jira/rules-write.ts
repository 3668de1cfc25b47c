// Register writes from Jira go through the core's write rules (shared/records), exactly as `aims record`
// does: a Jira-driven status change is checked like a hand-recorded one, and the transitions it implies
// follow in the same transaction.
import type { RecordKind } from '../../../shared/model';
import { ProcessError } from '../../../shared/processes/process-error';
import { draftOf } from '../../../shared/processes/writes';
import { recordOne } from '../../../shared/records';
import type { Register } from '../../../shared/register';
import { UserError } from '../command';

export interface RuleContext {
  today: string;
  now: string;
  actor: string;
  cause: string;
}

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
  const before = (await register.events()).length;
  try {
    await recordOne(register, kind, value, ctx);
  } catch (error) {
    if (error instanceof ProcessError) throw new UserError(`${kind} ${String(value.id)}: ${error.message}`);
    throw error;
  }
  return (await register.events()).length - before;
}

/** The stored record of `kind` and `id` with `changes` applied, recorded through the rules. */
export async function updateThroughRules(
  register: Register,
  kind: 'corrective-action' | 'treatment' | 'ai-system',
  id: string,
  changes: Record<string, unknown>,
  ctx: RuleContext,
): Promise<number> {
  const stored = await register.require(kind, id);
  const draft = { ...(draftOf(stored) as Record<string, unknown>), ...changes };
  return recordThroughRules(register, kind, draft, ctx);
}
