import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { operatingCalendar } from '../../../shared/processes/calendar';
import { toICalendar } from '../../../shared/render/icalendar';
import { runCli } from '../../support/cli';
import { expectCsvSafe } from '../../support/csv';
import { TODAY, demoSnapshot } from '../../support/certification-fixtures';
import { newDemoWorkspace } from '../../support/demo-workspace';
import { tempDir } from '../../support/temp';

let ws = '';

beforeAll(async () => {
  ({ ws } = await newDemoWorkspace('soa-cal', TODAY));
});

describe('aims soa', () => {
  it('prints all 38 controls and says the demo SoA is complete', async () => {
    const result = await runCli(['soa', '--workspace', ws, '--today', TODAY]);
    expect(result.code).toBe(0);
    // The excluded control: "no" applies, and its status says so rather than "not-started".
    expect(result.out).toMatch(/^A\.10\.4 +no +not-applicable +/m);
    expect(result.out).not.toContain('not-started');
    expect(result.out).toContain('SoA complete: every control decided, every exclusion approved.');
    expect(result.out.split('\n').filter((l) => /^A\.\d/.test(l))).toHaveLength(38);
  });

  it('writes CSV, JSON and HTML, taking the format from --out when not given', async () => {
    const dir = tempDir('soa-cal');
    const csv = await runCli(['soa', '--workspace', ws, '--out', join(dir, 'soa.csv')]);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(`Wrote the SoA (CSV) to ${join(dir, 'soa.csv')}`);
    const text = readFileSync(join(dir, 'soa.csv'), 'utf8');
    expect(text.startsWith('Control,Title,Group,Applicability,Justification,')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(39);
    expect(expectCsvSafe(text)).toHaveLength(39);

    expect((await runCli(['soa', '--workspace', ws, '--out', join(dir, 'soa.html')])).code).toBe(0);
    expect(readFileSync(join(dir, 'soa.html'), 'utf8')).toContain('<h1>Statement of Applicability</h1>');

    const json = await runCli(['soa', '--workspace', ws, '--format', 'json']);
    expect(JSON.parse(json.out).statementOfApplicability.controls).toHaveLength(38);
  });

  it('rejects an unknown format, and a text table sent to a file', async () => {
    expect(await runCli(['soa', '--workspace', ws, '--format', 'xlsx'])).toMatchObject({
      code: 2,
      err: "aims soa: --format must be one of text, csv, json, html (got 'xlsx')",
    });
    expect(
      await runCli(['soa', '--workspace', ws, '--out', join(tempDir('soa-cal'), 'soa.txt')]),
    ).toMatchObject({
      code: 2,
      err: 'aims soa: --out needs --format csv, json or html',
    });
  });
});

describe('aims calendar', () => {
  it('lists the operating calendar and says the certification plan is proposed', async () => {
    const result = await runCli(['calendar', '--workspace', ws, '--today', TODAY]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('PROPOSED — No certification plan is recorded');
    expect(result.out).toMatch(
      /2026-12-12 +corrective-action +10\.2 +Corrective action due for Fraud scoring: Set retention to 12 months and add a deployment check \(ca-2026-1-1\)/,
    );
    expect(result.out).toContain('Proposed: Recertification audit');
    // One label per state: the projected audits say so once, with their recurrence.
    expect(result.out).toContain(
      'Internal audit due (AIMS internal audit programme 2026) (projected) — every 12 months until 2030-04-27',
    );
    expect(result.out).not.toContain('(projected) (projected)');
    expect(result.out).not.toMatch(/Proposed: .*\(projected\)/);
    expect(result.out).toContain('Management review due — every 180 days until 2030-04-27');
  });

  it('writes each recurring obligation once, with an RRULE ical.js expands', async () => {
    const file = join(tempDir('soa-cal'), 'recurring.ics');
    expect((await runCli(['calendar', '--workspace', ws, '--today', TODAY, '--out', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('RRULE:FREQ=MONTHLY;INTERVAL=12;UNTIL=20300427\r\n');
    const component = new ICAL.Component(ICAL.parse(text));
    const audits = component
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.summary.startsWith('Internal audit due'));
    expect(audits).toHaveLength(1);
    const it = audits[0]!.iterator();
    const days: string[] = [];
    for (let next = it.next(); next; next = it.next()) days.push(next.toString());
    expect(days).toEqual(['2027-10-29', '2028-10-29', '2029-10-29']);
  });

  it('writes an iCalendar file that ical.js reads', async () => {
    const file = join(tempDir('soa-cal'), 'aims.ics');
    const result = await runCli(['calendar', '--workspace', ws, '--today', TODAY, '--out', file]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Wrote \d+ events \(iCalendar\) to /);
    const component = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.some((e) => e.summary === 'Impact assessment missing: Claims document extraction')).toBe(
      true,
    );
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
  });

  it('matches the VEVENT example in docs/readiness.md byte for byte', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/readiness.md'), 'utf8');
    const example = /<!-- example: vevent -->\n```text\n([\s\S]*?)```/.exec(doc)![1]!;
    const events = operatingCalendar(demoSnapshot(), TODAY).events.filter(
      (e) => e.uid === 'corrective-action-ca-2026-1-1@aims-lens',
    );
    const ics = toICalendar(events, { generatedAt: `${TODAY}T09:00:00.000Z` });
    expect(ics).toBe(example.replaceAll('\n', '\r\n'));
  });
});
