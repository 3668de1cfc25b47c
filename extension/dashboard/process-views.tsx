// Views computed by the shared clause processes (the same code `aims` runs): risk heat map,
// Statement of Applicability, audits, management reviews, readiness, calendar.
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import { buildSoa } from '../../shared/processes/soa';
import { soaToCsv } from '../../shared/render/soa';
import type { Readiness } from '../../shared/processes/readiness';
import { operatingCalendar } from '../../shared/processes/calendar';
import { toICalendar } from '../../shared/render/icalendar';
import type { EventEntry } from '../../shared/model';
import { download } from './data';
import { CloseFindingForm, type OnRecorded } from './record-forms';

/** Impact of a risk on the heat map: its worst consequence. */
const impactOf = (consequences: Partial<Record<string, number>>) =>
  Math.max(1, ...Object.values(consequences).map((v) => v ?? 1));

export function RiskHeatMap({ snapshot }: { snapshot: RegisterSnapshot }) {
  const cells = new Map<string, number>();
  let maxL = 5;
  let maxI = 5;
  for (const ra of snapshot['risk-assessment']) {
    for (const r of ra.risks) {
      const i = impactOf(r.consequences);
      maxL = Math.max(maxL, r.likelihood);
      maxI = Math.max(maxI, i);
      cells.set(`${r.likelihood}:${i}`, (cells.get(`${r.likelihood}:${i}`) ?? 0) + 1);
    }
  }
  const likelihoods = Array.from({ length: maxL }, (_, k) => maxL - k);
  const impacts = Array.from({ length: maxI }, (_, k) => k + 1);
  return (
    <section aria-labelledby="heat-heading">
      <h2 id="heat-heading">Risk heat map</h2>
      <p className="muted">
        Identified risks by likelihood (rows) and worst consequence (columns), clause 6.1.2.
      </p>
      <table className="heat" aria-label="Risk heat map">
        <thead>
          <tr>
            <th scope="col">Likelihood \ Impact</th>
            {impacts.map((i) => (
              <th key={i} scope="col">
                {i}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {likelihoods.map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {impacts.map((i) => {
                const n = cells.get(`${l}:${i}`) ?? 0;
                return (
                  <td key={i} data-score={l * i} data-count={n} className={n > 0 ? 'hot' : ''}>
                    {n > 0 ? n : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SoaView({ snapshot }: { snapshot: RegisterSnapshot }) {
  const rows = buildSoa(snapshot);
  return (
    <section aria-labelledby="soa-heading">
      <h2 id="soa-heading">Statement of Applicability</h2>
      <button
        type="button"
        onClick={() => download('statement-of-applicability.csv', 'text/csv', soaToCsv(rows))}
      >
        Export CSV
      </button>
      <table aria-label="Statement of Applicability">
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Title</th>
            <th scope="col">Applicable</th>
            <th scope="col">Status</th>
            <th scope="col">Justification</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.controlId} data-control={r.controlId}>
              <th scope="row">{r.controlId}</th>
              <td>{r.title}</td>
              <td>{r.applicable === undefined ? 'undecided' : r.applicable ? 'yes' : 'no'}</td>
              <td>{r.status}</td>
              <td>{r.justification}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AuditView({
  snapshot,
  events,
  today,
  onRecorded,
}: {
  snapshot: RegisterSnapshot;
  events: readonly EventEntry[];
  today: string;
  onRecorded: OnRecorded;
}) {
  const open = snapshot.finding.filter((f) => f.status !== 'closed');
  const history = events
    .filter((e) => e.recordKind === 'finding' || e.recordKind === 'corrective-action')
    .slice(-20)
    .reverse();
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit programme, findings and corrective actions</h2>
      <h3>Programme</h3>
      <ul aria-label="Audit programmes">
        {snapshot['audit-programme'].map((p) => (
          <li key={p.id}>
            {p.title}: every {p.frequencyMonths} months, {p.responsible}
          </li>
        ))}
      </ul>
      <h3>Audits</h3>
      <table aria-label="Audits">
        <thead>
          <tr>
            <th scope="col">Audit</th>
            <th scope="col">Planned</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.audit.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.title}</th>
              <td>{a.plannedOn}</td>
              <td>{a.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Findings</h3>
      <table aria-label="Findings">
        <thead>
          <tr>
            <th scope="col">Finding</th>
            <th scope="col">Grade</th>
            <th scope="col">Clause</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.finding.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.statement}</th>
              <td>{f.grade}</td>
              <td>{f.ref}</td>
              <td>{f.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Corrective actions</h3>
      <table aria-label="Corrective actions">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Finding</th>
            <th scope="col">Root cause</th>
          </tr>
        </thead>
        <tbody>
          {snapshot['corrective-action'].map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.action}</th>
              <td>{c.findingId}</td>
              <td>{c.rootCause}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open.length > 0 ? (
        <details className="forms">
          <summary>Close a finding with its corrective action</summary>
          {open.map((f) => (
            <CloseFindingForm
              key={f.id}
              finding={f}
              actions={snapshot['corrective-action'].filter((c) => c.findingId === f.id)}
              today={today}
              onRecorded={onRecorded}
            />
          ))}
        </details>
      ) : null}
      <h3>History of findings and corrective actions</h3>
      <ol aria-label="Finding history" className="history">
        {history.map((e) => (
          <li key={e.seq}>
            #{e.seq} {e.at.slice(0, 10)} {e.actor} {e.action} {e.recordKind} {e.recordId}: {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ReviewView({ snapshot }: { snapshot: RegisterSnapshot }) {
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Management reviews</h2>
      <table aria-label="Management reviews">
        <thead>
          <tr>
            <th scope="col">Held on</th>
            <th scope="col">Chair</th>
            <th scope="col">Decisions</th>
            <th scope="col">Next review</th>
          </tr>
        </thead>
        <tbody>
          {snapshot['management-review'].map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.heldOn}</th>
              <td>{r.chair}</td>
              <td>{r.decisions.length}</td>
              <td>{r.nextReviewOn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReadinessView({ readiness }: { readiness: Readiness }) {
  const stage = (name: string, s: Readiness['stage1']) => (
    <section aria-label={name} className="stage">
      <h3>
        {name}: {s.ready ? 'ready' : `${s.gaps.length} gap${s.gaps.length === 1 ? '' : 's'}`}
      </h3>
      <table aria-label={`${name} gaps`}>
        <thead>
          <tr>
            <th scope="col">Clause</th>
            <th scope="col">Gap</th>
            <th scope="col">Next action</th>
          </tr>
        </thead>
        <tbody>
          {s.gaps.map((g, i) => (
            <tr key={i}>
              <th scope="row">{g.clause}</th>
              <td>{g.what}</td>
              <td>{g.next}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <section aria-labelledby="readiness-heading">
      <h2 id="readiness-heading">Certification readiness</h2>
      <ul aria-label="Phases" className="phases">
        {readiness.phases.map((p) => (
          <li key={p.name}>
            <span id={`phase-${p.name}`}>{p.name}</span>{' '}
            <progress max={100} value={p.percent} aria-labelledby={`phase-${p.name}`} /> {p.percent}%
          </li>
        ))}
      </ul>
      {stage('Stage 1', readiness.stage1)}
      {stage('Stage 2', readiness.stage2)}
    </section>
  );
}

export function CalendarView({
  snapshot,
  today,
  now,
}: {
  snapshot: RegisterSnapshot;
  today: string;
  now: string;
}) {
  const calendar = operatingCalendar(snapshot, today);
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Operating calendar</h2>
      <button
        type="button"
        onClick={() =>
          download(
            'aims-calendar.ics',
            'text/calendar',
            toICalendar(calendar.events, { generatedAt: now, name: 'AIMS operating calendar' }),
          )
        }
      >
        Download .ics
      </button>
      <table aria-label="Operating calendar">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Clause</th>
            <th scope="col">Kind</th>
          </tr>
        </thead>
        <tbody>
          {calendar.events.map((e) => (
            <tr key={e.uid} className={e.date < today ? 'overdue' : ''}>
              <th scope="row">{e.date}</th>
              <td>{e.summary}</td>
              <td>{e.clause}</td>
              <td>{e.projected ? 'projected' : 'recorded'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
