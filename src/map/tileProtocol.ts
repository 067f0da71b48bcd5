import { addProtocol, type ErrorEvent, type Map as MapLibreMap, type SourceSpecification, type VectorTileSource } from 'maplibre-gl';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { TILE_MAX_ZOOM, TILED_SOURCES, tileFetcher, type TiledSource } from './tiledTown';

/**
 * The main thread's side of a large town's vector tiles (tiledTown.ts): the `calmap-tile://<key>/<source>/{z}/{x}/{y}`
 * scheme MapLibre's workers ask the page for (addProtocol); the page asks the analysis worker, which answers with
 * the tile's bytes transferred. And the switch of the map's `streets` / `addresses` sources between the GeoJSON
 * kind (the demo, a small town) and the vector kind (a large town), keeping every layer that draws them.
 */
export const TILE_SCHEME = 'calmap-tile';

export const tileUrlTemplate = (key: number, source: TiledSource): string => `${TILE_SCHEME}://${key}/${source}/{z}/{x}/{y}`;

const TILE_URL = new RegExp(`^${TILE_SCHEME}://(\\d+)/(${TILED_SOURCES.join('|')})/(\\d+)/(\\d+)/(\\d+)$`);

/** The load function addProtocol takes: the tile's bytes from the analysis worker. */
export async function loadTile(params: { url: string }, abortController: AbortController): Promise<{ data: ArrayBuffer }> {
  const match = TILE_URL.exec(params.url);
  if (!match) throw new Error(`not a tile address: ${params.url}`);
  const [key, z, x, y] = [match[1], match[3], match[4], match[5]].map(Number) as [number, number, number, number];
  const fetchTile = await tileFetcher();
  const bytes = await fetchTile({ key, source: match[2] as TiledSource, z, x, y }, abortController.signal);
  return { data: bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer) };
}

let registered = false;
export function registerTileProtocol(): void {
  if (registered) return;
  registered = true;
  addProtocol(TILE_SCHEME, loadTile);
}

/** The source-layer of a tiled source's features: the source's own id (townTiles.ts names each tile's layer so). */
const sourceLayerOf = (source: string): string => source;

/**
 * The feature-state target of a record on the map: vector sources need the source-layer (MapLibre refuses a state
 * without one), GeoJSON sources refuse one.
 */
export function stateTarget(map: MapLibreMap, source: string, id: string): { source: string; id: string; sourceLayer?: string } {
  return map.getSource(source)?.type === 'vector' ? { source, id, sourceLayer: sourceLayerOf(source) } : { source, id };
}

/**
 * Makes `sourceId` a vector source of the worker's tiles for `key` (a no-op when it already is), or, with `key`
 * null, an empty GeoJSON source again (a no-op when it is one). The layers drawing the source are removed and added
 * back in their places, with their current paint and layout, and `source-layer` set or removed. Feature-state of
 * the source is lost (the new town's is written afterwards anyway).
 */
export function setTiledSource(map: MapLibreMap, sourceId: TiledSource, key: number | null, bounds?: [number, number, number, number]): void {
  const current = map.getSource(sourceId);
  const url = key === null ? null : tileUrlTemplate(key, sourceId);
  if (url === null ? current?.type === 'geojson' : current?.type === 'vector' && (current as VectorTileSource).tiles?.[0] === url) return;
  const spec: SourceSpecification =
    url === null
      ? { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' }
      : { type: 'vector', tiles: [url], minzoom: 0, maxzoom: TILE_MAX_ZOOM, promoteId: 'id', ...(bounds ? { bounds } : {}) };
  const layers = map.getStyle().layers;
  const affected = new Set(layers.filter((l) => 'source' in l && l.source === sourceId).map((l) => l.id));
  for (const id of affected) map.removeLayer(id);
  if (current) map.removeSource(sourceId);
  map.addSource(sourceId, spec);
  layers.forEach((layer, i) => {
    if (!affected.has(layer.id)) return;
    const before = layers.slice(i + 1).find((l) => !affected.has(l.id))?.id;
    const next = { ...layer } as LayerSpecification & { 'source-layer'?: string };
    if (url === null) delete next['source-layer'];
    else next['source-layer'] = sourceLayerOf(sourceId);
    map.addLayer(next, before);
  });
}

/** A tile of a large town's streets or addresses that could not be loaded. */
export interface FailedTile {
  source: TiledSource;
  x: number;
  y: number;
  z: number;
}

/** The failed tile a map `error` event names, if it is one of a tiled source (else null: another error). */
export function failedTileOf(event: ErrorEvent & { sourceId?: string; tile?: { tileID?: { canonical?: { x: number; y: number; z: number } } } }): FailedTile | null {
  const source = TILED_SOURCES.find((id) => id === event.sourceId);
  const at = event.tile?.tileID?.canonical;
  return source && at ? { source, x: at.x, y: at.y, z: at.z } : null;
}

/**
 * Asks again for the tiles that failed (a network blip, an expired session), of the sources that are still vector
 * sources. By their ids: MapLibre's reload of a whole source leaves an errored tile waiting for its old request.
 */
export function reloadFailedTiles(map: MapLibreMap, failed: readonly FailedTile[]): void {
  for (const source of TILED_SOURCES) {
    const tiles = failed.filter((t) => t.source === source).map(({ x, y, z }) => ({ x, y, z }));
    if (tiles.length && map.getSource(source)?.type === 'vector') map.refreshTiles(source, tiles);
  }
}
