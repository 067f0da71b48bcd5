import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Workspace } from '../domain/workspace';
import { addressFeatures, streetFeatures } from './mapData';

import { TILE_MAX_ZOOM, type TiledSource } from './tiledTown';

const EXTENT = 4096;

/**
 * The analysis worker's side of a large town's map (tiledTown.ts): Mapbox Vector Tiles (protobuf bytes) of a workspace's streets and addresses, made on demand: each source's
 * geojson-vt index is built at its first tile (the addresses only once someone zooms in far enough to see them) and
 * kept; a tile is cut from it and serialized with vt-pbf. Features keep their record id as the `id` property, which
 * the map's vector sources promote to feature ids (promoteId), so feature-state, hit-testing and selection work by
 * record id as on the GeoJSON path.
 *
 * @example new TownTiles(workspace).tile('streets', 14, 9133, 5560) → Uint8Array (an empty one where nothing is)
 */
export class TownTiles {
  private readonly indexes = new Map<TiledSource, GeoJSONVT>();

  constructor(private readonly workspace: Pick<Workspace, 'streets' | 'addresses'>) {}

  private index(source: TiledSource): GeoJSONVT {
    let index = this.indexes.get(source);
    if (!index) {
      const data = source === 'streets' ? streetFeatures(this.workspace) : addressFeatures(this.workspace);
      index = new GeoJSONVT(data, { maxZoom: TILE_MAX_ZOOM, extent: EXTENT, buffer: 64, tolerance: 3, indexMaxZoom: 5, indexMaxPoints: 100_000 });
      this.indexes.set(source, index);
    }
    return index;
  }

  /** The tile's bytes; a zero-length array (a valid empty tile) where the source has nothing. */
  tile(source: TiledSource, z: number, x: number, y: number): Uint8Array {
    if (!Number.isInteger(z) || z < 0 || z > TILE_MAX_ZOOM || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) {
      throw new RangeError(`no tile ${z}/${x}/${y} (zoom 0–${TILE_MAX_ZOOM})`);
    }
    const tile = this.index(source).getTile(z, x, y);
    if (!tile || tile.features.length === 0) return new Uint8Array(0);
    return fromGeojsonVt({ [source]: tile }, { version: 2, extent: EXTENT });
  }
}
