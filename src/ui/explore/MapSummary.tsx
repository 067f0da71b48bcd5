import type { Workspace } from '../../domain';
import { LAYER_GROUPS, type LayerGroup } from '../../map/layers';
import { ExploreSummary } from './ExploreSummary';
import { useT } from '../i18n/useT';
import { formatHouseholds } from '../common/format';
import { useAppState } from '../shell/appStore';
import { GROUP_LABEL_KEYS } from './LayerPanel';

interface MapSummaryProps {
  workspace: Workspace;
  totalHouseholds: number;
  visibleGroups: Readonly<Record<LayerGroup, boolean>>;
}

/** The map in words, for screen readers (UX.md): what the town holds and which layers are shown. */
export function MapSummary({ workspace, totalHouseholds, visibleGroups }: MapSummaryProps) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const visible = LAYER_GROUPS.filter((g) => visibleGroups[g]).map((g) => t(GROUP_LABEL_KEYS[g]).toLocaleLowerCase());
  return (
    <p className="visually-hidden" id="map-summary" data-testid="map-summary">
      {t('mapSummary', {
        town: workspace.organisation.town,
        districts: workspace.areas.filter((a) => a.kind === 'district').length,
        estates: workspace.areas.filter((a) => a.kind === 'estate').length,
        streets: workspace.streets.length,
        addresses: workspace.addresses.length,
        households: formatHouseholds(language, totalHouseholds),
        resources: workspace.resources.length,
        layers: visible.length ? visible.join(', ') : t('mapSummaryNone'),
      })}
      <ExploreSummary />
    </p>
  );
}
