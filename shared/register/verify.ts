// One verdict over everything the register can check: the chain, records against it, and, when
// given, an anchor kept outside the workspace and checkpoints signed with a key kept outside it.
import type { EventEntry } from '../model';
import { bindingProblems, latestEvents, type LatestEvent, type StoredRecordDigest } from './binding';
import { verifyCheckpoints, type Checkpoint } from './checkpoint';
import { GENESIS_HASH, verifyChain, type ChainStart } from './event-chain';
import type { TextSha256 } from './hash';
import type { RegisterProblem, RegisterVerdict } from './verdict';

export interface VerifyOptions {
  /** A head recorded earlier (64 hex digits): the log must still contain the entry with this hash. */
  anchor?: string;
  /** Public key (hex) whose signed checkpoints must all still match the log. */
  trustedKey?: string;
}

export interface VerifyInput extends VerifyOptions {
  events: readonly EventEntry[];
  records: readonly StoredRecordDigest[];
  checkpoints?: readonly Checkpoint[];
  locate?: (kind: string, id: string) => string | undefined;
  /** Computes the chain's digests (default: the pure implementation). */
  sha256?: TextSha256;
}

/** A log whose first entries verified earlier (their chain held), and the events after them. */
export interface ContinuedLog {
  /** The entries after the verified ones. */
  tail: readonly EventEntry[];
  /** How many entries verified, and the last one's hash. */
  start: ChainStart;
  /** latestEvents() of the verified entries; the tail's are added to it (it is changed). */
  latest: Map<string, LatestEvent>;
}

/**
 * The chain and binding part of a verdict for a log known only from its verified start and the entries
 * after it: the same verdict (problems, order, counts, head) verifyRegister gives for the whole log
 * without an anchor or trusted key.
 */
export function verifyContinued(
  log: ContinuedLog,
  input: Pick<VerifyInput, 'records' | 'locate' | 'sha256'>,
): RegisterVerdict {
  const chain = verifyChain(log.tail, input.sha256, log.start);
  const problems: RegisterProblem[] = [];
  if (!chain.ok) problems.push({ problem: chain.problem, seq: chain.seq, detail: chain.detail });
  problems.push(...bindingProblems(latestEvents(log.tail, log.latest), input.records, input.locate));
  return {
    ok: problems.length === 0,
    entries: log.start.index + log.tail.length,
    head: chain.head,
    records: input.records.length,
    problems,
  };
}

/**
 * Problems are listed chain first, then records, then anchor and signatures; `ok` is true only
 * when there are none. The chain is checked from genesis, so a found anchor means the log is
 * append-only since it (as far as hashes go).
 */
export function verifyRegister(input: VerifyInput): RegisterVerdict {
  const { events } = input;
  const base = verifyContinued(
    { tail: events, start: { index: 0, prevHash: GENESIS_HASH }, latest: new Map() },
    input,
  );
  const problems: RegisterProblem[] = [...base.problems];

  let anchorSeq: number | undefined;
  if (input.anchor !== undefined) {
    const anchor = input.anchor.toLowerCase();
    const found = events.find((e) => e.hash === anchor);
    if (found) anchorSeq = found.seq;
    else
      problems.push({
        problem: 'anchor-not-found',
        detail: `the anchor ${anchor} is not in the log: entries up to it were removed or rewritten`,
      });
  }
  let signedThrough: number | undefined;
  if (input.trustedKey !== undefined) {
    const signed = verifyCheckpoints(events, input.checkpoints ?? [], input.trustedKey);
    problems.push(...signed.problems);
    signedThrough = signed.signedThrough;
  }
  return {
    ...base,
    ok: problems.length === 0,
    problems,
    ...(anchorSeq === undefined ? {} : { anchorSeq }),
    ...(signedThrough === undefined ? {} : { signedThrough }),
  };
}
