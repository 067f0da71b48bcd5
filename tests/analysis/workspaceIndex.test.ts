import { describe, expect, it } from 'vitest';
import { buildWorkspaceIndex } from '../../src/analysis/workspaceIndex';
import { smallTown } from '../ui/fixtures/smallTown';

describe('workspace index (numbers checkable from the fixture comment)', () => {
  const index = buildWorkspaceIndex(smallTown);

  it('tallies addresses and households per street', () => {
    expect(index.streetTally('s-polna')).toEqual({ addresses: 2, households: 3 + 5 });
    expect(index.streetTally('s-lesna')).toEqual({ addresses: 2, households: 1 + 2 });
    expect(index.streetTally('no-such-street')).toEqual({ addresses: 0, households: 0 });
    expect(index.totalHouseholds).toBe(11);
  });

  it('tallies households inside an estate by point in polygon', () => {
    expect(index.areaTally('e-west')).toEqual({ addresses: 2, households: 3 + 1 });
    expect(index.areaTally('e-east')).toEqual({ addresses: 2, households: 5 + 2 });
    expect(index.areaTally('d1')).toEqual({ addresses: 4, households: 11 });
  });

  it('knows every record of a street drawn as several (same prefix and name)', () => {
    const split = buildWorkspaceIndex({ ...smallTown, streets: [...smallTown.streets, { ...smallTown.streets.find((s) => s.id === 's-polna')!, id: 's-polna-2' }] });
    expect(split.streetRecords('s-polna')).toEqual(['s-polna', 's-polna-2']);
    expect(split.streetRecords('s-polna-2')).toEqual(['s-polna', 's-polna-2']);
    expect(split.streetRecords('s-lesna')).toEqual(['s-lesna']);
    expect(split.streetRecords('no-such-street')).toEqual(['no-such-street']);
  });

  it('writes addresses the Polish way', () => {
    expect(index.addressLabel(index.addresses.get('a2')!)).toBe('ul. Polna 2A');
    expect(index.addressLabel(index.addresses.get('a4')!)).toBe('ul. Leśna 9/2');
  });
});
