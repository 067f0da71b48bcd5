import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { FONT_BOLD } from './fonts';
import { MAP_COLOURS as C } from './palette';

/**
 * The map of the areas editor (import screen, "Obszary na mapie"): every area of the workspace as a light fill by kind
 * with an outline and its name; the chosen one outlined in the selection colour (feature-state, never a new source).
 */
export const AREA_EDIT_SOURCE = 'edit-areas';
export const AREA_EDIT_LABEL_SOURCE = 'edit-area-labels';
export const AREA_EDIT_FILL_LAYER = 'edit-areas-fill';

const selected = ['boolean', ['feature-state', 'selected'], false];

export const areaEditSources = (): Record<string, SourceSpecification> => ({
  [AREA_EDIT_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
  [AREA_EDIT_LABEL_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
});

/** Fill colour by area kind: estates green-grey as on the town map, districts and the rest paler. */
const FILL_BY_KIND = ['match', ['get', 'kind'], 'estate', C.estateFill, 'district', '#ece8df', 'care_region', '#e6e9f0', '#f1efe9'];

export function areaEditLayers(): LayerSpecification[] {
  return [
    { id: AREA_EDIT_FILL_LAYER, type: 'fill', source: AREA_EDIT_SOURCE, paint: { 'fill-color': FILL_BY_KIND as never, 'fill-opacity': 0.7 } },
    {
      id: 'edit-areas-line',
      type: 'line',
      source: AREA_EDIT_SOURCE,
      paint: { 'line-color': ['case', selected, C.selected, C.estateLine] as never, 'line-width': ['case', selected, 3.5, 1.2] as never },
    },
    {
      id: 'edit-areas-label',
      type: 'symbol',
      source: AREA_EDIT_LABEL_SOURCE,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': 12, 'text-max-width': 9 },
      paint: { 'text-color': C.estateLabel, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.6 },
    },
  ];
}
