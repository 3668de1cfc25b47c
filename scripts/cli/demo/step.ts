// The shape of one demo step, in its own module so the step list and the steps never import each other.
import type { Register } from '../../../shared/register';
import type { CommandIO } from '../command';

export interface DemoContext {
  register: Register;
  io: CommandIO;
  /** The demo's "today" (YYYY-MM-DD). */
  today: string;
  workspace: string;
  /**
   * The demo's own folder, when it made one (no --workspace): files a person may use after the demo
   * (the example repository) are kept there, beside the workspace. Absent: the demo leaves nothing
   * outside the workspace.
   */
  home?: string;
}

export interface DemoStep {
  name: string;
  run(ctx: DemoContext): Promise<void>;
}

// Discovery follows the process run, so the model change its diff finds is already in the register.
