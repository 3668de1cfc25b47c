// The dashboard's view of the register: every record and the event log, read from the background
// (the one owner of IndexedDB), grouped into the same snapshot the CLI's processes work on.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { AnyRecord, EventEntry } from '../../shared/model';
import { readiness, type Readiness } from '../../shared/processes/readiness';
import { snapshotOf, type FullSnapshot, type RegisterSnapshot } from '../../shared/processes/snapshot';
import { askBackground } from '../background/client';
import { CONNECTIONS_KEY } from '../background/connections/settings';
import { JobProgressMessage } from '../background/messages';
import type { JobView } from '../background/jobs/job';

export interface RegisterData {
  records: readonly AnyRecord[];
  snapshot: FullSnapshot;
  events: readonly EventEntry[];
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

/**
 * The register for the views that need all of it. The inventory list reads its own pages (see
 * inventory-pages.ts) and bumps nothing here; every record and the event log are read only once
 * `full` is true, i.e. a view needs more than the inventory. At 5,000 systems and 50,000 evidence
 * items that message is most of the work, so the inventory never waits for it. `reload` reads
 * again what has been read so far and bumps `generation`, which tells the inventory to re-read its
 * pages.
 */
export function useRegister(full = true): {
  data: Loaded<RegisterData>;
  generation: number;
  reload: () => Promise<void>;
} {
  const [data, setData] = useState<Loaded<RegisterData>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  // Whether the whole register was asked for: later reloads read it again.
  const [wanted, setWanted] = useState(full);
  if (full && !wanted) setWanted(true);

  const readAll = useCallback(async () => {
    const reply = await askBackground({ type: 'register/read' });
    if (!reply.ok) return setData({ state: 'failed', error: reply.error });
    const records = reply.records as AnyRecord[];
    setData({ state: 'ready', value: { records, snapshot: snapshotOf(records), events: reply.events } });
  }, []);
  const reload = useCallback(async () => {
    setGeneration((g) => g + 1);
    if (wanted) await readAll();
  }, [readAll, wanted]);

  useEffect(() => {
    if (wanted) void readAll();
  }, [wanted, readAll]);
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
