// A scan of one repository from a listing and file contents, without a file system: what `aims scan`
// gives on a clone, for connectors that read a repository through an API (the GitHub connector) and
// for the git-commit scanner. Three pure steps, so a connector fetches only the blobs a scan reads:
//   1. ignoreFilesToRead(listing)  → the .gitignore files to fetch first;
//   2. planReads(listing, …)       → the candidate files, each with how many bytes to fetch, and what
//                                    is passed over by reason (the report's coverage);
//   3. scanRepositoryFiles(files)  → the report.
import { sha256Hex } from '../register/hash';
import { scanCoverage } from './coverage';
import { detectFile } from './detect';
import { IgnoreRules } from './ignore-rules';
import { DEFAULT_MAX_BYTES, HEAD_BYTES } from './limits';
import type { ScanReport } from './findings';
import { isCandidatePath, wantsHeadOnly } from './registry';
import { assembleReport } from './report';
import { SKIPPED_DIRS, inSkippedDir } from './skipped-dirs';
import { analyseSource, prepareModelFile } from './source-file';
import type { FileAnalysis } from './types';

/** One entry of a repository listing (a git tree, the GitHub trees API). */
export interface ListedFile {
  /** Posix path from the repository root, no leading slash. */
  path: string;
  /** Symbolic links are never followed through a listing: they are skipped, as in a commit scan. */
  symlink?: boolean;
  /**
   * A git submodule (a gitlink): another repository's commit, whose files this listing does not hold.
   * Never dropped silently: the plan names it, and the coverage reports its folder as unknown.
   */
  submodule?: string;
}

/** One file's content as a connector fetched it. */
export interface RepositoryFile extends ListedFile {
  /** The bytes fetched: the whole file, or at least the first `bytesToRead` of it. */
  bytes: Uint8Array;
  /** Full size in bytes, when `bytes` holds only the start of the file (default: bytes.length). */
  size?: number;
  /**
   * sha256 hex of the whole file, for head-only (model) files whose bytes were not all fetched;
   * computed from `bytes` when absent.
   */
  contentHash?: string;
}

export interface RepositoryScanOptions {
  /** Shown as the report's target (a folder name, 'owner/repo@sha'). */
  target: string;
  /** Scan only this folder of the repository ('' or 'apps/bot'); report paths are relative to it. */
  prefix?: string;
  /** Cap on bytes read from one text file (default DEFAULT_MAX_BYTES, 2 MiB). */
  maxBytes?: number;
  /** Ignore rules from outside the files (a global excludes file, .git/info/exclude), lowest precedence first. */
  excludes?: readonly string[];
}

/** A file the scan reads, and how much of it. */
export interface FileToRead {
  /** Path from the repository root: what to fetch. */
  repoPath: string;
  /** Path relative to the scan prefix: what the report shows. */
  path: string;
  /** Model files: fetch the first HEAD_BYTES and a sha256 of the rest, never the whole file as text. */
  headOnly: boolean;
  /** Bytes worth fetching from the start of the file (HEAD_BYTES for head-only files, else maxBytes). */
  bytesToRead: number;
}

const parentOf = (path: string): string => {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
};

const isIgnoreFile = (path: string): boolean => path === '.gitignore' || path.endsWith('/.gitignore');

/** .gitignore files that apply under the prefix: in ancestors of the prefix or inside it. */
function appliesTo(prefix: string, gitignorePath: string): boolean {
  const dir = parentOf(gitignorePath);
  if (prefix === '') return true;
  return dir === '' || prefix === dir || prefix.startsWith(`${dir}/`) || dir.startsWith(`${prefix}/`);
}

/** Listed files a scan may look at: no symlinks, no submodules, nothing in dependency or build folders. */
const scannable = (listing: readonly ListedFile[]): ListedFile[] =>
  listing.filter((f) => !f.symlink && f.submodule === undefined && !inSkippedDir(f.path));

/** The warning for a submodule a listing scan cannot read (coverage.ts reads it back). */
export const submoduleWarning = (path: string, commit: string): string =>
  `${path}: git submodule at ${commit.slice(0, 12) || 'an unknown commit'}, not scanned`;

/**
 * Step 1: the `.gitignore` files (repository paths) whose rules apply to a scan of `prefix`. Fetch them
 * and hand their text to `filesToRead`.
 */
