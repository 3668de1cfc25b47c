// What each dashboard view reads of the register, and that the views reading evidence items as
// summaries show what they showed on whole items: readiness, the SoA, the calendar and the popup's
// assessment work are the same on either snapshot.
import { describe, expect, it } from 'vitest';
import { demoRecords } from '../../support/demo-records';
import { PROCESS_NEED, needOf } from '../../../extension/dashboard/data';
import type { AnyRecord } from '../../../shared/model';
import { ASSESSMENT_WINDOW_DAYS, assessmentWork } from '../../../shared/processes/assessment-work';
import { operatingCalendar } from '../../../shared/processes/calendar';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf, summaryOf } from '../../../shared/processes/snapshot';
import { buildSoa } from '../../../shared/processes/soa';

const DAY = '2026-11-29';
const records = () => demoRecords(DAY);

describe('what each dashboard view reads', () => {
  it('reads nothing for the inventory list, verify and the exchange', () => {
    for (const view of ['inventory', 'verify', 'jobs']) expect(needOf({ view })).toBeUndefined();
  });

  it('reads summaries and no log for the process views, the log but evidence items for the audits', () => {
    for (const view of ['risks', 'soa', 'reviews', 'readiness', 'calendar'])
      expect(needOf({ view })).toEqual({ evidence: 'summary', events: 'none' });
    expect(PROCESS_NEED).toEqual({ evidence: 'summary', events: 'none' });
    expect(needOf({ view: 'audits' })).toEqual({ evidence: 'summary', events: 'except-evidence' });
  });

  it("reads a system's own evidence whole for its page, and everything for the trace", () => {
    expect(needOf({ view: 'inventory', systemId: 'sys-a' })).toEqual({
      evidence: 'whole',
      evidenceOf: 'sys-a',
      events: 'except-evidence',
    });
    expect(needOf({ view: 'trace' })).toEqual({ evidence: 'whole', events: 'all' });
  });

  it('shows the same readiness, SoA, calendar and assessment work on summaries as on whole items', () => {
    const whole = snapshotOf(records());
    // As the background sends them: evidence items as summaries, every other record whole.
    const summaries = snapshotOf(
      records().map((r) => (r.kind === 'evidence' ? (summaryOf(r) as AnyRecord) : r)),
    );
    expect(summaries.evidence[0]).not.toHaveProperty('url');
    expect(readiness(summaries, DAY)).toEqual(readiness(whole, DAY));
    expect(buildSoa(summaries)).toEqual(buildSoa(whole));
    expect(operatingCalendar(summaries, DAY)).toEqual(operatingCalendar(whole, DAY));
    expect(assessmentWork(summaries, DAY, ASSESSMENT_WINDOW_DAYS)).toEqual(
      assessmentWork(whole, DAY, ASSESSMENT_WINDOW_DAYS),
    );
  });
});
