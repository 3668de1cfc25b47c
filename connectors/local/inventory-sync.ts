// Applies a scan or a diff to the register: the planning is pure (shared/discovery); this reads the
// files an auditor will need hashes of and writes the plan in one transaction.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../shared/discovery';
import {
  planInventory,
  repoRoot,
  type EvidenceFile,
  type InventoryPlan,
} from '../../shared/discovery/reconcile';
import { triggerDrafts, type DiscoveryTrigger } from '../../shared/discovery/triggers';
import type { Register } from '../../shared/register';
import type { ScanTarget } from './git/target';
import { mapPool } from './scan/pool';

export const SCAN_ACTOR = 'aims-scan';
export const DIFF_ACTOR = 'aims-diff';

async function sha256File(path: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

const day = (now: Date) => now.toISOString().slice(0, 10);

/** Merges a work-tree scan into the inventory. Returns what changed; an unchanged rescan writes nothing. */
export async function syncInventory(
  register: Register,
  report: ScanReport,
  target: ScanTarget,
  options: { now: Date; cause: string },
): Promise<InventoryPlan> {
  const paths = [...new Set(report.systems.flatMap((s) => s.evidence.map((e) => e.path)))].sort();
  const evidenceFiles: Record<string, EvidenceFile> = {};
  await mapPool(paths, 8, async (path) => {
    const contentHash = await sha256File(join(target.dir, path));
    if (contentHash) evidenceFiles[path] = { contentHash, url: target.fileUrl(path) };
  });
  const plan = planInventory(
    report,
    { systems: await register.list('ai-system'), evidence: await register.list('evidence') },
    {
      today: day(options.now),
      now: options.now.toISOString(),
      source: target.source,
      rootPrefix: target.prefix,
      pinnedVersion: target.pinnedVersion,
      evidenceFiles,
    },
  );
  if (plan.changes.length === 0) return plan;
  await register.transact({ actor: SCAN_ACTOR, cause: options.cause }, async (tx) => {
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

/** Records each trigger as an open `trigger` record on the system it concerns. Returns the ids written. */
export async function recordTriggers(
  register: Register,
  triggers: readonly DiscoveryTrigger[],
  options: { now: Date; cause: string; ref: string; prefix: string; sourceUrl?: string },
): Promise<string[]> {
  const systems = await register.list('ai-system');
  const systemIdFor = (t: DiscoveryTrigger) => {
    const root = repoRoot(options.prefix, t.root);
    const byRoot = systems.filter((s) => s.discoveryRoot === root);
    const sameSource = byRoot.find(
      (s) => options.sourceUrl && s.sources.some((l) => l.url === options.sourceUrl),
    );
    return (sameSource ?? systems.find((s) => s.id === t.systemId) ?? byRoot[0])?.id ?? t.systemId;
  };
  const drafts = triggerDrafts(triggers, { today: day(options.now), ref: options.ref, systemIdFor });
  const fresh: typeof drafts = [];
  for (const draft of drafts) if (!(await register.get('trigger', draft.id))) fresh.push(draft);
  if (fresh.length === 0) return [];
  await register.transact({ actor: DIFF_ACTOR, cause: options.cause }, async (tx) => {
    for (const draft of fresh)
      await tx.put('trigger', draft, { summary: `${draft.type} on ${draft.systemId}` });
  });
  return fresh.map((d) => d.id);
}
