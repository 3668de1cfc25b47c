import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRegister } from '../../shared/register';
import { createDexieBackend, DEFAULT_DATABASE, readWholeRegister } from '../db/dexie-backend';
import { openAimsDatabase } from '../db/schema';
import { handleMessage, type BackgroundDeps } from '../background/handlers';
import { createInventoryIndex } from '../background/inventory-index';
import { senderRole } from '../background/senders';
import { createJobRunner } from '../background/jobs/runner';
import { pagesRegister } from '../background/jobs/import-guard';
import { JOB_HANDLERS } from '../background/jobs/handlers';
import { createBundleUploads } from '../background/jobs/import-upload';
import type { JobProgressMessage } from '../background/messages';
import { createConnectionService } from '../background/connections/service';
import { storageLocalStore } from '../background/connections/settings';
import { createOverlayScripts, selfHostedOrigins, type ScriptingApi } from '../background/overlay-scripts';
import { createGraphClient } from '../../connectors/sharepoint/graph-client';
import { createGithubPullReader } from '../background/github-pull';
import { githubApiRoot } from '../background/connections/github-probe';
import { SCHEDULE_ALARM, dueJobs, storageLocalSchedule, type Schedule } from '../background/jobs/schedule';
import { createGitHubClient } from '../../connectors/github/client';
import type { JobKind } from '../background/jobs/job';
import { IN_STEP_RATE_LIMIT_WAIT_SECONDS } from '../background/jobs/sync-job';

/** Wakes a stopped worker while jobs are pending (Chrome's minimum period is 30 s). */
const JOBS_ALARM = 'aims-lens-jobs';
/** Wakes the worker when a job waiting out a rate limit may go on. */
const JOBS_WAIT_ALARM = 'aims-lens-jobs-wait';

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
  const connectionStore = storageLocalStore(browser.storage.local);
  const scheduleStore = storageLocalSchedule(browser.storage.local);
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
    wakeAt: async (at) => {
      if (at) await browser.alarms.create(JOBS_WAIT_ALARM, { when: Date.parse(at) });
      else await browser.alarms.clear(JOBS_WAIT_ALARM);
    },
    report: (job) => console.warn(`AIMS Lens: job ${job.id} (${job.title}) failed: ${job.error}`),
    context: {
      // Its own register over the same database: its writes join each step's transaction, and
      // never wait behind a page's write queued on the pages' register.
      register: createRegister(createDexieBackend(db), { clock }),
      now: clock,
      connectors: {
        // The token is read here, in the worker, for each step; it never enters a job's record.
        github: async () => {
          const github = (await connectionStore.read()).github;
          if (!github) throw new Error('GitHub is not configured (Connections page)');
          return createGitHubClient({
            token: github.token,
            baseUrl: githubApiRoot(github.serverUrl),
            // Longer rate limits end the step; the job then waits for an alarm, not in a fetch.
            maxRateLimitWaitSeconds: IN_STEP_RATE_LIMIT_WAIT_SECONDS,
          });
        },
      },
    },
  });
  /** Starts what the schedule asks for, skipping kinds with a job still pending. */
  const runSchedule = async () => {
    const pending = new Set<JobKind>();
    for (const kind of ['scan', 'sync'] as const) if (await jobs.pending(kind)) pending.add(kind);
    for (const job of dueJobs(await scheduleStore.read(), pending)) {
      await jobs.start(job.kind, job.input).catch((error: unknown) => {
        console.warn(`AIMS Lens: scheduled ${job.kind} not started: ${String(error)}`);
      });
    }
  };
  const setAlarm = async (schedule: Schedule) => {
    if (schedule.intervalMinutes === 0) await browser.alarms.clear(SCHEDULE_ALARM);
    else {
      await browser.alarms.create(SCHEDULE_ALARM, {
        periodInMinutes: schedule.intervalMinutes,
        delayInMinutes: schedule.intervalMinutes,
      });
    }
  };
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
  const hostAllowed = (origin: string) => browser.permissions.contains({ origins: [`${origin}/*`] });
  // Self-hosted hosts' overlays: registered for each configured origin the user granted.
  const scripting = browser.scripting as ScriptingApi | undefined;
  const overlayScripts = createOverlayScripts(
    {
      scripting: typeof scripting?.registerContentScripts === 'function' ? scripting : undefined,
      connections: () => connectionStore.read(),
      granted: hostAllowed,
    },
    (error) => console.warn('AIMS Lens: could not update the self-hosted overlays', error),
  );
  const service = createConnectionService({
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
  // Saving or removing a connection adds or drops its self-hosted host's overlay.
  const connections: typeof service = {
    ...service,
    save: async (connection) => {
      const saved = await service.save(connection);
      await overlayScripts.sync();
      return saved;
    },
    remove: async (which) => {
      const left = await service.remove(which);
      await overlayScripts.sync();
      return left;
    },
  };
  // Bundles come in chunks, staged in IndexedDB until their import job is over.
  const uploads = createBundleUploads(db, { now: clock, newId: () => `upload-${crypto.randomUUID()}` });
  // Refuses each commit while an import is pending, inside the commit's own transaction.
  const register = pagesRegister(db, clock);
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
    register,
    readWhole: (withEvents) => readWholeRegister(db, withEvents),
    // The chain's head names the register's content: any write (a page's, a job's) moves it.
    inventory: createInventoryIndex({
      version: async () => (await db.events.orderBy('seq').last())?.hash ?? 'empty',
      systems: () => register.list('ai-system'),
    }),
    today: () => clock().slice(0, 10),
    now: clock,
    jobs,
    uploads,
    // The Jira panel's Link to assessment: the connector over this worker's fetch, tokens from storage.local.
    jira: { connections: () => connectionStore.read(), fetch: (...args) => fetch(...args), hostAllowed },
    schedule: {
      read: () => scheduleStore.read(),
      write: async (schedule) => {
        await scheduleStore.write(schedule);
        await setAlarm(schedule);
      },
      nextRun: async () => {
        const alarm = await browser.alarms.get(SCHEDULE_ALARM);
        return alarm ? new Date(alarm.scheduledTime).toISOString() : undefined;
      },
    },
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
  // A page on a configured self-hosted origin speaks as that host's content script (origins only:
  // no part of a connection beyond its address is read for this).
  browser.runtime.onMessage.addListener((message: unknown, sender) =>
    connectionStore
      .read()
      .catch(() => ({}))
      .then((stored) => handleMessage(message, deps, senderRole(sender, self, selfHostedOrigins(stored)))),
  );
  // Any other installed extension can address this one by id (web pages cannot: the manifest has
  // no externally_connectable). It gets a stranger's answer, refused before its message is read.
  browser.runtime.onMessageExternal?.addListener((message: unknown, sender) =>
    handleMessage(message, deps, senderRole(sender, self)),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOBS_ALARM || alarm.name === JOBS_WAIT_ALARM) void jobs.resume();
    if (alarm.name === SCHEDULE_ALARM) void runSchedule();
  });
  browser.permissions.onAdded?.addListener(() => void overlayScripts.sync());
  browser.permissions.onRemoved?.addListener(() => void overlayScripts.sync());
  // Hosts granted before this worker started (and a grant withdrawn meanwhile) are brought in line.
  void overlayScripts.sync();
  // A job interrupted when the browser stopped the previous worker continues now; uploads nobody
  // will finish or use (a page closed mid-upload, a job over before its staging was freed) go.
  void jobs.resume();
  void uploads.sweep().catch(() => undefined);
});
