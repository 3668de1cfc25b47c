import { describe, expect, it } from 'vitest';
import { DEMO_GAPS } from '../../../shared/demo';
import type { AnyRecord } from '../../../shared/model';
import {
  PHASE_NAMES,
  ReadinessJson,
  readiness,
  readinessJson,
  roadmap,
} from '../../../shared/processes/readiness';
import { rmfCoverage } from '../../../shared/processes/rmf-coverage';
import { RMF_CATEGORIES } from '../../../shared/standard';
import {
  TODAY,
  action,
  demoRecords,
  demoSnapshot,
  snapshotFrom,
  stored,
  without,
  withRecords,
} from '../../support/certification-fixtures';

const clausesOf = (gaps: ReadonlyArray<{ clause: string }>) => gaps.map((g) => g.clause);

describe('Stage 1 readiness (documented AIMS)', () => {
  it('lists every missing foundation of an empty register, each with a next action', () => {
    const r = readiness(snapshotFrom([]), TODAY);
    expect(r.stage1.ready).toBe(false);
    expect(clausesOf(r.stage1.gaps)).toEqual([
      '4.3',
      '4.3',
      '5.2',
      '5.3',
      '5.3',
      '5.3',
      '5.3',
      '6.2',
      '7.2',
      '6.1.2',
      '6.1.4',
      '6.1.3',
      '9.2.2',
      '4.1',
      '4.1',
      '4.2',
      '6.1.1',
      '7.1',
      '7.4',
      '9.1',
    ]);
    expect(r.stage1.gaps.every((g) => g.what.length > 0 && g.next.length > 0)).toBe(true);
    expect(r.stage1.gaps.find((g) => g.clause === '6.1.3')!.what).toBe(
      'the Statement of Applicability has no entry for any Annex A control',
    );
  });

  it('is ready for the demo organisation', () => {
    expect(readiness(demoSnapshot(), TODAY).stage1).toEqual({ ready: true, gaps: [], watch: [] });
  });

  it('names an unapproved policy, an unreviewed discovered system and an unapproved exclusion', () => {
    const records = demoRecords().map((r): AnyRecord => {
      if (r.kind === 'document' && r.docType === 'ai-policy')
        return { ...r, approval: { state: 'in-review' } };
      if (r.kind === 'soa-entry' && r.controlId === 'A.10.4') return { ...r, approval: { state: 'draft' } };
      return r;
    });
    const discovered = stored('ai-system', {
      id: 'sys-shadow',
      name: 'Shadow chatbot',
      purpose: 'Found in a repository',
      lifecycleStage: 'development',
      deploymentStatus: 'experimental',
      inventoryState: 'discovered-unreviewed',
      inScope: false,
      components: [],
      sources: [],
    });
    const r = readiness(withRecords(records, discovered), TODAY);
    expect(r.stage1.gaps).toEqual([
      {
        clause: '4.3',
        systemId: 'sys-shadow',
        what: 'Shadow chatbot was discovered but never reviewed for scope',
        next: 'confirm or reject Shadow chatbot in the inventory and record whether it is in scope',
      },
      {
        clause: '5.2',
        what: 'the AI policy is not approved (doc-ai-policy in-review)',
        next: 'have top management approve the AI policy (5.2, 7.5.2)',
      },
      {
        clause: 'A.10.4',
        what: 'exclusion of A.10.4 is not approved (draft)',
        next: 'have top management approve or reverse the exclusion of A.10.4',
      },
    ]);
  });
});

