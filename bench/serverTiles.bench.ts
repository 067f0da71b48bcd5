import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { prepareDataset } from '../src/analysis/dataset';
import { TILE_MAX_ZOOM, TILED_SOURCES, type TiledSource } from '../src/map/tiledTown';
import { TownTiles } from '../src/map/townTiles';
import { openMigratedDatabase, type Database } from '../supabase/tests/support/database';
import { asCaller } from '../supabase/tests/support/request';
import { checkSame, fmtMs, fmtRatio, median, printMachine, reportFailedChecks } from './measure';
import { loadTown, ORG, PLANNER } from './postgisAggregates.bench';
import { syntheticTown } from './syntheticTown';

/**
 * Issue 16 item 3: a large Supabase town's streets and addresses are tiles cut by the server (public.map_tile, one
 * layer a call, as the planner through PostgREST) instead of by the analysis worker (src/map/townTiles.ts: geojson-vt
 * indexes of the whole town, built at the first tile, then a cut per tile). On the town of the 100,000-response bench
 * (bench/postgisAggregates.bench.ts: seed 11, 40 blocks, 20,000 addresses; the responses do not touch tiles, so 1,000
 * here) and a denser one of 100,000 addresses: per zoom 12–16, the server's time per tile (median and worst of the
 * tiles covering the town, at most 48 a zoom), its size, and what the worker spent on the same tiles, and once on
 * its indexes, which the browser no longer does. The map asks for zooms ≤ 14 (TILE_MAX_ZOOM; closer zooms are
 * overzoomed from 14); 15–16 show what a higher max zoom would cost. Checked: server and worker tiles hold the same
 * feature ids (at most one in a thousand on a buffer's edge, supabase/tests/mapTileParity.test.ts). Before: the function
 * as migration …001200 made it (all three layers a call, under the caller's RLS, JIT as the server decides), frozen
 * in schema bench_before from that file and timed on the same tiles, beside the two calls the map now makes.
 * `DATABASE_URL=$(cat /tmp/database_url) npm run bench -- serverTiles` (PGlite's PostGIS has no ST_AsMVT).
 */

const ZOOMS = [12, 13, 14, 15, 16];
const MAX_TILES_A_ZOOM = 48;

function tilesCovering(bounds: [number, number, number, number], z: number): Array<[number, number]> {
  const n = 2 ** z;
  const tx = (lng: number) => Math.floor(((lng + 180) / 360) * n);
  const ty = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  const all: Array<[number, number]> = [];
  for (let x = tx(bounds[0]); x <= tx(bounds[2]); x++) for (let y = ty(bounds[3]); y <= ty(bounds[1]); y++) all.push([x, y]);
  // Evenly spread, so the sample holds the town's middle as well as its edges.
  const step = Math.max(1, all.length / MAX_TILES_A_ZOOM);
  return Array.from({ length: Math.min(all.length, MAX_TILES_A_ZOOM) }, (_, i) => all[Math.floor(i * step)]!);
}

const ids = (bytes: Uint8Array): string[] => {
  const layers = Object.values(new VectorTile(new Pbf(bytes)).layers);
  return layers.flatMap((layer) => Array.from({ length: layer.length }, (_, i) => String(layer.feature(i).properties.id))).sort();
};


async function serverTile(db: Database, source: TiledSource, z: number, x: number, y: number): Promise<{ ms: number; bytes: Uint8Array }> {
  return asCaller(db, { role: 'authenticated', userId: PLANNER }, async (tx) => {
    const t0 = performance.now();
    const rows = await tx.query<{ mvt: Uint8Array }>('select public.map_tile($1, $2, $3, $4, $5) as mvt', [ORG, z, x, y, [source]]);
    return { ms: performance.now() - t0, bytes: new Uint8Array(rows[0]!.mvt) };
  });
}

const BEFORE_SQL = readFileSync(new URL('../supabase/migrations/20250601001200_map_tiles.sql', import.meta.url), 'utf8')
  .replaceAll('public.map_tile', 'bench_before.map_tile');

async function beforeTile(db: Database, z: number, x: number, y: number): Promise<number> {
  return asCaller(db, { role: 'authenticated', userId: PLANNER }, async (tx) => {
    const t0 = performance.now();
    await tx.query('select bench_before.map_tile($1, $2, $3, $4) as mvt', [ORG, z, x, y]);
    return performance.now() - t0;
  });
}

