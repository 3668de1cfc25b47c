// `aims scan` over a folder on disk: walk, read within bounds, detect (across cores), assemble.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../../shared/discovery';
import { buildReport } from './analyse';
import { scanCoverage } from '../../../shared/discovery/coverage';
import { DEFAULT_MAX_BYTES } from '../../../shared/discovery/limits';
import { AnalysisPool, FileQueue, type ParallelOptions } from './parallel';
import { loadRepoRules } from './repo-rules';
import { walkTree } from './walk';

export interface ScanOptions {
  /** Cap on bytes read from one text file (default 2 MiB). */
  maxBytes?: number;
  /** Threads for reading and detection, including the main one (default: available cores). */
  threads?: number;
  /** Fewest files worth starting worker threads for. */
  parallelThreshold?: number;
  /** Shown as the report's target; defaults to the folder as given. */
  target?: string;
}

/** A submodule folder with anything in it (a `.git` file at least) is checked out and was walked. */
function checkedOut(folder: string): boolean {
  try {
    return readdirSync(folder).length > 0;
  } catch {
    return false;
  }
}

export async function scanDirectory(dir: string, options: ScanOptions = {}): Promise<ScanReport> {
  const parallel: ParallelOptions = { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  if (options.threads !== undefined) parallel.threads = options.threads;
  if (options.parallelThreshold !== undefined) parallel.threshold = options.parallelThreshold;
  const queue = new FileQueue();
  const pool = new AnalysisPool(queue, parallel);
  const repo = loadRepoRules(dir);
  // Workers start on the first batches while the walk is still finding the rest.
  const walked = await walkTree(dir, {
    ...(repo.prefix ? { prefix: repo.prefix } : {}),
    rules: repo.rules,
    onFile: (file) => {
      queue.push(file);
      pool.consider();
    },
  });
  queue.close();
  const { analysed, scanned, warnings } = await pool.finish();
  const unscanned = (repo.submodules ?? []).filter((path) => !checkedOut(join(dir, path)));
  const report = buildReport(options.target ?? dir, analysed, scanned, [
    ...walked.warnings,
    ...warnings,
    // A submodule the work tree does not hold is another repository's files, unknown here, not clean.
    ...unscanned.map((path) => `${path}: git submodule not checked out, not scanned`),
  ]);
  return { ...report, coverage: scanCoverage(scanned, walked.counts, report.warnings) };
}
