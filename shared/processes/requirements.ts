// Resolving a clause or control reference against the standards data, and expanding headings.
import { ANNEX_A_CONTROLS, CLAUSES, clauseById, controlById, controlGroupById } from '../standard';

export type RequirementKind = 'clause' | 'control';

export interface Requirement {
  ref: string;
  kind: RequirementKind;
  title: string;
  summary: string;
  /** False for clause headings such as '9.2', which are audited through their children. */
  auditable: boolean;
}

export function requirement(ref: string): Requirement | undefined {
  const clause = clauseById(ref);
  if (clause) {
    return { ref, kind: 'clause', title: clause.title, summary: clause.summary, auditable: clause.auditable };
  }
  const control = controlById(ref);
  if (control)
    return { ref, kind: 'control', title: control.title, summary: control.summary, auditable: true };
  const group = controlGroupById(ref);
  if (group) return { ref, kind: 'control', title: group.title, summary: group.objective, auditable: false };
  return undefined;
}

/** True when `ref` is `prefix` itself or sits beneath it ('9.2.2' is under '9.2'; '9.20' is not). */
export const isUnder = (ref: string, prefix: string) => ref === prefix || ref.startsWith(`${prefix}.`);

/**
 * The auditable requirements a reference stands for: itself, or every auditable clause or control under a
 * heading or control group. Unknown references come back in `unknown` so callers can name them.
 */
export function expandRefs(refs: readonly string[]): { refs: string[]; unknown: string[] } {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const found = requirement(ref);
    if (!found) {
      unknown.push(ref);
      continue;
    }
    if (found.auditable) out.push(ref);
    else if (found.kind === 'clause')
      out.push(...CLAUSES.filter((c) => c.auditable && isUnder(c.id, ref)).map((c) => c.id));
    else out.push(...ANNEX_A_CONTROLS.filter((c) => isUnder(c.id, ref)).map((c) => c.id));
  }
  return { refs: [...new Set(out)], unknown };
}

/** Numeric-aware ordering: 6.1.2 < 6.1.10 < 6.2; clauses before controls. */
export function compareRefs(a: string, b: string): number {
  const key = (ref: string) =>
    ref.startsWith('A.') ? [1, ...ref.slice(2).split('.').map(Number)] : [0, ...ref.split('.').map(Number)];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const diff = (ka[i] ?? -1) - (kb[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
