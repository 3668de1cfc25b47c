// Month steps and latest-of-many for calendar days (YYYY-MM-DD, UTC); the audit and certification
// cycles are counted in months, not days.

/** Same day-of-month `months` later, clamped to the month's end (01-31 + 1 month = 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The latest of some days, or undefined for none. */
export const latestDay = (days: readonly string[]): string | undefined =>
  days.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
