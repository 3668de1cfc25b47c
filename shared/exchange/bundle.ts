// The workspace bundle: a whole register (every record and the full event log) as one JSON
// document, so the CLI's workspace folder and the extension's IndexedDB can exchange data.
import { z } from 'zod';
import { EventEntry, RECORD_SCHEMAS, type AnyRecord, type RecordKind } from '../model';
import {
  bindingProblems,
  latestEvents,
  canonicalJson,
  GENESIS_HASH,
  sha256Hex,
  verifyChain,
  type ChainVerdict,
  type LatestEvent,
  type StoredRecordDigest,
} from '../register';

export const BUNDLE_FORMAT = 'aims-lens-workspace-bundle';
export const BUNDLE_VERSION = 1;

/** The envelope; records are checked against their kind's schema by verifyBundle. */
export const WorkspaceBundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  /** When and by what the bundle was made (ISO instant, free text): metadata, not register content. */
  exportedAt: z.string(),
  exportedBy: z.string(),
  records: z.array(z.looseObject({ kind: z.string(), id: z.string() })),
  events: z.array(EventEntry),
});
export type WorkspaceBundle = z.infer<typeof WorkspaceBundle>;

/**
 * The envelope alone: records and events are left as they are (not copied), for holding a bundle
 * whose items are checked one at a time (verifyBundle, the extension's import steps). At 50,000
 * items a parse of the whole bundle is a second copy of it.
 */
export const BundleEnvelope = WorkspaceBundle.extend({
  records: z.array(z.unknown()),
  events: z.array(z.unknown()),
});
export type BundleEnvelope = z.infer<typeof BundleEnvelope>;

const RecordRef = z.looseObject({ kind: z.string(), id: z.string() });

export type BundleVerdict =
  { ok: true; records: number; events: number; head: string } | { ok: false; problem: string };

/** A failed verdict: what is wrong with the bundle, for people. */
export type BundleProblem = Extract<BundleVerdict, { ok: false }>;

const ORDER = (a: { kind: string; id: string }, b: { kind: string; id: string }) =>
  a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1;

/** Builds a bundle; records are sorted by kind then id so equal registers give equal bundles. */
export function bundleOf(
  records: readonly AnyRecord[],
  events: readonly EventEntry[],
  meta: { exportedAt: string; exportedBy: string },
): WorkspaceBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: meta.exportedAt,
    exportedBy: meta.exportedBy,
    records: [...records].sort(ORDER),
    events: [...events],
  };
}

function chainProblem(verdict: Extract<ChainVerdict, { ok: false }>): string {
  return `event chain broken at entry ${verdict.index} (seq ${verdict.seq}): ${verdict.detail}`;
}

/**
 * Checks a parsed bundle before anything is written: the envelope, each record against its kind's
 * schema, the hash chain, and that the records are exactly what the log says was last written
 * (the register's `checkRecordBinding`: each record's SHA-256 equals the recordHash of its last
 * event; no record the log deleted or never wrote; no record the log wrote missing). Returns the
 * first problem found (events are checked before records).
 */
export function verifyBundle(value: unknown): BundleVerdict {
  const envelope = BundleEnvelope.safeParse(value);
  if (!envelope.success) return notABundle(envelope.error.issues[0]);
  const verifier = createBundleVerifier();
  return (
    verifier.events(envelope.data.events) ?? verifier.records(envelope.data.records) ?? verifier.finish()
  );
}

const notABundle = (issue: z.core.$ZodIssue | undefined, prefix: PropertyKey[] = []): BundleProblem => ({
  ok: false,
  problem: `not a workspace bundle: ${[...prefix, ...(issue?.path ?? [])].map(String).join('.') || 'bundle'}: ${issue?.message}`,
});

/** verifyBundle's checks over a bundle's items handed in a page at a time (see createBundleVerifier). */
export interface BundleVerifier {
  /** The next events of the log, in order; a failed verdict names the first problem. */
  events(page: readonly unknown[]): BundleProblem | undefined;
  /** The next records (after every event was handed in); a failed verdict names the first problem. */
  records(page: readonly unknown[]): BundleProblem | undefined;
  /** The record-to-log binding over everything handed in, and the verdict. */
  finish(): BundleVerdict;
}

/**
 * The checks of verifyBundle, made as the items come, so a bundle read from storage a page at a time is
 * never held whole. Keeps per record its key and SHA-256, and per record the latest event's binding
 * fields (not the event): memory grows with the number of records, not with their size.
 */
export function createBundleVerifier(): BundleVerifier {
  let chain: { index: number; prevHash: string } = { index: 0, prevHash: GENESIS_HASH };
  const latest = new Map<string, LatestEvent>();
  const seen = new Set<string>();
  const digests: StoredRecordDigest[] = [];
  return {
    events(page) {
      const events: EventEntry[] = [];
      for (const [offset, entry] of page.entries()) {
        const parsed = eventOf(entry);
        if (!parsed.success) return notABundle(parsed.error.issues[0], ['events', chain.index + offset]);
        events.push(parsed.data);
      }
      const verdict = verifyChain(events, sha256Hex, chain);
      if (!verdict.ok) return { ok: false, problem: chainProblem(verdict) };
      // The binding fields alone, so the map does not keep whole events alive.
      const slim = events.map(({ seq, action, recordHash, recordKind, recordId }) => ({
        seq,
        action,
        recordHash,
        recordKind,
        recordId,
      }));
      latestEvents(slim, latest);
      chain = { index: verdict.entries, prevHash: verdict.head };
      return undefined;
    },
    records(page) {
      for (const [offset, record] of page.entries()) {
        const ref = RecordRef.safeParse(record);
        if (!ref.success) return notABundle(ref.error.issues[0], ['records', digests.length + offset]);
        const { kind, id } = ref.data;
        const key = `${kind}/${id}`;
        const schema = RECORD_SCHEMAS[kind as RecordKind];
        if (!schema) return { ok: false, problem: `${key}: unknown record kind` };
        const parsed = schema.safeParse(record);
        if (!parsed.success)
          return { ok: false, problem: `${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
        if (seen.has(key)) return { ok: false, problem: `${key}: appears twice` };
        seen.add(key);
        digests.push({ kind, id, hash: sha256Hex(canonicalJson(record)) });
      }
      return undefined;
    },
    finish() {
      // The same record-to-log binding `verify` applies to a stored register.
      const unbound = bindingProblems(latest, digests, () => 'the bundle')[0];
      if (unbound) return { ok: false, problem: unbound.detail };
      return { ok: true, records: digests.length, events: chain.index, head: chain.prevHash };
    },
  };
}

const EVENT_FIELDS = Object.keys(EventEntry.shape).length;

/**
 * One event entry checked against EventEntry: the entry itself when it has exactly the schema's
 * fields (nothing to strip, so no copy), else the parsed copy without the extra fields, as a whole
 * parse of the bundle gives it.
 */
export function eventOf(value: unknown): z.ZodSafeParseResult<EventEntry> {
  const parsed = EventEntry.safeParse(value);
  if (parsed.success && Object.keys(value as object).length === EVENT_FIELDS)
    return { success: true, data: value as EventEntry };
  return parsed;
}
