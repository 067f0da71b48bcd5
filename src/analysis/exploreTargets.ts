import type { CandidateKind, CoverageQuery, RankingQuery } from '../domain/analysisRequest';
import type { MultiPolygonGeometry, PolygonGeometry } from '../domain/geometry';
import { NEED_CATEGORY_IDS, type NeedCategoryId } from '../domain/needs';
import { checkCampaign, explored, layerKeyOf, refused, weightRefusal, weightsByNeed, type ExploreContext, type ExploreResult } from './exploreContext';
import { hotSpotClusters } from './hotSpotClusters';
import { normaliseNeedWeights } from './needIndex';
import { rankTargetAreas, targetCandidateFromUnits, townAverageRates, type RankedTarget, type TargetCandidate } from './targetRanking';
import { unitNeedGaps } from './needGaps';
import { needColumn } from './unitAggregates';

/**
 * Resource coverage and gaps per unit (resourceCoverage.ts), and the ranking of candidate areas for Local
 * Activity Programmes (targetRanking.ts): estates, districts, care regions and the problem clusters found.
 */

export interface CoverageResult {
  layerKey: string;
  campaignId: string;
  needId: NeedCategoryId;
  thresholdMeters: number;
  network: boolean;
  /** Metres from the unit centre to the nearest resource serving the need, straight; Infinity if none. */
  straightMeters: Float64Array;
  /** Along the street network (walk to the street + network + walk to the resource); null when network is off. */
  networkMeters: Float64Array | null;
  /** rate × min(1, distance / threshold), the distance being the network one when on; NaN where the rate is suppressed. */
  gapScores: Float64Array;
  /** 1 where no resource serving the need is within the threshold. */
  uncovered: Uint8Array;
  uncoveredCount: number;
  /** 1 where the need is a gap of the unit (needGaps.ts: above the town average and uncovered) — what the map outlines. */
  gap: Uint8Array;
  gapCount: number;
  /** Needs no resource in the workspace serves at all. */
  needsWithoutResource: NeedCategoryId[];
  unitsOffNetwork: number;
  resourcesOffNetwork: number;
}

/**
 * Distances and gaps for one need over a layer. Coverage is computed once per (aggregate, threshold, network)
 * for all needs — one multi-source Dijkstra per need — so switching the need is O(units).
 */
export function coverage(context: ExploreContext, query: CoverageQuery): ExploreResult<CoverageResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  const cov = context.coverage(agg, query.thresholdMeters, query.network);
  const j = needColumn(agg, query.needId);
  if (j < 0) return refused({ code: 'need_not_aggregated', needId: query.needId }, `need ${query.needId} is not among the aggregated needs`, 'needId');
  const n = agg.unitCount;
  const m = agg.needCount;
  const column = (matrix: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let u = 0; u < n; u++) out[u] = matrix[u * m + j]!;
    return out;
  };
  const gapScores = column(cov.gapScores);
  const uncovered = new Uint8Array(n);
  const gap = new Uint8Array(n);
  let uncoveredCount = 0;
  let gapCount = 0;
  const town = townAverageRates(context.aggregates({ kind: 'street', hexSizeMeters: query.unit.hexSizeMeters }, query.campaignId, query.minSeverity, query.minResponses));
  for (let u = 0; u < n; u++) {
    if (!cov.gapKnown[u]) gapScores[u] = NaN;
    uncovered[u] = (cov.uncoveredMasks[u]! >>> j) & 1;
    uncoveredCount += uncovered[u]!;
    const gaps = unitNeedGaps(agg, cov, town, u);
    gap[u] = gaps.some((g) => g.needId === query.needId) ? 1 : 0;
    gapCount += gap[u]!;
  }
  return explored({
    layerKey: layerKeyOf(query.unit),
    campaignId: query.campaignId,
    needId: query.needId,
    thresholdMeters: cov.thresholdMeters,
    network: cov.networkMeters !== null,
    straightMeters: column(cov.straightMeters),
    networkMeters: cov.networkMeters ? column(cov.networkMeters) : null,
    gapScores,
    uncovered,
    uncoveredCount,
    gap,
    gapCount,
    needsWithoutResource: cov.diagnostics.needsWithoutResource.map((c) => agg.needIds[c]!),
    unitsOffNetwork: cov.diagnostics.unitsOffNetwork,
    resourcesOffNetwork: cov.diagnostics.resourcesOffNetwork,
  });
}

