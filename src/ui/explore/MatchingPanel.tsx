import { OFFER_LABELS } from '../../domain';
import { MATCH_DISTANCE_CHOICES_METERS, MIN_RESPONSES, type MatchDistance } from '../../domain/units';
import { formatDistance, formatPercent } from '../common/format';
import { setMatchDistance } from '../common/exploreSettings';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { useExploreController, useExploreState } from './useExplore';

/** How many gap units the panel lists by name (the map outlines all of them). */
const GAP_ROWS = 8;

/**
 * "Gdzie potrzeba, a gdzie pomoc": the distance the planner counts as within reach, which residents' offers match the
 * need, and the gap units (need clearly above the town's, no help of either kind within reach), largest need first.
 * Help from residents is an aggregate of units with at least k answers (src/analysis/needOfferMatching.ts).
 */
export function MatchingPanel() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const controller = useExploreController();
  const state = useExploreState();
  if (!controller || !state || state.settings.subject !== 'matching') return null;
  const { settings, results } = state;
  const layer = results.layer;
  const matching = results.matching && layer && results.matching.layerKey === layer.key && results.matching.needId === settings.needId ? results.matching : null;
  const metres = (m: number) => (Number.isFinite(m) ? (formatDistance(language, m) ?? t('exploreMatchNone')) : t('exploreMatchNone'));
  const gapUnits = matching ? [...matching.gap.keys()].filter((u) => matching.gap[u] === 1).sort((a, b) => matching.needRates[b]! - matching.needRates[a]!) : [];

  return (
    <div className="matching-panel" data-testid="matching-panel">
      <label className="field-label" htmlFor="explore-match-distance">
        {t('exploreMatchDistance')}
      </label>
      <select
        id="explore-match-distance"
        className="select-input"
        value={settings.matchMeters}
        onChange={(e) => {
          const meters = Number(e.currentTarget.value) as MatchDistance;
          controller.update((s) => setMatchDistance(s, meters));
        }}
      >
        {MATCH_DISTANCE_CHOICES_METERS.map((m) => (
          <option key={m} value={m}>
            {t('exploreMatchDistanceOption', { meters: m })}
          </option>
        ))}
      </select>
      {matching ? (
        <>
          <p className="hint" data-testid="matching-offers">
            {matching.matchedOffers.length ? t('exploreMatchOffers', { offers: matching.matchedOffers.map((o) => OFFER_LABELS[o][language].toLocaleLowerCase(language)).join(', ') }) : t('exploreMatchNoOffers')}
          </p>
          <p className="hint" data-testid="matching-counts">
            {t('exploreMatchCounts', { help: matching.offeringCount, gaps: matching.gapCount })}
          </p>
          <h4 className="field-label">{t('exploreMatchGapsTitle', { meters: matching.thresholdMeters })}</h4>
          {gapUnits.length === 0 ? (
            <p className="hint" data-testid="matching-gaps-none">
              {t('exploreMatchGapsNone')}
            </p>
          ) : (
            <ul className="matching-gaps" data-testid="matching-gaps">
              {gapUnits.slice(0, GAP_ROWS).map((u) => (
                <li key={layer!.unitIds[u]} data-unit-id={layer!.unitIds[u]}>
                  {t('exploreMatchGapRow', {
                    unit: layer!.labels[u] ?? '',
                    rate: formatPercent(language, matching.needRates[u]!, 0),
                    responses: results.needMap?.layerKey === layer!.key ? (results.needMap.responses[u] ?? 0) : '',
                    town: formatPercent(language, matching.townRate, 0),
                    resident: metres(matching.residentMeters[u]!),
                    institution: metres(matching.institutionMeters[u]!),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p className="hint">{t('exploreMatchMethod', { k: MIN_RESPONSES })}</p>
        </>
      ) : null}
    </div>
  );
}
