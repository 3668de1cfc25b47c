// Importing a workspace bundle into an empty register: verified first (a broken chain or record is
// refused before anything is written), then copied verbatim, records then events, in batches. Each
// batch and the checkpoint after it land in one transaction, so a resumed job never writes twice; a
// job that fails part-way (the disk full, say) takes back every batch it wrote, leaving the register
// empty as it found it (nothing else writes it meanwhile: see import-guard). The bundle is held as it
// came, each item checked as its batch is written: at 50,000 items a whole-bundle parse would be one
// more copy of it.
import { z } from 'zod';
import { BundleEnvelope, eventOf, verifyBundle } from '../../../shared/exchange/bundle';
import { canonicalJson, parseRecord, verifyChain } from '../../../shared/register';
import type { RecordKind } from '../../../shared/model';
import { fromRow, toRow, type RecordKey } from '../../db/schema';
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
   * Takes back what the committed steps wrote (up to `at`), in one transaction: of the bundle's first
   * records, those still stored as the import wrote them, and of its first events, those still stored
   * at their seq with their hash. Nothing else is touched: a row another writer changed or added stays.
   * The log left must verify from genesis; if it would not (an entry chained onto one being taken
   * back), nothing is taken back and this throws, so a failed import never leaves a broken chain.
   */
  async undo(input, at, { db }) {
    const records = input.bundle.records.slice(0, at.records).map(recordOf);
    const events = input.bundle.events.slice(0, at.events).map((e, i) => eventAt(e, i));
    await db.transaction('rw', db.records, db.events, async () => {
      const keys: RecordKey[] = records.map((r) => [r.kind, r.id]);
      const stored = await db.records.bulkGet(keys);
      const own = keys.filter((_, i) => {
        const row = stored[i];
        return row !== undefined && canonicalJson(fromRow(row)) === canonicalJson(records[i]);
      });
      const storedEvents = await db.events.bulkGet(events.map((e) => e.seq));
      const ownSeqs = events.filter((e, i) => storedEvents[i]?.hash === e.hash).map((e) => e.seq);
      await db.records.bulkDelete(own);
      await db.events.bulkDelete(ownSeqs);
      const left = verifyChain(await db.events.orderBy('seq').toArray());
      if (!left.ok) {
        // Thrown inside the transaction: it rolls back, the import's rows stay with what chains onto them.
        throw new Error(
          `kept the imported rows: taking them back would break the event log (${left.problem} at seq ${left.seq})`,
        );
      }
    });
  },
};
