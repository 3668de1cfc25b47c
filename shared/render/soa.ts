// The Statement of Applicability (6.1.3 d) as a spreadsheet (CSV), a JSON document and a stand-alone HTML
// page. The rows come from the SoA process (`buildSoa`); this file only lays them out.
import type { SoaRow } from '../processes/soa';
import { toCsv } from './csv';
import { escapeHtml, htmlDocument, htmlTable } from './html';

const applicability = (row: SoaRow) =>
  row.applicable === undefined ? 'undecided' : row.applicable ? 'included' : 'excluded';

export const SOA_COLUMNS = [
  'Control',
  'Title',
  'Group',
  'Applicability',
  'Justification',
  'Justification source',
  'Status',
  'Owner',
  'Risks',
  'Treatments',
  'Evidence',
  'Approval',
  'Approved by',
  'Approved on',
  'SoA version',
  'Gaps',
] as const;

const cells = (row: SoaRow): string[] => [
  row.controlId,
  row.title,
  `${row.group} ${row.groupTitle}`,
  applicability(row),
  row.justification,
  row.justificationSource,
  row.status,
  row.owner ?? '',
  row.riskIds.join(' '),
  row.treatmentIds.join(' '),
  row.evidenceIds.join(' '),
  row.approval,
  row.approvedBy ?? '',
  row.approvedOn ?? '',
  row.soaVersion ?? '',
  row.gaps.join('; '),
];

export const soaToCsv = (rows: readonly SoaRow[]) => toCsv(SOA_COLUMNS, rows.map(cells));

export function soaToJson(
  rows: readonly SoaRow[],
  meta: { organisation?: string; generatedOn: string },
): string {
  return JSON.stringify({ statementOfApplicability: { ...meta, controls: rows } }, null, 2) + '\n';
}

/** "SoA version 3.0; entries approved by … on …" — what an auditor checks first on the exported SoA. */
function versionLine(rows: readonly SoaRow[]): string {
  const version = rows.find((r) => r.soaVersion)?.soaVersion;
  const approvals = [
    ...new Set(rows.filter((r) => r.approvedBy).map((r) => `${r.approvedBy} on ${r.approvedOn ?? '?'}`)),
  ];
  return `SoA version ${version ?? 'not recorded'}; ${approvals.length > 0 ? `entries approved by ${approvals.join(', ')}` : 'no entry approved'}.`;
}

export function soaToHtml(
  rows: readonly SoaRow[],
  meta: { organisation?: string; generatedOn: string },
): string {
  const title = `Statement of Applicability${meta.organisation ? ` — ${meta.organisation}` : ''}`;
  const included = rows.filter((r) => r.applicable === true).length;
  const excluded = rows.filter((r) => r.applicable === false).length;
  const table = htmlTable(
    SOA_COLUMNS,
    rows.map((row) => cells(row).map((c, i) => (i === 0 ? `<code>${escapeHtml(c)}</code>` : escapeHtml(c)))),
  );
  return htmlDocument(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>ISO/IEC 42001:2023 clause 6.1.3 d). ${escapeHtml(versionLine(rows))} Generated ${escapeHtml(meta.generatedOn)}: ${rows.length} controls, ${included} included, ${excluded} excluded.</p>
${table}`,
  );
}
