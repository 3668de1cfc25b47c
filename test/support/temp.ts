// Temporary folders for tests: one naming rule, so a folder left behind says which test made it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates a new empty folder `aims-<label>-XXXXXX` under the OS temp folder; returns its absolute path. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `aims-${label}-`));
}
