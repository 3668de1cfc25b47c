import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import { steppingClock, systemDraft } from '../../support/builders';
import { describeRegisterContract } from '../../support/register-contract';
import { tempDir } from '../../support/temp';

async function freshWorkspace() {
  const dir = tempDir('ws');
  await initWorkspace(dir);
  return dir;
}

describeRegisterContract('file workspace', async () => {
  const dir = await freshWorkspace();
  const clock = steppingClock();
  return { register: await openWorkspace(dir, { clock }), reopen: () => openWorkspace(dir, { clock }) };
});

describe('file workspace loading', () => {
  const ctx = { actor: 'alice', cause: 'test' };

  it('refuses a schema-invalid file, naming file and field, and leaves it untouched', async () => {
    const dir = await freshWorkspace();
    const register = await openWorkspace(dir);
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const file = join(dir, 'records/ai-system/sys-support-bot.json');
    const broken = readFileSync(file, 'utf8').replace('"production"', '"live"');
    writeFileSync(file, broken);
    await expect(openWorkspace(dir)).rejects.toThrow(
      "records/ai-system/sys-support-bot.json: field 'deploymentStatus'",
    );
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('refuses malformed JSON with the file name', async () => {
    const dir = await freshWorkspace();
    const register = await openWorkspace(dir);
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const file = join(dir, 'records/ai-system/sys-support-bot.json');
    writeFileSync(file, '{ "id": ');
    await expect(openWorkspace(dir)).rejects.toThrow(
      'records/ai-system/sys-support-bot.json: not valid JSON',
    );
  });

  it('refuses a record whose id differs from its file name', async () => {
    const dir = await freshWorkspace();
    const register = await openWorkspace(dir);
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const file = join(dir, 'records/ai-system/sys-support-bot.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"id": "sys-support-bot"', '"id": "sys-renamed"'));
    await expect(openWorkspace(dir)).rejects.toThrow("field 'id'");
  });

  it('refuses a folder that is not a workspace, and init refuses a non-empty folder', async () => {
    const dir = tempDir('ws');
    await expect(openWorkspace(dir)).rejects.toThrow('not an AIMS workspace');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await expect(initWorkspace(dir)).rejects.toThrow('not empty');
  });

  it('writes sorted, diff-friendly JSON', async () => {
    const dir = await freshWorkspace();
    const register = await openWorkspace(dir);
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const text = readFileSync(join(dir, 'records/ai-system/sys-support-bot.json'), 'utf8');
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(text.endsWith('}\n')).toBe(true);
  });
});
