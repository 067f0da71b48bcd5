import { dataAttribution } from '../i18n/attribution';
import { MIN_RESPONSES } from '../../domain/units';
import { useEffect, useId, useState } from 'react';
import { NEED_BY_ID, type NeedCategoryId } from '../../domain';
import { NEED_CLASS_COLOURS, EXPLORE_COLOURS } from '../../map/explorePalette';

import { classLabels } from '../common/viewText';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS, SURVEY_METHOD_LABELS, type Language } from '../i18n/dictionary';
import { useAppState } from '../shell/appStore';
import { formatCount, formatDate, formatPercent } from '../common/format';
import type { ResponseRateRow } from '../common/responseRateRows';
import { ReportMap } from './ReportMap';
import { clusterNumbers, estateRateRows, problemRanking, REPORT_TOP_STREETS, topStreetRateRows } from './reportModel';
import { reportText, type ReportTextKey } from './reportText';
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
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const state = useReportData(campaignId);
  const r = (key: ReportTextKey, params?: Readonly<Record<string, string | number>>) => reportText(language, key, params);
  const selectId = useId();

  useEffect(() => {
    if (!import.meta.env.CALMAP_TEST_HOOKS) return;
    window.__calmapReport = state.status === 'ready' ? { ready: true, campaignId: state.data.campaignId } : undefined;
    return () => {
      window.__calmapReport = undefined;
    };
  }, [state]);

  if (state.status === 'loading') return <main className="report report-status"><p role="status">{r('loading')}</p></main>;
  if (state.status === 'failed')
    return (
      <main className="report report-status">
        <p role="alert">{r('failed', { reason: analysisRefusalText(state.failure, language) })}</p>
      </main>
    );
  const { data } = state;

  return (
    <main className="report" data-testid="report" data-ready="true">
      <div className="report-toolbar">
        <label htmlFor={selectId}>{r('wave')}</label>
        <select id={selectId} className="select-input" value={data.campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          {data.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="button-primary report-print" onClick={() => window.print()}>
          {r('print')}
        </button>
      </div>
      <ReportDocument data={data} language={language} />
    </main>
  );
}

const needName = (id: NeedCategoryId, language: Language) => NEED_BY_ID[id].label[language];

function RateTable({ rows, caption, unitHeader, language, testId }: { rows: ResponseRateRow[]; caption: string; unitHeader: string; language: Language; testId: string }) {
  const r = (key: ReportTextKey) => reportText(language, key);
  return (
    <table className="report-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{unitHeader}</th>
          <th scope="col" className="num">{r('households')}</th>
          <th scope="col" className="num">{r('answers')}</th>
          <th scope="col" className="num">{r('rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.unitId} data-id={row.unitId}>
            <th scope="row">{row.label}</th>
            <td className="num">{formatCount(language, row.households)}</td>
            <td className="num">{formatCount(language, row.responses)}</td>
            <td className="num">{row.responseRate === null ? '—' : formatPercent(language, row.responseRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportDocument({ data, language }: { data: ReportData; language: Language }) {
  const r = (key: ReportTextKey, params?: Readonly<Record<string, string | number>>) => reportText(language, key, params);
  const { workspace } = data;
  const town = workspace.organisation.town;
  const campaign = workspace.campaigns.find((c) => c.id === data.campaignId)!;
  const waveOf = (id: string) => {
    const c = data.campaigns.find((x) => x.id === id);
    return c ? `${r('waveName').toLocaleLowerCase()} ${c.wave} (${c.startDate.slice(0, 4)})` : id;
  };
  const wave = waveOf(data.campaignId);
  const dates = (c: { startDate: string; endDate: string }) => `${formatDate(language, c.startDate)} – ${formatDate(language, c.endDate)}`;
  const households = workspace.addresses.reduce((sum, a) => sum + a.households, 0);
  const districts = workspace.areas.filter((a) => a.kind === 'district').map((a) => a.name);
  const estates = workspace.areas.filter((a) => a.kind === 'estate');
  const problems = problemRanking(data.ranking);
  const maxRate = Math.max(...problems.map((p) => p.rate), 0.01);
  const numbers = clusterNumbers(data.ranking);
  const targetName = (t: ReportData['ranking']['targets'][number]) => (t.kind === 'cluster' ? r('cluster', { n: numbers.get(t.id) ?? 0 }) : (t.label ?? t.id));
  const needList = (ids: readonly NeedCategoryId[]) => ids.map((id) => needName(id, language).toLocaleLowerCase(language === 'pl' ? 'pl-PL' : 'en-GB')).join(', ');
  const mainNeedLabel = data.mainNeed ? needName(data.mainNeed, language) : '';
  const legend = data.mainNeedMap ? classLabels(data.mainNeedMap.breaks, language) : [];
  const unassigned = data.streets.map.unassignedResponses;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <article className="report-page" lang={language}>
      <header className="report-head">
        <h1>{r('title', { town })}</h1>
        <p className="report-sub">{r('prepared', { organisation: workspace.organisation.name, date: formatDate(language, today) })}</p>
      </header>

      <section className="report-section" aria-labelledby="report-area">
        <h2 id="report-area">{r('areaTitle')}</h2>
        <p>
          {r('areaText', {
            town,
            districts: districts.join(', '),
            estates: estates.length,
            streets: formatCount(language, data.streets.layer.unitIds.length),
            addresses: formatCount(language, workspace.addresses.length),
            households: formatCount(language, households),
          })}
        </p>
        <table className="report-table" data-testid="report-waves">
          <caption>{r('wavesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{r('waveName')}</th>
              <th scope="col">{r('dates')}</th>
              <th scope="col">{r('method')}</th>
              <th scope="col" className="num">{r('targeted')}</th>
              <th scope="col" className="num">{r('answers')}</th>
              <th scope="col" className="num">{r('rate')}</th>
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
        <h2 id="report-method">{r('methodTitle')}</h2>
        <p>
          {r('methodText', {
            method: SURVEY_METHOD_LABELS[campaign.method][language],
            dates: dates(campaign),
            answers: formatCount(language, data.streets.map.totalResponses),
            unassigned: formatCount(language, unassigned),
          })}
        </p>
        <div className="report-columns">
          <RateTable rows={estateRateRows(data.estates.layer, data.estates.map)} caption={r('estatesCaption', { wave })} unitHeader={r('estate')} language={language} testId="report-estates" />
          <RateTable
            rows={topStreetRateRows(data.streets.layer, data.streets.map)}
            caption={r('streetsCaption', { n: REPORT_TOP_STREETS, wave })}
            unitHeader={r('street')}
            language={language}
            testId="report-streets"
          />
        </div>
      </section>

      {data.mainNeed && data.mainNeedMap ? (
        <section className="report-section report-map-section" aria-labelledby="report-map">
          <h2 id="report-map">{r('mapTitle', { need: mainNeedLabel })}</h2>
          <figure className="report-figure">
            <ReportMap
              areas={workspace.areas}
              streets={workspace.streets}
              estates={data.estates.layer}
              needMap={data.mainNeedMap}
              clusters={data.ranking.targets.filter((t) => t.kind === 'cluster')}
              clusterNumber={(id) => numbers.get(id)}
              label={r('mapAlt', { town, need: mainNeedLabel })}
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
                  {r('legendSuppressed', { k: MIN_RESPONSES })}
                </li>
              </ul>
              <p>{r('mapCaption', { need: mainNeedLabel, wave })}</p>
            </figcaption>
          </figure>
        </section>
      ) : null}

      <section className="report-section" aria-labelledby="report-problems">
        <h2 id="report-problems">{r('problemsTitle')}</h2>
        <p>{r('problemsText', { wave })}</p>
        <table className="report-table report-bars" data-testid="report-problems">
          <thead>
            <tr>
              <th scope="col">{r('problem')}</th>
              <th scope="col" className="num">{r('share')}</th>
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
        <h2 id="report-targets">{r('targetsTitle')}</h2>
        <p>{r('targetsText')}</p>
        <table className="report-table" data-testid="report-targets">
          <thead>
            <tr>
              <th scope="col" className="num">{r('rank')}</th>
              <th scope="col">{r('area')}</th>
              <th scope="col" className="num">{r('households')}</th>
              <th scope="col" className="num">{r('index')}</th>
              <th scope="col">{r('reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {data.ranking.targets.map((t) => (
              <tr key={t.id} data-id={t.id}>
                <td className="num">{t.rank}</td>
                <th scope="row">{targetName(t)}</th>
                <td className="num">{formatCount(language, t.households)}</td>
                <td className="num">{t.suppressed ? '—' : formatPercent(language, t.index)}</td>
                <td>
                  <ul className="report-reasons">
                    <li>{r('reasonMain', { needs: needList(t.topContributions.map((c) => c.needId)) })}</li>
                    <li>{r('reasonAbove', { count: t.aboveAverageCount, total: Object.keys(data.ranking.townAverageRates).length })}</li>
                    {t.uncoveredNeeds.length ? <li>{r('reasonUncovered', { needs: needList(t.uncoveredNeeds) })}</li> : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-inventory">
        <h2 id="report-inventory">{r('inventoryTitle')}</h2>
        <table className="report-table report-small" data-testid="report-resources">
          <caption>{r('resourcesCaption', { n: workspace.resources.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{r('name')}</th>
              <th scope="col">{r('kind')}</th>
              <th scope="col">{r('address')}</th>
              <th scope="col">{r('serves')}</th>
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
          <caption>{r('groupsCaption', { n: workspace.groups.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{r('name')}</th>
              <th scope="col">{r('kind')}</th>
              <th scope="col">{r('serves')}</th>
              <th scope="col" className="num">{r('since')}</th>
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
        <h2 id="report-sources">{r('sourcesTitle')}</h2>
        <p>{r('sources', { attribution: dataAttribution(language, workspace.organisation) })}</p>
        <p className="report-rule">{r('suppression', { k: MIN_RESPONSES })}</p>
      </section>
    </article>
  );
}
