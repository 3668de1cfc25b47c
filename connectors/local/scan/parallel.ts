// Spreads reading and detection over the cores. The walk fills a queue of batches while it runs;
// worker threads start once there is enough work to pay for them, and the main thread joins in
// when the walk is done. Every thread pulls from the one queue, so none sits idle behind a slow batch.
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
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
  /**
   * Threads including the main one; default: decided when the walk has found enough files, from the
   * cores other processes left idle meanwhile (idleCores).
   */
  threads?: number;
  /** Fewest files worth starting worker threads for. */
  threshold?: number;
  /** Cores idle since the scanner loaded, or null while that window is too short (default: idleBetween). */
  idleNow?: () => number | null;
}

const BATCH = 128;
/**
 * Batches handed to a reader ahead. The main thread finishes a reader's result only between batches of its
 * own (a few ms each), so the reader holds enough to stay busy meanwhile; at the end, the main thread waits
 * for at most this many.
 */
const AHEAD = 4;
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
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

/** Busy and idle time of every core so far, in ms (os.cpus(); Linux, macOS and Windows all report it). */
export interface CpuTimes {
  total: number;
  idle: number;
}

export function cpuTimes(): CpuTimes {
  let total = 0;
  let idle = 0;
  for (const { times } of cpus()) {
    total += times.user + times.nice + times.sys + times.idle + times.irq;
    idle += times.idle;
  }
  return { total, idle };
}

// From when the scanner was loaded: by the time the walk has found enough files to think of threads,
// this spans module loading and the walk's start (tens of ms), long enough for the kernel's 10 ms ticks.
const LOADED_AT = cpuTimes();
/**
 * A core counts as free when it sat idle at least this share of the window: at load 2–3 on 2 cores, runs
 * that started a reader on a partly idle core measured slower than runs on one thread.
 */
const IDLE_ENOUGH = 0.75;
/** Shorter windows than this (ms per core) say too little: the load average decides instead. */
const MIN_WINDOW_MS = 30;

/**
 * Cores that sat idle between two readings (0 to the core count), or null when the window is too short
 * to tell.
 */
export function idleBetween(before: CpuTimes, after: CpuTimes, cores: number): number | null {
  const total = after.total - before.total;
  if (!(total >= MIN_WINDOW_MS * cores)) return null;
  return Math.max(0, Math.min(cores, ((after.idle - before.idle) / total) * cores));
}

/**
 * Threads worth running, the main one included. `idleNow`: cores idle while this process started and
 * began its walk (its own thread busy on one), so 1 + that many; the one-minute load average lags (a
 * build that ended seconds ago, or the previous command of a script, still counts) and only stands in
 * when that window was too short. A reader on a core that is already busy only takes turns with the
 * main thread and costs its start-up (measured on a loaded 2-core machine: ~0.96 s CPU with a reader
 * against ~0.81 s without, for the same 20,000 files, and no shorter wall time). Never below 1 or
 * above the core count.
 */
export function idleCores(
  cores = availableParallelism(),
  load = loadavg()[0] ?? 0,
  idleNow: number | null = idleBetween(LOADED_AT, cpuTimes(), cores),
): number {
  const threads = idleNow === null ? Math.round(cores - load) : 1 + Math.floor(idleNow + 1 - IDLE_ENOUGH);
  return Math.max(1, Math.min(cores, threads));
}

const idleSinceLoaded = (): number | null => idleBetween(LOADED_AT, cpuTimes(), availableParallelism());

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
  /** Threads including the main one: as asked, or decided once the walk has found enough files. */
  private threads: number | undefined;

  constructor(
    private readonly queue: FileQueue,
    private readonly options: ParallelOptions,
  ) {
    if (options.threads !== undefined) this.threads = Math.max(1, options.threads);
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

  /** Queue length at which an undecided thread count is looked at again. */
  private nextLook = 0;

  /**
   * Starts the workers once the queue holds enough files to be worth them. With one thread there are
   * none to wait for: each batch is analysed as soon as it fills, so the walk's findings are not all
   * held at once (less memory, and a young-generation GC that has little to copy). While the window
   * since the scanner loaded is too short to tell idle cores from busy ones (an idle machine gets
   * through start-up and the first files fastest), the decision waits a batch more, up to the walk's
   * end (`final`), when the load average stands in.
   */
  consider(final = false): void {
    if (this.threads !== undefined && this.threads < 2) {
      for (let batch = this.queue.take(); batch; batch = this.queue.take())
        this.add(analyseBatch(batch, this.options.maxBytes));
      return;
    }
    if (this.started || this.queue.count < (this.options.threshold ?? PARALLEL_THRESHOLD)) return;
    if (this.threads === undefined) {
      // Once per batch, not per file: reading the cores' times costs a system call.
      if (!final && this.queue.count < this.nextLook) return;
      this.nextLook = this.queue.count + BATCH;
      const idle = (this.options.idleNow ?? idleSinceLoaded)();
      if (idle === null && !final) return;
      this.threads = idleCores(undefined, undefined, idle);
    }
    this.started = true;
    const entry = this.threads < 2 ? undefined : workerEntry();
    if (!entry) {
      this.threads = 1;
      this.consider();
      return;
    }
    for (let i = 1; i < this.threads; i++)
      this.workers.push(runWorker(entry, this.queue, this.add, this.options.maxBytes));
  }

  /**
   * The main thread works through what is left: between batches of its own it yields, so what the readers
   * handed back meanwhile is finished (detection, which only it has loaded) and they are fed again.
   */
  async finish(): Promise<BatchResult> {
    this.consider(true);
    for (let batch = this.queue.take(); batch; batch = this.queue.take()) {
      this.add(analyseBatch(batch, this.options.maxBytes));
      if (this.workers.length > 0) await yieldToEvents();
    }
    await Promise.all(this.workers);
    return this.result;
  }
}
