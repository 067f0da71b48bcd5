import KDBush from 'kdbush';
import type { PolygonGeometry } from '../domain/geometry';
import { convexHullIndices } from './convexHull';
import type { LocalProjection } from './localProjection';
import { buildPointIndex } from './nearestNeighbours';

/**
 * DBSCAN density clustering (Ester, Kriegel, Sander & Xu 1996, KDD-96) over planar points in metres.
 * A point is a core point when its ε-neighbourhood (the point itself included, as in the paper) holds at least
 * minPts points; clusters are the core points connected through ε-neighbourhoods plus the border points they
 * reach; the rest is noise (label −1).
 *
 * Determinism: points are scanned in index order and each cluster is expanded to the end before the next one
 * starts, so core points' labels do not depend on how a region query lists its results, and a border point
 * within ε of two clusters goes to the one with the lower label (the one whose lowest core point comes first).
 * Cost: one kdbush region query per point, O(n log n + Σ neighbourhood sizes); memory O(n) in typed arrays.
 */

export const DBSCAN_NOISE = -1;
const UNVISITED = -2;

export interface DbscanResult {
  /** Cluster label per point, 0 … clusterCount − 1, or DBSCAN_NOISE. */
  labels: Int32Array;
  /** 1 for core points. */
  core: Uint8Array;
  clusterCount: number;
}

/**
 * Clusters points (xs[i], ys[i]) in metres, read only. Points with a non-finite coordinate are noise.
 * `search: 'bruteForce'` answers region queries by a full scan (O(n²)): the reference for tests.
 * @example dbscan(xs, ys, 150, 5) // households within 150 m of at least 4 others seed a cluster
 */
export function dbscan(xs: Float64Array, ys: Float64Array, epsMeters: number, minPoints: number, options: { search?: 'index' | 'bruteForce' } = {}): DbscanResult {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError('dbscan: xs and ys differ in length');
  if (!(epsMeters >= 0) || !Number.isFinite(epsMeters)) throw new RangeError(`epsMeters must be a finite number ≥ 0, got ${epsMeters}`);
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new RangeError(`minPoints must be a positive integer, got ${minPoints}`);
  const labels = new Int32Array(n).fill(UNVISITED);
  const core = new Uint8Array(n);

  // Index only finite points; kdbush ids are positions in `finite`.
  const finite = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) finite[m++] = i;
    else labels[i] = DBSCAN_NOISE;
  }
  const fx = new Float64Array(m);
  const fy = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    fx[j] = xs[finite[j]!]!;
    fy[j] = ys[finite[j]!]!;
  }
  const index: KDBush | null = options.search === 'bruteForce' ? null : buildPointIndex(fx, fy);
  let region = new Uint32Array(64);
  const eps2 = epsMeters * epsMeters;
  /** Fills `region` with the compact ids within ε of compact point j; returns the count. */
  const query = (j: number): number => {
    if (index) {
      let count = index.withinInto(fx[j]!, fy[j]!, epsMeters, region);
      if (count > region.length) {
        region = new Uint32Array(count * 2); // a typed array drops writes past its end: retry larger
        count = index.withinInto(fx[j]!, fy[j]!, epsMeters, region);
      }
      return count;
    }
    let count = 0;
    for (let k = 0; k < m; k++) {
      const dx = fx[k]! - fx[j]!;
      const dy = fy[k]! - fy[j]!;
      if (dx * dx + dy * dy <= eps2) {
        if (count === region.length) {
          const bigger = new Uint32Array(region.length * 2);
          bigger.set(region);
          region = bigger;
        }
        region[count++] = k;
      }
    }
    return count;
  };

  const queue = new Uint32Array(m); // each point is queued at most once (when it turns from unvisited to labelled)
  let clusterCount = 0;
  for (let seed = 0; seed < m; seed++) {
    if (labels[finite[seed]!] !== UNVISITED) continue;
    const seedCount = query(seed);
    if (seedCount < minPoints) {
      labels[finite[seed]!] = DBSCAN_NOISE; // may become a border point of a later cluster
      continue;
    }
    const cluster = clusterCount++;
    labels[finite[seed]!] = cluster;
    core[finite[seed]!] = 1;
    let head = 0;
    let tail = 0;
    tail = claim(region, seedCount, cluster, labels, finite, queue, tail);
    while (head < tail) {
      const j = queue[head++]!;
      const count = query(j);
      if (count >= minPoints) {
        core[finite[j]!] = 1;
        tail = claim(region, count, cluster, labels, finite, queue, tail);
      }
    }
  }
  return { labels, core, clusterCount };
}

/** Labels the unvisited and noise points of a core point's region; queues the unvisited ones for expansion. */
function claim(region: Uint32Array, count: number, cluster: number, labels: Int32Array, finite: Uint32Array, queue: Uint32Array, tail: number): number {
  for (let r = 0; r < count; r++) {
    const k = region[r]!;
    const label = labels[finite[k]!]!;
    if (label === UNVISITED) {
      labels[finite[k]!] = cluster;
      queue[tail++] = k;
    } else if (label === DBSCAN_NOISE) {
      labels[finite[k]!] = cluster; // border point: reachable, but already known not to be core
    }
  }
  return tail;
}

export interface DbscanClusterSummary {
  /** The DBSCAN label. */
  label: number;
  /** Points in the cluster (core and border). */
  count: number;
  coreCount: number;
  /** Mean position, [lng, lat]. */
  centroid: [lng: number, lat: number];
  /** Convex hull as a closed counter-clockwise ring in [lng, lat]; null when the points are collinear or coincide. */
  hull: PolygonGeometry | null;
}

/**
 * One summary per cluster, in label order: size, centroid and convex hull (monotone chain, convexHull.ts),
 * converted to [lng, lat] through `projection.inverse`. O(n + Σ m log m) over cluster sizes m.
 */
export function summariseDbscanClusters(xs: Float64Array, ys: Float64Array, result: DbscanResult, projection: LocalProjection): DbscanClusterSummary[] {
  const { labels, core, clusterCount } = result;
  const counts = new Uint32Array(clusterCount + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) counts[labels[i]! + 1]!++;
  for (let c = 0; c < clusterCount; c++) counts[c + 1]! += counts[c]!;
  // Bucket point indices by label (counting sort), so each cluster's members are one contiguous slice.
  const members = new Uint32Array(counts[clusterCount]!);
  const cursor = counts.slice(0, clusterCount);
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) members[cursor[labels[i]!]!++] = i;
  const summaries: DbscanClusterSummary[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const slice = members.subarray(counts[c]!, counts[c + 1]!);
    let sx = 0;
    let sy = 0;
    let coreCount = 0;
    for (const i of slice) {
      sx += xs[i]!;
      sy += ys[i]!;
      coreCount += core[i]!;
    }
    const hullIds = convexHullIndices(xs, ys, slice);
    let hull: PolygonGeometry | null = null;
    if (hullIds.length >= 3) {
      const ring = Array.from(hullIds, (i) => projection.inverse(xs[i]!, ys[i]!));
      ring.push([ring[0]![0], ring[0]![1]]);
      hull = { type: 'Polygon', coordinates: [ring] };
    }
    summaries.push({ label: c, count: slice.length, coreCount, centroid: projection.inverse(sx / slice.length, sy / slice.length), hull });
  }
  return summaries;
}
