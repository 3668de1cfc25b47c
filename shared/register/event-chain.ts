// The tamper-evident event log: entry n carries the hash of entry n-1, so any edit,
// removal or reordering breaks the chain at the first entry touched.
import type { EventEntry } from '../model';
import { canonicalJson, sha256Hex } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export type EventDraft = Omit<EventEntry, 'seq' | 'prevHash' | 'hash'>;

function entryHash(entry: Omit<EventEntry, 'hash'>): string {
  return sha256Hex(canonicalJson(entry));
}

/** Appends drafts after `last` (or at the start), returning chained entries. */
export function chainEvents(last: EventEntry | undefined, drafts: readonly EventDraft[]): EventEntry[] {
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = last ? last.seq + 1 : 0;
  return drafts.map((draft) => {
    const unsigned = { ...draft, seq: seq++, prevHash };
    const hash = entryHash(unsigned);
    prevHash = hash;
    return { ...unsigned, hash };
  });
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; seq: number; index: number; problem: 'edited' | 'removed-or-reordered'; detail: string };

/** Checks every link; names the first entry (by position and seq) that does not hold. */
export function verifyChain(entries: readonly EventEntry[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const { hash, ...unsigned } = entry;
    if (entry.seq !== index || entry.prevHash !== prevHash) {
      return {
        ok: false,
        seq: entry.seq,
        index,
        problem: 'removed-or-reordered',
        detail: `entry ${index} (seq ${entry.seq}) does not follow entry ${index - 1}`,
      };
    }
    if (entryHash(unsigned) !== hash) {
      return {
        ok: false,
        seq: entry.seq,
        index,
        problem: 'edited',
        detail: `entry ${index} (seq ${entry.seq}, ${entry.recordKind} ${entry.recordId}) was changed after it was written`,
      };
    }
    prevHash = hash;
  }
  return { ok: true, entries: entries.length, head: prevHash };
}
