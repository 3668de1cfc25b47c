// Extension databases for background tests: Dexie over the in-memory IndexedDB of the test set-up, a new
// database per call so no test sees another's rows, each deleted after its test.
import { afterEach } from 'vitest';
import { openAimsDatabase, type AimsDatabase } from '../../extension/db/schema';

/**
 * Registers the afterEach that deletes every database opened in the test, and returns the opener:
 * each call gives a new, empty database named `prefix-<n>-<ms>`.
 */
export function freshDatabases(prefix: string): () => AimsDatabase {
  const opened: AimsDatabase[] = [];
  let counter = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return () => {
    const db = openAimsDatabase(`${prefix}-${++counter}-${Date.now()}`);
    opened.push(db);
    return db;
  };
}
