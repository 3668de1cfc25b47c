import { readiness, readinessJson, type Stage } from '../../../shared/processes/readiness';
import { printSafe, type Command, type CommandIO } from '../command';
import { formatOption } from '../format/options';
import { heading, oneLine, writeTable } from '../format/table';
import type { SafeText } from '../format/terminal';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

/** A stage's heading, gaps and watch items, printed as they are laid out (a large table is never held whole). */
function printStage(io: CommandIO, title: string, stage: Stage): void {
  const gaps = stage.gaps.length;
  for (const l of heading(
    `${title}: ${stage.ready ? 'READY' : `NOT READY (${gaps} gap${gaps === 1 ? '' : 's'})`}`,
  ))
    io.out(l);
  const print = (line: SafeText) => printSafe(io, line);
  if (gaps === 0) io.out('No gaps.');
  else
    writeTable(
      ['Clause', 'System', 'Gap', 'Next action'],
      stage.gaps.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
      print,
    );
  if (stage.watch.length === 0) return;
  io.out('');
  io.out(`Watch (${stage.watch.length}; an auditor follows these up, they do not block):`);
  writeTable(
    ['Clause', 'System', 'Watch item', 'Next action'],
    stage.watch.map((g) => [g.clause, g.systemId ?? '—', g.what, g.next]),
    print,
  );
}

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
    io.out(`Certification readiness as of ${today}`);
    printStage(io, 'Stage 1 — documented AIMS', result.stage1);
    printStage(io, 'Stage 2 — implemented and effective', result.stage2);
    for (const l of heading('Roadmap')) io.out(l);
    result.phases.forEach((p, i) => {
      io.out(`${i + 1}. ${p.name.padEnd(26)} ${String(p.percent).padStart(3)}%`);
      // A check's label may name a system: its line breaks would start lines the data wrote.
      for (const c of p.checks) {
        io.out(
          `     ${c.score === 1 ? '✓' : c.score === 0 ? '✗' : '◐'} ${c.clause.padEnd(6)} ${oneLine(c.label)}${c.score > 0 && c.score < 1 ? ` (${Math.round(c.score * 100)}%)` : ''}`,
        );
      }
    });
    return 0;
  },
};
