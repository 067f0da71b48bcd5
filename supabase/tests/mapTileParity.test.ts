import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/domain';
import { TILE_MAX_ZOOM, TILED_SOURCES, type TiledSource } from '../../src/map/tiledTown';
import { TownTiles } from '../../src/map/townTiles';
import type { Database } from './support/database';
import { openParityDemo, PARITY_PLANNER } from './support/parityDemo';
import { asCaller } from './support/request';

/**
 * Issue 16 item 3: a large Supabase town's map draws its streets and addresses from the server's tiles (map_tile,
 * migration 20250601001700) instead of the analysis worker's (src/map/townTiles.ts). Both must be the same features,
 * or hover, selection and feature-state recolouring would break on one of them: on the demo town (seed.sql on the
 * server, the demo files in TownTiles), every tile of the town at zooms 10, 12 and 14 (the source's max zoom) and a few
 * overzoomed ones, decoded with @mapbox/vector-tile, has the same layer, the same feature ids and the same properties
 * on both sides, and each feature's geometry lies within 2 px (16 of the tile's 4096 units at MapLibre's 512 px
 * tiles) of the other's: geojson-vt simplifies lines below its max zoom by 3 units, ST_AsMVTGeom does not.
 * Needs the PostgreSQL server of DATABASE_URL: PGlite's PostGIS is compiled without protobuf-c (ST_AsMVT raises).
 */

const EXTENT = 4096;
const MAX_APART_UNITS = 16;
const BUFFER = 64;

let db: Database;
let workspace: Workspace;
let worker: TownTiles;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  ({ db, workspace } = await openParityDemo());
  worker = new TownTiles(workspace);
});
afterAll(async () => {
  await db?.close();
});

async function serverTile(source: TiledSource, z: number, x: number, y: number): Promise<Uint8Array> {
  return asCaller(db, { role: 'authenticated', userId: PARITY_PLANNER }, async (tx) => {
    const rows = await tx.query<{ mvt: Uint8Array }>('select public.map_tile($1, $2, $3, $4, $5) as mvt', [workspace.organisation.id, z, x, y, [source]]);
    return new Uint8Array(rows[0]!.mvt);
  });
}

type Geometry = Array<Array<{ x: number; y: number }>>;
interface Decoded {
  layers: string[];
  byId: Map<string, { properties: Record<string, unknown>; type: number; geometry: Geometry }>;
}

function decode(bytes: Uint8Array): Decoded {
  const tile = new VectorTile(new Pbf(bytes));
  const byId: Decoded['byId'] = new Map();
  for (const layer of Object.values(tile.layers)) {
    expect(layer.extent).toBe(EXTENT);
    for (let i = 0; i < layer.length; i++) {
      const feature: VectorTileFeature = layer.feature(i);
      const id = String(feature.properties.id);
      expect(byId.has(id), `feature ${id} twice in layer ${layer.name}`).toBe(false);
      byId.set(id, { properties: { ...feature.properties }, type: feature.type, geometry: feature.loadGeometry() });
    }
  }
  return { layers: Object.keys(tile.layers), byId };
}

