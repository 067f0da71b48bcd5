import type { MapUnitKind } from '../domain/units';
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { constantOverState } from './featureStatePaint';
import { FONT_BOLD } from './fonts';
import { SOURCE_IDS, type FeatureKind } from './layers';
import { classColours, EXPLORE_COLOURS as E, GI_BIN_COLOURS, HATCH_IMAGE_ID, LISA_COLOURS } from './explorePalette';
import { MAP_COLOURS as C } from './palette';

/**
 * The explore map's sources and layers (issue 5): need classes, Gi* hot spots, gaps, problem clusters and the
 * household heatmap. Values live in feature-state, set per feature by the UI; sources are replaced only when
 * geometry changes (hexagons once per hexagon size, cluster outlines when the clusters change).
 *
 * Feature-state keys:
 *   cls     need class 0–4 (YlOrRd), 255 suppressed / no data
 *   gi      Gi_Bin −3…3, 99 not computed (suppressed)
 *   lisa    LISA class (GeoDa's codes): 0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 6 no neighbours, 255 not computed
 *   gap     true where no resource serving the selected need is within reach
 *   serves  resources: true when the resource serves the selected need
 */

export const EXPLORE_SOURCE_IDS = { hexes: 'explore-hex', clusters: 'explore-clusters' } as const;

/** Unit kinds the explore map colours (care regions are left to the report). */
/** `offers`: the residents' resources map, the need classes in green. */
export type ExploreColourMode = 'need' | 'offers' | 'hotSpots' | 'lisa';

/** Class value for "suppressed or no data" in feature-state `cls`, and Gi bin value for "not computed". */
export const SUPPRESSED_CLASS = 255;
export const GI_NOT_COMPUTED = 99;
/** LISA class for "not computed (suppressed)" in feature-state `lisa`. */
export const LISA_NOT_COMPUTED_CLASS = 255;

/** What the map shows now: the inputs of the visibility and paint builders below. */
export interface ExploreView {
  /** False: the plain town map (no need colours). */
  active: boolean;
  unit: MapUnitKind;
  colourMode: ExploreColourMode;
  gaps: boolean;
  /** Matching view: outline the units where residents offer matching help (feature-state `help`). */
  help: boolean;
  clusters: boolean;
  heatmap: boolean;
}

/** Layers of the explore map that answer hover and click (added to the base INTERACTIVE_LAYERS). */
export const EXPLORE_INTERACTIVE_LAYERS: ReadonlyArray<{ layerId: string; kind: FeatureKind }> = [
  { layerId: 'explore-cluster-line', kind: 'cluster' },
  { layerId: 'explore-hex-fill', kind: 'hex' },
  { layerId: 'explore-district-fill', kind: 'district' },
];

export const EXPLORE_SOURCE_OF_KIND = { hex: EXPLORE_SOURCE_IDS.hexes, cluster: EXPLORE_SOURCE_IDS.clusters, district: SOURCE_IDS.districts } as const;

export function exploreSources(): Record<string, SourceSpecification> {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return {
    [EXPLORE_SOURCE_IDS.hexes]: { type: 'geojson', data: empty, promoteId: 'id' },
    [EXPLORE_SOURCE_IDS.clusters]: { type: 'geojson', data: empty, promoteId: 'id' },
  };
}

const num = (key: string, missing: number): ExpressionSpecification => ['to-number', ['coalesce', ['feature-state', key], missing]];
const flag = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

/** Fill opacity of an uncertain unit (95 % interval wider than 30 points; NeedMapResult.uncertain). */
export const UNCERTAIN_FILL_OPACITY = 0.4;

