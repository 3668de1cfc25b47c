import { describe, expect, it } from 'vitest';
import {
  auditChecklist,
  findingGaps,
  impartialityConflicts,
  nextAuditDue,
  recordEffectiveness,
  validateAudit,
  validateCorrectiveAction,
  validateFinding,
  validateProgramme,
} from '../../../shared/processes/internal-audit';
import { Refusal } from '../../../shared/model';
import { errorsOnly } from '../../../shared/processes/rule-issue';
import type { FullSnapshot } from '../../../shared/processes/snapshot';
import { prepareRecord } from '../../../shared/records';
import {
  TODAY,
  action,
  audit,
  evidence,
  finding,
  programme,
  snapshotFrom,
  stored,
  system,
  withRecords,
} from '../../support/certification-fixtures';

const role = (id: string, r: string, person: string, systemId?: string) =>
  stored('role-assignment', {
    id,
    role: r as 'aims-owner',
    person,
    ...(systemId ? { systemId } : {}),
    communicated: true,
  });

const base = () => [
  system('sys-a'),
  system('sys-b', { owner: 'bob@example.com' }),
  programme(),
  audit(),
  evidence(),
];

describe('impartiality (9.2.2)', () => {
  it('passes an auditor with no stake in the scope', () => {
    expect(impartialityConflicts(snapshotFrom(base()), audit())).toEqual([]);
  });

  it('flags an auditor who owns or is risk owner of a system in scope, with the reason', () => {
    const snap = snapshotFrom([...base(), system('sys-a', { riskOwner: 'auditor@example.com' })]);
    const conflicts = impartialityConflicts(snap, audit());
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ auditor: 'auditor@example.com', systemId: 'sys-a' });
    expect(conflicts[0]!.reason).toContain('risk owner of System sys-a');
  });

  it('counts every in-scope system when the audit names none', () => {
    const snap = snapshotFrom(base());
    const conflicts = impartialityConflicts(snap, {
      auditors: ['bob@example.com'],
      scope: { clauses: ['8.2'], controls: [], systemIds: [] },
    });
    expect(conflicts.map((c) => c.systemId)).toEqual(['sys-b']);
  });

  it('flags the internal-audit-owner auditing 9.2, and an impact owner auditing A.5 or 8.4', () => {
    const snap = snapshotFrom([
      ...base(),
      role('r1', 'internal-audit-owner', 'auditor@example.com'),
      role('r2', 'impact-assessment-owner', 'lena@example.com'),
    ]);
    const own = impartialityConflicts(
      snap,
      audit({ scope: { clauses: ['9.2.2'], controls: [], systemIds: [] } }),
    );
    expect(own.map((c) => c.ref)).toEqual(['9.2.2']);
    expect(own[0]!.reason).toMatch(/internal-audit-owner role, which owns 9\.2; auditing 9\.2\.2/);
    const heading = impartialityConflicts(
      snap,
      audit({ scope: { clauses: ['9'], controls: [], systemIds: [] } }),
    );
    expect(heading).toHaveLength(1);
    const impact = impartialityConflicts(
      snap,
      audit({
        auditors: ['lena@example.com'],
        scope: { clauses: ['8.4'], controls: ['A.5.2'], systemIds: [] },
      }),
    );
    expect(impact.map((c) => c.ref)).toEqual(['8.4', 'A.5.2']);
  });

  it('turns conflicts into errors on the audit record', () => {
    const snap = snapshotFrom([...base(), role('r1', 'internal-audit-owner', 'auditor@example.com')]);
    const issues = validateAudit(snap, audit({ scope: { clauses: ['9.2.1'], controls: [], systemIds: [] } }));
    expect(errorsOnly(issues).map((i) => i.field)).toEqual(['auditors']);
  });
});

describe('audit checklist from the standard', () => {
  it('asks one question per clause and control, phrased from the standard data', () => {
    const items = auditChecklist({ clauses: ['8.2'], controls: ['A.6.2.8'] });
    expect(items.map((i) => i.ref)).toEqual(['8.2', 'A.6.2.8']);
    expect(items[0]!.question).toContain('8.2 AI risk assessment (operation)');
    expect(items[0]!.question).toContain('Carry out risk assessments at planned intervals');
    expect(items[0]!.question).toContain('Sample: results of every ai risk assessment');
    expect(items[1]!.question).toContain('Is this control implemented and effective');
    expect(items.every((i) => i.result === 'not-checked' && i.evidenceIds.length === 0)).toBe(true);
  });

  it('expands a heading or control group into its auditable children, once each', () => {
    const items = auditChecklist({ clauses: ['9.2', '9.2.1'], controls: ['A.3'] });
    expect(items.map((i) => i.ref)).toEqual(['9.2.1', '9.2.2', 'A.3.2', 'A.3.3']);
  });

  it('refuses a reference that is not in the standard', () => {
    expect(() => auditChecklist({ clauses: ['9.9'], controls: ['A.11.1'] })).toThrow(
      'not in ISO/IEC 42001: 9.9, A.11.1',
    );
  });
});

