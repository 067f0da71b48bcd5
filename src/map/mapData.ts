import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { streetLabel, type Area, type Workspace } from '../domain';
import { labelPoint } from './labelPoint';
import { RESOURCE_CATEGORY_OF_KIND, resourceIconId } from './palette';

/** The GeoJSON the map's sources hold. Properties carry only what styling, labels and hit-testing need. */
export interface MapData {
  districts: FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
  estates: FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
  /** Care regions and custom areas (the town outline, a wave's whole-town area), drawn as outlines. */
  outlines: FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
  areaLabels: FeatureCollection<Point, AreaProperties>;
  streets: FeatureCollection<MultiLineString | LineString, StreetProperties>;
  addresses: FeatureCollection<Point, AddressProperties>;
  resources: FeatureCollection<Point, ResourceProperties>;
  /** [west, south, east, north] of everything drawn; undefined for an empty town. */
  bounds: [number, number, number, number] | undefined;
  /**
   * A large town (tiledTown.ts): `streets` and `addresses` above are empty, the map draws them from the analysis
   * worker's tiles named by `key`; `records` are the workspace's own (for bounds of one feature). Null: GeoJSON.
   */
  tiles: { key: number; records: Pick<Workspace, 'streets' | 'addresses'> } | null;
}

export interface AreaProperties { id: string; name: string; kind: Area['kind'] }
export interface StreetProperties { id: string; label: string }
/** `households`: 1 where the register gave no count, only to size the dot (the panels say "unknown"). */
export interface AddressProperties { id: string; streetId: string; households: number }
export interface ResourceProperties { id: string; name: string; kind: string; icon: string }

const collection = <G extends Feature['geometry'], P>(features: Array<Feature<G, P>>): FeatureCollection<G, P> => ({ type: 'FeatureCollection', features });

/** The streets as the map draws them: GeoJSON here, or cut into tiles by the analysis worker (townTiles.ts). */
export function streetFeatures(workspace: Pick<Workspace, 'streets'>): FeatureCollection<LineString | MultiLineString, StreetProperties> {
  return collection(workspace.streets.map((s) => ({ type: 'Feature' as const, geometry: s.geometry, properties: { id: s.id, label: streetLabel(s) } })));
}

/** The addresses as the map draws them (a dot sized by households, 1 where the count is unknown). */
export function addressFeatures(workspace: Pick<Workspace, 'addresses'>): FeatureCollection<Point, AddressProperties> {
  return collection(workspace.addresses.map((a) => ({ type: 'Feature' as const, geometry: a.location, properties: { id: a.id, streetId: a.streetId, households: a.households ?? 1 } })));
}

/**
 * Converts a validated workspace into the map's GeoJSON sources; with `tileKey` (a large town, tiledTown.ts
 * analysisTileKey) the streets and addresses are left to the analysis worker's tiles of that key. Pure; O(n) in the records; copies nothing it
 * does not need (geometries are shared with the workspace, never mutated). Positions stay [lng, lat].
 */
export function buildMapData(workspace: Workspace, options: { tileKey?: number } = {}): MapData {
  const tiled = options.tileKey !== undefined;
  const areaFeature = (a: Area): Feature<Polygon | MultiPolygon, AreaProperties> => ({
    type: 'Feature',
    geometry: a.geometry,
    properties: { id: a.id, name: a.name, kind: a.kind },
  });
  const districts = workspace.areas.filter((a) => a.kind === 'district');
  const estates = workspace.areas.filter((a) => a.kind === 'estate');
  const outlines = workspace.areas.filter((a) => a.kind === 'care_region' || a.kind === 'custom');
  const bounds = new BoundsAccumulator();

  for (const a of workspace.areas) bounds.addNested(a.geometry.coordinates);
  for (const s of workspace.streets) bounds.addNested(s.geometry.coordinates);
  for (const a of workspace.addresses) bounds.add(a.location.coordinates[0], a.location.coordinates[1]);
  for (const r of workspace.resources) bounds.add(r.location.coordinates[0], r.location.coordinates[1]);

  return {
    districts: collection(districts.map(areaFeature)),
    estates: collection(estates.map(areaFeature)),
    outlines: collection(outlines.map(areaFeature)),
    areaLabels: collection(
      [...districts, ...estates, ...outlines.filter((a) => a.kind === 'care_region')].map((a) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: labelPoint(a.geometry) },
        properties: { id: a.id, name: a.name, kind: a.kind },
      })),
    ),
    streets: tiled ? collection([]) : streetFeatures(workspace),
    addresses: tiled ? collection([]) : addressFeatures(workspace),
    resources: collection(
      workspace.resources.map((r) => ({
        type: 'Feature' as const,
        geometry: r.location,
        properties: { id: r.id, name: r.name, kind: r.kind, icon: resourceIconId(RESOURCE_CATEGORY_OF_KIND[r.kind]) },
      })),
    ),
    bounds: bounds.result(),
    tiles: options.tileKey !== undefined ? { key: options.tileKey, records: workspace } : null,
  };
}

/**
 * [west, south, east, north] of one feature of the map data, by source and id; undefined if absent.
 * O(features in that source).
 */
export function featureBounds(data: MapData, source: 'districts' | 'estates' | 'streets' | 'addresses' | 'resources', id: string): [number, number, number, number] | undefined {
  if (data.tiles && (source === 'streets' || source === 'addresses')) {
    const geometry = source === 'streets' ? data.tiles.records.streets.find((s) => s.id === id)?.geometry : data.tiles.records.addresses.find((a) => a.id === id)?.location;
    if (!geometry) return undefined;
    const bounds = new BoundsAccumulator();
    bounds.addNested(geometry.coordinates);
    return bounds.result();
  }
  const feature = (data[source].features as Array<Feature<Feature['geometry'], { id: string }>>).find((f) => f.properties.id === id);
  if (!feature || !('coordinates' in feature.geometry)) return undefined;
  const bounds = new BoundsAccumulator();
  bounds.addNested(feature.geometry.coordinates);
  return bounds.result();
}

class BoundsAccumulator {
  private west = Infinity;
  private south = Infinity;
  private east = -Infinity;
  private north = -Infinity;
  add(lng: number, lat: number): void {
    if (lng < this.west) this.west = lng;
    if (lng > this.east) this.east = lng;
    if (lat < this.south) this.south = lat;
    if (lat > this.north) this.north = lat;
  }
  addNested(coordinates: unknown): void {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === 'number') this.add(coordinates[0], coordinates[1] as number);
    else for (const c of coordinates) this.addNested(c);
  }
  result(): [number, number, number, number] | undefined {
    return Number.isFinite(this.west) ? [this.west, this.south, this.east, this.north] : undefined;
  }
}
