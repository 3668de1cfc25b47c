// `aims record <kind> <file>`: records one JSON or YAML file as a register record, through the process
// rules for its kind, in one transaction — a bad file leaves the register exactly as it was.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RECORD_KINDS } from '../../../shared/model';
import { Refusal } from '../../../shared/model';
import { RECORD_RULES, approvalRule, recordOne, ruleFor, withoutMetadata } from '../../../shared/records';
import { MAX_RECORD_BYTES } from '../../../connectors/local/workspace';
import { parseJsonStrict } from '../../../shared/register';
import { UserError, stringOption, type Command, type CommandIO } from '../command';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

function parseFile(text: string, file: string): Record<string, unknown> {
  const ext = extname(file).toLowerCase();
  let value: unknown;
  try {
    value = ext === '.json' ? parseJsonStrict(text) : parseYaml(text);
  } catch (error) {
    const what = ext === '.json' ? 'JSON' : 'YAML';
    throw new UserError(`${file}: not valid ${what} (${(error as Error).message.split('\n')[0]})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(
      `${file}: expected one record (an object with fields), got ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  }
  // Metadata is the register's to fill; a file copied out of a workspace may still carry it.
  return withoutMetadata(value as Record<string, unknown>);
}

/** The kind given on the command line, or a usage error naming the kinds there are. */
function kindOf(kind: string) {
  try {
    return ruleFor(kind).kind;
  } catch (error) {
    if (error instanceof Refusal && error.code === 'rule') throw new UserError(error.message);
    throw error;
  }
}

export const recordCommand: Command = {
  name: 'record',
  summary: 'Record one JSON or YAML file as a register record, through the process rules for its kind',
  usage: 'aims record <kind> <file> --workspace <dir> [--today YYYY-MM-DD] [--actor <who>] [--cause <why>]',
  details: [
    `Kinds: ${RECORD_KINDS.join(', ')}, and approval (a decision on a record).`,
    'Rules per kind:',
    ...Object.entries(RECORD_RULES).map(([kind, rule]) => `  ${kind.padEnd(18)} ${rule?.summary ?? ''}`),
    `  ${'approval'.padEnd(18)} ${approvalRule.summary}`,
    'createdAt, updatedAt, createdBy, updatedBy and revision are filled by the register; leave them out.',
    'After the write, trigger and assessment transitions for the system are recorded as their own events.',
    '  --today   the recording day (default: today)   --actor   who records (default: $AIMS_ACTOR or aims-cli)',
    'docs/processes.md describes each file format, with examples in docs/examples/.',
    `Files over ${MAX_RECORD_BYTES / 1024 / 1024} MB and JSON with a duplicate key are refused (YAML refuses duplicates too).`,
    'Exit codes: 0 recorded; 2 a bad file (one line naming the field) or usage error — nothing is written.',
  ],
  options: { ...WORKSPACE_OPTION, ...TODAY_OPTION, actor: { type: 'string' }, cause: { type: 'string' } },
  positionals: true,
  async run(args, io: CommandIO) {
    const [kindArg, file, ...extra] = args.positionals;
    if (!kindArg || !file || extra.length > 0) throw new UserError('expected <kind> <file>');
    const kind = kindOf(kindArg);
    const today = todayOption(args, io);
    const path = resolve(io.cwd, file);
    const size = (await stat(path)).size;
    if (size > MAX_RECORD_BYTES) {
      throw new UserError(
        `${file}: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_RECORD_BYTES / 1024 / 1024} MB limit for a record file`,
      );
    }
    const value = parseFile(await readFile(path, 'utf8'), file);
    if (value.kind !== undefined && value.kind !== kind) {
      throw new UserError(
        `${file}: field 'kind': '${String(value.kind)}' does not match the kind '${kind}' given`,
      );
    }
    const { register, snapshot } = await workspaceSnapshot(args, io);
    const actor = stringOption(args, 'actor') ?? process.env.AIMS_ACTOR ?? 'aims-cli';
    const before = (await register.events()).length;
    try {
      await recordOne(register, kind, value, {
        snapshot,
        today,
        now: io.now().toISOString(),
        actor,
        cause: stringOption(args, 'cause') ?? `aims record ${file}`,
      });
    } catch (error) {
      // The file names the record, so a schema refusal drops its own "kind 'id'" prefix.
      if (error instanceof Refusal && (error.code === 'rule' || error.code === 'invalid-record'))
        throw new UserError(`${file}: ${error.fieldMessage}`);
      throw error;
    }
    const events = (await register.events()).slice(before);
    if (events.length === 0) io.out(`Nothing to record: ${file} matches what the register holds.`);
    for (const e of events)
      io.out(`${e.action.padEnd(10)} ${e.recordKind} ${e.recordId}: ${e.summary}  [${e.cause}]`);
    return 0;
  },
};