describe('audit records', () => {
  it('rejects unknown scope references, unknown systems and missing report details', () => {
    const issues = validateAudit(
      snapshotFrom(base()),
      audit({
        programmeId: 'nope',
        scope: { clauses: ['8.2', 'A.6.2.8', '11'], controls: ['6.1.2'], systemIds: ['sys-x'] },
        status: 'reported',
        completedOn: '2026-09-01',
        reportedTo: undefined,
      }),
    );
    const fields = issues.map((i) => `${i.field}: ${i.message}`);
    expect(fields).toContain("programmeId: no audit programme 'nope'");
    expect(fields).toContain("scope.clauses: 'A.6.2.8' is a control, not a clause");
    expect(fields).toContain("scope.clauses: '11' is not an ISO/IEC 42001 clause");
    expect(fields).toContain("scope.controls: '6.1.2' is a clause, not a control");
    expect(fields).toContain("scope.systemIds: no AI system 'sys-x'");
    expect(fields).toContain('completedOn: completed 2026-09-01 before it was planned (2026-10-01)');
    expect(fields).toContain('reportedTo: a reported audit names who received the report (9.2.2)');
  });
});

describe('programme (9.2.2)', () => {
  it('warns about an interval longer than the surveillance year', () => {
    const issues = validateProgramme(snapshotFrom(base()), programme({ frequencyMonths: 18 }), TODAY);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', field: 'frequencyMonths' })]);
  });

  it('computes the next audit and flags it overdue when none is planned', () => {
    const snap = withRecords(base(), audit({ completedOn: '2025-06-01', plannedOn: '2025-05-20' }));
    expect(nextAuditDue(snap, programme())).toBe('2026-06-01');
    const issues = validateProgramme(snap, programme(), TODAY);
    expect(errorsOnly(issues).map((i) => i.message)).toEqual([
      'the next audit was due on 2026-06-01 and none is planned',
    ]);
  });

  it('flags a programme with no audit at all', () => {
    const snap = snapshotFrom([programme()]);
    expect(errorsOnly(validateProgramme(snap, programme(), TODAY))[0]!.message).toBe(
      'no audit is planned under this programme',
    );
  });
});

describe('findings (10.2)', () => {
  it('accepts a graded finding tied to a requirement and to evidence', () => {
    expect(validateFinding(snapshotFrom(base()), finding())).toEqual([]);
  });

  it('rejects a finding against an unknown or heading requirement, without evidence, or citing unknown records', () => {
    const snap = snapshotFrom(base());
    expect(validateFinding(snap, finding({ ref: 'A.6.9.9' })).map((i) => i.field)).toEqual(['ref']);
    expect(validateFinding(snap, finding({ ref: '9.2' }))[0]!.message).toContain('is a heading');
    expect(validateFinding(snap, finding({ evidenceIds: [] }))[0]!.message).toBe(
      'cite at least one evidence item or record',
    );
    expect(validateFinding(snap, finding({ evidenceIds: ['ev-404'] }))[0]!.message).toBe(
      "no record 'ev-404' in the register",
    );
    expect(
      validateFinding(snap, finding({ systemId: 'sys-404', auditId: 'a-404' })).map((i) => i.field),
    ).toEqual(['auditId', 'systemId']);
    expect(validateFinding(snap, finding({ closedOn: '2026-11-01' }))[0]!.field).toBe('closedOn');
  });

  it('warns about a finding on a system outside the audit scope', () => {
    const issues = validateFinding(snapshotFrom(base()), finding({ systemId: 'sys-b' }));
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', field: 'systemId' })]);
  });
});

/** Closing a finding the one way there is: recording it closed, through the finding rule. */
function closeFinding(
  snapshot: FullSnapshot,
  open: ReturnType<typeof finding>,
  on: string,
  reAuditId?: string,
) {
  const [write] = prepareRecord(
    'finding',
    { ...open, status: 'closed', closedOn: on, ...(reAuditId ? { verifiedInAuditId: reAuditId } : {}) },
    { snapshot, today: on, now: `${on}T12:00:00.000Z`, actor: 'auditor@example.com' },
  );
  if (write?.kind !== 'finding') throw new Error('the finding rule wrote no finding');
  return write.draft;
}

