import type { Street } from '../domain/street';
import type { LocalProjection } from './localProjection';
import { buildSegmentIndex, type SegmentIndex } from './segmentIndex';
import { buildStreetUnits } from './streetUnits';

/**
 * The street network as an undirected graph in local metres, for network (walking) distances.
 * Nodes are segment end points; end points closer than `joinToleranceMeters` (default 0.5 m) become one node,
 * so streets that meet at a shared vertex — even one digitised twice with a few centimetres of difference —
 * connect. Streets that cross without a shared vertex (a bridge, or sloppy digitising) do not connect: that is
 * the data's statement. Edge weights are Euclidean lengths in metres between the joined nodes.
 * Adjacency is CSR: node v's edges are adjacency slots offsets[v] .. offsets[v + 1].
 */
export interface StreetGraph {
  readonly nodeCount: number;
  readonly nodeXs: Float64Array;
  readonly nodeYs: Float64Array;
  readonly edgeCount: number;
  readonly edgeFrom: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly edgeLength: Float64Array;
  /** The input segment each edge comes from (zero-length and non-finite segments make no edge). */
  readonly edgeSegment: Uint32Array;
  readonly offsets: Uint32Array;
  /** Neighbour node and edge id of each adjacency slot. */
  readonly adjacentNode: Uint32Array;
  readonly adjacentEdge: Uint32Array;
  /** Bucket grid over the edges (segmentIndex.ts) for snapping points to the network. */
  readonly edgeIndex: SegmentIndex;
  readonly diagnostics: { zeroLengthSegments: number; nonFiniteSegments: number; joinedEndpoints: number };
}

const KEY_OFFSET = 2 ** 25;
const KEY_SPAN = 2 ** 26;

/**
 * Builds the graph from segments (x0s[i], y0s[i]) – (x1s[i], y1s[i]) in metres (read only; e.g. the segments of
 * `buildStreetUnits`). O(segments) expected (one hash lookup in 9 cells per end point), plus the edge grid.
 * @example
 *   // (0,0)–(100,0) and (100.2,0)–(100.2,100): the second starts 0.2 m from the first one's end, so they join
 *   buildStreetGraph(Float64Array.of(0, 100.2), Float64Array.of(0, 0), Float64Array.of(100, 100.2), Float64Array.of(0, 100))
 *   // → nodeCount 3, edgeCount 2
 */
