// While an import fills the register nothing else may write it: a failed import takes back its own
// rows, and a write chained onto them would be left pointing at deleted entries. The check runs
// inside the writer's own IndexedDB transaction, which then spans the jobs table, so the check and
// the write are one: an import cannot begin between them.
import { createRegister, type Register } from '../../../shared/register';
import { createDexieBackend } from '../../db/dexie-backend';
import type { AimsDatabase } from '../../db/schema';
import { PENDING_STATES, type JobState } from './job';

/** What a write refused during an import says (the dashboard shows it). */
export const IMPORT_PENDING_REFUSAL =
  'refused: an import is running; the register takes other writes once it is done';

/** States in which an import has begun writing and is not over: other jobs' steps may not write. */
export const IMPORT_BEGUN: readonly JobState[] = ['running', 'waiting'];

/**
 * Throws Error(IMPORT_PENDING_REFUSAL) when an import job other than `except` (a job id) is in one
 * of `states` (default: queued, running or waiting). Holds at commit only when called inside the
 * writing transaction, with `db.jobs` in its scope.
 */
export async function refuseWhileImporting(
  db: AimsDatabase,
  states: readonly JobState[] = PENDING_STATES,
  except?: string,
): Promise<void> {
  const rows = await db.jobs.where('state').anyOf(states).toArray();
  if (rows.some((row) => row.kind === 'import' && row.id !== except)) {
    throw new Error(IMPORT_PENDING_REFUSAL);
  }
}

/**
 * The register the extension's pages and content scripts write through: each commit is refused
 * while an import is pending (queued, running or waiting), in the commit's own transaction.
 */
export function pagesRegister(db: AimsDatabase, clock: () => string): Register {
  return createRegister(createDexieBackend(db, { beforeCommit: () => refuseWhileImporting(db) }), {
    clock,
  });
}
