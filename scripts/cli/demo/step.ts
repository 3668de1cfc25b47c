// The shape of one demo step, in its own module so the step list and the steps never import each other.
import type { Register } from '../../../shared/register';
import type { CommandIO } from '../command';

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
