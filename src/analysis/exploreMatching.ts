import type { MatchingQuery } from '../domain/analysisRequest';
import type { NeedCategoryId, OfferId } from '../domain/needs';
import { offersMatching } from '../domain/needOfferMatching';
import { checkCampaign, explored, layerKeyOf, refused, type ExploreContext, type ExploreResult } from './exploreContext';
import { townAverageRates } from './targetRanking';
import { needColumn, UNIT_SUPPRESSED } from './unitAggregates';

/**
 * "Gdzie potrzeba, a gdzie pomoc": for one need over a layer, how far each unit is from help — residents offering
 * matching help (needOfferMatching.ts, help placed at unit centres only) and institutions serving the need
 * (resourceCoverage.ts) — and the gap units: need clearly above the town's, and neither kind of help within the
 * threshold. Distances run along the street network when `network` is on (the default).
 */

export interface MatchingResult {
  layerKey: string;
  campaignId: string;
  needId: NeedCategoryId;
  /** The offers the matching table lists for the need (empty: institutions only). */
  matchedOffers: OfferId[];
  thresholdMeters: number;
  network: boolean;
  /** The need's share of households in the whole wave (all units, suppressed ones included: it is one town figure). */
  townRate: number;
  /** The need's rate per unit; NaN where suppressed. */
  needRates: Float64Array;
  /** Wilson 95 % lower bound of the need's rate; NaN where suppressed. */
  needLower: Float64Array;
  /** 1 where the need is clearly above the town's: the rate's 95 % interval lies wholly above townRate. */
  highNeed: Uint8Array;
  /** Households offering matching help per unit; NaN where suppressed (fewer than k answers). */
  helpCounts: Float64Array;
  /** helpCounts / responses; NaN where suppressed. */
  helpRates: Float64Array;
  /** 1 where the unit is a help place: not suppressed and some household offers matching help. */
  offering: Uint8Array;
  offeringCount: number;
  /** Metres to the nearest help place's centre (network or straight); Infinity when none is reachable. */
  residentMeters: Float64Array;
  /** Metres to the nearest institution serving the need; Infinity when none. */
  institutionMeters: Float64Array;
  /** 1 where highNeed and neither residents' help nor an institution is within thresholdMeters. */
  gap: Uint8Array;
  gapCount: number;
  /** 1 where the unit's need is shown (not suppressed). */
  suppressed: Uint8Array;
  minResponses: number;
}

/**
 * Matching for one need. The need aggregate, the help aggregate and both coverages are cached: changing the
 * threshold recomputes the distances once per threshold (a Dijkstra per need), changing the need is O(units).
 * @example matching(ctx, MatchingQuery.parse({ unit: { kind: 'hex' }, campaignId: 'w1', needId: 'loneliness_seniors' }))
 */
export function matching(context: ExploreContext, query: MatchingQuery): ExploreResult<MatchingResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  const j = needColumn(agg, query.needId);
  if (j < 0) return refused({ code: 'need_not_aggregated', needId: query.needId }, `need ${query.needId} is not among the aggregated needs`, 'needId');
  const help = context.helpAggregates(query.unit, query.campaignId, query.minResponses, query.matching);
  const residents = context.helpCoverage(agg, help, query.thresholdMeters, query.network);
  const institutions = context.coverage(agg, query.thresholdMeters, query.network);
  const n = agg.unitCount;
  const m = agg.needCount;
  const hm = help.needCount;
  const hj = needColumn(help, query.needId);
  const townRate = townAverageRates(agg)[j]!;
  const needRates = new Float64Array(n);
  const needLower = new Float64Array(n);
  const highNeed = new Uint8Array(n);
  const helpCounts = new Float64Array(n);
  const helpRates = new Float64Array(n);
  const offering = new Uint8Array(n);
  const residentMeters = new Float64Array(n);
  const institutionMeters = new Float64Array(n);
  const gap = new Uint8Array(n);
  const suppressed = new Uint8Array(n);
  let offeringCount = 0;
  let gapCount = 0;
  for (let u = 0; u < n; u++) {
    residentMeters[u] = residents.accessMeters[u * m + j]!;
    institutionMeters[u] = institutions.accessMeters[u * m + j]!;
    if (agg.flags[u]! & UNIT_SUPPRESSED) {
      suppressed[u] = 1;
      needRates[u] = needLower[u] = helpCounts[u] = helpRates[u] = NaN;
      continue;
    }
    needRates[u] = agg.needRates[u * m + j]!;
    needLower[u] = agg.needLower[u * m + j]!;
    helpCounts[u] = help.needCounts[u * hm + hj]!;
    helpRates[u] = help.needRates[u * hm + hj]!;
    offering[u] = helpCounts[u]! > 0 ? 1 : 0;
    offeringCount += offering[u]!;
    highNeed[u] = needLower[u]! > townRate ? 1 : 0;
    gap[u] = highNeed[u] && !(residentMeters[u]! <= query.thresholdMeters) && !(institutionMeters[u]! <= query.thresholdMeters) ? 1 : 0;
    gapCount += gap[u]!;
  }
  return explored({
    layerKey: layerKeyOf(query.unit),
    campaignId: query.campaignId,
    needId: query.needId,
    matchedOffers: [...offersMatching(query.matching, query.needId)],
    thresholdMeters: query.thresholdMeters,
    network: institutions.networkMeters !== null,
    townRate,
    needRates,
    needLower,
    highNeed,
    helpCounts,
    helpRates,
    offering,
    offeringCount,
    residentMeters,
    institutionMeters,
    gap,
    gapCount,
    suppressed,
    minResponses: agg.minResponses,
  });
}