export function buildStreetGraph(x0s: Float64Array, y0s: Float64Array, x1s: Float64Array, y1s: Float64Array, joinToleranceMeters = 0.5): StreetGraph {
  const n = x0s.length;
  if (y0s.length !== n || x1s.length !== n || y1s.length !== n) throw new RangeError('buildStreetGraph: array lengths differ');
  if (!(joinToleranceMeters > 0)) throw new RangeError(`joinToleranceMeters must be > 0, got ${joinToleranceMeters}`);
  const tol = joinToleranceMeters;
  const tol2 = tol * tol;
  const nodeXs = new Float64Array(2 * n);
  const nodeYs = new Float64Array(2 * n);
  const nextInCell = new Int32Array(2 * n);
  const cellHead = new Map<number, number>();
  let nodeCount = 0;
  let joinedEndpoints = 0;

  /** The node within `tol` of (x, y) (nearest, then lowest id), created if there is none. */
  const nodeAt = (x: number, y: number): number => {
    const cx = Math.floor(x / tol);
    const cy = Math.floor(y / tol);
    let best = -1;
    let bestD2 = Infinity;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let v = cellHead.get((cx + dx + KEY_OFFSET) * KEY_SPAN + (cy + dy + KEY_OFFSET)) ?? -1; v >= 0; v = nextInCell[v]!) {
          const ex = nodeXs[v]! - x;
          const ey = nodeYs[v]! - y;
          const d2 = ex * ex + ey * ey;
          if (d2 <= tol2 && (d2 < bestD2 || (d2 === bestD2 && v < best))) {
            best = v;
            bestD2 = d2;
          }
        }
      }
    }
    if (best >= 0) {
      joinedEndpoints++;
      return best;
    }
    const v = nodeCount++;
    nodeXs[v] = x;
    nodeYs[v] = y;
    const key = (cx + KEY_OFFSET) * KEY_SPAN + (cy + KEY_OFFSET);
    nextInCell[v] = cellHead.get(key) ?? -1;
    cellHead.set(key, v);
    return v;
  };

  const edgeFrom = new Uint32Array(n);
  const edgeTo = new Uint32Array(n);
  const edgeLength = new Float64Array(n);
  const edgeSegment = new Uint32Array(n);
  let edgeCount = 0;
  let zeroLengthSegments = 0;
  let nonFiniteSegments = 0;
  for (let i = 0; i < n; i++) {
    const ax = x0s[i]!;
    const ay = y0s[i]!;
    const bx = x1s[i]!;
    const by = y1s[i]!;
    if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) {
      nonFiniteSegments++;
      continue;
    }
    const a = nodeAt(ax, ay);
    const b = nodeAt(bx, by);
    if (a === b) {
      zeroLengthSegments++;
      continue;
    }
    edgeFrom[edgeCount] = a;
    edgeTo[edgeCount] = b;
    edgeLength[edgeCount] = Math.hypot(nodeXs[b]! - nodeXs[a]!, nodeYs[b]! - nodeYs[a]!);
    edgeSegment[edgeCount] = i;
    edgeCount++;
  }

  // CSR adjacency, both directions (counting sort by node).
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    offsets[edgeFrom[e]! + 1]!++;
    offsets[edgeTo[e]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const adjacentNode = new Uint32Array(2 * edgeCount);
  const adjacentEdge = new Uint32Array(2 * edgeCount);
  const cursor = offsets.slice(0, nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeFrom[e]!;
    const b = edgeTo[e]!;
    adjacentNode[cursor[a]!] = b;
    adjacentEdge[cursor[a]!++] = e;
    adjacentNode[cursor[b]!] = a;
    adjacentEdge[cursor[b]!++] = e;
  }

  const ex0 = new Float64Array(edgeCount);
  const ey0 = new Float64Array(edgeCount);
  const ex1 = new Float64Array(edgeCount);
  const ey1 = new Float64Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    ex0[e] = nodeXs[edgeFrom[e]!]!;
    ey0[e] = nodeYs[edgeFrom[e]!]!;
    ex1[e] = nodeXs[edgeTo[e]!]!;
    ey1[e] = nodeYs[edgeTo[e]!]!;
  }
  return {
    nodeCount,
    nodeXs: nodeXs.slice(0, nodeCount),
    nodeYs: nodeYs.slice(0, nodeCount),
    edgeCount,
    edgeFrom: edgeFrom.slice(0, edgeCount),
    edgeTo: edgeTo.slice(0, edgeCount),
    edgeLength: edgeLength.slice(0, edgeCount),
    edgeSegment: edgeSegment.slice(0, edgeCount),
    offsets,
    adjacentNode,
    adjacentEdge,
    edgeIndex: buildSegmentIndex(ex0, ey0, ex1, ey1),
    diagnostics: { zeroLengthSegments, nonFiniteSegments, joinedEndpoints },
  };
}

/**
 * The graph of a town's streets (GeoJSON MultiLineStrings in [lng, lat], projected through `projection`).
 * Streets are taken through `buildStreetUnits`, so the segment order (and node numbering) is canonical.
 */
export function buildStreetGraphFromStreets(streets: readonly Street[], projection: LocalProjection, joinToleranceMeters = 0.5): StreetGraph {
  const units = buildStreetUnits(streets, projection);
  return buildStreetGraph(units.x0s, units.y0s, units.x1s, units.y1s, joinToleranceMeters);
}
