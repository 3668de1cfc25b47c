// The periodic schedule as a form: how often the background runs (off, or every 1 to 168 hours),
// whether that run scans the register, and which GitHub scope it syncs. Shows the schedule in force
// and when its alarm fires next; the same Schedule schema the background applies checks the input
// here first, and the background's own refusal is shown in words when it has one.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { askBackground } from '../background/client';
import { MAX_INTERVAL_MINUTES, Schedule } from '../background/jobs/schedule';

const MAX_HOURS = MAX_INTERVAL_MINUTES / 60;
type ScopeKind = 'none' | 'org' | 'user' | 'repos';

interface Draft {
  hours: string;
  scan: boolean;
  scopeKind: ScopeKind;
  scopeName: string;
}

function draftOf(schedule: Schedule): Draft {
  const scope = schedule.githubScope;
  return {
    hours: schedule.intervalMinutes === 0 ? '0' : String(schedule.intervalMinutes / 60),
    scan: schedule.scan,
    scopeKind: !scope ? 'none' : 'org' in scope ? 'org' : 'user' in scope ? 'user' : 'repos',
    scopeName: !scope
      ? ''
      : 'org' in scope
        ? scope.org
        : 'user' in scope
          ? scope.user
          : scope.repos.join(', '),
  };
}

