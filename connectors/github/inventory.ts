// A repository scanned over the API, as the connector contract's DiscoveryBatch: the core's
// syncDiscovery plans and writes it, exactly as it does a local clone's scan.
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

/** One repository's latest scan in the contract's shape: candidates, pinned commit, evidence files. */
export function repoBatch(state: RepoState, webUrl: string): DiscoveryBatch {
  const source = githubSource(webUrl, state.fullName);
  return {
    scope: { ...source, rootPrefix: '' },
    candidates: candidatesFromReport(state.report.systems, source, ''),
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
