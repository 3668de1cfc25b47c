import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import { UserError, stringOption, type Command } from '../command';
import { DEMO_STEPS } from '../demo/steps';

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Build the embedded example organisation in a workspace and summarise its AIMS (no tokens, no network)',
  usage: 'aims demo [--workspace <dir>] [--today YYYY-MM-DD]',
  details: [
    'Without --workspace the demo writes to a new temporary folder and prints its path; the example',
    'repository it scans is kept there too. With --workspace that repository is temporary and removed.',
    '--today fixes the demo date so runs are reproducible.',
  ],
  options: { workspace: { type: 'string', short: 'w' }, today: { type: 'string' } },
  async run(args, io) {
    const given = stringOption(args, 'workspace');
    const home = given ? undefined : mkdtempSync(join(tmpdir(), 'aims-demo-'));
    const workspace = home ? join(home, 'workspace') : resolve(io.cwd, given ?? '');
    const today = stringOption(args, 'today') ?? io.now().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UserError('--today must be YYYY-MM-DD');
    await initWorkspace(workspace);
    const register = await openWorkspace(workspace, { clock: () => io.now().toISOString(), log: io.err });
    io.out(`AIMS Lens demo — workspace: ${workspace}`);
    for (const step of DEMO_STEPS)
      await step.run({ register, io, today, workspace, ...(home ? { home } : {}) });
    const verdict = await register.verify();
    io.out('');
    io.out(
      `Event log: ${verdict.ok ? `${verdict.entries} events, hash chain OK, every record bound to it; head ${verdict.head}` : `BROKEN — ${verdict.problems[0]?.detail ?? ''}`}`,
    );
    io.out(`Next: aims verify --workspace ${workspace}`);
    return 0;
  },
};
