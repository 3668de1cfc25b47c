// A repository scanned over the API, as the connector contract's DiscoveryBatch: the core's
// syncDiscovery plans and writes it, exactly as it does a local clone's scan.
import { slugify } from '../../shared/discovery/paths';
import { candidatesFromReport, type InventoryPlan, type RepositoryRef } from '../../shared/inventory';
import type { Register } from '../../shared/register';
import { syncDiscovery, type DiscoveryBatch } from '../contract';
import { repoUrl } from './permalink';
import { evidenceFiles, type RepoState } from './repo-scan';

export const GITHUB_SCAN_ACTOR = 'aims-github-scan';

/** The repository identity the register keeps: the connector and the repository's web URL. */
export const githubSource = (webUrl: string, fullName: string): RepositoryRef => ({
  tool: 'github',
  url: repoUrl(webUrl, fullName),
});

/**
 * The register id a new system found in repository `fullName` at `root` gets: `sys-<repo>` for the
 * whole repository, `sys-<repo>-<root>` for a folder. A scan of one clone says `sys-root`; across an
 * organisation that would collide, and which repository kept the bare id would depend on the order
 * the scan met them. Named after the repository, an id is the same whatever the order.
 */
export function githubSystemId(fullName: string, root: string): string {
  const repo = slugify(fullName.split('/')[1] ?? fullName);
  return root === '' || root === '.' ? `sys-${repo}` : `sys-${repo}-${slugify(root)}`;
}

/** One repository's latest scan in the contract's shape: candidates, pinned commit, evidence files. */
export function repoBatch(state: RepoState, webUrl: string): DiscoveryBatch {
  const source = githubSource(webUrl, state.fullName);
  const candidates = candidatesFromReport(state.report.systems, source, '').map((candidate) => ({
    ...candidate,
    id: githubSystemId(state.fullName, candidate.source.kind === 'repository' ? candidate.source.root : ''),
  }));
  return {
    scope: { ...source, rootPrefix: '' },
    candidates,
    pinnedVersion: state.commit ?? state.treeSha,
    evidenceFiles: evidenceFiles(state, webUrl),
    evidence: [],
    triggers: [],
  };
}

/** Merges one repository's latest scan. An unchanged repository writes nothing. */
export async function applyRepoScan(
  register: Register,
  state: RepoState,
  webUrl: string,
  options: { now: Date; cause: string },
): Promise<InventoryPlan> {
  const result = await syncDiscovery(register, repoBatch(state, webUrl), {
    actor: GITHUB_SCAN_ACTOR,
    cause: options.cause,
    now: options.now,
  });
  return result.plan;
}
