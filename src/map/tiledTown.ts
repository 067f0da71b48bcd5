import type { Workspace } from '../domain';

/**
 * Issue #16 item 2: a town of this many addresses or more draws its streets and addresses from vector tiles the
 * analysis worker makes on demand from the workspace it already holds (townTiles.ts, served to MapLibre through the
 * `calmap-tile://` protocol, tileProtocol.ts), not from GeoJSON the page builds and stringifies and MapLibre's worker
 * parses and indexes whole. The demo town (8,112 addresses) stays on the GeoJSON path: its first paint is the build's
 * files. On Supabase the server cuts the same tiles (DataSource.mapTile, the map_tile RPC) and the worker none.
 * The same number as deferredSource.ts DEFER_SOURCE_MIN_FEATURES. This module is the main thread's part
 * (no tiling code: that lives in the worker's chunk).
 */
export const TILED_TOWN_MIN_ADDRESSES = 20_000;

/** The sources drawn from the worker's tiles; each tile has one layer, named as its source (the `source-layer`). */
export const TILED_SOURCES = ['streets', 'addresses'] as const;
export type TiledSource = (typeof TILED_SOURCES)[number];

/** Tiles exist up to this zoom; MapLibre draws closer zooms from them (overzoom), as it does for GeoJSON sources. */
export const TILE_MAX_ZOOM = 14;

/** Whether a town goes the tiled way (the threshold rule above); `minAddresses` only for tests of the rule. */
export function isTiledTown(workspace: Pick<Workspace, 'addresses'>, minAddresses = TILED_TOWN_MIN_ADDRESSES): boolean {
  return workspace.addresses.length >= minAddresses;
}

const keys = new WeakMap<object, number>();
let nextKey = 1;

/**
 * The key a workspace's tiles go by: the same object gives the same key, a new object (a reload, an import) a
 * larger one. The map names it in its tile URLs, the analysis client sends it with the workspace (init `tileKey`),
 * so a tile is always cut from the records the map shows, and the worker answers an older key's tiles empty.
 */
export function tileKeyOf(workspace: object): number {
  let key = keys.get(workspace);
  if (key === undefined) {
    key = nextKey++;
    keys.set(workspace, key);
  }
  return key;
}

/**
 * Gives `to` the key of `from` (e.g. a workspace the key of the stored form the analysis worker was started on before
 * the workspace existed, useAnalysis.ts), unless `to` has one already.
 */
export function shareTileKey(from: object, to: object): void {
  if (!keys.has(to)) keys.set(to, tileKeyOf(from));
}

/** The tileKey the analysis worker gets with `workspace`: its key when the town is tiled, else none. */
export function analysisTileKey(workspace: Pick<Workspace, 'addresses'>): number | undefined {
  return isTiledTown(workspace) ? tileKeyOf(workspace) : undefined;
}

export interface TileRequestQuery {
  key: number;
  source: TiledSource;
  z: number;
  x: number;
  y: number;
}
type TileFetcher = (query: TileRequestQuery, signal: AbortSignal) => Promise<Uint8Array>;

let fetcher: TileFetcher | null = null;
let fetcherWaiters: Array<(f: TileFetcher) => void> = [];

/**
 * The tile call the map's tiles come from, set by the analysis provider: its worker's (the embedded adapter), or the
 * data source's server tiles (Supabase: map_tile, the same features); null while there is none.
 */
export function setTileFetcher(next: TileFetcher | null): void {
  fetcher = next;
  if (!next) return;
  const waiting = fetcherWaiters;
  fetcherWaiters = [];
  for (const resolve of waiting) resolve(next);
}

/** The current tile fetcher, waiting for one if none is set yet (the map can ask before the worker exists). */
export function tileFetcher(): Promise<TileFetcher> {
  return fetcher ? Promise.resolve(fetcher) : new Promise((resolve) => fetcherWaiters.push(resolve));
}
