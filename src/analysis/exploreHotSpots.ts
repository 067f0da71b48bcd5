import { defaultHexContiguityOrder, DEFAULT_STREET_CONTIGUITY_ORDER, type ClusterQuery, type HotSpotInput, type HotSpotQuery, type HotSpotWeights, type NeedSelection } from '../domain/analysisRequest';
import { NEED_CATEGORY_IDS } from '../domain/needs';
import { dbscan, summariseDbscanClusters, type DbscanClusterSummary } from './dbscan';
import { checkCampaign, explored, layerKeyOf, selectedNeeds, type ExploreContext, type ExploreResult } from './exploreContext';
import type { GiStarDiagnostic } from './giStar';
import { hotSpotClusters, type ProblemCluster } from './hotSpotClusters';
import { includeMask } from './needQueries';

/**
 * Hot spots (Getis-Ord Gi* with Benjamini–Hochberg FDR, giStar.ts) over hexagons or streets, and problem
 * clusters: touching hot hexagons merged into outlines (hotSpotClusters.ts), plus DBSCAN over high-need households
 * (dbscan.ts) as a second, point-based method.
 */

export interface HotSpotResult {
  layerKey: string;
  campaignId: string;
  unitCount: number;
  zScores: Float64Array;
  pValues: Float64Array;
  /** Benjamini–Hochberg q-values over the computed units. */
  qValues: Float64Array;
  /** Gi_Bin −3 … 3 from raw p-values (ArcGIS's classes at 90/95/99 %). */
  giBin: Int8Array;
  /** Gi_Bin with the FDR correction: the class to draw. */
  giBinFdr: Int8Array;
  /** 1 where Gi* was computed (0: suppressed unit or no location). */
  computed: Uint8Array;
  unitsComputed: number;
  /** Units with giBinFdr ≥ 2 and ≤ −2 (95 % after FDR). */
  hotCount: number;
  coldCount: number;
  /** The neighbourhood used, for the panel to say in words. */
  neighbourhood: NeighbourhoodDescription;
  /** What was tested: 'empiricalBayes' rates (default), 'standardised' rates or 'raw' rates. */
  input: HotSpotInput;
  /** 'permutation' (conditional, `permutations` draws, seeded) or 'normal' (the z approximation). */
  inference: 'permutation' | 'normal';
  permutations: number;
  diagnostics: GiStarDiagnostic[];
}

/** A neighbourhood in terms the UI can turn into words ("the 18 hexagons within two rings"). */
export interface NeighbourhoodDescription {
  kind: 'hexRings' | 'streetJunctions' | 'kNearest' | 'distanceBand';
  /** Rings (hexagons) or junction steps (streets). */
  order?: number;
  k?: number;
  thresholdMeters?: number;
  /** Mean neighbours per tested unit (itself excluded), after suppressed units are left out. */
  meanNeighbours: number;
}

/** Describes the neighbourhood of a query over a layer. */
export function describeNeighbourhood(unitKind: string, weights: HotSpotWeights, neighbourCounts: Uint32Array, computed: Uint8Array, selfIncluded: boolean, hexSizeMeters = 250): NeighbourhoodDescription {
  let sum = 0;
  let tested = 0;
  for (let u = 0; u < computed.length; u++) {
    if (!computed[u]) continue;
    sum += neighbourCounts[u]! - (selfIncluded ? 1 : 0);
    tested++;
  }
  const meanNeighbours = tested > 0 ? sum / tested : 0;
  if (weights.kind === 'contiguity') {
    const hex = unitKind === 'hex';
    return { kind: hex ? 'hexRings' : 'streetJunctions', order: weights.order ?? (hex ? defaultHexContiguityOrder(hexSizeMeters) : DEFAULT_STREET_CONTIGUITY_ORDER), meanNeighbours };
  }
  if (weights.kind === 'kNearest') return { kind: 'kNearest', k: weights.k, meanNeighbours };
  return { kind: 'distanceBand', thresholdMeters: weights.thresholdMeters, meanNeighbours };
}

/**
 * Gi* for a selection over hexagons or streets; suppressed units are left out of the test. The Gi* result is
 * cached per (aggregate, selection, weights, alpha). O(n log n) for kNN weights, O(Σ neighbours) for the statistic.
 */
