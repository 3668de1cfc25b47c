import { describe, it, expect } from 'vitest';
import {
  ANNEX_A_CONTROL_IDS,
  ANNEX_A_CONTROLS,
  CLAUSES,
  buildCrosswalk,
  CONTROL_GROUPS,
  CROSSWALK,
  ControlSchema,
  IMPACT_ELEMENTS,
  REQUIRED_INFORMATION,
  RMF_CATEGORIES,
  RMF_FUNCTIONS,
  clauseById,
  controlById,
  controlsInGroup,
  crosswalkFrom,
  crosswalkTo,
  refKey,
  resolveRef,
  rmfCategoryById,
  tableOf,
} from '../../shared/standard';

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

describe('ISO/IEC 42001 Annex A', () => {
  it('has exactly 38 controls in 9 groups with the expected per-group counts', () => {
    expect(ANNEX_A_CONTROLS).toHaveLength(38);
    expect(CONTROL_GROUPS.map((g) => g.id)).toEqual([
      'A.2',
      'A.3',
      'A.4',
      'A.5',
      'A.6',
      'A.7',
      'A.8',
      'A.9',
      'A.10',
    ]);
    expect(CONTROL_GROUPS.map((g) => controlsInGroup(g.id).length)).toEqual([3, 2, 5, 4, 9, 5, 4, 3, 3]);
    expect(ANNEX_A_CONTROL_IDS).toHaveLength(38);
  });

  it('puts every control in a group that exists', () => {
    for (const c of ANNEX_A_CONTROLS) {
      expect(
        CONTROL_GROUPS.some((g) => g.id === c.group),
        c.id,
      ).toBe(true);
    }
  });

  it('keeps the A.6 sub-objective split and two-digit group A.10 apart from A.1x lookalikes', () => {
    expect(controlsInGroup('A.6').map((c) => c.id)).toEqual([
      'A.6.1.2',
      'A.6.1.3',
      'A.6.2.2',
      'A.6.2.3',
      'A.6.2.4',
      'A.6.2.5',
      'A.6.2.6',
      'A.6.2.7',
      'A.6.2.8',
    ]);
    expect(controlById('A.10.3')?.group).toBe('A.10');
    expect(controlById('A.1.2')).toBeUndefined();
    expect(controlsInGroup('A.1')).toEqual([]);
  });

  it('gives each control a summary and 1–3 evidence hints', () => {
    for (const c of ANNEX_A_CONTROLS) {
      expect(c.evidenceHints.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.evidenceHints.length, c.id).toBeLessThanOrEqual(3);
      expect(c.summary.length, c.id).toBeGreaterThan(10);
    }
  });

  it('rejects a control filed under the wrong group and a duplicated id', () => {
    const bad = { id: 'A.5.2', group: 'A.4', title: 't', summary: 's', evidenceHints: ['e'] };
    expect(ControlSchema.safeParse(bad).success).toBe(false);
    const row = { ...bad, group: 'A.5' };
    expect(tableOf(ControlSchema).safeParse([row, row]).success).toBe(false);
  });
});

describe('ISO/IEC 42001 clauses', () => {
  it('covers clauses 4–10 and the split subclauses', () => {
    for (const id of ['4', '10', '4.4', '6.1', '6.1.1', '6.1.4', '7.5.3', '8.4', '9.2.2', '9.3.3', '10.2']) {
      expect(clauseById(id), id).toBeDefined();
    }
    expect(clauseById('6.1.2')?.parent).toBe('6.1');
    expect(clauseById('6.1')?.parent).toBe('6');
    expect(clauseById('10')?.parent).toBeUndefined();
  });

  it('has a parent for every clause that names one', () => {
    for (const c of CLAUSES) {
      if (c.parent !== undefined) expect(clauseById(c.parent), `${c.id} → ${c.parent}`).toBeDefined();
    }
  });

  it('audits leaves and not headings', () => {
    const parents = new Set(CLAUSES.flatMap((c) => (c.parent ? [c.parent] : [])));
    for (const c of CLAUSES) expect(c.auditable, c.id).toBe(!parents.has(c.id));
  });

  it('points every required-information row at an existing clause (and control, when given)', () => {
    expect(REQUIRED_INFORMATION.length).toBeGreaterThan(0);
    for (const r of REQUIRED_INFORMATION) {
      expect(clauseById(r.clause), r.what).toBeDefined();
      if (r.control !== undefined) expect(controlById(r.control), r.what).toBeDefined();
    }
    const tags = new Set(REQUIRED_INFORMATION.flatMap((r) => r.evidenceKinds));
    for (const tag of [
      'scope',
      'ai-policy',
      'soa',
      'impact-assessment',
      'audit-report',
      'management-review',
    ]) {
      expect(tags.has(tag as never), tag).toBe(true);
    }
  });
});

