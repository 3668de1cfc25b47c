// What a dashboard view reads of the register. Every view but the inventory computes from the
// register, but at 5,000 systems and 50,000 evidence items the whole of it (records and event log,
// about 55 MB as JSON) is most of the wait: most views need evidence items only as the fields the
// processes read, and no event log at all.
import { z } from 'zod';
import { RECORD_KINDS, type AnyRecord, type EventEntry } from '../../shared/model';
import { summaryOf } from '../../shared/processes/evidence-summary';
import type { Register } from '../../shared/register';

/** The request's options; absent, the whole register (every record whole, the full event log). */
export const RegisterReadOptions = z.strictObject({
  /**
   * `summary`: evidence items as EvidenceSummary (shared/processes/evidence-summary.ts), what
   * readiness, the SoA and the calendar read; `whole`: as stored. Default `whole`.
   */
  evidence: z.enum(['whole', 'summary']).optional(),
  /** Only the evidence items naming this AI system (a system's page). */
  evidenceOf: z.string().min(1).max(200).optional(),
  /**
   * Which events: `all` (default), `none`, or `except-evidence` — every event but those of evidence
   * items (50,000 of 55,000 at scale), for histories of systems, risks and findings.
   */
  events: z.enum(['all', 'none', 'except-evidence']).optional(),
});
export type RegisterReadOptions = z.infer<typeof RegisterReadOptions>;

/** Every record and, when asked, the event log, as of one moment of the register. */
export interface WholeRegister {
  records: AnyRecord[];
  events: EventEntry[];
}

/**
 * Reads every record and (when `withEvents`) the event log as of one moment: a write that lands
 * meanwhile is wholly in the result or wholly out of it, never a record without its event.
 */
export type WholeRegisterReader = (withEvents: boolean) => Promise<WholeRegister>;

/**
 * A reader over the register's own interface, for back-ends that are not IndexedDB (tests, the
 * memory register). It takes no snapshot: use it only where nothing writes meanwhile.
 */
export function listingReader(register: Register): WholeRegisterReader {
  return async (withEvents) => {
    const records: AnyRecord[] = [];
    for (const kind of RECORD_KINDS) records.push(...(await register.list(kind)));
    return { records, events: withEvents ? await register.events() : [] };
  };
}

/**
 * The part of the register `options` asks for, read through `read` in one go. Records come grouped
 * in RECORD_KINDS order, by id within a kind (as `register.list` gives them).
 */
export async function readRegisterView(
  read: WholeRegisterReader,
  options: RegisterReadOptions,
): Promise<WholeRegister> {
  const eventsWanted = options.events ?? 'all';
  const whole = await read(eventsWanted !== 'none');
  const { evidenceOf } = options;
  const summary = options.evidence === 'summary';
  const records: AnyRecord[] = [];
  for (const record of whole.records) {
    if (record.kind === 'evidence') {
      if (evidenceOf !== undefined && !record.systemIds.includes(evidenceOf)) continue;
      // A summary is a subset of an evidence item's fields; the reply schema checks kind and id only.
      records.push(summary ? (summaryOf(record) as AnyRecord) : record);
    } else records.push(record);
  }
  const events =
    eventsWanted === 'except-evidence'
      ? whole.events.filter((e) => e.recordKind !== 'evidence')
      : whole.events;
  return { records: byKind(records), events };
}

const KIND_ORDER = new Map<string, number>(RECORD_KINDS.map((kind, i) => [kind, i]));

/** Records grouped by kind in RECORD_KINDS order, keeping their order within a kind. */
function byKind(records: AnyRecord[]): AnyRecord[] {
  const rank = (r: AnyRecord) => KIND_ORDER.get(r.kind) ?? RECORD_KINDS.length;
  // Array.prototype.sort is stable, so the id order within a kind stays.
  return records.sort((a, b) => rank(a) - rank(b));
}
