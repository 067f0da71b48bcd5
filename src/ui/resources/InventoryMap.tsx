import type { ExpressionSpecification, GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Area, Street } from '../../domain';
import { resourceMarkerImages } from '../../map/markerIcons';
import { MAP_COLOURS } from '../../map/palette';
import { useT } from '../i18n/useT';
import { boundsOf, drawTownContext, markViewMapDrawn, useViewMap } from '../common/map/viewMap';

/** A point of the inventory: a resource (drawn with its category's marker) or a group (a plain dot). */
export interface InventoryPoint {
  id: string;
  name: string;
  position: readonly [number, number];
  /** Marker image id of a resource's category (markerIcons.ts); undefined for groups. */
  icon?: string;
}

interface InventoryMapProps {
  points: readonly InventoryPoint[];
  /** Ids of the points the table shows now (after the filters). */
  visibleIds: readonly string[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** The town drawn quietly under the points. */
  areas: readonly Area[];
  streets: readonly Street[];
}

const SOURCE = 'inventory';
/** Layers the test and the click handler read. */
export const INVENTORY_POINT_LAYERS = ['inventory-symbol', 'inventory-dot'] as const;
export const GROUP_COLOUR = '#6a3d9a';

/**
 * The inventory's map: every point of the shown collection in one source (set when the collection changes),
 * a layer filter for the table's filters, feature-state for the selection. Draws, never computes.
 */
export function InventoryMap({ points, visibleIds, selectedId, onSelect, areas, streets }: InventoryMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const map = useViewMap(containerRef, 'inventory');
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // Sources, layers and pointer handling, once per map.
  useEffect(() => {
    if (!map) return;
    for (const image of resourceMarkerImages(2)) {
      if (!map.hasImage(image.id)) map.addImage(image.id, { width: image.width, height: image.height, data: image.data }, { pixelRatio: image.pixelRatio });
    }
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
    const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
    map.addLayer({
      id: 'inventory-halo',
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-radius': 17,
        'circle-color': MAP_COLOURS.selected,
        'circle-opacity': ['case', selected, 0.25, 0],
        'circle-stroke-width': ['case', selected, 3, 0],
        'circle-stroke-color': MAP_COLOURS.selected,
      },
    });
    map.addLayer({
      id: 'inventory-dot',
      type: 'circle',
      source: SOURCE,
      filter: ['!', ['has', 'icon']],
      paint: { 'circle-radius': 8, 'circle-color': GROUP_COLOUR, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#ffffff' },
    });
    map.addLayer({
      id: 'inventory-symbol',
      type: 'symbol',
      source: SOURCE,
      filter: ['has', 'icon'],
      layout: { 'icon-image': ['get', 'icon'], 'icon-size': 1.35, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    });
    const pick = (event: MapMouseEvent) => {
      const { x, y } = event.point;
      const hits = map.queryRenderedFeatures(
        [
          [x - 6, y - 6],
          [x + 6, y + 6],
        ],
        { layers: [...INVENTORY_POINT_LAYERS] },
      );
      return hits[0];
    };
    map.on('mousemove', (event) => {
      const hit = pick(event);
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
      setHover(hit ? { name: String(hit.properties.name), x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseout', () => setHover(null));
    map.on('click', (event) => {
      const hit = pick(event);
      onSelectRef.current(hit ? String(hit.properties.id) : null);
    });
  }, [map]);

  useEffect(() => {
    if (map) drawTownContext(map, areas, streets);
  }, [map, areas, streets]);

  // Data: the whole collection; fit it into view.
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(SOURCE)?.setData({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.position[0], p.position[1]] },
        properties: p.icon ? { id: p.id, name: p.name, icon: p.icon } : { id: p.id, name: p.name },
      })),
    });
    const bounds = boundsOf(points.map((p) => p.position));
    if (bounds) {
      map.resize();
      map.fitBounds(bounds, { padding: 36, animate: false, maxZoom: 16 });
    }
    markViewMapDrawn(map, 'inventory');
  }, [map, points]);

  // Filters: a layer filter by id, so the source is not rebuilt on every keystroke.
  useEffect(() => {
    if (!map) return;
    const only: ExpressionSpecification = ['in', ['get', 'id'], ['literal', [...visibleIds]]];
    map.setFilter('inventory-symbol', ['all', ['has', 'icon'], only]);
    map.setFilter('inventory-dot', ['all', ['!', ['has', 'icon']], only]);
    map.setFilter('inventory-halo', only);
    markViewMapDrawn(map, 'inventory');
  }, [map, visibleIds]);

  // Selection: feature-state; bring the point into view when it is outside.
  const selectedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!map) return;
    const previous = selectedRef.current;
    if (previous) map.setFeatureState({ source: SOURCE, id: previous }, { selected: false });
    if (selectedId) {
      map.setFeatureState({ source: SOURCE, id: selectedId }, { selected: true });
      const point = points.find((p) => p.id === selectedId);
      if (point && !map.getBounds().contains([point.position[0], point.position[1]])) {
        map.easeTo({ center: [point.position[0], point.position[1]], duration: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 400 });
      }
    }
    selectedRef.current = selectedId;
  }, [map, selectedId, points]);

  const mapLabel = t('invMapLabel');
  useEffect(() => {
    map?.getCanvas().setAttribute('aria-label', mapLabel);
  }, [map, mapLabel]);

  return (
    <div className="view-map">
      <div ref={containerRef} className="view-map-canvas" data-testid="inventory-map" />
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
          {hover.name}
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {t('invMapSummary', { count: visibleIds.length })}
      </p>
    </div>
  );
}
