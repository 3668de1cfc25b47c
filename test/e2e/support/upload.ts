// Importing a workspace bundle into the extension in Chromium, the two ways a page does it: through
// the dashboard's file input (the page reads the file a chunk at a time), or with the upload messages
// sent from an extension page (begin, each chunk, finish), for tests that need a job option.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHUNK_BYTES } from '../../../extension/background/jobs/upload-limits';
import { chunksOf } from '../../support/bundle-upload';
import type { Reply } from './fixture';

/**
 * Sends `bundle` (its JSON) with the upload messages through `ask`; resolves with the first refusal
 * or the finish reply (`{ ok: true, job }`).
 */
export async function uploadWithMessages(
  ask: (message: unknown) => Promise<Reply>,
  bundle: unknown,
  options: { name: string; batchSize?: number },
): Promise<Reply> {
  const text = JSON.stringify(bundle);
  const begun = await ask({ type: 'workspace/upload-begin', name: options.name, size: text.length });
  if (!begun.ok) return begun;
  const upload = begun.upload as string;
  const chunks = chunksOf(text, CHUNK_BYTES);
  for (const [index, chunk] of chunks.entries()) {
    const sent = await ask({ type: 'workspace/upload-chunk', upload, index, text: chunk });
    if (!sent.ok) return sent;
  }
  return ask({
    type: 'workspace/upload-finish',
    upload,
    chunks: chunks.length,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
}

/** Writes `bundle` as a file named `name` in `folder`; gives its path. */
export function bundleFile(folder: string, bundle: unknown, name: string): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(bundle));
  return path;
}

/**
 * Chooses the file at `path` in the dashboard's "Import workspace bundle" input on `page` (opening
 * the Jobs & exchange view) and resolves with the notice the page shows once the upload is answered.
 */
export async function importWithDashboard(page: Page, dashboardUrl: string, path: string): Promise<string> {
  // A fresh load, so the notice awaited below is this import's, not one an earlier import left.
  await page.goto('about:blank');
  await page.goto(`${dashboardUrl}#jobs`);
  const notice = page.getByTestId('exchange-notice');
  await page.getByLabel('Import workspace bundle (.json)').setInputFiles(path);
  await notice.filter({ hasText: /^(Importing|Not imported)/ }).waitFor({ timeout: 120_000 });
  return (await notice.textContent()) ?? '';
}
