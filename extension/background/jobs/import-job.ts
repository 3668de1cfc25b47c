// Importing a workspace bundle into an empty register: verified first (a broken chain or record is
// refused before anything is written), then copied verbatim, records then events, in batches. Each
// batch and the checkpoint after it land in one transaction, so a resumed job never writes twice; a
// job that fails part-way (the disk full, say) takes back every batch it wrote, leaving the register
// empty as it found it. The bundle is held as it came, each item checked as its batch is written:
// at 50,000 items a whole-bundle parse would be one more copy of it.
import { z } from 'zod';
import { BundleEnvelope, eventOf, verifyBundle } from '../../../shared/exchange/bundle';
import { parseRecord } from '../../../shared/register';
import type { RecordKind } from '../../../shared/model';
import { toRow, type RecordKey } from '../../db/schema';
import type { JobHandler, JobProgress } from './job';

export const ImportInput = z.strictObject({
  source: z.literal('bundle'),
  /** Where the bundle came from, for the job's title (a file name). */
  name: z.string().max(200),
  /** Its items are checked by `begin` (verifyBundle) and again one by one as each batch is written. */
  bundle: BundleEnvelope,
  /** Records or events per step. */
  batchSize: z.number().int().min(1).max(5000).default(500),
});
export type ImportInput = z.infer<typeof ImportInput>;

const ImportCheckpoint = z.strictObject({
  records: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
});
type ImportCheckpoint = z.infer<typeof ImportCheckpoint>;

function progress(input: ImportInput, at: ImportCheckpoint): JobProgress {
  const { records, events } = input.bundle;
  return {
    done: at.records + at.events,
    total: records.length + events.length,
    phase: at.records < records.length ? 'copying records' : 'copying the event log',
  };
}

/** A bundle's record as its kind's schema parses it; throws naming the record and field. */
function recordOf(value: unknown) {
  const { kind, id } = value as { kind: RecordKind; id: string };
  return parseRecord(kind, value, `${kind} '${id}'`);
}

/** A bundle's event entry, checked; throws naming its place in the log. */
function eventAt(value: unknown, index: number) {
  const parsed = eventOf(value);
  if (!parsed.success) throw new Error(`event ${index}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export const importJob: JobHandler<ImportInput, ImportCheckpoint> = {
  kind: 'import',
  input: ImportInput,
  checkpoint: ImportCheckpoint,
  title: (input) => `Import ${input.name}`,

  async begin(input, { db }) {
    const verdict = verifyBundle(input.bundle);
    if (!verdict.ok) throw new Error(`refused: ${verdict.problem}`);
    const [records, events] = await Promise.all([db.records.count(), db.events.count()]);
    if (records > 0 || events > 0) {
      throw new Error('refused: the register is not empty; export it and clear it before importing');
    }
    const checkpoint = { records: 0, events: 0 };
    return { checkpoint, progress: progress(input, checkpoint) };
  },

  async step(input, at, { db }, commit) {
    const { records, events } = input.bundle;
    const size = input.batchSize;
    let write: () => Promise<void>;
    let next: ImportCheckpoint;
    if (at.records < records.length) {
      const batch = records.slice(at.records, at.records + size).map((r) => toRow(recordOf(r)));
      write = async () => void (await db.records.bulkPut(batch));
      next = { ...at, records: at.records + batch.length };
    } else {
      const batch = events.slice(at.events, at.events + size).map((e, i) => eventAt(e, at.events + i));
      write = async () => void (await db.events.bulkAdd(batch));
      next = { ...at, events: at.events + batch.length };
    }
    const finished = next.records >= records.length && next.events >= events.length;
    const result = {
      checkpoint: next,
      progress: progress(input, next),
      finished,
      ...(finished ? { result: `${records.length} records and ${events.length} events imported` } : {}),
    };
    await commit(write, result);
    return result;
  },

  /**
   * Takes back what the committed steps wrote (up to `at`): the bundle's first records by key and its
   * first events by seq, in one transaction. Nothing else can be among them: the register was empty
   * at `begin` and takes no other write while an import is pending (see the background's handlers).
   */
  async undo(input, at, { db }) {
    const keys: RecordKey[] = input.bundle.records.slice(0, at.records).map((r) => {
      const { kind, id } = r as { kind: RecordKind; id: string };
      return [kind, id];
    });
    const seqs = Array.from({ length: at.events }, (_, seq) => seq);
    await db.transaction('rw', db.records, db.events, async () => {
      await db.records.bulkDelete(keys);
      await db.events.bulkDelete(seqs);
    });
  },
};
