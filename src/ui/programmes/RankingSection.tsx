import type { Dispatch } from 'react';
import type { CampaignInfo, RankedCandidate, RankingResult } from '../../analysis/exploreSession';
import { NEED_CATEGORIES, NEED_CATEGORY_IDS } from '../../domain';
import { formatPercent } from '../common/format';
import { needLabel, waveLabel } from '../common/viewText';
import type { Language } from '../i18n/dictionary';
import type { useT } from '../i18n/useT';
import type { NeedChoice, NeedWeights } from '../common/plannerView';
import type { ProgrammesAction, ProgrammesState } from './programmesState';
import { analysisRefusalText, type AnalysisFailure } from '../i18n/analysisRefusalText';

interface RankingSectionProps {
  state: ProgrammesState;
  dispatch: Dispatch<ProgrammesAction>;
  campaigns: readonly CampaignInfo[];
  effectiveCampaign: string | null;
  mapWeights: NeedWeights | null;
  ranking: RankingResult | null;
  rankingError: AnalysisFailure | null;
  language: Language;
  t: ReturnType<typeof useT>;
}

/** The ranking of candidate target areas for the chosen wave and need, with the reasons; rows pick the target. */
export function RankingSection({ state, dispatch, campaigns, effectiveCampaign, mapWeights, ranking, rankingError, language, t }: RankingSectionProps) {
  const campaign = campaigns.find((c) => c.id === effectiveCampaign);
  return (
    <section aria-labelledby="programmes-ranking-title">
      <h3 id="programmes-ranking-title">{t('progRankingTitle')}</h3>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-field">
          <label className="filter-label" htmlFor="programmes-wave">
            {t('progWave')}
          </label>
          <select id="programmes-wave" className="select-input" value={effectiveCampaign ?? ''} onChange={(e) => dispatch({ type: 'chooseWave', campaignId: e.target.value })}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {waveLabel(c, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label className="filter-label" htmlFor="programmes-need">
            {t('progNeeds')}
          </label>
          <select id="programmes-need" className="select-input" value={state.need} onChange={(e) => dispatch({ type: 'chooseNeed', need: e.target.value as NeedChoice })}>
            <option value="index">{t('progIndexAll')}</option>
            {mapWeights ? <option value="mapWeights">{t('progIndexMap')}</option> : null}
            {NEED_CATEGORIES.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label[language]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="segmented">
          <legend className="filter-label">{t('progCandidates')}</legend>
          {(['estate', 'district', 'cluster'] as const).map((k) => (
            <label key={k} className="segmented-option">
              <input type="radio" name="programmes-kind" value={k} checked={state.kind === k} onChange={() => dispatch({ type: 'chooseKind', kind: k })} />
              <span>{t(k === 'estate' ? 'progCandEstate' : k === 'district' ? 'progCandDistrict' : 'progCandCluster')}</span>
            </label>
          ))}
        </fieldset>
      </form>
      <p className="hint">{t('progRankingHint')}</p>
      <p className="hint">{t('gapRule', { meters: ranking?.thresholdMeters ?? 800 })}</p>
      {rankingError ? <p role="alert">{analysisRefusalText(rankingError, language)}</p> : null}
      {!ranking && !rankingError ? <p role="status">{t('progRankingLoading')}</p> : null}
      {ranking && ranking.targets.length === 0 ? <p>{t('progRankingEmpty')}</p> : null}
      {ranking && ranking.targets.length > 0 ? (
        <div className="table-scroll programmes-ranking-scroll">
          <table className="data-table programmes-ranking" data-testid="programmes-ranking">
            <caption className="visually-hidden">{t('progRankingCaption', { wave: campaign ? waveLabel(campaign, language) : '' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('progColRank')}</th>
                <th scope="col">{t('progColArea')}</th>
                <th scope="col">{t('progColScore')}</th>
                <th scope="col">{t('progColWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.targets.map((c) => {
                const name = candidateName(c, t);
                const checked = state.selectedIds.includes(c.id);
                return (
                  <tr key={c.id} data-id={c.id} aria-selected={checked} className={checked ? 'is-selected' : undefined}>
                    <td>{c.rank}</td>
                    <th scope="row">
                      <label className="programmes-pick">
                        <input type="checkbox" checked={checked} onChange={() => dispatch({ type: 'toggleCandidate', id: c.id })} aria-label={t('progSelectRow', { name })} />
                        <span>{name}</span>
                      </label>
                    </th>
                    <td className="numeric">
                      {c.suppressed ? '–' : t('progScore', { score: Math.round(c.score), index: formatPercent(language, c.index, 0), households: c.households })}
                    </td>
                    <td className="programmes-why">
                      {c.suppressed ? (
                        t('progSuppressed')
                      ) : (
                        <>
                          <span>{t('progTopNeeds', { needs: c.topContributions.map((n) => `${needLabel(n.needId, language)} ${formatPercent(language, n.rate, 0)}`).join(', ') })}</span>
                          <span data-testid="programmes-gaps" data-needs={c.gaps.map((g) => g.needId).join(' ')}>{c.gaps.length > 0 ? t('progGaps', { needs: c.gaps.map((g) => needLabel(g.needId, language)).join(', ') }) : t('progNoGaps')}</span>
                          <span className="programmes-above">{t('progAboveAverage', { count: c.aboveAverageCount, total: NEED_CATEGORY_IDS.length })}</span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** "Osiedle Górnicze"; a cluster has no name: "Skupisko 3". */
export function candidateName(c: RankedCandidate, t: ReturnType<typeof useT>): string {
  return c.label ?? (c.kind === 'cluster' ? t('clusterLabel', { n: c.rank }) : c.id);
}
