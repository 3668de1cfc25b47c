// The "AI System Inventory" list: its typed columns, and the mapping between a row and a list item's fields.
import type { ColumnDefinition, FieldValueSet } from '@microsoft/microsoft-graph-types';
import { LifecycleStage } from '../../shared/model';
import { describeIssues } from '../../shared/register/errors';
import { cleanValue } from './clean-text';
import { ImpactAssessmentState, InventoryRow } from './inventory-row';

export const INVENTORY_LIST_NAME = 'AI System Inventory';

/** Internal column names as they appear in a list item's `fields`. Title is SharePoint's own column. */
export const COLUMN = {
  name: 'Title',
  systemId: 'SystemId',
  owner: 'SystemOwner',
  riskOwner: 'RiskOwner',
  riskLevel: 'RiskLevel',
  impactAssessmentStatus: 'ImpactAssessmentStatus',
  nextReview: 'NextReview',
  inScope: 'InScope',
  lifecycleStage: 'LifecycleStage',
} as const satisfies Record<keyof InventoryRow, string>;

/** Column definitions created with the list; SystemId is unique and indexed so it can key an upsert. */
export const INVENTORY_COLUMNS: ColumnDefinition[] = [
  {
    name: COLUMN.systemId,
    displayName: 'System id',
    text: { maxLength: 120 },
    required: true,
    enforceUniqueValues: true,
    indexed: true,
  },
  { name: COLUMN.owner, displayName: 'Owner', text: { maxLength: 200 } },
  { name: COLUMN.riskOwner, displayName: 'Risk owner', text: { maxLength: 200 } },
  { name: COLUMN.riskLevel, displayName: 'Risk level', text: { maxLength: 60 } },
  {
    name: COLUMN.impactAssessmentStatus,
    displayName: 'Impact assessment status',
    choice: { choices: [...ImpactAssessmentState.options], displayAs: 'dropDownMenu' },
  },
  { name: COLUMN.nextReview, displayName: 'Next review', dateTime: { format: 'dateOnly' } },
  { name: COLUMN.inScope, displayName: 'In scope', boolean: {} },
  {
    name: COLUMN.lifecycleStage,
    displayName: 'Lifecycle stage',
    choice: { choices: [...LifecycleStage.options], displayAs: 'dropDownMenu' },
  },
];

/** The fields to send for a row (or for some of its fields). */
export function fieldsOf(row: Partial<InventoryRow>): FieldValueSet & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row) as Array<[keyof InventoryRow, unknown]>) {
    const column = COLUMN[key];
    // A dateOnly column still takes an ISO instant; midnight UTC keeps the day.
    out[column] = key === 'nextReview' && typeof value === 'string' ? `${value}T00:00:00Z` : value;
  }
  return out;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Reads a list item's fields as a row; a missing system id or a bad value is a one-line reason.
 * Every text value but the key is cleaned first (clean-text.ts: control characters and bidi overrides
 * removed, line breaks made spaces, trimmed), so what a person typed in SharePoint cannot smuggle them
 * in. The SystemId is a key and is never rewritten: one with such characters fails the id rule and the
 * item is skipped with that reason.
 */
export function rowFromFields(fields: unknown): { row: InventoryRow } | { problem: string } {
  if (!fields || typeof fields !== 'object') return { problem: 'the item has no fields' };
  const f = Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).map(([key, value]) => [
      key,
      key === COLUMN.systemId ? value : cleanValue(value),
    ]),
  );
  const nextReview = text(f[COLUMN.nextReview]);
  const parsed = InventoryRow.safeParse({
    systemId: f[COLUMN.systemId],
    name: f[COLUMN.name],
    owner: text(f[COLUMN.owner]),
    riskOwner: text(f[COLUMN.riskOwner]),
    riskLevel: text(f[COLUMN.riskLevel]),
    impactAssessmentStatus: text(f[COLUMN.impactAssessmentStatus]),
    nextReview: nextReview ? nextReview.slice(0, 10) : null,
    inScope: f[COLUMN.inScope] ?? false,
    lifecycleStage: f[COLUMN.lifecycleStage],
  });
  if (parsed.success) return { row: parsed.data };
  const { field, message } = describeIssues(parsed.error);
  return { problem: `column '${COLUMN[field as keyof InventoryRow] ?? field}': ${message}` };
}