/** Colour of a unit by feature-state: YlOrRd class (Greens for offers), Gi_Bin or LISA class; grey where suppressed. */
export function unitColourExpression(mode: ExploreColourMode): ExpressionSpecification {
  if (mode === 'lisa') {
    const L = LISA_COLOURS;
    return ['match', num('lisa', LISA_NOT_COMPUTED_CLASS), 0, L.notSignificant, 1, L.highHigh, 2, L.lowLow, 3, L.lowHigh, 4, L.highLow, 6, L.notSignificant, E.suppressed];
  }
  if (mode === 'hotSpots') {
    return ['match', num('gi', GI_NOT_COMPUTED), -3, GI_BIN_COLOURS[0], -2, GI_BIN_COLOURS[1], -1, GI_BIN_COLOURS[2], 0, GI_BIN_COLOURS[3], 1, GI_BIN_COLOURS[4], 2, GI_BIN_COLOURS[5], 3, GI_BIN_COLOURS[6], E.suppressed];
  }
  const colours = classColours(mode === 'offers' ? 'resources' : 'needs');
  return ['match', num('cls', SUPPRESSED_CLASS), ...colours.flatMap((c, i) => [i, c]), E.suppressed] as ExpressionSpecification;
}

/** 1 where the unit is suppressed (the hatch shows), 0 elsewhere. */
export function hatchOpacityExpression(mode: ExploreColourMode): ExpressionSpecification {
  if (mode === 'lisa') return ['case', ['==', num('lisa', LISA_NOT_COMPUTED_CLASS), LISA_NOT_COMPUTED_CLASS], 1, 0];
  return mode === 'hotSpots' ? ['case', ['==', num('gi', GI_NOT_COMPUTED), GI_NOT_COMPUTED], 1, 0] : ['case', ['>=', num('cls', SUPPRESSED_CLASS), 5], 1, 0];
}

const selectedOrHover = (selected: number, hover: number, otherwise: number): ExpressionSpecification => ['case', flag('selected'), selected, flag('hover'), hover, otherwise];

