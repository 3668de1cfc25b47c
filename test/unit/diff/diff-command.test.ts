import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import { runCli } from '../../support/cli';
import { OPENAI_APP, commitAll, tempDir, twoCommits, writeTree } from '../scan/support';

/** Two commits: the OpenAI app swaps gpt-4o for gpt-4.1. */
const swappedRepo = () =>
  twoCommits(
    'diff',
    {
      'bot/main.py': OPENAI_APP('gpt-4o'),
      'bot/requirements.txt': 'openai==1.40.0\n',
      'README.md': '# Support\n',
    },
    { 'bot/main.py': OPENAI_APP('gpt-4.1') },
  );

describe('aims diff', () => {
  it('reports exactly one model-changed trigger for gpt-4o → gpt-4.1 and exits 3', async () => {
    const { root, base, head } = swappedRepo();
    const result = await runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(3);
    const json = JSON.parse(result.out) as {
      base: { commit: string };
      head: { commit: string };
      triggers: {
        type: string;
        before: string;
        after: string;
        clauses: string[];
        evidence: { path: string; line: number }[];
      }[];
    };
    expect(json.base.commit).toBe(base);
    expect(json.head.commit).toBe(head);
    expect(json.triggers).toHaveLength(1);
    expect(json.triggers[0]).toMatchObject({
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      clauses: ['8.2', '8.4'],
    });
    expect(json.triggers[0]?.evidence).toContainEqual(
      expect.objectContaining({ path: 'bot/main.py', line: 7 }),
    );
  });

  it('prints a readable table naming system, before, after and evidence', async () => {
    const { root } = swappedRepo();
    const result = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', root]);
    expect(result.code).toBe(3);
    expect(result.out).toMatch(/^1 reassessment trigger between HEAD~1 \([0-9a-f]{12}\) → HEAD/);
    expect(result.out).toContain('model-changed');
    expect(result.out).toContain('before:   gpt-4o');
    expect(result.out).toContain('after:    gpt-4.1');
    expect(result.out).toContain('bot/main.py:7');
  });

  it('reads commits, not the work tree', async () => {
    const { root } = swappedRepo();
    writeTree(root, { 'bot/main.py': OPENAI_APP('o3') });
    const result = await runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], { cwd: root });
    expect(
      (JSON.parse(result.out) as { triggers: { after: string }[] }).triggers.map((t) => t.after),
    ).toEqual(['gpt-4.1']);
  });

  it('compares only the given folder of the repository', async () => {
    const { root } = swappedRepo();
    writeTree(root, { 'other/app.py': OPENAI_APP('o3'), 'other/requirements.txt': 'openai==1.40.0\n' });
    commitAll(root, 'add another system');
    const inBot = await runCli(['diff', '--base', 'HEAD~1', '--format', 'json', 'bot'], { cwd: root });
    expect(inBot.code).toBe(0);
    const whole = await runCli(['diff', '--base', 'HEAD~1', '--format', 'json'], { cwd: root });
    expect(whole.code).toBe(3);
    expect((JSON.parse(whole.out) as { triggers: { type: string; root: string }[] }).triggers).toEqual([
      expect.objectContaining({ type: 'system-appeared', root: 'other' }),
    ]);
  });

  it('exits 0 when nothing changed', async () => {
    const { root } = swappedRepo();
    const result = await runCli(['diff', '--base', 'HEAD', '--head', 'HEAD', root]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^No reassessment triggers/);
  });

  it('answers a bad ref, a missing --base or a folder outside git with one line and exit 2', async () => {
    const { root } = swappedRepo();
    const badRef = await runCli(['diff', '--base', 'no-such-branch', root]);
    expect(badRef.code).toBe(2);
    expect(badRef.err).toBe("aims diff: unknown revision 'no-such-branch'");
    expect(badRef.out).toBe('');

    const optionRef = await runCli(['diff', '--base=--output=/tmp/x', root]);
    expect(optionRef.code).toBe(2);
    expect(optionRef.err.split('\n')).toHaveLength(1);

    const missing = await runCli(['diff', root]);
    expect(missing).toMatchObject({ code: 2, err: 'aims diff: missing --base' });

    const notGit = await runCli(['diff', '--base', 'HEAD', tempDir('nogit')]);
    expect(notGit.code).toBe(2);
    expect(notGit.err).toMatch(/^aims diff: .*not inside a git work tree$/);
  });

  it('documents the exit codes in --help', async () => {
    const help = await runCli(['diff', '--help']);
    expect(help.out).toContain('0 no material triggers; 3 material triggers found');
    expect(help.out).toContain('2 usage error');
  });

  it('--workspace records each trigger as an open trigger on the matching system, once', async () => {
    const { root, base, head } = swappedRepo();
    const ws = join(tempDir('ws'), 'ws');
    await initWorkspace(ws);
    // Inventory the base first so the trigger lands on the registered system.
    const scan = await runCli(['scan', root, '--workspace', ws, '--format', 'json']);
    expect(scan.code).toBe(0);
    const system = (await (await openWorkspace(ws)).list('ai-system'))[0];

    const result = await runCli(['diff', '--base', base, '--head', head, '--workspace', ws], { cwd: root });
    expect(result.code).toBe(3);
    expect(result.out).toContain('Workspace: 1 trigger record(s) opened');
    const register = await openWorkspace(ws);
    const triggers = await register.list('trigger');
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      systemId: system?.id,
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      status: 'open',
      clauses: ['8.2', '8.4'],
      source: { tool: 'git', ref: `${base}..${head}` },
      createdBy: 'aims-diff',
    });
    expect(triggers[0]?.detail).toContain('bot/main.py:7');

    const events = (await register.events()).length;
    const again = await runCli(['diff', '--base', base, '--head', head, '--workspace', ws], { cwd: root });
    expect(again.code).toBe(3);
    expect((await (await openWorkspace(ws)).events()).length).toBe(events);
  });
});
