import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { Address, Street } from '../../src/domain';
import { TownTiles } from '../../src/map/townTiles';
import { analysisTileKey, isTiledTown, TILED_TOWN_MIN_ADDRESSES, tileKeyOf } from '../../src/map/tiledTown';

/** The tile x/y at zoom z holding a point (Web Mercator, as MapLibre and geojson-vt count them). */
function tileOf(lng: number, lat: number, z: number): { x: number; y: number; fx: number; fy: number } {
  const n = 2 ** z;
  const fx = ((lng + 180) / 360) * n;
  const r = (lat * Math.PI) / 180;
  const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  return { x: Math.floor(fx), y: Math.floor(fy), fx, fy };
}

const street = (id: string, name: string, coordinates: Array<[number, number]>): Street => ({ id, prefix: 'ul.', name, geometry: { type: 'MultiLineString', coordinates: [coordinates] } });
const address = (id: string, streetId: string, lng: number, lat: number, households?: number): Address => ({
  id,
  streetId,
  houseNumber: '1',
  location: { type: 'Point', coordinates: [lng, lat] },
  ...(households === undefined ? {} : { households }),
});

// Near the middle of one zoom-14 tile (50.0012 N, 19.0050 E), and a second group 0.2° away (another tile at 14).
const Z = 14;
const here = tileOf(19.005, 50.0012, Z);
const town = {
  streets: [street('s-polna', 'Polna', [[19.0035, 50.0012], [19.0065, 50.0012]]), street('s-far', 'Daleka', [[19.205, 50.1012], [19.207, 50.1014]])],
  addresses: [address('a-1', 's-polna', 19.004, 50.0013, 3), address('a-2', 's-polna', 19.006, 50.0011), address('a-far', 's-far', 19.206, 50.1013, 7)],
};

function decode(bytes: Uint8Array) {
  const tile = new VectorTile(new Pbf(bytes));
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [name, Array.from({ length: layer.length }, (_, i) => layer.feature(i))]),
  );
}

describe('TownTiles: vector tiles of a large town, made in the analysis worker', () => {
  it('a zoom-14 tile holds exactly the streets inside it, with their id and label, in tile coordinates', () => {
    const tiles = new TownTiles(town);
    const layers = decode(tiles.tile('streets', Z, here.x, here.y));
    expect(Object.keys(layers)).toEqual(['streets']);
    const features = layers.streets!;
    expect(features.map((f) => f.properties)).toEqual([{ id: 's-polna', label: 'ul. Polna' }]);
    // The line's ends, at the tile's extent of 4096 units (geojson-vt rounds to whole units).
    const line = features[0]!.loadGeometry()[0]!;
    const end = tileOf(19.0035, 50.0012, Z);
    expect(Math.abs(line[0]!.x - (end.fx - here.x) * 4096)).toBeLessThanOrEqual(1);
    expect(Math.abs(line[0]!.y - (end.fy - here.y) * 4096)).toBeLessThanOrEqual(1);
    expect(features[0]!.type).toBe(2); // LineString
  });

  it('an address tile holds its points with id, street and households (1 where the count is unknown)', () => {
    const layers = decode(new TownTiles(town).tile('addresses', Z, here.x, here.y));
    expect(Object.keys(layers)).toEqual(['addresses']);
    const features = layers.addresses!;
    expect(features.map((f) => f.properties).sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
      { id: 'a-1', streetId: 's-polna', households: 3 },
      { id: 'a-2', streetId: 's-polna', households: 1 },
    ]);
    const a1 = features.find((f) => f.properties.id === 'a-1')!;
    const point = a1.loadGeometry()[0]![0]!;
    const at = tileOf(19.004, 50.0013, Z);
    expect(Math.abs(point.x - (at.fx - here.x) * 4096)).toBeLessThanOrEqual(1);
    expect(Math.abs(point.y - (at.fy - here.y) * 4096)).toBeLessThanOrEqual(1);
  });

  it('the far tile holds only the far features; a tile with nothing is empty bytes; a low zoom holds both groups', () => {
    const tiles = new TownTiles(town);
    const far = tileOf(19.206, 50.1013, Z);
    expect(decode(tiles.tile('addresses', Z, far.x, far.y)).addresses!.map((f) => f.properties.id)).toEqual(['a-far']);
    expect(decode(tiles.tile('streets', Z, far.x, far.y)).streets!.map((f) => f.properties.id)).toEqual(['s-far']);
    expect(tiles.tile('streets', Z, here.x + 3, here.y + 3).byteLength).toBe(0);
    const low = tileOf(19.1, 50.05, 8);
    expect(decode(tiles.tile('addresses', 8, low.x, low.y)).addresses!.map((f) => f.properties.id).sort()).toEqual(['a-1', 'a-2', 'a-far']);
  });

  it('refuses a tile outside the pyramid or above zoom 14', () => {
    const tiles = new TownTiles(town);
    expect(() => tiles.tile('streets', 15, 0, 0)).toThrow(RangeError);
    expect(() => tiles.tile('streets', 2, 4, 0)).toThrow(RangeError);
    expect(() => tiles.tile('streets', 2, 0, -1)).toThrow(RangeError);
  });
});

describe('the tiled-town rule', () => {
  it(`a town is tiled from ${TILED_TOWN_MIN_ADDRESSES.toLocaleString('en')} addresses on (the demo's 8,112 are not)`, () => {
    const of = (n: number) => ({ addresses: Array.from({ length: n }, (_, i) => address(`a${i}`, 's', 19, 50)) });
    expect(isTiledTown(of(8112))).toBe(false);
    expect(isTiledTown(of(TILED_TOWN_MIN_ADDRESSES - 1))).toBe(false);
    expect(isTiledTown(of(TILED_TOWN_MIN_ADDRESSES))).toBe(true);
    expect(isTiledTown(of(3), 3)).toBe(true);
    expect(analysisTileKey(of(10))).toBeUndefined();
    const big = of(TILED_TOWN_MIN_ADDRESSES);
    expect(analysisTileKey(big)).toBe(tileKeyOf(big));
  });

  it('the same workspace object keeps its key; a newer one gets a larger key', () => {
    const a = { addresses: [] };
    const b = { addresses: [] };
    const ka = tileKeyOf(a);
    expect(tileKeyOf(a)).toBe(ka);
    expect(tileKeyOf(b)).toBeGreaterThan(ka);
  });
});