/** Explore layers and the base layer each is inserted before (bottom to top within one anchor). */
export function exploreLayers(): Array<{ before: string; layer: LayerSpecification }> {
  const fill = (id: string, source: string): LayerSpecification => ({
    id,
    type: 'fill',
    source,
    layout: { visibility: 'none' },
    // Value-by-alpha: a value resting on a wide interval (feature-state `uncertain`, set with `cls`) is drawn lighter.
    // A feature-state expression from the start, so it is never switched from a constant (see constantOverState).
    paint: { 'fill-color': unitColourExpression('need'), 'fill-opacity': ['case', flag('uncertain'), UNCERTAIN_FILL_OPACITY, 0.88] },
  });
  const hatch = (id: string, source: string): LayerSpecification => ({
    id,
    type: 'fill',
    source,
    layout: { visibility: 'none' },
    paint: { 'fill-pattern': HATCH_IMAGE_ID, 'fill-opacity': hatchOpacityExpression('need') },
  });
  const gap = (id: string, source: string): LayerSpecification => ({
    id,
    type: 'line',
    source,
    layout: { visibility: 'none', 'line-join': 'round' },
    paint: { 'line-color': E.gap, 'line-width': 3, 'line-offset': 1.5, 'line-opacity': ['case', flag('gap'), 1, 0] },
  });
  // Residents' help is an aggregate of a unit with ≥ k answers (src/analysis/needOfferMatching.ts): the unit is
  // outlined, never a household drawn.
  const help = (id: string, source: string): LayerSpecification => ({
    id,
    type: 'line',
    source,
    layout: { visibility: 'none', 'line-join': 'round' },
    paint: { 'line-color': E.help, 'line-width': 2.5, 'line-offset': -3, 'line-dasharray': [2, 1.5], 'line-opacity': ['case', flag('help'), 1, 0] },
  });
  return [
    { before: 'estates-line', layer: fill('explore-district-fill', SOURCE_IDS.districts) },
    { before: 'estates-line', layer: hatch('explore-district-hatch', SOURCE_IDS.districts) },
    { before: 'estates-line', layer: fill('explore-estate-fill', SOURCE_IDS.estates) },
    { before: 'estates-line', layer: hatch('explore-estate-hatch', SOURCE_IDS.estates) },
    { before: 'estates-line', layer: fill('explore-hex-fill', EXPLORE_SOURCE_IDS.hexes) },
    { before: 'estates-line', layer: hatch('explore-hex-hatch', EXPLORE_SOURCE_IDS.hexes) },
    {
      before: 'estates-line',
      layer: {
        id: 'explore-hex-line',
        type: 'line',
        source: EXPLORE_SOURCE_IDS.hexes,
        layout: { visibility: 'none' },
        paint: { 'line-color': ['case', flag('selected'), C.selected, flag('hover'), C.hover, E.hexOutline], 'line-width': selectedOrHover(3.5, 2.5, 0.6) },
      },
    },
    {
      before: 'streets-highlight',
      layer: {
        id: 'explore-heatmap',
        type: 'heatmap',
        source: SOURCE_IDS.addresses,
        layout: { visibility: 'none' },
        paint: {
          'heatmap-weight': ['interpolate', ['linear'], ['get', 'households'], 0, 0, 40, 1],
          'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 16, 2],
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 8, 14, 18, 17, 40],
          'heatmap-opacity': 0.75,
          // viridis: a different (sequential) scale from the need classes, so the two are never confused.
          'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(68,1,84,0)', 0.15, '#3b528b', 0.4, '#21918c', 0.7, '#5ec962', 1, '#fde725'],
        },
      },
    },
    {
      before: 'addresses-circle',
      layer: {
        id: 'explore-street-hatch',
        type: 'line',
        source: SOURCE_IDS.streets,
        // Dots, not dashes: dashed grey streets read as district borders (which are dashed), issue 13.
        layout: { visibility: 'none', 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': E.suppressedLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.6, 14, 2.5, 16, 3.5, 18, 5],
          'line-dasharray': [0, 2],
          'line-opacity': hatchOpacityExpression('need'),
        },
      },
    },
    {
      before: 'addresses-circle',
      layer: {
        id: 'explore-district-outline',
        type: 'line',
        source: SOURCE_IDS.districts,
        layout: { visibility: 'none', 'line-join': 'round' },
        paint: { 'line-color': ['case', flag('selected'), C.selected, C.hover], 'line-width': selectedOrHover(4, 3, 0), 'line-opacity': selectedOrHover(1, 0.9, 0) },
      },
    },
    { before: 'addresses-circle', layer: gap('explore-district-gap', SOURCE_IDS.districts) },
    { before: 'addresses-circle', layer: gap('explore-estate-gap', SOURCE_IDS.estates) },
    { before: 'addresses-circle', layer: gap('explore-hex-gap', EXPLORE_SOURCE_IDS.hexes) },
    { before: 'addresses-circle', layer: help('explore-district-help', SOURCE_IDS.districts) },
    { before: 'addresses-circle', layer: help('explore-estate-help', SOURCE_IDS.estates) },
    { before: 'addresses-circle', layer: help('explore-hex-help', EXPLORE_SOURCE_IDS.hexes) },
    {
      before: 'addresses-circle',
      layer: {
        id: 'explore-cluster-halo',
        type: 'line',
        source: EXPLORE_SOURCE_IDS.clusters,
        layout: { visibility: 'none', 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': selectedOrHover(8, 7, 6), 'line-opacity': 0.9 },
      },
    },
    {
      before: 'addresses-circle',
      layer: {
        id: 'explore-cluster-line',
        type: 'line',
        source: EXPLORE_SOURCE_IDS.clusters,
        layout: { visibility: 'none', 'line-join': 'round' },
        paint: { 'line-color': ['case', flag('selected'), C.selected, flag('hover'), C.hover, E.cluster], 'line-width': selectedOrHover(4, 3.5, 3), 'line-dasharray': [2, 1] },
      },
    },
    {
      before: 'resources-highlight',
      layer: {
        id: 'explore-resource-serves',
        type: 'circle',
        source: SOURCE_IDS.resources,
        layout: { visibility: 'none' },
        paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-width': 3, 'circle-stroke-color': E.serves, 'circle-stroke-opacity': ['case', flag('serves'), 1, 0] },
      },
    },
    {
      before: 'streets-label',
      layer: {
        id: 'explore-cluster-label',
        type: 'symbol',
        source: EXPLORE_SOURCE_IDS.clusters,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { visibility: 'none', 'text-field': ['get', 'label'], 'text-font': FONT_BOLD, 'text-size': 12.5, 'text-max-width': 10, 'text-allow-overlap': false },
        paint: { 'text-color': E.cluster, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      },
    },
  ];
}

