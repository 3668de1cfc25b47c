// Writes that never leave a half-written file: write a sibling temp file, then rename over.
// Temp files are named '.<name>.<random>.tmp' so recovery can find ones a crash left behind.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(
  path: string,
  content: string,
  options: { fsync?: boolean; mode?: number } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `mode` (e.g. 0o600 for private state) is set at creation, so the file is never readable by others.
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(content);
      // Durable before it becomes visible under its real name (a commit point must not be empty).
      if (options.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The same, synchronously and without fsync: for derived files (a cache) that may be lost but never torn. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
