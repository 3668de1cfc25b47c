// One system as an auditor reads it: components, evidence (each opening its source at the pinned
// version), risks and treatments, impact assessments, triggers, and its history from the event log.
import type { AiSystem, EventEntry, EvidenceItem } from '../../shared/model';
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import { systemIdOf } from '../../shared/register/indexing';
import { label } from '../components/labels';
import { CloseTriggerForm, RaiseTriggerForm, TreatmentStatusForm, type OnRecorded } from './record-forms';
import { EventHistory, RecordTable } from './record-table';

export function SystemView({
  system,
  snapshot,
  evidence: wholeEvidence,
  events,
  today,
  onRecorded,
}: {
  system: AiSystem;
  snapshot: RegisterSnapshot;
  /** Evidence items whole (at least this system's): the table opens each at its pinned version. */
  evidence: readonly EvidenceItem[];
  events: readonly EventEntry[];
  /** The recording day (YYYY-MM-DD) for effectiveness checks. */
  today: string;
  /** After a form's write: tell the user and reload the register. */
  onRecorded: OnRecorded;
}) {
  const evidence = wholeEvidence.filter((e) => e.systemIds.includes(system.id));
  const risks = snapshot['risk-assessment'].filter((r) => r.systemId === system.id);
  const treatments = snapshot.treatment.filter((t) => t.systemId === system.id);
  const impacts = snapshot['impact-assessment'].filter((i) => i.systemId === system.id);
  const triggers = snapshot.trigger.filter((t) => t.systemId === system.id);
  // Each identified risk with its treatment, if one was planned.
  const treated = risks.flatMap((ra) =>
    ra.risks.map((risk) => ({
      key: `${ra.id}:${risk.id}`,
      risk,
      t: treatments.find((x) => x.riskAssessmentId === ra.id && x.riskId === risk.id),
    })),
  );
  const ids = new Set<string>([system.id]);
  for (const list of [risks, treatments, impacts, triggers])
    for (const r of list) if (systemIdOf(r) === system.id) ids.add(`${r.kind}/${r.id}`);
  const history = events.filter(
    (e) =>
      (e.recordKind === 'ai-system' && e.recordId === system.id) || ids.has(`${e.recordKind}/${e.recordId}`),
  );

  return (
    <section aria-labelledby="system-heading" className="system">
      <h2 id="system-heading">{system.name}</h2>
      <p>{system.purpose}</p>
      <dl className="facts">
        <dt>Owner</dt>
        <dd>{system.owner ?? '—'}</dd>
        <dt>Lifecycle</dt>
        <dd>{label(system.lifecycleStage)}</dd>
        <dt>Deployment</dt>
        <dd>{label(system.deploymentStatus)}</dd>
        <dt>Inventory state</dt>
        <dd>{label(system.inventoryState)}</dd>
        <dt>In scope</dt>
        <dd>{system.inScope ? 'Yes' : 'No'}</dd>
      </dl>

      <h3>Components</h3>
      <ul aria-label="Components">
        {system.components.map((c) => (
          <li key={`${c.kind}:${c.id}`}>
            {c.kind}: {c.id}
            {c.kind === 'model' ? ` (${label(c.pinning)})` : ''}
          </li>
        ))}
      </ul>

      <h3>Evidence</h3>
      <RecordTable
        label="Evidence"
        empty="No evidence recorded for this system."
        rows={evidence}
        rowKey={(e) => e.id}
        columns={[
          { title: 'Title', cell: (e) => e.title },
          {
            title: 'Source (pinned version)',
            cell: (e) => (
              <a href={e.url} target="_blank" rel="noreferrer noopener">
                {label(e.sourceTool)} @ {e.pinnedVersion.slice(0, 12)}
              </a>
            ),
          },
          { title: 'Captured', cell: (e) => e.capturedAt.slice(0, 10) },
        ]}
      />

      <h3>Risks and treatments</h3>
      <RecordTable
        label="Risks and treatments"
        empty="No risks assessed for this system."
        rows={treated}
        rowKey={(r) => r.key}
        columns={[
          { title: 'Risk', cell: (r) => r.risk.title },
          { title: 'Level', cell: (r) => r.risk.level },
          { title: 'Treatment', cell: (r) => (r.t ? `${label(r.t.option)}: ${r.t.plan}` : '—') },
          { title: 'Status', cell: (r) => (r.t ? label(r.t.status) : 'Untreated') },
        ]}
      />

      {treatments.length > 0 ? (
        <details className="forms">
          <summary>Record a treatment's status</summary>
          {treatments.map((t) => (
            <TreatmentStatusForm key={t.id} treatment={t} today={today} onRecorded={onRecorded} />
          ))}
        </details>
      ) : null}

      <h3>Impact assessments</h3>
      <ul aria-label="Impact assessments">
        {impacts.map((i) => (
          <li key={i.id}>
            {i.id}: assessed {i.assessedOn}, {label(i.approval.state).toLowerCase()}
          </li>
        ))}
      </ul>

      <h3>Triggers</h3>
      <ul aria-label="Triggers">
        {triggers.map((t) => (
          <li key={t.id}>
            {t.raisedOn} · {label(t.type)} · {label(t.status)}: {t.detail}
          </li>
        ))}
      </ul>
      <details className="forms">
        <summary>Raise or close a trigger</summary>
        <RaiseTriggerForm systemId={system.id} onRecorded={onRecorded} />
        {triggers
          .filter((t) => t.status === 'open' || t.status === 'assessing')
          .map((t) => (
            <CloseTriggerForm key={t.id} trigger={t} onRecorded={onRecorded} />
          ))}
      </details>

      <h3>History</h3>
      <EventHistory label="History" events={history} />
    </section>
  );
}
