// Id lookups over the standards tables. Maps are built once, at module load.
import { ANNEX_A_CONTROLS, CONTROL_GROUPS } from './annex-a';
import { CLAUSES } from './iso42001';
import { IMPACT_ELEMENTS } from './iso42005';
import { RMF_CATEGORIES, RMF_FUNCTIONS } from './nist-ai-rmf';
import type { Clause, Control, ControlGroup, FrameworkRef, ImpactElement, RmfCategory } from './schema';

const byId = <T extends { id: string }>(rows: readonly T[]): ReadonlyMap<string, T> =>
  new Map(rows.map((r) => [r.id, r]));

const clauses = byId(CLAUSES);
const controls = byId(ANNEX_A_CONTROLS);
const groups = byId(CONTROL_GROUPS);
const impactElements = byId(IMPACT_ELEMENTS);
const rmfFunctions = byId(RMF_FUNCTIONS);
const rmfCategories = byId(RMF_CATEGORIES);

const controlsByGroup: ReadonlyMap<string, readonly Control[]> = new Map(
  CONTROL_GROUPS.map((g) => [g.id, Object.freeze(ANNEX_A_CONTROLS.filter((c) => c.group === g.id))]),
);

export const ANNEX_A_CONTROL_IDS: readonly string[] = Object.freeze(ANNEX_A_CONTROLS.map((c) => c.id));

export const clauseById = (id: string): Clause | undefined => clauses.get(id);
export const controlById = (id: string): Control | undefined => controls.get(id);
export const controlGroupById = (id: string): ControlGroup | undefined => groups.get(id);
export const controlsInGroup = (groupId: string): readonly Control[] => controlsByGroup.get(groupId) ?? [];
export const impactElementById = (id: string): ImpactElement | undefined => impactElements.get(id);
export const rmfCategoryById = (id: string): RmfCategory | undefined => rmfCategories.get(id);

// The RMF tables hold counts, not subcategory text, so 'GV1.3' resolves when GV1 has at least 3.
const RMF_SUBCATEGORY = /^([A-Z]{2}\d)\.([1-9]\d?)$/;

function resolveRmf(id: string): { title: string } | undefined {
  const fn = rmfFunctions.get(id);
  if (fn) return { title: fn.id.charAt(0) + fn.id.slice(1).toLowerCase() };
  const cat = rmfCategories.get(id);
  if (cat) return { title: cat.title };
  const [, catId, n] = RMF_SUBCATEGORY.exec(id) ?? [];
  const parent = catId === undefined ? undefined : rmfCategories.get(catId);
  if (!parent || Number(n) > parent.subcategoryCount) return undefined;
  return { title: `${parent.title} (subcategory ${id})` };
}

/** Title of whatever a reference points at, or undefined when it points at nothing we know. */
export function resolveRef(ref: FrameworkRef): { title: string } | undefined {
  const found = (row: { title: string } | undefined) => (row ? { title: row.title } : undefined);
  switch (ref.framework) {
    case 'iso42001':
      return found(clauses.get(ref.id));
    case 'iso42001-annex-a':
      return found(controls.get(ref.id) ?? groups.get(ref.id));
    case 'iso42005':
      return found(impactElements.get(ref.id));
    case 'nist-ai-rmf':
      return resolveRmf(ref.id);
  }
}
