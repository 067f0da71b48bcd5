import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { EXPLORE_COLOURS, NEED_CLASS_COLOURS } from './explorePalette';

/**
 * The need (or index) of the planner's view as a quiet underlay for maps other than the explore map ("Programy"):
 * units coloured by their class on the explore map's scale (YlOrRd, explorePalette.ts), suppressed units grey.
 * Areas and hexagons as fills, streets as lines. Draws the class each feature carries (`needClass`: 0–4, 255 =
 * too few answers); the classes come from the worker's need map, never from here.
 */
export const NEED_CLASS_SOURCE_ID = 'need-classes';
export const NEED_CLASS_LAYER_IDS = { fill: 'need-classes-fill', line: 'need-classes-line' } as const;
export const NO_NEED_CLASS = 255;

const colour: ExpressionSpecification = [
  'match',
  ['get', 'needClass'],
  ...NEED_CLASS_COLOURS.flatMap((c, i) => [i, c]),
  EXPLORE_COLOURS.suppressed,
] as unknown as ExpressionSpecification;

export function needClassSource(): SourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
}

export function needClassLayers(): LayerSpecification[] {
  return [
    { id: NEED_CLASS_LAYER_IDS.fill, type: 'fill', source: NEED_CLASS_SOURCE_ID, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.7 } },
    {
      id: NEED_CLASS_LAYER_IDS.line,
      type: 'line',
      source: NEED_CLASS_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': colour, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 16, 7] },
    },
  ];
}
