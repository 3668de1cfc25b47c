import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRegister } from '../../shared/register';
import { createDexieBackend, DEFAULT_DATABASE } from '../db/dexie-backend';
import { openAimsDatabase } from '../db/schema';
import { handleMessage, type BackgroundDeps } from '../background/handlers';
import { senderRole } from '../background/senders';
import { createJobRunner } from '../background/jobs/runner';
import { JOB_HANDLERS } from '../background/jobs/handlers';
import type { JobProgressMessage } from '../background/messages';
import { createConnectionService } from '../background/connections/service';
import { storageLocalStore } from '../background/connections/settings';
import { createGraphClient } from '../../connectors/sharepoint/graph-client';
import { createGithubPullReader } from '../background/github-pull';

/** Wakes a stopped worker while jobs are pending (Chrome's minimum period is 30 s). */
const JOBS_ALARM = 'aims-lens-jobs';

/**
 * Chrome lets content scripts read storage.local unless the extension says otherwise, and the service
 * tokens live there: only this worker and the extension's own pages may read it. (Firefox has no such
 * switch; there, content scripts never read storage either, by this code.)
 */
function restrictStorageToExtension(): void {
  const local = (globalThis as { chrome?: { storage?: { local?: { setAccessLevel?: unknown } } } }).chrome
    ?.storage?.local;
  if (typeof local?.setAccessLevel === 'function')
    void (local.setAccessLevel as (o: { accessLevel: string }) => Promise<void>)({
      accessLevel: 'TRUSTED_CONTEXTS',
    }).catch(() => undefined);
}

export default defineBackground(() => {
  restrictStorageToExtension();
  // Built per worker start: an MV3 worker is killed when idle, and everything it needs is in
  // IndexedDB. Service tokens stay in this worker's storage.local and never travel to pages.
  const clock = () => new Date().toISOString();
  const db = openAimsDatabase(DEFAULT_DATABASE);
  const jobs = createJobRunner({
    db,
    handlers: JOB_HANDLERS,
    clock,
    newId: () => `job-${crypto.randomUUID()}`,
    broadcast: (job) => {
      const message: JobProgressMessage = { type: 'jobs/progress', job };
      // No open page is not an error: the next page asks for the list.
      browser.runtime.sendMessage(message).catch(() => undefined);
    },
    keepAwake: async (pending) => {
      if (pending) await browser.alarms.create(JOBS_ALARM, { periodInMinutes: 0.5 });
      else await browser.alarms.clear(JOBS_ALARM);
    },
    report: (job) => console.warn(`AIMS Lens: job ${job.id} (${job.title}) failed: ${job.error}`),
  });
  // The browser's net::ERR_* per failed request, so "Test connection" can say DNS or certificate
  // where fetch only says "Failed to fetch". Only hosts the user granted are visible here.
  const networkErrors = new Map<string, string>();
  browser.webRequest?.onErrorOccurred.addListener(
    (details) => {
      if (networkErrors.size > 100) networkErrors.clear();
      networkErrors.set(details.url, details.error);
    },
    { urls: ['https://*/*'] },
  );
  const connectionStore = storageLocalStore(browser.storage.local);
  const hostAllowed = (origin: string) => browser.permissions.contains({ origins: [`${origin}/*`] });
  const connections = createConnectionService({
    store: connectionStore,
    probe: {
      fetch: (...args) => fetch(...args),
      hostAllowed,
      networkError: (url) => networkErrors.get(url),
    },
    microsoft: {
      launch: async (url) => {
        const redirected = await browser.identity.launchWebAuthFlow({ url, interactive: true });
        if (!redirected) throw new Error('Microsoft sign-in was cancelled');
        return redirected;
      },
      redirectUri: browser.identity?.getRedirectURL() ?? '',
      fetch: (...args) => fetch(...args),
      random: (bytes) => crypto.getRandomValues(new Uint8Array(bytes)),
      now: () => new Date(),
    },
  });
  const deps: BackgroundDeps = {
    connections,
    openConnections: () => browser.runtime.openOptionsPage(),
    // Graph through the SharePoint connector (retries on 429/503 with Retry-After, timeouts).
    graphClient: (token) => createGraphClient({ token }),
    githubPulls: createGithubPullReader({
      connection: async () => (await connectionStore.read()).github,
      fetch: (...args) => fetch(...args),
      now: () => Date.now(),
    }),
    register: createRegister(createDexieBackend(db), { clock }),
    today: () => clock().slice(0, 10),
    now: clock,
    jobs,
    // The Jira panel's Link to assessment: the connector over this worker's fetch, tokens from storage.local.
    jira: { connections: () => connectionStore.read(), fetch: (...args) => fetch(...args), hostAllowed },
    clearRegister: async () => {
      const [records, events] = await Promise.all([db.records.count(), db.events.count()]);
      await db.transaction('rw', db.records, db.events, async () => {
        await db.records.clear();
        await db.events.clear();
      });
      return { records, events };
    },
  };

  // Registered synchronously so a message or alarm that wakes the worker is not missed.
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message: unknown, sender) =>
    handleMessage(message, deps, senderRole(sender, self)),
  );
  // Any other installed extension can address this one by id (web pages cannot: the manifest has
  // no externally_connectable). It gets a stranger's answer, refused before its message is read.
  browser.runtime.onMessageExternal?.addListener((message: unknown, sender) =>
    handleMessage(message, deps, senderRole(sender, self)),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOBS_ALARM) void jobs.resume();
  });
  // A job interrupted when the browser stopped the previous worker continues now.
  void jobs.resume();
});
