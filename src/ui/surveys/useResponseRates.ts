import { useEffect, useState } from 'react';
import type { NeedSelection, UnitKind } from '../../domain/analysisRequest';
import type { ExploreLayer } from '../../analysis/exploreSession';
import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';
import { responseRateRows, type ResponseRateRow } from '../common/responseRateRows';
import { failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';

/**
 * Households, answers and response rates per unit come from the analysis worker (the same numbers as the
 * explore map and the report), never from counting in the UI. The need map answers them for any need: the
 * response columns do not depend on the selection, so one fixed need is asked.
 */
const ANY_NEED: NeedSelection = { kind: 'need', needId: 'unemployment' };

export type RatesState =
  | { status: 'loading' }
  | { status: 'failed'; failure: AnalysisFailure }
  | { status: 'ready'; rows: ResponseRateRow[]; layer: ExploreLayer; totalResponses: number; unassignedResponses: number; campaignId: string; unit: UnitKind };

/** Response-rate rows of one wave over one unit layer (street, estate, district). */
export function useResponseRates(campaignId: string | null, unit: UnitKind): RatesState {
  const analysis = useAnalysis();
  const [state, setState] = useState<RatesState>({ status: 'loading' });

  useEffect(() => {
    if (analysis.status === 'failed') {
      setState({ status: 'failed', failure: analysis.failure });
      return;
    }
    if (analysis.status !== 'ready' || !campaignId) {
      setState({ status: 'loading' });
      return;
    }
    const controller = new AbortController();
    const { client } = analysis;
    setState((s) => (s.status === 'ready' && s.campaignId === campaignId && s.unit === unit ? s : { status: 'loading' }));
    Promise.all([
      client.layer({ kind: unit }, { signal: controller.signal }),
      client.needMap({ unit: { kind: unit }, campaignId, selection: ANY_NEED }, { signal: controller.signal, channel: 'campaigns:rates' }),
    ]).then(
      ([layer, map]) => {
        if (controller.signal.aborted) return;
        if (!layer.ok) return setState({ status: 'failed', failure: failureOf(layer) });
        if (!map.ok) return setState({ status: 'failed', failure: failureOf(map) });
        setState({
          status: 'ready',
          rows: responseRateRows(layer.value, map.value),
          layer: layer.value,
          totalResponses: map.value.totalResponses,
          unassignedResponses: map.value.unassignedResponses,
          campaignId,
          unit,
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAnalysisAbort(error)) return;
        setState({ status: 'failed', failure: thrownFailure(error) });
      },
    );
    return () => controller.abort();
  }, [analysis, campaignId, unit]);

  return state;
}

/** Answers per wave (the worker's count of the wave's responses), by campaign id; empty until known. */
export function useWaveTotals(campaignIds: readonly string[]): ReadonlyMap<string, number> {
  const analysis = useAnalysis();
  const [totals, setTotals] = useState<ReadonlyMap<string, number>>(new Map());
  const key = campaignIds.join('|');

  useEffect(() => {
    if (analysis.status !== 'ready') return;
    const controller = new AbortController();
    const { client } = analysis;
    const ids = key ? key.split('|') : [];
    Promise.all(
      ids.map((campaignId) =>
        client
          .needMap({ unit: { kind: 'street' }, campaignId, selection: ANY_NEED }, { signal: controller.signal, channel: `campaigns:total:${campaignId}` })
          .then((answer) => [campaignId, answer.ok ? answer.value.totalResponses : NaN] as const),
      ),
    ).then(
      (pairs) => {
        if (!controller.signal.aborted) setTotals(new Map(pairs));
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAnalysisAbort(error)) setTotals(new Map());
      },
    );
    return () => controller.abort();
  }, [analysis, key]);

  return totals;
}
