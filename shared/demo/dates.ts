// The demo dates its records relative to "today" with the same day arithmetic as the processes.
export { addDays, daysBetween } from '../processes/days';

/** Midday UTC on a day: an unambiguous instant for approvals dated by day. */
export const atNoon = (day: string) => `${day}T12:00:00.000Z`;
