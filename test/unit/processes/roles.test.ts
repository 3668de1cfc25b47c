import { describe, expect, it } from 'vitest';
import { holdsRole, riskOwnerOf, roleGaps } from '../../../shared/processes/roles';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { RISK_OWNER, rec, roles, system } from './process-fixtures';

describe('roles (5.3)', () => {
  it('finds nothing when the four AIMS roles and every risk owner are assigned and communicated', () => {
    expect(roleGaps(snapshotOf([...roles(), system()]))).toEqual([]);
  });

  it('names each missing role and each in-scope system without a risk owner', () => {
    const gaps = roleGaps(
      snapshotOf([
        roles()[0]!,
        system({ riskOwner: undefined }),
        system({ id: 'sys-out', name: 'Out of scope', riskOwner: undefined, inScope: false }),
        system({ id: 'sys-gone', name: 'Gone', riskOwner: undefined, inventoryState: 'vanished' }),
      ]),
    );
    expect(gaps).toEqual([
      {
        clause: '5.3',
        what: 'no impact-assessment-owner assigned',
        next: expect.stringContaining('(6.1.4, 8.4)'),
      },
      { clause: '5.3', what: 'no internal-audit-owner assigned', next: expect.stringContaining('(9.2)') },
      { clause: '5.3', what: 'no management-review-owner assigned', next: expect.stringContaining('(9.3)') },
      {
        clause: '5.3',
        systemId: 'sys-support-bot',
        what: 'Support bot has no risk owner',
        next: 'assign a risk owner who can accept its residual risk (6.1.3)',
      },
    ]);
  });

  it('accepts a risk-owner role assignment in place of the field, and flags a disagreement and an uncommunicated role', () => {
    const assignment = (person: string) =>
      rec('role-assignment', {
        kind: 'role-assignment',
        id: 'ro',
        role: 'risk-owner',
        person,
        systemId: 'sys-support-bot',
        communicated: true,
      });
    const viaRole = snapshotOf([...roles(), system({ riskOwner: undefined }), assignment('sam@example.com')]);
    expect(roleGaps(viaRole)).toEqual([]);
    expect(riskOwnerOf(viaRole, 'sys-support-bot')).toBe('sam@example.com');
    expect(
      roleGaps(snapshotOf([...roles(), system(), assignment('sam@example.com')])).map((g) => g.what),
    ).toEqual([`Support bot: risk owner is ${RISK_OWNER} on the system but sam@example.com in role ro`]);
    const quiet = roles().map((r) => (r.role === 'internal-audit-owner' ? { ...r, communicated: false } : r));
    expect(roleGaps(snapshotOf([...quiet, system()])).map((g) => g.what)).toEqual([
      'internal-audit-owner aud@example.com assigned but not communicated',
    ]);
    expect(holdsRole(viaRole, 'sam@example.com', 'risk-owner', 'sys-support-bot')).toBe(true);
    expect(holdsRole(viaRole, 'sam@example.com', 'risk-owner', 'sys-other')).toBe(false);
  });
});
