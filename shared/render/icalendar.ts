// The operating calendar as iCalendar (RFC 5545): one all-day VEVENT per calendar event, recurring ones
// with an RRULE, text escaped and lines folded so any calendar client imports it. Pure: the instant the
// file was produced is handed in.
import { addDays } from '../processes/days';
import type { CalendarEvent } from '../processes/calendar';

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const utf8Length = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 3.1): continuation lines start
 * with one space, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    const limit = out.length === 0 ? 75 : 74; // the leading space of a continuation counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const icsDate = (day: string) => day.replaceAll('-', '');
const icsInstant = (instant: string) => `${instant.slice(0, 19).replace(/[-:]/g, '')}Z`;

export interface ICalendarOptions {
  /** When the calendar was produced (ISO instant, UTC); becomes every event's DTSTAMP. */
  generatedAt: string;
  name?: string;
}

/** The events as one VCALENDAR, CRLF line ends; DTSTAMP is `options.generatedAt` for every event. */
export function toICalendar(events: readonly CalendarEvent[], options: ICalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//AIMS Lens//Operating calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name ?? 'AIMS operating calendar')}`,
  ];
  const stamp = icsInstant(new Date(options.generatedAt).toISOString());
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(e.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(e.date, 1))}`,
      ...(e.recurrence
        ? [
            `RRULE:FREQ=${e.recurrence.unit === 'month' ? 'MONTHLY' : 'DAILY'};INTERVAL=${e.recurrence.interval};UNTIL=${icsDate(e.recurrence.until)}`,
          ]
        : []),
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `CATEGORIES:${[e.category, `ISO 42001 ${e.clause}`].map(escapeText).join(',')}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
