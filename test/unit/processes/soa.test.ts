import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/model';
import { SOA_STATUSES, buildSoa, draftJustification, soaGaps } from '../../../shared/processes/soa';
import { csvField, toCsv } from '../../../shared/render/csv';
import { SOA_COLUMNS, soaToCsv, soaToHtml, soaToJson } from '../../../shared/render/soa';
import { ANNEX_A_CONTROL_IDS } from '../../../shared/standard';
import {
  TODAY,
  demoSnapshot,
  evidence,
  snapshotFrom,
  stored,
  system,
} from '../../support/certification-fixtures';
import { expectCsvSafe, parseCsv } from '../../support/csv';

const treatment = (overrides: Partial<Draft<'treatment'>> = {}) =>
  stored('treatment', {
    id: 'tr-1',
    systemId: 'sys-a',
    riskAssessmentId: 'ra-1',
    riskId: 'r1',
    option: 'mitigate',
    annexAControls: ['A.6.2.4'],
    plan: 'Test before release',
    planOwner: 'owner@example.com',
    dueOn: '2026-12-01',
    status: 'implemented',
    residual: { likelihood: 2, impact: 2, level: 'low' },
    ...overrides,
  });

const entry = (controlId: string, overrides: Partial<Draft<'soa-entry'>> = {}) =>
  stored('soa-entry', {
    id: `soa-${controlId}`,
    controlId,
    applicable: true,
    justification: 'Recorded reason',
    status: 'implemented',
    approval: { state: 'approved', approvedBy: 'coo@example.com', approvedAt: '2026-06-01T12:00:00.000Z' },
    ...overrides,
  });

