import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * From this many features on, a source is handed to MapLibre only once a layer that draws it can be seen (its zoom
 * range reached, not hidden). A city's 113,746 addresses are drawn from zoom 14.5 (layers.ts ADDRESS_MIN_ZOOM) or as
 * the household heatmap when that is switched on; parsing and tiling them in MapLibre's single worker (2 s on this
 * machine) used to hold up the streets and areas of the first map, and they were held in memory twice (the worker's
 * index and the copy MapLibre sends back). The demo town's 8,112 addresses are set at once, as before.
 */
export const DEFER_SOURCE_MIN_FEATURES = 20_000;

/** Half a zoom level before a layer's minzoom its data is set, so it is usually tiled by the time the layer shows. */
const LEAD_ZOOM = 0.5;

/** Whether a visible layer of the map's style draws `sourceId` at the current zoom (or LEAD_ZOOM below its minzoom). */
export function sourceShown(map: MapLibreMap, sourceId: string): boolean {
  const zoom = map.getZoom();
  return map.getLayersOrder().some((id) => {
    const layer = map.getLayer(id);
    if (!layer || layer.source !== sourceId) return false;
    if (map.getLayoutProperty(id, 'visibility') === 'none') return false;
    return zoom >= (layer.minzoom ?? 0) - LEAD_ZOOM && zoom < (layer.maxzoom ?? Infinity);
  });
}

/**
 * Calls `set` now when `sourceId` is shown, else after the first zoom or style change (a layer made visible) that
 * shows it. Returns a cancel for a `set` still waiting (new data came first, or the map goes).
 */
export function setWhenShown(map: MapLibreMap, sourceId: string, set: () => void): () => void {
  if (sourceShown(map, sourceId)) {
    set();
    return () => {};
  }
  const check = () => {
    if (!sourceShown(map, sourceId)) return;
    cancel();
    set();
  };
  const cancel = () => {
    map.off('zoomend', check);
    map.off('styledata', check);
  };
  map.on('zoomend', check);
  map.on('styledata', check);
  return cancel;
}
