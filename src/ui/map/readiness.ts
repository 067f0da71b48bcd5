import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** For end-to-end tests: the map instance and whether it has drawn the loaded data. */
    __calmap?: { map: MapLibreMap; ready: boolean };
  }
}

/** Marks whether the map shows the loaded data: `window.__calmap.ready` and `<body data-map-ready>`. */
export function markMapReady(map: MapLibreMap, ready: boolean): void {
  window.__calmap = { map, ready };
  if (ready) performance.mark('calmap:map-drawn');
  document.body.dataset.mapReady = String(ready);
}
