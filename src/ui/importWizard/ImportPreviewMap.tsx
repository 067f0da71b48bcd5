import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { glyphsUrl } from '../../map/fonts';
import type { MapData } from '../../map/mapData';
import { MAP_COLOURS } from '../../map/palette';
import type { ImportPreview } from '../../worker/importProtocol';
import { useT } from '../i18n/useT';
import { linesCollection, pointsCollection, unionBounds, type Bounds } from './previewGeometry';

setWorkerUrl(maplibreWorkerUrl);

declare global {
  interface Window {
    /** For end-to-end tests: the import preview map and how many points it holds. */
    __calmapImportPreview?: { map: MapLibreMap; points: number };
  }
}

/** Planned records: a colour no town layer uses, so they stand out from the streets and estates beneath. */
const PLANNED = '#c2410c';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A small map of its own: the town's estates and streets, quiet, and the planned points and lines on top. */
function previewStyle(glyphs: string): StyleSpecification {
  return {
    version: 8,
    glyphs,
    sources: {
      'town-estates': { type: 'geojson', data: EMPTY },
      'town-streets': { type: 'geojson', data: EMPTY },
      'planned-lines': { type: 'geojson', data: EMPTY },
      'planned-points': { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLOURS.background } },
      { id: 'town-estates', type: 'fill', source: 'town-estates', paint: { 'fill-color': MAP_COLOURS.estateFill, 'fill-outline-color': MAP_COLOURS.estateLine } },
      { id: 'town-streets', type: 'line', source: 'town-streets', paint: { 'line-color': MAP_COLOURS.streetCasing, 'line-width': 2 } },
      { id: 'planned-lines', type: 'line', source: 'planned-lines', paint: { 'line-color': PLANNED, 'line-width': 3 } },
      {
        id: 'planned-points',
        type: 'circle',
        source: 'planned-points',
        paint: { 'circle-color': PLANNED, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
    ],
  };
}

interface ImportPreviewMapProps {
  town: MapData | null;
  preview: ImportPreview | null;
  /** Where the preview's points are (from previewFit). */
  pointBounds: Bounds | undefined;
}

/**
 * The import preview: where the planned records would land, over the current town. Fits the view to the town and the
 * points together, so points read in a wrong coordinate system show up far away (another country) at a glance.
 * Keyboard users and screen readers get the same fact from the text summary beside it (ImportWizardView).
 */
export function ImportPreviewMap({ town, preview, pointBounds }: ImportPreviewMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: previewStyle(glyphsUrl(window.location.origin, import.meta.env.BASE_URL)),
        center: [19.3, 50.15],
        zoom: 11,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
    } catch {
      setFailed(true); // no WebGL: the text summary still says where the points are
      return;
    }
    map.touchZoomRotate.disableRotation();
    // The container is the picture (role="img", named); MapLibre's canvas would add a second landmark called "Map"
    // beside the main map's (axe landmark-unique).
    map.getCanvas().removeAttribute('role');
    map.getCanvas().removeAttribute('aria-label');
    mapRef.current = map;
    map.on('load', () => setLoaded(true));
    return () => {
      mapRef.current = null;
      setLoaded(false);
      if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmapImportPreview = undefined;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource('town-estates') as GeoJSONSource).setData(town?.estates ?? EMPTY);
    (map.getSource('town-streets') as GeoJSONSource).setData(town?.streets ?? EMPTY);
  }, [town, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const points = preview ? pointsCollection(preview.points) : EMPTY;
    (map.getSource('planned-points') as GeoJSONSource).setData(points);
    (map.getSource('planned-lines') as GeoJSONSource).setData(preview ? linesCollection(preview.lines) : EMPTY);
    if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmapImportPreview = { map, points: points.features.length };
    let lineBounds: Bounds | undefined;
    for (const line of preview?.lines ?? []) for (const [x, y] of line) lineBounds = unionBounds(lineBounds, [x, y, x, y]);
    const bounds = unionBounds(unionBounds(town?.bounds, pointBounds), lineBounds);
    if (bounds && bounds.every(Number.isFinite)) {
      const [w, s, e, n] = bounds;
      const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
      map.fitBounds([[clamp(w, 180), clamp(s, 85)], [clamp(e, 180), clamp(n, 85)]], { padding: 24, duration: 0, maxZoom: 16 });
    }
  }, [preview, town, pointBounds, loaded]);

  return (
    <div className="import-preview-map">
      <div ref={containerRef} className="import-preview-canvas" role="img" aria-label={t('importPreviewMapLabel')} data-testid="import-preview-map" />
      {failed ? <p className="import-note">{t('importPreviewNoMap')}</p> : null}
      <p className="import-preview-legend">
        <span className="import-swatch import-swatch-planned" aria-hidden="true" /> {t('importPreviewLegendPlanned')}{' '}
        <span className="import-swatch import-swatch-town" aria-hidden="true" /> {t('importPreviewLegendTown')}
      </p>
    </div>
  );
}
