import { useEffect, useState } from 'react';
import { MIN_RESPONSES } from '../../domain/units';
import type { CampaignInfo } from '../../analysis/exploreSession';
import { NEED_CATEGORY_IDS, type Area, type NeedCategoryId, type Programme } from '../../domain';
import { needLabel, waveLabel } from '../common/viewText';
import { formatP, formatPercent } from '../common/format';

import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { changeInWords, withQValues } from './programmeDraft';
import { analysisRefusalText, failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';

/** `qValue`: the p-value corrected (Benjamini & Hochberg 1995) across every need tested for this area. */
export interface NeedChange { needId: NeedCategoryId; before: number; after: number; change: number; pValue: number | null; qValue: number | null; suppressed: boolean }
interface Comparison { before: CampaignInfo; after: CampaignInfo; responsesBefore: number; responsesAfter: number; needs: NeedChange[] }

/** How many of the area's needs to show: the main ones, by their rate in the later wave. */
const MAIN_NEEDS = 4;

/**
 * A programme's area in the first and the latest survey wave: responses, and the rates of its main needs with the
 * pooled two-proportion test (compareWaves in the worker), in plain words. Areas only (estate or district): the
 * engine compares the units of a layer, and a hand-drawn boundary is not one of them.
 */
export function ProgrammeWaves({ programme, area, campaigns }: { programme: Programme; area: Area | undefined; campaigns: readonly CampaignInfo[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const analysis = useAnalysis();
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<AnalysisFailure | null>(null);
  const kind = area && (area.kind === 'estate' || area.kind === 'district') ? area.kind : null;
  const first = campaigns[0];
  const last = campaigns.at(-1);

  useEffect(() => {
    if (analysis.status !== 'ready' || !kind || !area || !first || !last || first.id === last.id) return;
    const controller = new AbortController();
    const options = (name: string) => ({ signal: controller.signal, channel: `programmes:waves:${name}` });
    const unit = { kind };
    const responsesOf = (campaignId: string) =>
      analysis.client.needMap({ unit, campaignId, selection: { kind: 'need', needId: NEED_CATEGORY_IDS[0] }, minResponses: MIN_RESPONSES }, options(`responses:${campaignId}`));
    Promise.all([
      analysis.client.layer(unit, { signal: controller.signal }),
      responsesOf(first.id),
      responsesOf(last.id),
      ...NEED_CATEGORY_IDS.map((needId) => analysis.client.compareWaves({ unit, beforeCampaignId: first.id, afterCampaignId: last.id, selection: { kind: 'need', needId }, minResponses: MIN_RESPONSES }, options(needId))),
    ]).then(
      ([layer, before, after, ...changes]) => {
        if (!layer.ok) return setError(failureOf(layer));
        if (!before.ok) return setError(failureOf(before));
        if (!after.ok) return setError(failureOf(after));
        const u = layer.value.unitIds.indexOf(area.id);
        if (u < 0) return setError({ refusal: { code: 'unknown_unit', unitKind: unit.kind, unitId: area.id }, issues: [] });
        const needs: NeedChange[] = [];
        changes.forEach((c, j) => {
          if (!c.ok) return;
          const v = c.value;
          needs.push({ needId: NEED_CATEGORY_IDS[j]!, before: v.before[u]!, after: v.after[u]!, change: v.change[u]!, pValue: v.pValue ? v.pValue[u]! : null, qValue: null, suppressed: v.suppressed[u] === 1 });
        });
        withQValues(needs);
        needs.sort((a, b) => (Number.isFinite(b.after) ? b.after : -1) - (Number.isFinite(a.after) ? a.after : -1));
        setComparison({ before: first, after: last, responsesBefore: before.value.responses[u]!, responsesAfter: after.value.responses[u]!, needs: needs.slice(0, MAIN_NEEDS) });
      },
      (e: unknown) => {
        if (!isAnalysisAbort(e)) setError(thrownFailure(e));
      },
    );
    return () => controller.abort();
  }, [analysis, kind, area, first, last]);

  return (
    <div className="programmes-waves" data-testid="programme-waves" data-programme={programme.id}>
      <h4>{t('progCompareTitle')}</h4>
      {!kind ? <p>{t('progCompareOnlyAreas')}</p> : !first || !last || first.id === last.id ? <p>{t('progCompareOneWave')}</p> : null}
      {error ? <p role="alert">{analysisRefusalText(error, language)}</p> : null}
      {comparison ? (
        <>
          <p>
            {t('progCompareResponses', { wave: waveLabel(comparison.before, language), responses: comparison.responsesBefore })};{' '}
            {t('progCompareResponses', { wave: waveLabel(comparison.after, language), responses: comparison.responsesAfter })}
          </p>
          <ul className="plain-list">
            {comparison.needs.map((n) => {
              if (n.suppressed || !Number.isFinite(n.change)) return <li key={n.needId}>{t('progCompareSuppressed', { need: needLabel(n.needId, language) })}</li>;
              const w = changeInWords(n.change, n.qValue);
              const p = n.qValue === null ? '' : formatP(language, n.qValue, 'q');
              const points = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1 }).format(w.points);
              const words = w.significant ? t(w.direction === 'up' ? 'changeUp' : 'changeDown', { points, p }) : t('changeNotSignificant', { points: `${w.direction === 'down' ? '−' : w.direction === 'up' ? '+' : ''}${points}`, p });
              return (
                <li key={n.needId}>
                  {t('progCompareNeed', { need: needLabel(n.needId, language), before: formatPercent(language, n.before, 0), after: formatPercent(language, n.after, 0), words })}
                </li>
              );
            })}
          </ul>
          <p className="hint">{t('progCompareMethod')}</p>
        </>
      ) : null}
    </div>
  );
}
