// A bundle reaches the background in chunks, as the dashboard sends it, and is staged in IndexedDB
// until its import job is over. Tried as a clumsy page or a hostile one would: chunks out of order,
// twice, missing, too large, cut short, from a content script, over the cap, or never finished.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { importJob } from '../../../extension/background/jobs/import-job';
import { createBundleUploads } from '../../../extension/background/jobs/import-upload';
import type { JobHandler } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import {
  ABANDONED_AFTER_MS,
  MAX_BUNDLE_BYTES,
  MAX_CHUNK_CHARS,
} from '../../../extension/background/jobs/upload-limits';
import type { SenderRole } from '../../../extension/background/senders';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import { openAimsDatabase, SCHEMA_V4, SCHEMA_VERSION, type AimsDatabase } from '../../../extension/db/schema';
import { uploadBundle } from '../../../extension/dashboard/bundle-upload';
import type { askBackground } from '../../../extension/background/client';
import { createRegister } from '../../../shared/register';
import { demoBundle } from '../../support/demo-records';
import { freshDatabases } from '../../support/aims-db';
import { chunksOf, uploadThroughMessages } from '../../support/bundle-upload';

const PAGE: SenderRole = { kind: 'extension-page' };
const GITHUB_SCRIPT: SenderRole = { kind: 'content-script', host: 'github', origin: 'https://github.com' };
const TODAY = '2026-03-02';
const freshDb = freshDatabases('import-upload-test');

/** A worker over `db`: the background's deps with uploads and a job runner; `at` moves its clock. */
function worker(db: AimsDatabase = freshDb(), options: { maxBundle?: number } = {}) {
  let t = Date.parse('2026-03-02T08:00:00.000Z');
  const clock = () => new Date((t += 1000)).toISOString();
  const register = createRegister(createDexieBackend(db), { clock });
  let ids = 0;
  const jobs = createJobRunner({
    db,
    handlers: [importJob as JobHandler<unknown, unknown>],
    clock,
    newId: () => `job-${++ids}`,
    broadcast: () => undefined,
    keepAwake: async () => undefined,
    context: { register, now: clock },
  });
  const uploads = createBundleUploads(db, { now: clock, newId: () => `upload-${++ids}`, ...options });
  const deps: BackgroundDeps = { register, jobs, uploads, today: () => TODAY, now: clock };
  const ask = (message: unknown, sender: SenderRole = PAGE) => handleMessage(message, deps, sender);
  return { db, register, jobs, uploads, deps, ask, later: (ms: number) => void (t += ms) };
}

type Worker = ReturnType<typeof worker>;

async function begin(w: Worker, size = 1000): Promise<string> {
  const reply = await w.ask({ type: 'workspace/upload-begin', name: 'b.json', size });
  expect(reply).toMatchObject({ ok: true, next: 0 });
  return (reply as { upload: string }).upload;
}

const chunk = (w: Worker, upload: string, index: number, text: string, sender?: SenderRole) =>
  w.ask({ type: 'workspace/upload-chunk', upload, index, text }, sender);
const finish = (w: Worker, upload: string, chunks: number) =>
  w.ask({ type: 'workspace/upload-finish', upload, chunks });

async function bundleChunks(size = 2000): Promise<string[]> {
  return chunksOf(JSON.stringify(await demoBundle(TODAY)), size);
}

async function expectNothingStaged(db: AimsDatabase) {
  expect(await db.uploads.count()).toBe(0);
  expect(await db.stagedItems.count()).toBe(0);
}

async function runToEnd(w: Worker) {
  await w.jobs.resume();
  return (await w.jobs.list())[0];
}

