import { resolve } from 'node:path';
import { initWorkspace } from '../../../connectors/local/workspace';
import type { Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create an empty AIMS workspace (a folder of JSON records, safe to commit to git)',
  usage: 'aims init [dir]',
  options: {},
  positionals: true,
  async run(args, io) {
    const dir = resolve(io.cwd, args.positionals[0] ?? 'aims-workspace');
    await initWorkspace(dir);
    io.out(`Created AIMS workspace in ${dir}`);
    return 0;
  },
};
