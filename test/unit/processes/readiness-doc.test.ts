// docs/readiness.md lists every Stage 1 and Stage 2 rule; these tests hold the tables and the code to each
// other. Every row of each table has a case below that breaks exactly that rule in a register ready for
// both stages, and the code must then report a gap under the row's clause; and every gap the code reports
// — in those cases and for an empty register — must fall under a row of its stage's table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyRecord, RecordOf } from '../../../shared/model';
import { addDays } from '../../../shared/processes/days';
import type { Gap } from '../../../shared/processes/gap-row';
import { readiness } from '../../../shared/processes/readiness';
import {
  TODAY,
  readyRecords,
  snapshotFrom,
  stored,
  system,
  without,
} from '../../support/certification-fixtures';

interface Row {
  clause: string;
  rule: string;
}

/** The rows of the table that follows an `<!-- example: name -->` marker. */
function docTable(name: string): Row[] {
  const doc = readFileSync(join(__dirname, '../../../docs/readiness.md'), 'utf8');
  const marker = `<!-- example: ${name} -->\n`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/readiness.md has no table '${name}'`);
  const lines = doc.slice(at + marker.length).split('\n');
  const table = lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith('|')),
  );
  return table.slice(2).map((line) => {
    const [clause = '', rule = ''] = line
      .split('|')
      .slice(1)
      .map((c) => c.trim());
    return { clause, rule };
  });
}

/** Rows whose clause column names the clause in words: the gap carries the record's own clause. */
const OWN_CLAUSE_ROWS = ["the document's clause", "finding's clause or control", "trigger's clause"];
const literalClauses = (rows: readonly Row[]) =>
  new Set(rows.filter((r) => !OWN_CLAUSE_ROWS.includes(r.clause)).flatMap((r) => r.clause.split(' / ')));

interface Case {
  /** The row's clause column, exactly as documented. */
  row: string;
  /** A fragment of the row's rule, where one clause has several rows. */
  rule?: string;
  /** The clause the gap must carry. */
  clause: string;
  records: () => AnyRecord[];
}

const one = <K extends AnyRecord['kind']>(kind: K, id?: string) =>
  readyRecords().find((r) => r.kind === kind && (id === undefined || r.id === id)) as RecordOf<K>;
/** The ready register with some records dropped and others replaced (by kind and id) or added. */
const change = (drop: (r: AnyRecord) => boolean, ...put: AnyRecord[]) => {
  const key = (r: AnyRecord) => `${r.kind}/${r.id}`;
  const replaced = new Set(put.map(key));
  return [...without(readyRecords(), (r) => drop(r) || replaced.has(key(r))), ...put];
};
const replace = (...put: AnyRecord[]) => change(() => false, ...put);
const yesterday = addDays(TODAY, -1);

const STAGE1: Case[] = [
  {
    row: '4.1',
    rule: 'external and one internal',
    clause: '4.1',
    records: () => change((r) => r.kind === 'context-issue' && r.nature === 'internal'),
  },
  {
    row: '4.1',
    rule: 'climate',
    clause: '4.1',
    records: () => change((r) => r.kind === 'context-issue' && r.category === 'climate'),
  },
  { row: '4.2', clause: '4.2', records: () => change((r) => r.kind === 'interested-party') },
  {
    row: '4.1 / 4.2 / 7.1',
    clause: '7.1',
    records: () => replace({ ...one('resource'), nextReview: yesterday }),
  },
  {
    row: '4.3',
    clause: '4.3',
    records: () => change((r) => r.kind === 'document' && r.docType === 'scope'),
  },
  {
    row: '5.2',
    clause: '5.2',
    records: () => change((r) => r.kind === 'document' && r.docType === 'ai-policy'),
  },
  {
    row: '5.3',
    clause: '5.3',
    records: () => change((r) => r.kind === 'role-assignment' && r.role === 'internal-audit-owner'),
  },
  {
    row: '6.1.1',
    clause: '6.1.1',
    records: () => change((r) => r.kind === 'aims-risk' && r.type === 'opportunity'),
  },
  {
    row: '6.1.2',
    clause: '6.1.2',
    records: () =>
      change(
        (r) => r.kind === 'risk-methodology' || (r.kind === 'document' && r.docType === 'risk-methodology'),
      ),
  },
  {
    row: '6.1.4',
    clause: '6.1.4',
    records: () =>
      change(
        (r) => r.kind === 'impact-template' || (r.kind === 'document' && r.docType === 'impact-methodology'),
      ),
  },
  {
    row: '6.1.3',
    clause: '6.1.3',
    records: () => change((r) => r.kind === 'soa-entry' && r.controlId === 'A.2.2'),
  },
  {
    row: '6.2',
    clause: '6.2',
    records: () => change((r) => r.kind === 'document' && r.docType === 'objectives'),
  },
  {
    row: '7.1',
    clause: '7.1',
    records: () => change((r) => r.kind === 'resource'),
  },
  {
    row: '7.2',
    clause: '7.2',
    records: () => change((r) => r.kind === 'document' && r.docType === 'competence-record'),
  },
  { row: '7.4', clause: '7.4', records: () => change((r) => r.kind === 'communication') },
  {
    row: '9.1',
    clause: '9.1',
    records: () =>
      replace(
        ...readyRecords()
          .filter((r) => r.kind === 'monitoring-plan')
          .map((r) => ({ ...r, approval: { state: 'draft' as const } })),
      ),
  },
  { row: '9.2.2', clause: '9.2.2', records: () => change((r) => r.kind === 'audit-programme') },
  {
    row: "the document's clause",
    clause: '5.2',
    records: () => {
      const policy = readyRecords().find((r) => r.kind === 'document' && r.docType === 'ai-policy')!;
      return replace({ ...policy, nextReview: yesterday, clauses: ['5.2'] } as AnyRecord);
    },
  },
  {
    row: '7.5.3',
    clause: '7.5.3',
    records: () => {
      const policy = readyRecords().find((r) => r.kind === 'document' && r.docType === 'ai-policy')!;
      return replace({ ...policy, contentHash: undefined } as AnyRecord);
    },
  },
];

const STAGE2: Case[] = [
  {
    row: '8.2',
    clause: '8.2',
    records: () => change((r) => r.kind === 'risk-assessment' && r.systemId === 'sys-claims-triage'),
  },
  {
    row: '8.4',
    clause: '8.4',
    records: () => change((r) => r.kind === 'impact-assessment' && r.systemId === 'sys-claims-triage'),
  },
  {
    row: '5.3',
    clause: '5.3',
    records: () =>
      change(
        (r) => r.kind === 'role-assignment' && r.role === 'risk-owner' && r.systemId === 'sys-claims-triage',
        { ...one('ai-system', 'sys-claims-triage'), riskOwner: undefined },
      ),
  },
  { row: '9.2.1', clause: '9.2.1', records: () => change((r) => r.kind === 'audit') },
  {
    row: '9.2.2',
    clause: '9.2.2',
    records: () => {
      const audit = one('audit', 'audit-2026-1');
      return replace({ ...audit, scope: { ...audit.scope, clauses: ['4', '5', '6', '7', '8', '9'] } });
    },
  },
  {
    row: "finding's clause or control",
    clause: 'A.6.2.8',
    records: () => replace({ ...one('finding'), grade: 'major-nc', status: 'open', closedOn: undefined }),
  },
  {
    row: '8.3 / 6.1.3',
    clause: '8.3',
    records: () =>
      replace({
        ...one('treatment', 'tr-sys-fraud-scoring-ia-i1'),
        status: 'planned',
        dueOn: yesterday,
        effectiveness: undefined,
      }),
  },
  {
    row: '9.3 / 9.3.1',
    clause: '9.3.1',
    records: () => replace({ ...one('management-review'), nextReviewOn: yesterday }),
  },
  {
    row: '9.3.2',
    clause: '9.3.2',
    records: () => {
      const review = one('management-review');
      return replace({ ...review, inputs: { ...review.inputs, monitoring: [] } });
    },
  },
  {
    row: "trigger's clause",
    clause: '6.1.4',
    records: () =>
      replace(
        stored('trigger', {
          id: 'trg-unanswered',
          systemId: 'sys-not-in-inventory',
          type: 'context-changed',
          detail: 'New market',
          clauses: ['6.1.4'],
          raisedOn: addDays(TODAY, -31),
          source: { tool: 'jira', ref: 'AIMS-1' },
          status: 'open',
        }),
      ),
  },
  { row: '5.1', clause: '5.1', records: () => change((r) => r.kind === 'leadership-commitment') },
  {
    row: '6.1.1',
    clause: '6.1.1',
    records: () =>
      replace({ ...one('aims-risk', 'aimsrisk-shadow-ai'), status: 'planned', dueOn: yesterday }),
  },
  {
    row: '6.3',
    clause: '6.3',
    records: () =>
      replace({
        ...one('aims-change', 'change-2026-triggers'),
        status: 'in-progress',
        approval: { state: 'draft' },
      }),
  },
  { row: '7.3', clause: '7.3', records: () => change((r) => r.kind === 'awareness') },
  {
    row: '7.4',
    clause: '7.4',
    records: () => replace({ ...one('communication', 'comm-aims-newsletter'), lastOn: '2025-01-01' }),
  },
  { row: '9.1', clause: '9.1', records: () => change((r) => r.kind === 'measurement') },
  { row: '10.1', clause: '10.1', records: () => change((r) => r.kind === 'improvement') },
];

const STAGES = [
  {
    name: 'Stage 1',
    table: 'stage1-rules',
    cases: STAGE1,
    gaps: (records: AnyRecord[]) => stageGaps(records).s1,
  },
  {
    name: 'Stage 2',
    table: 'stage2-rules',
    cases: STAGE2,
    gaps: (records: AnyRecord[]) => stageGaps(records).s2,
  },
] as const;

function stageGaps(records: AnyRecord[]): { s1: Gap[]; s2: Gap[] } {
  const r = readiness(snapshotFrom(records), TODAY);
  return { s1: r.stage1.gaps, s2: r.stage2.gaps };
}

const matches = (row: Row, c: Case) =>
  row.clause === c.row && (c.rule === undefined || row.rule.includes(c.rule));

describe.each(STAGES)('docs/readiness.md $name table', ({ table, cases, gaps }) => {
  const rows = docTable(table);

  it('starts from a register with no gap at this stage', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(gaps(readyRecords())).toEqual([]);
  });

  it('has a breaking case for every row, and every case names exactly one row', () => {
    for (const row of rows)
      expect(
        cases.filter((c) => matches(row, c)),
        `row ${row.clause}: ${row.rule}`,
      ).toHaveLength(1);
    for (const c of cases)
      expect(
        rows.filter((row) => matches(row, c)),
        `case ${c.row} ${c.rule ?? ''}`,
      ).toHaveLength(1);
  });

  it.each(cases.map((c) => [`${c.row}${c.rule ? ` (${c.rule})` : ''}`, c] as const))(
    'breaking %s gives a gap under that clause, and only gaps the table documents',
    (_, c) => {
      const found = gaps(c.records());
      expect(found.map((g) => g.clause)).toContain(c.clause);
      const documented = literalClauses(rows);
      if (OWN_CLAUSE_ROWS.includes(c.row)) documented.add(c.clause);
      for (const g of found) expect(documented, `${g.clause}: ${g.what}`).toContain(g.clause);
    },
  );

  it('documents every gap an empty register or a bare system gives', () => {
    const documented = literalClauses(rows);
    const bare = [system('sys-bare', { riskOwner: undefined })];
    for (const records of [[], bare]) {
      const found = gaps(records);
      expect(found.length).toBeGreaterThan(3);
      for (const g of found) expect(documented, `${g.clause}: ${g.what}`).toContain(g.clause);
    }
  });
});
