// The support assistant's model swap (8.2, 8.4): the trigger it raises and its escalation to overdue.
import { overdueAfterDays } from '../processes/reassessment';
import { applyTransitions, raiseTrigger } from '../processes/trigger-lifecycle';
import { draftOf, withWrite, writeOf } from '../processes/writes';
import type { FullSnapshot } from '../processes/snapshot';
import { addDays } from './dates';
import { MODEL_SWAP_DAYS_AGO } from './repository';
import { DEMO_GAPS } from './systems';
import type { DemoProcessStep } from './process-step';

const MODEL_SWAP = { from: 'gpt-4o', to: 'gpt-4.1', ref: 'harbor-mutual/ai-platform#214' };

/** The support assistant's model swap: the trigger (current → due), then the escalation (due → overdue). */
export function triggerRecords(working: FullSnapshot, today: string): DemoProcessStep[] {
  const systemId = DEMO_GAPS.overdueReassessment;
  const system = working['ai-system'].find((x) => x.id === systemId);
  if (!system) throw new Error(`demo: no system ${systemId}`);
  const on = addDays(today, -MODEL_SWAP_DAYS_AGO);
  const trigger = raiseTrigger(working, {
    id: 'trg-support-model-swap',
    systemId,
    type: 'model-changed',
    before: MODEL_SWAP.from,
    after: MODEL_SWAP.to,
    detail: `Pull request ${MODEL_SWAP.ref} moved the chat deployment from ${MODEL_SWAP.from} to ${MODEL_SWAP.to}`,
    raisedOn: on,
    source: { tool: 'github', ref: MODEL_SWAP.ref },
  });
  const swapped = {
    ...draftOf<'ai-system'>(system),
    components: system.components.map((c) =>
      c.kind === 'model' && c.id === MODEL_SWAP.from ? { ...c, id: MODEL_SWAP.to } : c,
    ),
  };
  const change: DemoProcessStep = {
    on,
    systemId,
    headline: `${MODEL_SWAP.from} → ${MODEL_SWAP.to} (${MODEL_SWAP.ref.split('/')[1] ?? MODEL_SWAP.ref}): ${withoutName(system.name, trigger.options.summary)}`,
    cause: `trigger:${trigger.draft.id}`,
    writes: [
      trigger,
      writeOf('ai-system', swapped, {
        cause: `github:${MODEL_SWAP.ref}`,
        summary: `${system.name}: model ${MODEL_SWAP.from} → ${MODEL_SWAP.to} found in ${MODEL_SWAP.ref}`,
      }),
    ],
  };
  const after = change.writes.reduce(withWrite, working);
  const escalations = applyTransitions(after, today, { systemIds: [systemId] });
  const overdueSince = escalations.flatMap((w) =>
    w.kind === 'trigger' && w.draft.overdueSince ? [w.draft.overdueSince] : [],
  )[0];
  const escalation: DemoProcessStep[] =
    escalations.length === 0
      ? []
      : [
          {
            on: overdueSince ?? today,
            systemId,
            headline: `no reassessment within ${overdueAfterDays(after)} days: ${escalations.map((w) => withoutName(system.name, w.options.summary)).join('; ')}`,
            cause: `trigger:${trigger.draft.id}`,
            writes: escalations,
          },
        ];
  return [change, ...escalation];
}

/** A transition summary without the system's name in front or the parenthesised detail at the end. */
function withoutName(name: string, summary: string | undefined): string {
  const text = (summary ?? '').replace(/ \([^)]*\)$/, '');
  return text.startsWith(`${name} `) ? text.slice(name.length + 1) : text;
}