/** `layers` with the explore layers inserted before their anchors (an anchor that is missing: appended on top). */
export function withExploreLayers(layers: LayerSpecification[]): LayerSpecification[] {
  const result = [...layers];
  for (const { before, layer } of exploreLayers()) {
    const at = result.findIndex((l) => l.id === before);
    if (at < 0) result.push(layer);
    else result.splice(at, 0, layer);
  }
  return result;
}

const FILL_LAYERS_OF_UNIT: Readonly<Record<MapUnitKind, readonly string[]>> = {
  street: ['explore-street-hatch'],
  estate: ['explore-estate-fill', 'explore-estate-hatch'],
  district: ['explore-district-fill', 'explore-district-hatch', 'explore-district-outline'],
  hex: ['explore-hex-fill', 'explore-hex-hatch', 'explore-hex-line'],
};
const GAP_LAYER_OF_UNIT: Readonly<Record<MapUnitKind, string | null>> = { street: null, estate: 'explore-estate-gap', district: 'explore-district-gap', hex: 'explore-hex-gap' };
const HELP_LAYER_OF_UNIT: Readonly<Record<MapUnitKind, string | null>> = { street: null, estate: 'explore-estate-help', district: 'explore-district-help', hex: 'explore-hex-help' };

/** Every explore layer id, for the visibility switch. */
export const EXPLORE_LAYER_IDS: readonly string[] = exploreLayers().map((l) => l.layer.id);

/**
 * Which explore layers are visible for a view: the fills of the chosen unit only (the map answers one question
 * at a time), gaps, cluster outlines and the heatmap when switched on. `heatmapAllowed` is the audience rule
 * (planners only, never partners).
 */
export function exploreLayerVisibility(view: ExploreView, heatmapAllowed: boolean): Record<string, boolean> {
  const visible: Record<string, boolean> = Object.fromEntries(EXPLORE_LAYER_IDS.map((id) => [id, false]));
  if (view.active) {
    for (const id of FILL_LAYERS_OF_UNIT[view.unit]) visible[id] = true;
    const gapLayer = GAP_LAYER_OF_UNIT[view.unit];
    if (view.gaps && gapLayer) visible[gapLayer] = true;
    if (view.gaps) visible['explore-resource-serves'] = true;
    const helpLayer = HELP_LAYER_OF_UNIT[view.unit];
    if (view.help && helpLayer) visible[helpLayer] = true;
    if (view.clusters) for (const id of ['explore-cluster-halo', 'explore-cluster-line', 'explore-cluster-label']) visible[id] = true;
  }
  if (view.heatmap && heatmapAllowed) visible['explore-heatmap'] = true;
  return visible;
}

/**
 * Paint properties the explore view sets on the explore layers and on base layers (streets coloured by need,
 * street casings purple where a gap is), as [layerId, property, value] for map.setPaintProperty.
 * Changes only with the unit, the colour mode or the gap switch: values themselves travel in feature-state.
 * A property that is a feature-state expression in one view is one in every view (MapLibre cannot switch a
 * state-dependent paint property to a constant while tiles are being rebuilt: see constantOverState).
 */
