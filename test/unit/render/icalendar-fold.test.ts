// The iCalendar writer's fast paths (escaping only what needs it, folding by slices) against the plain
// definitions of RFC 5545 3.3.11 and 3.1: any text, including astral characters and lone surrogates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from '../../../shared/render/icalendar';
import type { CalendarEvent } from '../../../shared/processes/calendar';

/** RFC 5545 3.1 spelled out: one character at a time, a new physical line when the next would pass 75 octets. */
function referenceFold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > (lines.length === 0 ? 75 : 74)) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

const referenceEscape = (value: string) =>
  value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Text mixing every width of UTF-8 character, lone surrogates, and the characters escaping changes. */
const piece = fc.oneof(
  fc.constantFrom('a', 'é', '€', '😀', '\uD800', '\uDFFF', '\\', ';', ',', '\r', '\n', '\r\n', ' '),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.string({ maxLength: 30 }),
);
const text = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));

describe('iCalendar text (RFC 5545)', () => {
  it('folds exactly as one character at a time would', () => {
    fc.assert(
      fc.property(text, (line) => {
        expect(foldLine(line)).toBe(referenceFold(line));
      }),
      {
        numRuns: 500,
      },
    );
  });

  it('folds at the exact boundaries: 75 octets stay on one line, 76 do not, a pair is never split', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine(`${'x'.repeat(73)}😀`)).toBe(`${'x'.repeat(73)}\r\n 😀`);
    expect(foldLine(`${'x'.repeat(71)}😀`)).toBe(`${'x'.repeat(71)}😀`);
    expect(foldLine(`${'x'.repeat(74)}\uD800`)).toBe(`${'x'.repeat(74)}\r\n \uD800`);
    expect(foldLine(`${'é'.repeat(12)}`)).toBe('é'.repeat(12));
  });

  it('escapes exactly as the four replacements would', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeText(value)).toBe(referenceEscape(value));
      }),
      {
        numRuns: 500,
      },
    );
  });

  it('writes every content line folded and escaped, whatever the event text', () => {
    const event = fc.record({
      uid: text,
      date: fc.constant('2027-01-05'),
      summary: text,
      description: text,
      category: fc.constant('internal-audit' as const),
      clause: text,
      projected: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 5 }), (events: CalendarEvent[]) => {
        const ics = toICalendar(events, { generatedAt: '2026-11-28T09:15:30.000Z' });
        const expected = [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//AIMS Lens//Operating calendar//EN',
          'CALSCALE:GREGORIAN',
          'METHOD:PUBLISH',
          'X-WR-CALNAME:AIMS operating calendar',
          ...events.flatMap((e) => [
            'BEGIN:VEVENT',
            `UID:${referenceEscape(e.uid)}`,
            'DTSTAMP:20261128T091530Z',
            'DTSTART;VALUE=DATE:20270105',
            'DTEND;VALUE=DATE:20270106',
            `SUMMARY:${referenceEscape(e.summary)}`,
            `DESCRIPTION:${referenceEscape(e.description)}`,
            `CATEGORIES:internal-audit,${referenceEscape(`ISO 42001 ${e.clause}`)}`,
            'TRANSP:TRANSPARENT',
            'END:VEVENT',
          ]),
          'END:VCALENDAR',
        ];
        expect(ics).toBe(`${expected.map(referenceFold).join('\r\n')}\r\n`);
      }),
      { numRuns: 100 },
    );
  });
});
