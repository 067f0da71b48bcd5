import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RankedCandidate, RankingResult } from '../../analysis/exploreSession';
import { combineGeometries, revitalisationLimits, type SelectionGeometry } from '../../analysis/revitalisationLimits';
import type { DataSource } from '../../data/dataSource';
import { NEED_CATEGORIES, NEED_CATEGORY_IDS, type Programme, type Workspace } from '../../domain';
import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { needLabel, waveLabel } from '../common/viewText';
import { formatPercent } from '../common/format';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { ProgrammeWaves } from './ProgrammeWaves';
import { ProgrammesMap, type CandidateShape } from './ProgrammesMap';
import { draftToProgramme, emptyDraft, programmeIdFor, townTotals, type DraftField, type ProgrammeDraft, type ProgrammeTarget } from './programmeDraft';
import { rankingQueryFor, usableWeights, type CandidateChoice, type NeedChoice } from './programmeRanking';
import { useUrlSnapshot } from '../shell/url/urlStore';
import '../common/table/tableViews.css';
import './programmes.css';

interface ProgrammesViewProps {
  workspace: Workspace | null;
  dataSource: DataSource;
}

/**
 * "Programy": choose target areas for Local Activity Programmes. The ranking comes from the shared analysis worker
 * (ranking(), channel "programmes:ranking"); the limits of the revitalisation act are checked on the selection;
 * the programme is saved through the DataSource, validated by the Programme schema.
 */
