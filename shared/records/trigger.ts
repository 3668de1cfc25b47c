// trigger (8.2, 8.4): a significant change recorded by a person or a Jira rule (data source, context,
// production) or by discovery. Recorded as a transition whose summary says what it did to the
// system's assessments, e.g. 'risk and impact assessments current → due'.
import { Trigger } from '../model';
import { raiseTrigger } from '../processes/trigger-lifecycle';
import type { RecordRule } from './rule';
import { parseFields } from './fields';

/** What a trigger file holds: id, clauses, raisedOn, status and source may be left out. */
const TriggerFile = Trigger.pick({
  systemId: true,
  type: true,
  before: true,
  after: true,
  detail: true,
}).extend({
  kind: Trigger.shape.kind.optional(),
  id: Trigger.shape.id.optional(),
  clauses: Trigger.shape.clauses.optional(),
  raisedOn: Trigger.shape.raisedOn.optional(),
  status: Trigger.shape.status.optional(),
  source: Trigger.shape.source.optional(),
});

export const triggerRule: RecordRule = {
  summary:
    'raises a reassessment trigger; its event records the assessment states it changed (current → due)',
  prepare(value, { snapshot, today, actor }) {
    const file = parseFields(TriggerFile.strict(), value);
    const write = raiseTrigger(snapshot, {
      ...file,
      raisedOn: file.raisedOn ?? today,
      source: file.source ?? { tool: 'manual', ref: actor },
    });
    return [write];
  },
};
