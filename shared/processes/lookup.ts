// Lookups over a snapshot's record lists, built once per list and shared by every process that asks.
// Process rules ask per-system (or per-finding, per-control) questions; answered by scanning the whole list
// each time, readiness grows with systems × records. An index groups a list in one pass, so each question
// costs what it returns.
//
// Snapshots are read-only by contract. An index is remembered per list object (a new list gets a new
// index) and rebuilt when the list's length changed, so a list a caller appended to is never answered from
// an old grouping. Only fields that identify (ids and links), never states, are used as keys; filters on
// state stay at the call site, so the answer is what a fresh scan of the list would give, in list order.

export interface ListIndex<T> {
  /** The items whose key is (or whose keys include) `key`, in list order; empty when none. */
  all<U extends T>(list: readonly U[], key: string): readonly U[];
  /** The first such item in list order (what `list.find` would return). */
  first<U extends T>(list: readonly U[], key: string): U | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * An index of lists by `keyOf`: one key, several keys (an item listed under each, once), or none.
 * Each call of `indexBy` keeps its own memory, so define an index once, at module level.
 */
export function indexBy<T>(keyOf: (item: T) => string | readonly string[] | undefined): ListIndex<T> {
  const memory = new WeakMap<readonly T[], { length: number; groups: Map<string, T[]> }>();
  const groupsOf = (list: readonly T[]) => {
    const known = memory.get(list);
    if (known && known.length === list.length) return known.groups;
    const groups = new Map<string, T[]>();
    const add = (key: string, item: T) => {
      const group = groups.get(key);
      if (!group) groups.set(key, [item]);
      else if (group.at(-1) !== item) group.push(item);
    };
    // Indexed loops: an index is built once, before the optimiser has compiled this, where each step of a
    // for-of allocates an iterator result.
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      const key = keyOf(item);
      if (key === undefined) continue;
      if (typeof key === 'string') add(key, item);
      else for (let k = 0; k < key.length; k++) add(key[k]!, item);
    }
    memory.set(list, { length: list.length, groups });
    return groups;
  };
  // Every item of a group came from the list asked about, so it has the list's own item type.
  return {
    all: <U extends T>(list: readonly U[], key: string) => (groupsOf(list).get(key) ?? NONE) as readonly U[],
    first: <U extends T>(list: readonly U[], key: string) => groupsOf(list).get(key)?.[0] as U | undefined,
  };
}

/** Records by their own id. */
export const byId = indexBy((r: { id: string }) => r.id);
/** Records by the AI system they belong to (absent systemId: not indexed). */
export const bySystemId = indexBy((r: { systemId?: string | undefined }) => r.systemId);
/** Corrective actions by the finding they answer. */
export const byFindingId = indexBy((r: { findingId: string }) => r.findingId);

// Whether each list is strictly ascending by id, checked once per list (and again if its length changed).
const ascendingById = new WeakMap<readonly { id: string }[], { length: number; ascending: boolean }>();

/**
 * The record of `list` with this id: what `byId.first` (and `list.find`) would return. The register lists
 * records sorted by id; such a list is searched by halves (O(log n)), so asking about a few ids of a
 * 5,000-system or 50,000-item list does not build an index of every record (a map and a group per id, kept
 * for the rest of the command). Any other list is answered through {@link byId}.
 */
export function findById<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  let known = ascendingById.get(list);
  if (!known || known.length !== list.length) {
    let ascending = true;
    for (let i = 1; i < list.length && ascending; i++) ascending = list[i - 1]!.id < list[i]!.id;
    known = { length: list.length, ascending };
    ascendingById.set(list, known);
  }
  if (!known.ascending) return byId.first(list, id);
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = list[middle]!;
    if (at.id === id) return at;
    if (at.id < id) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Whether `list` holds a record with this id, found as {@link findById} finds it. */
export const hasId = (list: readonly { id: string }[], id: string): boolean =>
  findById(list, id) !== undefined;