export function explorePaint(view: ExploreView): Array<[layerId: string, property: string, value: unknown]> {
  const colour = unitColourExpression(view.colourMode);
  const hatchOpacity = hatchOpacityExpression(view.colourMode);
  const streetsColoured = view.active && view.unit === 'street';
  const paint: Array<[string, string, unknown]> = [];
  for (const id of ['explore-district-fill', 'explore-estate-fill', 'explore-hex-fill']) paint.push([id, 'fill-color', colour]);
  // Lighter for uncertain values on the need map only (a hot-spot class is already a tested statement); kept a
  // feature-state expression in both modes, never a constant.
  const fillOpacity: ExpressionSpecification = ['case', flag('uncertain'), view.colourMode === 'need' || view.colourMode === 'offers' ? UNCERTAIN_FILL_OPACITY : 0.88, 0.88];
  for (const id of ['explore-district-fill', 'explore-estate-fill', 'explore-hex-fill']) paint.push([id, 'fill-opacity', fillOpacity]);
  for (const id of ['explore-district-hatch', 'explore-estate-hatch', 'explore-hex-hatch']) paint.push([id, 'fill-opacity', hatchOpacity]);
  paint.push(['explore-street-hatch', 'line-opacity', hatchOpacity]);
  // Once state-dependent, always state-dependent: never switched back to a constant (see constantOverState).
  paint.push(['streets-line', 'line-color', streetsColoured ? colour : constantOverState(C.street)]);
  paint.push(['streets-casing', 'line-color', streetsColoured && view.gaps ? ['case', flag('gap'), E.gap, C.streetCasing] : constantOverState(C.streetCasing)]);
  // With hexagons or areas coloured, streets step back: thinner, so the fills read.
  const thin = view.active && view.unit !== 'street';
  paint.push(['streets-line', 'line-width', thin ? ['interpolate', ['linear'], ['zoom'], 12, 0.8, 14, 2, 16, 5, 18, 12] : ['interpolate', ['linear'], ['zoom'], 12, 1.2, 14, 4, 16, 8, 18, 17]]);
  paint.push(['streets-casing', 'line-width', thin ? ['interpolate', ['linear'], ['zoom'], 12, 0, 14, 3, 16, 7, 18, 15] : ['interpolate', ['linear'], ['zoom'], 12, 2.5, 14, 6, 16, 10, 18, 20]]);
  return paint;
}

export interface HexLayerLike { unitIds: readonly string[]; hexCorners?: Float64Array }

/** Hexagon polygons from a hex layer's corners (6 × [lng, lat] per unit, ring closed here). O(units). */
export function hexFeatures(layer: HexLayerLike): FeatureCollection<Polygon, { id: string }> {
  const corners = layer.hexCorners;
  const features: Array<Feature<Polygon, { id: string }>> = [];
  if (corners) {
    layer.unitIds.forEach((id, u) => {
      const ring: number[][] = [];
      for (let k = 0; k < 6; k++) ring.push([corners[u * 12 + k * 2]!, corners[u * 12 + k * 2 + 1]!]);
      ring.push([ring[0]![0]!, ring[0]![1]!]);
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id } });
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface ClusterLike { id: string; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }; center: [number, number] }

/**
 * Cluster outlines and their label points ("Skupisko 1"…), ids `cluster.id` (points: `<id>:label`, not selectable).
 */
export function clusterFeatures(clusters: readonly ClusterLike[], label: (index: number) => string): FeatureCollection<Polygon | MultiPolygon | Point, { id: string; label: string }> {
  const features: Array<Feature<Polygon | MultiPolygon | Point, { id: string; label: string }>> = [];
  clusters.forEach((c, i) => {
    features.push({ type: 'Feature', geometry: c.geometry as Polygon | MultiPolygon, properties: { id: c.id, label: label(i) } });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c.center }, properties: { id: `${c.id}:label`, label: label(i) } });
  });
  return { type: 'FeatureCollection', features };
}
