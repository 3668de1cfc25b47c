// Applies a scan or a diff of a local folder to the register: the planning and the write step are the
// core's (shared/inventory); this reads the files an auditor will need hashes of.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanReport } from '../../shared/discovery';
import type { DiscoveryTrigger } from '../../shared/discovery/scan-diff';
import type { EvidenceFile, InventoryOnFile, InventoryPlan, RepositoryRef } from '../../shared/inventory';
// The core's modules themselves, not its index: a merge that finds nothing to write loads no validator.
import { applyTriggers, writePlanChanges } from '../../shared/inventory/apply';
import { mergeConcerns, planInventory, sourceEvidenceIds } from '../../shared/inventory/plan';
import { candidatesFromReport } from '../../shared/inventory/source';
import type { AiSystem, EvidenceItem } from '../../shared/model';
import type { Register, RegisterReader } from '../../shared/register';
import type { ScanTarget } from './git/target';
import { mapPool } from './scan/pool';
import { nativeSha256Hex } from './workspace/native-sha256';

export const SCAN_ACTOR = 'aims-scan';
export const DIFF_ACTOR = 'aims-diff';

/** Files up to this size are hashed from one read; larger ones are streamed. */
const WHOLE_READ_BYTES = 1024 * 1024;

async function sha256File(path: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    if ((await stat(path)).size <= WHOLE_READ_BYTES) return hash.update(await readFile(path)).digest('hex');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

const day = (now: Date) => now.toISOString().slice(0, 10);

/** Reads the register's AI systems for a merge; the file workspace can hand out its stored records uncopied. */
export type SystemsReader = () => readonly AiSystem[] | Promise<readonly AiSystem[]>;

/** A scan made ready to merge: its evidence files hashed, and what a merge compares it with named. */
export interface PreparedMerge {
  /** The evidence items the merge compares with, if they exist (one per evidence file). */
  evidenceIds: string[];
  /** The systems the merge compares with: those linked to one of `urls` or bearing one of `ids`. */
  concerns: { urls: Set<string>; ids: Set<string> };
  /** Plans the merge against what is on file (pure). */
  plan(existing: InventoryOnFile): InventoryPlan;
}

/** Hashes a scan's evidence files and fixes its candidates and context (`now`: the run's instant). */
export async function prepareMerge(
  report: ScanReport,
  target: ScanTarget,
  now: Date,
): Promise<PreparedMerge> {
  const paths = [...new Set(report.systems.flatMap((s) => s.evidence.map((e) => e.path)))].sort();
  const evidenceFiles: Record<string, EvidenceFile> = {};
  await mapPool(paths, 8, async (path) => {
    const contentHash = await sha256File(join(target.dir, path));
    if (contentHash) evidenceFiles[path] = { contentHash, url: target.fileUrl(path) };
  });
  const scope = { ...target.source, rootPrefix: target.prefix };
  const candidates = candidatesFromReport(report.systems, target.source, target.prefix);
  const ctx = {
    today: day(now),
    now: now.toISOString(),
    scope,
    pinnedVersion: target.pinnedVersion,
    evidenceFiles,
    sha256: nativeSha256Hex,
  };
  return {
    evidenceIds: sourceEvidenceIds(paths, scope, nativeSha256Hex),
    concerns: mergeConcerns(candidates, scope),
    plan: (existing) => planInventory(candidates, existing, ctx),
  };
}

/**
 * Merges a work-tree scan into the inventory. Returns what changed; an unchanged rescan writes nothing and
 * takes no lock. The plan is made from the register as read; when it has something to write, it is made
 * again inside the transaction (under the workspace lock, from what is on file then), so a change another
 * process committed in between is merged with, not overwritten. `options.systems` reads the register's
 * systems without copying them (callers must not change them); by default `register.list('ai-system')`.
 * `options.prepared`: the scan already prepared with `prepareMerge`.
 */
export async function syncInventory(
  register: Register,
  report: ScanReport,
  target: ScanTarget,
  options: { now: Date; cause: string; systems?: SystemsReader; prepared?: PreparedMerge },
): Promise<InventoryPlan> {
  const prepared = options.prepared ?? (await prepareMerge(report, target, options.now));
  const systems = options.systems ?? (() => register.list('ai-system'));
  const plan = async (reader: Pick<RegisterReader, 'get'>) => {
    // Only the evidence items this scan's files map to, each read by id: not the whole evidence register.
    const evidence: EvidenceItem[] = [];
    for (const id of prepared.evidenceIds) {
      const item = await reader.get('evidence', id);
      if (item) evidence.push(item);
    }
    return prepared.plan({ systems: await systems(), evidence });
  };
  const first = await plan(register);
  if (first.changes.length === 0) return first;
  return register.transact({ actor: SCAN_ACTOR, cause: options.cause }, async (tx) => {
    const current = await plan(tx);
    await writePlanChanges(tx, current);
    return current;
  });
}

/** Records each trigger as an open `trigger` record on the system it concerns. Returns the ids written. */
export async function recordTriggers(
  register: Register,
  triggers: readonly DiscoveryTrigger[],
  options: { now: Date; cause: string; ref: string; prefix: string; source: RepositoryRef },
): Promise<string[]> {
  const { registerSystemFor, triggerDrafts } = await import('../../shared/inventory/trigger-drafts');
  const systems = await register.list('ai-system');
  const drafts = triggerDrafts(triggers, {
    today: day(options.now),
    ref: options.ref,
    systemIdFor: (t) => registerSystemFor(t, systems, options.source, options.prefix)?.id ?? t.systemId,
  });
  return applyTriggers(register, drafts, { actor: DIFF_ACTOR, cause: options.cause });
}
