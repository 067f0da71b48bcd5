import { describe, expect, it } from 'vitest';
import { applyChangesPayload } from '../../src/data/supabase/applyChangesRpc';
import { CHANGE_ORDER, isCollectionName, validateChanges, validateCollectionRecords } from '../../src/data/workspaceChanges';
import { ADDRESSES, deepFreeze, STREETS } from './import/fixtures';

const [lubelska, jp2] = [STREETS[1]!, STREETS[0]!];
const [lubelska5] = [ADDRESSES[2]!];

describe('validateChanges: what both adapters refuse before writing anything', () => {
  it('accepts a valid change, in dependency order (streets before addresses), non-empty lists only, counting records and ids', () => {
    const changes = deepFreeze({ upserts: { addresses: [lubelska5], streets: [lubelska], events: [] }, deletes: { areas: ['area-old'], streets: ['street-old'] } });
    const result = validateChanges(changes);
    expect(result).toEqual({
      ok: true,
      changes: {
        upserts: [{ collection: 'streets', records: [lubelska] }, { collection: 'addresses', records: [lubelska5] }],
        deletes: [{ collection: 'areas', ids: ['area-old'] }, { collection: 'streets', ids: ['street-old'] }],
        count: 4, // 2 records + 2 ids
      },
    });
    // The Supabase RPC's argument: the same lists by collection.
    expect(result.ok && applyChangesPayload(result.changes)).toEqual({ upserts: { streets: [lubelska], addresses: [lubelska5] }, deletes: { areas: ['area-old'], streets: ['street-old'] } });
    expect(CHANGE_ORDER.indexOf('streets')).toBeLessThan(CHANGE_ORDER.indexOf('addresses'));
    expect(CHANGE_ORDER.at(-1)).toBe('responses');
  });

  it('names every problem with its collection and 0-based row: a bad record, a bad id to delete, an id both saved and deleted', () => {
    const result = validateChanges({
      upserts: { streets: [lubelska, { ...jp2, name: 42 }] },
      deletes: { streets: [lubelska.id], addresses: ['ok-id', 'bad id!'] },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.source, i.row, i.field])).toEqual([
      ['streets', 1, 'name'],
      ['addresses', 1, 'id'],
    ]);
    // With the bad street fixed, the id saved and deleted at once is the problem.
    const both = validateChanges({ upserts: { streets: [lubelska] }, deletes: { streets: [lubelska.id] } });
    expect(!both.ok && both.issues).toEqual([{ source: 'streets', row: 0, field: 'id', message: `id "${lubelska.id}" is both saved and deleted in this change` }]);
  });

  it('refuses a wrong shape with an issue, never an exception', () => {
    expect(validateChanges(null)).toEqual({ ok: false, issues: [{ source: 'changes', field: '(changes)', message: 'changes must be an object with upserts and deletes' }] });
    const odd = validateChanges({ upserts: { people: [], streets: 'x' }, deletes: [], extra: 1 });
    expect(!odd.ok && odd.issues.map((i) => `${i.source} ${i.field}`)).toEqual(['changes extra', 'people (collection) in upserts', 'streets (upserts)', 'changes deletes']);
    expect(validateChanges({})).toEqual({ ok: true, changes: { upserts: [], deletes: [], count: 0 } });
  });
});

describe('validateCollectionRecords', () => {
  it('an id seen twice in one batch is an issue on its second row, pointing at the first (1-based, as people count)', () => {
    expect(validateCollectionRecords('streets', [lubelska, jp2, lubelska], true)).toEqual({
      ok: false,
      issues: [{ source: 'streets', row: 2, field: 'id', message: `id "${lubelska.id}" already appears in row 1 of this batch` }],
    });
  });

  it('numbers rows only for batches; knows the collection names', () => {
    const single = validateCollectionRecords('streets', [{ ...lubelska, geometry: null }], false);
    expect(!single.ok && single.issues.map((i) => [i.source, i.row, i.field])).toEqual([['streets', undefined, 'geometry']]);
    expect([isCollectionName('streets'), isCollectionName('people'), isCollectionName('toString'), isCollectionName(7)]).toEqual([true, false, false, false]);
  });
});
