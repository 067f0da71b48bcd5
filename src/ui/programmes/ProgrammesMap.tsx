import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { SelectionGeometry } from '../../analysis/revitalisationLimits';
import type { Area, PolygonGeometry, Programme, Street } from '../../domain';
import { labelPoint } from '../../map/labelPoint';
import { NEED_CLASS_SOURCE_ID, needClassLayers, needClassSource } from '../../map/needClassLayers';
import { PROGRAMME_COLOUR, PROGRAMME_LAYER_IDS, PROGRAMME_SOURCE_IDS, programmeLayers, programmeSources } from '../../map/programmeLayers';
import { useT } from '../i18n/useT';
import { boundsOf, drawTownContext, markViewMapDrawn, useViewMap } from '../common/map/viewMap';

export interface CandidateShape {
  id: string;
  name: string;
  geometry: SelectionGeometry;
}

interface ProgrammesMapProps {
  areas: readonly Area[];
  streets: readonly Street[];
  candidates: readonly CandidateShape[];
  /** The need or index of the view, coloured under the candidates (needClassFeatures); null while loading. */
  needFeatures: GeoJSON.FeatureCollection | null;
  selectedIds: readonly string[];
  programmes: readonly Programme[];
  focusedProgrammeId: string | null;
  /** The partners of the programme in view (the focused one, else the one being written): drawn as points with names. */
  partners: readonly { id: string; name: string; position: [number, number] }[];
  /** True while the planner draws a boundary (polygon mode). */
  drawing: boolean;
  /** Bumped to remove the drawn boundary. */
  clearTick: number;
  onToggleCandidate: (id: string) => void;
  /** A finished or edited boundary; null when drawing was cancelled (Esc). */
  onDrawn: (geometry: SelectionGeometry | null) => void;
  onDrawingEnd: () => void;
}

const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });

/**
 * The programmes view's map: the town quietly, ranked candidate areas (click toggles, selection by feature-state),
 * saved programmes as dashed outlines with labels, and a boundary drawn with terra-draw's polygon mode through
 * its MapLibre adapter (then editable in terra-draw's select mode: drag vertices or midpoints).
 */
