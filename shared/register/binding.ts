// Records bound to the log: every event carries the SHA-256 of its record as written, so the
// latest event for a record must match the record as stored, and every stored record needs one.
import type { EventEntry } from '../model';
import type { RegisterProblem } from './verdict';

/** A stored record's identity and the SHA-256 (hex) of its canonical JSON. */
export interface StoredRecordDigest {
  kind: string;
  id: string;
  hash: string;
  /** Where it is stored, e.g. 'records/risk/risk-1.json'. */
  location?: string;
}

const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;

/** What binding needs of the latest event for a record. */
export type LatestEvent = Pick<EventEntry, 'seq' | 'action' | 'recordHash' | 'recordKind' | 'recordId'>;

/**
 * The latest event for each (kind, id), keyed `kind\0id`, in the order each record first appears in the log
 * (the order 'record-missing' problems are named in). Pass `into` to continue a map made from earlier events.
 */
export function latestEvents(
  events: readonly LatestEvent[],
  into: Map<string, LatestEvent> = new Map(),
): Map<string, LatestEvent> {
  for (const event of events) into.set(keyOf(event.recordKind, event.recordId), event);
  return into;
}

/**
 * Compares records with the latest event for each (kind, id), in log order.
 * `locate` names where a record would be stored (for records that are missing).
 * Returns one problem per record that does not match: edited, missing, without event, or
 * present after its deletion.
 */
export function checkRecordBinding(
  events: readonly EventEntry[],
  records: readonly StoredRecordDigest[],
  locate: (kind: string, id: string) => string | undefined = () => undefined,
): RegisterProblem[] {
  return bindingProblems(latestEvents(events), records, locate);
}

/** checkRecordBinding, given the latest events (from latestEvents) instead of the log. */
export function bindingProblems(
  latest: ReadonlyMap<string, LatestEvent>,
  records: readonly StoredRecordDigest[],
  locate: (kind: string, id: string) => string | undefined = () => undefined,
): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  const where = (kind: string, id: string, location: string | undefined) =>
    location ? `${location} (${kind} ${id})` : `${kind} ${id}`;

  const seen = new Set<string>();
  for (const record of records) {
    const key = keyOf(record.kind, record.id);
    seen.add(key);
    const event = latest.get(key);
    const base = { recordKind: record.kind, recordId: record.id, location: record.location };
    const name = where(record.kind, record.id, record.location);
    if (!event) {
      problems.push({
        ...base,
        problem: 'record-without-event',
        detail: `${name}: no event records it (added outside the register, or its events were removed)`,
      });
    } else if (event.action === 'delete') {
      problems.push({
        ...base,
        seq: event.seq,
        problem: 'record-after-delete',
        detail: `${name}: present although event seq ${event.seq} deleted it`,
      });
    } else if (event.recordHash !== record.hash) {
      problems.push({
        ...base,
        seq: event.seq,
        problem: 'record-edited',
        detail: `${name}: edited outside the register (its SHA-256 differs from event seq ${event.seq})`,
      });
    }
  }
  for (const [key, event] of latest) {
    if (seen.has(key) || event.action === 'delete') continue;
    const location = locate(event.recordKind, event.recordId);
    problems.push({
      recordKind: event.recordKind,
      recordId: event.recordId,
      location,
      seq: event.seq,
      problem: 'record-missing',
      detail: `${where(event.recordKind, event.recordId, location)}: missing, but event seq ${event.seq} says it exists (deleted outside the register)`,
    });
  }
  return problems;
}
