// Every enum value the dashboard and popup show has people's words: the label map is checked
// against the model's schemas at run time, walking every record kind for its `status` and `state`
// enums (nested ones too), so a status added to the model cannot be shown raw.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  Approval,
  DeploymentStatus,
  EvidenceItem,
  FindingGrade,
  InventoryState,
  LifecycleStage,
  Pinning,
  RECORD_SCHEMAS,
  TreatmentOption,
  TriggerType,
} from '../../../shared/model';
import { JobState } from '../../../extension/background/jobs/job';
import { LABEL_GROUPS, label } from '../../../extension/components/labels';
import { SOA_STATUSES } from '../../../shared/processes/soa';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  in?: z.ZodType;
  out?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every enum under a field named `status` or `state`, anywhere in `schema`, with its path. */
function statusEnums(schema: z.ZodType, path: string, named: boolean, out: Map<string, string[]>): void {
  const def = defOf(schema);
  if (def.type === 'enum' && named) out.set(path, Object.values(def.entries ?? {}));
  if (def.type === 'object')
    for (const [field, inner] of Object.entries(def.shape ?? {}))
      statusEnums(inner, `${path}.${field}`, field === 'status' || field === 'state', out);
  if (def.type === 'array' && def.element) statusEnums(def.element, `${path}[]`, named, out);
  if (def.innerType) statusEnums(def.innerType, path, named, out);
  for (const option of def.options ?? []) statusEnums(option, path, named, out);
  if (def.type === 'pipe')
    for (const side of [def.in, def.out]) if (side) statusEnums(side, path, named, out);
}

function expectLabelled(values: readonly string[], group: Record<string, string>, where: string) {
  for (const value of values) {
    expect(group[value], `${where}: '${value}' has no label`).toBeDefined();
    // The one map gives the group's words (no other group overrides them) and never the raw id.
    expect(label(value), `${where}: '${value}'`).toBe(group[value]);
    expect(label(value)).not.toBe(value);
  }
}

describe('status labels', () => {
  it('label every status and state of every record kind, nested ones included', () => {
    const found = new Map<string, string[]>();
    for (const [kind, schema] of Object.entries(RECORD_SCHEMAS)) statusEnums(schema, kind, false, found);
    // The walk reaches the kinds with a status, an approval's state and the review decisions'.
    expect([...found.keys()]).toEqual(
      expect.arrayContaining([
        'treatment.status',
        'finding.status',
        'corrective-action.status',
        'soa-entry.status',
        'trigger.status',
        'management-review.decisions[].status',
        'risk-assessment.approval.state',
      ]),
    );
    for (const [path, values] of found) {
      const group = path.endsWith('.state') ? LABEL_GROUPS.approval : LABEL_GROUPS.status;
      expectLabelled(values, group, path);
    }
  });

  it('label the other enums the views show', () => {
    expectLabelled(Approval.shape.state.options, LABEL_GROUPS.approval, 'approval');
    expectLabelled(TriggerType.options, LABEL_GROUPS.triggerType, 'trigger type');
    expectLabelled(FindingGrade.options, LABEL_GROUPS.findingGrade, 'finding grade');
    expectLabelled(TreatmentOption.options, LABEL_GROUPS.treatmentOption, 'treatment option');
    expectLabelled(LifecycleStage.options, LABEL_GROUPS.lifecycle, 'lifecycle');
    expectLabelled(DeploymentStatus.options, LABEL_GROUPS.deployment, 'deployment');
    expectLabelled(InventoryState.options, LABEL_GROUPS.inventoryState, 'inventory state');
    expectLabelled(Pinning.options, LABEL_GROUPS.pinning, 'pinning');
    expectLabelled(EvidenceItem.shape.sourceTool.options, LABEL_GROUPS.sourceTool, 'source tool');
    expectLabelled(JobState.options, LABEL_GROUPS.jobState, 'job state');
    // The SoA row's status: the entry's values plus the one an excluded control derives.
    expectLabelled(SOA_STATUSES, LABEL_GROUPS.status, 'SoA row status');
    expect(label('not-applicable')).toBe('Not applicable (excluded)');
  });

  it('has no label for a value the model does not have, and shows unknown values as they are', () => {
    const known = new Set<string>([
      ...Approval.shape.state.options,
      ...TriggerType.options,
      ...FindingGrade.options,
      ...TreatmentOption.options,
      ...LifecycleStage.options,
      ...DeploymentStatus.options,
      ...InventoryState.options,
      ...Pinning.options,
      ...EvidenceItem.shape.sourceTool.options,
      ...JobState.options,
      ...SOA_STATUSES,
      ...['missing', 'current', 'stale', 'due', 'in-progress', 'overdue'],
    ]);
    const found = new Map<string, string[]>();
    for (const [kind, schema] of Object.entries(RECORD_SCHEMAS)) statusEnums(schema, kind, false, found);
    for (const values of found.values()) for (const v of values) known.add(v);
    for (const group of Object.values(LABEL_GROUPS))
      for (const value of Object.keys(group)) expect(known, `stale label '${value}'`).toContain(value);
    expect(label('<img src=x>')).toBe('<img src=x>');
  });
});
