// The tamper-evident event log: entry n carries its position (seq = n) and the hash of entry n-1,
// so any edit, removal or reordering breaks the chain at the first entry touched.
import type { EventEntry } from '../model';
import { canonicalJson, sha256Hex, type TextSha256 } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export type EventDraft = Omit<EventEntry, 'seq' | 'prevHash' | 'hash'>;

/** An entry's fields without `hash`, in canonical (sorted) order: every one is a string but `seq`. */
const ENTRY_KEYS = [
  'action',
  'actor',
  'at',
  'cause',
  'prevHash',
  'recordHash',
  'recordId',
  'recordKind',
  'seq',
  'summary',
] as const;
const ENTRY_KEY_SET: ReadonlySet<string> = new Set(ENTRY_KEYS);

/**
 * canonicalJson(entry), written field by field when the entry has exactly the schema's fields with their
 * types (what the log holds once validated); anything else goes through canonicalJson itself.
 */
export function canonicalEntryJson(entry: Omit<EventEntry, 'hash'>): string {
  let count = 0;
  for (const key in entry) {
    const value = (entry as Record<string, unknown>)[key];
    if (!ENTRY_KEY_SET.has(key) || typeof value !== (key === 'seq' ? 'number' : 'string')) {
      return canonicalJson(entry);
    }
    count++;
  }
  if (count !== ENTRY_KEYS.length) return canonicalJson(entry);
  let text = '{';
  for (const key of ENTRY_KEYS) {
    text += `${text.length > 1 ? ',' : ''}"${key}":${JSON.stringify(entry[key])}`;
  }
  return text + '}';
}

/** SHA-256 (hex) of an entry's canonical JSON without its own `hash` field; `sha256` computes the digest. */
export function entryHash(entry: Omit<EventEntry, 'hash'>, sha256: TextSha256 = sha256Hex): string {
  return sha256(canonicalEntryJson(entry));
}

/** Appends drafts after `last` (or at the start), returning chained entries. */
export function chainEvents(
  last: EventEntry | undefined,
  drafts: readonly EventDraft[],
  sha256: TextSha256 = sha256Hex,
): EventEntry[] {
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = last ? last.seq + 1 : 0;
  return drafts.map((draft) => {
    const unsigned = { ...draft, seq: seq++, prevHash };
    const hash = entryHash(unsigned, sha256);
    prevHash = hash;
    return { ...unsigned, hash };
  });
}

/**
 * 'sequence-broken': an entry's seq is not its position (an entry removed or moved, hashes recomputed);
 * 'link-broken': its prevHash is not the previous entry's hash; 'edited': its hash does not match its content.
 */
export type ChainProblem = 'edited' | 'link-broken' | 'sequence-broken';

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; seq: number; index: number; problem: ChainProblem; detail: string; head: string };

/** Where a check of the log's later entries starts: the entries before were checked already. */
export interface ChainStart {
  /** Position (and seq) of the first entry handed in. */
  index: number;
  /** Hash of the entry before it (GENESIS_HASH at the start of the log). */
  prevHash: string;
}

/**
 * Checks every link; names the first entry (by position and seq) that does not hold.
 * `head` is always the hash of the last entry as stored (GENESIS_HASH for an empty log). `sha256` computes
 * the digests (the pure one by default; a host may hand in a native one that gives the same hex).
 * `start`: `entries` continue a log whose first `start.index` entries verified and ended with
 * `start.prevHash`; the verdict is then the one the whole log would get (positions and `entries` count the
 * earlier entries too).
 */
export function verifyChain(
  entries: readonly EventEntry[],
  sha256: TextSha256 = sha256Hex,
  start: ChainStart = { index: 0, prevHash: GENESIS_HASH },
): ChainVerdict {
  const head = entries.at(-1)?.hash ?? start.prevHash;
  let prevHash = start.prevHash;
  for (const [offset, entry] of entries.entries()) {
    const index = start.index + offset;
    const { hash, ...unsigned } = entry;
    const fail = (problem: ChainProblem, detail: string): ChainVerdict => ({
      ok: false,
      seq: entry.seq,
      index,
      problem,
      detail,
      head,
    });
    if (entry.seq !== index) {
      return fail(
        'sequence-broken',
        `entry ${index} carries seq ${entry.seq}: an entry before it was removed, added or moved`,
      );
    }
    if (entry.prevHash !== prevHash) {
      return fail(
        'link-broken',
        `entry ${index} (seq ${entry.seq}) does not link to entry ${index - 1}: the log was rewritten or reordered`,
      );
    }
    if (entryHash(unsigned, sha256) !== hash) {
      return fail(
        'edited',
        `entry ${index} (seq ${entry.seq}, ${entry.recordKind} ${entry.recordId}) was changed after it was written`,
      );
    }
    prevHash = hash;
  }
  return { ok: true, entries: start.index + entries.length, head };
}
