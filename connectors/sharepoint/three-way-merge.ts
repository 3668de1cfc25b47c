// Field-by-field three-way merge of an inventory row: the last synced base, the register's row and the
// list item's row. Pure, so the same rules run in the CLI and the extension.
import { ROW_FIELDS, isEditable, sameValue, type InventoryRow, type RowField } from './inventory-row';

export type FieldValue = InventoryRow[RowField];

/** What both sides last agreed on, field by field; a field is absent until they first agree. */
export type BaseRow = Partial<InventoryRow>;

const known = (base: BaseRow | undefined, field: RowField) => base !== undefined && field in base;

/** A field both sides changed to different values: shown to a person, never overwritten. */
export interface FieldConflict {
  systemId: string;
  field: RowField;
  /** The value at the last sync; absent when the two sides never agreed on this field. */
  base?: FieldValue;
  local: FieldValue;
  remote: FieldValue;
}

export interface RowMerge {
  /** Fields to write to SharePoint (register → list). */
  push: Partial<InventoryRow>;
  /** Editable fields to write to the register (list → register). */
  pull: Partial<InventoryRow>;
  /** Register-derived fields someone changed in the list: kept there, not taken into the register. */
  derivedRemote: RowField[];
  conflicts: FieldConflict[];
  /** The base to store once `push` and `pull` are written; conflicting fields keep their old base. */
  nextBase: BaseRow;
}

/**
 * Merges one system's row. Where the base has no value (the two sides never synced that field), only
 * equal values merge and a difference is a conflict, since nobody knows which side changed.
 */
export function mergeRows(base: BaseRow | undefined, local: InventoryRow, remote: InventoryRow): RowMerge {
  const push: Record<string, FieldValue> = {};
  const pull: Record<string, FieldValue> = {};
  const derivedRemote: RowField[] = [];
  const conflicts: FieldConflict[] = [];
  const nextBase: Record<string, unknown> = { systemId: local.systemId };
  for (const field of ROW_FIELDS) {
    const l = local[field];
    const r = remote[field];
    // A derived field with no base counts as this workspace's own value: it differs between registers
    // by nature (each derives from its own assessments), so it is kept, not raised as a conflict.
    const hasBase = known(base, field) || !isEditable(field);
    const b = known(base, field) ? base?.[field] : isEditable(field) ? undefined : l;
    if (sameValue(l, r)) {
      nextBase[field] = l;
      continue;
    }
    const localChanged = !hasBase || !sameValue(l, b);
    const remoteChanged = !hasBase || !sameValue(r, b);
    if (localChanged && !remoteChanged) {
      push[field] = l;
      nextBase[field] = l;
    } else if (remoteChanged && !localChanged) {
      if (isEditable(field)) pull[field] = r;
      else derivedRemote.push(field);
      nextBase[field] = r;
    } else {
      conflicts.push({
        systemId: local.systemId,
        field,
        ...(hasBase ? { base: b as FieldValue } : {}),
        local: l,
        remote: r,
      });
      if (hasBase) nextBase[field] = b;
    }
  }
  return {
    push: push as Partial<InventoryRow>,
    pull: pull as Partial<InventoryRow>,
    derivedRemote,
    conflicts,
    nextBase: nextBase as BaseRow,
  };
}