export function ProgrammesMap({ areas, streets, candidates, needFeatures, selectedIds, programmes, focusedProgrammeId, partners, drawing, clearTick, onToggleCandidate, onDrawn, onDrawingEnd }: ProgrammesMapProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const map = useViewMap(containerRef, 'programmes');
  const drawRef = useRef<TerraDraw | null>(null);
  const drawingRef = useRef(drawing);
  drawingRef.current = drawing;
  const callbacks = useRef({ onToggleCandidate, onDrawn, onDrawingEnd });
  useEffect(() => {
    callbacks.current = { onToggleCandidate, onDrawn, onDrawingEnd };
  }, [onToggleCandidate, onDrawn, onDrawingEnd]);
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);

  // Sources, layers, pointer handling and terra-draw: once per map.
  useEffect(() => {
    if (!map) return;
    map.addSource(NEED_CLASS_SOURCE_ID, needClassSource());
    for (const layer of needClassLayers()) map.addLayer(layer);
    for (const [id, source] of Object.entries(programmeSources())) map.addSource(id, source);
    for (const layer of programmeLayers()) map.addLayer(layer);
    const pick = (event: MapMouseEvent) => {
      const { x, y } = event.point;
      return map.queryRenderedFeatures(
        [
          [x - 2, y - 2],
          [x + 2, y + 2],
        ],
        { layers: [PROGRAMME_LAYER_IDS.candidateFill] },
      )[0];
    };
    let hovered: string | null = null;
    const setHovered = (id: string | null) => {
      if (hovered === id) return;
      if (hovered) map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.candidates, id: hovered }, { hover: false });
      if (id) map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.candidates, id }, { hover: true });
      hovered = id;
    };
    map.on('mousemove', (event) => {
      if (drawingRef.current) return setHover(null);
      const hit = pick(event);
      setHovered(hit ? String(hit.id) : null);
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
      setHover(hit ? { name: String(hit.properties.name), x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseout', () => {
      setHovered(null);
      setHover(null);
    });
    map.on('click', (event) => {
      if (drawingRef.current || (drawRef.current && drawRef.current.getMode() === 'select')) return;
      const hit = pick(event);
      if (hit) callbacks.current.onToggleCandidate(String(hit.id));
    });

    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({
          editable: true,
          styles: { fillColor: '#0b3d91', fillOpacity: 0.2, outlineColor: '#0b3d91', outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: '#0b3d91', closingPointOutlineWidth: 2 },
        }),
        new TerraDrawSelectMode({
          flags: { polygon: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true } } } },
          styles: { selectedPolygonColor: '#0b3d91', selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: '#0b3d91', selectedPolygonOutlineWidth: 3 },
        }),
      ],
    });
    draw.start();
    drawRef.current = draw;
    const report = (id: string | number) => {
      const feature = draw.getSnapshotFeature(id);
      if (feature && feature.geometry.type === 'Polygon') callbacks.current.onDrawn({ type: 'Polygon', coordinates: feature.geometry.coordinates as PolygonGeometry['coordinates'] });
    };
    draw.on('finish', (id) => {
      report(id);
      draw.setMode('select');
      draw.selectFeature(id);
      callbacks.current.onDrawingEnd();
    });
    draw.on('change', (ids, type) => {
      if (type !== 'update' || draw.getMode() !== 'select') return;
      for (const id of ids) report(id);
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

  // Start / stop drawing; Esc cancels (terra-draw's polygon mode drops the unfinished shape on Escape).
  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || !map) return;
    if (drawing) {
      draw.clear();
      callbacks.current.onDrawn(null);
      draw.setMode('polygon');
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        draw.clear();
        draw.setMode('static');
        callbacks.current.onDrawn(null);
        callbacks.current.onDrawingEnd();
      };
      window.addEventListener('keydown', onKey);
      return () => window.removeEventListener('keydown', onKey);
    }
    return undefined;
  }, [drawing, map]);

  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || clearTick === 0) return;
    draw.clear();
    draw.setMode('static');
  }, [clearTick]);

  useEffect(() => {
    if (map) drawTownContext(map, areas, streets);
  }, [map, areas, streets]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(NEED_CLASS_SOURCE_ID)?.setData(needFeatures ?? collection([]));
    markViewMapDrawn(map, 'programmes');
  }, [map, needFeatures]);

  // Candidates: replaced when the ranking changes; fit the town the first time.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(PROGRAMME_SOURCE_IDS.candidates)?.setData(collection(candidates.map((c) => ({ type: 'Feature', id: c.id, geometry: c.geometry, properties: { id: c.id, name: c.name } }))));
    if (!fitted.current) {
      const positions = areas.flatMap((a) => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flatMap((p) => p[0] ?? [])).map((p) => [p[0]!, p[1]!] as [number, number]);
      const bounds = boundsOf(positions);
      if (bounds) {
        fitted.current = true;
        map.resize();
        map.fitBounds(bounds, { padding: 24, animate: false });
      }
    }
    markViewMapDrawn(map, 'programmes');
  }, [map, candidates, areas]);

  // Selection: feature-state, never a rebuilt source.
  const selectedRef = useRef<readonly string[]>([]);
  useEffect(() => {
    if (!map) return;
    for (const id of selectedRef.current) map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.candidates, id }, { selected: false });
    for (const id of selectedIds) map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.candidates, id }, { selected: true });
    // A newly ticked row is brought into view with the rest of the selection.
    const added = selectedIds.some((id) => !selectedRef.current.includes(id));
    selectedRef.current = selectedIds;
    if (added) {
      const chosen = candidates.filter((c) => selectedIds.includes(c.id)).map((c) => c.geometry);
      const bounds = boundsOf(chosen.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)).flatMap((p) => p[0] ?? []).map((p) => [p[0]!, p[1]!] as [number, number]));
      if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 15.5, duration: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 400 });
    }
    markViewMapDrawn(map, 'programmes');
  }, [map, selectedIds, candidates]);

  // Programmes: outline + label.
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(PROGRAMME_SOURCE_IDS.programmes)?.setData(collection(programmes.map((p) => ({ type: 'Feature', id: p.id, geometry: p.targetGeometry, properties: { id: p.id, name: p.name } }))));
    // Programmes over the same area share a label point: one label lists them all (two labels would hide one).
    const labels = new Map<string, { at: [number, number]; ids: string[]; names: string[] }>();
    for (const p of programmes) {
      const at = labelPoint(p.targetGeometry);
      const key = `${at[0].toFixed(6)},${at[1].toFixed(6)}`;
      const entry = labels.get(key) ?? { at, ids: [], names: [] };
      entry.ids.push(p.id);
      entry.names.push(p.name);
      labels.set(key, entry);
    }
    map.getSource<GeoJSONSource>(PROGRAMME_SOURCE_IDS.programmeLabels)?.setData(
      collection([...labels.values()].map((l) => ({ type: 'Feature', id: l.ids.join(' '), geometry: { type: 'Point', coordinates: l.at }, properties: { id: l.ids.join(' '), name: l.names.join('\n') } }))),
    );
    markViewMapDrawn(map, 'programmes');
  }, [map, programmes]);

  // The programme's partners: where the institutions it works with are.
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(PROGRAMME_SOURCE_IDS.partners)?.setData(
      collection(partners.map((p) => ({ type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: p.position }, properties: { id: p.id, name: p.name } }))),
    );
    markViewMapDrawn(map, 'programmes');
  }, [map, partners]);

  // A programme chosen in the list: highlighted and brought into view.
  const focusedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!map) return;
    if (focusedRef.current) map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.programmes, id: focusedRef.current }, { selected: false });
    focusedRef.current = focusedProgrammeId;
    const programme = programmes.find((p) => p.id === focusedProgrammeId);
    if (!programme) return;
    map.setFeatureState({ source: PROGRAMME_SOURCE_IDS.programmes, id: programme.id }, { selected: true });
    const g = programme.targetGeometry;
    const bounds = boundsOf((g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((p) => p[0] ?? []).map((p) => [p[0]!, p[1]!] as [number, number]));
    if (bounds) map.fitBounds(bounds, { padding: 80, maxZoom: 15.5, duration: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 500 });
    markViewMapDrawn(map, 'programmes');
  }, [map, focusedProgrammeId, programmes]);

  const mapLabel = t('progMapLabel');
  useEffect(() => {
    map?.getCanvas().setAttribute('aria-label', mapLabel);
  }, [map, mapLabel]);

  return (
    <div className="view-map programmes-map" data-drawing={drawing ? 'true' : 'false'}>
      <div ref={containerRef} className="view-map-canvas" data-testid="programmes-map" />
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
        {t('progMapSummary', { candidates: candidates.length, selected: selectedIds.length, programmes: programmes.length })}
      </p>
      <span hidden data-colour={PROGRAMME_COLOUR} />
    </div>
  );
}
