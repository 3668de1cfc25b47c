// Stored-record fixtures for the clause 9 and readiness tests: drafts parsed the way the register would.
import { demoOrganisation } from '../../shared/demo';
import {
  RECORD_SCHEMAS,
  type AnyRecord,
  type Draft,
  type RecordKind,
  type RecordOf,
} from '../../shared/model';
import { snapshotOf, type FullSnapshot } from '../../shared/processes/snapshot';

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

export const snapshotFrom = (records: readonly AnyRecord[]): FullSnapshot => snapshotOf(records);

/** Freezes a value and everything reachable from it, so a test cannot alter a shared fixture. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Building and parsing the demo organisation takes far longer than any rule under test, and mutation
// testing repeats every test once per mutant: each day's demo is built once per test file and frozen.
const demoByDay = new Map<string, readonly AnyRecord[]>();
const demoSnapshotByDay = new Map<string, FullSnapshot>();

/** The demo organisation as stored records: a fresh array of frozen records (built once per day). */
export function demoRecords(today = TODAY): AnyRecord[] {
  let records = demoByDay.get(today);
  if (!records) {
    const at = `${today}T09:00:00.000Z`;
    const meta = { createdAt: at, updatedAt: at, createdBy: 'test', updatedBy: 'test', revision: 1 };
    records = deepFreeze(
      demoOrganisation(today).records.map(
        (d) => RECORD_SCHEMAS[d.kind].parse({ ...d, ...meta }) as AnyRecord,
      ),
    );
    demoByDay.set(today, records);
  }
  return [...records];
}

/** The demo organisation's snapshot (built once per day; its records are frozen). */
export function demoSnapshot(today = TODAY): FullSnapshot {
  let snapshot = demoSnapshotByDay.get(today);
  if (!snapshot) {
    snapshot = snapshotFrom(demoRecords(today));
    demoSnapshotByDay.set(today, snapshot);
  }
  return snapshot;
}

const READY_SYSTEMS = ['sys-claims-triage', 'sys-fraud-scoring'];

/**
 * The demo with its planted gaps closed, ready for both stages: two systems, no trigger, the finding
 * closed and its corrective action verified effective.
 */
export function readyRecords(): AnyRecord[] {
  return demoRecords()
    .filter((r) => r.kind !== 'trigger' && !(r.kind === 'ai-system' && !READY_SYSTEMS.includes(r.id)))
    .map((r): AnyRecord => {
      if (r.kind === 'finding') return { ...r, status: 'closed', closedOn: '2026-11-21' };
      if (r.kind === 'corrective-action')
        return {
          ...r,
          status: 'verified-effective',
          effectiveness: {
            checkedOn: '2026-11-20',
            checkedBy: 'raj@example.com',
            effective: true,
            note: 'retention is 12 months',
          },
        };
      return r;
    });
}

/** Replaces (by kind and id) or adds records. */
export function withRecords(base: readonly AnyRecord[], ...changes: AnyRecord[]): FullSnapshot {
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
