import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_BOLD } from './fonts';
import { MAP_COLOURS } from './palette';

/**
 * Layers of the "Programy" view's map: candidate target areas (estates, districts or problem clusters from the
 * ranking), the planner's current selection (feature-state `selected`, never a rebuilt source), and the saved
 * Local Activity Programmes as an outline with a label. Draws, never computes: the view hands in GeoJSON.
 */

export const PROGRAMME_SOURCE_IDS = { candidates: 'programme-candidates', programmes: 'programmes', programmeLabels: 'programme-labels', partners: 'programme-partners' } as const;

export const PROGRAMME_LAYER_IDS = {
  candidateFill: 'programme-candidates-fill',
  candidateLine: 'programme-candidates-line',
  programmeLine: 'programmes-line',
  programmeCasing: 'programmes-casing',
  programmeLabel: 'programmes-label',
  partnerCircle: 'programme-partners-circle',
  partnerLabel: 'programme-partners-label',
} as const;

/** Colour of saved programmes: a deep teal, apart from the selection blue and the need scale (YlOrRd). */
export const PROGRAMME_COLOUR = '#00695c';

/** Colour of a programme's partners (institutions from the inventory): the programme's teal, filled, white ring. */
export const PARTNER_COLOUR = PROGRAMME_COLOUR;

export function programmeSources(): Record<string, SourceSpecification> {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    [PROGRAMME_SOURCE_IDS.candidates]: { ...empty, promoteId: 'id' },
    [PROGRAMME_SOURCE_IDS.programmes]: { ...empty, promoteId: 'id' },
    [PROGRAMME_SOURCE_IDS.programmeLabels]: { ...empty, promoteId: 'id' },
    [PROGRAMME_SOURCE_IDS.partners]: { ...empty, promoteId: 'id' },
  };
}

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** Candidate fills (light, stronger when selected), their outlines, then programmes above them. */
export function programmeLayers(): LayerSpecification[] {
  return [
    {
      id: PROGRAMME_LAYER_IDS.candidateFill,
      type: 'fill',
      source: PROGRAMME_SOURCE_IDS.candidates,
      paint: { 'fill-color': MAP_COLOURS.selected, 'fill-opacity': ['case', selected, 0.28, ['boolean', ['feature-state', 'hover'], false], 0.14, 0.04] },
    },
    {
      id: PROGRAMME_LAYER_IDS.candidateLine,
      type: 'line',
      source: PROGRAMME_SOURCE_IDS.candidates,
      paint: { 'line-color': MAP_COLOURS.selected, 'line-width': ['case', selected, 3, 1], 'line-opacity': ['case', selected, 1, 0.5] },
    },
    {
      id: PROGRAMME_LAYER_IDS.programmeCasing,
      type: 'line',
      source: PROGRAMME_SOURCE_IDS.programmes,
      paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.8 },
    },
    {
      id: PROGRAMME_LAYER_IDS.programmeLine,
      type: 'line',
      source: PROGRAMME_SOURCE_IDS.programmes,
      paint: { 'line-color': PROGRAMME_COLOUR, 'line-width': ['case', selected, 4.5, 3], 'line-dasharray': [2, 1] },
    },
    {
      id: PROGRAMME_LAYER_IDS.programmeLabel,
      type: 'symbol',
      source: PROGRAMME_SOURCE_IDS.programmeLabels,
      // Programmes over one area share a label feature; its name holds one line per programme.
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': 13, 'text-max-width': 14, 'text-line-height': 1.25 },
      paint: { 'text-color': PROGRAMME_COLOUR, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    // The partners of the programme in view (points with a `name`): where the institutions that work with it are.
    {
      id: PROGRAMME_LAYER_IDS.partnerCircle,
      type: 'circle',
      source: PROGRAMME_SOURCE_IDS.partners,
      paint: { 'circle-radius': 7, 'circle-color': PARTNER_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    {
      id: PROGRAMME_LAYER_IDS.partnerLabel,
      type: 'symbol',
      source: PROGRAMME_SOURCE_IDS.partners,
      minzoom: 14,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': 11, 'text-max-width': 12, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': '#123d37', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}
