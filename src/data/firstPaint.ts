/**
 * The map sources drawn at first paint, by their key in MapData (src/map/mapData.ts): all but the addresses, which the
 * map shows only zoomed in (ADDRESS_MIN_ZOOM) and which are most of the town's bytes; they come with the workspace.
 */
export const FIRST_PAINT_SOURCES = ['districts', 'estates', 'outlines', 'areaLabels', 'streets', 'resources'] as const;
export type FirstPaintSource = (typeof FIRST_PAINT_SOURCES)[number];

/**
 * The town's map as the build made it (data/demoMapPlugin.ts, from the validated data/demo files): one GeoJSON file
 * per map source, which MapLibre fetches and tiles in its own worker — the main thread neither parses nor walks the
 * features — and the bounds to fit. Drawn before the workspace is loaded, validated and handed to the analysis worker.
 */
export interface FirstPaintMap {
  /** Absolute paths of the build's GeoJSON files (`/assets/demo-map-streets-1a2b3c4d.geojson`). */
  urls: Readonly<Record<FirstPaintSource, string>>;
  /** [west, south, east, north] of everything drawn. */
  bounds: [number, number, number, number];
}
