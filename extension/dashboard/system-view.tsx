// One system as an auditor reads it: components, evidence (each opening its source at the pinned
// version), risks and treatments, impact assessments, triggers, and its history from the event log.
import type { AiSystem, EventEntry } from '../../shared/model';
import type { RegisterSnapshot } from '../../shared/processes/snapshot';
import { systemIdOf } from '../../shared/register/indexing';
import { label } from '../components/labels';
import { CloseTriggerForm, RaiseTriggerForm, TreatmentStatusForm, type OnRecorded } from './record-forms';

export function SystemView({
  system,
  snapshot,
  events,
  today,
  onRecorded,
}: {
  system: AiSystem;
  snapshot: RegisterSnapshot;
  events: readonly EventEntry[];
  /** The recording day (YYYY-MM-DD) for effectiveness checks. */
  today: string;
  /** After a form's write: tell the user and reload the register. */
  onRecorded: OnRecorded;
}) {
  const evidence = snapshot.evidence.filter((e) => e.systemIds.includes(system.id));
  const risks = snapshot['risk-assessment'].filter((r) => r.systemId === system.id);
  const treatments = snapshot.treatment.filter((t) => t.systemId === system.id);
  const impacts = snapshot['impact-assessment'].filter((i) => i.systemId === system.id);
  const triggers = snapshot.trigger.filter((t) => t.systemId === system.id);
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
      <table aria-label="Evidence">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Source (pinned version)</th>
            <th scope="col">Captured</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.title}</th>
              <td>
                <a href={e.url} target="_blank" rel="noreferrer noopener">
                  {e.sourceTool} @ {e.pinnedVersion.slice(0, 12)}
                </a>
              </td>
              <td>{e.capturedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Risks and treatments</h3>
      <table aria-label="Risks and treatments">
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Level</th>
            <th scope="col">Treatment</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {risks.flatMap((ra) =>
            ra.risks.map((risk) => {
              const t = treatments.find((x) => x.riskAssessmentId === ra.id && x.riskId === risk.id);
              return (
                <tr key={`${ra.id}:${risk.id}`}>
                  <th scope="row">{risk.title}</th>
                  <td>{risk.level}</td>
                  <td>{t ? `${t.option}: ${t.plan}` : '—'}</td>
                  <td>{t ? t.status : 'untreated'}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>

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
            {i.id}: assessed {i.assessedOn}, {i.approval.state}
          </li>
        ))}
      </ul>

      <h3>Triggers</h3>
      <ul aria-label="Triggers">
        {triggers.map((t) => (
          <li key={t.id}>
            {t.raisedOn} · {t.type} · {t.status}: {t.detail}
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
      <ol aria-label="History" className="history">
        {history.map((e) => (
          <li key={e.seq}>
            #{e.seq} {e.at.slice(0, 10)} {e.actor} {e.action} {e.recordKind} {e.recordId}: {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}
