// Benchmark, in Node: the background's side of importing the exchange bundle at 5,000 AI systems and
// 50,000 evidence items — the upload messages (begin, each chunk of the bundle's text as the dashboard
// sends it, finish), then the import job to its end, on Dexie over the in-memory IndexedDB — as the
// process's peak resident memory above where it started, against the bundle itself held once (the heap
// it takes, measured in the same run). The page's text is held throughout (it is the page's copy); the
// in-memory IndexedDB keeps the staged items and the register in this process's heap too, which a
// browser keeps on disk. RSS is sampled every 10 ms from a worker thread, so busy synchronous work
// on the main thread does not hide a peak.
// Run: node --expose-gc --import tsx scripts/bench/dashboard/import-memory.ts [--systems N] [--evidence N]
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { importJob } from '../../../extension/background/jobs/import-job';
import { createBundleUploads } from '../../../extension/background/jobs/import-upload';
import { CHUNK_BYTES } from '../../../extension/background/jobs/upload-limits';
import type { JobHandler } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import { openAimsDatabase } from '../../../extension/db/schema';
import { createRegister } from '../../../shared/register';
import { largeOrganisation } from './large-organisation';

const { values } = parseArgs({
  options: {
    systems: { type: 'string', default: '5000' },
    evidence: { type: 'string', default: '50000' },
  },
});
const TODAY = new Date().toISOString().slice(0, 10);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Samples the process's RSS every 10 ms in a worker thread; `stop` gives the highest seen. */
function rssSampler(): { stop: () => Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = 0;
     const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
     parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(peak); });`,
    { eval: true },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (peak: number) => void worker.terminate().then(() => resolve(peak)));
        worker.postMessage('stop');
      }),
  };
}

async function main(): Promise<void> {
  gc!();
  const before = process.memoryUsage().heapUsed;
  // The page's copy, as the message hands it over: generated, then made plain JSON.
  const text = JSON.stringify(
    await largeOrganisation(Number(values.systems), Number(values.evidence), TODAY),
  );
  gc!();
  const afterGenerate = process.memoryUsage().heapUsed;
  // The bundle held once as objects, measured and dropped: the peer of the import's peak.
  const parsed: unknown[] = [JSON.parse(text)];
  gc!();
  const bundleHeap = process.memoryUsage().heapUsed - afterGenerate;
  parsed.length = 0;
  console.log(
    `import memory benchmark: bundle ${MB(text.length)} as JSON, ${MB(bundleHeap)} of heap held once (heap before generating ${MB(before)})`,
  );

  const db = openAimsDatabase(`import-memory-bench-${Date.now()}`);
  const clock = () => new Date().toISOString();
  const register = createRegister(createDexieBackend(db), { clock });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const jobs = createJobRunner({
    db,
    handlers: [importJob as JobHandler<unknown, unknown>],
    clock,
    newId: () => 'import-bench',
    broadcast: (job) => {
      if (job.state === 'done' || job.state === 'failed') {
        if (job.state === 'failed') console.log(`import failed: ${job.error}`);
        done();
      }
    },
    keepAwake: async () => undefined,
    context: { register, now: clock },
  });
  const uploads = createBundleUploads(db, { now: clock, newId: () => 'upload-bench' });
  const deps: BackgroundDeps = { register, today: () => TODAY, now: clock, jobs, uploads };
  const ask = async (message: unknown) => {
    const reply = await handleMessage(message, deps, { kind: 'extension-page' });
    if (!reply.ok) throw new Error(reply.error);
    return reply as Record<string, unknown>;
  };
  gc!();
  const start = process.memoryUsage.rss();
  const sampler = rssSampler();
  const t = performance.now();
  // As the dashboard sends it: CHUNK_BYTES of the file per message (the text here is ASCII).
  await ask({ type: 'workspace/upload-begin', name: 'bench.json', size: text.length });
  let chunks = 0;
  for (let at = 0; at < text.length; at += CHUNK_BYTES) {
    await ask({
      type: 'workspace/upload-chunk',
      upload: 'upload-bench',
      index: chunks++,
      text: text.slice(at, at + CHUNK_BYTES),
    });
  }
  const uploaded = performance.now() - t;
  await ask({ type: 'workspace/upload-finish', upload: 'upload-bench', chunks, batchSize: 5000 });
  await finished;
  // The runner is idle once it has freed the upload's staging.
  await jobs.resume();
  const ms = performance.now() - t;
  const peak = (await sampler.stop()) - start;
  gc!();
  const after = process.memoryUsage.rss() - start;
  const counts = [await db.records.count(), await db.events.count()];
  console.log(
    `uploaded in ${chunks} chunks in ${(uploaded / 1000).toFixed(1)} s; imported ${counts[0]} records and ${counts[1]} events in ${(ms / 1000).toFixed(1)} s in all`,
  );
  console.log(
    `peak resident memory above the start: ${MB(peak)}; ratio to the bundle held once: ${(peak / bundleHeap).toFixed(2)}×`,
  );
  // In Node the IndexedDB is in this process's heap: the register it holds at the end (and the staged
  // bundle while the import runs) count here; a browser keeps them in its database files.
  console.log(
    `resident above the start after the import (the register in the in-memory IndexedDB): ${MB(after)}`,
  );
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await db.delete();
}

await main();
