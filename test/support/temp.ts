// Temporary folders for tests: one naming rule, so a folder left behind says which test made it, and one
// clean-up: every folder made during a test file is removed after the file's last test and afterAll hooks
// (so a folder may be read by later tests and the file's own afterAll).
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module (vitest gives each file its own module graph).
// Root afterAll hooks run last-registered first, so this one runs after the file's own.
afterAll(() => {
  const failed: string[] = [];
  for (const dir of made.splice(0)) {
    try {
      removeTree(dir);
    } catch (error) {
      failed.push(`${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length > 0) throw new Error(`temporary folders left behind:\n${failed.join('\n')}`);
  // A copied demo workspace is thousands of files: on a busy machine removing them outlasts the 10 s default.
}, 60_000);

/** Removes `dir` and everything in it; a folder a test locked (mode 000) is opened up first. */
function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    openUp(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Gives the owner full access to `dir` and every folder under it (not following links). */
function openUp(dir: string): void {
  try {
    if (!lstatSync(dir).isDirectory()) return;
    chmodSync(dir, 0o700);
  } catch {
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory()) openUp(join(dir, entry.name));
}

/**
 * Creates a new empty folder `aims-<label>-XXXXXX` under the OS temp folder; returns its absolute path.
 * The folder is removed after the calling test file has finished (an afterAll this module registers).
 */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `aims-${label}-`));
  made.push(dir);
  return dir;
}
