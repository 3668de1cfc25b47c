// The operating calendar as iCalendar (RFC 5545): one all-day VEVENT per calendar event, recurring ones
// with an RRULE, text escaped and lines folded so any calendar client imports it. Pure: the instant the
// file was produced is handed in.
import { addDays } from '../processes/days';
import type { CalendarEvent } from '../processes/calendar';

/** Characters TEXT escaping changes; most values hold none and are returned as they are. */
const NEEDS_ESCAPE = /[\\;,\r\n]/;

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A line this short fits whatever it holds: a UTF-16 code unit is at most 3 UTF-8 octets. */
const ALWAYS_FITS = 25;

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 3.1): continuation lines start
 * with one space, and a multi-byte UTF-8 character is never split (a surrogate pair is one 4-octet
 * character; a lone surrogate counts as 3, as UTF-8 encoders write its replacement). The line is cut
 * by slices, never rebuilt a character at a time: a large calendar has hundreds of thousands of lines.
 */
export function foldLine(line: string): string {
  if (line.length <= ALWAYS_FITS) return line;
  let out = '';
  let start = 0; // first code unit of the physical line being measured
  let octets = 0;
  let limit = 75; // the leading space of a continuation counts, so later lines hold 74
  for (let i = 0; i < line.length;) {
    const code = line.charCodeAt(i);
    let size = 1;
    let units = 1;
    if (code >= 0x800) {
      const low = code <= 0xdbff && code >= 0xd800 ? line.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        size = 4;
        units = 2;
      } else size = 3;
    } else if (code >= 0x80) size = 2;
    if (octets + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += units;
  }
  return start === 0 ? line : out + line.slice(start);
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
  // Written line by line into one string: no array of every line of a 50,000-event calendar is kept.
  let ics = '';
  const line = (text: string) => {
    ics += `${foldLine(text)}\r\n`;
  };
  line('BEGIN:VCALENDAR');
  line('VERSION:2.0');
  line('PRODID:-//AIMS Lens//Operating calendar//EN');
  line('CALSCALE:GREGORIAN');
  line('METHOD:PUBLISH');
  line(`X-WR-CALNAME:${escapeText(options.name ?? 'AIMS operating calendar')}`);
  const stamp = icsInstant(new Date(options.generatedAt).toISOString());
  for (const e of events) {
    line('BEGIN:VEVENT');
    line(`UID:${escapeText(e.uid)}`);
    line(`DTSTAMP:${stamp}`);
    line(`DTSTART;VALUE=DATE:${icsDate(e.date)}`);
    line(`DTEND;VALUE=DATE:${icsDate(addDays(e.date, 1))}`);
    if (e.recurrence) {
      line(
        `RRULE:FREQ=${e.recurrence.unit === 'month' ? 'MONTHLY' : 'DAILY'};INTERVAL=${e.recurrence.interval};UNTIL=${icsDate(e.recurrence.until)}`,
      );
    }
    line(`SUMMARY:${escapeText(e.summary)}`);
    line(`DESCRIPTION:${escapeText(e.description)}`);
    line(`CATEGORIES:${escapeText(e.category)},${escapeText(`ISO 42001 ${e.clause}`)}`);
    line('TRANSP:TRANSPARENT');
    line('END:VEVENT');
  }
  line('END:VCALENDAR');
  return ics;
}
