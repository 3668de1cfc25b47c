// A person settles a conflict by saying which side keeps the field; the next sync carries it over.
import { ROW_FIELDS, type RowField } from './inventory-row';
import type { SyncState } from './sync-state';
import { SharePointError } from './errors';

export type KeepSide = 'here' | 'sharepoint';

/**
 * Settles the open conflict on `field` of `systemId`. The choice moves the merge base so that the kept
 * side becomes the only one changed: keeping 'here' sets the base to SharePoint's value, so the next
 * sync writes this register's value (with If-Match); keeping 'sharepoint' sets it to this register's
 * value, so the next sync takes SharePoint's. Returns the new state; throws when no such conflict is open.
 */
export function settleConflict(state: SyncState, systemId: string, field: string, keep: KeepSide): SyncState {
  if (!(ROW_FIELDS as readonly string[]).includes(field)) {
    throw new SharePointError('failed', `'${field}' is not an inventory field (${ROW_FIELDS.join(', ')})`);
  }
  const conflict = state.conflicts.find((c) => c.systemId === systemId && c.field === field);
  const item = state.items[systemId];
  if (!conflict || !item) throw new SharePointError('failed', `no open conflict on ${field} of ${systemId}`);
  const base = { ...item.base, [field as RowField]: keep === 'here' ? conflict.remote : conflict.local };
  return {
    ...state,
    items: { ...state.items, [systemId]: { ...item, base } },
    conflicts: state.conflicts.filter((c) => c !== conflict),
  };
}
