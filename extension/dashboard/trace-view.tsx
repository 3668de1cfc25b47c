// The auditor trace: each evidence item opens its source at the pinned version and shows its
// content hash and the event that recorded it; plus a check of the whole hash chain.
import { useDeferredValue, useState } from 'react';
import type { EventEntry, EvidenceItem } from '../../shared/model';
import { askBackground } from '../background/client';
import { label } from '../components/labels';
import { RecordTable } from './record-table';

/** Rows shown at once; a search narrows 50,000 items to the ones an auditor samples. */
export const TRACE_PAGE = 200;

export function TraceView({
  evidence,
  events,
}: {
  evidence: readonly EvidenceItem[];
  events: readonly EventEntry[];
}) {
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query).trim().toLowerCase();
  const recordedBy = new Map<string, EventEntry>();
  for (const e of events)
    if (e.recordKind === 'evidence' && e.action !== 'delete') recordedBy.set(e.recordId, e);
  const matching =
    q === ''
      ? evidence
      : evidence.filter((item) =>
          [item.title, item.id, item.url, item.contentHash].some((v) => v.toLowerCase().includes(q)),
        );
  const shown = matching.slice(0, TRACE_PAGE);
  return (
    <section aria-labelledby="trace-heading">
      <h2 id="trace-heading">Auditor trace</h2>
      <label>
        Search evidence <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <p role="status" className="muted" data-testid="trace-count">
        {shown.length < matching.length
          ? `Showing ${shown.length} of ${matching.length} evidence items: search to narrow.`
          : `${matching.length} evidence items`}
      </p>
      <RecordTable
        label="Evidence trace"
        empty={q ? 'No evidence item matches the search.' : 'No evidence recorded yet.'}
        rows={shown}
        rowKey={(item) => item.id}
        rowAttributes={(item) => ({ 'data-evidence-id': item.id })}
        columns={[
          { title: 'Evidence', cell: (item) => item.title },
          {
            title: 'Source at pinned version',
            cell: (item) => (
              <a href={item.url} target="_blank" rel="noreferrer noopener">
                {label(item.sourceTool)} · {item.pinnedVersion}
              </a>
            ),
          },
          { title: 'Content SHA-256', cell: (item) => <code>{item.contentHash}</code> },
          {
            title: 'Recorded by event',
            cell: (item) => {
              const event = recordedBy.get(item.id);
              return event ? (
                <span>
                  #{event.seq} {event.at} by {event.actor} · <code>{event.hash.slice(0, 16)}</code>
                </span>
              ) : (
                'not in the log'
              );
            },
          },
        ]}
      />
    </section>
  );
}

export function VerifyView() {
  const [result, setResult] = useState('');
  const [ok, setOk] = useState<boolean | undefined>(undefined);
  const verify = async () => {
    setResult('Checking the chain…');
    const reply = await askBackground({ type: 'register/verify' });
    if (!reply.ok) return (setOk(false), setResult(`Could not verify: ${reply.error}`));
    const v = reply.verdict;
    setOk(v.ok);
    setResult(
      v.ok
        ? `Intact: ${v.entries} events, head ${v.head}`
        : `Broken: ${v.problems.map((p) => `${p.problem}${p.seq === undefined ? '' : ` at seq ${p.seq}`}: ${p.detail}`).join('; ')}`,
    );
  };
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify the event chain</h2>
      <button type="button" onClick={() => void verify()}>
        Verify
      </button>
      <p role="status" data-testid="verify-result" className={ok === false ? 'error' : ''}>
        {result}
      </p>
    </section>
  );
}
