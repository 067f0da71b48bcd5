import type { ExploreLayer } from '../../../analysis/exploreSession';
import type { Workspace } from '../../../domain';
import type { AggregateRow } from './aggregateRows';

/** What a GeoJSON export says about itself (RFC 7946 allows such "foreign members" on the collection). */
export interface AggregateExportMeta {
  town: string;
  campaignId: string;
  /** "Odsetek gospodarstw wskazujących: Zdrowie, fala 2 (2026)". */
  measure: string;
  unitKind: string;
  minResponses: number;
}

type Geometry = GeoJSON.Geometry;

/**
 * Each unit's outline in [lng, lat]: a street unit's merged records as one MultiLineString, an area's polygon,
 * a hexagon's six corners closed into a ring. null when the workspace has no geometry for the unit. O(units + vertices).
 */
export function unitGeometries(layer: Pick<ExploreLayer, 'kind' | 'unitIds' | 'streetIds' | 'hexCorners'>, workspace: Pick<Workspace, 'streets' | 'areas'>): (Geometry | null)[] {
  if (layer.kind === 'street') {
    const streets = new Map(workspace.streets.map((s) => [s.id, s]));
    return layer.unitIds.map((_, u) => {
      const lines = (layer.streetIds?.[u] ?? []).flatMap((id) => streets.get(id)?.geometry.coordinates ?? []);
      return lines.length ? { type: 'MultiLineString', coordinates: lines } : null;
    });
  }
  if (layer.kind === 'hex') {
    const corners = layer.hexCorners;
    return layer.unitIds.map((_, u) => {
      if (!corners) return null;
      const ring: [number, number][] = [];
      for (let c = 0; c < 6; c++) ring.push([corners[u * 12 + c * 2]!, corners[u * 12 + c * 2 + 1]!]);
      ring.push(ring[0]!);
      return { type: 'Polygon', coordinates: [ring] };
    });
  }
  const areas = new Map(workspace.areas.map((a) => [a.id, a]));
  return layer.unitIds.map((id) => (areas.get(id)?.geometry as Geometry | undefined) ?? null);
}

/**
 * A FeatureCollection of the aggregate rows: one Feature per unit, `id` = unit id, properties as the CSV's columns
 * (numbers as JSON numbers, null where suppressed or unknown). Pretty-printed? No: one line, files get large.
 */
export function aggregatesGeoJson(rows: readonly AggregateRow[], geometries: readonly (Geometry | null)[], meta: AggregateExportMeta): string {
  if (geometries.length !== rows.length) throw new Error(`${rows.length} rows, ${geometries.length} geometries`);
  const collection = {
    type: 'FeatureCollection',
    calmap: { v: 1, ...meta },
    features: rows.map((r, u) => ({
      type: 'Feature',
      id: r.unitId,
      geometry: geometries[u] ?? null,
      properties: {
        unit_id: r.unitId,
        name: r.label,
        households: r.households,
        responses: r.responses,
        response_rate: r.responseRate,
        value: r.value,
        wilson_lower: r.lower,
        wilson_upper: r.upper,
        suppressed: r.suppressed,
      },
    })),
  };
  return JSON.stringify(collection);
}
