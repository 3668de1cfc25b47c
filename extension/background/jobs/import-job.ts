// Importing a workspace bundle into an empty register: verified first (a broken chain is refused
// before anything is written), then copied verbatim, records then events, in batches. Each batch
// and the checkpoint after it land in one transaction, so a resumed job never writes twice.
import { z } from 'zod';
import { WorkspaceBundle, verifyBundle } from '../../../shared/exchange/bundle';
import { parseRecord } from '../../../shared/register';
import type { RecordKind } from '../../../shared/model';
import { toRow } from '../../db/schema';
import type { JobHandler, JobProgress } from './job';

export const ImportInput = z.strictObject({
  source: z.literal('bundle'),
  /** Where the bundle came from, for the job's title (a file name). */
  name: z.string().max(200),
  bundle: WorkspaceBundle,
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
      const batch = records
        .slice(at.records, at.records + size)
        .map((r) => toRow(parseRecord(r.kind as RecordKind, r, `${r.kind} '${r.id}'`)));
      write = async () => void (await db.records.bulkPut(batch));
      next = { ...at, records: at.records + batch.length };
    } else {
      const batch = events.slice(at.events, at.events + size);
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
};
