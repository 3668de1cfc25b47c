// Stored-record fixtures for the clause 9 and readiness tests: drafts parsed the way the register would.
import { demoOrganisation } from '../../shared/demo';
import {
  RECORD_SCHEMAS,
  type AnyRecord,
  type Draft,
  type RecordKind,
  type RecordOf,
} from '../../shared/model';
import { snapshotOf, type RegisterSnapshot } from '../../shared/processes/snapshot';

export const TODAY = '2026-11-28';

/** A draft as the register would store it: schema defaults applied, metadata filled. */
export function stored<K extends RecordKind>(
  kind: K,
  draft: Omit<Draft<K>, 'kind'>,
  at = `${TODAY}T09:00:00.000Z`,
): RecordOf<K> {
  const meta = { createdAt: at, updatedAt: at, createdBy: 'test', updatedBy: 'test', revision: 1 };
  return RECORD_SCHEMAS[kind].parse({ ...draft, kind, ...meta }) as RecordOf<K>;
}

export const snapshotFrom = (records: readonly AnyRecord[]): RegisterSnapshot => snapshotOf(records);

/** The demo organisation as stored records. */
export function demoRecords(today = TODAY): AnyRecord[] {
  const at = `${today}T09:00:00.000Z`;
  const meta = { createdAt: at, updatedAt: at, createdBy: 'test', updatedBy: 'test', revision: 1 };
  return demoOrganisation(today).records.map(
    (d) => RECORD_SCHEMAS[d.kind].parse({ ...d, ...meta }) as AnyRecord,
  );
}

export const demoSnapshot = (today = TODAY) => snapshotFrom(demoRecords(today));

/** Replaces (by kind and id) or adds records. */
export function withRecords(base: readonly AnyRecord[], ...changes: AnyRecord[]): RegisterSnapshot {
  const key = (r: AnyRecord) => `${r.kind}/${r.id}`;
  const map = new Map(base.map((r) => [key(r), r]));
  for (const c of changes) map.set(key(c), c);
  return snapshotFrom([...map.values()]);
}

/** Removes records matching the predicate. */
export const without = (base: readonly AnyRecord[], drop: (r: AnyRecord) => boolean): AnyRecord[] =>
  base.filter((r) => !drop(r));

export const system = (id: string, overrides: Partial<Draft<'ai-system'>> = {}, addedAt?: string) =>
  stored(
    'ai-system',
    {
      id,
      name: `System ${id}`,
      purpose: 'Test purpose',
      owner: 'owner@example.com',
      riskOwner: 'risk.owner@example.com',
      lifecycleStage: 'operation',
      deploymentStatus: 'production',
      inventoryState: 'confirmed',
      inScope: true,
      components: [],
      sources: [],
      tags: [],
      ...overrides,
    },
    addedAt,
  );

export const programme = (overrides: Partial<Draft<'audit-programme'>> = {}) =>
  stored('audit-programme', {
    id: 'prog',
    title: 'Programme',
    frequencyMonths: 12,
    methods: ['document-review'],
    responsible: 'auditor@example.com',
    criteria: ['ISO/IEC 42001:2023'],
    ...overrides,
  });

export const audit = (overrides: Partial<Draft<'audit'>> = {}) =>
  stored('audit', {
    id: 'audit-1',
    programmeId: 'prog',
    title: 'Audit',
    scope: { clauses: ['8.2'], controls: [], systemIds: ['sys-a'] },
    criteria: ['ISO/IEC 42001:2023'],
    auditors: ['auditor@example.com'],
    plannedOn: '2026-10-01',
    completedOn: '2026-10-10',
    status: 'reported',
    checklist: [],
    reportedTo: 'coo@example.com',
    ...overrides,
  });

export const finding = (overrides: Partial<Draft<'finding'>> = {}) =>
  stored('finding', {
    id: 'f-1',
    auditId: 'audit-1',
    grade: 'minor-nc',
    ref: '8.2',
    systemId: 'sys-a',
    statement: 'Reassessment missed',
    evidenceIds: ['ev-1'],
    status: 'open',
    ...overrides,
  });

export const action = (overrides: Partial<Draft<'corrective-action'>> = {}) =>
  stored('corrective-action', {
    id: 'ca-1',
    findingId: 'f-1',
    rootCause: 'No calendar reminder',
    action: 'Add reminders',
    owner: 'owner@example.com',
    dueOn: '2026-12-15',
    status: 'open',
    ...overrides,
  });

export const evidence = (overrides: Partial<Draft<'evidence'>> = {}) =>
  stored('evidence', {
    id: 'ev-1',
    title: 'Evidence',
    sourceTool: 'github',
    url: 'https://github.com/acme/repo/blob/abc/file.md',
    pinnedVersion: 'abc',
    contentHash: 'a'.repeat(64),
    capturedAt: '2026-11-01T10:00:00.000Z',
    clauses: [],
    controls: [],
    systemIds: [],
    ...overrides,
  });