describe('Statement of Applicability (6.1.3)', () => {
  it('lists each linked id once, sorted, however the links and the recorded entry order them', () => {
    const snap = snapshotFrom([
      system('sys-a'),
      evidence({ id: 'ev-9', controls: ['A.6.2.4'] }),
      evidence({ id: 'ev-10', controls: ['A.6.2.4', 'A.6.2.4'] }),
      evidence({ id: 'ev-2', controls: ['A.6.2.4'] }),
      treatment({ id: 'tr-b' }),
      treatment({ id: 'tr-a' }),
      entry('A.6.2.4', { evidenceIds: ['ev-2', 'ev-1', 'ev-9', 'ev-1'], treatmentIds: ['tr-c', 'tr-a'] }),
    ]);
    const row = buildSoa(snap).find((r) => r.controlId === 'A.6.2.4')!;
    expect(row.evidenceIds).toEqual(['ev-1', 'ev-10', 'ev-2', 'ev-9']);
    expect(row.treatmentIds).toEqual(['tr-a', 'tr-b', 'tr-c']);
  });

  it('has a row for each of the 38 Annex A controls, in standard order', () => {
    const rows = buildSoa(snapshotFrom([]));
    expect(rows.map((r) => r.controlId)).toEqual([...ANNEX_A_CONTROL_IDS]);
    expect(rows).toHaveLength(38);
  });

  it('drafts a justification from live links when nothing is recorded', () => {
    const snap = snapshotFrom([
      system('sys-a', { name: 'Support assistant' }),
      treatment(),
      evidence({ id: 'ev-1', controls: ['A.6.2.4'] }),
      evidence({ id: 'ev-2', controls: ['A.6.2.4'] }),
    ]);
    const row = buildSoa(snap).find((r) => r.controlId === 'A.6.2.4')!;
    expect(row).toMatchObject({
      applicable: true,
      justificationSource: 'draft',
      // No risk assessment is recorded, so the risk goes by its id; the treatment by its plan and id.
      justification:
        'Included: treats risk r1 of Support assistant through Test before release (tr-1); evidence: 2 items',
      status: 'implemented',
      riskIds: ['ra-1:r1'],
      treatmentIds: ['tr-1'],
      evidenceIds: ['ev-1', 'ev-2'],
      approval: 'none',
    });
    expect(row.gaps).toEqual(['no SoA entry for A.6.2.4; a draft justification is available from its links']);
    expect(draftJustification([], 1)).toBe('Included: evidence: 1 item');
    // Each risk and treatment by its words with its id beside it; long words cut, line breaks folded.
    const link = {
      systemName: 'Claims triage',
      riskId: 'r1',
      riskTitle: 'Biased\ntriage of claims',
      treatmentId: 'tr-1',
      treatmentPlan: 'x'.repeat(100),
    };
    expect(draftJustification([link], 0)).toBe(
      `Included: treats risk Biased triage of claims (r1) of Claims triage through ${'x'.repeat(59)}… (tr-1)`,
    );
    expect(draftJustification([], 0)).toBeUndefined();
  });

  it('leaves an unlinked, unrecorded control undecided and reports it missing', () => {
    const row = buildSoa(snapshotFrom([])).find((r) => r.controlId === 'A.2.2')!;
    expect(row.applicable).toBeUndefined();
    expect(row.justificationSource).toBe('none');
    expect(soaGaps([row])).toEqual([
      {
        controlId: 'A.2.2',
        what: 'no SoA entry for A.2.2; decide whether it applies and why',
        next: 'record A.2.2 in the SoA with applicability and justification',
      },
    ]);
  });

  it('merges a recorded entry with live links and keeps its own justification', () => {
    const snap = snapshotFrom([system('sys-a'), treatment(), entry('A.6.2.4', { evidenceIds: [] })]);
    const row = buildSoa(snap).find((r) => r.controlId === 'A.6.2.4')!;
    expect(row).toMatchObject({
      justification: 'Recorded reason',
      justificationSource: 'recorded',
      treatmentIds: ['tr-1'],
    });
    expect(row.gaps).toEqual([]);
  });

  it('requires an exclusion to be approved, and flags an exclusion a treatment relies on', () => {
    const snap = snapshotFrom([
      system('sys-a'),
      treatment(),
      entry('A.10.4', { applicable: false, approval: { state: 'in-review' } }),
      entry('A.6.2.4', { applicable: false }),
    ]);
    const rows = buildSoa(snap);
    expect(rows.find((r) => r.controlId === 'A.10.4')!.gaps).toEqual([
      'exclusion of A.10.4 is not approved (in-review)',
    ]);
    expect(rows.find((r) => r.controlId === 'A.6.2.4')!.gaps).toEqual([
      'A.6.2.4 is excluded but treatments tr-1 rely on it',
    ]);
    const gap = soaGaps(rows).find((g) => g.controlId === 'A.10.4')!;
    expect(gap.next).toBe('have top management approve or reverse the exclusion of A.10.4');
  });

  it('gives an excluded control the status not-applicable, whatever its entry records, not "not started"', () => {
    const snap = snapshotFrom([
      entry('A.10.4', { applicable: false, status: 'not-started' }),
      // A clumsy entry: excluded yet marked implemented. Exclusion wins; nothing is claimed as operating.
      entry('A.10.3', { applicable: false, status: 'implemented' }),
      entry('A.2.2', { status: 'not-started' }),
    ]);
    const rows = buildSoa(snap);
    const status = (id: string) => rows.find((r) => r.controlId === id)!.status;
    expect(status('A.10.4')).toBe('not-applicable');
    expect(status('A.10.3')).toBe('not-applicable');
    // An included control that nobody has started stays "not started", and so does an undecided one.
    expect(status('A.2.2')).toBe('not-started');
    expect(status('A.3.2')).toBe('not-started');
    expect(SOA_STATUSES).toEqual(['not-started', 'planned', 'partial', 'implemented', 'not-applicable']);
  });

  it('flags links to records that do not exist', () => {
    const snap = snapshotFrom([
      entry('A.2.2', { treatmentIds: ['tr-x'], evidenceIds: ['ev-x'], riskIds: ['ra-x:r9'] }),
    ]);
    expect(buildSoa(snap).find((r) => r.controlId === 'A.2.2')!.gaps).toEqual([
      'links to unknown treatment tr-x',
      'links to unknown evidence ev-x',
      'links to unknown risk ra-x:r9',
    ]);
  });

  it('is complete for the demo organisation, with its approved exclusion and linked justifications', () => {
    const rows = buildSoa(demoSnapshot());
    expect(soaGaps(rows)).toEqual([]);
    expect(rows.filter((r) => r.applicable === false).map((r) => r.controlId)).toEqual(['A.10.4']);
    // Its one exclusion reads as not applicable, and no control of the demo reads as not started.
    expect(rows.find((r) => r.controlId === 'A.10.4')!.status).toBe('not-applicable');
    expect(rows.filter((r) => r.status === 'not-started')).toEqual([]);
    const logs = rows.find((r) => r.controlId === 'A.6.2.8')!;
    expect(logs.justification).toMatch(/^Included: treats risk .* of Fraud scoring/);
    // The demo's drafted justifications name each risk and treatment, not only their ids.
    const log = logs.risks[0]!;
    expect(log.riskTitle).toBeDefined();
    expect(logs.justification).toContain(`${log.riskTitle} (${log.riskId})`);
    expect(logs.justification).toContain(`(${log.treatmentId})`);
    expect(logs.justification).toContain(log.treatmentPlan.slice(0, 30));
    expect(logs.evidenceIds).toContain('ev-fraud-logging-config');
  });
});

