// The staged items of an uploaded bundle in IndexedDB: read back a page at a time (the import job's
// steps, its check before writing, its undo), and deleted once the upload is over.
import {
  createBundleVerifier,
  type BundleProblem,
  type BundleVerdict,
} from '../../../shared/exchange/bundle';
import type { BundleSection } from '../../../shared/exchange/bundle-stream';
import type { AimsDatabase } from '../../db/schema';

/** Items read per IndexedDB request when a whole array is walked (checking, taking back). */
export const STAGED_PAGE = 1000;

/**
 * Items `from` (inclusive) to `to` (exclusive) of one array of an upload, each parsed from its JSON
 * text. Throws naming the item whose text is not JSON, or when an item in the range is missing.
 */
export async function stagedItems(
  db: AimsDatabase,
  upload: string,
  section: BundleSection,
  from: number,
  to: number,
): Promise<unknown[]> {
  if (to <= from) return [];
  const rows = await db.stagedItems
    .where('[upload+section+index]')
    .between([upload, section, from], [upload, section, to])
    .toArray();
  if (rows.length !== to - from) {
    throw new Error(`the uploaded bundle is incomplete: ${section} ${from}–${to - 1} are not all staged`);
  }
  return rows.map((row) => {
    try {
      return JSON.parse(row.text) as unknown;
    } catch (error) {
      throw new Error(
        `not a workspace bundle: ${section}.${row.index}: not JSON (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
  });
}

/**
 * Calls `each` with the items `0..count-1` of an array, a page of STAGED_PAGE at a time, in order,
 * until `each` answers `'stop'`.
 */
export async function eachStagedPage(
  db: AimsDatabase,
  upload: string,
  section: BundleSection,
  count: number,
  each: (items: unknown[], from: number) => Promise<'stop' | void> | 'stop' | void,
): Promise<void> {
  for (let from = 0; from < count; from += STAGED_PAGE) {
    const items = await stagedItems(db, upload, section, from, Math.min(count, from + STAGED_PAGE));
    if ((await each(items, from)) === 'stop') return;
  }
}

/**
 * verifyBundle's verdict on an upload's staged items (events first, then records), read a page at a
 * time so the bundle is never held whole; a text that is not JSON is a failed verdict too.
 */
export async function verifyStaged(
  db: AimsDatabase,
  upload: string,
  counts: { records: number; events: number },
): Promise<BundleVerdict> {
  const verifier = createBundleVerifier();
  let problem: BundleProblem | undefined;
  try {
    for (const section of ['events', 'records'] as const) {
      await eachStagedPage(db, upload, section, counts[section], (items) => {
        problem = verifier[section](items);
        return problem ? 'stop' : undefined;
      });
      if (problem) return problem;
    }
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  return verifier.finish();
}

/** Deletes an upload's row and every item it staged, in one transaction. */
export async function deleteUpload(db: AimsDatabase, upload: string): Promise<void> {
  await db.transaction('rw', db.uploads, db.stagedItems, async () => {
    await db.stagedItems
      .where('[upload+section+index]')
      // Every section and index of the upload ('events' sorts before 'records').
      .between([upload, 'events', -Infinity], [upload, 'records', Infinity], true, true)
      .delete();
    await db.uploads.delete(upload);
  });
}
