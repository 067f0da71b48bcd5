import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, type ComponentProps } from 'react';
import type { MapData } from '../../map/mapData';
import { MapView } from '../common/map/MapView';
import { useT } from '../i18n/useT';
import { useAppState, type FeatureRef } from '../shell/appStore';
import { shownMap, type ExploreController } from './exploreController';
import { unitIndexOf, unitTooltip } from './exploreText';
import { useExploreController, useExploreState } from './useExplore';
import { useExploreMap } from './useExploreMap';

type ExploreMapProps = Omit<ComponentProps<typeof MapView>, 'preferKind' | 'describeHover' | 'children'>;

/**
 * The town map of the map screen: the shared map frame (common/map/MapView) with the need map drawn over it, clicks
 * preferring the unit kind the need map colours, and tooltips giving a unit's share with its base.
 */
export function ExploreMap(props: ExploreMapProps) {
  const explore = useExploreController();
  const exploreState = useExploreState();
  const language = useAppState((s) => s.language);
  const preferKind = exploreState?.ready && exploreState.settings.campaignId ? exploreState.settings.unit : null;

  const results = exploreState?.results;
  const needMapShown = exploreState ? shownMap(exploreState) : null;
  const describeHover = useCallback(
    (ref: FeatureRef): string | undefined => {
      const layer = results?.layer;
      const needMap = needMapShown;
      if (!layer || !needMap || needMap.layerKey !== layer.key || ref.kind !== layer.kind) return undefined;
      const unit = unitIndexOf(layer, ref.id);
      return unit === undefined ? undefined : unitTooltip(layer, needMap, unit, language);
    },
    [results, needMapShown, language],
  );

  return (
    <MapView {...props} preferKind={preferKind} describeHover={describeHover}>
      {(map, townDrawn) => <NeedMapLayers map={map} townDrawn={townDrawn} explore={explore} mapData={props.mapData} />}
    </MapView>
  );
}

/** Draws the explore controller's need map, hot spots, clusters and gaps on the map (no DOM of its own). */
function NeedMapLayers({ map, townDrawn, explore, mapData }: { map: MapLibreMap | null; townDrawn: boolean; explore: ExploreController | null; mapData: MapData | null }) {
  const t = useT();
  const load = useAppState((s) => s.load);
  const clusterLabel = useCallback((i: number) => t('clusterLabel', { n: i + 1 }), [t]);
  useExploreMap(map, townDrawn, explore, load.status === 'ready' ? load.workspace : null, mapData, clusterLabel);
  return null;
}