export function hotSpots(context: ExploreContext, query: HotSpotQuery): ExploreResult<HotSpotResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  const gi = context.giStar(agg, query.selection, query);
  if (!gi.ok) return gi;
  const g = gi.value;
  let hotCount = 0;
  let coldCount = 0;
  for (let u = 0; u < agg.unitCount; u++) {
    if (g.giBinFdr[u]! >= 2) hotCount++;
    else if (g.giBinFdr[u]! <= -2) coldCount++;
  }
  return explored({
    layerKey: layerKeyOf(query.unit),
    campaignId: query.campaignId,
    unitCount: agg.unitCount,
    zScores: g.zScores.slice(),
    pValues: g.pValues.slice(),
    qValues: g.qValues.slice(),
    giBin: g.giBin.slice(),
    giBinFdr: g.giBinFdr.slice(),
    computed: g.computed.slice(),
    unitsComputed: g.unitsComputed,
    hotCount,
    coldCount,
    neighbourhood: describeNeighbourhood(agg.kind, query.spatialWeights, g.neighbourCounts, g.computed, true, agg.hexSizeMeters),
    input: query.input,
    inference: g.inference,
    permutations: g.permutations,
    diagnostics: g.diagnostics.map((d) => ({ ...d })),
  });
}

export interface DbscanClusters {
  /** What counted as a high-need household, in words. */
  definition: string;
  /** High-need households with a location in the wave (the points clustered). */
  pointCount: number;
  noiseCount: number;
  epsMeters: number;
  minPoints: number;
  /** Per cluster: size, centroid and convex hull in [lng, lat]. Individual points never leave the facade. */
  clusters: DbscanClusterSummary[];
}

export interface ClusterResult {
  /** Hexagon layer key ("hex:250"): clusterOfUnit is indexed by its units. */
  layerKey: string;
  campaignId: string;
  /** Cluster index per hexagon, −1 outside every cluster. */
  clusterOfUnit: Int32Array;
  /** Outlines in [lng, lat] with households, responses and the main needs; `units` index the hexagon layer. */
  clusters: ProblemCluster[];
  dbscan: DbscanClusters;
  hotSpotDiagnostics: GiStarDiagnostic[];
}

/**
 * Problem clusters for a selection and wave: hexagons with Gi_Bin (FDR) ≥ minBin that touch are one cluster.
 * DBSCAN runs on the households of the wave that report a selected need (for an index: any need with a weight
 * above 0) at severity ≥ dbscan.minSeverity (default 2, "serious"). DBSCAN counts households, so it also follows
 * where many people live; the Gi* clusters, built on rates, do not — read the two together.
 */
export function problemClusters(context: ExploreContext, query: ClusterQuery): ExploreResult<ClusterResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const unit = { kind: 'hex' as const, hexSizeMeters: query.hexSizeMeters };
  const agg = context.aggregates(unit, query.campaignId, query.minSeverity, query.minResponses);
  const gi = context.giStar(agg, query.selection, query);
  if (!gi.ok) return gi;
  const found = hotSpotClusters(agg, gi.value.giBinFdr, context.ds.projection, { minBin: query.minBin });
  return explored({
    layerKey: layerKeyOf(unit),
    campaignId: query.campaignId,
    clusterOfUnit: found.clusterOfUnit,
    clusters: found.clusters,
    dbscan: highNeedDbscan(context, query.campaignId, query.selection, query.dbscan),
    hotSpotDiagnostics: gi.value.diagnostics.map((d) => ({ ...d })),
  });
}

function highNeedDbscan(context: ExploreContext, campaignId: string, selection: NeedSelection, options: ClusterQuery['dbscan']): DbscanClusters {
  const { ds } = context;
  const needs = selectedNeeds(selection);
  let bits = 0;
  for (const need of needs) bits |= 1 << NEED_CATEGORY_IDS.indexOf(need);
  const include = includeMask(ds, { campaignIds: [campaignId] });
  const masks = ds.needMasksBySeverity[options.minSeverity - 1]!;
  const chosen: number[] = [];
  for (let i = 0; i < masks.length; i++) {
    if ((include === null || include[i] === 1) && masks[i]! & bits && Number.isFinite(ds.responseXs[i]!) && Number.isFinite(ds.responseYs[i]!)) chosen.push(i);
  }
  // DBSCAN labels follow the scan order: scanning in response-id order makes the clusters independent of input order.
  const ids = ds.responseIds;
  chosen.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const count = chosen.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  chosen.forEach((i, k) => {
    xs[k] = ds.responseXs[i]!;
    ys[k] = ds.responseYs[i]!;
  });
  const result = dbscan(xs, ys, options.epsMeters, options.minPoints);
  let noiseCount = 0;
  for (let i = 0; i < count; i++) if (result.labels[i]! < 0) noiseCount++;
  return {
    definition: `households reporting ${needs.join(' or ')} at severity ${options.minSeverity} or more`,
    pointCount: count,
    noiseCount,
    epsMeters: options.epsMeters,
    minPoints: options.minPoints,
    clusters: summariseDbscanClusters(xs, ys, result, ds.projection),
  };
}
