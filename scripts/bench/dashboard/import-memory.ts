// Benchmark, in Node: the background's side of importing the exchange bundle at 5,000 AI systems and
// 50,000 evidence items — the `workspace/import` handler, then the import job to its end, on Dexie over
// the in-memory IndexedDB — as the process's peak resident memory above where it started, against the
// bundle itself held once (the heap it takes, measured in the same run): how many copies the import
// keeps alive at its worst. RSS is sampled every 10 ms from a worker thread, so busy synchronous work
// on the main thread does not hide a peak.
// Run: node --expose-gc --import tsx scripts/bench/dashboard/import-memory.ts [--systems N] [--evidence N]
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { importJob } from '../../../extension/background/jobs/import-job';
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
  // The message's bundle, dropped once the message is answered (as the page's message is).
  const message: unknown[] = [JSON.parse(text)];
  gc!();
  const bundleHeap = process.memoryUsage().heapUsed - afterGenerate;
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
  const deps: BackgroundDeps = { register, today: () => TODAY, now: clock, jobs };
  gc!();
  const start = process.memoryUsage.rss();
  const sampler = rssSampler();
  const t = performance.now();
  const reply = await handleMessage(
    { type: 'workspace/import', name: 'bench.json', bundle: message[0], batchSize: 5000 },
    deps,
    { kind: 'extension-page' },
  );
  if (!reply.ok) throw new Error(reply.error);
  // The message is answered: nothing but the job holds the bundle any more.
  message.length = 0;
  await finished;
  const ms = performance.now() - t;
  const peak = (await sampler.stop()) - start;
  const counts = [await db.records.count(), await db.events.count()];
  console.log(`imported ${counts[0]} records and ${counts[1]} events in ${(ms / 1000).toFixed(1)} s`);
  console.log(
    `peak resident memory above the start: ${MB(peak)}; ratio to the bundle held once: ${(peak / bundleHeap).toFixed(2)}×`,
  );
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await db.delete();
}

await main();
