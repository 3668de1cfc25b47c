// Builds a large workspace for the register benchmark through the register's own write path: the demo
// organisation, then synthetic AI systems and evidence items until the register holds `systems`
// systems and `evidence` evidence items. Deterministic: the same sizes give the same records.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { openWorkspace } from '../../connectors/local/workspace';
import { draftOf, type Draft } from '../../shared/model';

export interface LargeWorkspace {
  root: string;
  systems: number;
  evidence: number;
}

// Beside the workspace, not in it: the workspace holds only what the register wrote.
const MARKER = '.size.json';
const BATCH = 500;

/**
 * Creates (or reuses, when the marker says it holds the same sizes) a workspace at `root` with the demo's
 * records plus synthetic systems and evidence. `bin` is the `aims` entry used to build the demo.
 */
export async function ensureLargeWorkspace(
  root: string,
  bin: string,
  systems = 5_000,
  evidence = 50_000,
): Promise<LargeWorkspace> {
  const marker = `${root}${MARKER}`;
  if (existsSync(marker)) {
    const size = JSON.parse(readFileSync(marker, 'utf8')) as LargeWorkspace;
    if (size.systems === systems && size.evidence === evidence) return size;
  }
  rmSync(root, { recursive: true, force: true });
  const demo = spawnSync(process.execPath, [bin, 'demo', '--workspace', root, '--today', '2026-11-29'], {
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`aims demo failed: ${demo.stderr}`);

  const clock = () => '2026-11-29T09:00:00.000Z';
  const register = await openWorkspace(root, { clock });
  const templates = await register.list('ai-system');
  const evidenceTemplates = await register.list('evidence');
  const template = templates[0];
  const evidenceTemplate = evidenceTemplates[0];
  if (!template || !evidenceTemplate) throw new Error('the demo has no ai-system or evidence record to copy');
  const context = { actor: 'bench@aims-lens.example', cause: 'bench: large register' };

  const systemIds: string[] = templates.map((s) => s.id);
  for (let start = systemIds.length; start < systems; start += BATCH) {
    await register.transact(context, async (tx) => {
      for (let i = start; i < Math.min(start + BATCH, systems); i++) {
        const id = `sys-bench-${String(i).padStart(5, '0')}`;
        const draft: Draft<'ai-system'> = { ...draftOf(template), id, name: `Bench system ${i}` };
        await tx.put('ai-system', draft);
        systemIds.push(id);
      }
    });
  }
  const existing = evidenceTemplates.length;
  for (let start = existing; start < evidence; start += BATCH) {
    await register.transact(context, async (tx) => {
      for (let i = start; i < Math.min(start + BATCH, evidence); i++) {
        const draft: Draft<'evidence'> = {
          ...draftOf(evidenceTemplate),
          id: `ev-bench-${String(i).padStart(6, '0')}`,
          title: `Bench evidence ${i}`,
          systemIds: [systemIds[i % systemIds.length]!],
        };
        await tx.put('evidence', draft);
      }
    });
  }
  const size = { root, systems, evidence };
  writeFileSync(marker, JSON.stringify(size));
  return size;
}
