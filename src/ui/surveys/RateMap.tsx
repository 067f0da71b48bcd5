import { setLayerVisible } from '../../map/visibility';
import type { ExpressionSpecification, GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Area, Street } from '../../domain';
import type { UnitKind } from '../../domain/analysisRequest';
import { constantOverState } from '../../map/featureStatePaint';
import { FONT_BOLD } from '../../map/fonts';
import { MAP_COLOURS } from '../../map/palette';
import { useT } from '../i18n/useT';
import { boundsOf, markViewMapDrawn, useViewMap } from '../common/map/viewMap';
import { NO_RATE_CLASS, type ResponseRateRow } from '../common/responseRateRows';

/** ColorBrewer YlGnBu, 5 classes (colour-blind safe, sequential): more answers, darker blue. */
export const RATE_CLASS_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Units with no households: neutral grey, never a colour that reads as "low" (UX.md). */
export const NO_RATE_COLOUR = '#bdbdbd';

interface RateMapProps {
  unit: UnitKind;
  rows: readonly ResponseRateRow[];
  /** Streets only: the Street record ids merged into each unit, in the rows' unit order (ExploreLayer.streetIds). */
  streetIdsOfUnit: readonly (readonly string[])[] | undefined;
  streets: readonly Street[];
  areas: readonly Area[];
  selectedUnitId: string | null;
  onSelect: (unitId: string | null) => void;
  describe: (row: ResponseRateRow) => string;
}

const STREETS = 'rate-streets';
const AREAS = 'rate-areas';
export const RATE_LAYERS = { street: 'rate-streets-line', area: 'rate-areas-fill' } as const;

const classColour: ExpressionSpecification = [
  'match',
  ['to-number', ['coalesce', ['feature-state', 'rateClass'], NO_RATE_CLASS]],
  0, RATE_CLASS_COLOURS[0], 1, RATE_CLASS_COLOURS[1], 2, RATE_CLASS_COLOURS[2], 3, RATE_CLASS_COLOURS[3], 4, RATE_CLASS_COLOURS[4],
  NO_RATE_COLOUR,
];
const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * The response-rate map of the survey view: estates (or districts) filled, or streets drawn thick with a casing,
 * by the class of each unit's rate. Geometry is set once per workspace; a new wave or unit only changes
 * feature-state (STYLE.md: colours through feature-state, sources replaced only when geometry changes).
 */
