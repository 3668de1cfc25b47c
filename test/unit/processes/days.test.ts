import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../shared/processes/days';

// Independent reference: the same sum through Date's own UTC arithmetic.
const reference = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('addDays', () => {
  it('crosses month, leap-day and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-29', 0)).toBe('2026-11-29');
  });

  it('answers a repeated question the same way, before and after its memory is cleared', () => {
    // More distinct questions than the memory keeps, asked twice each: every answer matches the reference.
    for (let pass = 0; pass < 2; pass++) {
      for (let days = -6_000; days <= 6_000; days += 1) {
        const day = days % 2 === 0 ? '2026-11-29' : '2024-02-29';
        const sum = addDays(day, days);
        if (sum !== reference(day, days))
          throw new Error(`${day} + ${days}: ${sum} ≠ ${reference(day, days)}`);
      }
    }
    expect(daysBetween('2026-11-29', addDays('2026-11-29', 4_321))).toBe(4_321);
  });

  it('still refuses a day that is not one, every time it is asked', () => {
    expect(() => addDays('not-a-day', 1)).toThrow(RangeError);
    expect(() => addDays('not-a-day', 1)).toThrow(RangeError);
  });
});
