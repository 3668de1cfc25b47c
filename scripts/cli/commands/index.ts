// Every `aims` sub-command, in the order --help lists them.
import type { Command } from '../command';
import { CERTIFICATION_COMMANDS } from './certification';
import { demoCommand } from './demo';
import { diffCommand } from './diff';
import { githubCommand } from './github';
import { initCommand } from './init';
import { jiraCommand } from './jira';
import { reconcileCommand } from './reconcile';
import { recordCommand } from './record';
import { scanCommand } from './scan';
import { sharePointCommand } from './sharepoint';
import { checkpointCommand, keygenCommand } from './signing';
import { statusCommand } from './status';
import { verifyCommand } from './verify';

export const COMMANDS: Command[] = [
  initCommand,
  demoCommand,
  verifyCommand,
  keygenCommand,
  checkpointCommand,
  recordCommand,
  statusCommand,
  scanCommand,
  diffCommand,
  githubCommand,
  jiraCommand,
  reconcileCommand,
  ...CERTIFICATION_COMMANDS,
  sharePointCommand,
];
