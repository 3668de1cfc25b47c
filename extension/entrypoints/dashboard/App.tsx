// The dashboard (full tab): every view of the AIMS, computed from the same register and the same
// shared processes the CLI uses. The address's hash names the view, so views can be linked.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { askBackground } from '../../background/client';
import type { JobView } from '../../background/jobs/job';
import { needOf, readinessOf, today, useConnectionCount, useJobs, useRegister } from '../../dashboard/data';
import { InventoryView } from '../../dashboard/inventory-view';
import { ExchangeView } from '../../dashboard/jobs-view';
import {
  AuditView,
  CalendarView,
  ReadinessView,
  ReviewView,
  RiskHeatMap,
  SoaView,
} from '../../dashboard/process-views';
import { SystemView } from '../../dashboard/system-view';
import { Tabs } from '../../dashboard/tabs';
import { TraceView, VerifyView } from '../../dashboard/trace-view';

const VIEWS = [
  { id: 'inventory', label: 'Inventory' },
  { id: 'risks', label: 'Risk heat map' },
  { id: 'soa', label: 'Statement of Applicability' },
  { id: 'audits', label: 'Audits' },
  { id: 'reviews', label: 'Management reviews' },
  { id: 'readiness', label: 'Readiness' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'trace', label: 'Auditor trace' },
  { id: 'verify', label: 'Verify' },
  { id: 'jobs', label: 'Jobs & exchange' },
] as const;

function route(): { view: string; systemId?: string } {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith('system/')) return { view: 'inventory', systemId: hash.slice('system/'.length) };
  return { view: VIEWS.some((v) => v.id === hash) ? hash : 'inventory' };
}

export function App() {
  const [where, setWhere] = useState(route);
  // Each view reads only what it shows (see RegisterNeed); the inventory list, verify and the
  // exchange read nothing here.
  const need = needOf(where);
  const { data, generation, reload } = useRegister(need);
  // Systems in the register as the inventory's last page said (undefined until one arrived).
  const [inventoryTotal, setInventoryTotal] = useState<number | undefined>(undefined);
  const onFinished = useCallback((job: JobView) => void (job.state === 'done' && reload()), [reload]);
  const jobs = useJobs(onFinished);
  const connections = useConnectionCount();
  const [notice, setNotice] = useState('');
  const day = today();

  useEffect(() => {
    const onHash = () => setWhere(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = (hash: string) => {
    location.hash = hash;
  };
  const ready = data.state === 'ready' ? data.value : undefined;
  // Computed only when the readiness view is shown: the inventory must not wait for it.
  const computed = useMemo(
    () => (ready && where.view === 'readiness' ? readinessOf(ready.snapshot, day) : undefined),
    [ready, day, where.view],
  );

  const loadDemo = async () => {
    setNotice('Loading the example organisation…');
    const reply = await askBackground({ type: 'demo/load' });
    setNotice(
      reply.ok
        ? `Loaded the example organisation: ${reply.written} of ${reply.records} records written.`
        : `Could not load the example organisation: ${reply.error}`,
    );
    await reload();
  };

  const onRecorded = async (what: string) => {
    setNotice(what);
    await reload();
  };

  const readsNothing = need === undefined;
  // Views that read nothing here (verify, the exchange) learn the count of systems from the
  // inventory's first page, asked again after each reload (an import or a clear changes it).
  useEffect(() => {
    if (!readsNothing || (where.view === 'inventory' && !where.systemId)) return;
    let live = true;
    void askBackground({ type: 'inventory/list', limit: 1 }).then((reply) => {
      if (live && reply.ok) setInventoryTotal(reply.total);
    });
    return () => {
      live = false;
    };
  }, [readsNothing, where.view, where.systemId, generation]);

  // No record at all (when the register was read), else no system: nothing to show.
  const empty = ready ? ready.records.length === 0 : inventoryTotal === 0;
  const system = where.systemId
    ? ready?.snapshot['ai-system'].find((s) => s.id === where.systemId)
    : undefined;

  return (
    <main className="page dashboard">
      <header className="page-header">
        <div>
          <h1>AIMS Lens</h1>
          <p className="muted">
            Your ISO/IEC 42001 AI management system, from the same register the aims CLI uses.
          </p>
        </div>
        <a href="options.html" className="link-button">
          Connections
        </a>
      </header>
      {empty && connections === 0 ? (
        <section className="demo-offer" aria-labelledby="demo-heading" data-testid="demo-offer">
          <h2 id="demo-heading">No data yet</h2>
          <p>
            No connection is configured. Load the example organisation to see every view without any token.
          </p>
          <button type="button" onClick={() => void loadDemo()}>
            Load the example organisation
          </button>
        </section>
      ) : null}
      <p role="status" className="notice" data-testid="dashboard-notice">
        {notice}
      </p>
      {data.state === 'failed' ? (
        <p role="alert" className="error">
          Could not read the register: {data.error}
        </p>
      ) : null}
      {data.state === 'loading' && need !== undefined ? <p className="muted">Reading the register…</p> : null}
      <Tabs tabs={VIEWS} active={where.view} onSelect={(id) => go(id)} />
      {where.view === 'inventory' && !where.systemId ? (
        <div
          role="tabpanel"
          id="panel-inventory"
          aria-labelledby="tab-inventory"
          tabIndex={0}
          className="panel"
        >
          <InventoryView
            generation={generation}
            onTotal={setInventoryTotal}
            onOpen={(id) => go(`system/${encodeURIComponent(id)}`)}
          />
        </div>
      ) : null}
      {(where.view !== 'inventory' || where.systemId) && (ready || need === undefined) ? (
        <div
          role="tabpanel"
          id={`panel-${where.view}`}
          aria-labelledby={`tab-${where.view}`}
          tabIndex={0}
          className="panel"
        >
          {ready && where.systemId ? (
            system ? (
              <>
                <button type="button" className="secondary back" onClick={() => go('inventory')}>
                  Back to the inventory
                </button>
                <SystemView
                  system={system}
                  snapshot={ready.snapshot}
                  evidence={ready.evidence ?? []}
                  events={ready.events}
                  today={day}
                  onRecorded={onRecorded}
                />
              </>
            ) : (
              <p role="alert">No AI system {where.systemId} in the register.</p>
            )
          ) : null}
          {ready && !where.systemId ? (
            <>
              {where.view === 'risks' ? <RiskHeatMap snapshot={ready.snapshot} /> : null}
              {where.view === 'soa' ? <SoaView snapshot={ready.snapshot} /> : null}
              {where.view === 'audits' ? (
                <AuditView
                  snapshot={ready.snapshot}
                  events={ready.events}
                  today={day}
                  onRecorded={onRecorded}
                />
              ) : null}
              {where.view === 'reviews' ? <ReviewView snapshot={ready.snapshot} /> : null}
              {where.view === 'readiness' && computed ? <ReadinessView readiness={computed} /> : null}
              {where.view === 'calendar' ? (
                <CalendarView snapshot={ready.snapshot} today={day} now={new Date().toISOString()} />
              ) : null}
              {where.view === 'trace' ? (
                <TraceView evidence={ready.evidence ?? []} events={ready.events} />
              ) : null}
            </>
          ) : null}
          {where.view === 'verify' ? <VerifyView /> : null}
          {where.view === 'jobs' ? <ExchangeView jobs={jobs} /> : null}
        </div>
      ) : null}
    </main>
  );
}
