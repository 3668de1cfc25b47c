// A file workspace holding Harbor Mutual's records, for commands that read and write the register.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initWorkspace, openWorkspace } from '../../connectors/local/workspace';
import { demoOrganisation } from '../../shared/demo';
import type { Draft, RecordKind } from '../../shared/model';
import type { Register } from '../../shared/register';
import { tempDir } from './temp';

export async function harborWorkspace(today = '2026-11-28'): Promise<{ dir: string; register: Register }> {
  const dir = tempDir('jira');
  await initWorkspace(dir);
  const register = await openWorkspace(dir, { clock: () => `${today}T08:00:00.000Z` });
  await register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
    for (const draft of demoOrganisation(today).records)
      await tx.put(draft.kind as RecordKind, draft as Draft<RecordKind>);
  });
  return { dir, register };
}

/** The workspace as it is on disk now (a register caches what it read when opened). */
export const reopen = (dir: string): Promise<Register> =>
  openWorkspace(dir, { clock: () => '2026-11-28T08:00:00.000Z' });

/** Every file of the workspace, concatenated: to prove what never gets written there. */
export async function workspaceText(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else parts.push(await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return parts.join('\n');
}
