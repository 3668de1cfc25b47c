import { resolve } from 'node:path';
import { CACHE_DIR, VERIFIED_FILE, verifyWorkspace } from '../../../connectors/local/workspace';
import type { RegisterVerdict } from '../../../shared/register';
import { requireOption, stringOption, UserError, type Command, type CommandIO } from '../command';
import { readHexKey } from '../signing-key';

const VERIFIED_INDEX = `${CACHE_DIR}/${VERIFIED_FILE}`;

/** The verdict as lines: every problem named, then one summary line with the full head. */
export function verdictLines(verdict: RegisterVerdict): string[] {
  const lines = verdict.problems.map((p) => `${p.problem.toUpperCase()}: ${p.detail}`);
  if (verdict.anchorSeq !== undefined) {
    lines.push(`Anchor found at seq ${verdict.anchorSeq}: the log is append-only since it.`);
  }
  if (verdict.signedThrough !== undefined) {
    const unsigned = verdict.entries - 1 - verdict.signedThrough;
    lines.push(
      `Signed by the trusted key through seq ${verdict.signedThrough}` +
        (unsigned > 0 ? `; ${unsigned} later event(s) not yet signed (aims checkpoint).` : '.'),
    );
  }
  const what = `${verdict.entries} events, ${verdict.records} records bound to the log`;
  lines.push(
    verdict.ok
      ? `OK: ${what}; head ${verdict.head}`
      : `FAILED: ${verdict.problems.length} problem(s) in ${what}; head ${verdict.head}`,
  );
  return lines;
}

function anchorOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const anchor = value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(anchor)) {
    throw new UserError(`--anchor must be a head of 64 hex digits, as 'aims verify' prints it`);
  }
  return anchor;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the event log hash chain and every record against it; optionally an anchor and signatures',
  usage: 'aims verify --workspace <dir> [--full] [--anchor <sha256>] [--trusted-key <public key file>]',
  details: [
    '  --full          read and hash every record file and the whole log, ignoring what the last verify',
    '                  recorded (.cache/verified.json); --anchor and --trusted-key always do',
    '  --anchor        a head printed earlier (by verify or pack) and kept outside the workspace: the log',
    '                  must still contain that entry, and everything after it must verify',
    '  --trusted-key   a public key file (aims keygen): checkpoints signed with it must match the log',
    'Checks: each entry links to the one before (seq, prevHash, hash); each record file matches the hash',
    'in its latest event; no record without an event; no event whose record is missing.',
    'Without --full, a record file whose size, times and inode are those the last verify recorded is not read',
    'again (as git trusts its index); the verdict is the same unless that record was forged too.',
    'A snapshot cache (.cache/) that disagrees with the record files is named and removed.',
    'Exit codes: 0 everything holds; 1 a problem was found (each is named); 2 usage or load error.',
  ],
  options: {
    workspace: { type: 'string', short: 'w' },
    full: { type: 'boolean' },
    anchor: { type: 'string' },
    'trusted-key': { type: 'string' },
  },
  async run(args, io: CommandIO) {
    const anchor = anchorOption(stringOption(args, 'anchor'));
    const keyFile = stringOption(args, 'trusted-key');
    const trustedKey = keyFile ? await readHexKey(resolve(io.cwd, keyFile), 'public key') : undefined;
    const { verdict, cacheProblems, reread, recordFiles, incremental, indexIgnored } = await verifyWorkspace(
      resolve(io.cwd, requireOption(args, 'workspace')),
      {
        log: io.err,
        full: args.values.full === true,
        ...(anchor ? { anchor } : {}),
        ...(trustedKey ? { trustedKey } : {}),
      },
    );
    // Said on standard error, so the verdict on standard output is the same whichever way it was reached.
    if (indexIgnored) {
      io.err(
        `${VERIFIED_INDEX} was not used: ${indexIgnored}; every record file and the whole log were read`,
      );
    }
    if (incremental) {
      io.err(
        `re-read ${reread} of ${recordFiles} record file(s); the others are unchanged since the last verify (--full re-reads all)`,
      );
    }
    cacheProblems.forEach((problem) => io.out(`CACHE-DISAGREES: ${problem}`));
    verdictLines(verdict).forEach((line) => io.out(line));
    // The OK line speaks for the records and the log; the last line must carry the exit code's verdict.
    if (verdict.ok && cacheProblems.length > 0) {
      io.out(
        `FAILED: ${cacheProblems.length} snapshot cache file(s) disagreed with the records (removed; rebuilt from the files)`,
      );
    }
    return verdict.ok && cacheProblems.length === 0 ? 0 : 1;
  },
};
