import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { snapshotOf } from '../../../shared/processes/snapshot';
import {
  PROPOSAL_RULES,
  certificationMilestones,
  occurrences,
  operatingCalendar,
  type CalendarEvent,
} from '../../../shared/processes/calendar';
import { escapeText, foldLine, toICalendar } from '../../../shared/render/icalendar';
import { addDays } from '../../../shared/processes/days';
import { TODAY, demoRecords, demoSnapshot, stored, withRecords } from '../../support/certification-fixtures';

const GENERATED = '2026-11-28T09:15:30.000Z';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'e-1@aims-lens',
  date: '2027-01-05',
  summary: 'Summary',
  description: 'Description',
  category: 'internal-audit',
  clause: '9.2',
  projected: false,
  ...overrides,
});

describe('certification milestones', () => {
  it('proposes a plan from readiness when none is recorded, and says so', () => {
    const m = certificationMilestones(demoSnapshot(), TODAY);
    expect(m.source).toBe('proposed');
    // Stage 1 is ready (+30 days); Stage 2 is not (+90 days); the certificate follows 30 days later.
    expect(m.stage1On).toBe(addDays(TODAY, PROPOSAL_RULES.stage1WhenReady));
    expect(m.stage2On).toBe(addDays(m.stage1On, PROPOSAL_RULES.stage2WhenNotReady));
    expect(m.certificateOn).toBe('2027-04-27');
    expect([m.surveillance1On, m.surveillance2On, m.recertificationOn, m.certificateExpiresOn]).toEqual([
      '2028-04-27',
      '2029-04-27',
      '2030-01-27',
      '2030-04-27',
    ]);
    expect(m.basis).toBe(
      'No certification plan is recorded; dates proposed from readiness on 2026-11-28: Stage 1 ready, Stage 2 not ready (3 gaps)',
    );
  });

  it('uses a recorded plan: surveillance at 12 and 24 months, recertification before expiry at 36', () => {
    const plan = stored('certification-plan', {
      id: 'cert-plan',
      certificationBody: 'Example Cert Ltd',
      stage1On: '2027-01-20',
      stage2On: '2027-03-10',
      certificateOn: '2027-04-30',
    });
    const m = certificationMilestones(withRecords(demoRecords(), plan), TODAY);
    expect(m).toMatchObject({
      source: 'recorded',
      planId: 'cert-plan',
      stage1On: '2027-01-20',
      stage2On: '2027-03-10',
      certificateOn: '2027-04-30',
      surveillance1On: '2028-04-30',
      surveillance2On: '2029-04-30',
      recertificationOn: '2030-01-30',
      certificateExpiresOn: '2030-04-30',
    });
    expect(m.basis).toBe('certification plan cert-plan with Example Cert Ltd');
  });
});