/** The form's values as a Schedule, or the reason they are not one, in words. */
export function scheduleFrom(draft: Draft): { schedule: Schedule } | { refusal: string } {
  const text = draft.hours.trim();
  if (!/^\d{1,3}$/.test(text) || Number(text) > MAX_HOURS) {
    return {
      refusal: `The interval must be a whole number of hours from 1 to ${MAX_HOURS} (a week), or 0 to turn the schedule off.`,
    };
  }
  const hours = Number(text);
  if (hours === 0) return { schedule: { intervalMinutes: 0, scan: false } };
  const name = draft.scopeName.trim();
  let githubScope: Schedule['githubScope'];
  if (draft.scopeKind !== 'none') {
    if (name === '') return { refusal: 'Name the GitHub organisation, user or repositories to sync.' };
    githubScope =
      draft.scopeKind === 'org'
        ? { org: name }
        : draft.scopeKind === 'user'
          ? { user: name }
          : { repos: name.split(/[\s,]+/).filter((r) => r !== '') };
  }
  if (!draft.scan && !githubScope) {
    return { refusal: 'Choose what runs on the schedule: the register scan, a GitHub sync, or both.' };
  }
  const parsed = Schedule.safeParse({
    intervalMinutes: hours * 60,
    scan: draft.scan,
    ...(githubScope ? { githubScope } : {}),
  });
  if (parsed.success) return { schedule: parsed.data };
  const where = parsed.error.issues[0]?.path.join('.') ?? '';
  if (where.startsWith('githubScope')) {
    return {
      refusal:
        draft.scopeKind === 'repos'
          ? 'Each repository must be written owner/name (letters, digits, - _ .), separated by commas.'
          : 'A GitHub owner name has only letters, digits, - _ and . (at most 100).',
    };
  }
  return { refusal: `The schedule was not accepted: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
}

/** The schedule in words: "Off", or "Every 6 hours: register scan, GitHub sync of organisation harbor". */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.intervalMinutes === 0) return 'Off';
  const m = schedule.intervalMinutes;
  const every = m % 60 === 0 ? `${m / 60} hour${m === 60 ? '' : 's'}` : `${m} minutes`;
  const scope = schedule.githubScope;
  const runs = [
    ...(schedule.scan ? ['register scan'] : []),
    ...(scope
      ? [
          `GitHub sync of ${
            'org' in scope
              ? `organisation ${scope.org}`
              : 'user' in scope
                ? `user ${scope.user}`
                : `${scope.repos.join(', ')}`
          }`,
        ]
      : []),
  ];
  return `Every ${every}: ${runs.join(', ') || 'nothing'}`;
}

/** A local date and time, e.g. "2026-11-30 14:05". */
const localTime = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function ScheduleForm() {
  const id = useId();
  const [current, setCurrent] = useState<{ schedule: Schedule; nextRunAt?: string } | undefined>();
  const [draft, setDraft] = useState<Draft>({ hours: '0', scan: true, scopeKind: 'none', scopeName: '' });
  const [refusal, setRefusal] = useState('');
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void askBackground({ type: 'schedule/get' }).then((reply) => {
      if (!reply.ok) return setRefusal(`Could not read the schedule: ${reply.error}`);
      setCurrent({ schedule: reply.schedule, ...(reply.nextRunAt ? { nextRunAt: reply.nextRunAt } : {}) });
      if (reply.schedule.intervalMinutes > 0) setDraft(draftOf(reply.schedule));
    });
  }, []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    const checked = scheduleFrom(draft);
    if ('refusal' in checked) return setRefusal(checked.refusal);
    const reply = await askBackground({ type: 'schedule/set', schedule: checked.schedule });
    if (!reply.ok) return setRefusal(`Not saved: ${reply.error}`);
    setRefusal('');
    setCurrent({ schedule: reply.schedule, ...(reply.nextRunAt ? { nextRunAt: reply.nextRunAt } : {}) });
    setNotice(
      reply.schedule.intervalMinutes === 0
        ? 'Schedule turned off: no periodic run is set.'
        : `Schedule saved. Next run ${reply.nextRunAt ? localTime(reply.nextRunAt) : 'not set'}.`,
    );
  };

  const hoursHelp = `${id}-hours-help`;
  const scopeHelp = `${id}-scope-help`;
  return (
    <section aria-labelledby={`${id}-heading`} className="schedule">
      <h3 id={`${id}-heading`}>Periodic schedule</h3>
      <dl className="facts" data-testid="schedule-current">
        <dt>In force</dt>
        <dd data-testid="schedule-in-force">{current ? describeSchedule(current.schedule) : 'Reading…'}</dd>
        <dt>Next run</dt>
        <dd data-testid="schedule-next-run">
          {current?.nextRunAt ? (
            <time dateTime={current.nextRunAt}>{localTime(current.nextRunAt)}</time>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <form
        className="schedule-form"
        onSubmit={(e) => void save(e)}
        noValidate
        aria-label="Periodic schedule"
      >
        <label>
          Run every (hours)
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_HOURS}
            step={1}
            value={draft.hours}
            aria-describedby={hoursHelp}
            aria-invalid={refusal.startsWith('The interval') ? true : undefined}
            onChange={(e) => set({ hours: e.target.value })}
          />
        </label>
        <p id={hoursHelp} className="muted hint">
          1 to {MAX_HOURS} hours (a week); 0 turns the schedule off.
        </p>
        <label className="check">
          <input type="checkbox" checked={draft.scan} onChange={(e) => set({ scan: e.target.checked })} />{' '}
          Scan the register (calendar triggers, overdue assessments)
        </label>
        <fieldset>
          <legend>GitHub sync</legend>
          <label>
            Scope
            <select value={draft.scopeKind} onChange={(e) => set({ scopeKind: e.target.value as ScopeKind })}>
              <option value="none">No GitHub sync</option>
              <option value="org">Organisation</option>
              <option value="user">User</option>
              <option value="repos">Repositories</option>
            </select>
          </label>
          <label>
            Name
            <input
              type="text"
              value={draft.scopeName}
              disabled={draft.scopeKind === 'none'}
              aria-describedby={scopeHelp}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set({ scopeName: e.target.value })}
            />
          </label>
          <p id={scopeHelp} className="muted hint">
            An organisation or user name, or repositories as owner/name separated by commas. The sync uses the
            GitHub connection (Connections page).
          </p>
        </fieldset>
        <button type="submit">Save schedule</button>
      </form>
      <p role="alert" className="error" data-testid="schedule-refusal">
        {refusal}
      </p>
      <p role="status" data-testid="schedule-notice">
        {notice}
      </p>
    </section>
  );
}
