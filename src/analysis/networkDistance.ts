import { MinHeap } from './binaryHeap';
import { nearestSegment } from './segmentIndex';
import type { StreetGraph } from './streetGraph';

/**
 * Distances along the street network (Dijkstra 1959) from points to the nearest of a set of resources.
 *
 * A point (a unit's centre, a resource) is snapped to the nearest edge of the street graph; its network
 * position is (edge, metres along the edge from edgeFrom) and the straight walk to the street, `offset`,
 * is added once at each end. The distance between a point P on edge (a, b) and a resource R is
 *   offset_P + min( along_P + d(a, R'), (len − along_P) + d(b, R'), |along_P − along_R| if R is on the same edge ) + offset_R,
 * where d(v, R') is the graph distance from node v to R's snapped position.
 *
 * One multi-source Dijkstra per need gives d(v, nearest resource) for every node at once: every resource
 * serving the need seeds its edge's two end nodes with (offset_R + along_R) and (offset_R + len − along_R).
 * That costs one graph traversal, O((V + E) log V), per need instead of one per unit.
 */

/** A set of points snapped to the graph: edge −1 means "no street within the snapping distance". */
export interface GraphSnap {
  readonly edge: Int32Array;
  /** Metres along the edge from its edgeFrom node. */
  readonly along: Float64Array;
  /** Metres from the point to the street (Infinity when not snapped). */
  readonly offset: Float64Array;
  /** How many points found no street. */
  readonly unsnapped: number;
}

/** Default snapping reach: a unit centre or an institution more than 500 m from any street is "off the network". */
export const DEFAULT_MAX_SNAP_METERS = 500;

const SNAP_FIRST_RADIUS_METERS = 40;

/**
 * Snaps points (xs[i], ys[i]) in metres to the nearest edge within `maxSnapMeters` (ties: lower edge id).
 * O(points · edges in the grid cells searched); inputs read only.
 */
export function snapToStreetGraph(graph: StreetGraph, xs: ArrayLike<number>, ys: ArrayLike<number>, maxSnapMeters = DEFAULT_MAX_SNAP_METERS): GraphSnap {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError('snapToStreetGraph: xs and ys differ in length');
  const edge = new Int32Array(n);
  const along = new Float64Array(n);
  const offset = new Float64Array(n);
  const one = new Float64Array(1);
  const { nodeXs, nodeYs, edgeFrom, edgeTo, edgeLength } = graph;
  let unsnapped = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    // Search a small radius first and widen it fourfold: the nearest edge within r is the nearest overall, and
    // most points are near a street, so the wide search (hundreds of grid cells at 500 m) is rarely paid.
    let e = -1;
    for (let radius = Math.min(SNAP_FIRST_RADIUS_METERS, maxSnapMeters); graph.edgeCount > 0; radius = Math.min(radius * 4, maxSnapMeters)) {
      e = nearestSegment(graph.edgeIndex, x, y, radius, one);
      if (e >= 0 || radius >= maxSnapMeters) break;
    }
    edge[i] = e;
    if (e < 0) {
      offset[i] = Infinity;
      unsnapped++;
      continue;
    }
    const ax = nodeXs[edgeFrom[e]!]!;
    const ay = nodeYs[edgeFrom[e]!]!;
    const dx = nodeXs[edgeTo[e]!]! - ax;
    const dy = nodeYs[edgeTo[e]!]! - ay;
    const t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
    along[i] = (t <= 0 ? 0 : t >= 1 ? 1 : t) * edgeLength[e]!;
    offset[i] = one[0]!;
  }
  return { edge, along, offset, unsnapped };
}

/**
 * Dijkstra from several sources at once: dist[v] = min over seeds s of (seedDistance[s] + d(seedNode[s], v)).
 * `dist` (length nodeCount) is overwritten; unreachable nodes get Infinity. O((V + E) log V).
 */
export function multiSourceDijkstra(graph: StreetGraph, seedNodes: ArrayLike<number>, seedDistances: ArrayLike<number>, dist: Float64Array, heap: MinHeap = new MinHeap()): Float64Array {
  const { offsets, adjacentNode, adjacentEdge, edgeLength } = graph;
  dist.fill(Infinity);
  heap.clear();
  for (let s = 0; s < seedNodes.length; s++) {
    const v = seedNodes[s]!;
    const d = seedDistances[s]!;
    if (d < dist[v]!) {
      dist[v] = d;
      heap.push(d, v);
    }
  }
  while (heap.size > 0) {
    const d = heap.peekKey();
    const v = heap.pop();
    if (d > dist[v]!) continue; // stale entry (lazy deletion)
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const w = adjacentNode[k]!;
      const candidate = d + edgeLength[adjacentEdge[k]!]!;
      if (candidate < dist[w]!) {
        dist[w] = candidate;
        heap.push(candidate, w);
      }
    }
  }
  return dist;
}