describe('operating calendar', () => {
  const calendar = operatingCalendar(demoSnapshot(), TODAY);
  const by = (category: string) => calendar.events.filter((e) => e.category === category);

  it('projects internal audits as one recurrence at the programme frequency until the certificate expires', () => {
    const audits = by('internal-audit');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      date: '2027-10-29',
      projected: true,
      clause: '9.2.1',
      recurrence: { unit: 'month', interval: 12, until: calendar.milestones.certificateExpiresOn },
    });
    expect(occurrences(audits[0]!)).toEqual(['2027-10-29', '2028-10-29', '2029-10-29']);
  });

  it('takes the next management review from the last one, repeating its interval as one recurrence', () => {
    const reviews = by('management-review');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      date: '2027-05-17',
      summary: 'Management review due',
      projected: false,
      recurrence: { unit: 'day', interval: 180 },
    });
    expect(occurrences(reviews[0]!).slice(0, 2)).toEqual(['2027-05-17', addDays('2027-05-17', 180)]);
    // A review that sets the next one six calendar months on recurs monthly, not every 181 days.
    const review = demoRecords().find((r) => r.kind === 'management-review')!;
    const sixMonths = operatingCalendar(
      withRecords(demoRecords(), { ...review, heldOn: '2026-11-18', nextReviewOn: '2027-05-18' }),
      TODAY,
    ).events.find((e) => e.category === 'management-review')!;
    expect(sixMonths.recurrence).toMatchObject({ unit: 'month', interval: 6 });
  });

  it('schedules the recertification audit before the certificate expires, not on the day', () => {
    const m = calendar.milestones;
    expect(m.recertificationOn < m.certificateExpiresOn).toBe(true);
    expect(addDays(m.recertificationOn, PROPOSAL_RULES.recertificationBeforeExpiry)).toBe(
      m.certificateExpiresOn,
    );
    expect(by('certification').at(-1)).toMatchObject({
      date: m.certificateExpiresOn,
      summary: 'Proposed: Certificate expires',
    });
  });

  it('puts document review dates, evidence freshness deadlines and each clause cadence on the calendar', () => {
    expect(by('document-review').find((e) => e.clause === '5.2')).toMatchObject({
      uid: 'document-review-doc-ai-policy@aims-lens',
      summary: 'Document review due: Responsible AI policy v2.0',
    });
    const card = by('evidence-freshness').find((e) => e.uid.includes('ev-claims-triage-model-card'))!;
    expect(card.date).toBe(addDays(addDays(TODAY, -30), 365));
    const cadence = by('clause-cadence');
    expect(new Set(cadence.map((e) => e.clause))).toEqual(
      new Set(['4.1', '4.2', '6.1.1', '6.3', '7.1', '7.3', '7.4', '9.1']),
    );
    const measure = cadence.find((e) => e.uid === 'measure-mon-fraud-precision@aims-lens')!;
    expect(measure.recurrence).toMatchObject({ unit: 'day', interval: 30 });
    // A result past its cadence shows as stale on the day it fell due.
    const later = operatingCalendar(demoSnapshot(), addDays(measure.date, 1)).events.find(
      (e) => e.uid === measure.uid,
    )!;
    expect(later.summary).toBe('Measure: Fraud scoring precision on investigated claims (STALE)');
  });

  it('places reassessments on their due days, overdue ones in the past, a missing one today', () => {
    const support = by('reassessment').filter((e) => e.systemId === 'sys-support-assistant');
    expect(support.map((e) => `${e.date} ${e.summary}`)).toEqual([
      '2026-10-14 Impact assessment due: Customer support assistant (OVERDUE)',
      '2026-10-14 Risk assessment due: Customer support assistant (OVERDUE)',
    ]);
    expect(support[0]!.description).toContain('Open triggers: trg-support-model-swap');
    const missing = by('reassessment').find(
      (e) => e.systemId === 'sys-doc-extraction' && e.clause === '8.4',
    )!;
    expect(missing).toMatchObject({
      date: TODAY,
      summary: 'Impact assessment missing: Claims document extraction',
    });
  });

  it('includes open corrective actions and the seven certification milestones', () => {
    expect(by('corrective-action').map((e) => `${e.date} ${e.summary}`)).toEqual([
      '2026-12-12 Corrective action due for Fraud scoring: Set retention to 12 months and add a deployment check (ca-2026-1-1)',
    ]);
    expect(by('certification').map((e) => e.summary)).toEqual([
      'Proposed: Certification Stage 1 audit',
      'Proposed: Certification Stage 2 audit',
      'Proposed: Certificate expected',
      'Proposed: Surveillance audit 1',
      'Proposed: Surveillance audit 2',
      'Proposed: Recertification audit',
      'Proposed: Certificate expires',
    ]);
  });

  it('keeps UIDs unique within a calendar and stable across runs', () => {
    const uids = calendar.events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(operatingCalendar(demoSnapshot(), TODAY).events.map((e) => e.uid)).toEqual(uids);
    // A reassessment keeps its UID when its due day moves.
    const later = operatingCalendar(demoSnapshot(), '2026-12-05').events.find((e) =>
      e.summary.startsWith('Risk assessment due: Customer'),
    );
    expect(later!.uid).toBe(
      calendar.events.find((e) => e.summary.startsWith('Risk assessment due: Customer'))!.uid,
    );
  });
});

