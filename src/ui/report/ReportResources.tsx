import { useEffect, useState } from 'react';
import type { ExploreLayer } from '../../analysis/exploreSession';
import { NEED_BY_ID, NEED_CATEGORY_IDS, OFFER_IDS, OFFER_LABELS, type Workspace } from '../../domain';
import { leaderCandidateRows, leaderCountsByEstate, leaderEstates } from '../common/leaderCandidates';
import { DEFAULT_MATCH_DISTANCE_METERS, MIN_RESPONSES } from '../../domain/units';
import { formatCount, formatPercent } from '../common/format';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { useAnalysis } from '../shell/useAnalysis';
import type { OfferWeights } from '../common/plannerView';
import { potentialIndexText } from '../common/viewText';
import { gapRows, resourceRows, type GapRow, type ResourceRow } from './resourcesSection';

/**
 * "Zasoby" (issue 14): residents' resources per estate (the potential index and the leading offer, hidden below k as
 * on the map) and the estates where a need has no help nearby, from the shared worker on the report's own channels.
 * A section of its own, so the report's other sections are not touched.
 */
/**
 * `offerWeights`: the potential index's weights, the planner's from the link (common/plannerView.ts potentialWeightsOf);
 * `wave`: the report's wave in words, for the sentence that says which weights the index uses.
 */
export function ReportResources({ campaignId, workspace, offerWeights, wave, onSettled }: { campaignId: string; workspace: Workspace; offerWeights: OfferWeights; wave: string; onSettled?: (settled: boolean) => void }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const [data, setData] = useState<{ rows: ResourceRow[]; gaps: GapRow[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (analysis.status !== 'ready') return;
    const { client } = analysis;
    const controller = new AbortController();
    const options = (channel: string) => ({ signal: controller.signal, channel: `report:resources:${channel}` });
    const unit = { kind: 'estate' as const };
    const ok = <T,>(o: { ok: true; value: T } | { ok: false; message: string }): T => {
      if (!o.ok) throw new Error(o.message);
      return o.value;
    };
    setData(null);
    setFailed(null);
    onSettled?.(false);
    void (async () => {
      const [estates, layer, potential, ...rest] = await Promise.all([
        // Leader candidates per estate as the engine places answers (the Liderzy list uses the same rows): counts only.
        leaderEstates(client, workspace, { signal: controller.signal, channel: 'report:resources:leaders' }),
        client.layer(unit, { signal: controller.signal }).then(ok),
        client.offerMap({ unit, campaignId, selection: { kind: 'index', weights: offerWeights }, minResponses: MIN_RESPONSES }, options('potential')).then(ok),
        ...OFFER_IDS.map((offerId) => client.offerMap({ unit, campaignId, selection: { kind: 'offer', offerId }, minResponses: MIN_RESPONSES }, options(offerId)).then(ok)),
      ]);
      const matchings = await Promise.all(NEED_CATEGORY_IDS.map((needId) => client.matching({ unit, campaignId, needId, thresholdMeters: DEFAULT_MATCH_DISTANCE_METERS, minResponses: MIN_RESPONSES }, options(needId)).then(ok)));
      setData({ rows: resourceRows(layer as ExploreLayer, potential, rest as typeof potential[], leaderCountsByEstate(leaderCandidateRows(workspace, [], estates), campaignId)), gaps: gapRows(layer as ExploreLayer, matchings) });
      onSettled?.(true);
    })().catch((error: unknown) => {
      if (controller.signal.aborted) return; // a newer wave's request replaced this one
      setFailed(error instanceof Error ? error.message : String(error));
      onSettled?.(true);
    });
    return () => controller.abort();
  }, [analysis, campaignId, workspace, offerWeights, onSettled]);

  return (
    <section className="report-section" aria-labelledby="report-resources-title" data-testid="report-zasoby" data-ready={data !== null || failed !== null ? 'true' : 'false'}>
      <h2 id="report-resources-title">{t('reportResourcesTitle')}</h2>
      {failed !== null ? (
        <p role="alert">{t('reportResourcesFailed', { reason: failed })}</p>
      ) : !data ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p data-testid="report-zasoby-index">{t('reportResourcesIndexUsed', { index: potentialIndexText(offerWeights, language, wave) })}</p>
          <table className="report-table report-small">
            <caption>{t('reportResourcesTableCaption', { k: MIN_RESPONSES })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reportResourcesEstate')}</th>
                <th scope="col" className="num">{t('reportResourcesAnswers')}</th>
                <th scope="col" className="num">{t('reportResourcesPotential')}</th>
                <th scope="col">{t('reportResourcesTopOffer')}</th>
                <th scope="col" className="num">{t('reportResourcesLeaders')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.estateId}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{formatCount(language, row.responses)}</td>
                  <td className="num">{row.potential === null ? t('reportResourcesHidden') : formatPercent(language, row.potential, 1)}</td>
                  <td>{row.topOffer ? `${row.topOffer.offerIds.map((id) => OFFER_LABELS[id][language]).join(', ')} (${formatPercent(language, row.topOffer.rate, 0)})` : '—'}</td>
                  <td className="num" data-testid="report-zasoby-leaders">{row.leaders === null ? '—' : formatCount(language, row.leaders)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('reportResourcesGapsTitle', { meters: DEFAULT_MATCH_DISTANCE_METERS })}</h3>
          {data.gaps.length === 0 ? (
            <p>{t('reportResourcesGapsNone')}</p>
          ) : (
            <ul data-testid="report-zasoby-gaps">
              {data.gaps.map((g) => (
                <li key={g.needId}>
                  {NEED_BY_ID[g.needId].label[language]}: {g.estates.join(', ')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
