// Forms that change the register. Each sends `record/write` to the background, which records it
// through the core's write rules (`recordOne`, shared/records) — the same rules `aims record` uses;
// nothing here decides what a valid record is beyond required fields. A rule's refusal is shown
// as it came, and after a write the dashboard reloads so the event appears in the history.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  TriggerType,
  draftOf,
  type CorrectiveAction,
  type AuditFinding,
  type RiskTreatment,
  type Trigger,
} from '../../shared/model';
import { askBackground } from '../background/client';
import { label } from '../components/labels';

/** Called after a write the background accepted, with its one-line description. */
export type OnRecorded = (what: string) => Promise<void> | void;

type Outcome = { ok: true } | { ok: false; error: string };

/** Records one value; the background's refusal comes back as the error, prefix removed. */
async function record(kind: string, value: Record<string, unknown>): Promise<Outcome> {
  const reply = await askBackground({ type: 'record/write', kind, value });
  return reply.ok ? { ok: true } : { ok: false, error: reply.error.replace(/^record\/write: /, '') };
}

/** A form with a heading, a submit button, and an alert for what went wrong. */
function RecordForm({
  title,
  submit,
  children,
  onSubmit,
  testId,
}: {
  title: string;
  submit: string;
  children: ReactNode;
  /** Returns an error to show, or undefined when the write was made. */
  onSubmit: () => Promise<string | undefined>;
  testId: string;
}) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useId();
  const handle = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError((await onSubmit()) ?? '');
    setBusy(false);
  };
  return (
    <form
      className="record-form"
      aria-labelledby={heading}
      data-testid={testId}
      noValidate
      onSubmit={(e) => void handle(e)}
    >
      <h4 id={heading}>{title}</h4>
      {children}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Field({ name, children }: { name: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{name}</label>
      {children(id)}
    </div>
  );
}

const missing = (fields: Record<string, string>): string | undefined => {
  const empty = Object.entries(fields)
    .filter(([, v]) => v.trim() === '')
    .map(([k]) => k);
  return empty.length > 0 ? `Fill in: ${empty.join(', ')}.` : undefined;
};

/** Raise a reassessment trigger on a system (8.2, 8.4). */
export function RaiseTriggerForm({ systemId, onRecorded }: { systemId: string; onRecorded: OnRecorded }) {
  const [type, setType] = useState<string>('context-changed');
  const [detail, setDetail] = useState('');
  return (
    <RecordForm
      title="Raise a trigger"
      submit="Raise trigger"
      testId="raise-trigger"
      onSubmit={async () => {
        const empty = missing({ 'What changed': detail });
        if (empty) return empty;
        const outcome = await record('trigger', { systemId, type, detail: detail.trim() });
        if (!outcome.ok) return outcome.error;
        setDetail('');
        await onRecorded(`Raised a ${label(type).toLowerCase()} trigger on ${systemId}.`);
        return undefined;
      }}
    >
      <Field name="Change">
        {(id) => (
          <select id={id} value={type} onChange={(e) => setType(e.target.value)}>
            {TriggerType.options.map((t) => (
              <option key={t} value={t}>
                {label(t)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="What changed">
        {(id) => (
          <textarea id={id} value={detail} required rows={2} onChange={(e) => setDetail(e.target.value)} />
        )}
      </Field>
    </RecordForm>
  );
}

/** Close an open trigger: dismissed (no reassessment needed) or resolved (reassessed). */
export function CloseTriggerForm({ trigger, onRecorded }: { trigger: Trigger; onRecorded: OnRecorded }) {
  const [status, setStatus] = useState<'dismissed' | 'resolved'>('dismissed');
  return (
    <RecordForm
      title={`Close trigger ${trigger.id}`}
      submit="Close trigger"
      testId={`close-trigger-${trigger.id}`}
      onSubmit={async () => {
        const outcome = await record('trigger', { ...draftOf<'trigger'>(trigger), status });
        if (!outcome.ok) return outcome.error;
        await onRecorded(`Trigger ${trigger.id} ${status}.`);
        return undefined;
      }}
    >
      <Field name="Outcome">
        {(id) => (
          <select id={id} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="dismissed">Dismissed</option>
            <option value="resolved">Resolved</option>
          </select>
        )}
      </Field>
    </RecordForm>
  );
}

const TREATMENT_STATUSES: RiskTreatment['status'][] = [
  'planned',
  'in-progress',
  'implemented',
  'verified-effective',
  'ineffective',
];

/** Record a risk treatment's new status (6.1.3, 8.3); a verdict needs its effectiveness check. */
export function TreatmentStatusForm({
  treatment,
  today,
  onRecorded,
}: {
  treatment: RiskTreatment;
  today: string;
  onRecorded: OnRecorded;
}) {
  const [status, setStatus] = useState<RiskTreatment['status']>(treatment.status);
  const [checkedBy, setCheckedBy] = useState('');
  const [note, setNote] = useState('');
  const verdict = status === 'verified-effective' || status === 'ineffective';
  return (
    <RecordForm
      title={`Treatment ${treatment.id}`}
      submit="Record status"
      testId={`treatment-status-${treatment.id}`}
      onSubmit={async () => {
        if (status === treatment.status) return `The treatment is already ${label(status).toLowerCase()}.`;
        if (verdict) {
          const empty = missing({ 'Checked by': checkedBy, Note: note });
          if (empty) return empty;
        }
        const outcome = await record('treatment', {
          ...draftOf<'treatment'>(treatment),
          status,
          ...(verdict
            ? {
                effectiveness: {
                  checkedOn: today,
                  checkedBy: checkedBy.trim(),
                  effective: status === 'verified-effective',
                  note: note.trim(),
                },
              }
            : {}),
        });
        if (!outcome.ok) return outcome.error;
        await onRecorded(`Treatment ${treatment.id} is now ${label(status).toLowerCase()}.`);
        return undefined;
      }}
    >
      <Field name="Status">
        {(id) => (
          <select
            id={id}
            value={status}
            onChange={(e) => setStatus(e.target.value as RiskTreatment['status'])}
          >
            {TREATMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {verdict ? (
        <>
          <Field name="Checked by">
            {(id) => <input id={id} value={checkedBy} onChange={(e) => setCheckedBy(e.target.value)} />}
          </Field>
          <Field name="Note">
            {(id) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </>
      ) : null}
    </RecordForm>
  );
}

/**
 * Close a finding (9.2, 10.2) with its corrective action: the action's effectiveness check is
 * recorded first (verified effective), then the finding closed on `today`. The finding rule refuses
 * a closure it does not allow (e.g. a major nonconformity without a re-audit) and says why.
 */
export function CloseFindingForm({
  finding,
  actions,
  today,
  onRecorded,
}: {
  finding: AuditFinding;
  actions: readonly CorrectiveAction[];
  today: string;
  onRecorded: OnRecorded;
}) {
  const [actionId, setActionId] = useState(actions[0]?.id ?? '');
  const [checkedBy, setCheckedBy] = useState('');
  const [note, setNote] = useState('');
  return (
    <RecordForm
      title={`Close finding ${finding.id}`}
      submit="Close finding"
      testId={`close-finding-${finding.id}`}
      onSubmit={async () => {
        const action = actions.find((a) => a.id === actionId);
        if (!action) return 'This finding has no corrective action to verify; record one first.';
        const empty = missing({ 'Checked by': checkedBy, 'Effectiveness note': note });
        if (empty) return empty;
        if (action.status !== 'verified-effective') {
          const verified = await record('corrective-action', {
            ...draftOf<'corrective-action'>(action),
            status: 'verified-effective',
            effectiveness: {
              checkedOn: today,
              checkedBy: checkedBy.trim(),
              effective: true,
              note: note.trim(),
            },
          });
          if (!verified.ok) return `Corrective action ${action.id}: ${verified.error}`;
        }
        const closed = await record('finding', {
          ...draftOf<'finding'>(finding),
          status: 'closed',
          closedOn: today,
        });
        if (!closed.ok) {
          await onRecorded(`Corrective action ${action.id} verified effective; the finding stays open.`);
          return `Finding ${finding.id}: ${closed.error}`;
        }
        await onRecorded(`Finding ${finding.id} closed with corrective action ${action.id}.`);
        return undefined;
      }}
    >
      <Field name="Corrective action">
        {(id) => (
          <select id={id} value={actionId} onChange={(e) => setActionId(e.target.value)}>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id}: {a.action}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="Checked by">
        {(id) => <input id={id} value={checkedBy} onChange={(e) => setCheckedBy(e.target.value)} />}
      </Field>
      <Field name="Effectiveness note">
        {(id) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </RecordForm>
  );
}
