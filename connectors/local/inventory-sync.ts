// Applies a scan or a diff of a local folder to the register: the planning and the write step are the
// core's (shared/inventory); this reads the files an auditor will need hashes of.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ScanReport } from '../../shared/discovery';
import type { DiscoveryTrigger } from '../../shared/discovery/scan-diff';
import {
  applyInventoryPlan,
  applyTriggers,
  candidatesFromReport,
  planInventory,
  sourceEvidenceIds,
  registerSystemFor,
  triggerDrafts,
  type EvidenceFile,
  type InventoryPlan,
  type RepositoryRef,
} from '../../shared/inventory';
import type { EvidenceItem } from '../../shared/model';
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
  const scope = { ...target.source, rootPrefix: target.prefix };
  // Only the evidence items this scan's files map to, each read by id: not the whole evidence register.
  const evidence: EvidenceItem[] = [];
  for (const id of sourceEvidenceIds(paths, scope)) {
    const item = await register.get('evidence', id);
    if (item) evidence.push(item);
  }
  const plan = planInventory(
    candidatesFromReport(report.systems, target.source, target.prefix),
    { systems: await register.list('ai-system'), evidence },
    {
      today: day(options.now),
      now: options.now.toISOString(),
      scope,
      pinnedVersion: target.pinnedVersion,
      evidenceFiles,
    },
  );
  return applyInventoryPlan(register, plan, { actor: SCAN_ACTOR, cause: options.cause });
}

/** Records each trigger as an open `trigger` record on the system it concerns. Returns the ids written. */
export async function recordTriggers(
  register: Register,
  triggers: readonly DiscoveryTrigger[],
  options: { now: Date; cause: string; ref: string; prefix: string; source: RepositoryRef },
): Promise<string[]> {
  const systems = await register.list('ai-system');
  const drafts = triggerDrafts(triggers, {
    today: day(options.now),
    ref: options.ref,
    systemIdFor: (t) => registerSystemFor(t, systems, options.source, options.prefix)?.id ?? t.systemId,
  });
  return applyTriggers(register, drafts, { actor: DIFF_ACTOR, cause: options.cause });
}
