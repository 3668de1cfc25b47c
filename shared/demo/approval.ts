// An approval as the demo records it: by a person, at noon on a day.
import { atNoon } from './dates';

export const approved = (by: string, on: string) => ({
  state: 'approved' as const,
  approvedBy: by,
  approvedAt: atNoon(on),
});
