// Entry point of the `aims` command line.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prestartListing } from '../../connectors/local/workspace/kind-listing';
import { UserError, type Command, type CommandIO } from './command';
import { COMMANDS } from './commands';
import { terminalSafe, type SafeText } from './format/terminal';

function helpFor(command: Command): string[] {
  const lines = [`${command.summary}`, '', `Usage: ${command.usage}`];
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('', 'Options:');
    for (const [name, spec] of options) lines.push(`  --${name}${spec.type === 'string' ? ' <value>' : ''}`);
  }
  lines.push('  --help');
  if (command.details) lines.push('', ...command.details);
  return lines;
}

function overview(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'aims — operate an ISO/IEC 42001 AI management system from the command line',
    '',
    'Usage: aims <command> [options]    (aims <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ];
}

/**
 * Errors a user can act on become one line; anything else is a bug and keeps its stack.
 * The register's and workspace's error types are imported only on this path, so a command that
 * succeeds never loads them.
 */
export async function userMessage(error: unknown): Promise<{ message: string; code: number } | undefined> {
  if (error instanceof UserError) return { message: error.message, code: error.exitCode };
  const [{ Refusal }, { WorkspaceError, WorkspaceLockedError }] = await Promise.all([
    import('../../shared/model/refusal'),
    import('../../connectors/local/workspace'),
  ]);
  // Every refusal (a rule, a schema, a missing record, malformed text) is the user's to fix: one line,
  // exit 2. Commands phrase the ones they expect; one they did not expect still never prints a stack.
  if (error instanceof WorkspaceError || error instanceof WorkspaceLockedError || error instanceof Refusal) {
    return { message: error.message, code: 2 };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'EISDIR') {
    return { message: (error as Error).message, code: 2 };
  }
  if ((error as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS')) {
    return { message: (error as Error).message, code: 2 };
  }
  return undefined;
}

/** Output gathered beyond this many characters is written at once rather than held longer. */
const OUT_CHUNK = 1 << 16;

/**
 * Standard output and error; names from data never reach the terminal as escape sequences. Output lines
 * printed in one go (a 5,000-row table) leave in one write, once the current task ends or 64 KiB have
 * gathered, instead of one write a line; an error line first writes what output is waiting, so the two
 * streams keep their order.
 */
export function defaultIO(): CommandIO {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    process.stdout.write(text);
  };
  const write = (line: SafeText) => {
    pending += line + '\n';
    if (pending.length >= OUT_CHUNK) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return {
    out: (line) => write(terminalSafe(line)),
    // A table's line is cleaned cell by cell already: scanning it again cost a regex test per character.
    outSafe: write,
    err: (line) => {
      flush();
      process.stderr.write(terminalSafe(line) + '\n');
    },
    now: () => new Date(),
    cwd: process.cwd(),
  };
}

/** Read commands that open a file workspace whole: its large kind folders are listed while they load. */
const PRESTARTED = new Set(['readiness', 'soa', 'calendar']);

/**
 * Starts listing the workspace named by --workspace/-w (the last one given, as parseArgs takes it) before
 * the command's modules load; the command adopts the listing when it opens that workspace. Anything it
 * cannot read here is left to the command, which reports it as before.
 */
function prestart(args: readonly string[], cwd: string): void {
  let workspace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--workspace' || arg === '-w') workspace = args[++i];
    else if (arg.startsWith('--workspace=')) workspace = arg.slice('--workspace='.length);
  }
  if (workspace) prestartListing(resolve(cwd, workspace));
}

export async function main(argv: string[], io: CommandIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    overview().forEach((l) => io.out(l));
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`aims: unknown command '${name}' (run 'aims --help')`);
    return 2;
  }
  if (PRESTARTED.has(name)) prestart(rest, io.cwd);
  const command = await entry.load();
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    if (parsed.values.help) {
      helpFor(command).forEach((l) => io.out(l));
      return 0;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    const known = await userMessage(error);
    if (!known) throw error;
    io.err(`aims ${name}: ${known.message}`);
    return known.code;
  }
}