describe('ids', () => {
  it('are unique within every table and across frameworks once qualified', () => {
    const tables: Record<string, readonly string[]> = {
      clauses: CLAUSES.map((c) => c.id),
      groups: CONTROL_GROUPS.map((g) => g.id),
      controls: ANNEX_A_CONTROLS.map((c) => c.id),
      impact: IMPACT_ELEMENTS.map((e) => e.id),
      functions: RMF_FUNCTIONS.map((f) => f.id),
      categories: RMF_CATEGORIES.map((c) => c.id),
    };
    for (const [name, ids] of Object.entries(tables)) expect(duplicates(ids), name).toEqual([]);
    const qualified = [
      ...tables.clauses!.map((id) => refKey({ framework: 'iso42001', id })),
      ...[...tables.groups!, ...tables.controls!].map((id) => refKey({ framework: 'iso42001-annex-a', id })),
      ...tables.impact!.map((id) => refKey({ framework: 'iso42005', id })),
      ...[...tables.functions!, ...tables.categories!].map((id) => refKey({ framework: 'nist-ai-rmf', id })),
    ];
    expect(duplicates(qualified)).toEqual([]);
  });
});

describe('ISO/IEC 42005', () => {
  it('has process elements 5.1–5.12 and documentation elements 6.2–6.9', () => {
    const leaves = (part: string) =>
      IMPACT_ELEMENTS.filter((e) => e.part === part && e.parent).map((e) => e.id);
    expect(leaves('process')).toEqual(Array.from({ length: 12 }, (_, i) => `5.${i + 1}`));
    expect(leaves('documentation')).toEqual(Array.from({ length: 8 }, (_, i) => `6.${i + 2}`));
  });

  it('flags the recalled 6.5 and 6.6 titles as unverified', () => {
    const unverified = IMPACT_ELEMENTS.filter((e) => !e.verified).map((e) => e.id);
    expect(unverified).toEqual(['6.5', '6.6']);
  });
});

