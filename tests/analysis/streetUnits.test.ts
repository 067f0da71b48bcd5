import { describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { buildStreetUnits, streetMergeKey } from '../../src/analysis/streetUnits';
import type { Street } from '../../src/domain/street';
import { deepFreeze } from './seededRandom';

const p = createLocalProjection(19, 50);
const seg = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'MultiLineString' as const, coordinates: [[p.inverse(x0, y0), p.inverse(x1, y1)]] });

describe('buildStreetUnits', () => {
  it('merges records with the same prefix and name (spacing and case aside), never unnamed ones', () => {
    const streets: Street[] = deepFreeze([
      { id: 'b', prefix: 'ul.', name: 'Jana  Pawła II', geometry: seg(0, 0, 100, 0) },
      { id: 'a', prefix: 'ul.', name: 'jana pawła ii', geometry: seg(100, 0, 300, 0) },
      { id: 'c', prefix: 'al.', name: 'Jana Pawła II', geometry: seg(0, 50, 100, 50) }, // another prefix: another street
      { id: 'd', prefix: 'ul.', name: ' ', geometry: seg(0, 90, 10, 90) },
      { id: 'e', prefix: 'ul.', name: '', geometry: seg(0, 95, 10, 95) },
    ]);
    const units = buildStreetUnits(streets, p);
    expect(units.unitIds).toEqual(['a', 'c', 'd', 'e']);
    expect(units.unitOfStreetId.get('b')).toBe(0);
    expect(units.diagnostics.merged).toEqual([{ unitId: 'a', streetIds: ['a', 'b'] }]);
    expect(units.diagnostics.unnamedStreetIds).toEqual(['d', 'e']);
    // Segments in canonical order: unit a's records a then b.
    expect(Array.from(units.segmentUnit)).toEqual([0, 0, 1, 2, 3]);
    expect(units.x0s[0]).toBeCloseTo(100, 6);
    // Length 300 m; length-weighted midpoint: (200·200 + 100·50) / 300 = 150.
    expect(units.lengthMeters[0]).toBeCloseTo(300, 6);
    expect(units.centerXs[0]).toBeCloseTo(150, 6);
    expect(units.centerYs[0]).toBeCloseTo(0, 6);
    expect(units.labels[0]).toBe('ul. jana pawła ii');
  });

  it('skips segments with non-finite coordinates and counts them', () => {
    const broken = { id: 'x', prefix: 'ul.', name: 'Zła', geometry: { type: 'MultiLineString', coordinates: [[[19, 50], [NaN, 50], [19.001, 50]]] } } as Street;
    const units = buildStreetUnits([broken], p);
    expect(units.diagnostics.skippedSegments).toBe(2);
    expect(units.x0s).toHaveLength(0);
    expect(units.centerXs[0]).toBeNaN(); // no geometry left: centre unknown
  });

  it('has a merge key that ignores case and spacing', () => {
    expect(streetMergeKey({ prefix: 'ul.', name: ' Łąkowa  Górna ' })).toBe(streetMergeKey({ prefix: 'ul.', name: 'łąkowa górna' }));
    expect(streetMergeKey({ prefix: 'ul.', name: '  ' })).toBe('');
  });
});
