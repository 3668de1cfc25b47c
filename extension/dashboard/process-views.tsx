// Views computed by the shared clause processes (the same code `aims` runs): risk heat map,
// Statement of Applicability, audits, management reviews, readiness, calendar.
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import { buildSoa } from '../../shared/processes/soa';
import { referenceTo } from '../../shared/processes/reference';
import { soaToCsv } from '../../shared/render/soa';
import type { Readiness } from '../../shared/processes/readiness';
import { operatingCalendar } from '../../shared/processes/calendar';
import {
  ASSESSMENT_WINDOW_DAYS,
  assessmentWork,
  describeAssessmentWork,
} from '../../shared/processes/assessment-work';
import { toICalendar } from '../../shared/render/icalendar';
import type { EventEntry } from '../../shared/model';
import { label } from '../components/labels';
import { download } from './data';
import { CloseFindingForm, type OnRecorded } from './record-forms';
import { EventHistory, RecordTable } from './record-table';

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
      <RecordTable
        label="Statement of Applicability"
        empty="No Annex A controls to show."
        rows={rows}
        rowKey={(r) => r.controlId}
        rowAttributes={(r) => ({ 'data-control': r.controlId })}
        columns={[
          { title: 'Control', cell: (r) => r.controlId },
          { title: 'Title', cell: (r) => r.title },
          {
            title: 'Applicable',
            cell: (r) => (r.applicable === undefined ? 'Undecided' : r.applicable ? 'Yes' : 'No'),
          },
          { title: 'Status', cell: (r) => label(r.status) },
          { title: 'Justification', cell: (r) => r.justification },
        ]}
      />
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
      <RecordTable
        label="Audits"
        empty="No audits recorded yet."
        rows={snapshot.audit}
        rowKey={(a) => a.id}
        columns={[
          { title: 'Audit', cell: (a) => a.title },
          { title: 'Planned', cell: (a) => a.plannedOn },
          { title: 'Status', cell: (a) => label(a.status) },
        ]}
      />
      <h3>Findings</h3>
      <RecordTable
        label="Findings"
        empty="No findings recorded."
        rows={snapshot.finding}
        rowKey={(f) => f.id}
        columns={[
          { title: 'Finding', cell: (f) => f.statement },
          { title: 'Grade', cell: (f) => label(f.grade) },
          { title: 'Clause', cell: (f) => f.ref },
          { title: 'Status', cell: (f) => label(f.status) },
        ]}
      />
      <h3>Corrective actions</h3>
      <RecordTable
        label="Corrective actions"
        empty="No corrective actions recorded."
        rows={snapshot['corrective-action']}
        rowKey={(c) => c.id}
        columns={[
          { title: 'Action', cell: (c) => c.action },
          { title: 'Finding', cell: (c) => referenceTo(snapshot, 'finding', c.findingId) },
          { title: 'Root cause', cell: (c) => c.rootCause },
          { title: 'Status', cell: (c) => label(c.status) },
        ]}
      />
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
      <EventHistory label="Finding history" events={history} />
    </section>
  );
}

export function ReviewView({ snapshot }: { snapshot: RegisterSnapshot }) {
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Management reviews</h2>
      <RecordTable
        label="Management reviews"
        empty="No management reviews recorded yet."
        rows={snapshot['management-review']}
        rowKey={(r) => r.id}
        columns={[
          { title: 'Held on', cell: (r) => r.heldOn },
          { title: 'Chair', cell: (r) => r.chair },
          { title: 'Decisions', cell: (r) => r.decisions.length },
          { title: 'Next review', cell: (r) => r.nextReviewOn },
        ]}
      />
    </section>
  );
}

export function ReadinessView({ readiness }: { readiness: Readiness }) {
  const stage = (name: string, s: Readiness['stage1']) => (
    <section aria-label={name} className="stage">
      <h3>
        {name}: {s.ready ? 'ready' : `${s.gaps.length} gap${s.gaps.length === 1 ? '' : 's'}`}
      </h3>
      <RecordTable
        label={`${name} gaps`}
        empty="No gaps."
        rows={s.gaps}
        rowKey={(g, i) => `${i}:${g.clause}`}
        columns={[
          { title: 'Clause', cell: (g) => g.clause },
          { title: 'Gap', cell: (g) => g.what },
          { title: 'Next action', cell: (g) => g.next },
        ]}
      />
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
  const work = assessmentWork(snapshot, today, ASSESSMENT_WINDOW_DAYS);
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Operating calendar</h2>
      <p data-testid="calendar-assessments">Assessments: {describeAssessmentWork(work)}</p>
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
      <RecordTable
        label="Operating calendar"
        empty="Nothing on the calendar yet."
        rows={calendar.events}
        rowKey={(e) => e.uid}
        rowAttributes={(e) => (e.date < today ? { className: 'overdue' } : {})}
        columns={[
          { title: 'Date', cell: (e) => e.date },
          { title: 'What', cell: (e) => e.summary },
          { title: 'Clause', cell: (e) => e.clause },
          { title: 'Kind', cell: (e) => (e.projected ? 'Projected' : 'Recorded') },
        ]}
      />
    </section>
  );
}
