// Spreads reading and detection over the cores. The walk fills a queue of batches while it runs;
// worker threads start once there is enough work to pay for them, and the main thread joins in
// when the walk is done. Every thread pulls from the one queue, so none sits idle behind a slow batch.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  analyseBatch,
  encodeBatch,
  finishReaderResult,
  type BatchResult,
  type FileRef,
} from './analyse-files';
import type { ReaderResult } from './read-batch';
import type { ToWorker } from './scan-worker';

export interface ParallelOptions {
  maxBytes: number;
  /** Threads including the main one; default: the cores other processes leave idle (idleCores). */
  threads?: number;
  /** Fewest files worth starting worker threads for. */
  threshold?: number;
}

const BATCH = 128;
/** Batches handed to a worker ahead, so it never waits for the busy main thread. */
const AHEAD = 2;
export const PARALLEL_THRESHOLD = 1500;

/** Files found so far, cut into batches; `close` marks the end of the walk. */
export class FileQueue {
  private readonly ready: FileRef[][] = [];
  private filling: FileRef[] = [];
  private closed = false;
  private waiting: (() => void)[] = [];
  count = 0;

  push(file: FileRef): void {
    this.filling.push(file);
    this.count++;
    if (this.filling.length >= BATCH) this.flush();
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.wake();
  }

  take(): FileRef[] | undefined {
    return this.ready.shift();
  }

  get finished(): boolean {
    return this.closed && this.ready.length === 0;
  }

  /** Resolves when a batch is ready or the queue is closed. */
  whenReady(): Promise<void> {
    if (this.ready.length > 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private flush(): void {
    if (this.filling.length === 0) return;
    this.ready.push(this.filling);
    this.filling = [];
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/**
 * Cores other processes leave free: the available cores less the one-minute load average, rounded,
 * at least one. A worker on a core that is already busy only takes turns with the main thread, and
 * each one pays its own start-up and compilation (measured on a saturated 2-core machine: 1.5 s of CPU
 * with a worker against 1.2 s without, for the same 20,000 files). Where the load average is not
 * known (Windows reports 0), every core counts as idle.
 */
export function idleCores(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  return Math.max(1, Math.min(cores, Math.round(cores - load)));
}

/** How to start a worker: a bundled module next to this file, or (from source) a bootstrap that loads TypeScript. */
type WorkerEntry = { url: URL } | { code: string };

function workerEntry(): WorkerEntry | undefined {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // From source, the worker registers the same on-the-fly TypeScript loader the CLI uses.
    if (typeof import.meta.resolve !== 'function') return undefined;
    const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const worker = JSON.stringify(new URL('./scan-worker.ts', here).href);
    return { code: `import(${loader}).then((tsx) => { tsx.register(); return import(${worker}); });` };
  }
  const url = new URL('./scan-worker.mjs', here);
  return existsSync(fileURLToPath(url)) ? { url } : undefined;
}

function runWorker(
  entry: WorkerEntry,
  queue: FileQueue,
  add: (r: BatchResult) => void,
  maxBytes: number,
): Promise<void> {
  return new Promise((resolve) => {
    const worker = 'url' in entry ? new Worker(entry.url) : new Worker(entry.code, { eval: true });
    const inFlight: FileRef[][] = [];
    let ended = false;
    const send = (message: ToWorker) => worker.postMessage(message);
    const feed = () => {
      while (inFlight.length < AHEAD) {
        const batch = queue.take();
        if (!batch) break;
        inFlight.push(batch);
        send({ type: 'batch', files: encodeBatch(batch), maxBytes });
      }
      if (inFlight.length > 0 || ended) return;
      if (queue.finished) {
        ended = true;
        send({ type: 'end' });
      } else void queue.whenReady().then(feed);
    };
    // A worker that dies must not lose files: what it held is analysed here.
    const salvage = () => {
      ended = true;
      for (const batch of inFlight.splice(0)) add(analyseBatch(batch, maxBytes));
      resolve();
    };
    worker.on('message', (message: { type: 'ready' } | ({ type: 'result' } & ReaderResult)) => {
      if (message.type === 'result') {
        inFlight.shift();
        // Detection of what the reader could not settle happens here, where the detectors are warm.
        add(finishReaderResult(message, maxBytes));
      }
      feed();
    });
    worker.on('error', () => {
      salvage();
      void worker.terminate();
    });
    worker.on('exit', salvage);
  });
}

/** Analyses what the queue receives; call `finish` once the walk has closed it. */
export class AnalysisPool {
  private readonly result: BatchResult = { analysed: [], scanned: 0, warnings: [] };
  private readonly workers: Promise<void>[] = [];
  private started = false;
  private readonly threads: number;

  constructor(
    private readonly queue: FileQueue,
    private readonly options: ParallelOptions,
  ) {
    this.threads = Math.max(1, options.threads ?? idleCores());
  }

  private readonly add = (batch: BatchResult) => {
    for (const a of batch.analysed) this.result.analysed.push(a);
    this.result.scanned += batch.scanned;
    for (const w of batch.warnings) this.result.warnings.push(w);
  };

  /** Worker threads started (0 when the work was too small or no worker module was found). */
  get workerCount(): number {
    return this.workers.length;
  }

  /**
   * Starts the workers once the queue holds enough files to be worth them. With one thread there are
   * none to wait for: each batch is analysed as soon as it fills, so the walk's findings are not all
   * held at once (less memory, and a young-generation GC that has little to copy).
   */
  consider(): void {
    if (this.threads < 2) {
      for (let batch = this.queue.take(); batch; batch = this.queue.take())
        this.add(analyseBatch(batch, this.options.maxBytes));
      return;
    }
    if (this.started || this.queue.count < (this.options.threshold ?? PARALLEL_THRESHOLD)) return;
    this.started = true;
    const entry = workerEntry();
    if (!entry) return;
    for (let i = 1; i < this.threads; i++)
      this.workers.push(runWorker(entry, this.queue, this.add, this.options.maxBytes));
  }

  /** The main thread works through what is left, yielding between batches so the workers stay fed. */
  async finish(): Promise<BatchResult> {
    this.consider();
    for (let batch = this.queue.take(); batch; batch = this.queue.take()) {
      this.add(analyseBatch(batch, this.options.maxBytes));
      if (this.workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(this.workers);
    return this.result;
  }
}
