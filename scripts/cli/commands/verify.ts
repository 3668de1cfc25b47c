import { resolve } from 'node:path';
import { openWorkspace } from '../../../connectors/local/workspace';
import { requireOption, type Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the hash chain of the workspace event log',
  usage: 'aims verify --workspace <dir>',
  details: [
    'Exit codes: 0 the chain holds; 1 an entry was edited, removed or reordered; 2 usage or load error.',
  ],
  options: { workspace: { type: 'string', short: 'w' } },
  async run(args, io) {
    const register = await openWorkspace(resolve(io.cwd, requireOption(args, 'workspace')));
    const verdict = await register.verify();
    if (verdict.ok) {
      io.out(`OK: ${verdict.entries} events, chain head ${verdict.head.slice(0, 16)}…`);
      return 0;
    }
    io.out(`FAILED: ${verdict.detail} (${verdict.problem})`);
    return 1;
  },
};
