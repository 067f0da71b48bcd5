import { setLayerVisible } from '../../map/visibility';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { ExploreLayer } from '../../analysis/exploreSession';
import type { Workspace } from '../../domain';
import { clusterFeatures, EXPLORE_LAYER_IDS, EXPLORE_SOURCE_IDS, exploreLayerVisibility, explorePaint, GI_NOT_COMPUTED, hexFeatures } from '../../map/exploreLayers';
import { hatchImage, HATCH_IMAGE_ID } from '../../map/explorePalette';
import { SOURCE_IDS } from '../../map/layers';
import { unitsToRedraw } from '../../map/featureStateDiff';
import { stateTarget } from '../../map/tileProtocol';
import { canSeeHouseholdHeatmap, CURRENT_AUDIENCE } from '../common/audience';
import { shownMap, type ExploreController, type ExploreState } from './exploreController';
import { exploreView, gapNeed } from '../common/exploreSettings';
import { markNeedMapDrawn, type ExploreSnapshot } from '../common/map/readiness';

export type { ExploreSnapshot };

type PaintProperty = Parameters<MapLibreMap['setPaintProperty']>[1];

/** Exposes the snapshot as `window.__calmap.explore` (read-only, for tests). */
function publish(snapshot: ExploreSnapshot): void {
  if (import.meta.env.CALMAP_TEST_HOOKS && window.__calmap) window.__calmap.explore = snapshot;
}

const sourceOfUnit = (kind: string): string => (kind === 'street' ? SOURCE_IDS.streets : kind === 'estate' ? SOURCE_IDS.estates : kind === 'district' ? SOURCE_IDS.districts : EXPLORE_SOURCE_IDS.hexes);

/** Calls `set(source, id)` for every map feature of unit `u` (a street unit is several street records). */
function forEachFeature(layer: ExploreLayer, u: number, set: (source: string, id: string) => void): void {
  if (layer.kind === 'street' && layer.streetIds) for (const id of layer.streetIds[u] ?? []) set(SOURCE_IDS.streets, id);
  else set(sourceOfUnit(layer.kind), layer.unitIds[u]!);
}

interface Drawn {
  hexKey: string;
  layer: ExploreLayer | null;
  needMap: unknown;
  hotSpots: unknown;
  lisa: unknown;
  coverage: unknown;
  matching: unknown;
  clusters: unknown;
  viewKey: string;
  servesKey: string;
  /** The feature-state columns written last on `layer` (per unit), so the next draw writes only the units that differ. */
  columns: { need: Uint8Array[] | null; gi: Int8Array[] | null; lisa: Uint8Array[] | null; gapHelp: Uint8Array[] | null };
}
const nothingDrawn = (): Drawn => ({
  hexKey: '',
  layer: null,
  needMap: null,
  hotSpots: null,
  lisa: null,
  coverage: null,
  matching: null,
  clusters: null,
  viewKey: '',
  servesKey: '',
  columns: { need: null, gi: null, lisa: null, gapHelp: null },
});

/**
 * Draws the explore controller's answers on the map: feature-state for values (class, Gi bin, gap, serves),
 * setData only for new geometry (hexagons once per size, cluster outlines), visibility and paint for the view.
 * Runs in the controller's listener, not in a React render, so a weight change reaches the map without waiting
 * for React. `mapData` (the town's sources) is a dependency: new town data, everything is drawn again.
 */
