// A scan's denominator: how many files were read, which were passed over and why, which could not be
// read, and the folders whose status is therefore unknown. "No AI found" means something only over it.
import type { ScanCoverage } from './findings';
import { dirname } from './paths';

/** Warning text → skip reason, for the warnings scanners write (`<path>: <reason>, skipped`). */
const REASONS: Array<[RegExp, string]> = [
  [/: not a regular file, skipped$/, 'not a regular file'],
  [/: broken symlink \([^)]*\), skipped$/, 'broken symlink'],
  [/: unresolvable symlink \([^)]*\), skipped$/, 'broken symlink'],
  [/: symlink to a folder outside the scan target, not followed$/, 'symlink outside the target'],
  [/: symlink to a file outside the scan target, not followed$/, 'symlink outside the target'],
  [/: symlink loop, not followed$/, 'symlink loop'],
  [/: skipped, \d+ characters is too large to be hand-written$/, 'too large'],
];

const UNREADABLE_FOLDER = /^(.*): unreadable folder \([^)]*\), skipped$/;
/** A git submodule whose files the scan did not read (not checked out, or a listing scan). */
const SUBMODULE = /^(.*): git submodule (?:at [^,]*|not checked out), not scanned$/;
const UNREADABLE_FILE = /^(.*): unreadable \([^)]*\), skipped$/;

/**
 * Coverage from the files read, the walk's own counts (files no detector wants, ignored files, skipped
 * dependency/build folders) and the scan's warnings. A folder that could not be listed, or holds a file
 * that could not be read, is unknown: nothing in it is known to be free of AI.
 */
export function scanCoverage(
  read: number,
  counts: Readonly<Record<string, number>>,
  warnings: readonly string[],
): ScanCoverage {
  const skipped: Record<string, number> = {};
  for (const [reason, n] of Object.entries(counts)) if (n > 0) skipped[reason] = n;
  let unreadable = 0;
  const unknown = new Set<string>();
  for (const w of warnings) {
    const folder = UNREADABLE_FOLDER.exec(w);
    if (folder) {
      unknown.add(folder[1] ?? '.');
      continue;
    }
    const submodule = SUBMODULE.exec(w);
    if (submodule) {
      skipped['git submodule (not scanned)'] = (skipped['git submodule (not scanned)'] ?? 0) + 1;
      unknown.add(submodule[1] ?? '.');
      continue;
    }
    const file = UNREADABLE_FILE.exec(w);
    if (file) {
      unreadable++;
      unknown.add(dirname(file[1] ?? '.'));
      continue;
    }
    for (const [re, reason] of REASONS) {
      if (re.test(w)) {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        break;
      }
    }
  }
  const sortedSkipped = Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { read, skipped: sortedSkipped, unreadable, unknownFolders: [...unknown].sort() };
}
