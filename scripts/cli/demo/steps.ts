// The demo is a sequence of steps over one workspace; each later capability adds a step.
import type { Register } from '../../../shared/register';
import type { CommandIO } from '../command';
import { discoveryStep } from './discovery';
import { processesStep } from './processes';
import { readinessStep } from './readiness';
import { seedStep } from './seed';
import { summaryStep } from './summary';

export interface DemoContext {
  register: Register;
  io: CommandIO;
  /** The demo's "today" (YYYY-MM-DD). */
  today: string;
  workspace: string;
}

export interface DemoStep {
  name: string;
  run(ctx: DemoContext): Promise<void>;
}

// Discovery follows the process run, so the model change its diff finds is already in the register.
export const DEMO_STEPS: DemoStep[] = [seedStep, processesStep, discoveryStep, summaryStep, readinessStep];