export function RateMap({ unit, rows, streetIdsOfUnit, streets, areas, selectedUnitId, onSelect, describe }: RateMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const map = useViewMap(containerRef, 'campaigns');
  const [hover, setHover] = useState<{ text: string; x: number; y: number } | null>(null);
  const areaKind = unit === 'street' ? 'estate' : unit;

  // Feature ids per unit id: a street unit is several Street records; an area is itself.
  const featuresOfUnit = useMemo(() => {
    const m = new Map<string, readonly string[]>();
    rows.forEach((row, u) => m.set(row.unitId, unit === 'street' ? (streetIdsOfUnit?.[u] ?? [row.unitId]) : [row.unitId]));
    return m;
  }, [rows, unit, streetIdsOfUnit]);
  const unitOfFeature = useMemo(() => {
    const m = new Map<string, ResponseRateRow>();
    for (const row of rows) for (const id of featuresOfUnit.get(row.unitId) ?? []) m.set(id, row);
    return m;
  }, [rows, featuresOfUnit]);
  const callbacks = useRef({ onSelect, describe, unitOfFeature });
  useEffect(() => {
    callbacks.current = { onSelect, describe, unitOfFeature };
  }, [onSelect, describe, unitOfFeature]);

  // Layers and pointer handling, once per map.
  useEffect(() => {
    if (!map) return;
    const empty = { type: 'FeatureCollection' as const, features: [] };
    map.addSource(AREAS, { type: 'geojson', data: empty, promoteId: 'id' });
    map.addSource(STREETS, { type: 'geojson', data: empty, promoteId: 'id' });
    map.addLayer({ id: RATE_LAYERS.area, type: 'fill', source: AREAS, paint: { 'fill-color': MAP_COLOURS.estateFill, 'fill-opacity': 0.9 } });
    map.addLayer({
      id: 'rate-areas-line',
      type: 'line',
      source: AREAS,
      paint: { 'line-color': ['case', isSelected, MAP_COLOURS.selected, '#6f6a60'], 'line-width': ['case', isSelected, 4, 1] },
    });
    map.addLayer({
      id: 'rate-streets-casing',
      type: 'line',
      source: STREETS,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['case', isSelected, MAP_COLOURS.selected, '#5b564d'],
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, ['case', isSelected, 8, 5], 16, ['case', isSelected, 14, 10]],
      },
    });
    map.addLayer({
      id: RATE_LAYERS.street,
      type: 'line',
      source: STREETS,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': classColour, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 16, 7.5] },
    });
    map.addLayer({
      id: 'rate-areas-label',
      type: 'symbol',
      source: AREAS,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT_BOLD, 'text-size': 12, 'text-max-width': 8 },
      paint: { 'text-color': '#1f1d1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    });
    const pick = (event: MapMouseEvent) => {
      const { x, y } = event.point;
      const layers = [RATE_LAYERS.street, 'rate-streets-casing', RATE_LAYERS.area].filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
      const hit = map.queryRenderedFeatures(
        [
          [x - 4, y - 4],
          [x + 4, y + 4],
        ],
        { layers },
      )[0];
      return hit ? callbacks.current.unitOfFeature.get(String(hit.id)) : undefined;
    };
    map.on('mousemove', (event) => {
      const row = pick(event);
      map.getCanvas().style.cursor = row ? 'pointer' : '';
      setHover(row ? { text: callbacks.current.describe(row), x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseout', () => setHover(null));
    map.on('click', (event) => callbacks.current.onSelect(pick(event)?.unitId ?? null));
  }, [map]);

  // Geometry: the areas of the kind shown (estates under streets) and the streets; fit once.
  useEffect(() => {
    if (!map) return;
    const shownAreas = areas.filter((a) => a.kind === areaKind);
    map.getSource<GeoJSONSource>(AREAS)?.setData({
      type: 'FeatureCollection',
      features: shownAreas.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { id: a.id, name: a.name } })),
    });
    map.getSource<GeoJSONSource>(STREETS)?.setData({
      type: 'FeatureCollection',
      features: streets.map((s) => ({ type: 'Feature', geometry: s.geometry, properties: { id: s.id } })),
    });
    const corners = function* () {
      for (const s of streets) for (const line of s.geometry.coordinates) for (const p of line) yield [p[0]!, p[1]!] as const;
    };
    const bounds = boundsOf(corners());
    if (bounds) {
      map.resize();
      map.fitBounds(bounds, { padding: 24, animate: false });
    }
  }, [map, streets, areas, areaKind]);

  // Which layer carries the colour: streets coloured over plain estates, or estates coloured with no streets.
  useEffect(() => {
    if (!map) return;
    const streetsShown = unit === 'street';
    setLayerVisible(map, 'rate-streets-casing', streetsShown);
    setLayerVisible(map, RATE_LAYERS.street, streetsShown);
    setLayerVisible(map, 'rate-areas-label', !streetsShown);
    // Never back to a constant once state-dependent (MapLibre throws mid-rebuild: see constantOverState).
    map.setPaintProperty(RATE_LAYERS.area, 'fill-color', streetsShown ? constantOverState(MAP_COLOURS.estateFill) : classColour);
  }, [map, unit]);

  // Colours: feature-state per record.
  useEffect(() => {
    if (!map) return;
    const source = unit === 'street' ? STREETS : AREAS;
    map.removeFeatureState({ source: STREETS });
    map.removeFeatureState({ source: AREAS });
    for (const row of rows) for (const id of featuresOfUnit.get(row.unitId) ?? []) map.setFeatureState({ source, id }, { rateClass: row.rateClass, selected: row.unitId === selectedUnitId });
    markViewMapDrawn(map, 'campaigns');
  }, [map, rows, unit, featuresOfUnit, selectedUnitId]);

  const mapLabel = t('campMapLabel');
  useEffect(() => {
    map?.getCanvas().setAttribute('aria-label', mapLabel);
  }, [map, mapLabel]);

  return (
    <div className="view-map">
      <div ref={containerRef} className="view-map-canvas" data-testid="campaigns-map" />
      <div className="map-zoom" role="group" aria-label={t('mapControls')}>
        <button type="button" className="map-zoom-button" aria-label={t('zoomIn')} title={t('zoomIn')} onClick={() => map?.zoomIn()}>
          +
        </button>
        <button type="button" className="map-zoom-button" aria-label={t('zoomOut')} title={t('zoomOut')} onClick={() => map?.zoomOut()}>
          −
        </button>
      </div>
      {hover ? (
        <div className="map-tooltip" style={{ transform: `translate(${Math.round(hover.x + 14)}px, ${Math.round(hover.y + 14)}px)` }} aria-hidden="true">
          {hover.text}
        </div>
      ) : null}
    </div>
  );
}
