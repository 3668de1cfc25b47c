import { readiness, readinessJson, type Stage } from '../../../shared/processes/readiness';
import type { Command } from '../command';
import { formatOption } from '../format/options';
import { heading, renderTable } from '../format/table';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

const stageLines = (title: string, stage: Stage): string[] => [
  ...heading(
    `${title}: ${stage.ready ? 'READY' : `NOT READY (${stage.gaps.length} gap${stage.gaps.length === 1 ? '' : 's'})`}`,
  ),
  ...(stage.gaps.length === 0
    ? ['No gaps.']
    : renderTable(
        ['Clause', 'System', 'Gap', 'Next action'],
        stage.gaps.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
      )),
  ...(stage.watch.length === 0
    ? []
    : [
        '',
        `Watch (${stage.watch.length}; an auditor follows these up, they do not block):`,
        ...renderTable(
          ['Clause', 'System', 'Watch item', 'Next action'],
          stage.watch.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
        ),
      ]),
];

export const readinessCommand: Command = {
  name: 'readiness',
  summary: 'Certification readiness: Stage 1 and Stage 2 gaps with next actions, and the four-phase roadmap',
  usage: 'aims readiness --workspace <dir> [--today YYYY-MM-DD] [--format text|json]',
  details: [
    '  --today    evaluate as of this day (default: today)',
    '  --format   text (default) or json',
    '',
    'JSON: { "stage1": { "ready", "gaps": [{ "clause", "system"?, "what", "next" }], "watch": [same] },',
    '        "stage2": { same },',
    '        "phases": [{ "name", "percent" }] × 4 }   (docs/readiness.md explains every rule and percent)',
    'Exit codes: 0 evaluated (whether ready or not); 2 usage or workspace error.',
  ],
  options: { ...WORKSPACE_OPTION, ...TODAY_OPTION, format: { type: 'string', short: 'f' } },
  async run(args, io) {
    const format = formatOption(args, ['text', 'json'] as const, 'text');
    const today = todayOption(args, io);
    const { snapshot } = await workspaceSnapshot(args, io, { readOnly: true });
    const result = readiness(snapshot, today);
    if (format === 'json') {
      io.out(JSON.stringify(readinessJson(result), null, 2));
      return 0;
    }
    const lines = [
      `Certification readiness as of ${today}`,
      ...stageLines('Stage 1 — documented AIMS', result.stage1),
      ...stageLines('Stage 2 — implemented and effective', result.stage2),
      ...heading('Roadmap'),
      ...result.phases.flatMap((p, i) => [
        `${i + 1}. ${p.name.padEnd(26)} ${String(p.percent).padStart(3)}%`,
        ...p.checks.map(
          (c) =>
            `     ${c.score === 1 ? '✓' : c.score === 0 ? '✗' : '◐'} ${c.clause.padEnd(6)} ${c.label}${c.score > 0 && c.score < 1 ? ` (${Math.round(c.score * 100)}%)` : ''}`,
        ),
      ]),
    ];
    lines.forEach((l) => io.out(l));
    return 0;
  },
};
