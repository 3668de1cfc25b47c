// What the certification commands share: the workspace snapshot, the evaluation day and output files.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  openWorkspace,
  openWorkspaceForReading,
  type FileBackendOptions,
} from '../../../connectors/local/workspace';
import type { RecordKind } from '../../../shared/model';
import { isDay } from '../../../shared/processes/days';
import { loadSnapshot, type FullSnapshot, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import type { Register } from '../../../shared/register';
import { checkOutFile } from '../out-path';
import { requireOption, stringOption, UserError, type CommandArgs, type CommandIO } from '../command';

/** --today, or the current day; readiness is always computed as of a stated day. */
export function todayOption(args: CommandArgs, io: CommandIO): string {
  const today = stringOption(args, 'today') ?? io.now().toISOString().slice(0, 10);
  if (!isDay(today)) throw new UserError(`--today must be a calendar day YYYY-MM-DD (got '${today}')`);
  return today;
}

type SnapshotOptions = Pick<FileBackendOptions, 'recordCache' | 'cacheProblems'> & {
  /** The command only reads the snapshot (never changes its records): it is not copied from the register. */
  readOnly?: boolean;
  kinds?: readonly RecordKind[];
  /** With `readOnly`: evidence items whole (the pack shows them), not only the fields processes read. */
  wholeEvidence?: boolean;
};

type Opened<S> = { register: Register; snapshot: S; root: string };

/**
 * Opens the workspace (through the record snapshot cache unless `options` say otherwise). `kinds`: what the
 * command evaluates, read at once; a kind it turns out to need besides is read when first asked for. A
 * read-only snapshot holds evidence items and AI systems as their summaries (what processes read) unless
 * `wholeEvidence`; any other snapshot holds whole records.
 */
export async function workspaceSnapshot(
  args: CommandArgs,
  io: CommandIO,
  options: SnapshotOptions & { wholeEvidence: true },
): Promise<Opened<FullSnapshot>>;
export async function workspaceSnapshot(
  args: CommandArgs,
  io: CommandIO,
  options?: SnapshotOptions & { readOnly?: false },
): Promise<Opened<FullSnapshot>>;
export async function workspaceSnapshot(
  args: CommandArgs,
  io: CommandIO,
  options?: SnapshotOptions,
): Promise<Opened<RegisterSnapshot>>;
export async function workspaceSnapshot(
  args: CommandArgs,
  io: CommandIO,
  options: SnapshotOptions = {},
): Promise<Opened<FullSnapshot | RegisterSnapshot>> {
  const root = resolve(io.cwd, requireOption(args, 'workspace'));
  const { readOnly, wholeEvidence, ...backend } = options;
  const opening = { ...backend, clock: () => io.now().toISOString(), log: io.err };
  if (readOnly) {
    const opened = wholeEvidence
      ? await openWorkspaceForReading(root, opening)
      : await openWorkspaceForReading(root, { ...opening, summaries: true });
    return { ...opened, root };
  }
  const register = await openWorkspace(root, opening);
  return { register, snapshot: await loadSnapshot(register), root };
}

/** Writes to --out when given (reporting where), else prints to standard output. */
export async function emit(args: CommandArgs, io: CommandIO, content: string, what: string): Promise<void> {
  const out = stringOption(args, 'out');
  if (!out) {
    // The last line break is io.out's to write (a look at the end, not a scan of a 20 MB calendar).
    const end = content.endsWith('\r\n') ? 2 : content.endsWith('\n') ? 1 : 0;
    io.out(end === 0 ? content : content.slice(0, -end));
    return;
  }
  const path = resolve(io.cwd, out);
  checkOutFile(path, args.values.force === true);
  await writeFile(path, content);
  io.out(`Wrote ${what} to ${path}`);
}

export const WORKSPACE_OPTION = { workspace: { type: 'string', short: 'w' } } as const;
export const TODAY_OPTION = { today: { type: 'string' } } as const;