describe('corrective action and closure', () => {
  const check = {
    checkedOn: '2026-11-20',
    checkedBy: 'auditor@example.com',
    effective: true,
    note: 'sampled 10 runs',
  };

  it('closes a minor NC only once its corrective action is verified effective', () => {
    const open = snapshotFrom([...base(), finding(), action()]);
    expect(() => closeFinding(open, finding(), TODAY)).toThrow(Refusal);
    expect(() => closeFinding(open, finding(), TODAY)).toThrow(
      'corrective action ca-1 is not verified effective (status open)',
    );

    const verified = stored('corrective-action', recordEffectiveness(action(), check));
    expect(verified.status).toBe('verified-effective');
    const ready = snapshotFrom([...base(), finding(), verified]);
    const closed = closeFinding(ready, finding(), TODAY);
    expect(closed).toMatchObject({ status: 'closed', closedOn: TODAY });
    expect(validateFinding(ready, closed)).toEqual([]);
  });

  it('refuses to close a nonconformity without any corrective action, or before the effectiveness check', () => {
    const none = snapshotFrom([...base(), finding()]);
    expect(() => closeFinding(none, finding(), TODAY)).toThrow(
      'a nonconformity closes only through a corrective action (10.2)',
    );
    const verified = stored('corrective-action', recordEffectiveness(action(), check));
    const snap = snapshotFrom([...base(), finding(), verified]);
    expect(() => closeFinding(snap, finding(), '2026-11-19')).toThrow(
      'before the effectiveness check on 2026-11-20',
    );
  });

  it('closes a major NC only with a link to a completed re-audit of the same audit', () => {
    const major = finding({ grade: 'major-nc' });
    const verified = stored('corrective-action', recordEffectiveness(action(), check));
    const snap = snapshotFrom([...base(), major, verified]);
    expect(() => closeFinding(snap, major, TODAY)).toThrow(
      'a major nonconformity closes only after a re-audit; link it',
    );
    expect(() => closeFinding(snap, major, TODAY, 'audit-1')).toThrow(
      "'audit-1' is not a completed re-audit of audit-1",
    );
    const reAudit = audit({
      id: 'audit-2',
      reAuditOf: 'audit-1',
      plannedOn: '2026-11-21',
      completedOn: '2026-11-22',
    });
    const withReAudit = snapshotFrom([...base(), major, verified, reAudit]);
    expect(closeFinding(withReAudit, major, TODAY, 'audit-2')).toMatchObject({
      status: 'closed',
      verifiedInAuditId: 'audit-2',
    });
  });

  it('keeps a corrective action status consistent with its effectiveness check', () => {
    const snap = snapshotFrom([...base(), finding()]);
    expect(validateCorrectiveAction(snap, action({ status: 'verified-effective' }))[0]!.field).toBe(
      'effectiveness',
    );
    expect(
      validateCorrectiveAction(snap, action({ status: 'ineffective', effectiveness: check }))[0]!.field,
    ).toBe('effectiveness');
    expect(validateCorrectiveAction(snap, action({ effectiveness: check }))[0]!.message).toContain(
      'set status to verified-effective',
    );
    expect(validateCorrectiveAction(snap, action({ findingId: 'f-404' }))[0]!.message).toBe(
      "no finding 'f-404'",
    );
    const self = validateCorrectiveAction(
      snap,
      action({ status: 'verified-effective', effectiveness: { ...check, checkedBy: 'owner@example.com' } }),
    );
    expect(self).toEqual([expect.objectContaining({ severity: 'warning' })]);
  });
});

describe('finding gaps', () => {
  it('names open actions past due, nonconformities without action, ineffective actions and bad closures', () => {
    const snap = snapshotFrom([
      ...base(),
      finding({ id: 'f-1' }),
      action({ id: 'ca-1', findingId: 'f-1', dueOn: '2026-11-01' }),
      finding({ id: 'f-2' }),
      finding({ id: 'f-3' }),
      action({
        id: 'ca-3',
        findingId: 'f-3',
        status: 'ineffective',
        effectiveness: { checkedOn: '2026-11-20', checkedBy: 'a', effective: false, note: 'recurred' },
      }),
      finding({ id: 'f-4', status: 'closed', closedOn: '2026-11-02' }),
      action({ id: 'ca-4', findingId: 'f-4', status: 'done' }),
      finding({ id: 'f-5', grade: 'observation' }),
    ]);
    const gaps = findingGaps(snap, TODAY);
    expect(gaps.map((g) => `${g.kind}:${g.findingId}`)).toEqual([
      'action-overdue:f-1',
      'no-corrective-action:f-2',
      'action-ineffective:f-3',
      'closed-without-effective-check:f-4',
    ]);
    expect(gaps[0]).toMatchObject({
      systemId: 'sys-a',
      ref: '8.2',
      what: 'corrective action ca-1 for f-1 was due 2026-11-01',
    });
  });
});
