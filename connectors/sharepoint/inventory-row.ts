// One AI system as a row of the shared "AI System Inventory" list, and how the register projects onto it.
import { z } from 'zod';
import { Day, Id, LifecycleStage, type AiSystem } from '../../shared/model';
import { assessmentStatus, systemRiskLevel, type AssessmentState } from '../../shared/processes/reassessment';
import type { RegisterSnapshot, SystemSummary } from '../../shared/processes/snapshot';

export const ImpactAssessmentState = z.enum(['missing', 'current', 'stale', 'due', 'in-progress', 'overdue']);

/** The row: what the inventory list holds for one system (clause 4.3 inventory, 8.2 / 8.4 states). */
export const InventoryRow = z.object({
  systemId: Id,
  name: z.string().min(1),
  owner: z.string().nullable(),
  riskOwner: z.string().nullable(),
  riskLevel: z.string().nullable(),
  impactAssessmentStatus: ImpactAssessmentState.nullable(),
  nextReview: Day.nullable(),
  inScope: z.boolean(),
  lifecycleStage: LifecycleStage,
});
export type InventoryRow = z.infer<typeof InventoryRow>;
export type RowField = Exclude<keyof InventoryRow, 'systemId'>;

/** Fields a person may change in SharePoint and that flow back into the register. */
export const EDITABLE_FIELDS = ['name', 'owner', 'riskOwner', 'inScope', 'lifecycleStage'] as const;
/** Fields the register derives from assessments; SharePoint shows them, an edit there is a conflict. */
export const DERIVED_FIELDS = ['riskLevel', 'impactAssessmentStatus', 'nextReview'] as const;
export const ROW_FIELDS: readonly RowField[] = [...EDITABLE_FIELDS, ...DERIVED_FIELDS];

export const isEditable = (field: RowField): field is (typeof EDITABLE_FIELDS)[number] =>
  (EDITABLE_FIELDS as readonly string[]).includes(field);

const earliest = (...days: Array<string | undefined>) =>
  days.filter((d): d is string => d !== undefined).sort()[0] ?? null;

/** The row the register says a system should have on `today` (YYYY-MM-DD). */
export function rowOf(snapshot: RegisterSnapshot, system: SystemSummary, today: string): InventoryRow {
  const risk = assessmentStatus(snapshot, system.id, 'risk', today);
  const impact = assessmentStatus(snapshot, system.id, 'impact', today);
  return {
    systemId: system.id,
    name: system.name,
    owner: system.owner ?? null,
    riskOwner: system.riskOwner ?? null,
    riskLevel: systemRiskLevel(snapshot, system.id, today) ?? null,
    impactAssessmentStatus: impact.state satisfies AssessmentState,
    nextReview: earliest(risk.dueOn, impact.dueOn),
    inScope: system.inScope,
    lifecycleStage: system.lifecycleStage,
  };
}

/** Every system the shared inventory carries: all but those a person rejected. */
export function inventoryRows(snapshot: RegisterSnapshot, today: string): InventoryRow[] {
  return snapshot['ai-system']
    .filter((s) => s.inventoryState !== 'rejected')
    .map((s) => rowOf(snapshot, s, today))
    .sort((a, b) => (a.systemId < b.systemId ? -1 : 1));
}

/** The system with the editable fields of `row` applied; derived fields are not the system's to take. */
export function withEditableFields(
  system: AiSystem,
  row: Pick<InventoryRow, (typeof EDITABLE_FIELDS)[number]>,
): AiSystem {
  const next: AiSystem = {
    ...system,
    name: row.name,
    inScope: row.inScope,
    lifecycleStage: row.lifecycleStage,
  };
  if (row.owner === null) delete next.owner;
  else next.owner = row.owner;
  if (row.riskOwner === null) delete next.riskOwner;
  else next.riskOwner = row.riskOwner;
  return next;
}

export const sameValue = (a: unknown, b: unknown) => a === b || (a == null && b == null);
