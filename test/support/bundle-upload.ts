// Workspace bundles into the extension's background the way pages send them: as chunks of their JSON
// text, through the upload store (staging only) or through the background's messages (begin, chunks,
// finish: which also starts the import job).
import { handleMessage, type BackgroundDeps } from '../../extension/background/handlers';
import { createBundleUploads, type BundleUploads } from '../../extension/background/jobs/import-upload';
import type { ImportInput } from '../../extension/background/jobs/import-job';
import type { SenderRole } from '../../extension/background/senders';
import type { AimsDatabase } from '../../extension/db/schema';

const PAGE: SenderRole = { kind: 'extension-page' };

/** `text` cut into chunks of `size` characters (at least one chunk, empty for an empty text). */
export function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length || chunks.length === 0; at += size)
    chunks.push(text.slice(at, at + size));
  return chunks;
}

let ids = 0;

/** An upload store over `db` whose ids are `upload-1`, `upload-2`, … (unique in the process). */
export function uploadsOver(
  db: AimsDatabase,
  now: () => string = () => new Date().toISOString(),
): BundleUploads {
  return createBundleUploads(db, { now, newId: () => `upload-${++ids}` });
}

/**
 * Stages `bundle` (an object, sent as its JSON) in `db` in chunks of `chunkChars` and gives the import
 * job's input for it, as `workspace/upload-finish` would start it.
 */
export async function stagedImport(
  db: AimsDatabase,
  bundle: unknown,
  options: { name?: string; batchSize?: number; chunkChars?: number; uploads?: BundleUploads } = {},
): Promise<ImportInput> {
  const uploads = options.uploads ?? uploadsOver(db);
  const text = JSON.stringify(bundle);
  const { upload } = await uploads.begin(options.name ?? 'bundle.json', text.length);
  const chunks = chunksOf(text, options.chunkChars ?? 4096);
  for (const [index, chunk] of chunks.entries()) await uploads.chunk(upload, index, chunk);
  const done = await uploads.finish(upload, chunks.length);
  return {
    source: 'upload',
    name: done.name,
    upload,
    records: done.records,
    events: done.events,
    batchSize: options.batchSize ?? 500,
  };
}

/**
 * Sends `bundle` (an object, sent as its JSON, or the text itself) through the background's messages as
 * a page does: begin, each chunk, finish. Resolves with the first failed reply or the finish reply.
 */
export async function uploadThroughMessages(
  deps: BackgroundDeps,
  bundle: unknown,
  options: { name?: string; batchSize?: number; chunkChars?: number; sender?: SenderRole } = {},
) {
  const sender = options.sender ?? PAGE;
  const text = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  const begun = await handleMessage(
    { type: 'workspace/upload-begin', name: options.name ?? 'bundle.json', size: text.length },
    deps,
    sender,
  );
  if (!begun.ok || !('upload' in begun)) return begun;
  const chunks = chunksOf(text, options.chunkChars ?? 4096);
  for (const [index, chunk] of chunks.entries()) {
    const sent = await handleMessage(
      { type: 'workspace/upload-chunk', upload: begun.upload, index, text: chunk },
      deps,
      sender,
    );
    if (!sent.ok) return sent;
  }
  return handleMessage(
    {
      type: 'workspace/upload-finish',
      upload: begun.upload,
      chunks: chunks.length,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    },
    deps,
    sender,
  );
}
