import type { NeedCategoryId } from '../domain/needs';
import type { Resource } from '../domain/resource';
import type { LocalProjection } from './localProjection';
import { buildPointIndex, NearestNeighbourSearch } from './nearestNeighbours';
import { createNetworkScratch, DEFAULT_MAX_SNAP_METERS, networkDistanceToNearest, snapToStreetGraph } from './networkDistance';
import type { StreetGraph } from './streetGraph';
import { UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * Resource coverage and gaps: for each unit and need, how far the nearest resource serving that need is,
 * and how much need is left without one nearby.
 *
 *   gap(u, j) = rate(u, j) × lack(u, j),   lack = min(1, distance(u, j) / thresholdMeters)
 *
 * A resource at the door leaves no gap; one at or beyond the threshold (default 800 m, about ten minutes'
 * walk) leaves the whole rate as gap; in between the lack grows linearly. The distance is along the street
 * network when a graph is given (networkDistance.ts), else in a straight line. A unit whose rates are
 * suppressed (too few answers) gets gap 0 and gapKnown 0: an unknown need is not evidence of need.
 */

/** Resources as points in metres with the needs each serves: bit j of needMasks[r] ⇔ resource r serves need column j. */
export interface ResourcePoints {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly needMasks: Uint32Array;
}

/** Projects domain resources and encodes `serves` against the need columns `needIds` (at most 32). */
export function resourcePointsFromResources(resources: readonly Resource[], needIds: readonly NeedCategoryId[], projection: LocalProjection): ResourcePoints {
  if (needIds.length > 32) throw new RangeError('at most 32 need columns fit a need mask');
  const column = new Map(needIds.map((id, j) => [id, j]));
  const xs = new Float64Array(resources.length);
  const ys = new Float64Array(resources.length);
  const needMasks = new Uint32Array(resources.length);
  resources.forEach((r, i) => {
    [xs[i], ys[i]] = projection.forward(r.location.coordinates[0], r.location.coordinates[1]);
    for (const need of r.serves) {
      const j = column.get(need);
      if (j !== undefined) needMasks[i]! |= 1 << j;
    }
  });
  return { xs, ys, needMasks };
}

export interface CoverageInput {
  /** Unit centres in metres. */
  unitXs: Float64Array;
  unitYs: Float64Array;
  needCount: number;
  /** units × needs, row-major; NaN = unknown. */
  needRates: Float64Array;
  /** Optional UNIT_* flags per unit (unitAggregates.ts); UNIT_SUPPRESSED makes the unit's rates unknown. */
  unitFlags?: Uint8Array;
  resources: ResourcePoints;
}

export interface CoverageOptions {
  /** "Within reach" in metres (default 800). */
  thresholdMeters?: number;
  /** When given, distances along this network drive the gaps; straight-line distances are reported as well. */
  graph?: StreetGraph;
  maxSnapMeters?: number;
  /**
   * The unit each resource stands in (its estate, its hexagon, the street it is on), −1 for none. A resource in a
   * unit is at 0 m from it, whatever its distance from the unit's centre: a planner reading "no help within 800 m"
   * for an estate with that help inside it would rightly stop trusting the map (issue 17, Osiedle Górnicze).
   */
  unitOfResource?: Int32Array;
  /** Where areas overlap: the further areas a resource stands in (pairs of resource and unit), at 0 m from each too. */
  alsoInUnits?: { readonly point: Int32Array; readonly area: Int32Array } | null;
}

export interface ResourceCoverage {
  readonly unitCount: number;
  readonly needCount: number;
  readonly thresholdMeters: number;
  /** units × needs: straight-line metres to the nearest resource serving the need; Infinity if none. */
  readonly straightMeters: Float64Array;
  /** units × needs: network metres, or null without a graph; Infinity if unreachable. */
  readonly networkMeters: Float64Array | null;
  /** The distance the gaps use: networkMeters when available, else straightMeters. */
  readonly accessMeters: Float64Array;
  /** units × needs: rate × min(1, access / threshold); 0 where the rate is unknown. */
  readonly gapScores: Float64Array;
  /** Per unit: 1 when its rates are known (not suppressed, not NaN). */
  readonly gapKnown: Uint8Array;
  /** Per unit: bit j set when no resource serving need j is within the threshold. */
  readonly uncoveredMasks: Uint32Array;
  readonly diagnostics: {
    /** Need columns no resource serves at all. */
    needsWithoutResource: number[];
    unitsWithoutLocation: number;
    unitsOffNetwork: number;
    resourcesOffNetwork: number;
  };
}

/**
 * Distances, gaps and uncovered needs for every unit and need. Inputs are read only.
 * Cost: straight line O(needs · units · log resources) through one kdbush per need; network one
 * multi-source Dijkstra per need plus O(units) snapping.
 * @example
 *   const cov = resourceCoverage({ unitXs, unitYs, needCount: 12, needRates, resources }, { graph });
 *   cov.gapScores[u * 12 + j]   // 0 … rate
 *   uncoveredNeedColumns(cov, u) // [2, 7]: housing and youth have no resource within 800 m
 */
export function resourceCoverage(input: CoverageInput, options: CoverageOptions = {}): ResourceCoverage {
  const { unitXs, unitYs, needCount, needRates, unitFlags, resources } = input;
  const n = unitXs.length;
  if (unitYs.length !== n || needRates.length !== n * needCount) throw new RangeError('resourceCoverage: unit arrays and needRates do not match');
  if (needCount > 32) throw new RangeError('at most 32 need columns fit a need mask');
  const thresholdMeters = options.thresholdMeters ?? 800;
  if (!(thresholdMeters > 0)) throw new RangeError(`thresholdMeters must be > 0, got ${thresholdMeters}`);
  const resourceCount = resources.xs.length;
  const straightMeters = new Float64Array(n * needCount).fill(Infinity);
  const needsWithoutResource: number[] = [];
  let unitsWithoutLocation = 0;
  for (let u = 0; u < n; u++) if (!(Number.isFinite(unitXs[u]!) && Number.isFinite(unitYs[u]!))) unitsWithoutLocation++;

  const isSource = new Uint8Array(resourceCount);
  const members = new Uint32Array(resourceCount);
  for (let j = 0; j < needCount; j++) {
    let m = 0;
    for (let r = 0; r < resourceCount; r++) {
      const serves = (resources.needMasks[r]! >>> j) & 1 && Number.isFinite(resources.xs[r]!) && Number.isFinite(resources.ys[r]!);
      if (serves) members[m++] = r;
    }
    if (m === 0) {
      needsWithoutResource.push(j);
      continue;
    }
    const sx = new Float64Array(m);
    const sy = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      sx[k] = resources.xs[members[k]!]!;
      sy[k] = resources.ys[members[k]!]!;
    }
    const search = new NearestNeighbourSearch(buildPointIndex(sx, sy), 1);
    for (let u = 0; u < n; u++) {
      const x = unitXs[u]!;
      const y = unitYs[u]!;
      if (Number.isFinite(x) && Number.isFinite(y) && search.query(x, y) > 0) straightMeters[u * needCount + j] = Math.sqrt(search.distancesSquared[0]!);
    }
  }

  let networkMeters: Float64Array | null = null;
  let unitsOffNetwork = 0;
  let resourcesOffNetwork = 0;
  if (options.graph) {
    const graph = options.graph;
    const maxSnap = options.maxSnapMeters ?? DEFAULT_MAX_SNAP_METERS;
    const unitSnap = snapToStreetGraph(graph, unitXs, unitYs, maxSnap);
    const resourceSnap = snapToStreetGraph(graph, resources.xs, resources.ys, maxSnap);
    unitsOffNetwork = unitSnap.unsnapped;
    resourcesOffNetwork = resourceSnap.unsnapped;
    networkMeters = new Float64Array(n * needCount);
    const scratch = createNetworkScratch(graph, resourceCount);
    for (let j = 0; j < needCount; j++) {
      for (let r = 0; r < resourceCount; r++) isSource[r] = (resources.needMasks[r]! >>> j) & 1;
      networkDistanceToNearest(graph, unitSnap, resourceSnap, isSource, networkMeters, needCount, j, scratch);
    }
  }

  const inUnit = options.unitOfResource;
  if (inUnit) {
    if (inUnit.length !== resourceCount) throw new RangeError('resourceCoverage: unitOfResource needs one entry per resource');
    const standsIn = (r: number, u: number) => {
      if (u < 0 || u >= n) return;
      for (let j = 0; j < needCount; j++) {
        if (!((resources.needMasks[r]! >>> j) & 1)) continue;
        straightMeters[u * needCount + j] = 0;
        if (networkMeters) networkMeters[u * needCount + j] = 0;
      }
    };
    for (let r = 0; r < resourceCount; r++) standsIn(r, inUnit[r]!);
    const also = options.alsoInUnits;
    if (also) for (let k = 0; k < also.point.length; k++) standsIn(also.point[k]!, also.area[k]!);
  }

  const accessMeters = networkMeters ?? straightMeters;
  const gapScores = new Float64Array(n * needCount);
  const gapKnown = new Uint8Array(n);
  const uncoveredMasks = new Uint32Array(n);
  for (let u = 0; u < n; u++) {
    let known = !(unitFlags && unitFlags[u]! & UNIT_SUPPRESSED);
    for (let j = 0; j < needCount && known; j++) if (!Number.isFinite(needRates[u * needCount + j]!)) known = false;
    gapKnown[u] = known ? 1 : 0;
    let mask = 0;
    for (let j = 0; j < needCount; j++) {
      const at = u * needCount + j;
      const d = accessMeters[at]!;
      if (!(d <= thresholdMeters)) mask |= 1 << j;
      if (known) gapScores[at] = needRates[at]! * Math.min(1, d / thresholdMeters);
    }
    uncoveredMasks[u] = mask >>> 0;
  }
  return {
    unitCount: n,
    needCount,
    thresholdMeters,
    straightMeters,
    networkMeters,
    accessMeters,
    gapScores,
    gapKnown,
    uncoveredMasks,
    diagnostics: { needsWithoutResource, unitsWithoutLocation, unitsOffNetwork, resourcesOffNetwork },
  };
}

/** Need columns with no resource within the threshold for unit u, ascending. */
export function uncoveredNeedColumns(coverage: Pick<ResourceCoverage, 'uncoveredMasks' | 'needCount'>, u: number): number[] {
  const mask = coverage.uncoveredMasks[u]!;
  const out: number[] = [];
  for (let j = 0; j < coverage.needCount; j++) if ((mask >>> j) & 1) out.push(j);
  return out;
}

/** `resourceCoverage` over aggregation results: unit centres, rates and suppression flags from `agg`. */
export function resourceCoverageForUnits(
  agg: Pick<UnitAggregates, 'centerXs' | 'centerYs' | 'needCount' | 'needRates' | 'flags'>,
  resources: ResourcePoints,
  options: CoverageOptions = {},
): ResourceCoverage {
  return resourceCoverage({ unitXs: agg.centerXs, unitYs: agg.centerYs, needCount: agg.needCount, needRates: agg.needRates, unitFlags: agg.flags, resources }, options);
}
