import { useEffect, useState } from 'react';
import { MIN_RESPONSES } from '../../domain/units';
import type { AreaWaveChange, CampaignInfo } from '../../analysis/exploreSession';
import type { Programme } from '../../domain';
import { needLabel, waveLabel } from '../common/viewText';
import { formatP, formatPercent } from '../common/format';

import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { changeInWords } from './programmeDraft';
import { analysisRefusalText, failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';

interface Comparison { before: CampaignInfo; after: CampaignInfo; change: AreaWaveChange }

/** How many of the area's needs to show: the main ones, by their rate in the later wave. */
const MAIN_NEEDS = 4;

/**
 * A programme's area in the first and the latest survey wave: responses, and the rates of its main needs with the
 * pooled two-proportion test and the Benjamini–Hochberg correction, in plain words. The engine compares the answers
 * inside the programme's boundary (compareArea) — an estate's, a district's or one drawn by hand — with the test the
 * unit panel uses, so an estate's programme shows the estate panel's numbers.
 */
export function ProgrammeWaves({ programme, campaigns }: { programme: Programme; campaigns: readonly CampaignInfo[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<AnalysisFailure | null>(null);
  const first = campaigns[0];
  const last = campaigns.at(-1);
  const geometry = programme.targetGeometry;

  useEffect(() => {
    if (analysis.status !== 'ready' || !first || !last || first.id === last.id) return;
    const controller = new AbortController();
    analysis.client
      .compareArea({ geometry, beforeCampaignId: first.id, afterCampaignId: last.id, minResponses: MIN_RESPONSES }, { signal: controller.signal, channel: `programmes:waves:${programme.id}` })
      .then(
        (outcome) => (outcome.ok ? setComparison({ before: first, after: last, change: outcome.value }) : setError(failureOf(outcome))),
        (e: unknown) => {
          if (!isAnalysisAbort(e)) setError(thrownFailure(e));
        },
      );
    return () => controller.abort();
  }, [analysis, geometry, programme.id, first, last]);

  const needs = comparison ? [...comparison.change.needs].sort((a, b) => (b.after ?? -1) - (a.after ?? -1)).slice(0, MAIN_NEEDS) : [];
  return (
    <div className="programmes-waves" data-testid="programme-waves" data-programme={programme.id}>
      <h4>{t('progCompareTitle')}</h4>
      {!first || !last || first.id === last.id ? <p>{t('progCompareOneWave')}</p> : null}
      {error ? <p role="alert">{analysisRefusalText(error, language)}</p> : null}
      {comparison ? (
        <>
          <p>
            {t('progCompareResponses', { wave: waveLabel(comparison.before, language), responses: comparison.change.responsesBefore })};{' '}
            {t('progCompareResponses', { wave: waveLabel(comparison.after, language), responses: comparison.change.responsesAfter })}
          </p>
          {!comparison.change.comparable ? <p>{t('detailChangeNotComparable')}</p> : null}
          <ul className="plain-list">
            {comparison.change.comparable
              ? needs.map((n) => {
                  if (n.change === null || n.before === null || n.after === null) return <li key={n.needId}>{t('progCompareSuppressed', { need: needLabel(n.needId, language) })}</li>;
                  // Significance is the engine's, after the correction across the needs (q ≤ 0.05), as in the unit panel.
                  const w = changeInWords(n.change);
                  const p = n.qValue === null ? '' : formatP(language, n.qValue, 'q');
                  const points = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1 }).format(w.points);
                  const words = n.significant ? t(w.direction === 'up' ? 'changeUp' : 'changeDown', { points, p }) : t('changeNotSignificant', { points: `${w.direction === 'down' ? '−' : w.direction === 'up' ? '+' : ''}${points}`, p });
                  return (
                    <li key={n.needId}>
                      {t('progCompareNeed', { need: needLabel(n.needId, language), before: formatPercent(language, n.before, 0), after: formatPercent(language, n.after, 0), words })}
                    </li>
                  );
                })
              : null}
          </ul>
          <p className="hint">{t('progCompareMethod')}</p>
        </>
      ) : null}
    </div>
  );
}
