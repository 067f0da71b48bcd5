import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import type { SurveyCampaign, Workspace } from '../../domain';
import type { UnitKind } from '../../domain/analysisRequest';
import { SURVEY_METHOD_LABELS, type Language, type MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { nextSortOrder, type SortOrder } from '../common/table/tableSort';
import { SortableHeader } from '../common/table/SortableHeader';
import '../common/table/tableViews.css';
import { useAppState } from '../shell/appStore';
import { formatCount, formatDate, formatHouseholds, formatPercent } from '../common/format';
import { NO_RATE_COLOUR, RATE_CLASS_COLOURS, RateMap } from './RateMap';
import { RESPONSE_RATE_CLASS_EDGES, sortRateRows, type RateSortKey, type ResponseRateRow } from '../common/responseRateRows';
import { useResponseRates, useWaveTotals } from './useResponseRates';
import { WaveDialog } from './WaveDialog';
import { draftFromCampaign, newWaveDraft, type WaveDraft } from './waveForm';
import { analysisRefusalText } from '../i18n/analysisRefusalText';

const todayIso = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

const UNIT_COLUMN: Readonly<Record<string, MessageKey>> = { street: 'campColUnitStreet', estate: 'campColUnitEstate', district: 'campColUnitDistrict' };
const UNIT_CHOICE: Readonly<Record<string, MessageKey>> = { street: 'layerStreets', estate: 'layerEstates', district: 'fieldDistricts' };

const byWave = (a: SurveyCampaign, b: SurveyCampaign) => a.wave - b.wave || (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0);

/**
 * "Ankiety": the survey waves (dates, method, households targeted, answers, response rate), then for one wave the
 * response rate per street or estate as a sortable table and a map. Every count comes from the analysis worker.
 */
export function CampaignsView({ workspace, dataSource }: { workspace: Workspace | null; dataSource: DataSource }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const campaigns = useMemo(() => [...(workspace?.campaigns ?? [])].sort(byWave), [workspace]);
  const [chosenCampaignId, setCampaignId] = useState<string | null>(null);
  const campaignId = chosenCampaignId && campaigns.some((c) => c.id === chosenCampaignId) ? chosenCampaignId : (campaigns.at(-1)?.id ?? null);
  const campaign = campaigns.find((c) => c.id === campaignId);
  const [unit, setUnit] = useState<UnitKind>('street');
  const [order, setOrder] = useState<SortOrder<RateSortKey>>({ key: 'responseRate', direction: 'descending' });
  const [selectedUnitId, setSelectedUnitId] = useState<string | null>(null);
  const [waveDraft, setWaveDraft] = useState<WaveDraft | null>(null);
  const [savedWave, setSavedWave] = useState<number | null>(null);
  const totals = useWaveTotals(useMemo(() => campaigns.map((c) => c.id), [campaigns]));
  const rates = useResponseRates(campaignId, unit);
  const hasDistricts = workspace?.areas.some((a) => a.kind === 'district') ?? false;
  const units: UnitKind[] = hasDistricts ? ['street', 'estate', 'district'] : ['street', 'estate'];

  const rows = useMemo(() => (rates.status === 'ready' ? sortRateRows(rates.rows, order) : []), [rates, order]);
  const unknownRows = rows.filter((r) => Number.isNaN(r.households)).length;
  const waveName = campaign ? t('surveyWaveOption', { wave: campaign.wave, year: campaign.startDate.slice(0, 4) }) : '';
  const rateText = useCallback(
    (row: ResponseRateRow) =>
      Number.isNaN(row.households) ? t('campHouseholdsUnknown') : row.responseRate === null ? t('campNoHouseholds') : t('campRateWithBase', { rate: formatPercent(language, row.responseRate), households: row.households }),
    [language, t],
  );
  const describe = useCallback((row: ResponseRateRow) => `${row.label} · ${rateText(row)}`, [rateText]);

  useEffect(() => setSelectedUnitId(null), [unit, campaignId]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setSelectedUnitId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  useEffect(() => {
    if (!selectedUnitId) return;
    document.querySelector(`[data-testid="rate-table"] tr[data-id="${CSS.escape(selectedUnitId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedUnitId]);

  // The text alternative of the map for screen readers: highest and lowest rates (UX.md).
  const summary = useMemo(() => {
    if (rates.status !== 'ready') return '';
    const rated = sortRateRows(rates.rows.filter((r) => r.responseRate !== null), { key: 'responseRate', direction: 'descending' });
    if (rated.length === 0) return '';
    const list = (rs: ResponseRateRow[]) => rs.map((r) => `${r.label} ${formatPercent(language, r.responseRate!)}`).join(', ');
    return t('campMapSummary', { top: list(rated.slice(0, 3)), bottom: list(rated.slice(-3).reverse()) });
  }, [rates, language, t]);

  return (
    <main className="table-view" id="main" aria-labelledby="campaigns-title">
      <div className="table-view-head">
        <h2 id="campaigns-title" className="table-view-title">
          {t('campTitle')}
        </h2>
        <p className="table-view-intro">{t('campIntro')}</p>
        {workspace ? (
          <button type="button" className="button-primary" data-testid="wave-new" onClick={() => setWaveDraft(newWaveDraft(workspace, todayIso()))}>
            {t('waveNew')}
          </button>
        ) : null}
        <p role="status" className="muted">
          {savedWave !== null ? t('waveSaved', { wave: savedWave }) : ''}
        </p>
      </div>
      {workspace ? (
        <WaveDialog
          workspace={workspace}
          dataSource={dataSource}
          draft={waveDraft}
          onClose={() => setWaveDraft(null)}
          onSaved={(wave) => {
            setSavedWave(wave);
            setWaveDraft(null);
          }}
        />
      ) : null}
      <div className="table-view-body">
        <div className="table-view-data">
          {campaigns.length === 0 ? <p>{t('campNone')}</p> : <WaveTable campaigns={campaigns} totals={totals} language={language} onEdit={(c) => setWaveDraft(draftFromCampaign(c))} />}

          {campaigns.length ? (
            <div className="wave-controls">
              <div className="filter-field">
                <label className="filter-label" htmlFor="campaigns-wave">
                  {t('campChooseWave')}
                </label>
                <select id="campaigns-wave" className="select-input" value={campaignId ?? ''} onChange={(e) => setCampaignId(e.target.value)}>
                  {campaigns.map((c) => (
                    <option key={c.id} value={c.id}>
                      {t('surveyWaveOption', { wave: c.wave, year: c.startDate.slice(0, 4) })}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="segmented">
                <legend className="filter-label">{t('campChooseUnit')}</legend>
                {units.map((u) => (
                  <label key={u} className="segmented-option">
                    <input type="radio" name="campaigns-unit" value={u} checked={unit === u} onChange={() => setUnit(u)} />
                    <span>{t(UNIT_CHOICE[u]!)}</span>
                  </label>
                ))}
              </fieldset>
            </div>
          ) : null}

          {rates.status === 'loading' && campaigns.length ? (
            <p role="status" className="muted">
              {t('campLoading')}
            </p>
          ) : null}
          {rates.status === 'failed' ? (
            <p role="alert" className="notice-inline">
              {t('campFailed', { reason: analysisRefusalText(rates.failure, language) })}
            </p>
          ) : null}
          {rates.status === 'ready' ? (
            <>
              {rates.unassignedResponses > 0 ? <p className="hint">{t('campUnassigned', { count: rates.unassignedResponses, total: rates.totalResponses })}</p> : null}
              {unknownRows > 0 ? (
                <p className="notice-inline" data-testid="rates-unknown">
                  {unknownRows === rows.length ? t('campRatesUnknownAll', { wave: waveName }) : t('campRatesUnknownSome', { count: unknownRows, all: rows.length })}
                </p>
              ) : null}
              <div className="table-scroll">
                <table className="data-table" data-testid="rate-table">
                  <caption>{t('campRateCaption', { unit: t(UNIT_CHOICE[unit]!).toLocaleLowerCase(language), wave: waveName })}</caption>
                  <thead>
                    <tr>
                      <SortableHeader column="label" label={t(UNIT_COLUMN[unit]!)} order={order} onSort={(k) => setOrder((o) => nextSortOrder(o, k))} />
                      <SortableHeader column="households" label={t('campColHouseholds')} order={order} onSort={(k) => setOrder((o) => nextSortOrder(o, k))} numeric />
                      <SortableHeader column="responses" label={t('campColResponses')} order={order} onSort={(k) => setOrder((o) => nextSortOrder(o, k))} numeric />
                      <SortableHeader column="responseRate" label={t('campColRate')} order={order} onSort={(k) => setOrder((o) => nextSortOrder(o, k))} />
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const selected = row.unitId === selectedUnitId;
                      return (
                        <tr key={row.unitId} data-id={row.unitId} className={selected ? 'is-selected' : undefined} onClick={() => setSelectedUnitId(selected ? null : row.unitId)}>
                          <th scope="row">
                            <button type="button" className="row-button" aria-pressed={selected}>
                              {row.label}
                            </button>
                          </th>
                          <td className="numeric">{formatHouseholds(language, row.households)}</td>
                          <td className="numeric">{formatCount(language, row.responses)}</td>
                          <td className="nowrap" data-testid="rate-cell">
                            <span className="rate-swatch" aria-hidden="true" style={{ background: row.rateClass < RATE_CLASS_COLOURS.length ? RATE_CLASS_COLOURS[row.rateClass] : NO_RATE_COLOUR }} />
                            {rateText(row)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </div>
        <div className="table-view-map">
          <RateMap
            unit={unit}
            rows={rates.status === 'ready' ? rates.rows : []}
            streetIdsOfUnit={rates.status === 'ready' ? rates.layer.streetIds : undefined}
            streets={workspace?.streets ?? []}
            areas={workspace?.areas ?? []}
            selectedUnitId={selectedUnitId}
            onSelect={setSelectedUnitId}
            describe={describe}
          />
          <RateLegend language={language} wave={waveName} />
          <p className="visually-hidden">{summary}</p>
        </div>
      </div>
    </main>
  );
}

function WaveTable({ campaigns, totals, language, onEdit }: { campaigns: readonly SurveyCampaign[]; totals: ReadonlyMap<string, number>; language: Language; onEdit: (campaign: SurveyCampaign) => void }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="wave-table">
        <caption>{t('campWavesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="plain-head">
              {t('campColWave')}
            </th>
            <th scope="col" className="plain-head">
              {t('campColDates')}
            </th>
            <th scope="col" className="plain-head">
              {t('campColMethod')}
            </th>
            <th scope="col" className="plain-head numeric">
              {t('campColTargeted')}
            </th>
            <th scope="col" className="plain-head numeric">
              {t('campColResponses')}
            </th>
            <th scope="col" className="plain-head">
              {t('campColRate')}
            </th>
            <th scope="col" className="plain-head">
              <span className="visually-hidden">{t('waveEdit')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="static-rows">
          {campaigns.map((c) => {
            const responses = totals.get(c.id);
            return (
              <tr key={c.id} data-id={c.id}>
                <th scope="row">
                  {t('campWave', { wave: c.wave })}
                  <span className="cell-note">{c.name}</span>
                </th>
                <td>{t('campDates', { from: formatDate(language, c.startDate), to: formatDate(language, c.endDate) })}</td>
                <td>{SURVEY_METHOD_LABELS[c.method][language]}</td>
                <td className="numeric">{formatCount(language, c.householdsTargeted)}</td>
                <td className="numeric">{responses === undefined ? '…' : formatCount(language, responses)}</td>
                <td className="nowrap">
                  {responses === undefined ? '…' : t('campRateWithBase', { rate: formatPercent(language, responses / c.householdsTargeted), households: c.householdsTargeted })}
                </td>
                <td>
                  <button type="button" className="button-link" aria-label={t('waveEditLabel', { wave: c.wave })} onClick={() => onEdit(c)}>
                    {t('waveEdit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RateLegend({ language, wave }: { language: Language; wave: string }) {
  const t = useT();
  const edges = RESPONSE_RATE_CLASS_EDGES;
  const pct = (v: number) => formatPercent(language, v, 0);
  const labels = RATE_CLASS_COLOURS.map((_, c) =>
    c === 0 ? t('campClassBelow', { to: pct(edges[0]) }) : c === edges.length ? t('campClassAbove', { from: pct(edges[c - 1]!) }) : t('campClassRange', { from: pct(edges[c - 1]!), to: pct(edges[c]!) }),
  );
  return (
    <section className="view-map-legend" aria-labelledby="rate-legend-title">
      <h3 id="rate-legend-title">{t('campLegendTitle', { wave })}</h3>
      <ul className="legend-list legend-inline">
        {RATE_CLASS_COLOURS.map((colour, c) => (
          <li key={colour}>
            <span className="rate-swatch" style={{ background: colour }} aria-hidden="true" />
            {labels[c]}
          </li>
        ))}
        <li>
          <span className="rate-swatch" style={{ background: NO_RATE_COLOUR }} aria-hidden="true" />
          {t('campClassNone')}
        </li>
      </ul>
    </section>
  );
}
