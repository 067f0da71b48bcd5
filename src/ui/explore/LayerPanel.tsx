import { LAYER_GROUPS, type LayerGroup } from '../../map/layers';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { setGroupVisible, useAppState, useAppStore } from '../shell/appStore';
import type { Workspace } from '../../domain';
import { ExploreLegend } from './ExploreLegend';
import { ExplorePanel } from './ExplorePanel';
import { Legend } from '../common/Legend';
import { PlaceSearch } from './PlaceSearch';

export const GROUP_LABEL_KEYS: Readonly<Record<LayerGroup, MessageKey>> = {
  districts: 'layerDistricts',
  estates: 'layerEstates',
  streets: 'layerStreets',
  addresses: 'layerAddresses',
  resources: 'layerResources',
};

/** Left panel: "Co pokazać": the layer switches and the legend. */
export function LayerPanel({ workspace }: { workspace: Workspace | null }) {
  const t = useT();
  const store = useAppStore();
  const visible = useAppState((s) => s.visibleGroups);

  return (
    <div className="panel-body">
      <h2 className="panel-title">{t('whatToShow')}</h2>
      <ExplorePanel legend={<ExploreLegend />} />
      {workspace ? <PlaceSearch workspace={workspace} /> : null}
      <fieldset className="layer-list">
        <legend className="section-title">{t('layers')}</legend>
        {LAYER_GROUPS.map((group) => (
          <label key={group} className="layer-toggle">
            <input
              type="checkbox"
              name={`layer-${group}`}
              data-layer-group={group}
              checked={visible[group]}
              onChange={(event) => setGroupVisible(store, group, event.currentTarget.checked)}
            />
            <span>{t(GROUP_LABEL_KEYS[group])}</span>
          </label>
        ))}
        <p className="hint">{t('addressesZoomHint')}</p>
      </fieldset>
      <Legend />
    </div>
  );
}