export function useExploreMap(
  map: MapLibreMap | null,
  styleReady: boolean,
  controller: ExploreController | null,
  workspace: Workspace | null,
  mapData: unknown,
  clusterLabel: (index: number) => string,
): void {
  const labelRef = useRef(clusterLabel);
  useEffect(() => {
    labelRef.current = clusterLabel;
  }, [clusterLabel]);

  useEffect(() => {
    if (!map || !styleReady || !controller) return;
    if (!map.hasImage(HATCH_IMAGE_ID)) map.addImage(HATCH_IMAGE_ID, hatchImage(12, 2), { pixelRatio: 1 });
    let drawn: Drawn = nothingDrawn();
    const heatmapAllowed = canSeeHouseholdHeatmap(CURRENT_AUDIENCE);

    const draw = (state: ExploreState) => {
      const { results, settings } = state;
      const view = exploreView(settings);
      const viewKey = JSON.stringify(view);
      if (viewKey !== drawn.viewKey) {
        const visible = exploreLayerVisibility(view, heatmapAllowed);
        for (const id of EXPLORE_LAYER_IDS) setLayerVisible(map, id, visible[id] === true);
        for (const [id, property, value] of explorePaint(view)) if (map.getLayer(id)) map.setPaintProperty(id, property as PaintProperty, value as Parameters<MapLibreMap['setPaintProperty']>[2]);
        drawn.viewKey = viewKey;
      }

      const layer = results.layer;
      if (layer && layer.kind === 'hex' && layer.key !== drawn.hexKey) {
        map.getSource<GeoJSONSource>(EXPLORE_SOURCE_IDS.hexes)?.setData(hexFeatures(layer));
        drawn.hexKey = layer.key;
      }

      const needMap = shownMap(state);
      let recoloured = false;
      // On the layer drawn last time, only units whose state differs are written again (map/featureStateDiff.ts).
      const sameLayer = layer !== null && layer === drawn.layer;
      if (!sameLayer) drawn.columns = { need: null, gi: null, lisa: null, gapHelp: null };
      if (layer && needMap && needMap.layerKey === layer.key && (needMap !== drawn.needMap || layer !== drawn.layer)) {
        const columns = [Uint8Array.from(needMap.classOfUnit), Uint8Array.from(needMap.uncertain)];
        for (const u of unitsToRedraw(sameLayer ? drawn.columns.need : null, columns)) {
          const cls = needMap.classOfUnit[u]!;
          const uncertain = needMap.uncertain[u] === 1;
          forEachFeature(layer, u, (source, id) => map.setFeatureState(stateTarget(map, source, id), { cls, uncertain }));
        }
        drawn.columns.need = columns;
        drawn.needMap = needMap;
        recoloured = true;
      }
      const hotSpots = results.hotSpots;
      if (layer && hotSpots && hotSpots.layerKey === layer.key && (hotSpots !== drawn.hotSpots || layer !== drawn.layer)) {
        const gis = Int8Array.from({ length: layer.unitIds.length }, (_, u) => (hotSpots.computed[u] ? hotSpots.giBinFdr[u]! : GI_NOT_COMPUTED));
        for (const u of unitsToRedraw(sameLayer ? drawn.columns.gi : null, [gis])) {
          const gi = gis[u]!;
          forEachFeature(layer, u, (source, id) => map.setFeatureState(stateTarget(map, source, id), { gi }));
        }
        drawn.columns.gi = [gis];
        drawn.hotSpots = hotSpots;
        recoloured = true;
      }
      const lisa = results.lisa;
      if (layer && lisa && lisa.layerKey === layer.key && (lisa !== drawn.lisa || layer !== drawn.layer)) {
        const quadrants = Uint8Array.from(lisa.quadrant);
        for (const u of unitsToRedraw(sameLayer ? drawn.columns.lisa : null, [quadrants])) {
          const cls = lisa.quadrant[u]!;
          forEachFeature(layer, u, (source, id) => map.setFeatureState(stateTarget(map, source, id), { lisa: cls }));
        }
        drawn.columns.lisa = [quadrants];
        drawn.lisa = lisa;
        recoloured = true;
      }
      // The matching view's gaps (need high, no help of either kind within reach) and help units take the gap outline
      // and the help outline; otherwise the gap switch shows institutions' coverage.
      const matching = settings.subject === 'matching' ? results.matching : null;
      if (layer && matching && matching.layerKey === layer.key && (matching !== drawn.matching || layer !== drawn.layer)) {
        const gapHelp = [Uint8Array.from(matching.gap, (g) => (g === 1 ? 1 : 0)), Uint8Array.from(matching.offering, (o) => (o === 1 ? 1 : 0))];
        for (const u of unitsToRedraw(sameLayer ? drawn.columns.gapHelp : null, gapHelp)) {
          const gap = gapHelp[0]![u] === 1;
          const help = gapHelp[1]![u] === 1;
          forEachFeature(layer, u, (source, id) => map.setFeatureState(stateTarget(map, source, id), { gap, help }));
        }
        drawn.columns.gapHelp = gapHelp;
        drawn.matching = matching;
        drawn.coverage = null;
      }
      const coverage = settings.subject === 'needs' ? results.coverage : null;
      if (layer && coverage && coverage.layerKey === layer.key && (coverage !== drawn.coverage || layer !== drawn.layer)) {
        const gapHelp = [Uint8Array.from(coverage.gap, (g) => (g === 1 ? 1 : 0)), new Uint8Array(layer.unitIds.length)];
        for (const u of unitsToRedraw(sameLayer ? drawn.columns.gapHelp : null, gapHelp)) {
          const gap = gapHelp[0]![u] === 1;
          forEachFeature(layer, u, (source, id) => map.setFeatureState(stateTarget(map, source, id), { gap, help: false }));
        }
        drawn.columns.gapHelp = gapHelp;
        drawn.coverage = coverage;
        drawn.matching = null;
      }
      drawn.layer = layer;

      const servesKey = view.gaps && workspace ? gapNeed(settings) : '';
      if (servesKey !== drawn.servesKey && workspace) {
        for (const r of workspace.resources) map.setFeatureState({ source: SOURCE_IDS.resources, id: r.id }, { serves: servesKey !== '' && r.serves.some((n) => n === servesKey) });
        drawn.servesKey = servesKey;
      }

      const clusters = settings.clusters ? results.clusters : null;
      if (clusters !== drawn.clusters) {
        map.getSource<GeoJSONSource>(EXPLORE_SOURCE_IDS.clusters)?.setData(clusterFeatures(clusters?.clusters ?? [], (i) => labelRef.current(i)));
        drawn.clusters = clusters;
      }

      if (recoloured && layer && needMap) {
        const snapshot: ExploreSnapshot = {
          unitKind: layer.kind,
          layerKey: layer.key,
          campaignId: needMap.campaignId,
          unitIds: [...layer.unitIds],
          labels: [...layer.labels],
          values: Array.from(needMap.values),
          classes: Array.from(needMap.classOfUnit),
          responses: Array.from(needMap.responses),
          households: Array.from(layer.households),
          centers: Array.from(layer.centers),
          breaks: [...needMap.breaks],
          giBin: hotSpots && hotSpots.layerKey === layer.key && view.colourMode === 'hotSpots' ? Array.from(hotSpots.giBinFdr) : null,
          lisa: lisa && lisa.layerKey === layer.key && view.colourMode === 'lisa' ? Array.from(lisa.quadrant) : null,
          clusterIds: (clusters?.clusters ?? []).map((c) => c.id),
          requestedAt: results.needMapRequestedAt,
          recolouredAt: NaN,
        };
        // The first frame drawn after the feature-state change: the map shows the new colours.
        map.once('render', () => {
          snapshot.recolouredAt = performance.now();
          markNeedMapDrawn();
          publish(Object.freeze(snapshot));
        });
        map.triggerRepaint();
      } else if (import.meta.env.CALMAP_TEST_HOOKS && clusters && window.__calmap?.explore && window.__calmap.explore.clusterIds.length !== clusters.clusters.length) {
        publish(Object.freeze({ ...window.__calmap.explore, clusterIds: clusters.clusters.map((c) => c.id) }));
      }
    };

    draw(controller.getState());
    const unsubscribe = controller.subscribe(() => draw(controller.getState()));
    return () => {
      unsubscribe();
      drawn = nothingDrawn();
    };
  }, [map, styleReady, controller, workspace, mapData]);
}
