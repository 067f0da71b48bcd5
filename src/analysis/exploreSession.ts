import type { AreaWaveComparisonQuery, ClusterQuery, CoverageQuery, HotSpotQuery, LisaQuery, MatchingQuery, ScaleAdviceQuery, NeedMapQuery, OfferMapQuery, RankingQuery, ResponseUnitsQuery, UnitChoice, UnitDetailQuery, WaveComparisonQuery } from '../domain/analysisRequest';
import type { PrepareOptions } from './dataset';
import { createExploreContext, type CampaignInfo, type ExploreInput, type ExploreResult, type ExploreStats } from './exploreContext';
import { lisa, type LisaResult } from './exploreLisa';
import { scaleAdvice, type ScaleAdviceResult } from './exploreScale';
import { hotSpots, problemClusters, type ClusterResult, type HotSpotResult } from './exploreHotSpots';
import { exploreLayer, needMap, offerMap, type ExploreLayer, type NeedMapResult, type OfferMapResult } from './exploreNeedMap';
import { matching, type MatchingResult } from './exploreMatching';
import { coverage, rankTargets, type CoverageResult, type RankingResult } from './exploreTargets';
import { unitDetail, waveChange, type UnitDetail, type WaveChangeResult } from './exploreUnitDetail';
import { areaKinds } from './unitLayers';
import { areaWaveChange, type AreaWaveChange } from './exploreAreaChange';
import { responseUnits, type ResponseUnitsResult } from './exploreResponseUnits';

export type { CampaignInfo, ExploreInput, ExploreResult, ExploreStats } from './exploreContext';
export type { ClusterResult, DbscanClusters, HotSpotResult, NeighbourhoodDescription } from './exploreHotSpots';
export type { LisaResult } from './exploreLisa';
export type { ScaleAdviceResult } from './exploreScale';
export type { ScaleCandidate, ScaleReason } from './scaleAdvice';
export type { AnswerMapResult, ExploreLayer, NeedMapResult, OfferMapResult } from './exploreNeedMap';
export type { MatchingResult } from './exploreMatching';
export type { CoverageResult, RankedCandidate, RankingResult } from './exploreTargets';
export type { AreaWaveChange } from './exploreAreaChange';
export type { ResponseUnitsResult } from './exploreResponseUnits';
export type { NearbyPlace, UnitChangeDetail, UnitDetail, UnitGap, UnitLocalPattern, UnitNeedDetail, WaveChangeResult } from './exploreUnitDetail';

/**
 * The explore facade: one prepared workspace answering the questions of the explore view (issue 5).
 *
 *   const session = createExploreSession(workspace);            // prepare once: O(records) + snapping
 *   session.layer({ kind: 'hex', hexSizeMeters: 250 })          // ids, labels, households, corners: once per layer
 *   session.needMap({ unit, campaignId, selection, … })          // values, classes, Wilson, suppression
 *   session.needMap({ …, selection: { kind: 'index', weights } }) // re-weighting: cached rates, O(units × needs)
 *
 * Queries are the zod-parsed types of src/domain/analysisRequest.ts (defaults filled in). Answers are
 * `{ ok: true, value }` or `{ ok: false, message, field }` (unknown wave or unit, weights all zero): never thrown.
 * Every typed array in an answer is fresh (nothing of the caches is shared), so a worker may transfer it; arrays
 * are indexed by the unit order of `layer(unit)`, which does not depend on the wave or on the input order.
 * The input is read, never modified, and must not change while the session lives: a new data load, a new session.
 */
