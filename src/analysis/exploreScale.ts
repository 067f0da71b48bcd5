import { HotSpotQuery, type NeedSelection, type ScaleAdviceQuery } from '../domain/analysisRequest';
import { checkCampaign, explored, type ExploreContext, type ExploreResult } from './exploreContext';
import { chooseScale, globalMoranTest, type ScaleCandidate, type ScaleReason } from './scaleAdvice';
import { UNIT_SUPPRESSED } from './unitAggregates';

/**
 * Scale advice for the hexagon map (scaleAdvice.ts): per candidate size, the share of answers in shown hexagons and
 * in significant hot or cold spots (Gi* with the hot-spot defaults), global Moran's I of the EB index over the first
 * ring with its permutation test; the advised size and why.
 * Aggregates come from the cache; cost per size O(points) once, then O(R · units · 6).
 */
export interface ScaleAdviceResult {
  campaignId: string;
  selection: NeedSelection;
  candidates: ScaleCandidate[];
  /** Index into candidates, −1 when none. */
  chosen: number;
  reason: ScaleReason | null;
  minResponses: number;
}

export function scaleAdvice(context: ExploreContext, query: ScaleAdviceQuery): ExploreResult<ScaleAdviceResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const sizes = [...new Set(query.hexSizes)].sort((a, b) => a - b);
  const candidates: ScaleCandidate[] = [];
  for (const hexSizeMeters of sizes) {
    const agg = context.aggregates({ kind: 'hex', hexSizeMeters }, query.campaignId, query.minSeverity, query.minResponses);
    const input = context.localInput(agg, query.selection, 'standardised');
    if (!input.ok) return input;
    const weights = context.spatialWeights(agg, { kind: 'contiguity', order: 1 });
    if (!weights.ok) return weights;
    if (!('offsets' in weights.value)) throw new Error('hexagon contiguity weights expected');
    const gi = context.giStar(agg, query.selection, HotSpotQuery.parse({ unit: { kind: 'hex', hexSizeMeters }, campaignId: query.campaignId, selection: query.selection, minSeverity: query.minSeverity, minResponses: query.minResponses, seed: query.seed }));
    if (!gi.ok) return gi;
    let answersInSpots = 0;
    let answers = 0;
    let answersShown = 0;
    let unitsShown = 0;
    const values = new Float64Array(agg.unitCount);
    for (let u = 0; u < agg.unitCount; u++) {
      answers += agg.responses[u]!;
      const hidden = (agg.flags[u]! & UNIT_SUPPRESSED) !== 0;
      values[u] = hidden ? Number.NaN : input.value[u]!;
      if (hidden) continue;
      unitsShown++;
      answersShown += agg.responses[u]!;
      if (Math.abs(gi.value.giBinFdr[u]!) >= 2) answersInSpots += agg.responses[u]!;
    }
    candidates.push({
      hexSizeMeters,
      units: agg.unitCount,
      unitsShown,
      answers,
      answersShown,
      shareShown: answers > 0 ? answersShown / answers : 0,
      answersInSpots,
      shareInSpots: answers > 0 ? answersInSpots / answers : 0,
      moran: globalMoranTest(values, weights.value, query.permutations, query.seed),
    });
  }
  const choice = chooseScale(candidates);
  return explored({ campaignId: query.campaignId, selection: query.selection, candidates, chosen: choice.chosen, reason: choice.reason, minResponses: query.minResponses });
}
