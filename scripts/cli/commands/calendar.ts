import {
  describeRecurrence,
  operatingCalendar,
  type CalendarEvent,
} from '../../../shared/processes/calendar';
import { toICalendar } from '../../../shared/render/icalendar';
import { printSafe, stringOption, type Command } from '../command';
import { formatOption } from '../format/options';
import { FORCE_OPTION } from '../out-path';
import { writeTable } from '../format/table';
import { TODAY_OPTION, WORKSPACE_OPTION, emit, todayOption, workspaceSnapshot } from './evaluation-options';

/** One label per state: "Proposed:" milestones and summaries that already say so get no second one. */
export function calendarText(e: CalendarEvent): string {
  const projected = e.projected && !/^Proposed\b|\(projected\)/.test(e.summary) ? ' (projected)' : '';
  return `${e.summary}${projected}${e.recurrence ? ` — ${describeRecurrence(e.recurrence)}` : ''}`;
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary:
    'Operating calendar: audits, reviews, reassessments, corrective actions, document and clause cadences, certification milestones',
  usage: 'aims calendar --workspace <dir> [--today YYYY-MM-DD] [--out <file.ics>] [--format text|ics]',
  details: [
    '  --out      write an iCalendar (RFC 5545) file to import into any calendar (never a workspace',
    '             file; an existing file only with --force)',
    '  --format   text (default without --out) or ics (default with --out)',
    'Without a recorded certification plan, Stage 1, Stage 2 and the surveillance cycle are proposed from readiness.',
    'Exit codes: 0 written; 2 usage or workspace error.',
  ],
  options: {
    ...WORKSPACE_OPTION,
    ...TODAY_OPTION,
    out: { type: 'string', short: 'o' },
    ...FORCE_OPTION,
    format: { type: 'string', short: 'f' },
  },
  async run(args, io) {
    const format = formatOption(args, ['text', 'ics'] as const, stringOption(args, 'out') ? 'ics' : 'text');
    const today = todayOption(args, io);
    const { snapshot } = await workspaceSnapshot(args, io, { readOnly: true });
    // The text table prints no descriptions, so they are not built for it.
    const calendar = operatingCalendar(snapshot, today, { describe: format === 'ics' });
    if (format === 'ics') {
      await emit(
        args,
        io,
        toICalendar(calendar.events, { generatedAt: io.now().toISOString() }),
        `${calendar.events.length} events (iCalendar)`,
      );
      return 0;
    }
    io.out(`Operating calendar ${calendar.from} → ${calendar.until}`);
    io.out(`${calendar.milestones.source === 'proposed' ? 'PROPOSED — ' : ''}${calendar.milestones.basis}`);
    io.out('');
    writeTable(
      ['Date', 'Category', 'Clause', 'What'],
      calendar.events.map((e) => [e.date, e.category, e.clause, calendarText(e)]),
      (line) => printSafe(io, line),
    );
    return 0;
  },
};
