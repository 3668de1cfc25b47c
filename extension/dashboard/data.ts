// The dashboard's view of the register: what the current view needs of the records and the event
// log, read from the background (the one owner of IndexedDB), grouped into the same snapshot the
// CLI's processes work on.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { AnyRecord, EventEntry, EvidenceItem } from '../../shared/model';
import { readiness, type Readiness } from '../../shared/processes/readiness';
import {
  snapshotOf,
  type EvidenceSummary,
  type FullSnapshot,
  type RegisterSnapshot,
} from '../../shared/processes/snapshot';
import { askBackground } from '../background/client';
import { CONNECTIONS_KEY } from '../background/connections/settings';
import { JobProgressMessage } from '../background/messages';
import type { RegisterReadOptions } from '../background/register-read';
import type { JobView } from '../background/jobs/job';

/** What a view reads of the register (see RegisterReadOptions); undefined: nothing. */
export type RegisterNeed = RegisterReadOptions;

/** What the views other than the inventory list, the verify and the exchange views read. */
export const PROCESS_NEED: RegisterNeed = { evidence: 'summary', events: 'none' };

/**
 * What a dashboard view (the address's view and system, see App) reads of the register; undefined:
 * nothing (the inventory list, verify and the exchange ask the background for their own). Only a
 * system's page and the trace show evidence items whole (addresses, hashes); only they and the
 * audits show history, and the trace alone that of evidence items.
 */
export function needOf(where: { view: string; systemId?: string }): RegisterNeed | undefined {
  if (where.systemId !== undefined)
    return { evidence: 'whole', evidenceOf: where.systemId, events: 'except-evidence' };
  switch (where.view) {
    case 'inventory':
    case 'verify':
    case 'jobs':
      return undefined;
    case 'trace':
      return { evidence: 'whole', events: 'all' };
    case 'audits':
      return { ...PROCESS_NEED, events: 'except-evidence' };
    default:
      return PROCESS_NEED;
  }
}

/**
 * The register as the dashboard holds it: every record whole (AI systems too: a system's page shows
 * them whole), but evidence items as summaries unless the view asked for them whole (see
 * RegisterData.evidence). It is a RegisterSnapshot, what the processes take.
 */
export type DashboardSnapshot = Omit<FullSnapshot, 'evidence'> & {
  readonly evidence: readonly EvidenceSummary[];
};

export interface RegisterData {
  /** The records read: evidence items as summaries unless the need asked for them whole. */
  records: readonly AnyRecord[];
  snapshot: DashboardSnapshot;
  /** The evidence items whole, when the need asked for them so (else undefined). */
  evidence: readonly EvidenceItem[] | undefined;
  /** The events the need asked for (none by default). */
  events: readonly EventEntry[];
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

/**
 * The register as the current view needs it, read from the background when `need` changes (a
 * view switch) and again on `reload`. The inventory list reads its own pages (see
 * inventory-pages.ts) and needs nothing here; readiness, the SoA, the calendar and the like read
 * evidence items as summaries and no event log; only a system's page, the audits and the trace
 * read whole items or events. At 5,000 systems and 50,000 evidence items the whole register is
 * about 55 MB of messages, and the summaries without the log under a third of it. `reload` reads
 * the current need again and bumps `generation`, which tells the inventory to re-read its pages.
 */
export function useRegister(need: RegisterNeed | undefined = PROCESS_NEED): {
  data: Loaded<RegisterData>;
  generation: number;
  reload: () => Promise<void>;
} {
  // What was read last, for which need: data read for another view is never shown for this one.
  const [read, setRead] = useState<{ key: string; data: Loaded<RegisterData> } | undefined>();
  const [generation, setGeneration] = useState(0);
  // A stable key for the need, so an equal need of a new render reads nothing again.
  const key = need === undefined ? undefined : JSON.stringify(need);
  // Only the latest read may land: a slow read for a view left meanwhile is dropped.
  const latest = useRef(0);

  const readNeed = useCallback(async (wanted: string) => {
    const ticket = ++latest.current;
    const options = JSON.parse(wanted) as RegisterNeed;
    const reply = await askBackground({ type: 'register/read', ...options });
    if (ticket !== latest.current) return;
    if (!reply.ok) return setRead({ key: wanted, data: { state: 'failed', error: reply.error } });
    const records = reply.records as AnyRecord[];
    const snapshot = snapshotOf(records);
    // Whole when asked whole: the background sent them as stored.
    const evidence =
      options.evidence === 'summary' ? undefined : (snapshot.evidence as readonly EvidenceItem[]);
    setRead({
      key: wanted,
      data: { state: 'ready', value: { records, snapshot, evidence, events: reply.events } },
    });
  }, []);
  const reload = useCallback(async () => {
    setGeneration((g) => g + 1);
    if (key !== undefined) await readNeed(key);
  }, [readNeed, key]);

  useEffect(() => {
    if (key !== undefined) void readNeed(key);
  }, [key, readNeed]);
  const data: Loaded<RegisterData> =
    read !== undefined && read.key === key ? read.data : { state: 'loading' };
  return { data, generation, reload };
}

// One readiness per snapshot read (a register version) and day: opening the view again reuses it.
const computedReadiness = new WeakMap<RegisterSnapshot, { day: string; value: Readiness }>();

/** Readiness (Stage 1 and 2 gaps, phases) of a snapshot as of `day`, computed once per snapshot and day. */
export function readinessOf(snapshot: RegisterSnapshot, day: string): Readiness {
  const known = computedReadiness.get(snapshot);
  if (known?.day === day) return known.value;
  const value = readiness(snapshot, day);
  computedReadiness.set(snapshot, { day, value });
  return value;
}

/** Jobs as the background reports them: the list once, then every progress message. */
export function useJobs(onFinished?: (job: JobView) => void): JobView[] {
  const [jobs, setJobs] = useState<JobView[]>([]);
  useEffect(() => {
    let live = true;
    void askBackground({ type: 'jobs/list' }).then((reply) => {
      if (live && reply.ok) setJobs(reply.jobs);
    });
    const self = browser.runtime.getURL('/');
    const listener = (message: unknown, sender: { id?: string; url?: string }) => {
      // Only our own background (an extension page of ours) may tell us about jobs.
      if (sender.id !== browser.runtime.id || !sender.url?.startsWith(self)) return;
      const parsed = JobProgressMessage.safeParse(message);
      if (!parsed.success) return;
      const job = parsed.data.job;
      setJobs((all) =>
        [job, ...all.filter((j) => j.id !== job.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      );
      if (job.state === 'done' || job.state === 'failed') onFinished?.(job);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => {
      live = false;
      browser.runtime.onMessage.removeListener(listener);
    };
  }, [onFinished]);
  return jobs;
}

/** Saves text as a file the browser downloads. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * How many connections are configured (undefined until the background answered), re-counted when
 * a connection is saved or removed in another tab, so the demo offer does not outlive the first
 * connection. Only the key's name is looked at: the change's values (tokens) are never read.
 */
export function useConnectionCount(): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const recount = () =>
      void askBackground({ type: 'connections/list' }).then((reply) => {
        if (live) setCount(reply.ok ? reply.connections.length : 0);
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CONNECTIONS_KEY in changes) recount();
    };
    recount();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return count;
}
