import { HotSpotQuery, type UnitDetailQuery, type UnitKind, type WaveComparisonQuery } from '../domain/analysisRequest';
import type { NeedCategoryId } from '../domain/needs';
import { pointInArea } from './areaRaster';
import { checkCampaign, explored, layerKeyOf, previousCampaign, refused, selectionValues, type ExploreContext, type ExploreResult } from './exploreContext';
import { unitNeedGaps, type NeedGap } from './needGaps';
import { pointSegmentDistanceSquared } from './segmentIndex';
import { hexLabels } from './exploreNeedMap';
import { townAverageRates } from './targetRanking';
import { needColumn, UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';
import { describeNeighbourhood, type NeighbourhoodDescription } from './exploreHotSpots';
import { benjaminiHochberg } from './falseDiscoveryRate';
import { compareWaves, twoProportionZTest } from './waveComparison';

/** Change between two waves per unit, and everything the panel shows about one unit. */

export interface WaveChangeResult {
  layerKey: string;
  beforeCampaignId: string;
  afterCampaignId: string;
  unitCount: number;
  /** The need's rate or the index in each wave; NaN where that wave's unit is suppressed. */
  before: Float64Array;
  after: Float64Array;
  /** after − before; NaN where either wave is suppressed. */
  change: Float64Array;
  /** Pooled two-proportion z and two-sided p (single need only; the index is not a proportion: null). */
  z: Float64Array | null;
  pValue: Float64Array | null;
  /** Benjamini–Hochberg q over the comparable units of the map (single need only); "significant" means q ≤ 0.05. */
  qValue: Float64Array | null;
  /** 1 where either wave has fewer than k responses. */
  suppressed: Uint8Array;
}

/**
 * Per-unit change of a need rate (with the two-proportion test) or of the composite index between two waves.
 * Both aggregates come from the cache; O(units × needs).
 */
export function waveChange(context: ExploreContext, query: WaveComparisonQuery): ExploreResult<WaveChangeResult> {
  const before = checkCampaign(context, query.beforeCampaignId, 'beforeCampaignId');
  if (!before.ok) return before;
  const after = checkCampaign(context, query.afterCampaignId, 'afterCampaignId');
  if (!after.ok) return after;
  const a = context.aggregates(query.unit, query.beforeCampaignId, query.minSeverity, query.minResponses);
  const b = context.aggregates(query.unit, query.afterCampaignId, query.minSeverity, query.minResponses);
  const va = selectionValues(a, query.selection);
  if (!va.ok) return va;
  const vb = selectionValues(b, query.selection);
  if (!vb.ok) return vb;
  const n = a.unitCount;
  const comparison = compareWaves(a, b, { minResponses: query.minResponses });
  const beforeValues = new Float64Array(n);
  const afterValues = new Float64Array(n);
  const change = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    beforeValues[u] = a.flags[u]! & UNIT_SUPPRESSED ? NaN : va.value.values[u]!;
    afterValues[u] = b.flags[u]! & UNIT_SUPPRESSED ? NaN : vb.value.values[u]!;
    change[u] = comparison.suppressed[u] ? NaN : vb.value.values[u]! - va.value.values[u]!;
  }
  let z: Float64Array | null = null;
  let pValue: Float64Array | null = null;
  let qValue: Float64Array | null = null;
  if (query.selection.kind === 'need') {
    const j = needColumn(a, query.selection.needId);
    z = new Float64Array(n);
    pValue = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      z[u] = comparison.suppressed[u] ? NaN : comparison.z[u * a.needCount + j]!;
      pValue[u] = comparison.suppressed[u] ? NaN : comparison.pValue[u * a.needCount + j]!;
    }
    // NaN (suppressed) is not tested and gets q = 1; keep it NaN like p.
    qValue = benjaminiHochberg(pValue, WAVE_CHANGE_ALPHA).qValues;
    for (let u = 0; u < n; u++) if (comparison.suppressed[u]) qValue[u] = NaN;
  }
  return explored({
    layerKey: layerKeyOf(query.unit),
    beforeCampaignId: query.beforeCampaignId,
    afterCampaignId: query.afterCampaignId,
    unitCount: n,
    before: beforeValues,
    after: afterValues,
    change,
    z,
    pValue,
    qValue,
    suppressed: comparison.suppressed.slice(),
  });
}