/** Reusable buffers for `networkDistanceToNearest` (one set per graph; no allocation per need). */
export interface NetworkScratch {
  dist: Float64Array;
  heap: MinHeap;
  seedNodes: Uint32Array;
  seedDistances: Float64Array;
  /** Per edge: first resource snapped to it (−1 none); per resource: the next on the same edge. */
  edgeFirstResource: Int32Array;
  nextResourceOnEdge: Int32Array;
}

export function createNetworkScratch(graph: StreetGraph, resourceCount: number): NetworkScratch {
  return {
    dist: new Float64Array(graph.nodeCount),
    heap: new MinHeap(Math.max(64, graph.nodeCount)),
    seedNodes: new Uint32Array(2 * resourceCount),
    seedDistances: new Float64Array(2 * resourceCount),
    edgeFirstResource: new Int32Array(graph.edgeCount).fill(-1),
    nextResourceOnEdge: new Int32Array(resourceCount),
  };
}

/**
 * For every point of `units`, the network distance in metres to the nearest resource r with isSource[r] = 1,
 * written into out[u · stride + column] (so one call fills one need column of a units × needs matrix).
 * Infinity when the unit or every such resource is off the network or in another connected component.
 * One multi-source Dijkstra, then O(1) per unit (plus resources sharing the unit's edge).
 */
export function networkDistanceToNearest(
  graph: StreetGraph,
  units: GraphSnap,
  resources: GraphSnap,
  isSource: ArrayLike<number>,
  out: Float64Array,
  stride = 1,
  column = 0,
  scratch: NetworkScratch = createNetworkScratch(graph, resources.edge.length),
): Float64Array {
  const { edgeFrom, edgeTo, edgeLength } = graph;
  const { dist, heap, seedNodes, seedDistances, edgeFirstResource, nextResourceOnEdge } = scratch;
  let seeds = 0;
  for (let r = 0; r < resources.edge.length; r++) {
    const e = resources.edge[r]!;
    if (!isSource[r] || e < 0) continue;
    const offset = resources.offset[r]!;
    const along = resources.along[r]!;
    seedNodes[seeds] = edgeFrom[e]!;
    seedDistances[seeds++] = offset + along;
    seedNodes[seeds] = edgeTo[e]!;
    seedDistances[seeds++] = offset + edgeLength[e]! - along;
    nextResourceOnEdge[r] = edgeFirstResource[e]!;
    edgeFirstResource[e] = r;
  }
  multiSourceDijkstra(graph, seedNodes.subarray(0, seeds), seedDistances.subarray(0, seeds), dist, heap);
  for (let u = 0; u < units.edge.length; u++) {
    const e = units.edge[u]!;
    let best = Infinity;
    if (e >= 0) {
      const along = units.along[u]!;
      const viaFrom = along + dist[edgeFrom[e]!]!;
      const viaTo = edgeLength[e]! - along + dist[edgeTo[e]!]!;
      best = viaFrom < viaTo ? viaFrom : viaTo;
      for (let r = edgeFirstResource[e]!; r >= 0; r = nextResourceOnEdge[r]!) {
        const direct = Math.abs(along - resources.along[r]!) + resources.offset[r]!;
        if (direct < best) best = direct;
      }
      best += units.offset[u]!;
    }
    out[u * stride + column] = best;
  }
  // Leave the per-edge lists empty for the next need.
  for (let r = 0; r < resources.edge.length; r++) if (isSource[r] && resources.edge[r]! >= 0) edgeFirstResource[resources.edge[r]!] = -1;
  return out;
}

/**
 * The naive way, for tests and the bench: one Dijkstra from unit u's snapped position, then the nearest
 * source resource. O((V + E) log V) per unit. Returns metres (Infinity if none reachable).
 */
export function networkDistanceFromUnit(graph: StreetGraph, units: GraphSnap, u: number, resources: GraphSnap, isSource: ArrayLike<number>, dist: Float64Array, heap: MinHeap = new MinHeap()): number {
  const e = units.edge[u]!;
  if (e < 0) return Infinity;
  const { edgeFrom, edgeTo, edgeLength } = graph;
  const along = units.along[u]!;
  multiSourceDijkstra(graph, [edgeFrom[e]!, edgeTo[e]!], [along, edgeLength[e]! - along], dist, heap);
  let best = Infinity;
  for (let r = 0; r < resources.edge.length; r++) {
    const f = resources.edge[r]!;
    if (!isSource[r] || f < 0) continue;
    const ra = resources.along[r]!;
    let d = Math.min(dist[edgeFrom[f]!]! + ra, dist[edgeTo[f]!]! + edgeLength[f]! - ra);
    if (f === e) d = Math.min(d, Math.abs(along - ra));
    d += resources.offset[r]!;
    if (d < best) best = d;
  }
  return best + units.offset[u]!;
}
