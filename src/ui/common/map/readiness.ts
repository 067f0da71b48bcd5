import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ExploreSnapshot } from '../../explore/useExploreMap';

declare global {
  interface Window {
    /** For end-to-end tests: the map instance, whether it has drawn the loaded data, and the need map drawn. */
    __calmap?: { map: MapLibreMap; ready: boolean; explore?: ExploreSnapshot };
  }
}

/** Marks whether the map shows the loaded data: `window.__calmap.ready` and `<body data-map-ready>`. */
export function markMapReady(map: MapLibreMap, ready: boolean): void {
  window.__calmap = { ...window.__calmap, map, ready };
  if (ready) performance.mark('calmap:map-drawn');
  document.body.dataset.mapReady = String(ready);
}
