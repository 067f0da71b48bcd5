import { useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_HEX_SIZE_METERS, MIN_RESPONSES } from '../../domain/units';
import type { UnitDetail } from '../../analysis/exploreSession';
import { isAbortError } from '../../data/abort';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS, type Language } from '../i18n/dictionary';
import { useAnalysis } from '../shell/useAnalysis';
import { useT } from '../i18n/useT';
import { formatHouseholds } from '../common/format';
import type { FeatureRef } from '../shell/appStore';
import { gapNeed, needSelection, unitChoice, weightsUsable, type ExploreSettings } from '../common/exploreSettings';
import { localPatternWords, neighbourhoodWords, unitIndexOf } from './exploreText';
import { needLabel } from '../common/viewText';
import { formatDistance, formatP, formatPercent } from '../common/format';
import { NeedBars } from './NeedBars';
import { useExploreState } from './useExplore';
import { analysisRefusalText, failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';


const KIND_KEYS = { street: 'kindStreet', estate: 'kindEstate', district: 'kindDistrict', hex: 'kindHex', cluster: 'kindCluster' } as const;

function Facts({ rows }: { rows: Array<[label: string, value: ReactNode, testId?: string]> }) {
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Loaded = { status: 'loading' } | { status: 'ready'; detail: UnitDetail } | { status: 'failed'; failure: AnalysisFailure };

/** Asks the worker for the panel of one unit (households, responses, needs with Wilson intervals, places, gaps, change). */
function useUnitDetail(ref: FeatureRef, settings: ExploreSettings | null): Loaded | null {
  const analysis = useAnalysis();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const campaignId = settings?.campaignId ?? null;
  // The shown need or index: the panel then says how the unit stands against its neighbourhood (LISA, Gi*).
  const selection = settings && (settings.mode === 'need' || weightsUsable(settings)) ? needSelection(settings) : null;
  const selectionKey = selection ? JSON.stringify(selection) : '';
  useEffect(() => {
    if (analysis.status !== 'ready' || !campaignId || ref.kind === 'cluster' || ref.kind === 'address' || ref.kind === 'resource') return;
    const client = analysis.client;
    const controller = new AbortController();
    const unit = unitChoice(ref.kind, settings?.hexSizeMeters);
    setLoaded({ status: 'loading' });
    void (async () => {
      let unitId = ref.id;
      if (ref.kind === 'street') {
        // A street on the map is one record; its unit may merge several records of the same name.
        const layer = await client.layer(unit, { signal: controller.signal });
        if (layer.ok) unitId = layer.value.unitIds[unitIndexOf(layer.value, ref.id) ?? -1] ?? ref.id;
      }
      const outcome = await client.unitDetail({ unit, unitId, campaignId, minResponses: MIN_RESPONSES, ...(selection ? { selection } : {}) }, { signal: controller.signal, channel: 'explore:unitDetail' });
      if (controller.signal.aborted) return;
      setLoaded(outcome.ok ? { status: 'ready', detail: outcome.value } : { status: 'failed', failure: failureOf(outcome) });
    })().catch((error: unknown) => {
      if (controller.signal.aborted || isAbortError(error)) return;
      setLoaded({ status: 'failed', failure: thrownFailure(error) });
    });
    return () => controller.abort();
    // selection is rebuilt every render; selectionKey is its value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [analysis, campaignId, ref.kind, ref.id, selectionKey]);
  return loaded;
}

/** The right panel for a unit or a problem cluster (UX.md): numbers with their base, suppression said in words. */
export function ExploreDetails({ selection, language, onClear }: { selection: FeatureRef; language: Language; onClear: () => void }) {
  const t = useT();
  const state = useExploreState();
  const loaded = useUnitDetail(selection, state?.settings ?? null);
  const number = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB');
  // A hexagon's size is the one the map shows (250, 500 or 1000 m), not a fixed word.
  const kind = selection.kind === 'hex' ? t('kindHex', { size: state?.settings.hexSizeMeters ?? DEFAULT_HEX_SIZE_METERS }) : t(KIND_KEYS[selection.kind as keyof typeof KIND_KEYS]);
  const settings = state?.settings;
  const selectedNeed = settings ? gapNeed(settings) : null;

  let title = '';
  let body: ReactNode = null;
  if (selection.kind === 'cluster') {
    const cluster = state?.results.clusters?.clusters.find((c) => c.id === selection.id);
    const index = state?.results.clusters?.clusters.findIndex((c) => c.id === selection.id) ?? -1;
    if (cluster) {
      title = t('clusterLabel', { n: index + 1 });
      body = (
        <>
          <Facts
            rows={[
              [t('fieldCells'), number.format(cluster.cells)],
              [t('fieldHouseholds'), formatHouseholds(language, cluster.households), 'detail-households'],
              [t('fieldResponses'), number.format(cluster.responses), 'detail-responses'],
            ]}
          />
          <h4 className="section-title">{t('detailClusterNeeds')}</h4>
          <ul className="plain-list">
            {cluster.topNeeds.map((n) => (
              <li key={n.needId}>
                {needLabel(n.needId, language)}: {formatPercent(language, n.rate, 0)} ({t('tooltipRate', { rate: number.format(n.count), responses: cluster.responses })})
              </li>
            ))}
          </ul>
        </>
      );
    }
  } else if (loaded?.status === 'ready') {
    const d = loaded.detail;
    title = d.label;
    const shown = state?.results.needMap;
    const layer = state?.results.layer;
    const mapValue = shown && layer && layer.kind === d.kind && shown.layerKey === layer.key ? shown.values[d.unitIndex] : undefined;
    body = (
      <>
        <Facts
          rows={[
            [t('fieldHouseholds'), formatHouseholds(language, d.households), 'detail-households'],
            [t('fieldResponses'), number.format(d.responses), 'detail-responses'],
            [t('fieldResponseRate'), formatPercent(language, d.responseRate, 0), 'detail-response-rate'],
            ...(mapValue !== undefined
              ? [[t('fieldShownValue'), Number.isFinite(mapValue) ? t('tooltipRate', { rate: formatPercent(language, mapValue, 0), responses: d.responses }) : t('detailSuppressed', { responses: d.responses }), 'detail-value'] as [string, string, string]]
              : []),
          ]}
        />
        <h4 className="section-title">{t('detailNeeds')}</h4>
        {d.suppressed ? (
          <>
            <p className="suppressed-note" data-testid="detail-suppressed">
              {t('detailSuppressed', { responses: d.responses })}
            </p>
            <p className="hint">{t('detailSuppressedRule', { k: d.minResponses })}</p>
          </>
        ) : (
          <NeedBars needs={d.needs} language={language} highlight={settings?.mode === 'need' ? settings.needId : null} />
        )}

        {d.localPattern ? (
          <>
            <h4 className="section-title">{t('detailLocalPattern')}</h4>
            <p data-testid="detail-local-pattern">{localPatternWords(d.localPattern, t, language)}</p>
            <p className="hint">{t('detailLocalPatternMethod', { neighbourhood: neighbourhoodWords(d.localPattern.neighbourhood, t), permutations: d.localPattern.permutations })}</p>
          </>
        ) : null}

        <h4 className="section-title">{t('detailChange')}</h4>
        {d.sincePrevious === null ? (
          <p className="muted">{t('detailChangeNone')}</p>
        ) : !d.sincePrevious.comparable ? (
          <p className="muted">{t('detailChangeNotComparable')}</p>
        ) : (
          <>
            <p className="hint">{t('detailChangeFrom', { name: d.sincePrevious.campaignName })}</p>
            <p className="hint">{t('detailChangeCorrected', { count: d.sincePrevious.testedNeeds })}</p>
            <ul className="plain-list change-list">
              {d.sincePrevious.needs
                .filter((n) => n.change !== null && (n.needId === selectedNeed || n.significant))
                .sort((a, b) => (a.needId === selectedNeed ? -1 : b.needId === selectedNeed ? 1 : Math.abs(b.change!) - Math.abs(a.change!)))
                .slice(0, 5)
                .map((n) => {
                  const points = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(100 * n.change!);
                  // Significance only after the BH correction across the needs shown (q), never from a lone p.
                  const q = n.qValue === null ? '' : formatP(language, n.qValue, 'q');
                  const words = n.significant ? t(n.change! > 0 ? 'changeUp' : 'changeDown', { points: points.replace(/^[+-]/, ''), p: q }) : t('changeNotSignificant', { points, p: q });
                  return (
                    <li key={n.needId}>
                      <strong>{needLabel(n.needId, language)}</strong>: {formatPercent(language, n.before ?? NaN, 0)} → {formatPercent(language, n.after ?? NaN, 0)}; {words}
                    </li>
                  );
                })}
            </ul>
          </>
        )}

        <h4 className="section-title">{t('detailGaps')}</h4>
        {d.suppressed ? (
          <p className="muted">{t('detailSuppressed', { responses: d.responses })}</p>
        ) : d.gaps.length === 0 ? (
          <p className="muted" data-testid="detail-gaps">{t('detailNoGaps')}</p>
        ) : (
          <ul className="plain-list" data-testid="detail-gaps">
            {d.gaps.map((g) => {
              const distance = formatDistance(language, g.accessMeters);
              return (
                <li key={g.needId} data-need={g.needId}>
                  {distance ? t('detailGapItem', { need: needLabel(g.needId, language), distance }) : t('detailGapNone', { need: needLabel(g.needId, language) })}
                </li>
              );
            })}
          </ul>
        )}
        <p className="hint">{t('gapRule', { meters: d.thresholdMeters })}</p>

        <h4 className="section-title">{t('detailNearbyResources', { meters: d.nearbyMeters })}</h4>
        {d.resources.length ? (
          <ul className="plain-list">
            {d.resources.slice(0, 8).map((r) => (
              <li key={r.id}>
                {r.name} <span className="muted">({RESOURCE_KIND_LABELS[r.kind as keyof typeof RESOURCE_KIND_LABELS]?.[language] ?? r.kind}, {formatDistance(language, r.distanceMeters)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('none')}</p>
        )}
        <h4 className="section-title">{t('detailNearbyGroups', { meters: d.nearbyMeters })}</h4>
        {d.groups.length ? (
          <ul className="plain-list">
            {d.groups.slice(0, 8).map((g) => (
              <li key={g.id}>
                {g.name} <span className="muted">({GROUP_KIND_LABELS[g.kind as keyof typeof GROUP_KIND_LABELS]?.[language] ?? g.kind})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('none')}</p>
        )}
      </>
    );
  }

  return (
    <article className="details" aria-label={title || kind} aria-busy={loaded?.status === 'loading'}>
      <p className="details-kind">{kind}</p>
      {title ? (
        <h3 className="details-title" data-testid="details-title">
          {title}
        </h3>
      ) : null}
      {loaded?.status === 'loading' ? <p className="muted">{t('detailLoading')}</p> : null}
      {loaded?.status === 'failed' ? <p className="form-error">{t('exploreError', { message: analysisRefusalText(loaded.failure, language) })}</p> : null}
      {body}
      <button type="button" className="button-secondary clear-button" onClick={onClear}>
        {t('clearSelection')}
      </button>
    </article>
  );
}
