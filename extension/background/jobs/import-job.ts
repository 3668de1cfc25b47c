// Importing an uploaded workspace bundle into an empty register: verified first (a broken chain or
// record is refused before anything is written), then copied verbatim, records then events, in batches
// read from the upload's staged items (see import-upload). Each batch and the checkpoint after it land
// in one transaction, so a resumed job never writes twice; a job that fails part-way (the disk full,
// say) takes back every batch it wrote, leaving the register empty as it found it (nothing else writes
// it meanwhile: see import-guard). Only a batch of the bundle is in memory at a time: the bundle stays
// in IndexedDB until the job is over, then its staging is deleted.
import { z } from 'zod';
import { eventOf } from '../../../shared/exchange/bundle';
import { canonicalJson, parseRecord, verifyChain } from '../../../shared/register';
import type { RecordKind } from '../../../shared/model';
import { fromRow, toRow, type RecordKey } from '../../db/schema';
import { deleteUpload, eachStagedPage, stagedItems, verifyStaged } from './import-staging';
import type { JobHandler, JobProgress } from './job';

export const ImportInput = z.strictObject({
  source: z.literal('upload'),
  /** Where the bundle came from, for the job's title (a file name). */
  name: z.string().max(200),
  /** The complete upload holding the bundle's items (checked by `begin`, and one by one as written). */
  upload: z.string().min(1).max(200),
  /** How many records and events it holds. */
  records: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
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
  return {
    done: at.records + at.events,
    total: input.records + input.events,
    phase: at.records < input.records ? 'copying records' : 'copying the event log',
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
    const upload = await db.uploads.get(input.upload);
    if (upload?.state !== 'complete') {
      throw new Error('refused: the uploaded bundle is gone or was never complete; choose the file again');
    }
    const verdict = await verifyStaged(db, input.upload, input);
    if (!verdict.ok) throw new Error(`refused: ${verdict.problem}`);
    if (verdict.records !== input.records || verdict.events !== input.events) {
      throw new Error('refused: the uploaded bundle does not hold what the job was started with');
    }
    const [records, events] = await Promise.all([db.records.count(), db.events.count()]);
    if (records > 0 || events > 0) {
      throw new Error('refused: the register is not empty; export it and clear it before importing');
    }
    const checkpoint = { records: 0, events: 0 };
    return { checkpoint, progress: progress(input, checkpoint) };
  },

  async step(input, at, { db }, commit) {
    const size = input.batchSize;
    let write: () => Promise<void>;
    let next: ImportCheckpoint;
    if (at.records < input.records) {
      const to = Math.min(input.records, at.records + size);
      const batch = (await stagedItems(db, input.upload, 'records', at.records, to)).map((r) =>
        toRow(recordOf(r)),
      );
      write = async () => void (await db.records.bulkPut(batch));
      next = { ...at, records: to };
    } else {
      const to = Math.min(input.events, at.events + size);
      const batch = (await stagedItems(db, input.upload, 'events', at.events, to)).map((e, i) =>
        eventAt(e, at.events + i),
      );
      write = async () => void (await db.events.bulkAdd(batch));
      next = { ...at, events: to };
    }
    const finished = next.records >= input.records && next.events >= input.events;
    const result = {
      checkpoint: next,
      progress: progress(input, next),
      finished,
      ...(finished ? { result: `${input.records} records and ${input.events} events imported` } : {}),
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
    await db.transaction('rw', db.records, db.events, db.stagedItems, async () => {
      // A page of the bundle at a time: of its first `at.records` records, those stored as written.
      await eachStagedPage(db, input.upload, 'records', at.records, async (items) => {
        const records = items.map(recordOf);
        const keys: RecordKey[] = records.map((r) => [r.kind, r.id]);
        const stored = await db.records.bulkGet(keys);
        const own = keys.filter((_, i) => {
          const row = stored[i];
          return row !== undefined && canonicalJson(fromRow(row)) === canonicalJson(records[i]);
        });
        await db.records.bulkDelete(own);
      });
      await eachStagedPage(db, input.upload, 'events', at.events, async (items, from) => {
        const events = items.map((e, i) => eventAt(e, from + i));
        const storedEvents = await db.events.bulkGet(events.map((e) => e.seq));
        await db.events.bulkDelete(
          events.filter((e, i) => storedEvents[i]?.hash === e.hash).map((e) => e.seq),
        );
      });
      const left = verifyChain(await db.events.orderBy('seq').toArray());
      if (!left.ok) {
        // Thrown inside the transaction: it rolls back, the import's rows stay with what chains onto them.
        throw new Error(
          `kept the imported rows: taking them back would break the event log (${left.problem} at seq ${left.seq})`,
        );
      }
    });
  },

  /** The upload's staged items are not needed once the job is over, done or failed. */
  async release(input, { db }) {
    await deleteUpload(db, input.upload);
  },
};
