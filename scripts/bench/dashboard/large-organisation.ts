// A register at the scale the dashboard must handle: the demo organisation plus N synthetic AI
// systems and M evidence items, as a verified workspace bundle.
import { bundleOf, type WorkspaceBundle } from '../../../shared/exchange/bundle';
import { demoOrganisation } from '../../../shared/demo';
import { RECORD_KINDS, type AnyRecord, type Draft } from '../../../shared/model';
import { createMemoryBackend, createRegister, sha256Hex } from '../../../shared/register';

const STAGES = ['design', 'development', 'verification', 'deployment', 'operation', 'retirement'] as const;

export async function largeOrganisation(
  systems: number,
  evidence: number,
  today: string,
): Promise<WorkspaceBundle> {
  let tick = Date.parse(`${today}T00:00:00.000Z`);
  const register = createRegister(createMemoryBackend(), { clock: () => new Date(tick++).toISOString() });
  await register.transact({ actor: 'bench', cause: 'demo' }, async (tx) => {
    for (const draft of demoOrganisation(today).records) await tx.put(draft.kind, draft);
  });
  await register.transact({ actor: 'bench', cause: 'scale' }, async (tx) => {
    for (let i = 0; i < systems; i++) {
      const draft: Draft<'ai-system'> = {
        kind: 'ai-system',
        id: `sys-bench-${String(i).padStart(5, '0')}`,
        name: `Bench system ${i}`,
        purpose: `Synthetic system ${i} for the dashboard benchmark`,
        owner: `owner-${i % 97}@example.com`,
        lifecycleStage: STAGES[i % STAGES.length]!,
        deploymentStatus: i % 3 === 0 ? 'production' : 'internal',
        inventoryState: i % 5 === 0 ? 'discovered-unreviewed' : 'confirmed',
        inScope: i % 7 !== 0,
        components: [
          {
            kind: 'model',
            id: `model-${i % 40}`,
            provider: 'openai',
            pinning: i % 2 ? 'snapshot' : 'floating',
          },
        ],
        sources: [{ tool: 'github', url: `https://github.com/bench/repo-${i % 300}` }],
        tags: [],
      };
      await tx.put('ai-system', draft);
    }
    for (let j = 0; j < evidence; j++) {
      const sha = sha256Hex(`evidence-${j}`);
      const draft: Draft<'evidence'> = {
        kind: 'evidence',
        id: `ev-bench-${String(j).padStart(6, '0')}`,
        title: `Bench evidence ${j}`,
        sourceTool: 'github',
        url: `https://github.com/bench/repo-${j % 300}/blob/${sha.slice(0, 40)}/docs/e${j}.md`,
        pinnedVersion: sha.slice(0, 40),
        contentHash: sha,
        capturedAt: `${today}T08:00:00.000Z`,
        clauses: ['9.1'],
        controls: ['A.6.2.6'],
        systemIds: [`sys-bench-${String(j % Math.max(systems, 1)).padStart(5, '0')}`],
      };
      await tx.put('evidence', draft);
    }
  });
  const records: AnyRecord[] = [];
  for (const kind of RECORD_KINDS) records.push(...(await register.list(kind)));
  return bundleOf(records, await register.events(), {
    exportedAt: `${today}T09:00:00.000Z`,
    exportedBy: 'bench',
  });
}
