import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../shared/model';
import { buildSoa, soaStanding } from '../../../shared/processes/soa';
import { ANNEX_A_CONTROL_IDS } from '../../../shared/standard';
import { evidence, snapshotFrom, stored, system } from '../../support/certification-fixtures';

// A handful of controls, so links pile up on the same ones; ids that exist and ids that do not.
const controls = ANNEX_A_CONTROL_IDS.slice(0, 4);
const control = fc.constantFrom(...controls);
const evidenceId = fc.constantFrom('ev-1', 'ev-2', 'ev-10', 'ev-missing');
const treatmentId = fc.constantFrom('tr-a', 'tr-b', 'tr-missing');
const riskId = fc.constantFrom('ra-1:r1', 'ra-1:r9');

const evidenceItem = fc.record({
  id: fc.constantFrom('ev-1', 'ev-2', 'ev-10'),
  controls: fc.array(control, { maxLength: 3 }),
});
const treatmentItem = fc.record({
  id: fc.constantFrom('tr-a', 'tr-b'),
  controls: fc.array(control, { maxLength: 2 }),
  status: fc.constantFrom('planned', 'in-progress', 'implemented', 'verified-effective'),
});
const entryItem = fc.record({
  controlId: control,
  applicable: fc.boolean(),
  status: fc.constantFrom('not-started', 'planned', 'partial', 'implemented'),
  state: fc.constantFrom('draft', 'in-review', 'approved', 'rejected'),
  evidenceIds: fc.array(evidenceId, { maxLength: 4 }),
  treatmentIds: fc.array(treatmentId, { maxLength: 3 }),
  riskIds: fc.array(riskId, { maxLength: 2 }),
});

const snapshotOfLinks = (
  items: { id: string; controls: string[] }[],
  treatments: { id: string; controls: string[]; status: string }[],
  entries: (typeof entryItem extends fc.Arbitrary<infer E> ? E : never)[],
) =>
  snapshotFrom([
    system('sys-a'),
    ...items.map((e) => evidence({ id: e.id, controls: e.controls })),
    ...treatments.map((t) =>
      stored('treatment', {
        id: t.id,
        systemId: 'sys-a',
        riskAssessmentId: 'ra-1',
        riskId: 'r1',
        option: 'mitigate',
        annexAControls: t.controls,
        plan: 'Test before release',
        planOwner: 'owner@example.com',
        dueOn: '2026-12-01',
        status: t.status as Draft<'treatment'>['status'],
        residual: { likelihood: 2, impact: 2, level: 'low' },
      }),
    ),
    ...entries.map((e, i) =>
      stored('soa-entry', {
        id: `soa-${i}`,
        controlId: e.controlId,
        applicable: e.applicable,
        justification: 'Recorded reason',
        status: e.status as Draft<'soa-entry'>['status'],
        evidenceIds: e.evidenceIds,
        treatmentIds: e.treatmentIds,
        riskIds: e.riskIds,
        approval:
          e.state === 'approved'
            ? { state: 'approved', approvedBy: 'coo@example.com', approvedAt: '2026-06-01T12:00:00.000Z' }
            : { state: e.state as 'draft' },
      }),
    ),
  ]);

describe('SoA standing (what readiness reads of the SoA)', () => {
  it('says what buildSoa says of every control: entry, applicability, approval and gaps, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(evidenceItem, { maxLength: 6 }),
        fc.array(treatmentItem, { maxLength: 3 }),
        fc.array(entryItem, { maxLength: 6 }),
        (items, treatments, entries) => {
          const snap = snapshotOfLinks(items, treatments, entries);
          const plain = buildSoa(snap).map(({ controlId, entryId, applicable, approval, gaps }) => ({
            controlId,
            ...(entryId !== undefined ? { entryId } : {}),
            ...(applicable !== undefined ? { applicable } : {}),
            approval,
            gaps,
          }));
          expect(soaStanding(snap)).toEqual(plain);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with buildSoa once evidence has covered every control (the walk that stops early)', () => {
    fc.assert(
      fc.property(
        fc.array(evidenceItem, { maxLength: 4 }),
        fc.array(entryItem, { maxLength: 4 }),
        (items, entries) => {
          const all = { id: 'ev-2', controls: [...ANNEX_A_CONTROL_IDS] };
          const snap = snapshotOfLinks([...items.slice(0, 1), all, ...items.slice(1)], [], entries);
          const plain = buildSoa(snap).map((r) => [r.controlId, r.applicable, r.gaps]);
          expect(soaStanding(snap).map((r) => [r.controlId, r.applicable, r.gaps])).toEqual(plain);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds the gaps a control without links, an unapproved exclusion and unknown links raise', () => {
    const snap = snapshotOfLinks(
      [{ id: 'ev-1', controls: [controls[1]!] }],
      [],
      [
        {
          controlId: controls[0]!,
          applicable: true,
          status: 'implemented',
          state: 'approved',
          evidenceIds: [],
          treatmentIds: [],
          riskIds: [],
        },
        {
          controlId: controls[2]!,
          applicable: false,
          status: 'planned',
          state: 'draft',
          evidenceIds: ['ev-missing'],
          treatmentIds: [],
          riskIds: [],
        },
      ],
    );
    const byControl = new Map(soaStanding(snap).map((s) => [s.controlId, s]));
    expect(byControl.get(controls[0]!)?.gaps).toEqual([
      `${controls[0]} is marked implemented but no evidence or treatment links to it`,
    ]);
    expect(byControl.get(controls[1]!)).toEqual({
      controlId: controls[1],
      applicable: true,
      approval: 'none',
      gaps: [`no SoA entry for ${controls[1]}; a draft justification is available from its links`],
    });
    expect(byControl.get(controls[2]!)?.gaps).toEqual([
      `exclusion of ${controls[2]} is not approved (draft)`,
      'links to unknown evidence ev-missing',
    ]);
  });
});
