// Spreads reading and detection over the cores. The walk fills a queue of batches while it runs; worker
// threads (readers) start once there is enough work to pay for them. Each batch goes to a reader as soon
// as it fills, so a reader never waits for the main thread (busy walking, and finishing what readers
// handed back) to hand it more. Once the walk is done, the main thread takes batches from the far end of
// what readers hold: a shared cell per batch says who took it first, so each batch is read exactly once
// and at the end the main thread waits only for the batch each reader is on.
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
import { CLAIMED_BY_MAIN, UNCLAIMED } from './read-batch';
import type { FromWorker, ToWorker } from './scan-worker';

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
  /** The reader thread's module (default: scan-worker next to this one); tests hand in failing ones. */
  workerEntry?: WorkerEntry;
}

const BATCH = 128;
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

  /** True when a full batch (or, once closed, the last one) waits to be taken. */
  get hasReady(): boolean {
    return this.ready.length > 0;
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
export type WorkerEntry = { url: URL } | { code: string };

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

/** A batch handed to a reader; `claim` (shared with it) says who reads it (read-batch.ts). */
interface Posted {
  files: FileRef[];
  claim: Int32Array;
}

/**
 * One reader thread and the batches posted to it that have no answer yet. Each answer (a result, or
 * word that the main thread had taken the batch) comes back in posting order. A reader that dies must
 * not lose files: what it held without answering is analysed on the main thread.
 */
class Reader {
  private readonly waiting: Posted[] = [];
  private readonly worker: Worker;
  private closed = false;
  private gone = false;
  /** Resolves once the reader has answered for every batch posted to it, or died and was made up for. */
  readonly done: Promise<void>;

  constructor(
    entry: WorkerEntry,
    add: (r: BatchResult) => void,
    private readonly maxBytes: number,
  ) {
    this.worker = 'url' in entry ? new Worker(entry.url) : new Worker(entry.code, { eval: true });
    this.done = new Promise((resolve) => {
      const salvage = () => {
        if (this.gone) return;
        this.gone = true;
        // Taken for the main thread, so its own pass over the batches skips them; those it already
        // took are its own.
        for (const posted of this.waiting.splice(0)) {
          if (Atomics.exchange(posted.claim, 0, CLAIMED_BY_MAIN) !== CLAIMED_BY_MAIN)
            add(analyseBatch(posted.files, maxBytes));
        }
        resolve();
      };
      this.worker.on('message', (message: FromWorker) => {
        if (this.gone || message.type === 'ready') return;
        this.waiting.shift();
        // Detection of what the reader could not settle happens here, where the detectors are warm.
        if (message.type === 'result') add(finishReaderResult(message, maxBytes));
        this.endIfDone();
      });
      this.worker.on('error', () => {
        salvage();
        void this.worker.terminate();
      });
      this.worker.on('exit', salvage);
    });
  }

  post(files: FileRef[]): Posted {
    // One shared cell per batch: the reader and the main thread each try to take it, one wins.
    const posted: Posted = { files, claim: new Int32Array(new SharedArrayBuffer(4)) };
    this.waiting.push(posted);
    const message: ToWorker = {
      type: 'batch',
      files: encodeBatch(files),
      maxBytes: this.maxBytes,
      claim: posted.claim,
    };
    this.worker.postMessage(message);
    return posted;
  }

  /** No more batches: the reader stops once it has answered for those it has. */
  close(): void {
    this.closed = true;
    this.endIfDone();
  }

  private endIfDone(): void {
    if (!this.closed || this.gone || this.waiting.length > 0) return;
    const message: ToWorker = { type: 'end' };
    this.worker.postMessage(message);
  }
}

/** Analyses what the queue receives; call `finish` once the walk has closed it. */
export class AnalysisPool {
  private readonly result: BatchResult = { analysed: [], scanned: 0, warnings: [] };
  private readonly readers: Reader[] = [];
  /** Every batch posted to a reader, in posting order: the main thread takes from the far end. */
  private readonly posted: Posted[] = [];
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
    return this.readers.length;
  }

  /** Posts every batch the queue holds, round the readers. */
  private dispatch(): void {
    for (let batch = this.queue.take(); batch; batch = this.queue.take()) {
      const reader = this.readers[this.posted.length % this.readers.length] as Reader;
      this.posted.push(reader.post(batch));
    }
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
    if (this.started) {
      if (this.readers.length > 0 && this.queue.hasReady) this.dispatch();
      return;
    }
    if (this.queue.count < (this.options.threshold ?? PARALLEL_THRESHOLD)) return;
    if (this.threads === undefined) {
      // Once per batch, not per file: reading the cores' times costs a system call.
      if (!final && this.queue.count < this.nextLook) return;
      this.nextLook = this.queue.count + BATCH;
      const idle = (this.options.idleNow ?? idleSinceLoaded)();
      if (idle === null && !final) return;
      this.threads = idleCores(undefined, undefined, idle);
    }
    this.started = true;
    const entry = this.threads < 2 ? undefined : (this.options.workerEntry ?? workerEntry());
    if (!entry) {
      this.threads = 1;
      this.consider();
      return;
    }
    for (let i = 1; i < this.threads; i++)
      this.readers.push(new Reader(entry, this.add, this.options.maxBytes));
    this.dispatch();
  }

  /**
   * Once the walk has closed the queue: without readers, the main thread analyses what is left. With
   * them, it takes the batches no reader has started, last posted first (the readers work from the
   * first), yielding between batches so what the readers hand back meanwhile is finished (detection,
   * which only it has loaded); then it waits for the batch each reader is on.
   */
  async finish(): Promise<BatchResult> {
    this.consider(true);
    if (this.readers.length === 0) {
      for (let batch = this.queue.take(); batch; batch = this.queue.take())
        this.add(analyseBatch(batch, this.options.maxBytes));
      return this.result;
    }
    this.dispatch();
    for (const reader of this.readers) reader.close();
    for (let i = this.posted.length - 1; i >= 0; i--) {
      const posted = this.posted[i] as Posted;
      if (Atomics.compareExchange(posted.claim, 0, UNCLAIMED, CLAIMED_BY_MAIN) !== UNCLAIMED) continue;
      this.add(analyseBatch(posted.files, this.options.maxBytes));
      await yieldToEvents();
    }
    await Promise.all(this.readers.map((r) => r.done));
    return this.result;
  }
}
