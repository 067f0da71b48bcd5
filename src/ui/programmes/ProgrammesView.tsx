import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ExploreLayer, NeedMapResult, RankingResult } from '../../analysis/exploreSession';
import { MIN_RESPONSES } from '../../domain/units';
import { NeedClassLegend } from '../common/NeedClassLegend';
import { needClassFeatures } from '../common/map/needClassFeatures';
import { needChoiceText, waveLabel } from '../common/viewText';
import { unitChoice } from '../common/exploreSettings';
import { revitalisationLimits, type SelectionGeometry } from '../../analysis/revitalisationLimits';
import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { useT } from '../i18n/useT';
import { inputIssuesText } from '../i18n/problemText';
import { useAppState } from '../shell/appStore';
import { useUrlSnapshot } from '../shell/url/urlStore';
import type { ScreenProps } from '../shell/screens';
import { ProgrammeForm } from './ProgrammeForm';
import { ProgrammeList } from './ProgrammeList';
import { ProgrammesMap, type CandidateShape } from './ProgrammesMap';
import { draftToProgramme, programmeIdFor, townTotals } from './programmeDraft';
import { rankingQueryFor } from './programmeRanking';
import { selectionFor, usableWeights } from '../common/plannerView';
import { effectiveWave, initialProgrammesState, programmesReducer, partnersInView, programmesShown, targetOf } from './programmesState';
import { candidateName, RankingSection } from './RankingSection';
import { TargetSection } from './TargetSection';
import { failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';
import '../common/table/tableViews.css';
import './programmes.css';

/**
 * "Programy": choose target areas for Local Activity Programmes. The ranking comes from the shared analysis worker
 * (ranking(), channel "programmes:ranking"); the limits of the revitalisation act are checked on the selection;
 * the programme is saved through the DataSource, validated by the Programme schema. State and its transitions are
 * programmesState.ts; the sections are RankingSection, TargetSection, ProgrammeForm and ProgrammeList.
 */

export function ProgrammesView({ workspace, dataSource }: ScreenProps) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const campaigns = useMemo(() => (analysis.status === 'ready' ? [...analysis.summary.campaigns].sort((a, b) => a.wave - b.wave) : []), [analysis]);
  // The explore map's choices travel in the URL state (src/share): wave, single need or index weights.
  const urlState = useUrlSnapshot().state;
  const mapWeights = useMemo(() => usableWeights(urlState.weights), [urlState.weights]);
  const [state, dispatch] = useReducer(programmesReducer, undefined, () => initialProgrammesState(urlState, mapWeights, new Date().getFullYear()));
  const [ranking, setRanking] = useState<RankingResult | null>(null);
  const [rankingError, setRankingError] = useState<AnalysisFailure | null>(null);

  const effectiveCampaign = effectiveWave(state.campaignId, campaigns);
  const { need, kind } = state;

  useEffect(() => {
    if (analysis.status !== 'ready' || !effectiveCampaign) return;
    const controller = new AbortController();
    setRanking(null);
    analysis.client.ranking(rankingQueryFor(effectiveCampaign, need, kind, mapWeights), { signal: controller.signal, channel: 'programmes:ranking' }).then(
      (outcome) => {
        if (outcome.ok) {
          setRanking(outcome.value);
          setRankingError(null);
        } else setRankingError(failureOf(outcome));
      },
      (error: unknown) => {
        if (!isAnalysisAbort(error)) setRankingError(thrownFailure(error));
      },
    );
    return () => controller.abort();
  }, [analysis, effectiveCampaign, need, kind, mapWeights]);

  // The map under the ranking shows the chosen need or index on the map's unit of the link (streets by default),
  // from the same worker query the explore map sends, so the boundary is drawn over the need.
  const [needMap, setNeedMap] = useState<{ layer: ExploreLayer; map: NeedMapResult } | null>(null);
  const unit = useMemo(() => unitChoice(urlState.unit ?? 'street', urlState.hex ?? undefined), [urlState.unit, urlState.hex]);
  useEffect(() => {
    if (analysis.status !== 'ready' || !effectiveCampaign) return;
    const controller = new AbortController();
    const options = { signal: controller.signal, channel: 'programmes:needMap' };
    Promise.all([analysis.client.layer(unit, { signal: controller.signal }), analysis.client.needMap({ unit, campaignId: effectiveCampaign, selection: selectionFor(need, mapWeights), minResponses: MIN_RESPONSES }, options)]).then(
      ([layer, map]) => setNeedMap(layer.ok && map.ok ? { layer: layer.value, map: map.value } : null),
      (error: unknown) => {
        if (!isAnalysisAbort(error)) setNeedMap(null);
      },
    );
    return () => controller.abort();
  }, [analysis, effectiveCampaign, need, mapWeights, unit]);
  const needFeatures = useMemo(() => (needMap && workspace ? needClassFeatures(needMap.layer, needMap.map, workspace) : null), [needMap, workspace]);
  const campaign = campaigns.find((c) => c.id === effectiveCampaign);

  const areaById = useMemo(() => new Map((workspace?.areas ?? []).map((a) => [a.id, a])), [workspace]);
  const shapes: CandidateShape[] = useMemo(
    () =>
      (ranking?.targets ?? []).flatMap((c) => {
        const geometry = c.geometry ?? areaById.get(c.id)?.geometry;
        return geometry ? [{ id: c.id, name: candidateName(c, t), geometry }] : [];
      }),
    [ranking, areaById, t],
  );
  const programmes = useMemo(() => programmesShown(workspace?.programmes ?? [], state.saved), [workspace, state.saved]);
  const totals = useMemo(() => (workspace ? townTotals(workspace) : null), [workspace]);
  const target = useMemo(() => targetOf(shapes, state.selectedIds, state.drawn, areaById), [shapes, state.selectedIds, state.drawn, areaById]);
  const limits = useMemo(() => (target && totals ? revitalisationLimits(target.geometry, totals) : null), [target, totals]);
  const partners = useMemo(() => [...(workspace?.resources ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'pl')), [workspace]);

  // The partners on the map: of the programme chosen in the list, else those ticked in the form.
  const partnersShown = useMemo(() => partnersInView(programmes, state.focusedId, state.draft.partnerIds, partners), [programmes, state.focusedId, state.draft.partnerIds, partners]);

  const toggle = useCallback((id: string) => dispatch({ type: 'toggleCandidate', id }), []);
  const onDrawn = useCallback((geometry: SelectionGeometry | null) => dispatch({ type: 'drawn', geometry }), []);
  const onDrawingEnd = useCallback(() => dispatch({ type: 'stopDrawing' }), []);

  async function save() {
    const id = programmeIdFor(state.draft.name, new Set(programmes.map((p) => p.id)));
    const outcome = draftToProgramme(state.draft, target, id);
    if (!outcome.ok) return dispatch({ type: 'invalid', errors: outcome.errors });
    dispatch({ type: 'saving' });
    try {
      const result = await dataSource.saveRecord('programmes', outcome.programme);
      if (!result.ok) return dispatch({ type: 'saveFailed', reason: inputIssuesText(result.issues, language) });
      dispatch({ type: 'saved', programme: outcome.programme, year: new Date().getFullYear() });
    } catch (error) {
      dispatch({ type: 'saveFailed', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  const selectedNames = [...shapes.filter((s) => state.selectedIds.includes(s.id)).map((s) => s.name), ...(state.drawn ? [t('progDrawnArea')] : [])];

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
          <RankingSection state={state} dispatch={dispatch} campaigns={campaigns} effectiveCampaign={effectiveCampaign} mapWeights={mapWeights} ranking={ranking} rankingError={rankingError} language={language} t={t} />
          <TargetSection state={state} dispatch={dispatch} selectedNames={selectedNames} limits={limits} totals={totals} language={language} t={t} />
          <ProgrammeForm state={state} dispatch={dispatch} partners={partners} onSave={() => void save()} t={t} />
          <ProgrammeList state={state} dispatch={dispatch} programmes={programmes} campaigns={campaigns} t={t} />
        </div>
        <div className="table-view-map">
          <ProgrammesMap
            areas={workspace?.areas ?? []}
            streets={workspace?.streets ?? []}
            candidates={shapes}
            needFeatures={needFeatures}
            selectedIds={state.selectedIds}
            programmes={programmes}
            focusedProgrammeId={state.focusedId}
            partners={partnersShown}
            drawing={state.drawing}
            clearTick={state.clearTick}
            onToggleCandidate={toggle}
            onDrawn={onDrawn}
            onDrawingEnd={onDrawingEnd}
          />
          <section className="view-map-legend" aria-labelledby="programmes-legend-title">
            <h3 id="programmes-legend-title">{t('legend')}</h3>
            {needMap ? <NeedClassLegend title={t('progLegendNeed', { view: needChoiceText(need, mapWeights, language), wave: campaign ? waveLabel(campaign, language) : '' })} map={needMap.map} language={language} /> : null}
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
              {partnersShown.length ? (
                <li data-testid="programme-partners-legend">
                  <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                    <circle cx="9" cy="9" r="6.5" fill="#00695c" stroke="#fff" strokeWidth="1.5" />
                  </svg>
                  {t('progLegendPartners', { count: partnersShown.length })}
                </li>
              ) : null}
            </ul>
          </section>
        </div>
      </div>
    </main>
  );
}
