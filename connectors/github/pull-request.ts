// Clauses 8.2 / 8.4 on a pull request: the touched files and what their resolution depends on are
// analysed at the base and the head commit, and the two reports are compared with the same
// function `aims diff` uses, so the triggers are the same ones.
import { detectorFor, wantsHeadOnly } from '../../shared/discovery/registry';
import type { Evidence, ScanReport } from '../../shared/discovery/findings';
import { dirname } from '../../shared/discovery/paths';
import { diffReports, type DiscoveryTrigger } from '../../shared/discovery/scan-diff';
import { DEFAULT_MAX_BYTES } from '../../shared/discovery/limits';
import { buildScanReport } from '../../shared/discovery/scan-files';
import { mapPool } from '../local/scan/pool';
import { planReads } from './reads';
import { getAllPages, getJson, seg } from './api';
import type { GitHubClient } from './client';
import { analyseBlob, fileKey, type FileResult } from './file-analysis';
import { permalink } from './permalink';
import { DiffEntries, PullRequest } from './schemas';
import { readTree, unsafePathWarnings, type RepoTree } from './tree';
import { DEFAULT_MAX_FETCH_BYTES } from './repo-scan';

/** GitHub lists at most 3,000 files of a pull request, 100 a page. */
export const MAX_PR_FILE_PAGES = 30;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** 'owner/repo#12' → its parts; an Error naming the input otherwise. */
export function parsePullRequestRef(text: string): PullRequestRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)#([1-9][0-9]{0,9})$/.exec(text);
  if (!match) throw new Error(`'${text}' is not owner/repo#number`);
  return { owner: match[1] ?? '', repo: match[2] ?? '', number: Number(match[3]) };
}

export interface LinkedTrigger extends DiscoveryTrigger {
  /** One permalink per evidence item, at the commit the evidence was seen in. */
  links: string[];
}

export interface PullRequestAnalysis {
  pull: PullRequest;
  base: { ref: string; commit: string };
  head: { ref: string; commit: string };
  touchedFiles: number;
  /** Files analysed on either side (touched ones and what resolves them). */
  analysedFiles: number;
  /** GitHub listed the maximum number of files: there may be more it does not show. */
  filesCapped: boolean;
  triggers: LinkedTrigger[];
  warnings: string[];
}

/**
 * Files whose analysis can change a touched file's systems: the touched ones, every non-code
 * candidate (manifests, env files, IaC, configuration: where env references, deployments and
 * defaults resolve), and code in the folders of touched code (where module constants live).
 * Model files are only read when touched: their bytes can be large. (When a touched file defines
 * env values or deployments, the caller widens this to every code file.)
 */
function inScope(path: string, touched: ReadonlySet<string>, touchedDirs: ReadonlySet<string>): boolean {
  if (touched.has(path)) return true;
  if (wantsHeadOnly(path)) return false;
  if (!isCodePath(path)) return true;
  return touchedDirs.has(dirname(path));
}

async function sideReport(
  client: GitHubClient,
  fullName: string,
  tree: RepoTree,
  scope: (path: string) => boolean,
  cache: Map<string, Promise<FileResult>>,
  ignores: Record<string, string>,
  target: string,
): Promise<ScanReport> {
  // .gitignore texts are kept by blob SHA across the four passes: each is fetched once.
  const { reads, ignores: used } = await planReads(client, fullName, tree, DEFAULT_MAX_BYTES, ignores);
  Object.assign(ignores, used);
  const read = { maxBytes: DEFAULT_MAX_BYTES, maxFetchBytes: DEFAULT_MAX_FETCH_BYTES };
  const analysed = await mapPool(
    reads.filter((r) => scope(r.read.path)),
    8,
    async ({ read: file, sha, size }) => {
      const key = fileKey(file.path, sha, DEFAULT_MAX_BYTES);
      let pending = cache.get(key);
      if (!pending) {
        pending = analyseBlob(client, fullName, file, size !== undefined ? { sha, size } : { sha }, read);
        cache.set(key, pending);
      }
      return { path: file.path, result: await pending };
    },
  );
  return buildScanReport(
    target,
    analysed.map(({ path, result }) => ({ path, analysis: result.analysis })),
    analysed.flatMap(({ result }) => result.warnings),
  );
}

