import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { MAP_COLOURS as C } from './palette';

/** What the planner can switch on and off, in the order of the "Layers" panel. */
export const LAYER_GROUPS = ['districts', 'estates', 'streets', 'addresses', 'resources'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** Kinds of things that can be hovered and selected on the map. */
export type FeatureKind = 'estate' | 'street' | 'address' | 'resource' | 'district' | 'hex' | 'cluster';

export const SOURCE_IDS = {
  districts: 'districts',
  estates: 'estates',
  /** Care regions and custom areas (a town outline, the whole-town area of a wave): outlined, never filled. */
  outlines: 'area-outlines',
  areaLabels: 'area-labels',
  streets: 'streets',
  addresses: 'addresses',
  resources: 'resources',
} as const;

/** The source that holds each selectable kind (feature-state is set on it by feature id). */
export const SOURCE_OF_KIND: Readonly<Record<FeatureKind, string>> = {
  estate: SOURCE_IDS.estates,
  street: SOURCE_IDS.streets,
  address: SOURCE_IDS.addresses,
  resource: SOURCE_IDS.resources,
  district: SOURCE_IDS.districts,
  // The explore map's own sources (exploreLayers.ts).
  hex: 'explore-hex',
  cluster: 'explore-clusters',
};

/** Layers that answer hover and click, top-most first (a click picks the first hit in this order). */
export const INTERACTIVE_LAYERS: ReadonlyArray<{ layerId: string; kind: FeatureKind }> = [
  { layerId: 'resources-symbol', kind: 'resource' },
  { layerId: 'addresses-circle', kind: 'address' },
  { layerId: 'streets-line', kind: 'street' },
  { layerId: 'streets-casing', kind: 'street' },
  { layerId: 'estates-fill', kind: 'estate' },
];

/** The layers each group switches. */
export const LAYERS_OF_GROUP: Readonly<Record<LayerGroup, readonly string[]>> = {
  districts: ['districts-line', 'districts-label', 'outlines-line', 'outlines-dotted', 'outlines-label'],
  estates: ['estates-fill', 'estates-line', 'estates-label'],
  streets: ['streets-highlight', 'streets-casing', 'streets-line', 'streets-label'],
  addresses: ['addresses-circle'],
  resources: ['resources-highlight', 'resources-symbol'],
};

/** Address points appear from this zoom on: below it 8,000 dots would only be noise. */
export const ADDRESS_MIN_ZOOM = 14.5;

const state = (name: 'hover' | 'selected'): ExpressionSpecification => ['boolean', ['feature-state', name], false];

/**
 * GeoJSON sources, empty until data arrives, or fetched from a URL given by source id (the build's first-paint files,
 * which MapLibre's worker fetches and tiles); `promoteId: 'id'` makes record ids the feature ids for feature-state.
 */
export function emptySources(urls: Readonly<Record<string, string>> = {}): Record<string, SourceSpecification> {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return Object.fromEntries(Object.values(SOURCE_IDS).map((id) => [id, { type: 'geojson', data: urls[id] ?? empty, promoteId: 'id' } satisfies SourceSpecification]));
}

/**
 * The data layers, bottom to top. Hover and selection are drawn through feature-state (never by replacing
 * source data); street widths grow with zoom (UX.md: 4–8 px in the town view) and have a casing.
 */
export function dataLayers(): LayerSpecification[] {
  const labelHalo = { 'text-halo-color': C.labelHalo, 'text-halo-width': 1.6, 'text-halo-blur': 0.3 };
  return [
    {
      id: 'estates-fill',
      type: 'fill',
      source: SOURCE_IDS.estates,
      paint: {
        'fill-color': ['case', state('selected'), C.estateFillHover, state('hover'), C.estateFillHover, C.estateFill],
        'fill-opacity': 0.95,
      },
    },
    {
      id: 'estates-line',
      type: 'line',
      source: SOURCE_IDS.estates,
      paint: {
        'line-color': ['case', state('selected'), C.selected, state('hover'), C.hover, C.estateLine],
        'line-width': ['case', state('selected'), 3, state('hover'), 2, 1],
      },
    },
    {
      id: 'districts-line',
      type: 'line',
      source: SOURCE_IDS.districts,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.districtLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 16, 2.5], 'line-dasharray': [4, 2.5], 'line-opacity': 0.8 },
    },
    {
      // The town outline and other custom areas: a thin solid line (a boundary, not a unit).
      id: 'outlines-line',
      type: 'line',
      source: SOURCE_IDS.outlines,
      filter: ['!=', ['get', 'kind'], 'care_region'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.districtLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1, 16, 2], 'line-opacity': 0.75 },
    },
    {
      // Care regions of social workers: dotted.
      id: 'outlines-dotted',
      type: 'line',
      source: SOURCE_IDS.outlines,
      filter: ['==', ['get', 'kind'], 'care_region'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': C.districtLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 2.5], 'line-dasharray': [0.5, 2.5], 'line-opacity': 0.85 },
    },
    {
      id: 'streets-highlight',
      type: 'line',
      source: SOURCE_IDS.streets,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': ['case', state('selected'), C.selected, C.hover],
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 6, 14, 10, 16, 16, 18, 26],
        'line-opacity': ['case', state('selected'), 1, state('hover'), 0.85, 0],
      },
    },
    {
      id: 'streets-casing',
      type: 'line',
      source: SOURCE_IDS.streets,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': C.streetCasing, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 14, 6, 16, 10, 18, 20] },
    },
    {
      id: 'streets-line',
      type: 'line',
      source: SOURCE_IDS.streets,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': C.street, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.2, 14, 4, 16, 8, 18, 17] },
    },
    {
      id: 'addresses-circle',
      type: 'circle',
      source: SOURCE_IDS.addresses,
      minzoom: ADDRESS_MIN_ZOOM,
      paint: {
        // Area grows with households: radius ∝ √households.
        'circle-radius': ['interpolate', ['linear'], ['zoom'], ADDRESS_MIN_ZOOM, ['+', 1.5, ['*', 0.35, ['sqrt', ['get', 'households']]]], 18, ['+', 3, ['*', 1.3, ['sqrt', ['get', 'households']]]]],
        'circle-color': ['case', state('selected'), C.selected, state('hover'), C.hover, C.address],
        'circle-stroke-color': C.addressStroke,
        'circle-stroke-width': ['case', state('selected'), 2.5, 1],
        'circle-opacity': 0.9,
      },
    },
    {
      id: 'resources-highlight',
      type: 'circle',
      source: SOURCE_IDS.resources,
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-width': 3,
        'circle-stroke-color': ['case', state('selected'), C.selected, C.hover],
        'circle-stroke-opacity': ['case', state('selected'), 1, state('hover'), 0.9, 0],
      },
    },
    {
      id: 'resources-symbol',
      type: 'symbol',
      source: SOURCE_IDS.resources,
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-size': ['interpolate', ['linear'], ['zoom'], 12, 0.8, 15, 1.1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        'text-field': ['step', ['zoom'], '', 14.5, ['get', 'name']],
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 9,
        'text-optional': true,
      },
      paint: { 'text-color': '#26241f', ...labelHalo },
    },
    {
      id: 'streets-label',
      type: 'symbol',
      source: SOURCE_IDS.streets,
      minzoom: 13.5,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'label'],
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 13.5, 10.5, 16, 13, 18, 15],
        'text-max-angle': 35,
        'symbol-spacing': 320,
        'text-padding': 4,
      },
      paint: { 'text-color': C.streetLabel, ...labelHalo },
    },
    {
      id: 'estates-label',
      type: 'symbol',
      source: SOURCE_IDS.areaLabels,
      filter: ['==', ['get', 'kind'], 'estate'],
      minzoom: 11,
      maxzoom: 17,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10.5, 13, 12, 15, 14],
        'text-max-width': 8,
        'text-padding': 6,
      },
      paint: { 'text-color': C.estateLabel, ...labelHalo },
    },
    {
      id: 'outlines-label',
      type: 'symbol',
      source: SOURCE_IDS.areaLabels,
      filter: ['==', ['get', 'kind'], 'care_region'],
      // Only close up: at the town view the estates' and districts' names come first.
      minzoom: 14,
      maxzoom: 17,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': 11, 'text-max-width': 9, 'text-offset': [0, 1.4] },
      paint: { 'text-color': C.districtLabel, ...labelHalo },
    },
    {
      id: 'districts-label',
      type: 'symbol',
      source: SOURCE_IDS.areaLabels,
      filter: ['==', ['get', 'kind'], 'district'],
      maxzoom: 14,
      layout: {
        'text-field': ['upcase', ['get', 'name']],
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 12, 13.5, 15],
        'text-letter-spacing': 0.12,
        'text-max-width': 10,
        'text-offset': [0, -1.8],
      },
      paint: { 'text-color': C.districtLabel, ...labelHalo, 'text-halo-width': 2 },
    },
  ];
}
