// `aims scan` over a folder on disk: walk, read within bounds, detect, assemble.
import type { ScanReport } from '../../../shared/discovery';
import { analyse, buildReport, type Analysed } from './analyse';
import { DEFAULT_MAX_BYTES } from './limits';
import { mapPool } from './pool';
import { readSourceFile } from './read-file';
import { loadRepoRules } from './repo-rules';
import { walkTree } from './walk';

export interface ScanOptions {
  /** Cap on bytes read from one text file (default 2 MiB). */
  maxBytes?: number;
  /** Reads in flight at once. */
  concurrency?: number;
  /** Shown as the report's target; defaults to the folder as given. */
  target?: string;
}

export async function scanDirectory(dir: string, options: ScanOptions = {}): Promise<ScanReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { prefix, rules } = await loadRepoRules(dir);
  const walked = await walkTree(dir, { prefix, rules });
  const warnings = [...walked.warnings];
  const analysed: Analysed[] = [];
  await mapPool(walked.files, options.concurrency ?? 16, async (file) => {
    const outcome = await readSourceFile(file.abs, file.path, maxBytes);
    if ('skipped' in outcome) {
      warnings.push(outcome.skipped);
      return;
    }
    warnings.push(...outcome.warnings);
    analysed.push(analyse(outcome.file));
  });
  return buildReport(options.target ?? dir, analysed, warnings);
}