/** Source code, by the detector the registry gives the path. */
const isCodePath = (path: string) => detectorFor(path)?.id === 'source-code';

const sameEvidence = (a: Evidence, b: Evidence) =>
  a.path === b.path && a.line === b.line && a.snippet === b.snippet;

/**
 * Reads pull request `ref` and returns the reassessment triggers it raises, each evidence item with a
 * permalink at the commit it was seen in. Errors are GitHubErrors (404 for a missing pull request,
 * 'too-many' never: at the file cap the analysis goes on and says so).
 */
export async function analysePullRequest(
  client: GitHubClient,
  ref: PullRequestRef,
): Promise<PullRequestAnalysis> {
  const fullName = `${ref.owner}/${ref.repo}`;
  const repoRoute = `/repos/${seg(ref.owner)}/${seg(ref.repo)}`;
  const pull = (await getJson(client, `${repoRoute}/pulls/${ref.number}`, PullRequest)).data;
  const listed = await getAllPages(
    client,
    `${repoRoute}/pulls/${ref.number}/files?per_page=100`,
    DiffEntries,
    {
      maxPages: MAX_PR_FILE_PAGES,
    },
  );
  const touched = new Set<string>();
  for (const f of listed.items) {
    touched.add(f.filename);
    if (f.previous_filename) touched.add(f.previous_filename);
  }
  const touchedDirs = new Set([...touched].filter(isCodePath).map(dirname));
  const [baseTree, headTree] = [
    await readTree(client, ref.owner, ref.repo, pull.base.sha),
    await readTree(client, ref.owner, ref.repo, pull.head.sha),
  ];
  const cache = new Map<string, Promise<FileResult>>();
  const ignores: Record<string, string> = {};
  // First the touched files alone: when one of them defines values other files resolve through
  // (env keys, deployments), every code file may depend on it and joins the scope.
  const touchedOnly = (path: string) => touched.has(path);
  await sideReport(client, fullName, baseTree, touchedOnly, cache, ignores, fullName);
  await sideReport(client, fullName, headTree, touchedOnly, cache, ignores, fullName);
  const definesValues = (await Promise.all(cache.values())).some(
    (r) => Object.keys(r.analysis.envDefinitions).length > 0 || (r.analysis.deployments?.length ?? 0) > 0,
  );
  const scope = (path: string) => (definesValues && isCodePath(path)) || inScope(path, touched, touchedDirs);
  const base = await sideReport(client, fullName, baseTree, scope, cache, ignores, fullName);
  const head = await sideReport(client, fullName, headTree, scope, cache, ignores, fullName);
  const headEvidence = head.systems.flatMap((s) => s.evidence);
  const triggers = diffReports(base, head).map((t): LinkedTrigger => ({
    ...t,
    links: t.evidence.map((e) => {
      const commit = headEvidence.some((h) => sameEvidence(h, e)) ? pull.head.sha : pull.base.sha;
      return permalink(client.webUrl, fullName, commit, e.path, e.line);
    }),
  }));
  const filesCapped = listed.items.length >= MAX_PR_FILE_PAGES * 100;
  const warnings = [
    ...new Set([
      ...base.warnings,
      ...head.warnings,
      ...unsafePathWarnings(baseTree),
      ...unsafePathWarnings(headTree),
    ]),
  ].sort();
  if (filesCapped)
    warnings.unshift(
      `GitHub lists at most ${MAX_PR_FILE_PAGES * 100} files of a pull request; later files were not seen`,
    );
  return {
    pull,
    base: { ref: pull.base.ref, commit: pull.base.sha },
    head: { ref: pull.head.ref, commit: pull.head.sha },
    touchedFiles: touched.size,
    analysedFiles: cache.size,
    filesCapped,
    triggers,
    warnings,
  };
}
