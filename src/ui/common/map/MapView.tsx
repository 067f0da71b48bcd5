import { Map as MapLibreMap, prewarm, setWorkerUrl, type GeoJSONSource, type MapMouseEvent, type PointLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { glyphsUrl } from '../../../map/fonts';
import { INTERACTIVE_LAYERS, LAYERS_OF_GROUP, LAYER_GROUPS, SOURCE_IDS, SOURCE_OF_KIND, type LayerGroup } from '../../../map/layers';
import { FIRST_PAINT_SOURCES, type FirstPaintMap } from '../../../data/firstPaint';
import { featureBounds, type MapData } from '../../../map/mapData';
import { resourceMarkerImages } from '../../../map/markerIcons';
import { sourceData } from '../../../map/sourceText';
import { DEFER_SOURCE_MIN_FEATURES, setWhenShown, sourceShown } from '../../../map/deferredSource';
import { registerTextSourceProtocol } from '../../../map/textSourceProtocol';
import { failedTileOf, registerTileProtocol, reloadFailedTiles, setTiledSource, stateTarget, type FailedTile } from '../../../map/tileProtocol';
import textSourceWorkerUrl from '../../../map/textSourceWorker.mjs?url';
import { createOfflineStyle } from '../../../map/style';
import { setLayerVisible } from '../../../map/visibility';
import { EXPLORE_INTERACTIVE_LAYERS } from '../../../map/exploreLayers';
import { useT } from '../../i18n/useT';
import { sameRef, type FeatureRef } from '../../shell/appStore';
import { initialMapCamera, useMapUrlSync } from '../../shell/url/urlSync';
import { loadBasemap } from './basemap';
import { markMapPainted, markMapReady } from './readiness';

// MapLibre 6 finds its worker next to its own module; once bundled, that is the app's chunk, so point it at the
// worker file Vite emitted. Then start that worker now, while the page renders, rather than when the map is created.
setWorkerUrl(maplibreWorkerUrl);
// Only where there are workers: Node tests import this module.
if (typeof Worker !== 'undefined') prewarm();

interface MapViewProps {
  mapData: MapData | null;
  /**
   * The town's map as the build made it (DataSource.firstPaint): the map is created with these files as its sources
   * (MapLibre fetches and tiles them off the main thread) and fitted to their bounds, while `mapData` is still null.
   * Read once, when the map is created; ignored once `mapData` is there.
   */
  firstPaint?: FirstPaintMap | null;
  /** `mapData` is the town the first paint drew (LoadedWorkspace.asBuilt): keep the drawn sources, set nothing again. */
  asBuilt?: boolean;
  visibleGroups: Readonly<Record<LayerGroup, boolean>>;
  selection: FeatureRef | null;
  onSelect: (ref: FeatureRef | null) => void;
  /** Short tooltip text for a feature, e.g. "ul. Polna · gospodarstwa: 42". */
  describe: (ref: FeatureRef) => string | undefined;
  /** When its tick changes, the map brings this feature into view. */
  focus: { ref: FeatureRef; tick: number } | null;
  /** Told when the loaded data has been drawn (true) or is being replaced (false). */
  onDrawn?: (drawn: boolean) => void;
  /** A new value fits the map to the data's bounds once it is drawn (an import changed the town's extent). */
  fitKey?: number | null;
  /** Told when the map has fitted for `fitKey`. */
  onFitted?: (fitKey: number) => void;
  /** Told the MapLibre instance once it exists (and null when it is removed): the export menu reads its canvas. */
  onMapInstance?: (map: MapLibreMap | null) => void;
  /** The unit kind the screen colours (hexagons, streets…): a click picks it before the features under it. */
  preferKind?: FeatureRef['kind'] | null;
  /** Every record drawn as the selected feature (a street of several records is selected whole); default: its own id. */
  recordsOf?: (ref: FeatureRef) => readonly string[];
  /** The screen's own tooltip for a feature (e.g. its need share), tried before `describe`. */
  describeHover?: (ref: FeatureRef) => string | undefined;
  /**
   * What the screen draws over the town (its own sources and layers), given the map and whether the town's data has
   * been drawn: the map screen's need colours, hot spots and clusters live there, not here.
   */
  children?: (map: MapLibreMap | null, townDrawn: boolean) => ReactNode;
}

interface Hover { ref: FeatureRef; x: number; y: number }

/** Half the side of the square around the pointer that counts as a hit: thin streets need some slack. */
const HIT_SLACK_PX = 4;

/**
 * Hit-test order: resources, addresses and cluster outlines first; then the unit the need map shows (the map answers
 * one question at a time: with hexagons shown, a click on a street inside a hexagon selects the hexagon).
 */
export function pickOrder(preferKind: FeatureRef['kind'] | null): ReadonlyArray<{ layerId: string; kind: FeatureRef['kind'] }> {
  const all = [...INTERACTIVE_LAYERS.slice(0, 2), ...EXPLORE_INTERACTIVE_LAYERS.slice(0, 1), ...INTERACTIVE_LAYERS.slice(2), ...EXPLORE_INTERACTIVE_LAYERS.slice(1)];
  if (!preferKind) return all;
  const top = all.filter((l) => l.kind === 'resource' || l.kind === 'address' || l.kind === 'cluster');
  return [...top, ...all.filter((l) => !top.includes(l) && l.kind === preferKind), ...all.filter((l) => !top.includes(l) && l.kind !== preferKind)];
}

/**
 * The one place the MapLibre map lives. Driven by props: data, visible layer groups and selection go in;
 * clicks come out through onSelect. Hover and selection are drawn with feature-state, never by resetting data.
 */
export function MapView({ mapData, firstPaint = null, asBuilt = false, visibleGroups, selection, focus, onSelect, describe, onDrawn, onMapInstance, preferKind = null, recordsOf, describeHover, fitKey = null, onFitted, children }: MapViewProps) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [styleReady, setStyleReady] = useState(false);
  const [mapInstance, setMapInstance] = useState<MapLibreMap | null>(null);
  /** The town's data is on screen: the need colours come after it, so they never hold up the first map. */
  const [dataDrawn, setDataDrawn] = useState(false);
  const preferKindRef = useRef<FeatureRef['kind'] | null>(null);
  preferKindRef.current = preferKind;
  const [hover, setHover] = useState<Hover | null>(null);
  /** Tiles of a large town's streets or addresses failed (the server or the worker said no): the map says so, and offers to ask again. */
  const [tilesFailed, setTilesFailed] = useState(false);
  const failedTilesRef = useRef<FailedTile[]>([]);
  const hoverRef = useRef<FeatureRef | null>(null);
  const onSelectRef = useRef(onSelect);
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    onSelectRef.current = onSelect;
    onDrawnRef.current = onDrawn;
  }, [onSelect, onDrawn]);

  // Fitted to the town yet (a link's camera counts); created with the build's town files (the first paint) and
  // still showing them.
  const fittedRef = useRef(initialMapCamera() !== null);
  const paintedRef = useRef(false);

  // Create the map once.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const camera = initialMapCamera(); // a link's `#map=zoom/lat/lon`, else the town is fitted once the data is in
    // The first paint (issue #16): the build's town files are the style's sources from the start, the camera fitted to
    // them, so MapLibre's worker fetches and tiles them while the workspace loads; no pass over features here.
    const painted = mapData ? null : firstPaint;
    const sourceUrls = painted ? Object.fromEntries(FIRST_PAINT_SOURCES.map((key) => [SOURCE_IDS[key], painted.urls[key]])) : {};
    // Large sources go to MapLibre as JSON text (map/sourceText.ts), read in its workers.
    registerTextSourceProtocol(textSourceWorkerUrl);
    // A large town's streets and addresses come as vector tiles from the analysis worker (map/tiledTown.ts).
    registerTileProtocol();
    const map = new MapLibreMap({
      container,
      style: createOfflineStyle(glyphsUrl(window.location.origin, import.meta.env.BASE_URL), sourceUrls),
      center: camera?.center ?? [19.3, 50.15],
      zoom: camera?.zoom ?? 12.5,
      minZoom: 10,
      maxZoom: 19,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    setMapInstance(map);
    if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmap = { map, ready: false };

    const pick = (point: { x: number; y: number }): FeatureRef | null => {
      const box: [PointLike, PointLike] = [
        [point.x - HIT_SLACK_PX, point.y - HIT_SLACK_PX],
        [point.x + HIT_SLACK_PX, point.y + HIT_SLACK_PX],
      ];
      const order = pickOrder(preferKindRef.current);
      const layers = order.map((l) => l.layerId).filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const hits = map.queryRenderedFeatures(box, { layers });
      for (const { layerId, kind } of order) {
        const hit = hits.find((f) => f.layer.id === layerId);
        if (hit && hit.id !== undefined) return { kind, id: String(hit.id) };
      }
      return null;
    };

    const setHoverState = (next: FeatureRef | null) => {
      const previous = hoverRef.current;
      if (sameRef(previous, next)) return;
      if (previous) map.setFeatureState(stateTarget(map, SOURCE_OF_KIND[previous.kind], previous.id), { hover: false });
      if (next) map.setFeatureState(stateTarget(map, SOURCE_OF_KIND[next.kind], next.id), { hover: true });
      hoverRef.current = next;
    };

    if (painted) {
      paintedRef.current = true;
      // Fitted before the first frame (useMapUrlSync writes this camera into the address when it attaches).
      if (!fittedRef.current) {
        fittedRef.current = true;
        map.fitBounds(painted.bounds, { padding: 24, animate: false });
      }
      // The first frame with the town's tiles in: streets and areas loaded and every tile of the view rendered ('idle'
      // would also wait for the page to stop asking for frames, which the loading workspace keeps doing).
      const onRender = () => {
        if (!map.isSourceLoaded(SOURCE_IDS.streets) || !map.isSourceLoaded(SOURCE_IDS.districts) || !map.areTilesLoaded()) return;
        map.off('render', onRender);
        markMapPainted();
      };
      map.on('render', onRender);
    }
    map.on('load', () => {
      for (const image of resourceMarkerImages(2)) {
        if (!map.hasImage(image.id)) map.addImage(image.id, { width: image.width, height: image.height, data: image.data }, { pixelRatio: image.pixelRatio });
      }
      setStyleReady(true);
      const basemapUrl = import.meta.env.VITE_BASEMAP_STYLE as string | undefined;
      if (basemapUrl) void loadBasemap(map, basemapUrl);
    });
    map.on('mousemove', (event: MapMouseEvent) => {
      const ref = pick(event.point);
      setHoverState(ref);
      map.getCanvas().style.cursor = ref ? 'pointer' : '';
      setHover(ref ? { ref, x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseout', () => {
      setHoverState(null);
      setHover(null);
    });
    map.on('click', (event: MapMouseEvent) => onSelectRef.current(pick(event.point)));
    // With a listener MapLibre no longer logs errors itself: a failed tile of the town becomes the notice below (and a
    // warning in the console), anything else is logged as before.
    map.on('error', (event) => {
      const failed = failedTileOf(event);
      if (failed) {
        console.warn('CAL Map could not load a tile of the town; the map says so and offers to try again.', event.error);
        failedTilesRef.current.push(failed);
        setTilesFailed(true);
      } else console.error(event.error);
    });

    return () => {
      map.remove();
      mapRef.current = null;
      setMapInstance(null);
      if (import.meta.env.CALMAP_TEST_HOOKS) window.__calmap = undefined;
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; mapData and firstPaint are only read at creation
  }, []);

  // Blob URLs of the sources handed over as text, released when replaced or when the map goes.
  const releaseRef = useRef(new Map<string, () => void>());
  // Large sources not drawn at this zoom wait (map/deferredSource.ts); cancelled when new data comes or the map goes.
  const deferredRef = useRef(new Map<string, () => void>());
  useEffect(() => {
    const releases = releaseRef.current;
    const deferred = deferredRef.current;
    return () => {
      for (const cancel of deferred.values()) cancel();
      deferred.clear();
      for (const release of releases.values()) release();
      releases.clear();
    };
  }, []);

  // Data: replace source data only when the records change; fit the town into view the first time.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !mapData) return;
    const sources: Array<[string, GeoJSON.FeatureCollection]> = [
      [SOURCE_IDS.districts, mapData.districts],
      [SOURCE_IDS.estates, mapData.estates],
      [SOURCE_IDS.outlines, mapData.outlines],
      [SOURCE_IDS.areaLabels, mapData.areaLabels],
      [SOURCE_IDS.streets, mapData.streets],
      [SOURCE_IDS.addresses, mapData.addresses],
      [SOURCE_IDS.resources, mapData.resources],
    ];
    markMapReady(map, false);
    setDataDrawn(false);
    onDrawnRef.current?.(false);
    // The first paint drew these very records (the demo as built): setting them again would only tile them twice;
    // the sources it left out (the addresses) are set now.
    const drawnAtFirstPaint = paintedRef.current && asBuilt ? new Set<string>(FIRST_PAINT_SOURCES.map((key) => SOURCE_IDS[key])) : new Set<string>();
    paintedRef.current = false;
    const setSource = (id: string, data: GeoJSON.FeatureCollection) => {
      // Large sources go as JSON text (map/sourceText.ts); the previous text of the source is released.
      const next = sourceData(data);
      releaseRef.current.get(id)?.();
      releaseRef.current.set(id, next.release);
      map.getSource<GeoJSONSource>(id)?.setData(next.data);
    };
    const deferred: Array<[string, GeoJSON.FeatureCollection]> = [];
    // A large town: streets and addresses become vector sources of the analysis worker's tiles; otherwise GeoJSON.
    setTiledSource(map, SOURCE_IDS.streets, mapData.tiles?.key ?? null, mapData.bounds);
    setTiledSource(map, SOURCE_IDS.addresses, mapData.tiles?.key ?? null, mapData.bounds);
    for (const [id, data] of sources) {
      deferredRef.current.get(id)?.();
      deferredRef.current.delete(id);
      if (drawnAtFirstPaint.has(id)) continue;
      if (mapData.tiles && (id === SOURCE_IDS.streets || id === SOURCE_IDS.addresses)) continue;
      if (data.features.length >= DEFER_SOURCE_MIN_FEATURES) deferred.push([id, data]);
      else setSource(id, data);
    }
    if (!fittedRef.current && mapData.bounds) {
      fittedRef.current = true;
      // A notice may have appeared above the map in the same render: measure the container first.
      map.resize();
      map.fitBounds(mapData.bounds, { padding: 24, animate: false });
    }
    // After the fit: the zoom that decides whether a large source is drawn yet.
    for (const [id, data] of deferred) {
      if (sourceShown(map, id)) {
        setSource(id, data);
        continue;
      }
      // Until it is shown the source holds nothing, never the previous load's records.
      setSource(id, { type: 'FeatureCollection', features: [] });
      deferredRef.current.set(id, setWhenShown(map, id, () => setSource(id, data)));
    }
    // Ready for people and tests once the data has been drawn.
    map.once('idle', () => {
      markMapReady(map, true);
      setDataDrawn(true);
      onDrawnRef.current?.(true);
    });
    // Nothing may have changed (the first paint kept): a frame makes sure 'idle' comes.
    map.triggerRepaint();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- asBuilt travels with mapData (the same load); it never changes alone
  }, [mapData, styleReady]);

  // Fit again when asked (after an import): the link's camera may show where the town was not.
  const fittedKeyRef = useRef<number | null>(null);
  const onFittedRef = useRef(onFitted);
  onFittedRef.current = onFitted;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !mapData?.bounds || fitKey === null || fittedKeyRef.current === fitKey) return;
    fittedKeyRef.current = fitKey;
    fittedRef.current = true;
    map.resize();
    map.fitBounds(mapData.bounds, { padding: 24, animate: false });
    onFittedRef.current?.(fitKey);
  }, [fitKey, mapData, styleReady]);

  // Visible layer groups.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    for (const group of LAYER_GROUPS) {
      for (const layerId of LAYERS_OF_GROUP[group]) setLayerVisible(map, layerId, visibleGroups[group]);
    }
  }, [visibleGroups, styleReady]);

  // Selection through feature-state.
  const selectedRef = useRef<{ source: string; ids: readonly string[] } | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    const previous = selectedRef.current;
    // A source replaced meanwhile (a town of the other kind) has no state to clear.
    if (previous && map.getSource(previous.source)) for (const id of previous.ids) map.setFeatureState(stateTarget(map, previous.source, id), { selected: false });
    const next = selection ? { source: SOURCE_OF_KIND[selection.kind], ids: recordsOf?.(selection) ?? [selection.id] } : null;
    if (next) for (const id of next.ids) map.setFeatureState(stateTarget(map, next.source, id), { selected: true });
    selectedRef.current = next;
  }, [selection, styleReady, mapData, recordsOf]);

  // MapLibre labels its canvas in English; say it in the current language.
  const mapLabel = t('mapRegion');
  useEffect(() => {
    const canvas = mapRef.current?.getCanvas();
    canvas?.setAttribute('aria-label', mapLabel);
    // The text summary (MapSummary) describes what the map shows.
    canvas?.setAttribute('aria-describedby', 'map-summary');
  }, [mapLabel, styleReady]);

  // Bring a feature chosen from a list into view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapData || !focus) return;
    const kind = focus.ref.kind;
    if (kind !== 'district' && kind !== 'estate' && kind !== 'street' && kind !== 'address' && kind !== 'resource') return;
    const source = ({ district: 'districts', estate: 'estates', street: 'streets', address: 'addresses', resource: 'resources' } as const)[kind];
    const bounds = featureBounds(mapData, source, focus.ref.id);
    if (bounds) map.fitBounds(bounds, { padding: 80, maxZoom: 16.5, duration: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 600 });
  }, [focus, mapData]);

  useEffect(() => onMapInstance?.(mapInstance), [mapInstance, onMapInstance]);

  useMapUrlSync(mapInstance);

  const tooltip = hover ? (describeHover?.(hover.ref) ?? describe(hover.ref)) : undefined;

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map-canvas" />
      <div className="map-zoom" role="group" aria-label={t('mapControls')}>
        <button type="button" className="map-zoom-button" aria-label={t('zoomIn')} title={t('zoomIn')} onClick={() => mapRef.current?.zoomIn()}>
          +
        </button>
        <button type="button" className="map-zoom-button" aria-label={t('zoomOut')} title={t('zoomOut')} onClick={() => mapRef.current?.zoomOut()}>
          −
        </button>
      </div>
      {tilesFailed ? (
        <div className="map-notice" role="status" data-testid="map-tiles-failed">
          {t('mapTilesFailed')}{' '}
          <button type="button" onClick={() => {
            setTilesFailed(false);
            const failed = failedTilesRef.current;
            failedTilesRef.current = [];
            if (mapRef.current) reloadFailedTiles(mapRef.current, failed);
          }}>
            {t('mapTilesRetry')}
          </button>
        </div>
      ) : null}
      {hover && tooltip ? (
        <div className="map-tooltip" style={{ transform: `translate(${Math.round(hover.x + 14)}px, ${Math.round(hover.y + 14)}px)` }} aria-hidden="true">
          {tooltip}
        </div>
      ) : null}
      {children?.(mapInstance, styleReady && dataDrawn)}
    </div>
  );
}
