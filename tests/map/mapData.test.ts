import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/domain';
import { buildMapData, featureBounds } from '../../src/map/mapData';
import { analysisTileKey, TILED_TOWN_MIN_ADDRESSES, tileKeyOf } from '../../src/map/tiledTown';
import { smallTown } from '../ui/fixtures/smallTown';

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

describe('buildMapData', () => {
  const town = deepFreeze(structuredClone(smallTown));
  const data = buildMapData(town);

  it('splits areas by kind and gives each area one label point inside it', () => {
    expect(data.districts.features.map((f) => f.properties.id)).toEqual(['d1']);
    expect(data.estates.features.map((f) => f.properties.id)).toEqual(['e-west', 'e-east']);
    expect(data.areaLabels.features.map((f) => f.geometry.coordinates)).toEqual([[1, 0.5], [0.5, 0.5], [1.5, 0.5]]);
  });

  it('labels streets with their prefix and carries households on addresses', () => {
    expect(data.streets.features.map((f) => f.properties.label)).toEqual(['ul. Polna', 'ul. Leśna']);
    expect(data.addresses.features.map((f) => f.properties.households)).toEqual([3, 5, 1, 2]);
  });

  it('outlines care regions and custom areas (a town outline far bigger than the rest widens the bounds)', () => {
    const outline: Area = { id: 'town', name: 'Granica miasta', kind: 'custom', geometry: { type: 'Polygon', coordinates: [[[-5, -5], [7, -5], [7, 6], [-5, 6], [-5, -5]]] } };
    const region: Area = { id: 'r-1', name: 'Rejon 1', kind: 'care_region', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } };
    const withOutlines = buildMapData({ ...town, areas: [...town.areas, outline, region] });
    expect(withOutlines.outlines.features.map((f) => [f.properties.id, f.properties.kind])).toEqual([['town', 'custom'], ['r-1', 'care_region']]);
    expect(withOutlines.districts.features).toHaveLength(1);
    expect(withOutlines.estates.features).toHaveLength(2);
    expect(withOutlines.bounds).toEqual([-5, -5, 7, 6]);
    // A care region is labelled; a town outline is not (the header names the town).
    expect(withOutlines.areaLabels.features.map((f) => f.properties.id)).toEqual(['d1', 'e-west', 'e-east', 'r-1']);
  });

  it('gives resources the marker of their category', () => {
    expect(data.resources.features[0]!.properties).toMatchObject({ id: 'r1', kind: 'school', icon: 'resource-education' });
  });

  it('bounds everything drawn, [west, south, east, north]', () => {
    expect(data.bounds).toEqual([0, 0, 2, 1]);
  });

  it('is undefined-bounded for an empty town', () => {
    expect(buildMapData({ ...town, areas: [], streets: [], addresses: [], resources: [] }).bounds).toBeUndefined();
  });

  it('a town above the tiling threshold, given its tile key: no street or address GeoJSON, its tile key, bounds from the records', () => {
    const many = Array.from({ length: TILED_TOWN_MIN_ADDRESSES }, (_, i) => ({ ...town.addresses[i % town.addresses.length]!, id: `a${i}` }));
    const big = { ...town, addresses: many };
    const tiled = buildMapData(big, { tileKey: analysisTileKey(big) });
    expect(tiled.streets.features).toEqual([]);
    expect(tiled.addresses.features).toEqual([]);
    expect(tiled.tiles?.key).toBe(tileKeyOf(big));
    expect(tiled.bounds).toEqual(buildMapData(big).bounds);
    const street = town.streets[0]!;
    expect(featureBounds(tiled, 'streets', street.id)).toEqual(featureBounds(buildMapData(big), 'streets', street.id));
    expect(featureBounds(tiled, 'addresses', 'a1')).toEqual([...many[1]!.location.coordinates, ...many[1]!.location.coordinates]);
    // Not asked for tiles (the import preview, the survey form) or a small town (no key): GeoJSON as before.
    expect(buildMapData(big).tiles).toBeNull();
    expect(buildMapData(town, { tileKey: analysisTileKey(town) }).tiles).toBeNull();
  });
});
