import type { IssueCollector } from './importIssues';
import type { Reprojector } from './crs';
import { importMessage, type ImportMessage } from './importMessages';

/** One feature as read: geometry still in the file's CRS and unvalidated; properties as strings for column mapping. */
export interface RawFeature {
  /** 0-based position in the file (the issue row); displayed as `index + 1`. */
  index: number;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
  /** The feature's `id` member (OSM exports: "way/123"), if any. */
  id?: string;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readGeometry(value: unknown, feature: number, issues: IssueCollector): RawFeature['geometry'] {
  if (value === null || value === undefined) return null;
  if (!isObject(value) || typeof value.type !== 'string') {
    issues.error('geometry', importMessage('geometry_no_type'), { row: feature, displayRow: feature + 1, column: 'geometry', value });
    return null;
  }
  if (!GEOMETRY_TYPES.has(value.type)) {
    issues.error('geometry.type', importMessage('geometry_unsupported', { type: String(value.type) }), { row: feature, displayRow: feature + 1, column: 'geometry', value: value.type });
    return null;
  }
  return { type: value.type, coordinates: value.coordinates };
}

/**
 * Parses GeoJSON text: a FeatureCollection, one Feature, or a bare geometry. Returns the features with their raw
 * geometry (validated later, after reprojection) and the `crs` member if the file has one (old GeoJSON 2008; QGIS
 * writes it for projected exports). Never throws. O(text length).
 */
export function readGeoJson(text: string, issues: IssueCollector): { features: RawFeature[]; crsMember?: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    issues.error('(file)', importMessage('not_json', { reason: error instanceof Error ? error.message : String(error) }));
    return { features: [] };
  }
  if (!isObject(json)) {
    issues.error('(file)', importMessage('geojson_not_object'));
    return { features: [] };
  }
  const crsMember = json.crs;
  let list: unknown[];
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) {
      issues.error('features', importMessage('geojson_no_features_list'));
      return { features: [], crsMember };
    }
    list = json.features;
  } else if (json.type === 'Feature') list = [json];
  else if (typeof json.type === 'string' && GEOMETRY_TYPES.has(json.type)) list = [{ type: 'Feature', geometry: json, properties: {} }];
  else {
    issues.error('type', importMessage('geojson_wrong_type', { type: String(json.type) }), { value: json.type });
    return { features: [], crsMember };
  }
  const features: RawFeature[] = [];
  list.forEach((item, index) => {
    if (!isObject(item) || item.type !== 'Feature') {
      issues.error('(feature)', importMessage('geojson_not_feature'), { row: index, displayRow: index + 1, value: item });
      return;
    }
    const properties = item.properties === null || item.properties === undefined ? {} : item.properties;
    if (!isObject(properties)) {
      issues.error('properties', importMessage('geojson_properties_not_object'), { row: index, displayRow: index + 1, value: properties });
      return;
    }
    const id = typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined;
    features.push({ index, geometry: readGeometry(item.geometry, index, issues), properties, ...(id === undefined ? {} : { id }) });
  });
  return { features, crsMember };
}

/** Every position of a raw geometry as [first, second] numbers, skipping malformed ones (for CRS detection). */
export function collectPositions(features: readonly RawFeature[], limit = 100_000): [number, number][] {
  const out: [number, number][] = [];
  const visit = (node: unknown, depth: number): void => {
    if (out.length >= limit || !Array.isArray(node) || depth > 4) return;
    if (typeof node[0] === 'number') {
      if (typeof node[1] === 'number') out.push([node[0], node[1]]);
      return;
    }
    for (const child of node) visit(child, depth + 1);
  };
  for (const f of features) if (f.geometry) visit(f.geometry.coordinates, 0);
  return out;
}

/** Nesting depth of positions per geometry type: Point 0, LineString 1, Polygon 2, MultiPolygon 3. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/**
 * Reprojects a raw geometry to [lng, lat] and checks its shape (nesting, two or three finite numbers per position).
 * Returns the new geometry, or the first problem as a field path + coded message. Domain schemas then check rings, lengths, ranges.
 */
export function reprojectRawGeometry(geometry: { type: string; coordinates: unknown }, project: Reprojector): { ok: true; geometry: { type: string; coordinates: unknown } } | { ok: false; field: string; msg: ImportMessage } {
  const depth = DEPTH[geometry.type];
  if (depth === undefined) return { ok: false, field: 'geometry.type', msg: importMessage('geometry_unsupported', { type: geometry.type }) };
  let problem: { field: string; msg: ImportMessage } | undefined;
  const walk = (node: unknown, level: number, path: string): unknown => {
    if (problem) return undefined;
    if (!Array.isArray(node)) {
      problem = { field: path, msg: importMessage(level === depth ? 'position_not_pair' : 'coordinates_not_nested') };
      return undefined;
    }
    if (level < depth) return node.map((child, i) => walk(child, level + 1, `${path}.${i}`));
    if (node.length < 2 || node.length > 3 || !node.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      problem = { field: path, msg: importMessage('position_not_finite') };
      return undefined;
    }
    const [lng, lat] = project(node[0] as number, node[1] as number);
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) {
      problem = { field: path, msg: importMessage('position_not_convertible') };
      return undefined;
    }
    return [lng, lat];
  };
  const coordinates = walk(geometry.coordinates, 0, 'geometry.coordinates');
  if (problem) return { ok: false, ...problem };
  return { ok: true, geometry: { type: geometry.type, coordinates } };
}

/** Property value as cell text: strings as they are, numbers and booleans printed, objects as JSON, null → ''. */
export function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return '';
  }
}
