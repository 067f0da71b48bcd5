import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { exploreSources, withExploreLayers } from './exploreLayers';
import { dataLayers, emptySources } from './layers';
import { MAP_COLOURS } from './palette';

/**
 * The complete offline style: a quiet paper background, the data sources (empty until loaded) and the data
 * layers. No tiles, no sprite, no remote anything: glyphs come from the app's own origin.
 */
export function createOfflineStyle(glyphs: string): StyleSpecification {
  return {
    version: 8,
    name: 'CAL Map offline',
    glyphs,
    sources: { ...emptySources(), ...exploreSources() },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLOURS.background } }, ...withExploreLayers(dataLayers())],
  };
}

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