describe('iCalendar serialiser (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(60)}${'x'.repeat(40)}€€€`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, l] of physical.entries()) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
    }
    expect(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('writes VCALENDAR/VEVENT with CRLF, DTSTAMP, UID and all-day DATE values', () => {
    const ics = toICalendar([event()], { generatedAt: GENERATED });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('\r\nDTSTAMP:20261128T091530Z\r\n');
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106\r\n');
  });

  it('parses with ical.js: events, dates and escaped text round-trip', () => {
    const tricky =
      'Review: scope, risks; and C:\\path\\to\\file\nsecond line with ünïcödé and a long tail '.repeat(3);
    const ics = toICalendar(
      [
        event(),
        event({
          uid: 'e-2@aims-lens',
          date: '2027-02-28',
          summary: 'Audit, stage 1; "quoted" \\ done',
          description: tricky,
        }),
      ],
      { generatedAt: GENERATED },
    );
    const events = parse(ics);
    expect(events).toHaveLength(2);
    const [first, second] = events as [ICAL.Event, ICAL.Event];
    expect(first.uid).toBe('e-1@aims-lens');
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe('2027-01-05');
    expect(first.endDate.toString()).toBe('2027-01-06');
    expect(second.summary).toBe('Audit, stage 1; "quoted" \\ done');
    expect(second.description).toBe(tricky);
    expect(second.startDate.toString()).toBe('2027-02-28');
    const stamp = second.component.getFirstPropertyValue('dtstamp');
    expect(String(stamp)).toBe('2026-11-28T09:15:30Z');
    expect(second.component.getFirstProperty('categories')?.getValues()).toEqual([
      'internal-audit',
      'ISO 42001 9.2',
    ]);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('serialises the whole demo calendar into a file ical.js reads back event for event', () => {
    const calendar = operatingCalendar(demoSnapshot(), TODAY);
    const events = parse(toICalendar(calendar.events, { generatedAt: GENERATED }));
    expect(events.map((e) => e.uid)).toEqual(calendar.events.map((e) => e.uid));
    expect(events.map((e) => e.startDate.toString())).toEqual(calendar.events.map((e) => e.date));
    expect(events.map((e) => e.summary)).toEqual(calendar.events.map((e) => e.summary));
  });
});

describe('operatingCalendar without descriptions (the text view)', () => {
  // Any part of the demo register, on any day from a year before to two years after: the events are those
  // of the full calendar, in the same order, only with empty descriptions.
  it('gives the full calendar’s events with empty descriptions, for any register and day', () => {
    const records = demoRecords();
    fc.assert(
      fc.property(fc.subarray(records), fc.integer({ min: -365, max: 730 }), (subset, offset) => {
        const snapshot = snapshotOf(subset);
        const today = addDays(TODAY, offset);
        const full = operatingCalendar(snapshot, today);
        const plain = operatingCalendar(snapshot, today, { describe: false });
        expect(plain.events).toEqual(full.events.map((e) => ({ ...e, description: '' })));
        expect({ ...plain, events: [] }).toEqual({ ...full, events: [] });
      }),
      { numRuns: 60 },
    );
  });

  it('is the default only when asked: descriptions are built unless describe is false', () => {
    const snapshot = demoSnapshot();
    expect(operatingCalendar(snapshot, TODAY, {}).events).toEqual(operatingCalendar(snapshot, TODAY).events);
    expect(operatingCalendar(snapshot, TODAY).events.every((e) => e.description.length > 0)).toBe(true);
  });
});