export interface UnitNeedDetail {
  needId: NeedCategoryId;
  /** null where the unit is suppressed (fewer than k answers): too few to show. */
  count: number | null;
  rate: number | null;
  lower: number | null;
  upper: number | null;
  /** Town-wide rate of the need in this wave (pooled over streets), for comparison. */
  townRate: number;
}

export interface NearbyPlace {
  id: string;
  name: string;
  kind: string;
  /** Resources: the needs served; groups: the needs addressed. */
  needs: NeedCategoryId[];
  /** Straight-line metres from the unit (its street line, its area, its hexagon's centre); 0 inside an area. */
  distanceMeters: number;
}

/** A need above the town average with no resource serving it within reach (needGaps.ts: the one definition). */
export type UnitGap = NeedGap;

export interface UnitChangeDetail {
  campaignId: string;
  campaignName: string;
  responses: number;
  /** Both waves have at least k responses. */
  comparable: boolean;
  /**
   * Per need: rates before and after, change and the two-proportion test; null values where not comparable.
   * `qValue` is the Benjamini–Hochberg q over the needs tested for this unit (all needs shown), and `significant`
   * is q ≤ `alpha`: twelve separate tests at p < 0.05 would call a change "significant" in up to ~46 % of units
   * with no change at all. Never read significance from `pValue` alone.
   */
  needs: { needId: NeedCategoryId; before: number | null; after: number | null; change: number | null; z: number | null; pValue: number | null; qValue: number | null; significant: boolean }[];
  /** FDR level of `significant` (0.05) and how many needs the correction covered. */
  alpha: number;
  testedNeeds: number;
}

/** FDR level for "significant change" in the panel. */
export const WAVE_CHANGE_ALPHA = 0.05;

export interface UnitDetail {
  layerKey: string;
  kind: UnitKind;
  unitId: string;
  unitIndex: number;
  label: string;
  campaignId: string;
  households: number;
  responses: number;
  responseRate: number;
  suppressed: boolean;
  minResponses: number;
  needs: UnitNeedDetail[];
  nearbyMeters: number;
  /** "Within reach" of the gaps, metres. */
  thresholdMeters: number;
  resources: NearbyPlace[];
  groups: NearbyPlace[];
  /** Gaps (needGaps.ts), largest rate first; empty when suppressed. Needs with nothing in reach, whatever their rate. */
  gaps: UnitGap[];
  uncoveredNeeds: NeedCategoryId[];
  /** Change since the previous wave of the series; null when this is the first wave. */
  sincePrevious: UnitChangeDetail | null;
  /** How the unit stands against its neighbourhood for the selection asked; null without one, for areas, or suppressed. */
  localPattern: UnitLocalPattern | null;
}

/** LISA and Gi* for one unit, both after the FDR correction over the layer, with the facade's default options. */
export interface UnitLocalPattern {
  /** LISA code: 0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 6 isolated. */
  lisaQuadrant: number;
  lisaQValue: number;
  /** Gi_Bin after FDR (−3 … 3). */
  giBinFdr: number;
  giQValue: number;
  neighbourhood: NeighbourhoodDescription;
  permutations: number;
}

/**
 * The panel of one unit: counts, every need's rate with its Wilson interval (hidden when suppressed), nearby
 * resources and groups, gaps, change since the previous wave. O(needs + resources + groups + the unit's segments).
 */
