import type { Map as MapLibreMap } from 'maplibre-gl';

/** What the e2e tests read: the need map now drawn (a copy; changing it changes nothing). */
export interface ExploreSnapshot {
  unitKind: string;
  layerKey: string;
  campaignId: string;
  unitIds: string[];
  labels: string[];
  values: number[];
  classes: number[];
  responses: number[];
  households: number[];
  centers: number[];
  breaks: number[];
  /** Gi_Bin after FDR per unit when hot spots are shown for this layer, else null. */
  giBin: number[] | null;
  /** LISA class per unit (0 n.s., 1 HH, 2 LL, 3 LH, 4 HL, 6 isolated, 255 suppressed) when LISA colours the map, else null. */
  lisa: number[] | null;
  clusterIds: string[];
  /** performance.now() of the input behind this need map, and of the first frame drawn with it. */
  requestedAt: number;
  recolouredAt: number;
}


declare global {
  interface Window {
    /** For end-to-end tests: the map instance, whether it has drawn the loaded data, and the need map drawn. */
    __calmap?: { map: MapLibreMap; ready: boolean; explore?: ExploreSnapshot };
  }
}

/** Marks whether the map shows the loaded data: `window.__calmap.ready` and `<body data-map-ready>`. */
export function markMapReady(map: MapLibreMap, ready: boolean): void {
  if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmap = { ...window.__calmap, map, ready };
  if (ready) performance.mark('calmap:map-drawn');
  document.body.dataset.mapReady = String(ready);
}

/**
 * Marks the first frame drawn with need-map colours (the explore map's units filled by their class):
 * `<body data-need-map-drawn="true">` and the `calmap:explore-recoloured` performance mark, once per recolour.
 * The first-paint bench (bench/firstPaint.bench.ts) waits for it, as e2e tests wait for `data-map-ready`.
 */
export function markNeedMapDrawn(): void {
  performance.mark('calmap:explore-recoloured');
  document.body.dataset.needMapDrawn = 'true';
}

/**
 * Marks the first paint: the town's geometry drawn from the build's files (MapView `firstPaint`), before the
 * workspace is loaded — `<body data-map-painted="true">` and the `calmap:map-painted` performance mark.
 */
export function markMapPainted(): void {
  performance.mark('calmap:map-painted');
  document.body.dataset.mapPainted = 'true';
}
