// Public face of the standards data: tables, schemas, id lookups and crosswalk queries.
import { CROSSWALK } from './crosswalk';
import { refKey } from './schema';
import type { CrosswalkEdge, FrameworkRef } from './schema';

export * from './schema';
export { CLAUSES, REQUIRED_INFORMATION } from './iso42001';
export { ANNEX_A_CONTROLS, CONTROL_GROUPS } from './annex-a';
export { IMPACT_ELEMENTS } from './iso42005';
export { RMF_CATEGORIES, RMF_FUNCTIONS } from './nist-ai-rmf';
export { CROSSWALK, buildCrosswalk } from './crosswalk';
export {
  ANNEX_A_CONTROL_IDS,
  clauseById,
  controlById,
  controlGroupById,
  controlsInGroup,
  impactElementById,
  resolveRef,
  rmfCategoryById,
} from './lookup';

const index = (end: (e: CrosswalkEdge) => FrameworkRef): ReadonlyMap<string, readonly CrosswalkEdge[]> => {
  const map = new Map<string, CrosswalkEdge[]>();
  for (const edge of CROSSWALK) {
    const key = refKey(end(edge));
    map.set(key, [...(map.get(key) ?? []), edge]);
  }
  return map;
};

const edgesFrom = index((e) => e.from);
const edgesTo = index((e) => e.to);

/** Edges leaving exactly this reference (a category does not include its subcategories). */
export const crosswalkFrom = (ref: FrameworkRef): readonly CrosswalkEdge[] =>
  edgesFrom.get(refKey(ref)) ?? [];

/** Edges arriving at exactly this reference. */
export const crosswalkTo = (ref: FrameworkRef): readonly CrosswalkEdge[] => edgesTo.get(refKey(ref)) ?? [];
