import type { Map as MapLibreMap } from 'maplibre-gl';
import { basemapMutePaint } from '../../../map/style';

/**
 * Optional online basemap (VITE_BASEMAP_STYLE, a style URL): its layers are inserted under the data, muted.
 * Any failure leaves the offline map as it is. Never used in tests (no network there).
 */
export async function loadBasemap(map: MapLibreMap, styleUrl: string): Promise<void> {
  try {
    const response = await fetch(styleUrl);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const style = (await response.json()) as { sources?: Record<string, unknown>; layers?: Array<{ id: string; type: string; [key: string]: unknown }> };
    const firstDataLayer = map.getStyle().layers[1]?.id;
    for (const [id, source] of Object.entries(style.sources ?? {})) {
      if (!map.getSource(`basemap-${id}`)) map.addSource(`basemap-${id}`, source as Parameters<MapLibreMap['addSource']>[1]);
    }
    for (const layer of style.layers ?? []) {
      // Labels of the basemap would need its own glyphs and compete with ours: left out.
      if (layer.type === 'symbol') continue;
      const copy = { ...layer, id: `basemap-${layer.id}`, ...(typeof layer.source === 'string' ? { source: `basemap-${layer.source}` } : {}) };
      map.addLayer(copy as Parameters<MapLibreMap['addLayer']>[0], firstDataLayer);
      for (const [property, value] of basemapMutePaint(layer)) map.setPaintProperty(copy.id, property as Parameters<MapLibreMap['setPaintProperty']>[1], value);
    }
  } catch (error) {
    console.warn(`The basemap ${styleUrl} could not be loaded; the map stays offline.`, error);
  }
}
