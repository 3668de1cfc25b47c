// ai-system: recorded as given; a change that moves the system into production also raises a
// 'reached-production' trigger (8.2, 8.4), in the same transaction.
import { raiseTrigger, reachedProductionTrigger } from '../processes/trigger-lifecycle';
import { withWrite, writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { parseDraft } from './fields';

export const aiSystemRule: RecordRule = {
  summary: 'records the system; moving it into production raises a reached-production trigger',
  prepare(value, { snapshot, today }) {
    const system = parseDraft('ai-system', value);
    const before = snapshot['ai-system'].find((s) => s.id === system.id);
    const write = writeOf('ai-system', system);
    const trigger = reachedProductionTrigger(before, system, today);
    return trigger ? [write, raiseTrigger(withWrite(snapshot, write), trigger)] : [write];
  },
};