export interface ExploreSession {
  readonly campaigns: readonly CampaignInfo[];
  summary(): ExploreSummary;
  layer(unit: UnitChoice): ExploreLayer;
  needMap(query: NeedMapQuery): ExploreResult<NeedMapResult>;
  /** What households offer ("zasoby mieszkańców"), mapped like needs: one offer or the potential index. */
  offerMap(query: OfferMapQuery): ExploreResult<OfferMapResult>;
  /** Needs matched with residents' help and institutions; gap units ("gdzie potrzeba, a gdzie pomoc"). */
  matching(query: MatchingQuery): ExploreResult<MatchingResult>;
  hotSpots(query: HotSpotQuery): ExploreResult<HotSpotResult>;
  /** Local Moran's I: HH, LL and the spatial outliers HL, LH (exploreLisa.ts). */
  lisa(query: LisaQuery): ExploreResult<LisaResult>;
  /** Which hexagon size shows the pattern best while keeping most answers (exploreScale.ts). */
  scaleAdvice(query: ScaleAdviceQuery): ExploreResult<ScaleAdviceResult>;
  clusters(query: ClusterQuery): ExploreResult<ClusterResult>;
  coverage(query: CoverageQuery): ExploreResult<CoverageResult>;
  ranking(query: RankingQuery): ExploreResult<RankingResult>;
  compareWaves(query: WaveComparisonQuery): ExploreResult<WaveChangeResult>;
  /** The same comparison inside any boundary (a programme's area drawn by hand). */
  compareArea(query: AreaWaveComparisonQuery): ExploreResult<AreaWaveChange>;
  unitDetail(query: UnitDetailQuery): ExploreResult<UnitDetail>;
  /** The unit each given response is counted in (the engine's assignment; the leader candidates per estate use it). */
  responseUnits(query: ResponseUnitsQuery): ExploreResult<ResponseUnitsResult>;
  /** How often the expensive steps ran (tests, bench). */
  readonly stats: Readonly<ExploreStats>;
}

export interface ExploreSummary {
  campaigns: CampaignInfo[];
  /** Area kinds present (estate, district, …). */
  areaKinds: string[];
  streets: number;
  addresses: number;
  responses: number;
  resources: number;
  groups: number;
  /** Responses in no street, by reason (they are counted, never dropped). */
  unassignedToStreet: Record<string, number>;
}

/**
 * Prepares `input` (a Workspace fits) for exploring. Throws only on broken invariants; bad records end up in the
 * dataset's diagnostics and the summary.
 * @example
 *   const s = createExploreSession(workspace);
 *   const map = s.needMap(NeedMapQuery.parse({ unit: { kind: 'street' }, campaignId: 'campaign-2025-w1', selection: { kind: 'need', needId: 'housing' } }));
 *   if (map.ok) map.value.values[3] // housing rate of the 4th street of s.layer({ kind: 'street', hexSizeMeters: 250 })
 */
export function createExploreSession(input: ExploreInput, options: PrepareOptions = {}): ExploreSession {
  const context = createExploreContext(input, options);
  return {
    campaigns: context.campaigns,
    stats: context.stats,
    summary() {
      const { ds } = context;
      const unassignedToStreet: Record<string, number> = {};
      for (const [reason, count] of Object.entries(ds.diagnostics.streetReasonCounts)) if (reason !== 'assigned' && count > 0) unassignedToStreet[reason] = count;
      return {
        campaigns: context.campaigns.map((c) => ({ ...c })),
        areaKinds: areaKinds(ds),
        streets: ds.streets.unitIds.length,
        addresses: ds.addressIds.length,
        responses: ds.responseIds.length,
        resources: input.resources.length,
        groups: input.groups?.length ?? 0,
        unassignedToStreet,
      };
    },
    layer: (unit) => exploreLayer(context, unit),
    needMap: (query) => needMap(context, query),
    offerMap: (query) => offerMap(context, query),
    matching: (query) => matching(context, query),
    hotSpots: (query) => hotSpots(context, query),
    lisa: (query) => lisa(context, query),
    scaleAdvice: (query) => scaleAdvice(context, query),
    clusters: (query) => problemClusters(context, query),
    coverage: (query) => coverage(context, query),
    ranking: (query) => rankTargets(context, query),
    compareWaves: (query) => waveChange(context, query),
    compareArea: (query) => areaWaveChange(context, query),
    unitDetail: (query) => unitDetail(context, query),
    responseUnits: (query) => responseUnits(context, query),
  };
}
