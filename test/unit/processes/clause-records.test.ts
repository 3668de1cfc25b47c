// Stage 1 and Stage 2 checks of the clause records (4.1, 4.2, 5.1, 6.1.1, 6.2, 6.3, 7.1–7.5, 9.1, 10.1):
// each with the case that passes and the case that fails, against the demo organisation.
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, type AnyRecord, type RecordOf } from '../../../shared/model';
import { addDays } from '../../../shared/processes/days';
import { compileReviewInputs, recordedInputs } from '../../../shared/processes/management-review';
import { monitoringStatuses } from '../../../shared/processes/monitoring';
import { readiness } from '../../../shared/processes/readiness';
import {
  TODAY,
  demoRecords,
  snapshotFrom,
  stored,
  without,
  withRecords,
} from '../../support/certification-fixtures';

const one = <K extends AnyRecord['kind']>(kind: K, id: string) =>
  demoRecords().find((r) => r.kind === kind && r.id === id) as RecordOf<K>;
const stage1 = (records: AnyRecord[], today = TODAY) => readiness(snapshotFrom(records), today).stage1;
const stage2Clauses = (records: AnyRecord[], today = TODAY) =>
  readiness(snapshotFrom(records), today)
    .stage2.gaps.map((g) => g.clause)
    .filter((c) => !['8.2', '8.4'].includes(c));
const changed = (...records: AnyRecord[]) => {
  const map = new Map(demoRecords().map((r) => [`${r.kind}/${r.id}`, r]));
  for (const r of records) map.set(`${r.kind}/${r.id}`, r);
  return [...map.values()];
};

describe('Stage 1: documented AIMS', () => {
  it('the demo is ready; deleting the 6.2 objectives makes it not ready with a 6.2 gap', () => {
    expect(stage1(demoRecords()).ready).toBe(true);
    const s = stage1(without(demoRecords(), (r) => r.kind === 'document' && r.docType === 'objectives'));
    expect(s.ready).toBe(false);
    expect(s.gaps).toEqual([
      {
        clause: '6.2',
        what: 'no AI objectives is documented',
        next: 'write the AI objectives and have it approved (6.2)',
      },
    ]);
  });

  it('objectives or competence evidence in draft are gaps naming their state', () => {
    const objectives = one('document', 'doc-ai-objectives');
    const draft = stage1(changed({ ...objectives, approval: { state: 'draft' } }));
    expect(draft.gaps.map((g) => g.what)).toEqual([
      'the AI objectives is not approved (doc-ai-objectives draft)',
    ]);
    const competence = stage1(
      without(demoRecords(), (r) => r.kind === 'document' && r.docType === 'competence-record'),
    );
    expect(competence.gaps.map((g) => g.clause)).toEqual(['7.2']);
  });

  it('a document past its review date is a gap under its own clause; on the day it is not', () => {
    const policy = one('document', 'doc-ai-policy');
    const onTheDay = stage1(changed({ ...policy, nextReview: TODAY }));
    expect(onTheDay.ready).toBe(true);
    const late = stage1(changed({ ...policy, nextReview: addDays(TODAY, -1) }));
    expect(late.gaps).toEqual([
      {
        clause: '5.2',
        what: `review of the AI policy (doc-ai-policy v2.0) was due on ${addDays(TODAY, -1)} (7.5.2)`,
        next: 'review the AI policy, approve the result and set its next review date',
      },
    ]);
    // A draft past its date is already a "not approved" gap; the review rule judges approved versions.
    const draft = stage1(
      changed({ ...policy, nextReview: addDays(TODAY, -1), approval: { state: 'draft' } }),
    );
    expect(draft.gaps.map((g) => g.what)).toEqual(['the AI policy is not approved (doc-ai-policy draft)']);
  });

  it('7.5.3: every approved document carries the content hash of its approved version', () => {
    expect(
      demoRecords()
        .filter((r) => r.kind === 'document')
        .every((d) => d.kind === 'document' && d.contentHash),
    ).toBe(true);
    const { contentHash: _dropped, ...unhashed } = one('document', 'doc-aims-scope');
    expect(stage1(changed(unhashed)).gaps).toEqual([
      {
        clause: '7.5.3',
        what: 'doc-aims-scope v1.2 is approved but no content hash pins the approved text',
        next: 'capture the approved version of doc-aims-scope so its content hash is recorded',
      },
    ]);
  });

  it('4.1: external and internal issues, and the climate determination either way', () => {
    const noInternal = stage1(
      without(demoRecords(), (r) => r.kind === 'context-issue' && r.nature === 'internal'),
    );
    expect(noInternal.gaps.map((g) => g.what)).toEqual(['no internal issue is recorded']);
    const noClimate = stage1(
      without(demoRecords(), (r) => r.kind === 'context-issue' && r.category === 'climate'),
    );
    expect(noClimate.gaps.map((g) => g.what)).toEqual([
      'whether climate change is a relevant issue has not been determined',
    ]);
    const notRelevant = {
      ...one('context-issue', 'ctx-climate'),
      relevant: false,
      effect: 'No AI system is weather-sensitive',
    };
    expect(stage1(changed(notRelevant)).ready).toBe(true);
    const none = stage1(without(demoRecords(), (r) => r.kind === 'context-issue'));
    expect(none.gaps.map((g) => g.what)).toEqual([
      'no external or internal issue is recorded',
      'whether climate change is a relevant issue has not been determined',
    ]);
  });

  it('4.2, 6.1.1, 7.1, 7.4, 9.1: each record kind must be present', () => {
    const drop = (kind: AnyRecord['kind']) =>
      stage1(without(demoRecords(), (r) => r.kind === kind)).gaps.map((g) => g.clause);
    expect(drop('interested-party')).toEqual(['4.2']);
    expect(drop('resource')).toEqual(['7.1']);
    expect(drop('communication')).toEqual(['7.4']);
    expect(drop('monitoring-plan')).toEqual(['9.1']);
    const noOpportunity = stage1(
      without(demoRecords(), (r) => r.kind === 'aims-risk' && r.type === 'opportunity'),
    );
    expect(noOpportunity.gaps.map((g) => g.what)).toEqual([
      'no AIMS-level opportunity is recorded with a planned action',
    ]);
  });

  it('9.1: a plan recorded but not approved is a gap', () => {
    const records = demoRecords().map((r): AnyRecord =>
      r.kind === 'monitoring-plan' ? { ...r, approval: { state: 'in-review' } } : r,
    );
    expect(stage1(records).gaps.map((g) => g.what)).toEqual([
      'the monitoring and measurement plan is not approved',
    ]);
  });

  it('4.1, 4.2, 7.1: a record past its own review date', () => {
    const party = one('interested-party', 'party-regulator');
    expect(stage1(changed({ ...party, nextReview: TODAY })).ready).toBe(true);
    const late = stage1(changed({ ...party, nextReview: addDays(TODAY, -1) }));
    expect(late.gaps).toEqual([
      expect.objectContaining({
        clause: '4.2',
        what: `party-regulator (Insurance regulator) was due for review on ${addDays(TODAY, -1)}`,
      }),
    ]);
  });
});

