import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Area, PolygonGeometry, Street } from '../../domain';
import { AREA_EDIT_FILL_LAYER, AREA_EDIT_LABEL_SOURCE, AREA_EDIT_SOURCE, areaEditLayers, areaEditSources } from '../../map/areaEditLayers';
import { labelPoint } from '../../map/labelPoint';
import { useT } from '../i18n/useT';
import { boundsOf, drawTownContext, markViewMapDrawn, useViewMap } from '../common/map/viewMap';

interface AreaDrawMapProps {
  areas: readonly Area[];
  streets: readonly Street[];
  selectedId: string | null;
  /** True while the planner draws a boundary (terra-draw's polygon mode). */
  drawing: boolean;
  /** Bumped to remove the drawn, not yet saved boundary. */
  clearTick: number;
  onSelect: (id: string) => void;
  /** A finished boundary, or null when drawing was cancelled (Esc). */
  onDrawn: (geometry: PolygonGeometry | null) => void;
}

const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });

/** [lng, lat] positions of the outer rings of areas and of street lines, for fitting the town into view. */
function townPositions(areas: readonly Area[], streets: readonly Street[]): Array<[number, number]> {
  const ringPositions = areas.flatMap((a) => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flatMap((p) => p[0] ?? []));
  const linePositions = streets.flatMap((s) => s.geometry.coordinates.flat());
  return [...ringPositions, ...linePositions].map((p) => [p[0]!, p[1]!]);
}

/**
 * The map of the areas editor: the town quietly (streets, estates), every area with its name, the chosen one
 * outlined; a new boundary drawn with terra-draw's polygon mode (click the corners, click the first one or double-click
 * to close; Esc cancels). Clicking an area chooses it for editing.
 */
export function AreaDrawMap({ areas, streets, selectedId, drawing, clearTick, onSelect, onDrawn }: AreaDrawMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const map = useViewMap(containerRef, 'areas');
  const drawRef = useRef<TerraDraw | null>(null);
  const drawingRef = useRef(drawing);
  drawingRef.current = drawing;
  const callbacks = useRef({ onSelect, onDrawn });
  useEffect(() => {
    callbacks.current = { onSelect, onDrawn };
  }, [onSelect, onDrawn]);

  useEffect(() => {
    if (!map) return;
    for (const [id, source] of Object.entries(areaEditSources())) map.addSource(id, source);
    for (const layer of areaEditLayers()) map.addLayer(layer);
    // The click that closes a boundary also reaches the map: it must not choose the area under it.
    let finishedAt = -Infinity;
    map.on('click', AREA_EDIT_FILL_LAYER, (event) => {
      if (drawingRef.current || performance.now() - finishedAt < 500) return;
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') callbacks.current.onSelect(id);
    });
    map.on('mouseenter', AREA_EDIT_FILL_LAYER, () => {
      if (!drawingRef.current) map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', AREA_EDIT_FILL_LAYER, () => {
      map.getCanvas().style.cursor = '';
    });
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({
          styles: { fillColor: '#0b3d91', fillOpacity: 0.2, outlineColor: '#0b3d91', outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: '#0b3d91', closingPointOutlineWidth: 2 },
        }),
      ],
    });
    draw.start();
    drawRef.current = draw;
    draw.on('finish', (id) => {
      finishedAt = performance.now();
      const feature = draw.getSnapshotFeature(id);
      draw.setMode('static');
      if (feature && feature.geometry.type === 'Polygon') callbacks.current.onDrawn({ type: 'Polygon', coordinates: feature.geometry.coordinates as PolygonGeometry['coordinates'] });
    });
    return () => {
      drawRef.current = null;
      try {
        draw.stop();
      } catch {
        // the map may already be gone
      }
    };
  }, [map]);

  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || !map || !drawing) return undefined;
    draw.clear();
    draw.setMode('polygon');
    map.getCanvas().style.cursor = 'crosshair';
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      draw.clear();
      draw.setMode('static');
      callbacks.current.onDrawn(null);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      map.getCanvas().style.cursor = '';
    };
  }, [drawing, map]);

  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || clearTick === 0) return;
    draw.clear();
    draw.setMode('static');
  }, [clearTick]);

  useEffect(() => {
    if (map) drawTownContext(map, [], streets);
  }, [map, streets]);

  // Areas: replaced when the workspace changes; the town fitted the first time there is something to show.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(AREA_EDIT_SOURCE)?.setData(collection(areas.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { id: a.id, name: a.name, kind: a.kind } }))));
    map.getSource<GeoJSONSource>(AREA_EDIT_LABEL_SOURCE)?.setData(collection(areas.map((a) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: labelPoint(a.geometry) }, properties: { name: a.name } }))));
    if (!fitted.current) {
      const bounds = boundsOf(townPositions(areas, streets));
      if (bounds) {
        fitted.current = true;
        map.resize();
        map.fitBounds(bounds, { padding: 24, animate: false });
      }
    }
    markViewMapDrawn(map, 'areas');
  }, [map, areas, streets]);

  const selectedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!map) return;
    if (selectedRef.current) map.setFeatureState({ source: AREA_EDIT_SOURCE, id: selectedRef.current }, { selected: false });
    if (selectedId) map.setFeatureState({ source: AREA_EDIT_SOURCE, id: selectedId }, { selected: true });
    selectedRef.current = selectedId;
    markViewMapDrawn(map, 'areas');
  }, [map, selectedId, areas]);

  return <div ref={containerRef} className="area-draw-map" role="region" aria-label={t('areaDrawMapLabel')} data-testid="area-draw-map" />;
}
