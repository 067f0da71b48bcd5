import { dataAttribution } from '../i18n/attribution';
import { MIN_RESPONSES } from '../../domain/units';
import { useEffect, useId, useMemo, useState } from 'react';
import { NEED_BY_ID, type NeedCategoryId } from '../../domain';
import { NEED_CLASS_COLOURS, EXPLORE_COLOURS } from '../../map/explorePalette';

import { classLabels, needChoiceText } from '../common/viewText';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS, SURVEY_METHOD_LABELS, type Language } from '../i18n/dictionary';
import { useAppState } from '../shell/appStore';
import { useUrlSnapshot } from '../shell/url/urlStore';
import { needChoiceOf, potentialWeightsOf, usableWeights, type OfferWeights } from '../common/plannerView';
import { useT } from '../i18n/useT';
import { formatCount, formatDate, formatHouseholds, formatPercent } from '../common/format';
import type { ResponseRateRow } from '../common/responseRateRows';
import { ReportMap } from './ReportMap';
import { ReportResources } from './ReportResources';
import { clusterNumbers, estateRateRows, problemRanking, REPORT_TOP_STREETS, topStreetRateRows } from './reportModel';
import { useReportData, type ReportData } from './useReportData';
import { analysisRefusalText } from '../i18n/analysisRefusalText';
import './report.css';

declare global {
  interface Window {
    /** For tests: the report has all its numbers and its map. */
    __calmapReport?: { ready: boolean; campaignId: string };
  }
}

/**
 * "Mapa zasobów i potrzeb" (UX.md "The printed report"): one A4 document for a council meeting or a grant
 * application, laid out for print CSS (report.css). Every number comes from the shared worker through the same
 * queries the map and the survey view send, so the report and the screen agree.
 */
