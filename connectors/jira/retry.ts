// Retrying what Jira says is worth retrying: 429 after its Retry-After, 5xx and timeouts with exponential
// backoff. 4xx answers (401, 403, 404, a bad JQL) fail at once. Time comes from the injected clock.
import { classifyJiraError, JiraError } from './errors';

/** The connector's view of time: the current instant and a wait, both injected. */
export interface JiraClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Progress lines (for a CLI: stderr). Never given a credential. */
export type JiraLog = (line: string) => void;

export interface RetryPolicy {
  maxAttempts: number;
  maxRetryAfterSeconds: number;
  clock: JiraClock;
  log: JiraLog;
  /** Backoff before retry n (1-based) when Jira names no wait; default 1 s, 2 s, 4 s … capped at 30 s. */
  backoffMs?: (retry: number) => number;
  /** Credentials (and their encodings) that must never appear in an error or a log line: see redactSecrets. */
  secrets?: readonly string[];
}

const defaultBackoff = (retry: number) => Math.min(30_000, 1000 * 2 ** (retry - 1));

/** Runs `attempt` until it succeeds, fails for good, or the attempts run out; throws a JiraError. */
export async function withRetry<T>(
  operation: string,
  attempt: () => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const backoff = policy.backoffMs ?? defaultBackoff;
  for (let n = 1; ; n++) {
    let failure: JiraError;
    try {
      return await attempt();
    } catch (error) {
      // Jira's error text is echoed in messages; a server (or a proxy) may echo the Authorization header.
      failure = classifyJiraError(error, operation, policy.clock.now(), policy.secrets ?? []).redacted(
        policy.secrets ?? [],
      );
    }
    if (!failure.retryable || n >= policy.maxAttempts) throw failure;
    const asked = failure.retryAfterSeconds;
    if (asked !== undefined && asked > policy.maxRetryAfterSeconds) {
      throw new JiraError(
        failure.failure,
        operation,
        `Jira asked to wait ${asked}s, more than the ${policy.maxRetryAfterSeconds}s this run allows; run again later`,
        failure.status,
        asked,
      );
    }
    const waitMs = asked !== undefined ? asked * 1000 : backoff(n);
    policy.log(
      `jira: ${failure.message}; retrying in ${Math.round(waitMs / 100) / 10}s (attempt ${n + 1} of ${policy.maxAttempts})`,
    );
    await policy.clock.sleep(waitMs);
  }
}