export function unitDetail(context: ExploreContext, query: UnitDetailQuery): ExploreResult<UnitDetail> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const u = context.unitIndex(query.unit, query.unitId);
  if (u < 0) return refused({ code: 'unknown_unit', unitKind: query.unit.kind, unitId: query.unitId }, `no ${query.unit.kind} unit with id "${query.unitId}"`, 'unitId');
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  const town = context.aggregates({ kind: 'street', hexSizeMeters: query.unit.hexSizeMeters }, query.campaignId, query.minSeverity, query.minResponses);
  const suppressed = (agg.flags[u]! & UNIT_SUPPRESSED) !== 0;
  const m = agg.needCount;
  const townRates = townAverageRates(town);
  const needs: UnitNeedDetail[] = agg.needIds.map((needId, j) => {
    const at = u * m + j;
    return {
      needId,
      count: suppressed ? null : agg.needCounts[at]!,
      rate: suppressed ? null : agg.needRates[at]!,
      lower: suppressed ? null : agg.needLower[at]!,
      upper: suppressed ? null : agg.needUpper[at]!,
      townRate: townRates[j]!,
    };
  });

  const distanceTo = unitDistance(context, query, u, agg);
  const { ds } = context;
  const nearby = (items: readonly { id: string; name: string; kind: string; location: { coordinates: readonly number[] } }[], needsOf: (i: number) => NeedCategoryId[]): NearbyPlace[] => {
    const out: NearbyPlace[] = [];
    items.forEach((item, i) => {
      const [x, y] = ds.projection.forward(item.location.coordinates[0]!, item.location.coordinates[1]!);
      const d = distanceTo(x, y);
      if (d <= query.nearbyMeters) out.push({ id: item.id, name: item.name, kind: item.kind, needs: needsOf(i), distanceMeters: d });
    });
    return out.sort((a, b) => a.distanceMeters - b.distanceMeters || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };
  const resources = context.input.resources;
  const groups = context.input.groups ?? [];

  const cov = context.coverage(agg, query.thresholdMeters, query.network);
  const uncoveredNeeds: NeedCategoryId[] = [];
  for (let j = 0; j < m; j++) if ((cov.uncoveredMasks[u]! >>> j) & 1) uncoveredNeeds.push(agg.needIds[j]!);
  const gaps = unitNeedGaps(agg, cov, townRates, u);

  const label = labelOf(context, query, u);
  return explored({
    layerKey: layerKeyOf(query.unit),
    kind: query.unit.kind,
    unitId: query.unitId,
    unitIndex: u,
    label,
    campaignId: query.campaignId,
    households: agg.households[u]!,
    responses: agg.responses[u]!,
    responseRate: agg.responseRate[u]!,
    suppressed,
    minResponses: agg.minResponses,
    needs,
    nearbyMeters: query.nearbyMeters,
    thresholdMeters: cov.thresholdMeters,
    resources: nearby(resources, (i) => [...resources[i]!.serves]),
    groups: nearby(groups, (i) => [...groups[i]!.targetNeeds]),
    gaps,
    uncoveredNeeds,
    sincePrevious: changeSincePrevious(context, query, u, agg),
    localPattern: localPatternOf(context, query, u, agg, suppressed),
  });
}

function localPatternOf(context: ExploreContext, query: UnitDetailQuery, u: number, agg: UnitAggregates, suppressed: boolean): UnitLocalPattern | null {
  if (!query.selection || suppressed || (query.unit.kind !== 'hex' && query.unit.kind !== 'street')) return null;
  const options = HotSpotQuery.parse({ unit: query.unit, campaignId: query.campaignId, selection: query.selection, minSeverity: query.minSeverity, minResponses: query.minResponses });
  const lisa = context.localMoran(agg, query.selection, options);
  const gi = context.giStar(agg, query.selection, options);
  if (!lisa.ok || !gi.ok) return null;
  const computed = Uint8Array.from(lisa.value.quadrant, (q) => (q === 255 ? 0 : 1));
  return {
    lisaQuadrant: lisa.value.quadrant[u]!,
    lisaQValue: lisa.value.qValues[u]!,
    giBinFdr: gi.value.giBinFdr[u]!,
    giQValue: gi.value.qValues[u]!,
    neighbourhood: describeNeighbourhood(agg.kind, options.spatialWeights, lisa.value.neighbourCounts, computed, false, agg.hexSizeMeters),
    permutations: lisa.value.permutations,
  };
}

function labelOf(context: ExploreContext, query: UnitDetailQuery, u: number): string {
  if (query.unit.kind === 'street') return context.ds.streets.labels[u] ?? query.unitId;
  if (query.unit.kind === 'hex') {
    const built = context.layer(query.unit);
    return hexLabels(context, built.hexKeys!, built.unitIds, query.unit.hexSizeMeters)[u] ?? query.unitId;
  }
  return context.ds.areas.find((a) => a.id === query.unitId)?.name ?? query.unitId;
}