export function ignoreFilesToRead(listing: readonly ListedFile[], prefix = ''): string[] {
  return scannable(listing)
    .filter((f) => isIgnoreFile(f.path) && appliesTo(prefix, f.path))
    .map((f) => f.path);
}

/** The shallowest folder of `path` (relative to the scan) that is a dependency or build folder. */
function firstSkippedFolder(path: string): string | undefined {
  if (!inSkippedDir(path)) return undefined;
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (SKIPPED_DIRS.has(parts[i] ?? '')) return parts.slice(0, i + 1).join('/');
  }
  return undefined;
}

/** The shallowest ignored folder above `path` (relative to the scan, under `base`), if any. */
function firstIgnoredFolder(
  rules: IgnoreRules,
  base: string,
  path: string,
  cache: Map<string, boolean>,
): string | undefined {
  if (!inIgnoredFolder(rules, base + path, cache)) return undefined;
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join('/');
    if (rules.ignores(base + folder, true)) return folder;
  }
  return parts.slice(0, -1).join('/');
}

/** True when a folder above the path is ignored: a walk never enters ignored folders. */
function inIgnoredFolder(rules: IgnoreRules, path: string, cache: Map<string, boolean>): boolean {
  const dir = parentOf(path);
  if (dir === '') return false;
  let verdict = cache.get(dir);
  if (verdict === undefined) {
    verdict = inIgnoredFolder(rules, dir, cache) || rules.ignores(dir, true);
    cache.set(dir, verdict);
  }
  return verdict;
}

export interface PlanOptions {
  /** Scan only this folder of the repository ('' or 'apps/bot'). */
  prefix?: string;
  maxBytes?: number;
  /**
   * Ignore rules from outside the repository's files, lowest precedence first: the user's global
   * `core.excludesFile`, then `.git/info/exclude` (both read as rules at the repository root).
   */
  excludes?: readonly string[];
}

/** What a listing scan reads, and what it passes over: the denominator a folder scan also gives. */
export interface ReadPlan {
  reads: FileToRead[];
  /** Files under the prefix passed over, by reason (the coverage's `skipped`). */
  counts: Record<string, number>;
  /** Submodules under the prefix: named, never silently dropped. */
  warnings: string[];
}

/**
 * Step 2: the files the scan reads, in listing order: candidates by the detector registry, under the
 * prefix, not ignored by the given `.gitignore` texts (repository path → text, from step 1); and what
 * it passes over, by reason.
 */
