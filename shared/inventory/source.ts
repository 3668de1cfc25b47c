// Where a candidate sits: the helpers the merge and trigger planning share, apart from the candidate
// schemas (no zod at run time), so a merge that only compares loads no validator.
import type { DiscoveredSystem } from '../discovery/findings';
import type { CandidateSource, RepositoryRef, SystemCandidate } from './candidate';

/** The register's source-link tool for a candidate source. */
export function sourceTool(source: CandidateSource): 'local' | 'github' | 'jira' | 'sharepoint' {
  if (source.kind === 'repository') return source.tool;
  return source.kind === 'jira-issue' ? 'jira' : 'sharepoint';
}

/** A system's root inside its repository: the scan target's prefix joined with the report root. */
export function repoRoot(prefix: string, root: string): string {
  if (!prefix) return root;
  return root === '.' || root === '' ? prefix : `${prefix}/${root}`;
}

/**
 * The candidates of one scan report: each discovered system, its root made repository-relative.
 * `source` names the repository (tool, url); `prefix` is the scanned folder inside it ('' at the root).
 */
export function candidatesFromReport(
  systems: readonly DiscoveredSystem[],
  source: RepositoryRef,
  prefix: string,
): SystemCandidate[] {
  return systems.map(({ root, ...system }) => ({
    ...system,
    source: { kind: 'repository', tool: source.tool, url: source.url, root: repoRoot(prefix, root) },
  }));
}