describe('Stage 2 readiness (implemented and effective)', () => {
  it('names exactly the demo organisation planted gaps, each with its system, and watches the minor finding', () => {
    const r = readiness(demoSnapshot(), TODAY);
    expect(r.stage2.ready).toBe(false);
    expect(r.stage2.gaps.map((g) => `${g.clause} ${g.systemId}`)).toEqual([
      `8.4 ${DEMO_GAPS.missingImpactAssessment}`,
      `8.2 ${DEMO_GAPS.overdueReassessment}`,
      `8.4 ${DEMO_GAPS.overdueReassessment}`,
    ]);
    expect(r.stage2.gaps[1]!.what).toContain(
      'trigger trg-support-model-swap (model-changed gpt-4o → gpt-4.1',
    );
    expect(r.stage2.watch.map((g) => `${g.clause} ${g.systemId}`)).toEqual([
      `A.6.2.8 ${DEMO_GAPS.openFindingSystem}`,
    ]);
    expect(r.stage2.watch[0]!.what).toContain('open minor nonconformity finding-2026-1-1 on Fraud scoring');
    // The action by what it does, its id beside it for tracing.
    expect(r.stage2.watch[0]!.next).toContain(
      'complete corrective action Set retention to 12 months and add a deployment check (ca-2026-1-1), due 2026-12-12',
    );
  });

  it('requires a completed audit and a management review held after it', () => {
    const noAudit = without(
      demoRecords(),
      (r) => r.kind === 'audit' || r.kind === 'finding' || r.kind === 'corrective-action',
    );
    const r1 = readiness(snapshotFrom(noAudit), TODAY);
    expect(r1.stage2.gaps).toContainEqual(
      expect.objectContaining({ clause: '9.2.1', what: 'no internal audit has been completed' }),
    );

    const early = demoRecords().map((r): AnyRecord =>
      r.kind === 'management-review' ? { ...r, heldOn: '2026-10-01' } : r,
    );
    const r2 = readiness(snapshotFrom(early), TODAY);
    expect(r2.stage2.gaps).toContainEqual(
      expect.objectContaining({
        clause: '9.3',
        what: 'the last management review (mr-2026-1, 2026-10-01) predates the internal audit completed 2026-10-29',
      }),
    );
    const noReview = readiness(
      snapshotFrom(without(demoRecords(), (r) => r.kind === 'management-review')),
      TODAY,
    );
    expect(clausesOf(noReview.stage2.gaps)).toContain('9.3');
  });

  it('reports a finding closed without an effective check, and an overdue trigger no assessment gap names', () => {
    const records = demoRecords().map((r): AnyRecord =>
      r.kind === 'finding' ? { ...r, status: 'closed', closedOn: '2026-11-20' } : r,
    );
    const orphanTrigger = stored('trigger', {
      id: 'trg-orphan',
      systemId: 'sys-retired',
      type: 'context-changed',
      detail: 'New jurisdiction',
      clauses: ['8.2'],
      raisedOn: '2026-09-01',
      source: { tool: 'jira', ref: 'AIMS-9' },
      status: 'open',
    });
    const r = readiness(withRecords(records, orphanTrigger), TODAY);
    const whats = r.stage2.gaps.map((g) => g.what);
    expect(whats).toContain(
      'finding finding-2026-1-1 was closed but corrective action ca-2026-1-1 is not verified effective (status open)',
    );
    expect(whats).toContain(
      'trigger trg-orphan (context-changed) on sys-retired open for 88 days, past the 30-day limit',
    );
  });

  it('is ready once every gap is closed', () => {
    const verified = action({
      id: 'ca-2026-1-1',
      findingId: 'finding-2026-1-1',
      status: 'verified-effective',
      effectiveness: {
        checkedOn: '2026-11-20',
        checkedBy: 'raj@example.com',
        effective: true,
        note: 'retention is 12 months',
      },
    });
    const records = demoRecords()
      .filter((r) => !(r.kind === 'trigger' || (r.kind === 'ai-system' && r.id !== 'sys-claims-triage')))
      .map((r): AnyRecord => (r.kind === 'finding' ? { ...r, status: 'closed', closedOn: '2026-11-21' } : r));
    const r = readiness(withRecords(records, verified), TODAY);
    expect(r.stage2).toEqual({ ready: true, gaps: [], watch: [] });
  });
});

