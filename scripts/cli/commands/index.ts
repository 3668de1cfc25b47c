// Every `aims` sub-command, in the order --help lists them.
import type { Command } from '../command';
import { demoCommand } from './demo';
import { initCommand } from './init';
import { verifyCommand } from './verify';

export const COMMANDS: Command[] = [initCommand, demoCommand, verifyCommand];
