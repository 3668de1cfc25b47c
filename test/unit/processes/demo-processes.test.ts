import { describe, expect, it } from 'vitest';
import { demoRecords } from '../../support/demo-records';
import { DEMO_GAPS, DEMO_SYSTEM_IDS, demoProcessSteps } from '../../../shared/demo';
import { assessmentStatus, systemStatuses } from '../../../shared/processes/reassessment';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { treatmentGaps } from '../../../shared/processes/treatment';

const TODAY = '2026-11-28';
const organisation = snapshotOf(demoRecords(TODAY));

describe('the demo organisation runs the processes', () => {
  it('assesses every system, leaves doc extraction without an impact assessment, and treats what is unacceptable', () => {
    const rows = systemStatuses(organisation, TODAY);
    expect(rows.map((r) => r.system.id).sort()).toEqual([...DEMO_SYSTEM_IDS].sort());
    for (const row of rows) {
      expect(row.risk.state === 'current' || row.system.id === DEMO_GAPS.overdueReassessment).toBe(true);
      expect(row.riskLevel).toBeDefined();
    }
    expect(rows.find((r) => r.system.id === DEMO_GAPS.missingImpactAssessment)?.impact.state).toBe('missing');
    expect(treatmentGaps(organisation, TODAY)).toEqual([]);
    expect(
      organisation['risk-assessment'].every(
        (a) =>
          a.impactAssessmentId === undefined ||
          organisation['impact-assessment'].some((i) => i.id === a.impactAssessmentId),
      ),
    ).toBe(true);
  });

  it('makes the support assistant due on the day of its model change and overdue today', () => {
    const id = DEMO_GAPS.overdueReassessment;
    expect(assessmentStatus(organisation, id, 'risk', '2026-10-13').state).toBe('stale');
    expect(assessmentStatus(organisation, id, 'risk', '2026-10-14')).toMatchObject({
      state: 'due',
      causes: ['trg-support-model-swap'],
    });
    expect(assessmentStatus(organisation, id, 'impact', '2026-11-13').state).toBe('due');
    expect(assessmentStatus(organisation, id, 'impact', TODAY)).toMatchObject({
      state: 'overdue',
      dueOn: '2026-10-14',
    });
  });

  it('records each step with a cause, and every transition as a transition', () => {
    const steps = demoProcessSteps(TODAY);
    expect(steps.map((s) => s.on)).toEqual([...steps.map((s) => s.on)].sort());
    const writes = steps.flatMap((s) => s.writes);
    expect(writes.every((w) => w.options.cause && w.options.summary)).toBe(true);
    const change = steps.find((s) => s.on === '2026-10-14');
    expect(change?.headline).toBe(
      'gpt-4o → gpt-4.1 (ai-platform#214): risk and impact assessments current → due',
    );
    expect(steps.at(-1)).toMatchObject({
      on: '2026-11-14',
      cause: 'trigger:trg-support-model-swap',
      headline: 'no reassessment within 30 days: risk and impact assessments due → overdue',
    });
    expect(writes.filter((w) => w.options.action === 'transition').map((w) => w.kind)).toEqual(
      expect.arrayContaining(['risk-assessment', 'impact-assessment', 'treatment', 'trigger']),
    );
  });
});
