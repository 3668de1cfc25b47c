// Versions of documented information: which approved version is the current one.
import type { Approval } from '../model';

/** Compares dotted versions numerically where both parts are numbers ('1.10' > '1.9'), else as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const cmp = Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (cmp !== 0) return Math.sign(cmp);
  }
  return 0;
}

/** The highest approved version among records, or undefined when none is approved. */
export function latestApproved<T extends { version: string; approval: Approval; id: string }>(
  records: readonly T[],
): T | undefined {
  return records
    .filter((r) => r.approval.state === 'approved')
    .reduce<T | undefined>((best, r) => {
      if (!best) return r;
      const cmp = compareVersions(r.version, best.version);
      return cmp > 0 || (cmp === 0 && r.id > best.id) ? r : best;
    }, undefined);
}
