// Running and finished jobs with progress bars, and the workspace exchange: import a bundle the
// CLI exported (sent in chunks, verified before anything is written), export this register as one.
import { useState, type ChangeEvent } from 'react';
import type { JobView } from '../background/jobs/job';
import { askBackground } from '../background/client';
import { download } from './data';
import { uploadBundle } from './bundle-upload';
import { ScheduleForm } from './schedule-form';
import { label } from '../components/labels';

/** "Running (scanning o/r)", "Waiting for GitHub rate limit until 14:05", or the state alone. */
function stateLine(job: JobView): string {
  const phase = job.progress.phase;
  if (job.state === 'waiting' && phase) return phase.charAt(0).toUpperCase() + phase.slice(1);
  return job.state === 'running' ? `${label(job.state)} (${phase})` : label(job.state);
}

export function JobList({ jobs }: { jobs: readonly JobView[] }) {
  if (jobs.length === 0) return <p className="muted">No jobs.</p>;
  return (
    <ul aria-label="Jobs" className="jobs">
      {jobs.map((job) => (
        <li key={job.id} data-job-state={job.state}>
          <span id={`job-${job.id}`}>
            {job.title}: {stateLine(job)}
          </span>{' '}
          <progress
            aria-labelledby={`job-${job.id}`}
            max={Math.max(job.progress.total, 1)}
            value={job.progress.done}
          />{' '}
          {job.progress.done}/{job.progress.total}
          {job.error ? <span className="error"> {job.error}</span> : null}
          {job.result ? <span className="muted"> {job.result}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ExchangeView({ jobs }: { jobs: readonly JobView[] }) {
  const [notice, setNotice] = useState('');
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // In chunks: a large register's bundle (tens of MB) is never held whole by this page or sent
    // as one message.
    const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
    const reply = await uploadBundle(file, askBackground, (sent, total) =>
      setNotice(`Uploading ${file.name}: ${megabytes(sent)} of ${megabytes(total)} MB…`),
    );
    setNotice(reply.ok ? `Importing ${file.name}…` : `Not imported: ${reply.error}`);
  };
  const exportBundle = async () => {
    const reply = await askBackground({ type: 'workspace/export' });
    if (!reply.ok) return setNotice(`Not exported: ${reply.error}`);
    download('aims-workspace.json', 'application/json', JSON.stringify(reply.bundle));
    setNotice(`Exported ${reply.bundle.records.length} records and ${reply.bundle.events.length} events.`);
  };
  const clear = async () => {
    if (!window.confirm('Remove every record and event from this browser? Export first if you need them.'))
      return;
    const reply = await askBackground({ type: 'register/clear', confirm: 'clear' });
    setNotice(
      reply.ok
        ? `Cleared ${reply.records} records and ${reply.events} events.`
        : `Not cleared: ${reply.error}`,
    );
  };
  return (
    <section aria-labelledby="exchange-heading">
      <h2 id="exchange-heading">Jobs and workspace exchange</h2>
      <JobList jobs={jobs} />
      <div className="actions">
        <label className="file">
          Import workspace bundle (.json){' '}
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
        </label>
        <button type="button" onClick={() => void exportBundle()}>
          Export workspace bundle
        </button>
        <button type="button" className="secondary" onClick={() => void clear()}>
          Clear register
        </button>
      </div>
      <p role="status" data-testid="exchange-notice">
        {notice}
      </p>
      <ScheduleForm />
    </section>
  );
}
