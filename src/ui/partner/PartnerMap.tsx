import { Map as MapLibreMap, setWorkerUrl, type ExpressionSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { SharePackage } from '../../domain/sharePackage';
import { classColours, EXPLORE_COLOURS, HATCH_IMAGE_ID, hatchImage } from '../../map/explorePalette';
import { MAP_COLOURS } from '../../map/palette';
import { boundsOf } from '../common/map/viewMap';
import { BANDED_CLASS } from '../common/sharing/partnerText';

setWorkerUrl(maplibreWorkerUrl);

const SOURCE = 'partner-units';
const HIDDEN = 255;

/** The class colour of a unit: YlOrRd for needs, Greens for residents' resources (as the planner's map). */
function classColour(subject: 'needs' | 'resources'): ExpressionSpecification {
  const c = classColours(subject);
  return ['match', ['get', 'cls'], 0, c[0]!, 1, c[1]!, 2, c[2]!, 3, c[3]!, 4, c[4]!, BANDED_CLASS, EXPLORE_COLOURS.banded, EXPLORE_COLOURS.suppressed];
}
const isPolygon: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const isLine: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
const hidden: ExpressionSpecification = ['==', ['get', 'cls'], HIDDEN];

/**
 * The partner's map: the package's units (streets as lines, areas and hexagons as polygons) coloured by class
 * (YlOrRd for needs, Greens for residents' resources, as the planner's map), hidden units grey and hatched. Nothing else is drawn: no households, no heatmap,
 * no addresses. Static data, so the source is set once. `data-map-ready="true"` when drawn (tests, print).
 */
export function PartnerMap({ pkg, subject, classOfUnit, label, onUnit }: { pkg: SharePackage; subject: 'needs' | 'resources'; classOfUnit: Uint8Array; label: string; onUnit?: (unit: number | null, pinned: boolean) => void }) {
  const containerRef = useRef<HTMLDivElement>(null);
  // The latest callback without rebuilding the map when the parent re-renders.
  const onUnitRef = useRef(onUnit);
  useEffect(() => {
    onUnitRef.current = onUnit;
  }, [onUnit]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    container.dataset.mapReady = 'false';
    const map = new MapLibreMap({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLOURS.background } }] },
      center: [19.3, 50.15],
      zoom: 12,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
      // Printing copies the canvas: keep what was drawn.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.touchZoomRotate.disableRotation();
    map.on('load', () => {
      map.addImage(HATCH_IMAGE_ID, hatchImage());
      map.addSource(SOURCE, {
        type: 'geojson',
        data: {
          type: 'FeatureCollection',
          features: pkg.units.map((unit, u) => ({ type: 'Feature', id: u, geometry: unit.geometry, properties: { cls: classOfUnit[u] ?? HIDDEN } })),
        },
      });
      map.addLayer({ id: 'partner-fill', type: 'fill', source: SOURCE, filter: ['all', isPolygon, ['!', hidden]], paint: { 'fill-color': classColour(subject), 'fill-opacity': 0.85 } });
      map.addLayer({ id: 'partner-fill-hidden', type: 'fill', source: SOURCE, filter: ['all', isPolygon, hidden], paint: { 'fill-pattern': HATCH_IMAGE_ID, 'fill-opacity': 0.8 } });
      map.addLayer({ id: 'partner-outline', type: 'line', source: SOURCE, filter: isPolygon, paint: { 'line-color': '#6f6a60', 'line-width': 0.8 } });
      map.addLayer({
        id: 'partner-street-casing',
        type: 'line',
        source: SOURCE,
        filter: isLine,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#5b564d', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 5, 16, 10] },
      });
      map.addLayer({
        id: 'partner-street',
        type: 'line',
        source: SOURCE,
        filter: isLine,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': classColour(subject), 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 16, 7.5] },
      });
      const corners = function* () {
        for (const unit of pkg.units) {
          const g = unit.geometry;
          const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
          for (const line of lines) for (const p of line) yield [p[0]!, p[1]!] as const;
        }
      };
      // Hover and click show the unit's numbers (the same as the table's row) beside the map.
      const interactive = ['partner-fill', 'partner-fill-hidden', 'partner-street'];
      const unitAt = (point: { x: number; y: number }): number | null => {
        const hit = map.queryRenderedFeatures([point.x, point.y], { layers: interactive })[0];
        return typeof hit?.id === 'number' ? hit.id : null;
      };
      map.on('mousemove', (e) => {
        const u = unitAt(e.point);
        map.getCanvas().style.cursor = u === null ? '' : 'pointer';
        onUnitRef.current?.(u, false);
      });
      map.on('click', (e) => onUnitRef.current?.(unitAt(e.point), true));
      const bounds = boundsOf(corners());
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false });
      map.once('idle', () => {
        container.dataset.mapReady = 'true';
      });
    });
    const onPrint = () => map.resize();
    window.addEventListener('beforeprint', onPrint);
    return () => {
      window.removeEventListener('beforeprint', onPrint);
      map.remove();
    };
  }, [pkg, subject, classOfUnit]);

  return <div ref={containerRef} className="partner-map" role="img" aria-label={label} />;
}
