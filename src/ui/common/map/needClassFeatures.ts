import type { ExploreLayer, NeedMapResult } from '../../../analysis/exploreSession';
import type { Area, Street } from '../../../domain';
import { NO_NEED_CLASS } from '../../../map/needClassLayers';

/**
 * The worker's need map as GeoJSON for needClassLayers (src/map): one feature per unit drawn — an area's polygon,
 * a hexagon from its corners, every record of a street — carrying the unit's id and class. O(units + streets).
 */
export function needClassFeatures(layer: ExploreLayer, map: Pick<NeedMapResult, 'classOfUnit'>, geometry: { areas: readonly Area[]; streets: readonly Street[] }): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  const classOf = (u: number) => map.classOfUnit[u] ?? NO_NEED_CLASS;
  if (layer.kind === 'street' && layer.streetIds) {
    const byId = new Map(geometry.streets.map((s) => [s.id, s]));
    layer.streetIds.forEach((ids, u) => {
      for (const id of ids) {
        const street = byId.get(id);
        // MultiLineStrings become one feature per line, so the 'LineString' filter of the layer draws them.
        street?.geometry.coordinates.forEach((line, i) => features.push({ type: 'Feature', id: `${id}:${i}`, geometry: { type: 'LineString', coordinates: line }, properties: { unitId: layer.unitIds[u], needClass: classOf(u) } }));
      }
    });
  } else if (layer.kind === 'hex' && layer.hexCorners) {
    const c = layer.hexCorners;
    for (let u = 0; u < layer.unitIds.length; u++) {
      const ring = Array.from({ length: 7 }, (_, k) => [c[u * 12 + 2 * (k % 6)]!, c[u * 12 + 2 * (k % 6) + 1]!]);
      features.push({ type: 'Feature', id: layer.unitIds[u], geometry: { type: 'Polygon', coordinates: [ring] }, properties: { unitId: layer.unitIds[u], needClass: classOf(u) } });
    }
  } else {
    const byId = new Map(geometry.areas.map((a) => [a.id, a]));
    layer.unitIds.forEach((id, u) => {
      const area = byId.get(id);
      // A MultiPolygon's parts as Polygons, for the same reason as the streets' lines.
      const parts = !area ? [] : area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
      parts.forEach((coordinates, i) => features.push({ type: 'Feature', id: `${id}:${i}`, geometry: { type: 'Polygon', coordinates }, properties: { unitId: id, needClass: classOf(u) } }));
    });
  }
  return { type: 'FeatureCollection', features };
}
