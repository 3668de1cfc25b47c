// Sends a workspace bundle file to the background a chunk at a time (File.slice), so the page never
// holds the file's text whole: each chunk is decoded as UTF-8 (a character cut by a chunk's edge is
// finished by the next), sent, and acknowledged before the next is read.
import type { askBackground } from '../background/client';
import type { Response } from '../background/messages';
import { CHUNK_BYTES } from '../background/jobs/upload-limits';

/** The file, as a page's file input gives it (or a Blob with a name, in tests). */
export interface BundleFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
}

/**
 * Uploads `file` and asks for its import: begin, each chunk in order, finish (which checks the bundle
 * and starts the import job). `progress` hears bytes sent of bytes in all after each chunk. Resolves
 * with the finish reply, or the first failure (the upload is then discarded: aborted by the page, or
 * by the background when it refused the text). Never throws.
 */
export async function uploadBundle(
  file: BundleFile,
  ask: typeof askBackground,
  progress: (sent: number, total: number) => void = () => undefined,
  chunkBytes: number = CHUNK_BYTES,
): Promise<Response<'workspace/upload-finish'>> {
  const begun = await ask({
    type: 'workspace/upload-begin',
    name: file.name.slice(0, 200) || 'bundle.json',
    size: file.size,
  });
  if (!begun.ok) return begun;
  const upload = begun.upload;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  const send = async (text: string): Promise<Response<'workspace/upload-chunk'>> =>
    ask({ type: 'workspace/upload-chunk', upload, index: index++, text });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const bytes = await file.slice(offset, offset + chunkBytes).arrayBuffer();
      const sent = await send(decoder.decode(bytes, { stream: true }));
      if (!sent.ok) return await abandon(sent.error);
      progress(Math.min(file.size, offset + chunkBytes), file.size);
    }
    const rest = decoder.decode();
    if (rest) {
      const sent = await send(rest);
      if (!sent.ok) return await abandon(sent.error);
    }
  } catch (error) {
    // The file could not be read, or is not UTF-8 text.
    return abandon(
      `${file.name} could not be read as UTF-8 text (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return ask({ type: 'workspace/upload-finish', upload, chunks: index });

  async function abandon(error: string): Promise<{ ok: false; error: string }> {
    await ask({ type: 'workspace/upload-abort', upload });
    return { ok: false, error };
  }
}
