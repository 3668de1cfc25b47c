// Clause 5.3: the AIMS roles that must be assigned, and a risk owner for every in-scope AI system.
import type { AimsRole, RoleAssignment } from '../model';
import type { Gap } from './gap-row';
import { bySystemId, findById } from './lookup';
import type { RegisterSnapshot, SystemSummary } from './snapshot';

/** Roles without which a process has nobody answerable for it. */
export const REQUIRED_AIMS_ROLES: ReadonlyArray<{ role: AimsRole; answersFor: string }> = [
  { role: 'risk-assessment-owner', answersFor: 'the AI risk assessment process (6.1.2, 8.2)' },
  { role: 'impact-assessment-owner', answersFor: 'the AI system impact assessment process (6.1.4, 8.4)' },
  { role: 'internal-audit-owner', answersFor: 'the internal audit programme (9.2)' },
  { role: 'management-review-owner', answersFor: 'management reviews (9.3)' },
];

// The in-scope systems of each system list, as lookup.ts remembers an index: per list object, again when its
// length changed. A filter on state, so it relies on snapshots being read-only, as their types say (a write
// makes new lists). Readiness asks five times per command; at 5,000 systems each was a new list.
const inScopeMemory = new WeakMap<
  readonly SystemSummary[],
  { length: number; systems: readonly SystemSummary[] }
>();

/** Systems the AIMS covers: in scope and not rejected or vanished from the inventory. Read-only. */
export const inScopeSystems = (snapshot: RegisterSnapshot): readonly SystemSummary[] => {
  const all = snapshot['ai-system'];
  const known = inScopeMemory.get(all);
  if (known && known.length === all.length) return known.systems;
  const systems = all.filter(
    (s) => s.inScope && s.inventoryState !== 'rejected' && s.inventoryState !== 'vanished',
  );
  inScopeMemory.set(all, { length: all.length, systems });
  return systems;
};

/** Organisation-wide holders of a role (assignments without a system). */
export const holdersOf = (snapshot: RegisterSnapshot, role: AimsRole): readonly RoleAssignment[] =>
  snapshot['role-assignment'].filter((r) => r.role === role && !r.systemId);

/** The system's risk owner: the system record's field, else a risk-owner assignment for it. */
export function riskOwnerOf(snapshot: RegisterSnapshot, systemId: string): string | undefined {
  const system = findById(snapshot['ai-system'], systemId);
  if (system?.riskOwner) return system.riskOwner;
  return bySystemId.all(snapshot['role-assignment'], systemId).find((r) => r.role === 'risk-owner')?.person;
}

/** Whether `person` holds `role`, organisation-wide or for the given system. */
export const holdsRole = (snapshot: RegisterSnapshot, person: string, role: AimsRole, systemId?: string) =>
  snapshot['role-assignment'].some(
    (r) => r.role === role && r.person === person && (!r.systemId || r.systemId === systemId),
  );

export function roleGaps(snapshot: RegisterSnapshot): Gap[] {
  const gaps: Gap[] = [];
  for (const { role, answersFor } of REQUIRED_AIMS_ROLES) {
    const holders = holdersOf(snapshot, role);
    if (holders.length === 0) {
      gaps.push({
        clause: '5.3',
        what: `no ${role} assigned`,
        next: `assign someone answerable for ${answersFor}`,
      });
    }
    for (const h of holders.filter((x) => !x.communicated)) {
      gaps.push({
        clause: '5.3',
        what: `${role} ${h.person} assigned but not communicated`,
        next: 'communicate the assignment and record it',
      });
    }
  }
  for (const system of inScopeSystems(snapshot)) {
    const assigned = bySystemId
      .all(snapshot['role-assignment'], system.id)
      .filter((r) => r.role === 'risk-owner');
    if (!system.riskOwner && assigned.length === 0) {
      gaps.push({
        clause: '5.3',
        systemId: system.id,
        what: `${system.name} has no risk owner`,
        next: 'assign a risk owner who can accept its residual risk (6.1.3)',
      });
      continue;
    }
    const differing = assigned.find((r) => system.riskOwner && r.person !== system.riskOwner);
    if (differing) {
      gaps.push({
        clause: '5.3',
        systemId: system.id,
        what: `${system.name}: risk owner is ${system.riskOwner} on the system but ${differing.person} in role ${differing.id}`,
        next: 'make the system record and the role assignment agree',
      });
    }
  }
  return gaps;
}
