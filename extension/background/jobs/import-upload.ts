// A workspace bundle uploaded from an extension page in chunks (successive messages), so neither the
// page nor the background ever holds it whole: each chunk is cut into its records' and events' JSON
// texts as it arrives and staged in IndexedDB with where the reading stands, so a service worker stop
// between two chunks loses nothing. Chunks must come in order, each once; a finished upload is checked
// like a whole bundle (verifyStaged) before its import job may start. A bundle that cannot be one is
// discarded at once; an upload nobody finishes is discarded after ABANDONED_AFTER_MS.
import {
  BundleSplitState,
  BundleTextError,
  finishBundleText,
  initialSplitState,
  splitBundleText,
} from '../../../shared/exchange/bundle-stream';
import type { AimsDatabase, StagedItemRow, UploadRow } from '../../db/schema';
import { PENDING_STATES, type JobState } from './job';
import { deleteUpload, verifyStaged } from './import-staging';
import { ABANDONED_AFTER_MS, MAX_BUNDLE_BYTES, MAX_CHUNK_CHARS } from './upload-limits';

export { ABANDONED_AFTER_MS, MAX_BUNDLE_BYTES, MAX_CHUNK_CHARS } from './upload-limits';

export interface UploadReceipt {
  upload: string;
  /** The index the next chunk must carry. */
  next: number;
}

export interface FinishedUpload {
  name: string;
  records: number;
  events: number;
}

export interface BundleUploads {
  /**
   * Opens an upload for a file of `size` bytes; refused over MAX_BUNDLE_BYTES. Sweeps abandoned
   * uploads first. Resolves with its id and `next` 0.
   */
  begin(name: string, size: number): Promise<UploadReceipt>;
  /**
   * Stages chunk `index` of an upload. Refused (the upload kept as it was) when the upload is unknown
   * or complete, or the chunk is not the next one (a duplicate, or one before a missing chunk); refused
   * and the upload discarded when the text cannot be a bundle's or the bundle goes over the cap.
   */
  chunk(upload: string, index: number, text: string): Promise<UploadReceipt>;
  /**
   * Ends an upload the page sent `chunks` chunks of: refused (and discarded) when chunks are missing,
   * the text ended early (truncated) or the bundle fails verifyBundle's checks. Resolves with what the
   * import job needs; the upload is then complete and kept for it.
   */
  finish(upload: string, chunks: number): Promise<FinishedUpload>;
  /** Notes the import job reading a complete upload (its staging goes when the job is over). */
  attach(upload: string, job: string): Promise<void>;
  /** Discards an upload and its staged items (the page gave up); unknown ids are ignored. */
  abort(upload: string): Promise<void>;
  /**
   * Discards uploads nobody will use: unfinished ones idle for ABANDONED_AFTER_MS, complete ones whose
   * job is over (or that never got one within that time). Resolves with how many.
   */
  sweep(): Promise<number>;
}

const refused = (what: string) => new Error(`refused: ${what}`);

