// Clauses 8.2 / 8.4: the changes a discovery diff found, as trigger records on the register systems
// they concern (found by the one identity rule).
import type { DiscoveryTrigger } from '../discovery/scan-diff';
import { evidenceRef } from '../discovery/scan-diff';
import type { AiSystem, Draft } from '../model';
import { sha256Hex } from '../register/hash';
import type { RepositoryRef } from './candidate';
import { repoRoot } from './source';
import { identifySystem } from './identity';

export interface TriggerRecordContext {
  /** Day the triggers are raised (YYYY-MM-DD). */
  today: string;
  /** What was compared, e.g. '<base sha>..<head sha>'. */
  ref: string;
  /** Register id of the system each discovered system id maps to; see `registerSystemFor`. */
  systemIdFor: (trigger: DiscoveryTrigger) => string;
}

/**
 * The register system a diff trigger concerns, by `identifySystem`: the system of the same repository
 * (`source`) at the same root (the scanned `prefix` joined with the trigger's root), else by id.
 * Undefined when the register does not know it.
 */
export function registerSystemFor(
  trigger: Pick<DiscoveryTrigger, 'systemId' | 'root'>,
  systems: readonly AiSystem[],
  source: RepositoryRef,
  prefix: string,
): AiSystem | undefined {
  return identifySystem(
    {
      id: trigger.systemId,
      source: {
        kind: 'repository',
        tool: source.tool,
        url: source.url,
        root: repoRoot(prefix, trigger.root),
      },
    },
    systems,
  );
}

/** Register drafts for the triggers; ids are stable, so recording the same diff twice writes once. */
export function triggerDrafts(
  triggers: readonly DiscoveryTrigger[],
  ctx: TriggerRecordContext,
): Draft<'trigger'>[] {
  return triggers.map((t) => {
    const systemId = ctx.systemIdFor(t);
    const key = [ctx.ref, systemId, t.type, t.before ?? '', t.after ?? ''].join('\u0000');
    const where = t.evidence.map(evidenceRef).join(', ');
    const draft: Draft<'trigger'> = {
      kind: 'trigger',
      id: `trg-${sha256Hex(key).slice(0, 20)}`,
      systemId,
      type: t.type,
      detail: where ? `${t.detail} [${where}]` : t.detail,
      clauses: [...t.clauses],
      raisedOn: ctx.today,
      source: { tool: 'git', ref: ctx.ref },
      status: 'open',
    };
    if (t.before !== undefined) draft.before = t.before;
    if (t.after !== undefined) draft.after = t.after;
    return draft;
  });
}
