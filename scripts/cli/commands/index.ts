// Every `aims` sub-command, in the order --help lists them.
import type { Command } from '../command';
import { CERTIFICATION_COMMANDS } from './certification';
import { demoCommand } from './demo';
import { diffCommand } from './diff';
import { initCommand } from './init';
import { scanCommand } from './scan';
import { verifyCommand } from './verify';

export const COMMANDS: Command[] = [
  initCommand,
  demoCommand,
  verifyCommand,
  scanCommand,
  diffCommand,
  ...CERTIFICATION_COMMANDS,
];