describe('uploading a bundle in chunks', () => {
  it('imports a bundle sent in chunks, then deletes its staging', async () => {
    const bundle = await demoBundle(TODAY);
    const w = worker();
    const reply = await uploadThroughMessages(w.deps, bundle, { chunkChars: 1500 });
    expect(reply).toMatchObject({ ok: true, job: { state: 'queued', title: 'Import bundle.json' } });
    expect(await w.db.stagedItems.count()).toBe(bundle.records.length + bundle.events.length);
    expect(await runToEnd(w)).toMatchObject({ state: 'done' });
    expect(await w.register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
    await expectNothingStaged(w.db);
  });

  it('refuses a chunk out of order and a duplicate, keeping the upload as it was', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const upload = await begin(w);
    expect(await chunk(w, upload, 0, chunks[0]!)).toMatchObject({ ok: true, next: 1 });
    const staged = await w.db.stagedItems.count();
    expect(await chunk(w, upload, 2, chunks[2]!)).toMatchObject({
      ok: false,
      error: 'workspace/upload-chunk: refused: chunk 2 came before chunk 1 (missing or out of order)',
    });
    expect(await chunk(w, upload, 0, chunks[0]!)).toMatchObject({
      ok: false,
      error: 'workspace/upload-chunk: refused: chunk 0 was received already; next is 1',
    });
    // A duplicate with other text is refused the same way: the first one stands.
    expect(await chunk(w, upload, 0, '{"records":[]}')).toMatchObject({ ok: false });
    expect(await w.db.stagedItems.count()).toBe(staged);
    // The right chunks still complete the upload.
    for (let i = 1; i < chunks.length; i++) {
      expect(await chunk(w, upload, i, chunks[i]!)).toMatchObject({ ok: true, next: i + 1 });
    }
    expect(await finish(w, upload, chunks.length)).toMatchObject({ ok: true });
    expect(await runToEnd(w)).toMatchObject({ state: 'done' });
  });

  it('refuses to finish with chunks missing, and discards the upload', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const upload = await begin(w);
    for (let i = 0; i < chunks.length - 2; i++) await chunk(w, upload, i, chunks[i]!);
    expect(await finish(w, upload, chunks.length)).toMatchObject({
      ok: false,
      error: `workspace/upload-finish: refused: chunks ${chunks.length - 2}–${chunks.length - 1} of ${chunks.length} never arrived; the upload was discarded`,
    });
    expect(await w.jobs.list()).toEqual([]);
    await expectNothingStaged(w.db);
  });

  it('refuses a truncated last chunk as a bundle that ends early, writing nothing', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const upload = await begin(w);
    const last = chunks.length - 1;
    for (let i = 0; i < last; i++) await chunk(w, upload, i, chunks[i]!);
    expect(await chunk(w, upload, last, chunks[last]!.slice(0, -40))).toMatchObject({ ok: true });
    expect(await finish(w, upload, chunks.length)).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /refused: not a workspace bundle: the text ends early \(inside events item \d+\): truncated\?/,
      ),
    });
    await expectNothingStaged(w.db);
    expect(await w.db.records.count()).toBe(0);
  });

  it('refuses a chunk over the per-message cap before reading it', async () => {
    const w = worker();
    const upload = await begin(w);
    const reply = await chunk(w, upload, 0, ' '.repeat(MAX_CHUNK_CHARS + 1));
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed message: text: /) });
    expect(await w.db.uploads.get(upload)).toMatchObject({ next: 0, chars: 0 });
  });

  it('takes bundles up to 256 MB and chunks up to 2 Mi characters by default, and no more', async () => {
    const w = worker();
    expect(MAX_BUNDLE_BYTES).toBe(256 * 1024 * 1024);
    expect(MAX_CHUNK_CHARS).toBe(2 * 1024 * 1024);
    expect(ABANDONED_AFTER_MS).toBe(10 * 60 * 1000);
    expect(
      await w.ask({ type: 'workspace/upload-begin', name: 'b.json', size: MAX_BUNDLE_BYTES }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await w.ask({ type: 'workspace/upload-begin', name: 'b.json', size: MAX_BUNDLE_BYTES + 1 }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /refused: the bundle is 268435457 bytes; the largest taken is 268435456 bytes/,
      ),
    });
    const upload = await begin(w);
    // A chunk of exactly the cap is read (here: whitespace before the bundle begins).
    expect(await chunk(w, upload, 0, ' '.repeat(MAX_CHUNK_CHARS))).toMatchObject({ ok: true, next: 1 });
  });

  it('refuses a bundle over the cap: declared at the start, or found while receiving', async () => {
    const chunks = await bundleChunks(4000);
    const w = worker(freshDb(), { maxBundle: 10_000 });
    expect(await w.ask({ type: 'workspace/upload-begin', name: 'big.json', size: 10_001 })).toMatchObject({
      ok: false,
      error: 'workspace/upload-begin: refused: the bundle is 10001 bytes; the largest taken is 10000 bytes',
    });
    expect(await w.db.uploads.count()).toBe(0);
    // A page that declares less than it sends.
    const upload = await begin(w, 100);
    expect(await chunk(w, upload, 0, chunks[0]!)).toMatchObject({ ok: true });
    expect(await chunk(w, upload, 1, chunks[1]!)).toMatchObject({ ok: true });
    expect(await chunk(w, upload, 2, chunks[2]!)).toMatchObject({
      ok: false,
      error: 'workspace/upload-chunk: refused: the bundle exceeds 10000 characters; the upload was discarded',
    });
    await expectNothingStaged(w.db);
  });

  it("refuses every upload message from a content script, and leaves a page's upload alone", async () => {
    const chunks = await bundleChunks();
    const w = worker();
    expect(
      await w.ask({ type: 'workspace/upload-begin', name: 'x.json', size: 10 }, GITHUB_SCRIPT),
    ).toMatchObject({
      ok: false,
      error: 'refused: workspace/upload-begin is not available to the github content script',
    });
    expect(await w.db.uploads.count()).toBe(0);
    const upload = await begin(w);
    expect(await chunk(w, upload, 0, chunks[0]!, GITHUB_SCRIPT)).toMatchObject({ ok: false });
    for (const message of [
      { type: 'workspace/upload-finish', upload, chunks: 0 },
      { type: 'workspace/upload-abort', upload },
    ]) {
      expect(await w.ask(message, GITHUB_SCRIPT)).toMatchObject({ ok: false, error: /^refused: / });
    }
    expect(await handleMessage({ type: 'workspace/upload-abort', upload }, w.deps, undefined)).toMatchObject({
      ok: false,
      error: 'refused: unexpected sender',
    });
    expect(await w.db.uploads.get(upload)).toMatchObject({ state: 'receiving', next: 0 });
  });

  it('refuses malformed upload messages: extra fields, negative indexes, no id', async () => {
    const w = worker();
    const upload = await begin(w);
    for (const message of [
      { type: 'workspace/upload-chunk', upload, index: 0, text: '{', extra: 1 },
      { type: 'workspace/upload-chunk', upload, index: -1, text: '{' },
      { type: 'workspace/upload-chunk', upload, index: 0.5, text: '{' },
      { type: 'workspace/upload-chunk', upload: '', index: 0, text: '{' },
      { type: 'workspace/upload-chunk', upload, index: 0, text: 42 },
      { type: 'workspace/upload-begin', name: 'x', size: -1 },
      { type: 'workspace/upload-finish', upload },
    ]) {
      expect(await w.ask(message), JSON.stringify(message)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^malformed message: /),
      });
    }
    expect(await chunk(w, 'upload-nobody-began', 0, '{')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/refused: no upload upload-nobody-began/),
    });
  });

  it('discards an upload whose text cannot be a bundle, at the chunk that shows it', async () => {
    for (const [text, problem] of [
      ['[1,2,3]', 'the text is not a JSON object'],
      ['{"records":[{"kind":"x","id":"1"},,{}]', 'records: an empty item after item 0'],
      ['{"systems":[{}]', 'unexpected array field "systems"'],
      ['{"records":[],"records":[]', 'records appears twice'],
      ['{"records":[],"events":[],"format":"x"} trailing', 'text after the closing brace'],
    ] as const) {
      const w = worker();
      const upload = await begin(w);
      expect(await chunk(w, upload, 0, text)).toMatchObject({
        ok: false,
        error: `workspace/upload-chunk: refused: not a workspace bundle: ${problem}; the upload was discarded`,
      });
      await expectNothingStaged(w.db);
    }
  });

  it('discards an abandoned upload after a while, and at once when the page aborts', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const abandoned = await begin(w);
    await chunk(w, abandoned, 0, chunks[0]!);
    expect(await w.db.stagedItems.count()).toBeGreaterThan(0);
    w.later(ABANDONED_AFTER_MS / 2);
    expect(await w.uploads.sweep()).toBe(0);
    w.later(ABANDONED_AFTER_MS);
    // The next upload sweeps the abandoned one.
    const next = await begin(w);
    expect(await w.db.uploads.get(abandoned)).toBeUndefined();
    expect(
      await w.db.stagedItems
        .where('[upload+section+index]')
        .between([abandoned, 'events', -Infinity], [abandoned, 'records', Infinity])
        .count(),
    ).toBe(0);
    await chunk(w, next, 0, chunks[0]!);
    expect(await w.ask({ type: 'workspace/upload-abort', upload: next })).toEqual({ ok: true });
    await expectNothingStaged(w.db);
    expect(await chunk(w, next, 1, chunks[1]!)).toMatchObject({ ok: false, error: /no upload/ });
  });

  it('keeps a complete upload while its job is pending, and sweeps it once the job is over', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const { upload } = await w.uploads.begin('b.json', 1);
    for (const [i, text] of chunks.entries()) await w.uploads.chunk(upload, i, text);
    await w.uploads.finish(upload, chunks.length);
    // A complete upload not yet given its job is kept for a while, then swept.
    w.later(ABANDONED_AFTER_MS / 2);
    expect(await w.uploads.sweep()).toBe(0);
    // Its job (stored here, so no runner moves it on) keeps it however long it stays pending.
    await w.db.jobs.put({ id: 'job-kept', kind: 'import', state: 'queued' });
    await w.uploads.attach(upload, 'job-kept');
    w.later(2 * ABANDONED_AFTER_MS);
    expect(await w.uploads.sweep()).toBe(0);
    // A job over whose staging was not freed (the worker stopped in between) lets it go.
    await w.db.jobs.update('job-kept', { state: 'failed' });
    expect(await w.uploads.sweep()).toBe(1);
    await expectNothingStaged(w.db);
  });

  it('sweeps a complete upload that never got its job', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const { upload } = await w.uploads.begin('b.json', 1);
    for (const [i, text] of chunks.entries()) await w.uploads.chunk(upload, i, text);
    await w.uploads.finish(upload, chunks.length);
    w.later(ABANDONED_AFTER_MS + 1000);
    expect(await w.uploads.sweep()).toBe(1);
    await expectNothingStaged(w.db);
  });

  it('goes on with an upload after the service worker stopped between two chunks', async () => {
    const bundle = await demoBundle(TODAY);
    const chunks = chunksOf(JSON.stringify(bundle), 2500);
    const db = freshDb();
    const first = worker(db);
    const upload = await begin(first);
    const half = Math.floor(chunks.length / 2);
    for (let i = 0; i < half; i++) await chunk(first, upload, i, chunks[i]!);
    // A new worker: nothing in memory, everything in IndexedDB.
    const second = worker(db);
    for (let i = half; i < chunks.length; i++) {
      expect(await chunk(second, upload, i, chunks[i]!)).toMatchObject({ ok: true, next: i + 1 });
    }
    expect(await finish(second, upload, chunks.length)).toMatchObject({ ok: true });
    expect(await runToEnd(second)).toMatchObject({ state: 'done' });
    expect(await second.register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
  });

  it('starts one job for one upload: a second finish is refused', async () => {
    const chunks = await bundleChunks();
    const w = worker();
    const upload = await begin(w);
    for (const [i, text] of chunks.entries()) await chunk(w, upload, i, text);
    const [a, b] = await Promise.all([finish(w, upload, chunks.length), finish(w, upload, chunks.length)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await w.jobs.list()).toHaveLength(1);
    // The one job runs to its end before the database goes.
    expect(await runToEnd(w)).toMatchObject({ state: 'done' });
  });

  it("sends a file from the dashboard's reader: multi-byte characters cut by chunk edges arrive whole", async () => {
    const bundle = await demoBundle(TODAY);
    const w = worker();
    // Not ASCII: a run of three-byte characters longer than two chunks, so of the chunk edges in it
    // (4,099 apart) at least one cuts a character; an emoji (four bytes), quotes and a backslash.
    bundle.exportedBy = `Équipe ${'中'.repeat(3000)} 🛡️ "quoted" \\ back`;
    const file = new File([JSON.stringify(bundle)], 'réseau.json');
    const sent: number[] = [];
    const ask = ((message: unknown) => handleMessage(message, w.deps, PAGE)) as typeof askBackground;
    const reply = await uploadBundle(file, ask, (done) => void sent.push(done), 4099);
    expect(reply).toMatchObject({ ok: true, job: { title: 'Import réseau.json' } });
    expect(sent.at(-1)).toBe(file.size);
    expect(await runToEnd(w)).toMatchObject({ state: 'done' });
    expect(await w.register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
  });

  it('stops and discards the upload when the file is not UTF-8 text', async () => {
    const w = worker();
    const file = new File([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])], 'binary.json');
    const ask = ((message: unknown) => handleMessage(message, w.deps, PAGE)) as typeof askBackground;
    const reply = await uploadBundle(file, ask);
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/could not be read as UTF-8 text/),
    });
    await expectNothingStaged(w.db);
  });
});

describe('the database version with upload staging', () => {
  it('upgrades a version-4 database, keeping its rows, and adds the staging tables', async () => {
    const name = `upload-schema-${Date.now()}`;
    // Written literally: what version 4 shipped with.
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('jobs').put({ id: 'job-1', state: 'done', kind: 'scan' });
    await v4.table('connectorState').put({ key: 'k', value: 'v' });
    v4.close();
    const db = openAimsDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBe(5);
      expect(await db.jobs.get('job-1')).toMatchObject({ state: 'done' });
      expect(await db.connectorState.get('k')).toEqual({ key: 'k', value: 'v' });
      await db.stagedItems.bulkAdd([
        { upload: 'u', section: 'records', index: 1, text: '{}' },
        { upload: 'u', section: 'events', index: 0, text: '{}' },
      ]);
      expect(await db.stagedItems.get(['u', 'records', 1])).toMatchObject({ text: '{}' });
      // The compound key refuses the same place twice.
      await expect(
        db.stagedItems.add({ upload: 'u', section: 'records', index: 1, text: '[]' }),
      ).rejects.toThrow();
    } finally {
      await db.delete();
    }
  });
});
