import { extname } from 'node:path';
import type { RecordKind } from '../../../shared/model';
import { buildSoa, soaGaps } from '../../../shared/processes/soa';
import { soaToCsv, soaToHtml, soaToJson } from '../../../shared/render/soa';
import { stringOption, UserError, type Command } from '../command';
import { formatOption } from '../format/options';
import { FORCE_OPTION } from '../out-path';
import { renderTable } from '../format/table';
import { TODAY_OPTION, WORKSPACE_OPTION, emit, todayOption, workspaceSnapshot } from './evaluation-options';

const FORMATS = ['text', 'csv', 'json', 'html'] as const;

/** What the Statement of Applicability is built from. */
const SOA_KINDS: readonly RecordKind[] = [
  'ai-system',
  'document',
  'evidence',
  'risk-assessment',
  'soa-entry',
  'treatment',
];
type Format = (typeof FORMATS)[number];

/** --format, else the --out file's extension, else text. */
function soaFormat(args: Parameters<Command['run']>[0]): Format {
  const out = stringOption(args, 'out');
  const fromExt = out ? extname(out).slice(1).toLowerCase() : '';
  const fallback = (FORMATS as readonly string[]).includes(fromExt) ? (fromExt as Format) : 'text';
  return formatOption(args, FORMATS, fallback);
}

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

export const soaCommand: Command = {
  name: 'soa',
  summary: 'Statement of Applicability for all 38 Annex A controls, linked to risks, treatments and evidence',
  usage: 'aims soa --workspace <dir> [--format text|csv|json|html] [--out <file>]',
  details: [
    '  --format   text (default), csv (RFC 4180), json or html (one self-contained page);',
    '             with --out and no --format, the file extension decides',
    '  --out      write to this file instead of standard output (never a workspace file; an existing',
    '             file only with --force)',
    'Controls without an entry get a draft justification from the treatments and evidence linked to them.',
    'Exit codes: 0 written; 2 usage or workspace error.',
  ],
  options: {
    ...WORKSPACE_OPTION,
    ...TODAY_OPTION,
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    ...FORCE_OPTION,
  },
  async run(args, io) {
    const format = soaFormat(args);
    const today = todayOption(args, io);
    const { snapshot } = await workspaceSnapshot(args, io, { readOnly: true, kinds: SOA_KINDS });
    const rows = buildSoa(snapshot);
    const meta = { generatedOn: today };
    if (format === 'csv') await emit(args, io, soaToCsv(rows), 'the SoA (CSV)');
    else if (format === 'json') await emit(args, io, soaToJson(rows, meta), 'the SoA (JSON)');
    else if (format === 'html') await emit(args, io, soaToHtml(rows, meta), 'the SoA (HTML)');
    else {
      if (stringOption(args, 'out')) throw new UserError('--out needs --format csv, json or html');
      const lines: string[] = renderTable(
        ['Control', 'Applies', 'Status', 'Links', 'Justification'],
        rows.map((r) => [
          r.controlId,
          r.applicable === undefined ? '?' : r.applicable ? 'yes' : 'no',
          r.status,
          `${r.treatmentIds.length}t ${r.evidenceIds.length}e`,
          clip(`${r.justificationSource === 'draft' ? '[draft] ' : ''}${r.justification}`, 90),
        ]),
      );
      const gaps = soaGaps(rows);
      lines.push(
        '',
        gaps.length === 0
          ? 'SoA complete: every control decided, every exclusion approved.'
          : `${gaps.length} SoA gap(s):`,
      );
      for (const g of gaps) lines.push(`  ${g.controlId}: ${g.what} → ${g.next}`);
      lines.forEach((l) => io.out(l));
    }
    return 0;
  },
};