export function createBundleUploads(
  db: AimsDatabase,
  options: {
    now: () => string;
    newId: () => string;
    /** The largest bundle taken (bytes declared, characters received); MAX_BUNDLE_BYTES by default. */
    maxBundle?: number;
  },
): BundleUploads {
  const { now } = options;
  const maxBundle = options.maxBundle ?? MAX_BUNDLE_BYTES;

  async function discard(upload: string, reason: string): Promise<never> {
    await deleteUpload(db, upload);
    throw refused(`${reason}; the upload was discarded`);
  }

  async function receiving(upload: string): Promise<UploadRow> {
    const row = await db.uploads.get(upload);
    if (!row) throw refused(`no upload ${upload} (finished, discarded, or never begun)`);
    if (row.state !== 'receiving') throw refused(`upload ${upload} is complete; it takes no more chunks`);
    return row;
  }

  const uploads: BundleUploads = {
    async begin(name, size) {
      if (size > maxBundle) {
        throw refused(`the bundle is ${size} bytes; the largest taken is ${maxBundle} bytes`);
      }
      await uploads.sweep();
      const at = now();
      const row: UploadRow = {
        id: options.newId(),
        name,
        size,
        state: 'receiving',
        next: 0,
        chars: 0,
        split: initialSplitState(),
        createdAt: at,
        updatedAt: at,
      };
      await db.uploads.add(row);
      return { upload: row.id, next: 0 };
    },

    async chunk(upload, index, text) {
      // Read, cut and staged in one transaction: two messages for one upload cannot both take a chunk.
      type Outcome = { next: number } | { discard: string };
      const outcome = await db.transaction('rw', db.uploads, db.stagedItems, async (): Promise<Outcome> => {
        const row = await receiving(upload);
        if (index < row.next) throw refused(`chunk ${index} was received already; next is ${row.next}`);
        if (index > row.next)
          throw refused(`chunk ${index} came before chunk ${row.next} (missing or out of order)`);
        if (text.length > MAX_CHUNK_CHARS)
          throw refused(`chunk ${index} exceeds ${MAX_CHUNK_CHARS} characters`);
        if (row.chars + text.length > maxBundle)
          return { discard: `the bundle exceeds ${maxBundle} characters` };
        let cut;
        try {
          cut = splitBundleText(BundleSplitState.parse(row.split), text);
        } catch (error) {
          if (error instanceof BundleTextError) return { discard: error.message };
          throw error;
        }
        const staged: StagedItemRow[] = [];
        for (const section of ['records', 'events'] as const) {
          const first = cut.state.counts[section] - cut[section].length;
          cut[section].forEach((item, i) => staged.push({ upload, section, index: first + i, text: item }));
        }
        await db.stagedItems.bulkAdd(staged);
        await db.uploads.put({
          ...row,
          next: row.next + 1,
          chars: row.chars + text.length,
          split: cut.state,
          updatedAt: now(),
        });
        return { next: row.next + 1 };
      });
      if ('discard' in outcome) return discard(upload, outcome.discard);
      return { upload, next: outcome.next };
    },

    async finish(upload, chunks) {
      const row = await receiving(upload);
      if (chunks !== row.next) {
        return discard(
          upload,
          chunks > row.next
            ? `chunks ${row.next}–${chunks - 1} of ${chunks} never arrived`
            : `${row.next} chunks arrived but the page sent ${chunks}`,
        );
      }
      let counts: { records: number; events: number };
      try {
        counts = finishBundleText(BundleSplitState.parse(row.split));
      } catch (error) {
        if (error instanceof BundleTextError) return discard(upload, error.message);
        throw error;
      }
      const verdict = await verifyStaged(db, upload, counts);
      if (!verdict.ok) return discard(upload, verdict.problem);
      // Complete only if nothing changed it meanwhile (a second finish, a late chunk): one job per upload.
      const completed = await db.transaction('rw', db.uploads, async () => {
        const current = await db.uploads.get(upload);
        if (current?.state !== 'receiving' || current.next !== row.next) return false;
        await db.uploads.put({ ...current, state: 'complete', split: initialSplitState(), updatedAt: now() });
        return true;
      });
      if (!completed) throw refused(`upload ${upload} changed while it was being checked`);
      return { name: row.name, records: counts.records, events: counts.events };
    },

    async attach(upload, job) {
      await db.uploads.update(upload, { job, updatedAt: now() });
    },

    async abort(upload) {
      await deleteUpload(db, upload);
    },

    async sweep() {
      const cutoff = Date.parse(now()) - ABANDONED_AFTER_MS;
      const rows = await db.uploads.toArray();
      let swept = 0;
      for (const row of rows) {
        const idle = Date.parse(row.updatedAt) < cutoff;
        const job = row.job ? await db.jobs.get(row.job) : undefined;
        const over = row.job !== undefined && !PENDING_STATES.includes(job?.state as JobState);
        if ((row.state === 'receiving' && idle) || over || (row.state === 'complete' && !row.job && idle)) {
          await deleteUpload(db, row.id);
          swept += 1;
        }
      }
      return swept;
    },
  };
  return uploads;
}