describe('Stage 2: each clause operating on its cadence', () => {
  it('the demo has no clause-record gaps', () => {
    expect(stage2Clauses(demoRecords())).toEqual([]);
  });

  it('5.1: recent leadership evidence linked to the review outputs', () => {
    const noLink = demoRecords().map((r): AnyRecord =>
      r.kind === 'leadership-commitment' ? { ...r, reviewId: undefined, decisionId: undefined } : r,
    );
    expect(stage2Clauses(noLink)).toEqual(['5.1']);
    expect(stage2Clauses(without(demoRecords(), (r) => r.kind === 'leadership-commitment'))).toEqual(['5.1']);
    const old = demoRecords().map((r): AnyRecord =>
      r.kind === 'leadership-commitment' ? { ...r, on: addDays(TODAY, -366) } : r,
    );
    expect(stage2Clauses(old)).toEqual(['5.1']);
    const edge = demoRecords().map((r): AnyRecord =>
      r.kind === 'leadership-commitment' && r.reviewId ? { ...r, on: addDays(TODAY, -365) } : r,
    );
    expect(stage2Clauses(edge)).toEqual([]);
  });

  it('6.1.1: actions done on time and their effectiveness evaluated', () => {
    const risk = one('aims-risk', 'aimsrisk-assessment-capacity');
    expect(stage2Clauses(changed({ ...risk, dueOn: TODAY }))).toEqual([]);
    expect(stage2Clauses(changed({ ...risk, dueOn: addDays(TODAY, -1) }))).toEqual(['6.1.1']);
    const done = one('aims-risk', 'aimsrisk-shadow-ai');
    expect(stage2Clauses(changed({ ...done, effectiveness: undefined }))).toEqual(['6.1.1']);
  });

  it('6.3: a change in progress must be approved', () => {
    const change = one('aims-change', 'change-2026-triggers');
    expect(stage2Clauses(changed({ ...change, approval: { state: 'draft' } }))).toEqual(['6.3']);
    expect(stage2Clauses(changed({ ...change, status: 'proposed', approval: { state: 'draft' } }))).toEqual(
      [],
    );
  });

  it('7.3: policy awareness delivered and its refresher not past', () => {
    const aware = one('awareness', 'aware-2026-policy');
    expect(stage2Clauses(changed({ ...aware, nextOn: TODAY }))).toEqual([]);
    expect(stage2Clauses(changed({ ...aware, nextOn: addDays(TODAY, -1) }))).toEqual(['7.3']);
    expect(stage2Clauses(changed({ ...aware, topics: ['contribution'] }))).toEqual(['7.3']);
  });

  it('7.4: each communication within its interval', () => {
    const comm = one('communication', 'comm-aims-newsletter');
    expect(stage2Clauses(changed({ ...comm, lastOn: addDays(TODAY, -90) }))).toEqual([]);
    expect(stage2Clauses(changed({ ...comm, lastOn: addDays(TODAY, -91) }))).toEqual(['7.4']);
    expect(stage2Clauses(changed({ ...comm, lastOn: undefined }))).toEqual(['7.4']);
  });

  it('9.1: results go stale on their own cadence', () => {
    const snapshot = snapshotFrom(demoRecords());
    const fraud = monitoringStatuses(snapshot, TODAY).find((s) => s.plan.id === 'mon-fraud-precision')!;
    expect(fraud.state).toBe('fresh');
    expect(monitoringStatuses(snapshot, fraud.dueOn!).find((s) => s.plan.id === fraud.plan.id)!.state).toBe(
      'fresh',
    );
    expect(
      monitoringStatuses(snapshot, addDays(fraud.dueOn!, 1)).find((s) => s.plan.id === fraud.plan.id)!.state,
    ).toBe('stale');
    expect(
      stage2Clauses(without(demoRecords(), (r) => r.kind === 'measurement' && r.planId === 'mon-objectives')),
    ).toEqual(['9.1']);
    // A result dated after the day asked about is not counted.
    expect(monitoringStatuses(snapshot, '2020-01-01').every((s) => s.state === 'unmeasured')).toBe(true);
  });

  it('10.1: an improvement the review saw must be decided', () => {
    const open = one('improvement', 'imp-2026-2');
    expect(stage2Clauses(changed({ ...open, raisedOn: addDays(TODAY, -10) }))).toEqual(['10.1']);
    expect(stage2Clauses(without(demoRecords(), (r) => r.kind === 'improvement'))).toEqual(['10.1']);
  });
});

