// `aims scan` of a commit: the same filters and byte bounds as on disk, read from git's object store.
import { isCandidatePath, wantsHeadOnly, type ScanReport } from '../../../shared/discovery';
import {
  DEFAULT_MAX_BYTES,
  HEAD_BYTES,
  IgnoreRules,
  analyse,
  buildReport,
  inSkippedDir,
  mapPool,
  prepareModelFile,
  prepareSource,
  type Analysed,
} from '../scan';
import { CatFile } from './cat-file';
import { listTree, type TreeEntry } from './tree';
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
}

export interface CachedFile {
  analysed: Analysed;
  warnings: string[];
}

export type AnalysisCache = Map<string, CachedFile>;

const SYMLINK_MODE = '120000';

const parentOf = (path: string) => {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
};

/** True when a folder above the path is ignored: a walk never enters ignored folders. */
function inIgnoredFolder(rules: IgnoreRules, path: string, cache: Map<string, boolean>): boolean {
  const dir = parentOf(path);
  if (dir !== '') {
    let verdict = cache.get(dir);
    if (verdict === undefined) {
      verdict = inIgnoredFolder(rules, dir, cache) || rules.ignores(dir, true);
      cache.set(dir, verdict);
    }
    if (verdict) return true;
  }
  return false;
}

/** .gitignore files that apply under the prefix: in ancestors of the prefix or inside it. */
function appliesTo(prefix: string, gitignorePath: string): boolean {
  const dir = parentOf(gitignorePath);
  if (prefix === '') return true;
  return dir === '' || prefix === dir || prefix.startsWith(`${dir}/`) || dir.startsWith(`${prefix}/`);
}

export async function scanCommit(
  tree: WorkTree,
  commit: string,
  options: CommitScanOptions = {},
): Promise<ScanReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const catFile = options.catFile ?? new CatFile(tree.top);
  try {
    const entries = (await listTree(tree.top, commit)).filter(
      (e) => e.type === 'blob' && e.mode !== SYMLINK_MODE && !inSkippedDir(e.path),
    );
    const rules = new IgnoreRules();
    for (const entry of entries) {
      const isGitignore = entry.path === '.gitignore' || entry.path.endsWith('/.gitignore');
      if (!isGitignore || !appliesTo(tree.prefix, entry.path)) continue;
      const blob = await catFile.read(entry.sha, { keepBytes: maxBytes });
      rules.add(parentOf(entry.path), Buffer.from(blob.bytes).toString('utf8'));
    }

    const base = tree.prefix ? `${tree.prefix}/` : '';
    const dirCache = new Map<string, boolean>();
    const candidates: { entry: TreeEntry; path: string }[] = [];
    for (const entry of entries) {
      if (base && !entry.path.startsWith(base)) continue;
      const path = entry.path.slice(base.length);
      if (!isCandidatePath(path)) continue;
      if (
        !rules.empty &&
        (inIgnoredFolder(rules, entry.path, dirCache) || rules.ignores(entry.path, false))
      ) {
        continue;
      }
      candidates.push({ entry, path });
    }

    const cache = options.cache ?? new Map<string, CachedFile>();
    const results = await mapPool(candidates, 64, async ({ entry, path }): Promise<CachedFile> => {
      // The bound is part of the key: the same blob read with another bound may be cut differently.
      const key = `${path}\u0000${entry.sha}\u0000${maxBytes}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let result: CachedFile;
      if (wantsHeadOnly(path)) {
        const blob = await catFile.read(entry.sha, { keepBytes: HEAD_BYTES, hash: true });
        const file = prepareModelFile(path, blob.bytes, blob.size, blob.contentHash ?? '').file;
        result = { analysed: analyse(file), warnings: [] };
      } else {
        const blob = await catFile.read(entry.sha, { keepBytes: maxBytes });
        const prepared = prepareSource({ path, bytes: blob.bytes, size: blob.size }, maxBytes);
        result = { analysed: analyse(prepared.file), warnings: prepared.warnings };
      }
      cache.set(key, result);
      return result;
    });
    const analysed = results.map((r) => r.analysed);
    const warnings = results.flatMap((r) => r.warnings);
    return buildReport(options.target ?? `${commit.slice(0, 12)}`, analysed, warnings);
  } finally {
    if (!options.catFile) await catFile.close();
  }
}