/** Distance from p to the segment ab (tile units). */
function toSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The largest distance from a vertex of `from` to the nearest point of `to` (a point or a line's segments). */
function farthestVertex(from: Geometry, to: Geometry): number {
  let worst = 0;
  for (const ring of from) {
    for (const p of ring) {
      let nearest = Infinity;
      for (const other of to) {
        if (other.length === 1) nearest = Math.min(nearest, Math.hypot(p.x - other[0]!.x, p.y - other[0]!.y));
        for (let i = 1; i < other.length; i++) nearest = Math.min(nearest, toSegment(p, other[i - 1]!, other[i]!));
      }
      worst = Math.max(worst, nearest);
    }
  }
  return worst;
}

/** The x/y range of the tiles at zoom z covering the town's addresses and streets. */
function tilesOfTown(z: number): Array<[number, number]> {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = ([lng, lat]: number[]) => {
    west = Math.min(west, lng!);
    east = Math.max(east, lng!);
    south = Math.min(south, lat!);
    north = Math.max(north, lat!);
  };
  for (const a of workspace.addresses) add(a.location.coordinates);
  for (const s of workspace.streets) for (const line of s.geometry.coordinates) line.forEach(add);
  const n = 2 ** z;
  const tx = (lng: number) => Math.floor(((lng + 180) / 360) * n);
  const ty = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  const tiles: Array<[number, number]> = [];
  for (let x = tx(west); x <= tx(east); x++) for (let y = ty(north); y <= ty(south); y++) tiles.push([x, y]);
  return tiles;
}

/** Within a unit of the outer edge of the tile's 64-unit buffer. */
const onBufferEdge = (p: { x: number; y: number }) => Math.min(p.x + BUFFER, EXTENT + BUFFER - p.x, p.y + BUFFER, EXTENT + BUFFER - p.y) <= 1;

async function compare(source: TiledSource, z: number, x: number, y: number): Promise<{ features: number; lone: number; worstApart: number }> {
  const server = decode(await serverTile(source, z, x, y));
  const local = decode(worker.tile(source, z, x, y));
  const where = `${source} ${z}/${x}/${y}`;
  // An empty tile is zero bytes on both sides (no layer at all).
  expect(server.layers, where).toEqual(local.layers);
  if (local.layers.length) expect(local.layers, where).toEqual([source]);
  // A feature in one tile only: allowed just on the buffer's outer edge, where geojson-vt's clip excludes the edge
  // (x < end) and ST_AsMVTGeom keeps what rounds onto it (4160.07 units → 4160): out of the tile's sight either way.
  const lone = [...[...server.byId].filter(([id]) => !local.byId.has(id)), ...[...local.byId].filter(([id]) => !server.byId.has(id))];
  for (const [id, feature] of lone) expect(feature.geometry.flat().every(onBufferEdge), `${where}: ${id} is in one tile only`).toBe(true);
  let worstApart = 0;
  for (const [id, mine] of local.byId) {
    const theirs = server.byId.get(id);
    if (!theirs) continue;
    expect(theirs.properties, `${where} ${id}`).toEqual(mine.properties);
    expect(theirs.type, `${where} ${id}`).toBe(mine.type);
    worstApart = Math.max(worstApart, farthestVertex(mine.geometry, theirs.geometry), farthestVertex(theirs.geometry, mine.geometry));
  }
  expect(worstApart, where).toBeLessThanOrEqual(MAX_APART_UNITS);
  return { features: local.byId.size, lone: lone.length, worstApart };
}

describe.runIf(process.env.DATABASE_URL)('map_tile (server) and TownTiles (worker) give the same features', () => {
  for (const z of [10, 12, TILE_MAX_ZOOM]) {
    it(`every tile of the demo town at zoom ${z}: same layer, ids, properties; geometry within 2 px`, async () => {
      const tiles = tilesOfTown(z);
      let features = 0;
      let lone = 0;
      for (const source of TILED_SOURCES) {
        for (const [x, y] of tiles) {
          const compared = await compare(source, z, x, y);
          features += compared.features;
          lone += compared.lone;
        }
      }
      // Edge cases stay edge cases: at most one feature in a thousand is on a buffer's edge.
      expect(lone).toBeLessThanOrEqual(features / 1000);
      // Every address is in at least one tile of the zoom (the buffer repeats those near an edge).
      expect(features).toBeGreaterThanOrEqual(workspace.addresses.length + workspace.streets.length);
    });
  }

  it('a tile without the town is empty on both sides; one layer a call (no areas in a street tile)', async () => {
    const [x, y] = tilesOfTown(12).find(([tx, ty]) => worker.tile('addresses', 12, tx, ty).byteLength > 0)!;
    expect((await serverTile('streets', TILE_MAX_ZOOM, 0, 0)).byteLength).toBe(0);
    expect(worker.tile('streets', TILE_MAX_ZOOM, 0, 0).byteLength).toBe(0);
    const all = await asCaller(db, { role: 'authenticated', userId: PARITY_PLANNER }, (tx) =>
      tx.query<{ mvt: Uint8Array }>('select public.map_tile($1, $2, $3, $4) as mvt', [workspace.organisation.id, 12, x, y]));
    expect(decode(new Uint8Array(all[0]!.mvt)).layers.sort()).toEqual(['addresses', 'areas', 'streets']);
  });
});