describe('four-phase roadmap', () => {
  it('computes each percent as the mean score of its checks', () => {
    const phases = roadmap(demoSnapshot(), TODAY);
    expect(phases.map((p) => p.name)).toEqual([...PHASE_NAMES]);
    expect(phases.map((p) => p.percent)).toEqual([100, 100, 85, 80]);
    expect(phases[2]!.checks).toHaveLength(5 * 4);
    expect(
      phases[2]!.checks
        .filter((c) => c.score === 0)
        .map((c) => c.label)
        .sort(),
    ).toEqual([
      'Claims document extraction: current, approved impact assessment',
      'Customer support assistant: current risk assessment',
      'Customer support assistant: current, approved impact assessment',
    ]);
  });

  it('gives partial credit for SoA coverage and starts at zero for an empty register', () => {
    const phases = roadmap(snapshotFrom([]), TODAY);
    expect(phases.map((p) => p.percent)).toEqual([0, 0, 0, 0]);
    const half = demoRecords().filter((r) => !(r.kind === 'soa-entry' && r.controlId.startsWith('A.6')));
    const build = roadmap(snapshotFrom(half), TODAY)[1]!;
    const soa = build.checks.find((c) => c.label.startsWith('SoA entry'))!;
    expect(soa.score).toBeCloseTo(29 / 38);
    expect(build.percent).toBe(Math.round((100 * (6 + 29 / 38)) / 7));
  });
});

describe('readiness JSON contract', () => {
  it('matches the schema: two stages and exactly four named phases', () => {
    const json = readinessJson(readiness(demoSnapshot(), TODAY));
    expect(ReadinessJson.parse(json)).toEqual(json);
    expect(Object.keys(json)).toEqual(['stage1', 'stage2', 'phases']);
    expect(json.phases).toHaveLength(4);
    expect(json.stage2.gaps[0]).toEqual({
      clause: '8.4',
      system: DEMO_GAPS.missingImpactAssessment,
      what: 'Claims document extraction has no impact assessment',
      next: 'run the impact assessment for Claims document extraction and have it approved (6.1.4, 8.4)',
    });
  });

  it('rejects extra fields, a fifth phase or phases out of order', () => {
    const json = readinessJson(readiness(demoSnapshot(), TODAY));
    expect(ReadinessJson.safeParse({ ...json, extra: 1 }).success).toBe(false);
    expect(ReadinessJson.safeParse({ ...json, phases: [...json.phases, json.phases[0]] }).success).toBe(
      false,
    );
    expect(ReadinessJson.safeParse({ ...json, phases: [...json.phases].reverse() }).success).toBe(false);
    const withSystemId = {
      ...json,
      stage2: { ...json.stage2, gaps: [{ clause: '8.2', systemId: 'x', what: 'w', next: 'n' }] },
    };
    expect(ReadinessJson.safeParse(withSystemId).success).toBe(false);
  });
});

describe('NIST AI RMF coverage through the crosswalk', () => {
  it('covers every category, showing each edge with its provenance and whether it is evidenced', () => {
    const coverage = rmfCoverage(demoSnapshot(), TODAY);
    expect(coverage.map((c) => c.id)).toEqual(RMF_CATEGORIES.map((c) => c.id));
    const gv1 = coverage.find((c) => c.id === 'GV1')!;
    expect(gv1.edges.some((e) => e.from === 'GV1.1' && e.provenance === 'nist-crosswalk-fdis')).toBe(true);
    expect(gv1.edges.some((e) => e.from === 'GV1' && e.provenance === 'project-authored')).toBe(true);
    const policy = gv1.edges.find((e) => e.to.id === '5.2')!;
    expect(policy).toMatchObject({
      evidenced: true,
      recordIds: ['doc-ai-policy'],
      relationship: 'intersect',
    });
    const context = gv1.edges.find((e) => e.to.id === '4.1')!;
    expect(context.evidenced).toBe(false);
    expect(gv1.coverage).toBe('partial');
    const measure = coverage.find((c) => c.id === 'MS1')!;
    expect(measure.coverage).toBe('covered');
  });

  it('never counts an edge whose note says 42001 has no requirement (GV3 is not covered)', () => {
    const gv3 = rmfCoverage(demoSnapshot(), TODAY).find((c) => c.id === 'GV3')!;
    expect(gv3.edges.length).toBeGreaterThan(0);
    expect(gv3.edges.every((e) => e.noRequirement === true)).toBe(true);
    expect(gv3.edges.some((e) => e.evidenced)).toBe(true);
    expect(gv3.coverage).toBe('none');
  });

  it('reports none when nothing is evidenced', () => {
    const coverage = rmfCoverage(snapshotFrom([]), TODAY);
    expect(new Set(coverage.map((c) => c.coverage))).toEqual(new Set(['none']));
  });
});
