// The one write step every connector uses to change the inventory: a plan from `planInventory` (or
// trigger drafts) written in one transaction, each change leaving its own event with the run's cause.
import type { Draft } from '../model';
import type { Register, RegisterWriter } from '../register';
import type { InventoryPlan } from './plan';

/** What the apply step needs of a register: a transaction. Dexie, the file workspace and memory all fit. */
export type InventoryWriter = Pick<Register, 'transact'>;

/** Who wrote, and why: becomes every event's actor and cause ('aims-scan', 'aims scan . at <sha>'). */
export interface ApplyContext {
  actor: string;
  cause: string;
}

/**
 * Writes a plan's changes in order in one transaction; an empty plan writes nothing (no event).
 * Returns the plan. Errors from the register (validation, conflicts) propagate and nothing is written.
 */
export async function applyInventoryPlan(
  writer: InventoryWriter,
  plan: InventoryPlan,
  ctx: ApplyContext,
): Promise<InventoryPlan> {
  if (plan.changes.length === 0) return plan;
  await writer.transact(ctx, (tx) => writePlanChanges(tx, plan));
  return plan;
}

/** Puts a plan's changes in order inside a transaction the caller holds (each its own event). */
export async function writePlanChanges(tx: Pick<RegisterWriter, 'put'>, plan: InventoryPlan): Promise<void> {
  for (const change of plan.changes) {
    const options = {
      summary: change.summary,
      ...(change.transition ? { action: 'transition' as const } : {}),
    };
    if (change.kind === 'ai-system') await tx.put('ai-system', change.draft, options);
    else await tx.put('evidence', change.draft, options);
  }
}

/**
 * Opens trigger records (clauses 8.2 / 8.4) that the register does not hold yet, in one transaction.
 * Ids are stable, so recording the same change twice writes once. Returns the ids written.
 */
export async function applyTriggers(
  register: Pick<Register, 'transact' | 'get'>,
  drafts: readonly Draft<'trigger'>[],
  ctx: ApplyContext,
): Promise<string[]> {
  const fresh: Draft<'trigger'>[] = [];
  for (const draft of drafts) if (!(await register.get('trigger', draft.id))) fresh.push(draft);
  if (fresh.length === 0) return [];
  await register.transact(ctx, async (tx) => {
    for (const draft of fresh)
      await tx.put('trigger', draft, { summary: `${draft.type} on ${draft.systemId}` });
  });
  return fresh.map((d) => d.id);
}
