// The background as a Jira Data Center page meets it: the sender role it gives a tab, and its dependencies
// over an in-memory register, for tests of how overlay messages from such pages are answered.
import type { Connections } from '../../extension/background/connections/settings';
import type { BackgroundDeps } from '../../extension/background/handlers';
import { senderRole, type SenderRole } from '../../extension/background/senders';
import { createMemoryBackend, createRegister, type RegisterWriter } from '../../shared/register';
import { steppingClock } from './builders';

/** This extension, as `senderRole` needs it. */
export const EXTENSION_SELF = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
};

/** The role the background gives a real tab on `url`, with `host` (an origin) registered as Jira. */
export function jiraPageRole(host: string, url: string): SenderRole {
  const role = senderRole(
    { id: EXTENSION_SELF.id, url, tab: {} },
    EXTENSION_SELF,
    new Map([[host, 'jira' as const]]),
  );
  if (!role) throw new Error(`no role for ${url}`);
  return role;
}

/**
 * Background deps for day `today` (YYYY-MM-DD): a memory register holding what `seed` puts in (one
 * transaction, `cause` its reason), the given Jira connections, fetch through msw, every host allowed,
 * and waits that return at once.
 */
export async function jiraBackgroundDeps(
  today: string,
  connections: Connections,
  cause: string,
  seed: (tx: RegisterWriter) => Promise<void>,
): Promise<BackgroundDeps> {
  const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
  await register.transact({ actor: 't', cause }, seed);
  return {
    register,
    today: () => today,
    now: () => `${today}T09:00:00.000Z`,
    jira: {
      connections: () => Promise.resolve(connections),
      fetch: (input, init) => fetch(input, init),
      hostAllowed: () => Promise.resolve(true),
      sleep: () => Promise.resolve(),
    },
  };
}