export function ProgrammesView({ workspace, dataSource }: ProgrammesViewProps) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const campaigns = useMemo(() => (analysis.status === 'ready' ? [...analysis.summary.campaigns].sort((a, b) => a.wave - b.wave) : []), [analysis]);
  // The explore map's choices travel in the URL state (src/share): wave, single need or index weights.
  const urlState = useUrlSnapshot().state;
  const mapWeights = useMemo(() => usableWeights(urlState.weights), [urlState.weights]);
  const [campaignId, setCampaignId] = useState<string | null>(urlState.wave);
  const [need, setNeed] = useState<NeedChoice>(() => (mapWeights ? 'mapWeights' : (urlState.need ?? 'index')));
  const [kind, setKind] = useState<CandidateChoice>('estate');
  const [ranking, setRanking] = useState<RankingResult | null>(null);
  const [rankingError, setRankingError] = useState<string | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [drawn, setDrawn] = useState<SelectionGeometry | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [clearTick, setClearTick] = useState(0);
  const [draft, setDraft] = useState<ProgrammeDraft>(() => emptyDraft(new Date().getFullYear()));
  const [errors, setErrors] = useState<Partial<Record<DraftField, MessageKey>>>({});
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'failed'; text?: string }>({ kind: 'idle' });
  const [saved, setSaved] = useState<Programme[]>([]);
  const [focusedId, setFocusedId] = useState<string | null>(null);

  const effectiveCampaign = campaignId && campaigns.some((c) => c.id === campaignId) ? campaignId : (campaigns.at(-1)?.id ?? null);
  const campaign = campaigns.find((c) => c.id === effectiveCampaign);

  useEffect(() => {
    if (analysis.status !== 'ready' || !effectiveCampaign) return;
    const controller = new AbortController();
    setRanking(null);
    analysis.client.ranking(rankingQueryFor(effectiveCampaign, need, kind, mapWeights), { signal: controller.signal, channel: 'programmes:ranking' }).then(
      (outcome) => {
        if (outcome.ok) {
          setRanking(outcome.value);
          setRankingError(null);
        } else setRankingError(outcome.message);
      },
      (error: unknown) => {
        if (!isAnalysisAbort(error)) setRankingError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [analysis, effectiveCampaign, need, kind, mapWeights]);

  // A new kind of candidate: the old selection no longer refers to rows shown.
  useEffect(() => setSelectedIds([]), [kind]);

  const areaById = useMemo(() => new Map((workspace?.areas ?? []).map((a) => [a.id, a])), [workspace]);
  const shapes: CandidateShape[] = useMemo(
    () =>
      (ranking?.targets ?? []).flatMap((c) => {
        const geometry = c.geometry ?? areaById.get(c.id)?.geometry;
        return geometry ? [{ id: c.id, name: candidateName(c, t), geometry }] : [];
      }),
    [ranking, areaById, t],
  );
  const programmes = useMemo(() => {
    const byId = new Map((workspace?.programmes ?? []).map((p) => [p.id, p]));
    for (const p of saved) byId.set(p.id, p);
    return [...byId.values()];
  }, [workspace, saved]);
  const totals = useMemo(() => (workspace ? townTotals(workspace) : null), [workspace]);

  const target: ProgrammeTarget | null = useMemo(() => {
    const parts = shapes.filter((s) => selectedIds.includes(s.id)).map((s) => s.geometry);
    if (drawn) parts.push(drawn);
    const geometry = combineGeometries(parts);
    if (!geometry) return null;
    const only = !drawn && selectedIds.length === 1 ? areaById.get(selectedIds[0]!) : undefined;
    return only ? { geometry, targetAreaId: only.id } : { geometry };
  }, [shapes, selectedIds, drawn, areaById]);
  const limits = useMemo(() => (target && totals ? revitalisationLimits(target.geometry, totals) : null), [target, totals]);

  const toggle = useCallback((id: string) => setSelectedIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id])), []);
  const onDrawn = useCallback((g: SelectionGeometry | null) => setDrawn(g), []);
  const onDrawingEnd = useCallback(() => setDrawing(false), []);

  const partners = useMemo(() => [...(workspace?.resources ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'pl')), [workspace]);
  const setField = <K extends keyof ProgrammeDraft>(key: K, value: ProgrammeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const id = programmeIdFor(draft.name, new Set(programmes.map((p) => p.id)));
    const outcome = draftToProgramme(draft, target, id);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      setStatus({ kind: 'idle' });
      return;
    }
    setErrors({});
    setStatus({ kind: 'saving' });
    try {
      const result = await dataSource.saveRecord('programmes', outcome.programme);
      if (!result.ok) {
        setStatus({ kind: 'failed', text: result.issues.map((i) => `${i.field ?? ''} ${i.message}`.trim()).join('; ') });
        return;
      }
      setSaved((list) => [...list.filter((p) => p.id !== outcome.programme.id), outcome.programme]);
      setStatus({ kind: 'saved', text: outcome.programme.name });
      setFocusedId(outcome.programme.id);
      setDraft(emptyDraft(new Date().getFullYear()));
    } catch (error) {
      setStatus({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  }

  const selectedNames = [...shapes.filter((s) => selectedIds.includes(s.id)).map((s) => s.name), ...(drawn ? [t('progDrawnArea')] : [])];
  const km2 = (m2: number) => new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 2 }).format(m2 / 1e6);
  const errorId = (f: DraftField) => `programme-${f}-error`;
  const fieldError = (f: DraftField) =>
    errors[f] ? (
      <p id={errorId(f)} className="field-error">
        {t(errors[f])}
      </p>
    ) : null;

  return (
    <main className="table-view programmes-view" id="main" aria-labelledby="programmes-title">
      <div className="table-view-head">
        <h2 id="programmes-title" className="table-view-title">
          {t('progTitle')}
        </h2>
        <p className="table-view-intro">{t('progIntro')}</p>
      </div>
      <div className="table-view-body">
        <div className="table-view-data programmes-panel">
          <section aria-labelledby="programmes-ranking-title">
            <h3 id="programmes-ranking-title">{t('progRankingTitle')}</h3>
            <form className="filters" onSubmit={(e) => e.preventDefault()}>
              <div className="filter-field">
                <label className="filter-label" htmlFor="programmes-wave">
                  {t('progWave')}
                </label>
                <select id="programmes-wave" className="select-input" value={effectiveCampaign ?? ''} onChange={(e) => setCampaignId(e.target.value)}>
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
                <select id="programmes-need" className="select-input" value={need} onChange={(e) => setNeed(e.target.value as NeedChoice)}>
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
                    <input type="radio" name="programmes-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                    <span>{t(k === 'estate' ? 'progCandEstate' : k === 'district' ? 'progCandDistrict' : 'progCandCluster')}</span>
                  </label>
                ))}
              </fieldset>
            </form>
            <p className="hint">{t('progRankingHint')}</p>
            {rankingError ? <p role="alert">{rankingError}</p> : null}
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
                      const checked = selectedIds.includes(c.id);
                      return (
                        <tr key={c.id} data-id={c.id} aria-selected={checked} className={checked ? 'is-selected' : undefined}>
                          <td>{c.rank}</td>
                          <th scope="row">
                            <label className="programmes-pick">
                              <input type="checkbox" checked={checked} onChange={() => toggle(c.id)} aria-label={t('progSelectRow', { name })} />
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
                                <span>{c.gaps.length > 0 ? t('progGaps', { needs: c.gaps.map((g) => needLabel(g.needId, language)).join(', ') }) : t('progNoGaps')}</span>
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

          <section aria-labelledby="programmes-selection-title" className="programmes-selection" data-testid="programmes-limits">
            <h3 id="programmes-selection-title">{t('progSelectionTitle')}</h3>
            <div className="programmes-draw">
              {drawing ? (
                <>
                  <p role="status">{t('progDrawing')}</p>
                  <button type="button" className="button-secondary" onClick={() => setDrawing(false)}>
                    {t('progDrawCancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="button-secondary" onClick={() => setDrawing(true)} data-testid="programmes-draw">
                  {t('progDraw')}
                </button>
              )}
              {drawn && !drawing ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setDrawn(null);
                    setClearTick((n) => n + 1);
                  }}
                >
                  {t('progDrawClear')}
                </button>
              ) : null}
            </div>
            {selectedNames.length === 0 ? <p>{t('progSelectionNone')}</p> : <p>{t('progSelectionOf', { names: selectedNames.join(', ') })}</p>}
            {limits && totals ? (
              <div className={`programmes-limits ${limits.withinLimits ? 'is-pass' : 'is-fail'}`} aria-live="polite">
                <h4>{t('progLimitsTitle')}</h4>
                <ul className="plain-list">
                  <li data-testid="limit-area">
                    <span className="limit-mark" aria-hidden="true">{limits.areaWithinLimit ? '✓' : '✗'}</span>
                    {t('progLimitArea', { share: formatPercent(language, limits.areaShare, 1) })} — <strong>{t(limits.areaWithinLimit ? 'progLimitPass' : 'progLimitFail')}</strong>
                  </li>
                  <li data-testid="limit-residents">
                    <span className="limit-mark" aria-hidden="true">{limits.residentsWithinLimit ? '✓' : '✗'}</span>
                    {t('progLimitResidents', { share: formatPercent(language, limits.residentShare, 1) })} — <strong>{t(limits.residentsWithinLimit ? 'progLimitPass' : 'progLimitFail')}</strong>
                  </li>
                </ul>
                <p className="programmes-verdict" data-testid="limits-verdict">
                  <strong>{t(limits.withinLimits ? 'progLimitsOk' : 'progLimitsFail')}</strong>
                </p>
                <p className="hint">
                  {t(totals.areaBasis === 'districts' ? 'progLimitsBasis' : 'progLimitsBasisEstates', { area: km2(limits.townAreaSquareMeters), households: limits.households, total: limits.townHouseholds })}
                </p>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="programmes-form-title">
            <h3 id="programmes-form-title">{t('progFormTitle')}</h3>
            <form className="programmes-form" onSubmit={(e) => void save(e)} noValidate>
              {fieldError('target')}
              <div className="form-field">
                <label htmlFor="programme-name">{t('progName')}</label>
                <input id="programme-name" className="text-input" value={draft.name} onChange={(e) => setField('name', e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? errorId('name') : undefined} />
                {fieldError('name')}
              </div>
              <div className="form-row">
                <div className="form-field">
                  <label htmlFor="programme-year-from">{t('progYearFrom')}</label>
                  <input id="programme-year-from" className="text-input" inputMode="numeric" value={draft.yearFrom} onChange={(e) => setField('yearFrom', e.target.value)} aria-invalid={errors.yearFrom ? true : undefined} aria-describedby={errors.yearFrom ? errorId('yearFrom') : undefined} />
                  {fieldError('yearFrom')}
                </div>
                <div className="form-field">
                  <label htmlFor="programme-year-to">{t('progYearTo')}</label>
                  <input id="programme-year-to" className="text-input" inputMode="numeric" value={draft.yearTo} onChange={(e) => setField('yearTo', e.target.value)} aria-invalid={errors.yearTo ? true : undefined} aria-describedby={errors.yearTo ? errorId('yearTo') : undefined} />
                  {fieldError('yearTo')}
                </div>
              </div>
              <div className="form-field">
                <label htmlFor="programme-goals">{t('progGoals')}</label>
                <textarea id="programme-goals" className="text-input" rows={3} value={draft.goals} onChange={(e) => setField('goals', e.target.value)} aria-invalid={errors.goals ? true : undefined} aria-describedby={errors.goals ? errorId('goals') : undefined} />
                {fieldError('goals')}
              </div>
              <fieldset className="form-field programmes-partners">
                <legend>{t('progPartners')}</legend>
                <div className="programmes-partner-list">
                  {partners.map((r) => (
                    <label key={r.id}>
                      <input
                        type="checkbox"
                        value={r.id}
                        checked={draft.partnerIds.includes(r.id)}
                        onChange={(e) => setField('partnerIds', e.target.checked ? [...draft.partnerIds, r.id] : draft.partnerIds.filter((id) => id !== r.id))}
                      />
                      {r.name}
                    </label>
                  ))}
                </div>
                {fieldError('partnerIds')}
              </fieldset>
              <button type="submit" className="button-primary" disabled={status.kind === 'saving'}>
                {status.kind === 'saving' ? t('progSaving') : t('progSave')}
              </button>
              <p role="status" className={status.kind === 'failed' ? 'field-error' : undefined}>
                {status.kind === 'saved' ? t('progSaved', { name: status.text ?? '' }) : status.kind === 'failed' ? t('progSaveFailed', { reason: status.text ?? '' }) : ''}
              </p>
            </form>
          </section>

          <section aria-labelledby="programmes-list-title">
            <h3 id="programmes-list-title">{t('progListTitle')}</h3>
            {programmes.length === 0 ? <p>{t('progListEmpty')}</p> : null}
            <ul className="plain-list programmes-list" data-testid="programmes-list">
              {programmes.map((p) => (
                <li key={p.id} data-id={p.id} className={p.id === focusedId ? 'is-selected' : undefined}>
                  <strong>{p.name}</strong> · {t('progYears', { from: String(p.yearFrom), to: String(p.yearTo) })} · {t('progPartnersCount', { count: p.partnerIds.length })}
                  <button type="button" className="button-link" aria-pressed={p.id === focusedId} onClick={() => setFocusedId((f) => (f === p.id ? null : p.id))}>
                    {t('progShow')}
                  </button>
                  {p.id === focusedId ? <ProgrammeWaves programme={p} area={p.targetAreaId ? areaById.get(p.targetAreaId) : undefined} campaigns={campaigns} /> : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="table-view-map">
          <ProgrammesMap
            areas={workspace?.areas ?? []}
            streets={workspace?.streets ?? []}
            candidates={shapes}
            selectedIds={selectedIds}
            programmes={programmes}
            focusedProgrammeId={focusedId}
            drawing={drawing}
            clearTick={clearTick}
            onToggleCandidate={toggle}
            onDrawn={onDrawn}
            onDrawingEnd={onDrawingEnd}
          />
          <section className="view-map-legend" aria-labelledby="programmes-legend-title">
            <h3 id="programmes-legend-title">{t('legend')}</h3>
            <ul className="legend-list legend-inline">
              <li>
                <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                  <rect x="2" y="2" width="14" height="14" fill="#0b3d91" fillOpacity="0.28" stroke="#0b3d91" strokeWidth="2" />
                </svg>
                {t('progLegendCandidate')}
              </li>
              <li>
                <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                  <rect x="2" y="2" width="14" height="14" fill="none" stroke="#00695c" strokeWidth="3" strokeDasharray="4 2" />
                </svg>
                {t('progLegendProgramme')}
              </li>
            </ul>
          </section>
        </div>
      </div>
    </main>
  );
}

/** "Osiedle Górnicze"; a cluster has no name: "Skupisko 3". */
function candidateName(c: RankedCandidate, t: ReturnType<typeof useT>): string {
  return c.label ?? (c.kind === 'cluster' ? t('clusterLabel', { n: c.rank }) : c.id);
}
