// A repository scanned over the API, merged into the register the way `aims scan --workspace` merges
// a clone: the planning is shared/discovery's; this only supplies GitHub's identity and permalinks.
import { planInventory, type InventoryPlan } from '../../shared/discovery/reconcile';
import type { Register } from '../../shared/register';
import { repoUrl } from './permalink';
import { evidenceFiles, type RepoState } from './repo-scan';

export const GITHUB_SCAN_ACTOR = 'aims-github-scan';

/** Merges one repository's latest scan. An unchanged repository writes nothing. */
export async function applyRepoScan(
  register: Register,
  state: RepoState,
  webUrl: string,
  options: { now: Date; cause: string },
): Promise<InventoryPlan> {
  const plan = planInventory(
    state.report,
    { systems: await register.list('ai-system'), evidence: await register.list('evidence') },
    {
      today: options.now.toISOString().slice(0, 10),
      now: options.now.toISOString(),
      source: { tool: 'github', url: repoUrl(webUrl, state.fullName) },
      rootPrefix: '',
      pinnedVersion: state.commit ?? state.treeSha,
      evidenceFiles: evidenceFiles(state, webUrl),
    },
  );
  if (plan.changes.length === 0) return plan;
  await register.transact({ actor: GITHUB_SCAN_ACTOR, cause: options.cause }, async (tx) => {
    for (const change of plan.changes) {
      const opts = {
        summary: change.summary,
        ...(change.transition ? { action: 'transition' as const } : {}),
      };
      if (change.kind === 'ai-system') await tx.put('ai-system', change.draft, opts);
      else await tx.put('evidence', change.draft, opts);
    }
  });
  return plan;
}