/** Distance in metres from a point to the unit: to the street's nearest segment, 0 inside an area else to its edge, to a hexagon's centre. */
function unitDistance(context: ExploreContext, query: UnitDetailQuery, u: number, agg: UnitAggregates): (x: number, y: number) => number {
  const { ds } = context;
  if (query.unit.kind === 'street') {
    const s = ds.streets;
    const segments: number[] = [];
    for (let i = 0; i < s.segmentUnit.length; i++) if (s.segmentUnit[i] === u) segments.push(i);
    return (x, y) => {
      let best = Infinity;
      for (const i of segments) best = Math.min(best, pointSegmentDistanceSquared(x, y, s.x0s[i]!, s.y0s[i]!, s.x1s[i]!, s.y1s[i]!));
      return Math.sqrt(best);
    };
  }
  if (query.unit.kind === 'hex') return (x, y) => Math.hypot(x - agg.centerXs[u]!, y - agg.centerYs[u]!);
  const layer = context.layer(query.unit);
  const area = ds.areas.find((a) => a.id === query.unitId)!;
  return (x, y) => {
    if (layer.raster && pointInArea(layer.raster, u, x, y)) return 0;
    let best = Infinity;
    for (const ring of area.rings) {
      for (let i = 0; i + 3 < ring.length; i += 2) best = Math.min(best, pointSegmentDistanceSquared(x, y, ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!));
    }
    return Math.sqrt(best);
  };
}

function changeSincePrevious(context: ExploreContext, query: UnitDetailQuery, u: number, after: UnitAggregates): UnitChangeDetail | null {
  const previous = previousCampaign(context, query.campaignId);
  if (!previous) return null;
  const before = context.aggregates(query.unit, previous.id, query.minSeverity, query.minResponses);
  const m = after.needCount;
  const tests = needChangeTests(after.needIds, before.needCounts.subarray(u * m, (u + 1) * m), before.responses[u]!, after.needCounts.subarray(u * m, (u + 1) * m), after.responses[u]!, query.minResponses);
  return { campaignId: previous.id, campaignName: previous.name, responses: before.responses[u]!, ...tests };
}

/** The change of every need between two waves of one place, tested and corrected as the unit panel shows it. */
export type NeedChangeTests = Pick<UnitChangeDetail, 'comparable' | 'needs' | 'alpha' | 'testedNeeds'>;

/**
 * Per need: rates before and after, change, the pooled two-proportion z-test and the Benjamini–Hochberg q over the
 * needs of this place (significant at q ≤ 0.05). Comparable only when both waves have at least `minResponses`
 * answers. One function for a unit of a layer and for a boundary drawn by hand (exploreAreaChange.ts). O(needs log needs).
 */
export function needChangeTests(needIds: readonly NeedCategoryId[], countsBefore: ArrayLike<number>, n1: number, countsAfter: ArrayLike<number>, n2: number, minResponses: number): NeedChangeTests {
  const comparable = n1 >= minResponses && n2 >= minResponses && n1 > 0 && n2 > 0;
  const m = needIds.length;
  const tests = needIds.map((_, j) => twoProportionZTest(countsBefore[j]!, n1, countsAfter[j]!, n2));
  const fdr = benjaminiHochberg(Float64Array.from(tests, (t) => t.pValue), WAVE_CHANGE_ALPHA);
  return {
    comparable,
    alpha: WAVE_CHANGE_ALPHA,
    testedNeeds: comparable ? m : 0,
    needs: needIds.map((needId, j) => {
      if (!comparable) return { needId, before: null, after: null, change: null, z: null, pValue: null, qValue: null, significant: false };
      const x1 = countsBefore[j]!;
      const x2 = countsAfter[j]!;
      const test = tests[j]!;
      return { needId, before: x1 / n1, after: x2 / n2, change: x2 / n2 - x1 / n1, z: test.z, pValue: test.pValue, qValue: fdr.qValues[j]!, significant: fdr.significant[j] === 1 };
    }),
  };
}