export function planReads(
  listing: readonly ListedFile[],
  ignoreFiles: ReadonlyMap<string, string>,
  options: PlanOptions = {},
): ReadPlan {
  const prefix = options.prefix ?? '';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const rules = new IgnoreRules();
  for (const text of options.excludes ?? []) rules.add('', text);
  for (const [path, text] of [...ignoreFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (isIgnoreFile(path) && appliesTo(prefix, path)) rules.add(parentOf(path), text);
  }
  const base = prefix ? `${prefix}/` : '';
  const folders = new Map<string, boolean>();
  const plan: ReadPlan = { reads: [], counts: {}, warnings: [] };
  const bump = (reason: string) => {
    plan.counts[reason] = (plan.counts[reason] ?? 0) + 1;
  };
  // Counted as a walk counts them: a skipped or ignored folder once, not each file in it.
  const passedFolders = new Set<string>();
  const bumpFolder = (folder: string, reason: string) => {
    if (passedFolders.has(folder)) return;
    passedFolders.add(folder);
    bump(reason);
  };
  for (const file of listing) {
    if (base && !file.path.startsWith(base)) continue;
    const path = file.path.slice(base.length);
    if (file.submodule !== undefined) {
      plan.warnings.push(submoduleWarning(path, file.submodule));
      continue;
    }
    const skippedFolder = firstSkippedFolder(path);
    if (skippedFolder !== undefined) {
      bumpFolder(skippedFolder, 'dependency or build folder');
      continue;
    }
    const ignoredFolder = rules.empty ? undefined : firstIgnoredFolder(rules, base, path, folders);
    if (ignoredFolder !== undefined) bumpFolder(ignoredFolder, 'ignored (.gitignore)');
    else if (file.symlink) bump('symbolic link (not followed in a listing)');
    else if (!isCandidatePath(path)) bump('no detector reads it');
    else if (!rules.empty && rules.ignores(file.path, false)) bump('ignored (.gitignore)');
    else {
      const headOnly = wantsHeadOnly(path);
      plan.reads.push({ repoPath: file.path, path, headOnly, bytesToRead: headOnly ? HEAD_BYTES : maxBytes });
    }
  }
  return plan;
}

/** Step 2, the reads only (see planReads for what is passed over). */
export function filesToRead(
  listing: readonly ListedFile[],
  ignoreFiles: ReadonlyMap<string, string>,
  options: PlanOptions = {},
): FileToRead[] {
  return planReads(listing, ignoreFiles, options).reads;
}

/** One file read and analysed, with the warnings reading it gave (cut short, binary). */
export interface AnalysedFile {
  path: string;
  analysis: FileAnalysis;
  warnings: string[];
}

/**
 * Analyses one fetched file as `aims scan` would: text cut at `maxBytes` (with a warning), binaries
 * sniffed by their head, model files identified by their head and pinned by the sha256 of every byte.
 */
export function analyseRepositoryFile(
  read: FileToRead,
  file: RepositoryFile,
  maxBytes = DEFAULT_MAX_BYTES,
): AnalysedFile {
  const size = Math.max(file.size ?? file.bytes.length, file.bytes.length);
  if (read.headOnly) {
    const head = file.bytes.subarray(0, HEAD_BYTES);
    // A hash of part of a file would pin the wrong thing: without every byte or a given hash, none.
    const contentHash = file.contentHash ?? (size === file.bytes.length ? sha256Hex(file.bytes) : undefined);
    const source = contentHash
      ? prepareModelFile(read.path, head, size, contentHash).file
      : { path: read.path, head, size };
    return { path: read.path, analysis: detectFile(source), warnings: [] };
  }
  const analysed = analyseSource(
    { path: read.path, bytes: file.bytes.subarray(0, maxBytes), size },
    maxBytes,
  );
  return { path: read.path, ...analysed };
}

/**
 * The report for analysed files: sorted warnings (assembleReport sorts the files), so one tree gives one
 * report. With `counts` (a plan's), the report states its denominator as a folder scan does.
 * `scannedFiles` (default: analysed.length): files read, when files that gave an empty analysis were
 * left out of `analysed` (they change nothing else in the report).
 */
export function buildScanReport(
  target: string,
  analysed: readonly { path: string; analysis: FileAnalysis }[],
  warnings: readonly string[],
  counts?: Readonly<Record<string, number>>,
  scannedFiles = analysed.length,
): ScanReport {
  const report = assembleReport(target, [...analysed], scannedFiles, [...warnings].sort());
  if (!counts) return report;
  return { ...report, coverage: scanCoverage(scannedFiles, counts, report.warnings) };
}

/**
 * Step 3, or the whole scan in one call: the report `aims scan` gives on a clone of the repository whose
 * files these are. Give every file of the listing you have (at least the `.gitignore` files and the
 * candidates of `filesToRead`); files not handed over are not scanned. Pure: no I/O, no clock.
 */
export function scanRepositoryFiles(
  files: readonly RepositoryFile[],
  options: RepositoryScanOptions,
): ScanReport {
  const prefix = options.prefix ?? '';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const byPath = new Map(files.map((f) => [f.path, f]));
  // Kept byte for byte as git hands it over (a BOM stays part of the first rule, as on disk).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const ignoreFiles = new Map<string, string>();
  for (const path of ignoreFilesToRead(files, prefix)) {
    const file = byPath.get(path);
    if (file) ignoreFiles.set(path, decoder.decode(file.bytes.subarray(0, maxBytes)));
  }
  const analysed: AnalysedFile[] = [];
  const plan = planReads(files, ignoreFiles, {
    prefix,
    maxBytes,
    ...(options.excludes ? { excludes: options.excludes } : {}),
  });
  for (const read of plan.reads) {
    const file = byPath.get(read.repoPath);
    if (file) analysed.push(analyseRepositoryFile(read, file, maxBytes));
  }
  return buildScanReport(
    options.target,
    analysed,
    [...plan.warnings, ...analysed.flatMap((a) => a.warnings)],
    plan.counts,
  );
}
