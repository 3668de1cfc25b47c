// The field rules of the three-way merge, one case per outcome.
import type { ListItem } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { fieldsOf, mergeRows, rowFromFields, type InventoryRow } from '../../../connectors/sharepoint';

const row = (over: Partial<InventoryRow> = {}): InventoryRow => ({
  systemId: 'sys-claims-triage',
  name: 'Claims triage',
  owner: 'ana@harbormutual.example',
  riskOwner: null,
  riskLevel: 'high',
  impactAssessmentStatus: 'current',
  nextReview: '2027-03-01',
  inScope: true,
  lifecycleStage: 'operation',
  ...over,
});

describe('mergeRows', () => {
  it('pushes a local change, pulls a remote one, and keeps both when they touch different fields', () => {
    const merge = mergeRows(row(), row({ owner: 'lena@x' }), row({ inScope: false }));
    expect(merge.push).toEqual({ owner: 'lena@x' });
    expect(merge.pull).toEqual({ inScope: false });
    expect(merge.conflicts).toEqual([]);
    expect(merge.nextBase).toEqual(row({ owner: 'lena@x', inScope: false }));
  });

  it('the same change on both sides is no conflict', () => {
    const merge = mergeRows(row(), row({ name: 'Triage' }), row({ name: 'Triage' }));
    expect(merge).toMatchObject({ push: {}, pull: {}, conflicts: [] });
  });

  it('different changes to one field are a conflict, and the base of that field stays', () => {
    const merge = mergeRows(
      row(),
      row({ lifecycleStage: 'retirement' }),
      row({ lifecycleStage: 'verification' }),
    );
    expect(merge.push).toEqual({});
    expect(merge.pull).toEqual({});
    expect(merge.conflicts).toEqual([
      {
        systemId: 'sys-claims-triage',
        field: 'lifecycleStage',
        base: 'operation',
        local: 'retirement',
        remote: 'verification',
      },
    ]);
    expect(merge.nextBase.lifecycleStage).toBe('operation');
  });

  it('with no base an editable difference is a conflict with no base value, and stays one', () => {
    const merge = mergeRows(undefined, row({ owner: 'a@x' }), row({ owner: 'b@x' }));
    expect(merge.conflicts).toEqual([
      { systemId: 'sys-claims-triage', field: 'owner', local: 'a@x', remote: 'b@x' },
    ]);
    expect('owner' in merge.nextBase).toBe(false);
    expect(mergeRows(merge.nextBase, row({ owner: 'a@x' }), row({ owner: 'b@x' })).conflicts).toHaveLength(1);
  });

  it('a derived field changed in SharePoint is left there, never pulled into the register', () => {
    const merge = mergeRows(row(), row(), row({ riskLevel: 'low' }));
    expect(merge.pull).toEqual({});
    expect(merge.derivedRemote).toEqual(['riskLevel']);
    expect(merge.nextBase.riskLevel).toBe('low');
  });

  it('a derived field the register re-derived is pushed', () => {
    const merge = mergeRows(row(), row({ impactAssessmentStatus: 'overdue' }), row());
    expect(merge.push).toEqual({ impactAssessmentStatus: 'overdue' });
  });

  it('treats null and a missing value as equal', () => {
    expect(mergeRows(row(), row({ riskOwner: null }), row()).push).toEqual({});
  });
});

describe('list item fields', () => {
  it('round-trips a row through the fields Graph stores', () => {
    const item: ListItem = { id: '7', eTag: '"x,1"', fields: fieldsOf(row()) };
    expect(item.fields).toMatchObject({
      Title: 'Claims triage',
      SystemId: 'sys-claims-triage',
      NextReview: '2027-03-01T00:00:00Z',
    });
    expect(rowFromFields(item.fields)).toEqual({ row: row() });
  });

  it('names the column of a bad value', () => {
    expect(rowFromFields({ SystemId: 'sys-a', Title: 'A', LifecycleStage: 'launched' })).toEqual({
      problem: expect.stringMatching(/^column 'LifecycleStage'/),
    });
    expect(rowFromFields({ SystemId: '../../etc', Title: 'A', LifecycleStage: 'design' })).toEqual({
      problem: expect.stringMatching(/^column 'SystemId'/),
    });
    expect(rowFromFields(null)).toEqual({ problem: 'the item has no fields' });
  });

  it('a payload of the wrong shape does not typecheck', () => {
    // @ts-expect-error Graph's listItem.eTag is a string: the fake server could not send a number.
    const wrong: ListItem = { id: '7', eTag: 7 };
    expect(wrong.id).toBe('7');
  });
});
