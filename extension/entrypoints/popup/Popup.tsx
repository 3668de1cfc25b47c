// The toolbar popup: readiness at a glance, open triggers, missing, overdue and due assessments (each
// counted apart), running jobs with progress bars; with no data and no connection, the offer to load the demo.
import { useCallback, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  ASSESSMENT_WINDOW_DAYS,
  assessmentWork,
  describeAssessmentTask,
  describeAssessmentWork,
} from '../../../shared/processes/assessment-work';
import { readiness } from '../../../shared/processes/readiness';
import { askBackground } from '../../background/client';
import { today, useConnectionCount, useJobs, useRegister } from '../../dashboard/data';
import { JobList } from '../../dashboard/jobs-view';
import { PENDING_STATES } from '../../background/jobs/job';

export function Popup() {
  const { data, reload } = useRegister();
  const jobs = useJobs(useCallback(() => void reload(), [reload]));
  const [notice, setNotice] = useState('');
  const connections = useConnectionCount();
  const day = today();
  const ready = data.state === 'ready' ? data.value : undefined;
  const summary = useMemo(() => {
    if (!ready) return undefined;
    const r = readiness(ready.snapshot, day);
    const work = assessmentWork(ready.snapshot, day, ASSESSMENT_WINDOW_DAYS);
    const names = new Map(ready.snapshot['ai-system'].map((s) => [s.id, s.name]));
    return {
      r,
      triggers: ready.snapshot.trigger.filter((t) => t.status === 'open' || t.status === 'assessing'),
      work,
      // Most urgent first: never assessed, overdue, due now, changed since assessed, then coming up.
      tasks: [...work.missing, ...work.overdue, ...work.due, ...work.stale, ...work.upcoming],
      names,
    };
  }, [ready, day]);
  const running = jobs.filter((j) => PENDING_STATES.includes(j.state));

  const loadDemo = async () => {
    const reply = await askBackground({ type: 'demo/load' });
    setNotice(
      reply.ok
        ? `Loaded the example organisation (${reply.records} records).`
        : `Could not load it: ${reply.error}`,
    );
    await reload();
  };
  const open = (page: string) =>
    void browser.tabs.create({ url: browser.runtime.getURL(page as '/dashboard.html') });

  return (
    <main className="popup">
      <h1>AIMS Lens</h1>
      {ready && ready.records.length === 0 && connections === 0 ? (
        <section aria-labelledby="popup-demo" data-testid="popup-demo">
          <h2 id="popup-demo">No data yet</h2>
          <button type="button" onClick={() => void loadDemo()}>
            Load the example organisation
          </button>
        </section>
      ) : null}
      <p role="status">{notice}</p>
      {summary ? (
        <>
          <section aria-labelledby="popup-readiness">
            <h2 id="popup-readiness">Readiness</h2>
            <ul data-testid="popup-readiness">
              <li>Stage 1: {summary.r.stage1.ready ? 'ready' : `${summary.r.stage1.gaps.length} gaps`}</li>
              <li>Stage 2: {summary.r.stage2.ready ? 'ready' : `${summary.r.stage2.gaps.length} gaps`}</li>
            </ul>
          </section>
          <section aria-labelledby="popup-triggers">
            <h2 id="popup-triggers">Open triggers ({summary.triggers.length})</h2>
            <ul data-testid="popup-triggers">
              {summary.triggers.slice(0, 5).map((t) => (
                <li key={t.id}>
                  {summary.names.get(t.systemId) ?? t.systemId}: {t.detail}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="popup-assessments">
            <h2 id="popup-assessments">Assessments: {describeAssessmentWork(summary.work)}</h2>
            <ul data-testid="popup-assessments">
              {summary.tasks.slice(0, 5).map((task) => (
                <li
                  key={`${task.status.kind}:${task.system.id}`}
                  className={
                    task.status.state === 'missing' || task.status.state === 'overdue' ? 'error' : ''
                  }
                >
                  {describeAssessmentTask(task)}
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
      <section aria-labelledby="popup-jobs">
        <h2 id="popup-jobs">Running jobs ({running.length})</h2>
        <JobList jobs={running} />
      </section>
      <p className="actions">
        <button type="button" onClick={() => open('/dashboard.html')}>
          Open the dashboard
        </button>
        <button type="button" className="secondary" onClick={() => open('/options.html')}>
          Connections
        </button>
      </p>
    </main>
  );
}