export function ReportView() {
  const language = useAppState((s) => s.language);
  // The planner's view travels in the link (src/share/viewState.ts): the wave, one need or the index and weights.
  const urlState = useUrlSnapshot().state;
  const mapWeights = useMemo(() => usableWeights(urlState.weights), [urlState.weights]);
  const need = needChoiceOf(urlState, mapWeights);
  const offerWeights = useMemo(() => potentialWeightsOf(urlState.offerWeights), [urlState.offerWeights]);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const state = useReportData(campaignId ?? urlState.campaignId, need, mapWeights);
  const t = useT();
  const selectId = useId();

  // The report is ready to print when its data and the residents' section (its own worker calls) have arrived.
  const [resourcesSettled, setResourcesSettled] = useState(false);
  useEffect(() => {
    if (!import.meta.env.CALMAP_TEST_HOOKS) return;
    window.__calmapReport = state.status === 'ready' && resourcesSettled ? { ready: true, campaignId: state.data.campaignId } : undefined;
    return () => {
      window.__calmapReport = undefined;
    };
  }, [state, resourcesSettled]);

  if (state.status === 'loading') return <main className="report report-status"><p role="status">{t('reportLoading')}</p></main>;
  if (state.status === 'failed')
    return (
      <main className="report report-status">
        <p role="alert">{t('reportFailed', { reason: analysisRefusalText(state.failure, language) })}</p>
      </main>
    );
  const { data } = state;

  return (
    <main className="report" data-testid="report" data-ready="true">
      <div className="report-toolbar">
        <label htmlFor={selectId}>{t('reportWave')}</label>
        <select id={selectId} className="select-input" value={data.campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          {data.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="button-primary report-print" onClick={() => window.print()}>
          {t('reportPrint')}
        </button>
      </div>
      <ReportDocument data={data} offerWeights={offerWeights} language={language} onResourcesSettled={setResourcesSettled} />
    </main>
  );
}

const needName = (id: NeedCategoryId, language: Language) => NEED_BY_ID[id].label[language];

function RateTable({ rows, caption, unitHeader, language, testId }: { rows: ResponseRateRow[]; caption: string; unitHeader: string; language: Language; testId: string }) {
  const t = useT();
  return (
    <table className="report-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{unitHeader}</th>
          <th scope="col" className="num">{t('reportHouseholds')}</th>
          <th scope="col" className="num">{t('reportAnswers')}</th>
          <th scope="col" className="num">{t('reportRate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.unitId} data-id={row.unitId}>
            <th scope="row">{row.label}</th>
            <td className="num">{formatHouseholds(language, row.households)}</td>
            <td className="num">{formatCount(language, row.responses)}</td>
            <td className="num">{row.responseRate === null ? '—' : formatPercent(language, row.responseRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportDocument({ data, offerWeights, language, onResourcesSettled }: { data: ReportData; offerWeights: OfferWeights; language: Language; onResourcesSettled: (settled: boolean) => void }) {
  const t = useT();
  const { workspace } = data;
  const town = workspace.organisation.town;
  const campaign = workspace.campaigns.find((c) => c.id === data.campaignId)!;
  const waveOf = (id: string) => {
    const c = data.campaigns.find((x) => x.id === id);
    return c ? `${t('reportWaveName').toLocaleLowerCase()} ${c.wave} (${c.startDate.slice(0, 4)})` : id;
  };
  const wave = waveOf(data.campaignId);
  const dates = (c: { startDate: string; endDate: string }) => `${formatDate(language, c.startDate)} – ${formatDate(language, c.endDate)}`;
  const households = workspace.addresses.reduce((sum, a) => sum + (a.households ?? Number.NaN), 0);
  const districts = workspace.areas.filter((a) => a.kind === 'district').map((a) => a.name);
  const estates = workspace.areas.filter((a) => a.kind === 'estate');
  const problems = problemRanking(data.ranking);
  const maxRate = Math.max(...problems.map((p) => p.rate), 0.01);
  const numbers = clusterNumbers(data.ranking);
  const targetName = (target: ReportData['ranking']['targets'][number]) => (target.kind === 'cluster' ? t('reportCluster', { n: numbers.get(target.id) ?? 0 }) : (target.label ?? target.id));
  const needList = (ids: readonly NeedCategoryId[]) => ids.map((id) => needName(id, language).toLocaleLowerCase(language === 'pl' ? 'pl-PL' : 'en-GB')).join(', ');
  const view = needChoiceText(data.need, data.mapWeights, language);
  const viewLower = data.need === 'index' || data.need === 'mapWeights' ? view : view.toLocaleLowerCase(language === 'pl' ? 'pl-PL' : 'en-GB');
  const legend = classLabels(data.viewMap.breaks, language, data.viewMap);
  const drawnClusters = data.ranking.targets.filter((target) => target.kind === 'cluster' && target.geometry);
  const unassigned = data.streets.map.unassignedResponses;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <article className="report-page" lang={language}>
      <header className="report-head">
        <h1>{t('reportTitle', { town })}</h1>
        <p className="report-sub">{t('reportPrepared', { organisation: workspace.organisation.name, date: formatDate(language, today) })}</p>
        <p className="report-view" data-testid="report-view">
          {t('reportView', { wave, view: viewLower })}
        </p>
      </header>

      <section className="report-section" aria-labelledby="report-area">
        <h2 id="report-area">{t('reportAreaTitle')}</h2>
        <p>
          {/* Numbers, not formatted text: each picks its word's plural form ("243 ulice", "8112 adresów"). */}
          {t(Number.isFinite(households) ? 'reportAreaText' : 'reportAreaTextHouseholdsUnknown', {
            town,
            districts: districts.join(', '),
            estates: estates.length,
            streets: data.streets.layer.unitIds.length,
            addresses: workspace.addresses.length,
            households,
          })}
        </p>
        <table className="report-table" data-testid="report-waves">
          <caption>{t('reportWavesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reportWaveName')}</th>
              <th scope="col">{t('reportDates')}</th>
              <th scope="col">{t('reportMethod')}</th>
              <th scope="col" className="num">{t('reportTargeted')}</th>
              <th scope="col" className="num">{t('reportAnswers')}</th>
              <th scope="col" className="num">{t('reportRate')}</th>
            </tr>
          </thead>
          <tbody>
            {[...workspace.campaigns]
              .sort((a, b) => a.wave - b.wave)
              .map((c) => {
                const total = data.waveTotals.get(c.id) ?? NaN;
                return (
                  <tr key={c.id} data-id={c.id}>
                    <th scope="row">{c.wave}</th>
                    <td>{dates(c)}</td>
                    <td>{SURVEY_METHOD_LABELS[c.method][language]}</td>
                    <td className="num">{formatCount(language, c.householdsTargeted)}</td>
                    <td className="num">{Number.isFinite(total) ? formatCount(language, total) : '—'}</td>
                    <td className="num">{formatPercent(language, total / c.householdsTargeted)}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-method">
        <h2 id="report-method">{t('reportMethodTitle')}</h2>
        <p>
          {t('reportMethodText', {
            method: SURVEY_METHOD_LABELS[campaign.method][language],
            dates: dates(campaign),
            answers: formatCount(language, data.streets.map.totalResponses),
            unassigned: formatCount(language, unassigned),
          })}
        </p>
        <div className="report-columns">
          <RateTable rows={estateRateRows(data.estates.layer, data.estates.map)} caption={t('reportEstatesCaption', { wave })} unitHeader={t('reportEstate')} language={language} testId="report-estates" />
          <RateTable
            rows={topStreetRateRows(data.streets.layer, data.streets.map)}
            caption={t('reportStreetsCaption', { n: REPORT_TOP_STREETS, wave })}
            unitHeader={t('reportStreet')}
            language={language}
            testId="report-streets"
          />
        </div>
      </section>

      <section className="report-section report-map-section" aria-labelledby="report-map">
          <h2 id="report-map">{t('reportMapTitle', { view })}</h2>
          <figure className="report-figure">
            <ReportMap
              areas={workspace.areas}
              streets={workspace.streets}
              estates={data.estates.layer}
              needMap={data.viewMap}
              clusters={drawnClusters}
              clusterNumber={(id) => numbers.get(id)}
              label={t('reportMapAlt', { town, view: viewLower })}
            />
            <figcaption>
              <ul className="report-legend">
                {legend.map((label, i) => (
                  <li key={label + i}>
                    <span className="report-swatch" style={{ background: NEED_CLASS_COLOURS[i] }} aria-hidden="true" />
                    {label}
                  </li>
                ))}
                <li>
                  <span className="report-swatch report-swatch-hatched" style={{ background: EXPLORE_COLOURS.suppressed }} aria-hidden="true" />
                  {t('reportLegendSuppressed', { k: MIN_RESPONSES })}
                </li>
                {drawnClusters.length ? (
                  <li>
                    <span className="report-swatch report-swatch-cluster" style={{ borderColor: EXPLORE_COLOURS.cluster }} aria-hidden="true" />
                    {t('reportLegendCluster')}
                  </li>
                ) : null}
              </ul>
              <p>
                {data.need === 'index' || data.need === 'mapWeights' ? t('reportMapCaptionIndex', { view: viewLower, wave }) : t('reportMapCaptionNeed', { need: view, wave })}
                {drawnClusters.length ? ` ${t('reportMapClusters')}` : ''}
              </p>
            </figcaption>
          </figure>
        </section>

      <section className="report-section" aria-labelledby="report-problems">
        <h2 id="report-problems">{t('reportProblemsTitle')}</h2>
        <p>{t('reportProblemsText', { wave })}</p>
        <table className="report-table report-bars" data-testid="report-problems">
          <thead>
            <tr>
              <th scope="col">{t('reportProblem')}</th>
              <th scope="col" className="num">{t('reportShare')}</th>
              <th scope="col" aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={p.needId} data-id={p.needId}>
                <th scope="row">{needName(p.needId, language)}</th>
                <td className="num">{formatPercent(language, p.rate)}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className="bar" style={{ width: `${((p.rate / maxRate) * 100).toFixed(1)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-targets">
        <h2 id="report-targets">{t('reportTargetsTitle')}</h2>
        <p>{t('reportTargetsText', { view: viewLower })}</p>
        <p>{t('gapRule', { meters: data.ranking.thresholdMeters })}</p>
        <table className="report-table" data-testid="report-targets">
          <thead>
            <tr>
              <th scope="col" className="num">{t('reportRank')}</th>
              <th scope="col">{t('reportArea')}</th>
              <th scope="col" className="num">{t('reportHouseholds')}</th>
              <th scope="col" className="num">{t('reportIndex')}</th>
              <th scope="col">{t('reportReasons')}</th>
            </tr>
          </thead>
          <tbody>
            {data.ranking.targets.map((target) => (
              <tr key={target.id} data-id={target.id}>
                <td className="num">{target.rank}</td>
                <th scope="row">{targetName(target)}</th>
                <td className="num">{formatCount(language, target.households)}</td>
                <td className="num">{target.suppressed ? '—' : formatPercent(language, target.index)}</td>
                <td>
                  <ul className="report-reasons">
                    <li>{t('reportReasonMain', { needs: needList(target.topContributions.map((c) => c.needId)) })}</li>
                    <li>{t('reportReasonAbove', { count: target.aboveAverageCount, total: Object.keys(data.ranking.townAverageRates).length })}</li>
                    {target.suppressed ? null : <li>{target.gaps.length ? t('reportReasonGaps', { needs: needList(target.gaps.map((g) => g.needId)) }) : t('reportReasonNoGaps')}</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ReportResources campaignId={data.campaignId} workspace={workspace} offerWeights={offerWeights} wave={wave} onSettled={onResourcesSettled} />

      <section className="report-section" aria-labelledby="report-inventory">
        <h2 id="report-inventory">{t('reportInventoryTitle')}</h2>
        <table className="report-table report-small" data-testid="report-resources">
          <caption>{t('reportResourcesCaption', { n: workspace.resources.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reportName')}</th>
              <th scope="col">{t('reportKind')}</th>
              <th scope="col">{t('reportAddress')}</th>
              <th scope="col">{t('reportServes')}</th>
            </tr>
          </thead>
          <tbody>
            {workspace.resources.map((res) => (
              <tr key={res.id}>
                <th scope="row">{res.name}</th>
                <td>{RESOURCE_KIND_LABELS[res.kind][language]}</td>
                <td>{res.address ?? '—'}</td>
                <td>{needList(res.serves)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="report-table report-small" data-testid="report-groups">
          <caption>{t('reportGroupsCaption', { n: workspace.groups.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reportName')}</th>
              <th scope="col">{t('reportKind')}</th>
              <th scope="col">{t('reportServes')}</th>
              <th scope="col" className="num">{t('reportSince')}</th>
            </tr>
          </thead>
          <tbody>
            {workspace.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.name}</th>
                <td>{GROUP_KIND_LABELS[g.kind][language]}</td>
                <td>{needList(g.targetNeeds)}</td>
                <td className="num">{g.activeFrom}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-sources">
        <h2 id="report-sources">{t('reportSourcesTitle')}</h2>
        <p>{t('reportSources', { attribution: dataAttribution(language, workspace.organisation) })}</p>
        <p className="report-rule">{t('reportSuppression', { k: MIN_RESPONSES })}</p>
      </section>
    </article>
  );
}
