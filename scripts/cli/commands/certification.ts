// The clause 9 and certification-readiness commands, registered together.
import type { Command } from '../command';
import { calendarCommand } from './calendar';
import { packCommand } from './pack';
import { readinessCommand } from './readiness';
import { soaCommand } from './soa';
import { verifyPackCommand } from './verify-pack';

export const CERTIFICATION_COMMANDS: Command[] = [
  readinessCommand,
  soaCommand,
  calendarCommand,
  packCommand,
  verifyPackCommand,
];
