import { hexKey, hexKeyQ, hexKeyR } from './hexGrid';
import type { SpatialWeights } from './spatialWeights';
import type { StreetGraph } from './streetGraph';

/**
 * Contiguity weights a planner can name: "the hexagons touching it", "the streets meeting it". They are exact
 * integer relations (axial hexagon coordinates, shared network nodes), so they never depend on input order or on
 * the rounding of a distance, unlike "the k nearest". Binary, CSR (spatialWeights.ts), ascending columns per row.
 *
 * Orders: order 1 = first ring (6 hexagons) / streets sharing a node; order h = everything within h steps
 * (3h(h + 1) hexagons: 18 for order 2). Cost: O(units · 3h(h + 1)) hash lookups for hexagons; for streets
 * O(segments) for order 1 and a breadth-first search of depth h per street beyond.
 */

export interface ContiguityOptions {
  /** Include w_ii = 1 (Gi*); default false. */
  includeSelf?: boolean;
  /** Divide each row by its count; default false (binary). */
  rowStandardise?: boolean;
}

/**
 * Hexagons within `order` steps of each other (hexDistance ≤ order), among the given cells (packed keys, hexGrid.ts).
 * Missing cells (no unit) are simply not neighbours. `hexKeys` is read only.
 * @example hexContiguityWeights(agg.hexKeys!, 1) // each row: the occupied cells of the first ring
 */
export function hexContiguityWeights(hexKeys: Float64Array, order: number, options: ContiguityOptions = {}): SpatialWeights {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`contiguity order must be a positive integer, got ${order}`);
  const n = hexKeys.length;
  const unitOfKey = new Map<number, number>();
  for (let u = 0; u < n; u++) unitOfKey.set(hexKeys[u]!, u);
  const rows: number[][] = new Array(n);
  for (let u = 0; u < n; u++) {
    const q = hexKeyQ(hexKeys[u]!);
    const r = hexKeyR(hexKeys[u]!);
    const row: number[] = [];
    for (let dq = -order; dq <= order; dq++) {
      const lo = Math.max(-order, -dq - order);
      const hi = Math.min(order, -dq + order);
      for (let dr = lo; dr <= hi; dr++) {
        if (dq === 0 && dr === 0 && !options.includeSelf) continue;
        const v = unitOfKey.get(hexKey(q + dq, r + dr));
        if (v !== undefined) row.push(v);
      }
    }
    rows[u] = row;
  }
  return weightsFromRows(rows, options.rowStandardise ?? false);
}

/**
 * Streets that meet in the network: street units a and b are first-order neighbours when a segment of a and a
 * segment of b end at the same graph node (streetGraph.ts joins end points within 0.5 m). Order h adds the streets
 * reached in h such steps. `segmentUnit` gives the street unit of each segment the graph was built from (same
 * order); `graph.edgeSegment` links edges back to segments. Streets that only cross (a bridge) are not neighbours.
 * @example streetContiguityWeights(graph, ds.streets.segmentUnit, ds.streets.unitIds.length, 1)
 */
export function streetContiguityWeights(graph: StreetGraph, segmentUnit: Uint32Array, unitCount: number, order: number, options: ContiguityOptions = {}): SpatialWeights {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`contiguity order must be a positive integer, got ${order}`);
  const first: Set<number>[] = Array.from({ length: unitCount }, () => new Set<number>());
  const unitsAtNode: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    unitsAtNode.length = 0;
    for (let s = graph.offsets[v]!; s < graph.offsets[v + 1]!; s++) unitsAtNode.push(segmentUnit[graph.edgeSegment[graph.adjacentEdge[s]!]!]!);
    for (const a of unitsAtNode) for (const b of unitsAtNode) if (a !== b) first[a]!.add(b);
  }
  const rows: number[][] = new Array(unitCount);
  const seenAt = new Int32Array(unitCount).fill(-1);
  for (let u = 0; u < unitCount; u++) {
    const row: number[] = [];
    seenAt[u] = u;
    let frontier = [u];
    for (let step = 0; step < order && frontier.length > 0; step++) {
      const next: number[] = [];
      for (const a of frontier) {
        for (const b of first[a]!) {
          if (seenAt[b] === u) continue;
          seenAt[b] = u;
          row.push(b);
          next.push(b);
        }
      }
      frontier = next;
    }
    if (options.includeSelf) row.push(u);
    rows[u] = row;
  }
  return weightsFromRows(rows, options.rowStandardise ?? false);
}

/**
 * The weights restricted to the units in `keep` (ascending unit indices): row j of the result is unit keep[j], its
 * columns renumbered, dropped units removed (a suppressed unit is nobody's neighbour). With `includeSelf` the
 * diagonal is set whatever the input had. Binary weights out (row-standardised if asked).
 */
export function restrictWeights(weights: SpatialWeights, keep: Uint32Array, options: ContiguityOptions = {}): SpatialWeights {
  // Typed arrays only (this runs on every recompute): compaction keeps the column order, so rows stay ascending;
  // the diagonal is slotted in where it belongs.
  const compactOf = new Int32Array(weights.size).fill(-1);
  for (let j = 0; j < keep.length; j++) compactOf[keep[j]!] = j;
  const self = options.includeSelf ? 1 : 0;
  const offsets = new Uint32Array(keep.length + 1);
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j]!;
    let count = self;
    for (let e = weights.offsets[i]!; e < weights.offsets[i + 1]!; e++) {
      const c = compactOf[weights.neighbours[e]!]!;
      if (c >= 0 && c !== j) count++;
    }
    offsets[j + 1] = offsets[j]! + count;
  }
  const neighbours = new Uint32Array(offsets[keep.length]!);
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j]!;
    let at = offsets[j]!;
    let selfPlaced = !self;
    for (let e = weights.offsets[i]!; e < weights.offsets[i + 1]!; e++) {
      const c = compactOf[weights.neighbours[e]!]!;
      if (c < 0 || c === j) continue;
      if (!selfPlaced && c > j) {
        neighbours[at++] = j;
        selfPlaced = true;
      }
      neighbours[at++] = c;
    }
    if (!selfPlaced) neighbours[at] = j;
  }
  const out = new Float64Array(neighbours.length).fill(1);
  if (options.rowStandardise) {
    for (let j = 0; j < keep.length; j++) {
      const count = offsets[j + 1]! - offsets[j]!;
      if (count > 0) out.fill(1 / count, offsets[j]!, offsets[j + 1]!);
    }
  }
  return { size: keep.length, offsets, neighbours, weights: out };
}

/**
 * The inverse of restrictWeights: weights built over the units `keep` (compact indices) spread back over `size`
 * units; the others get empty rows. For k-nearest weights, which must be built over the units that take part.
 */
export function expandWeights(compact: SpatialWeights, keep: Uint32Array, size: number): SpatialWeights {
  const rows: number[][] = Array.from({ length: size }, () => []);
  for (let j = 0; j < keep.length; j++) {
    const row = rows[keep[j]!]!;
    for (let e = compact.offsets[j]!; e < compact.offsets[j + 1]!; e++) row.push(keep[compact.neighbours[e]!]!);
  }
  return weightsFromRows(rows, false);
}

function weightsFromRows(rows: number[][], rowStandardise: boolean): SpatialWeights {
  const n = rows.length;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + rows[i]!.length;
  const neighbours = new Uint32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!.sort((a, b) => a - b);
    neighbours.set(row, offsets[i]!);
    weights.fill(rowStandardise && row.length > 0 ? 1 / row.length : 1, offsets[i]!, offsets[i + 1]!);
  }
  return { size: n, offsets, neighbours, weights };
}
