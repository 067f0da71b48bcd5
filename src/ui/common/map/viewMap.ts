import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useState, type RefObject } from 'react';
import type { Area, Street } from '../../../domain';
import { glyphsUrl } from '../../../map/fonts';
import { MAP_COLOURS } from '../../../map/palette';

setWorkerUrl(maplibreWorkerUrl);

declare global {
  interface Window {
    /** For end-to-end tests: the small maps of the table views ("inventory", "campaigns") and whether they have drawn. */
    __calmapViews?: Partial<Record<ViewMapName, { map: MapLibreMap; ready: boolean }>>;
  }
}

export type ViewMapName = 'inventory' | 'campaigns' | 'programmes' | 'areas';

/**
 * A small MapLibre map beside a table (the inventory and the survey views): a quiet background and whatever
 * sources and layers the view adds once the style has loaded. Deliberately not the explore map (src/ui/common/map/MapView.tsx):
 * these maps only draw what their table shows. Returns the map once its style is ready, null before.
 */
export function useViewMap(containerRef: RefObject<HTMLDivElement | null>, name: ViewMapName): MapLibreMap | null {
  const [ready, setReady] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: {
        version: 8,
        glyphs: glyphsUrl(window.location.origin, import.meta.env.BASE_URL),
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLOURS.background } }],
      },
      center: [19.3, 50.15],
      zoom: 12,
      minZoom: 9,
      maxZoom: 18,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    map.touchZoomRotate.disableRotation();
    if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmapViews = { ...window.__calmapViews, [name]: { map, ready: false } };
    map.on('load', () => setReady(map));
    return () => {
      setReady(null);
      map.remove();
      if (import.meta.env.CALMAP_TEST_HOOKS && window.__calmapViews?.[name]?.map === map) delete window.__calmapViews[name];
    };
  }, [containerRef, name]);
  return ready;
}

/** Tells tests (and `data-map-ready` on the container) when the map has drawn its latest change. */
export function markViewMapDrawn(map: MapLibreMap, name: ViewMapName): void {
  const entry = import.meta.env.CALMAP_TEST_HOOKS ? window.__calmapViews?.[name] : undefined;
  if (entry?.map === map) entry.ready = false;
  map.getContainer().dataset.mapReady = 'false';
  map.once('idle', () => {
    const current = import.meta.env.CALMAP_TEST_HOOKS ? window.__calmapViews?.[name] : undefined;
    if (current?.map === map) current.ready = true;
    map.getContainer().dataset.mapReady = 'true';
  });
  map.triggerRepaint();
}

/** [west, south, east, north] of [lng, lat] positions; undefined when there are none. */
export function boundsOf(positions: Iterable<readonly [number, number]>): [number, number, number, number] | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lng, lat] of positions) {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    if (lng < west) west = lng;
    if (lng > east) east = lng;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return Number.isFinite(west) ? [west, south, east, north] : undefined;
}

/**
 * A quiet town under the points: estates as light fills and streets as thin lines (no labels), so a reader
 * sees where a point is. Call once the map is ready; calling again replaces the geometry.
 */
export function drawTownContext(map: MapLibreMap, areas: readonly Area[], streets: readonly Street[]): void {
  const estates: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: areas.filter((a) => a.kind === 'estate').map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { id: a.id } })),
  };
  const lines: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: streets.map((s) => ({ type: 'Feature', geometry: s.geometry, properties: { id: s.id } })) };
  const estatesSource = map.getSource<GeoJSONSource>('context-estates');
  if (estatesSource) {
    estatesSource.setData(estates);
    map.getSource<GeoJSONSource>('context-streets')?.setData(lines);
    return;
  }
  const firstLayer = map.getStyle().layers[1]?.id;
  map.addSource('context-estates', { type: 'geojson', data: estates });
  map.addSource('context-streets', { type: 'geojson', data: lines });
  map.addLayer({ id: 'context-estates-fill', type: 'fill', source: 'context-estates', paint: { 'fill-color': MAP_COLOURS.estateFill, 'fill-outline-color': MAP_COLOURS.estateLine } }, firstLayer);
  map.addLayer(
    { id: 'context-streets-line', type: 'line', source: 'context-streets', paint: { 'line-color': MAP_COLOURS.streetCasing, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 16, 4] } },
    firstLayer,
  );
}
