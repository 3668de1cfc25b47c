// What every `aims` sub-command provides, and the error type for mistakes a user can fix.
import type { ParseArgsConfig } from 'node:util';
import type { SafeText } from './format/terminal';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIO {
  /** A line of standard output; what a terminal would obey is removed from it first. */
  out: (line: string) => void;
  /**
   * A line already cleaned (a table's line): written as it is, without a second scan. An IO without it
   * takes such lines through `out`; see {@link printSafe}.
   */
  outSafe?: (line: SafeText) => void;
  err: (line: string) => void;
  /** Current instant; injectable so tests are repeatable. */
  now: () => Date;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. 'aims verify --workspace <dir>' */
  usage: string;
  /** Extra lines for --help: what each option means, exit codes. */
  details?: string[];
  options: OptionSpec;
  /** Whether bare arguments (paths) are accepted. */
  positionals?: boolean;
  run(args: CommandArgs, io: CommandIO): Promise<number>;
}

export interface CommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A mistake the user can correct: printed as one line, exit code 2, never a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(args: CommandArgs, name: string): string {
  const value = stringOption(args, name);
  if (!value) throw new UserError(`missing --${name}`);
  return value;
}

/** Prints a cleaned line: through `io.outSafe` when the IO has one, else through `io.out`. */
export const printSafe = (io: CommandIO, line: SafeText): void =>
  io.outSafe ? io.outSafe(line) : io.out(line);
