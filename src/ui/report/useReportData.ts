import { useEffect, useState } from 'react';
import { MIN_RESPONSES } from '../../domain/units';
import type { CampaignInfo, ExploreLayer, NeedMapResult, RankingResult } from '../../analysis/exploreSession';
import type { InputIssue, Workspace } from '../../domain';
import type { AnalysisRefusal } from '../../domain/analysisRefusal';
import type { NeedSelection } from '../../domain/analysisRequest';
import { failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';
import { isAnalysisAbort, useAnalysis } from '../shell/useAnalysis';

import { selectionFor, weightsFor, type NeedChoice, type NeedWeights } from '../common/plannerView';
import { REPORT_TOP_TARGETS } from './reportModel';

/** Response columns do not depend on the need asked (see useResponseRates): one fixed need. */
const ANY_NEED: NeedSelection = { kind: 'need', needId: 'unemployment' };

export interface ReportData {
  workspace: Workspace;
  campaigns: CampaignInfo[];
  campaignId: string;
  streets: { layer: ExploreLayer; map: NeedMapResult };
  estates: { layer: ExploreLayer; map: NeedMapResult };
  ranking: RankingResult;
  /** The planner's view the report follows (the link's need or index and weights), and its map over estates. */
  need: NeedChoice;
  mapWeights: NeedWeights | null;
  viewMap: NeedMapResult;
  /** Answers per wave (the worker's totals), by campaign id. */
  waveTotals: ReadonlyMap<string, number>;
}

export type ReportState = { status: 'loading' } | { status: 'failed'; failure: AnalysisFailure } | { status: 'ready'; data: ReportData };

/** Latest wave (by wave number, then start date). */
export const latestCampaign = (campaigns: readonly CampaignInfo[]): string | null =>
  [...campaigns].sort((a, b) => a.wave - b.wave || a.startDate.localeCompare(b.startDate)).at(-1)?.id ?? null;

class Refused extends Error {
  constructor(readonly failure: AnalysisFailure, message: string) {
    super(message);
  }
}
const unwrap = <T,>(outcome: { ok: true; value: T } | { ok: false; message: string; refusal: AnalysisRefusal; issues: InputIssue[] }): T => {
  if (!outcome.ok) throw new Refused(failureOf(outcome), outcome.message);
  return outcome.value;
};

/**
 * Everything the report needs for one wave and the planner's view (one need, or the index with its weights), from
 * the shared analysis worker on the report's own channels ("report:…"): the same queries "Programy" and the map send.
 */
export function useReportData(chosenCampaignId: string | null, need: NeedChoice, mapWeights: NeedWeights | null): ReportState {
  const analysis = useAnalysis();
  const [state, setState] = useState<ReportState>({ status: 'loading' });

  useEffect(() => {
    if (analysis.status === 'failed') return setState({ status: 'failed', failure: analysis.failure });
    if (analysis.status !== 'ready') return setState({ status: 'loading' });
    const { client, workspace, summary } = analysis;
    const campaignId = chosenCampaignId && summary.campaigns.some((c) => c.id === chosenCampaignId) ? chosenCampaignId : latestCampaign(summary.campaigns);
    if (!campaignId) return setState({ status: 'failed', failure: { refusal: { code: 'no_waves' }, issues: [] } });
    const controller = new AbortController();
    const options = (channel: string) => ({ signal: controller.signal, channel: `report:${channel}` });
    setState({ status: 'loading' });
    const run = async (): Promise<ReportData> => {
      const [streetLayer, estateLayer, streetMap, viewMap, ranking, ...totals] = await Promise.all([
        client.layer({ kind: 'street' }, { signal: controller.signal }).then(unwrap),
        client.layer({ kind: 'estate' }, { signal: controller.signal }).then(unwrap),
        client.needMap({ unit: { kind: 'street' }, campaignId, selection: ANY_NEED, minResponses: MIN_RESPONSES }, options('streets')).then(unwrap),
        client.needMap({ unit: { kind: 'estate' }, campaignId, selection: selectionFor(need, mapWeights), minResponses: MIN_RESPONSES }, options('view')).then(unwrap),
        client.ranking({ campaignId, weights: weightsFor(need, mapWeights), candidates: ['estate', 'cluster'], minResponses: MIN_RESPONSES, limit: REPORT_TOP_TARGETS }, options('ranking')).then(unwrap),
        ...summary.campaigns.map((c) =>
          client.needMap({ unit: { kind: 'street' }, campaignId: c.id, selection: ANY_NEED, minResponses: MIN_RESPONSES }, options(`total:${c.id}`)).then((m) => [c.id, unwrap(m).totalResponses] as const),
        ),
      ]);
      return {
        workspace,
        campaigns: summary.campaigns,
        campaignId,
        streets: { layer: streetLayer, map: streetMap },
        // The estates' answers and rates are the same in every need map of the wave: the view's map holds them.
        estates: { layer: estateLayer, map: viewMap },
        ranking,
        need,
        mapWeights,
        viewMap,
        waveTotals: new Map(totals),
      };
    };
    run().then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAnalysisAbort(error)) return;
        setState({ status: 'failed', failure: error instanceof Refused ? error.failure : thrownFailure(error) });
      },
    );
    return () => controller.abort();
  }, [analysis, chosenCampaignId, need, mapWeights]);

  return state;
}