describe('SoA exporters', () => {
  it('quotes CSV fields per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    const tricky = ['x', 'a, "b"\r\nc', ''];
    const text = toCsv(['h1', 'h2', 'h3'], [tricky]);
    expect(text).toBe('h1,h2,h3\r\nx,"a, ""b""\r\nc",\r\n');
    expect(parseCsv(text)).toEqual([['h1', 'h2', 'h3'], tricky]);
  });

  it('writes the whole SoA as CSV that parses back to 38 rows of 16 columns', () => {
    const snap = snapshotFrom([
      entry('A.2.2', { justification: 'Policy, "v2"\nsigned off', owner: 'ciso@example.com' }),
    ]);
    const rows = expectCsvSafe(soaToCsv(buildSoa(snap)));
    expect(rows[0]).toEqual([...SOA_COLUMNS]);
    expect(rows).toHaveLength(39);
    expect(rows.every((r) => r.length === SOA_COLUMNS.length)).toBe(true);
    expect(rows[1]!.slice(0, 5)).toEqual([
      'A.2.2',
      'AI policy',
      'A.2 Policies related to AI',
      'included',
      'Policy, "v2"\nsigned off',
    ]);
  });

  it('shows approver, approval day and SoA version in the CSV and the HTML', () => {
    const rows = buildSoa(demoSnapshot());
    const csv = expectCsvSafe(soaToCsv(rows));
    const header = csv[0]!;
    const at = (name: string) => header.indexOf(name);
    expect(SOA_COLUMNS.length).toBe(16);
    const a22 = csv.find((r) => r[0] === 'A.2.2')!;
    expect(a22[at('Approved by')]).toBe('grace.okafor@harbormutual.example');
    expect(a22[at('Approved on')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a22[at('SoA version')]).toBe('3.0');
    const a104 = csv.find((r) => r[0] === 'A.10.4')!;
    expect([a104[at('Applicability')], a104[at('Status')]]).toEqual(['excluded', 'not-applicable']);
    const json = JSON.parse(soaToJson(rows, { generatedOn: TODAY })) as {
      statementOfApplicability: { controls: Array<{ controlId: string; status: string }> };
    };
    expect(json.statementOfApplicability.controls.find((c) => c.controlId === 'A.10.4')!.status).toBe(
      'not-applicable',
    );
    const html = soaToHtml(rows, { generatedOn: TODAY });
    expect(html).toContain('SoA version 3.0; entries approved by grace.okafor@harbormutual.example on ');
    // Without a recorded SoA document or approvals, the export says so rather than leaving it blank.
    expect(soaToHtml(buildSoa(snapshotFrom([])), { generatedOn: TODAY })).toContain(
      'SoA version not recorded; no entry approved.',
    );
  });

  it('writes JSON with every control', () => {
    const parsed = JSON.parse(soaToJson(buildSoa(snapshotFrom([])), { generatedOn: '2026-11-28' })) as {
      statementOfApplicability: { generatedOn: string; controls: Array<{ controlId: string }> };
    };
    expect(parsed.statementOfApplicability.generatedOn).toBe('2026-11-28');
    expect(parsed.statementOfApplicability.controls).toHaveLength(38);
  });

  it('writes escaped, self-contained HTML', () => {
    const snap = snapshotFrom([entry('A.2.2', { justification: '<script>alert("x")</script> & more' })]);
    const html = soaToHtml(buildSoa(snap), { organisation: 'Acme <Ltd>', generatedOn: '2026-11-28' });
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('Acme &lt;Ltd&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|@import|url\(|src=/i);
    expect(html).toContain("default-src 'none'");
  });
});