describe('9.3.2 inputs compiled from the register', () => {
  it("include interested parties' changes since the last review and every monitoring line", () => {
    const snapshot = snapshotFrom(demoRecords());
    const pack = compileReviewInputs(snapshot, TODAY);
    // The survey change was already before the last review (held 10 days ago), so it is not new.
    expect(pack.interestedParties).toEqual([]);
    expect(pack.monitoring.map((m) => m.planId).sort()).toEqual([
      'mon-fraud-precision',
      'mon-objectives',
      'mon-trigger-response',
    ]);
    const lines = recordedInputs(pack);
    expect(lines.interestedParties).toEqual([
      `No change in interested parties' needs recorded since ${addDays(TODAY, -10)}`,
    ]);
    expect(lines.monitoring.find((l) => l.includes('mon-fraud-precision'))).toBe(
      `Fraud scoring precision on investigated claims (mon-fraud-precision): 64 % on ${addDays(TODAY, -12)}, meets target ≥ 60 %`,
    );
    const party = one('interested-party', 'party-regulator');
    const withChange = compileReviewInputs(
      withRecords(demoRecords(), {
        ...party,
        changes: [{ on: addDays(TODAY, -2), change: 'New AI guidance' }],
      }),
      TODAY,
    );
    expect(recordedInputs(withChange).interestedParties).toEqual([
      `${addDays(TODAY, -2)} Insurance regulator (party-regulator): New AI guidance`,
    ]);
  });

  it('say so when there is no monitoring plan', () => {
    const pack = compileReviewInputs(
      snapshotFrom(without(demoRecords(), (r) => r.kind === 'monitoring-plan')),
      TODAY,
    );
    expect(recordedInputs(pack).monitoring).toEqual(['No monitoring and measurement plan is recorded (9.1)']);
  });
});

describe('schemas refuse malformed clause records', () => {
  it('rejects an interested party without requirements and a plan line with a zero cadence', () => {
    expect(() =>
      stored('interested-party', {
        id: 'p',
        name: 'P',
        nature: 'external',
        requirements: [],
        owner: 'o@example.com',
        reviewedOn: TODAY,
        nextReview: TODAY,
      }),
    ).toThrow();
    expect(() =>
      stored('monitoring-plan', {
        id: 'm',
        what: 'w',
        method: 'm',
        everyDays: 0,
        measuredBy: 'a',
        analysedBy: 'b',
        target: 't',
        approval: { state: 'draft' },
      }),
    ).toThrow();
    const issue = RECORD_SCHEMAS['context-issue'].safeParse({
      id: 'c',
      kind: 'context-issue',
      nature: 'external',
      category: 'weather',
      issue: 'i',
      effect: 'e',
      owner: 'o',
      reviewedOn: TODAY,
      nextReview: '2026-02-30',
      createdAt: `${TODAY}T09:00:00.000Z`,
      updatedAt: `${TODAY}T09:00:00.000Z`,
      createdBy: 't',
      updatedBy: 't',
      revision: 1,
    });
    expect(issue.success).toBe(false);
    expect(issue.error?.issues.map((x) => x.path.join('.')).sort()).toEqual(['category', 'nextReview']);
  });
});
