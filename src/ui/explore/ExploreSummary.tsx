import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { hotSpotsApply } from '../common/exploreSettings';
import { topUnitsSummary } from './exploreText';
import { legendTitle } from '../common/viewText';
import { useExploreState } from './useExplore';
import { shownMap } from './exploreController';

/** The need map in words for screen readers: what is measured, then the top units ("Najwyższa potrzeba: ul. X 58 %, …"). */
export function ExploreSummary() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const state = useExploreState();
  const layer = state?.results.layer;
  const needMap = state ? shownMap(state) : null;
  if (!state || !layer || !needMap || needMap.layerKey !== layer.key) return null;
  const campaign = state.campaigns.find((c) => c.id === needMap.campaignId);
  const hotSpots = state.results.hotSpots;
  const hot = hotSpotsApply(state.settings) && hotSpots && hotSpots.layerKey === layer.key ? Array.from(hotSpots.giBinFdr).filter((b) => b >= 2).length : null;
  return (
    <span data-testid="explore-summary">
      {' '}
      {legendTitle(state.settings, campaign, language)}. {topUnitsSummary(layer, needMap, language, 5, state.settings.subject === 'resources' ? 'exploreSummaryTopOffers' : 'exploreSummaryTop')}
      {hot !== null ? ` ${t('exploreSummaryHot', { count: hot })}` : ''}
    </span>
  );
}
