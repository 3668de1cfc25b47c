// `aims scan` of a commit: the same filters and byte bounds as on disk, read from git's object store.
import type { ScanReport } from '../../../shared/discovery';
import { DEFAULT_MAX_BYTES } from '../../../shared/discovery/limits';
import {
  analyseRepositoryFile,
  buildScanReport,
  ignoreFilesToRead,
  planReads,
  type ListedFile,
} from '../../../shared/discovery/scan-files';
import { mapPool, repositoryExcludes, type Analysed } from '../scan';
import { CatFile } from './cat-file';
import { listTree } from './tree';
import type { WorkTree } from './repo';

export interface CommitScanOptions {
  maxBytes?: number;
  /** Shown as the report's target. */
  target?: string;
  /** Reuse one cat-file process across scans. */
  catFile?: CatFile;
  /**
   * Per-file results shared across scans of one repository: detection is a pure function of path
   * and content, so a blob unchanged between two commits is read and analysed once.
   */
  cache?: AnalysisCache;
  /**
   * Ignore texts from outside the tree (global excludes file, .git/info/exclude), lowest precedence
   * first; default: the repository's own, as a folder scan reads them.
   */
  excludes?: readonly string[];
}

export interface CachedFile {
  analysed: Analysed;
  warnings: string[];
}

export type AnalysisCache = Map<string, CachedFile>;

const SYMLINK_MODE = '120000';

export async function scanCommit(
  tree: WorkTree,
  commit: string,
  options: CommitScanOptions = {},
): Promise<ScanReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const catFile = options.catFile ?? new CatFile(tree.top);
  try {
    const entries = await listTree(tree.top, commit);
    const blobs = entries.filter((e) => e.type === 'blob');
    const shaOf = new Map(blobs.map((e) => [e.path, e.sha]));
    const listing: ListedFile[] = blobs.map((e) => ({ path: e.path, symlink: e.mode === SYMLINK_MODE }));
    // Gitlinks: another repository's commit, named in the report rather than dropped.
    for (const e of entries) if (e.type === 'commit') listing.push({ path: e.path, submodule: e.sha });
    const ignoreFiles = new Map<string, string>();
    for (const path of ignoreFilesToRead(listing, tree.prefix)) {
      const blob = await catFile.read(shaOf.get(path) ?? '', { keepBytes: maxBytes });
      ignoreFiles.set(path, Buffer.from(blob.bytes).toString('utf8'));
    }
    const plan = planReads(listing, ignoreFiles, {
      prefix: tree.prefix,
      maxBytes,
      excludes: options.excludes ?? repositoryExcludes(tree.top),
    });
    const candidates = plan.reads;

    const cache = options.cache ?? new Map<string, CachedFile>();
    const results = await mapPool(candidates, 64, async (read): Promise<CachedFile> => {
      const sha = shaOf.get(read.repoPath) ?? '';
      // The bound is part of the key: the same blob read with another bound may be cut differently.
      const key = `${read.path}\u0000${sha}\u0000${maxBytes}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const blob = await catFile.read(sha, { keepBytes: read.bytesToRead, hash: read.headOnly });
      const file = { path: read.repoPath, bytes: blob.bytes, size: blob.size };
      const done = analyseRepositoryFile(
        read,
        blob.contentHash ? { ...file, contentHash: blob.contentHash } : file,
        maxBytes,
      );
      const result: CachedFile = {
        analysed: { path: done.path, analysis: done.analysis },
        warnings: done.warnings,
      };
      cache.set(key, result);
      return result;
    });
    const analysed = results.map((r) => r.analysed);
    const warnings = [...plan.warnings, ...results.flatMap((r) => r.warnings)];
    return buildScanReport(options.target ?? `${commit.slice(0, 12)}`, analysed, warnings, plan.counts);
  } finally {
    if (!options.catFile) await catFile.close();
  }
}