async function benchTown(addresses: number): Promise<void> {
  const town = syntheticTown({ seed: 11, blocks: 40, addresses, responses: 1_000, barePointShare: 0.05 });
  const ds = prepareDataset(town);
  const db = await openMigratedDatabase();
  try {
    await loadTown(db, town, { originLng: ds.projection.originLng, originLat: ds.projection.originLat });
    await db.exec(`create schema bench_before; grant usage on schema bench_before to authenticated; ${BEFORE_SQL}`);
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const a of town.addresses) {
      const [lng, lat] = a.location.coordinates;
      [west, south, east, north] = [Math.min(west, lng), Math.min(south, lat), Math.max(east, lng), Math.max(north, lat)];
    }
    // What the browser no longer does: the worker's indexes of the whole town (built at each source's first tile).
    const worker = new TownTiles(town);
    const heap0 = process.memoryUsage().heapUsed;
    const build: Record<string, number> = {};
    for (const source of TILED_SOURCES) {
      const t0 = performance.now();
      worker.tile(source, 0, 0, 0);
      build[source] = performance.now() - t0;
    }
    const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    console.log(`\n${town.addresses.length.toLocaleString('en')} addresses, ${town.streets.length} street records; load average ${loadavg().slice(0, 2).map((l) => l.toFixed(1)).join(' / ')}`);
    console.log(`worker (before): geojson-vt index of the streets ${fmtMs(build.streets!)}, of the addresses ${fmtMs(build.addresses!)} (+ the z 0 cut), heap +${heapMiB.toFixed(0)} MiB (not collected: a rough figure)`);
    console.log('| zoom | tiles | layer | server per tile (median / worst) | server KB (mean) | worker cut per tile (median) | ids server = worker |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    const versus: string[] = [];
    for (const z of ZOOMS) {
      const tiles = tilesCovering([west, south, east, north], z);
      const now: number[] = tiles.map(() => 0);
      for (const source of TILED_SOURCES) {
        const server: number[] = [];
        const local: number[] = [];
        let bytes = 0;
        let features = 0;
        let lone = 0;
        for (const [i, [x, y]] of tiles.entries()) {
          const answer = await serverTile(db, source, z, x, y);
          server.push(answer.ms);
          now[i]! += answer.ms;
          bytes += answer.bytes.byteLength;
          if (z > TILE_MAX_ZOOM) continue;
          const t0 = performance.now();
          const cut = worker.tile(source, z, x, y);
          local.push(performance.now() - t0);
          const [a, b] = [ids(answer.bytes), new Set(ids(cut))];
          features += b.size;
          lone += a.filter((id) => !b.has(id)).length + [...b].filter((id) => !a.includes(id)).length;
        }
        const same = z > TILE_MAX_ZOOM || lone <= features / 1000;
        if (z <= TILE_MAX_ZOOM) checkSame(`serverTiles ${addresses} addresses, ${source} z ${z}: server ids = worker ids`, same);
        const idsText = z > TILE_MAX_ZOOM ? '— (worker stops at 14)' : lone === 0 ? `yes (${features})` : `${lone} on a buffer edge of ${features}`;
        console.log(`| ${z} | ${tiles.length} | ${source} | ${fmtMs(median(server))} / ${fmtMs(Math.max(...server))} | ${(bytes / tiles.length / 1024).toFixed(1)} | ${local.length ? fmtMs(median(local)) : '—'} | ${idsText} |`);
      }
      const before: number[] = [];
      for (const [x, y] of tiles) before.push(await beforeTile(db, z, x, y));
      versus.push(`| ${z} | ${fmtMs(median(before))} | ${fmtMs(median(now))} | ${fmtRatio(median(before) / median(now))} |`);
    }
    console.log('\n| zoom | before: one …001200 call, all layers (median) | now: streets + addresses calls (median) | before / now |');
    console.log('| --- | --- | --- | --- |');
    for (const line of versus) console.log(line);
  } finally {
    await db.close();
  }
}

export async function main(): Promise<void> {
  printMachine(['@maplibre/geojson-vt', '@maplibre/vt-pbf', 'pg']);
  if (!process.env.DATABASE_URL) {
    console.log('serverTiles: skipped, set DATABASE_URL (PGlite\'s PostGIS is built without protobuf-c: no ST_AsMVT)');
    return;
  }
  for (const addresses of (process.env.BENCH_TILE_ADDRESSES ?? '20000,100000').split(',').map(Number)) await benchTown(addresses);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
