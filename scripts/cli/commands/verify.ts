import { resolve } from 'node:path';
import { openWorkspace } from '../../../connectors/local/workspace';
import type { RegisterVerdict } from '../../../shared/register';
import { requireOption, stringOption, UserError, type Command, type CommandIO } from '../command';
import { readHexKey } from '../signing-key';

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
  usage: 'aims verify --workspace <dir> [--anchor <sha256>] [--trusted-key <public key file>]',
  details: [
    '  --anchor        a head printed earlier (by verify or pack) and kept outside the workspace: the log',
    '                  must still contain that entry, and everything after it must verify',
    '  --trusted-key   a public key file (aims keygen): checkpoints signed with it must match the log',
    'Checks: each entry links to the one before (seq, prevHash, hash); each record file matches the hash',
    'in its latest event; no record without an event; no event whose record is missing.',
    'Every record file is read afresh; a snapshot cache (.cache/) that disagrees with them is named and removed.',
    'Exit codes: 0 everything holds; 1 a problem was found (each is named); 2 usage or load error.',
  ],
  options: {
    workspace: { type: 'string', short: 'w' },
    anchor: { type: 'string' },
    'trusted-key': { type: 'string' },
  },
  async run(args, io: CommandIO) {
    const anchor = anchorOption(stringOption(args, 'anchor'));
    const keyFile = stringOption(args, 'trusted-key');
    const trustedKey = keyFile ? await readHexKey(resolve(io.cwd, keyFile), 'public key') : undefined;
    // Every record file is read and hashed afresh; the snapshot cache only gets checked against them.
    const cacheProblems: string[] = [];
    const register = await openWorkspace(resolve(io.cwd, requireOption(args, 'workspace')), {
      log: io.err,
      recordCache: 'check',
      cacheProblems: (problems) => cacheProblems.push(...problems),
    });
    const verdict = await register.verify({
      ...(anchor ? { anchor } : {}),
      ...(trustedKey ? { trustedKey } : {}),
    });
    cacheProblems.forEach((problem) => io.out(`CACHE-DISAGREES: ${problem}`));
    verdictLines(verdict).forEach((line) => io.out(line));
    return verdict.ok && cacheProblems.length === 0 ? 0 : 1;
  },
};
