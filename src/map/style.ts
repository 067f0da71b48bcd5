import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { explorePaint, exploreSources, withExploreLayers, type ExploreView } from './exploreLayers';
import { dataLayers, emptySources } from './layers';
import { MAP_COLOURS } from './palette';

/**
 * The complete offline style: a quiet paper background, the data sources (empty until loaded, or fetched from
 * `sourceUrls` by source id: the first paint) and the data layers. No tiles, no sprite, no remote anything: glyphs come from the app's own origin.
 */
export function createOfflineStyle(glyphs: string, sourceUrls: Readonly<Record<string, string>> = {}): StyleSpecification {
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLOURS.background } }, ...withExploreLayers(dataLayers())];
  // The paint the map screen sets before any need is coloured, in the style from the start: MapLibre re-tiles a
  // layer's source whenever a data-driven paint value changes, so setting it later tiled the streets once more
  // before the first coloured map (issue #16). Setting these same values again is a no-op.
  const byId = new Map(layers.map((layer) => [layer.id, layer]));
  for (const [id, property, value] of explorePaint(PLAIN_TOWN_VIEW)) {
    const layer = byId.get(id);
    if (layer && 'paint' in layer) (layer.paint as Record<string, unknown>)[property] = value;
  }
  return { version: 8, name: 'CAL Map offline', glyphs, sources: { ...emptySources(sourceUrls), ...exploreSources() }, layers };
}

/** The explore view of the plain town map: no wave chosen yet, nothing coloured (exploreView of the default settings). */
const PLAIN_TOWN_VIEW: ExploreView = { active: false, unit: 'street', colourMode: 'need', gaps: false, help: false, clusters: false, heatmap: false };

/**
 * Paint changes that mute one layer of an online basemap (VITE_BASEMAP_STYLE) so it stays under the data:
 * lower opacity, and less saturation for imagery. Only used when a basemap style URL is configured; never in tests.
 */
export function basemapMutePaint(layer: { id: string; type: string }): Array<[property: string, value: number]> {
  switch (layer.type) {
    case 'raster':
      return [['raster-opacity', 0.45], ['raster-saturation', -0.7]];
    case 'fill':
      return [['fill-opacity', 0.35]];
    case 'line':
      return [['line-opacity', 0.35]];
    case 'background':
      return [['background-opacity', 0.6]];
    default:
      return [];
  }
}