describe('NIST AI RMF', () => {
  it('has 4 functions and 19 categories whose subcategory counts sum to 72', () => {
    expect(RMF_FUNCTIONS.map((f) => f.id)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(RMF_CATEGORIES).toHaveLength(19);
    expect(RMF_CATEGORIES.reduce((sum, c) => sum + c.subcategoryCount, 0)).toBe(72);
    expect(rmfCategoryById('MS2')?.subcategoryCount).toBe(13);
  });

  it('resolves subcategories only within their category’s count', () => {
    expect(resolveRef({ framework: 'nist-ai-rmf', id: 'GV1.7' })).toBeDefined();
    expect(resolveRef({ framework: 'nist-ai-rmf', id: 'GV1.8' })).toBeUndefined();
    expect(resolveRef({ framework: 'nist-ai-rmf', id: 'GV7.1' })).toBeUndefined();
    expect(resolveRef({ framework: 'nist-ai-rmf', id: 'GOVERN' })?.title).toBe('Govern');
  });
});

describe('crosswalk', () => {
  it('resolves every edge at both ends', () => {
    for (const e of CROSSWALK) {
      expect(resolveRef(e.from), refKey(e.from)).toBeDefined();
      expect(resolveRef(e.to), refKey(e.to)).toBeDefined();
    }
  });

  it('does not resolve ids from the wrong framework', () => {
    expect(resolveRef({ framework: 'iso42001', id: 'A.2.2' })).toBeUndefined();
    expect(resolveRef({ framework: 'iso42001-annex-a', id: '6.1.2' })).toBeUndefined();
    expect(resolveRef({ framework: 'iso42005', id: '6.1' })).toBeUndefined();
  });

  it('maps every RMF category to at least one 42001 clause or Annex A control', () => {
    for (const c of RMF_CATEGORIES) {
      const targets = crosswalkFrom({ framework: 'nist-ai-rmf', id: c.id }).map((e) => e.to.framework);
      expect(
        targets.some((f) => f === 'iso42001' || f === 'iso42001-annex-a'),
        c.id,
      ).toBe(true);
    }
  });

  it('has no duplicate edges', () => {
    const keys = CROSSWALK.map((e) => `${refKey(e.from)}->${refKey(e.to)}`);
    expect(duplicates(keys)).toEqual([]);
  });

  it('maps NIST Annex B guidance to the mirrored Annex A control and keeps the source in the note', () => {
    const edge = crosswalkFrom({ framework: 'nist-ai-rmf', id: 'GV1.1' }).find((e) => e.to.id === 'A.2.2');
    expect(edge?.provenance).toBe('nist-crosswalk-fdis');
    expect(edge?.note).toContain('B.2.2');
  });

  it('links ISO/IEC 42005 to 6.1.4, 8.4 and A.5 as project-authored edges drawn after the reported Annex A', () => {
    const fromAnnex = CROSSWALK.filter((e) => e.note?.includes('after a reported mapping'));
    expect(fromAnnex.length).toBe(6);
    expect(fromAnnex.every((e) => e.provenance === 'project-authored')).toBe(true);
    const targets = new Set(fromAnnex.map((e) => e.to.id));
    for (const id of ['6.1.4', '8.4', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5'])
      expect(targets.has(id), id).toBe(true);
    expect(fromAnnex.every((e) => e.from.framework === 'iso42005')).toBe(true);
  });

  it('answers reverse lookups', () => {
    const into = crosswalkTo({ framework: 'iso42001-annex-a', id: 'A.10.3' }).map((e) => e.from.id);
    expect(into).toEqual(expect.arrayContaining(['GV6', 'MG3', 'MP4']));
    expect(crosswalkTo({ framework: 'iso42001', id: '99' })).toEqual([]);
  });
});

describe('tables', () => {
  it('are frozen so callers cannot edit the reference data', () => {
    expect(Object.isFrozen(ANNEX_A_CONTROLS)).toBe(true);
    expect(Object.isFrozen(CROSSWALK)).toBe(true);
    expect(Object.isFrozen(ANNEX_A_CONTROL_IDS)).toBe(true);
  });
});

describe('crosswalk provenance honesty', () => {
  it('carries only provenances someone on the project has read', () => {
    expect(new Set(CROSSWALK.map((e) => e.provenance))).toEqual(
      new Set(['nist-crosswalk-fdis', 'project-authored']),
    );
  });

  it('marks every edge whose note says there is no requirement, and refuses one that is not marked', () => {
    const gv3 = CROSSWALK.filter((e) => e.from.id === 'GV3');
    expect(gv3.length).toBeGreaterThan(0);
    expect(gv3.every((e) => e.noRequirement === true)).toBe(true);
    const unmarked = { ...gv3[0]!, noRequirement: undefined };
    expect(() => buildCrosswalk([unmarked])).toThrow(/needs noRequirement/);
  });

  it('keeps A.8.2 about system documentation and states all of 6.1.1', () => {
    expect(controlById('A.8.2')?.title).toBe('System documentation and information for users');
    const summary = CLAUSES.find((c) => c.id === '6.1.1')!.summary;
    for (const part of [
      'risks and opportunities',
      '4.1',
      '4.2',
      'risk criteria',
      'plan actions',
      'effectiveness',
      'documented information',
    ])
      expect(summary, part).toContain(part);
  });
});
