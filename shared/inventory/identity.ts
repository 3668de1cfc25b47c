// Clause 4.3: "which register system is this discovered thing?", answered once for every connector —
// the scan merge, trigger recording and the demo all ask this function.
import type { AiSystem } from '../model';
import type { CandidateSource } from './candidate';

const linksTo = (system: AiSystem, url: string): boolean => system.sources.some((link) => link.url === url);

/**
 * The register system a candidate is, or undefined when it is new. In order:
 * 1. a system linked to the same source at the same place — for a repository the same URL and
 *    `discoveryRoot`, for a Jira issue or SharePoint item a link to the same URL;
 * 2. a system with the candidate's id that no other source claims (registered by hand with that id,
 *    or first found by this same source).
 * Systems in `claimed` are already matched to another candidate of the same merge and never match twice.
 */
export function identifySystem(
  candidate: { id: string; source: CandidateSource },
  systems: readonly AiSystem[],
  claimed: ReadonlySet<string> = new Set(),
): AiSystem | undefined {
  const { source } = candidate;
  const free = (system: AiSystem) => !claimed.has(system.id);
  const sameSource = (system: AiSystem) =>
    linksTo(system, source.url) && (source.kind !== 'repository' || system.discoveryRoot !== undefined);
  const here =
    source.kind === 'repository'
      ? systems.find((s) => sameSource(s) && s.discoveryRoot === source.root && free(s))
      : systems.find((s) => sameSource(s) && free(s));
  return (
    here ??
    systems.find((s) => s.id === candidate.id && free(s) && (s.discoveryRoot === undefined || sameSource(s)))
  );
}
