// Calendar-day arithmetic on YYYY-MM-DD strings, in UTC, without reading the clock.
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const toMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real calendar day in YYYY-MM-DD form (rejects 2026-02-30). */
export function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(toMs(value)) && fromMs(toMs(value)) === value;
}

/** Answers already computed, by day and then days: a large register asks the same few sums tens of thousands of
 *  times (every evidence item's freshness from its capture day). Cleared when it holds MEMO_LIMIT answers. */
const memo = new Map<string, Map<number, string>>();
let memoSize = 0;
const MEMO_LIMIT = 10_000;

export function addDays(day: string, days: number): string {
  let sums = memo.get(day);
  let sum = sums?.get(days);
  if (sum === undefined) {
    sum = fromMs(toMs(day) + days * DAY_MS);
    if (memoSize >= MEMO_LIMIT) {
      memo.clear();
      memoSize = 0;
      sums = undefined;
    }
    if (!sums) memo.set(day, (sums = new Map()));
    sums.set(days, sum);
    memoSize++;
  }
  return sum;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS);

/** Same day-of-month `months` later, clamped to the month's end (01-31 + 1 month = 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromMs(Date.UTC(year, month, Math.min(d, last)));
}

/** The calendar day of an ISO instant (UTC). */
export const dayOf = (instant: string): string => instant.slice(0, 10);

export const maxDay = (days: readonly string[]): string | undefined =>
  days.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
