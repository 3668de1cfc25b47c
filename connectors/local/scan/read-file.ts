// Reads one file within the byte bound; model files are hashed in a stream, never loaded whole.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { wantsHeadOnly } from '../../../shared/discovery';
import { HEAD_BYTES } from './limits';
import { prepareModelFile, prepareSource, type Prepared } from './source-file';

const HASH_CHUNK = 1024 * 1024;
// O_NONBLOCK: a FIFO that slipped past the type check opens at once instead of hanging the scan.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

export type ReadOutcome = Prepared | { skipped: string };

/** Reads up to `length` bytes from the start; short only at end of file. */
async function readHead(handle: FileHandle, length: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** sha256 of every byte, continuing after the head already read. */
async function hashRest(handle: FileHandle, head: Uint8Array): Promise<string> {
  const hash = createHash('sha256').update(head);
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  let position = head.length;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, HASH_CHUNK, position);
    if (bytesRead === 0) break;
    hash.update(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `unreadable (${code})` : `unreadable (${(error as Error).message})`;
}

/** Never throws: an unreadable file becomes a warning and the scan goes on. */
export async function readSourceFile(abs: string, path: string, maxBytes: number): Promise<ReadOutcome> {
  let handle: FileHandle;
  try {
    handle = await open(abs, OPEN_FLAGS);
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { skipped: `${path}: not a regular file, skipped` };
    if (wantsHeadOnly(path)) {
      const head = await readHead(handle, Math.min(stats.size, HEAD_BYTES));
      return prepareModelFile(path, head, stats.size, await hashRest(handle, head));
    }
    const bytes = await readHead(handle, Math.min(stats.size, maxBytes));
    return prepareSource({ path, bytes, size: Math.max(stats.size, bytes.length) }, maxBytes);
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