export interface RankedCandidate extends RankedTarget {
  kind: CandidateKind;
  /** Label position, [lng, lat] (area centroid, mean of a cluster's cell centres); null when unknown. */
  center: [lng: number, lat: number] | null;
  /** Clusters only: the outline (areas: the workspace holds their geometry). */
  geometry?: PolygonGeometry | MultiPolygonGeometry;
}

export interface RankingResult {
  campaignId: string;
  /** Normalised weights used, by need. */
  weights: Partial<Record<NeedCategoryId, number>>;
  /** Town-wide rate per need (pooled over every response assigned to a street). */
  townAverageRates: Partial<Record<NeedCategoryId, number>>;
  /** "Within reach" of the gaps, metres. */
  thresholdMeters: number;
  /** Candidates considered (before `limit`). */
  candidateCount: number;
  /** Best first; score = composite index × households (expected households reporting the weighted needs). */
  targets: RankedCandidate[];
}

/**
 * Ranks estates, districts, care regions and/or problem clusters (Gi* over hexagons on the weighted index,
 * FDR Gi_Bin ≥ 2) by index × households, each explained by its main needs, gaps and above-average indicators.
 * Gaps use the coverage at the query's threshold (network distances unless `network` is false).
 */
export function rankTargets(context: ExploreContext, query: RankingQuery): ExploreResult<RankingResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const normalised = normaliseNeedWeights(NEED_CATEGORY_IDS, query.weights);
  if (!normalised.ok) return refused(weightRefusal(normalised), normalised.message, 'weights');
  const w = normalised.weights;
  const { ds } = context;
  const { minSeverity, minResponses } = query;
  // The town average the gaps and the above-average count compare with: pooled over the streets, as the unit panel.
  const streets = context.aggregates({ kind: 'street', hexSizeMeters: query.hexSizeMeters }, query.campaignId, minSeverity, minResponses);
  const town = townAverageRates(streets);
  const candidates: TargetCandidate[] = [];
  const extra = new Map<string, Pick<RankedCandidate, 'kind' | 'center' | 'geometry'>>();
  const kinds = [...new Set(query.candidates)];
  for (const kind of kinds) {
    if (kind === 'cluster') {
      const unit = { kind: 'hex' as const, hexSizeMeters: query.hexSizeMeters };
      const agg = context.aggregates(unit, query.campaignId, minSeverity, minResponses);
      const gi = context.giStar(agg, { kind: 'index', weights: query.weights }, query);
      if (!gi.ok) return gi;
      const cov = context.coverage(agg, query.thresholdMeters, query.network);
      for (const cluster of hotSpotClusters(agg, gi.value.giBinFdr, ds.projection, { minBin: 2 }).clusters) {
        // No label: a cluster has no name of its own; each screen numbers it ("Skupisko 1"), never shows its id.
        candidates.push(targetCandidateFromUnits(cluster.id, cluster.units, agg, w, { coverage: cov, townRates: town }));
        extra.set(cluster.id, { kind, center: cluster.center, geometry: cluster.geometry });
      }
      continue;
    }
    const unit = { kind, hexSizeMeters: query.hexSizeMeters };
    const agg = context.aggregates(unit, query.campaignId, minSeverity, minResponses);
    const cov = context.coverage(agg, query.thresholdMeters, query.network);
    const nameOf = new Map(ds.areas.map((a) => [a.id, a.name]));
    agg.unitIds.forEach((id, u) => {
      candidates.push(targetCandidateFromUnits(id, [u], agg, w, { label: nameOf.get(id) ?? id, coverage: cov, townRates: town }));
      const x = agg.centerXs[u]!;
      const y = agg.centerYs[u]!;
      extra.set(id, { kind, center: Number.isFinite(x) && Number.isFinite(y) ? ds.projection.inverse(x, y) : null });
    });
  }
  const ranked = rankTargetAreas(candidates, { needIds: NEED_CATEGORY_IDS, weights: w, townAverageRates: town });
  return explored({
    campaignId: query.campaignId,
    weights: weightsByNeed(NEED_CATEGORY_IDS, w),
    townAverageRates: Object.fromEntries(NEED_CATEGORY_IDS.map((id, j) => [id, town[j]!])),
    thresholdMeters: query.thresholdMeters,
    candidateCount: ranked.length,
    targets: ranked.slice(0, query.limit).map((r) => ({ ...r, ...extra.get(r.id)! })),
  });
}
