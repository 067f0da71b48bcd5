import { forEachCellOnSegment, squareGridOver, type SquareGrid } from './gridCells';

/**
 * Nearest line segment to a point, through a bucket grid over the segments (in local metres).
 *
 * Why a bucket grid and not flatbush: snapping asks "the nearest segment within d metres" for up to a million
 * points; a grid with cells near d answers it from a few cells with no allocation per query, where a flatbush
 * bbox search returns a fresh array per point. Each segment is listed in every cell it passes through (not its
 * bbox: a long diagonal street would fill a square of cells), in CSR form (`cellStart`, `cellItems`).
 * Build O(segments · cells per segment); query O(segments in the ⌈2d / cell⌉² cells around the point).
 * Distances are exact Euclidean point–segment distances in metres; ties go to the lower segment index, so the
 * answer is deterministic when segments are numbered in a canonical order.
 */

export interface SegmentIndex extends SquareGrid {
  readonly segmentCount: number;
  readonly x0s: Float64Array;
  readonly y0s: Float64Array;
  readonly x1s: Float64Array;
  readonly y1s: Float64Array;
  /** CSR: segments of cell c are cellItems[cellStart[c] .. cellStart[c + 1]). */
  readonly cellStart: Uint32Array;
  readonly cellItems: Uint32Array;
}

/** Default bucket size: about the snapping distance, so a query reads 2 × 2 to 3 × 3 cells. */
export const DEFAULT_SEGMENT_CELL_METERS = 50;

/**
 * Builds the index over segments i = (x0s[i], y0s[i]) – (x1s[i], y1s[i]) in metres. The arrays are kept, not
 * copied: do not change them afterwards. Segments with a non-finite coordinate are left out of the grid.
 * @example const index = buildSegmentIndex(Float64Array.of(0), Float64Array.of(0), Float64Array.of(100), Float64Array.of(0));
 *          nearestSegment(index, 50, 10, 60) → 0
 */
export function buildSegmentIndex(
  x0s: Float64Array,
  y0s: Float64Array,
  x1s: Float64Array,
  y1s: Float64Array,
  cellSizeMeters: number = DEFAULT_SEGMENT_CELL_METERS,
  maxCells: number = 1 << 22,
): SegmentIndex {
  const n = x0s.length;
  if (y0s.length !== n || x1s.length !== n || y1s.length !== n) throw new RangeError('buildSegmentIndex: array lengths differ');
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const ax = x0s[i]!;
    const ay = y0s[i]!;
    const bx = x1s[i]!;
    const by = y1s[i]!;
    if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) continue;
    minX = Math.min(minX, ax, bx);
    minY = Math.min(minY, ay, by);
    maxX = Math.max(maxX, ax, bx);
    maxY = Math.max(maxY, ay, by);
  }
  const grid = squareGridOver(minX, minY, maxX, maxY, cellSizeMeters, maxCells);
  const cellCount = grid.cols * grid.rows;
  const cellStart = new Uint32Array(cellCount + 1);
  const finite = (i: number) => Number.isFinite(x0s[i]!) && Number.isFinite(y0s[i]!) && Number.isFinite(x1s[i]!) && Number.isFinite(y1s[i]!);
  // Two passes (count, then fill) so the lists live in one Uint32Array.
  for (let i = 0; i < n; i++) {
    if (finite(i)) forEachCellOnSegment(grid, x0s[i]!, y0s[i]!, x1s[i]!, y1s[i]!, (cell) => cellStart[cell + 1]!++);
  }
  for (let c = 0; c < cellCount; c++) cellStart[c + 1]! += cellStart[c]!;
  const cellItems = new Uint32Array(cellStart[cellCount]!);
  const cursor = cellStart.slice(0, cellCount);
  for (let i = 0; i < n; i++) {
    if (finite(i)) forEachCellOnSegment(grid, x0s[i]!, y0s[i]!, x1s[i]!, y1s[i]!, (cell) => (cellItems[cursor[cell]!++] = i));
  }
  return { ...grid, segmentCount: n, x0s, y0s, x1s, y1s, cellStart, cellItems };
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by); a zero-length segment is a point. */
export function pointSegmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
  let cx: number;
  let cy: number;
  // Clamp to the end points themselves (not a + 1·(b − a)), so a shared vertex is the same number in both segments.
  if (t <= 0) {
    cx = ax;
    cy = ay;
  } else if (t >= 1) {
    cx = bx;
    cy = by;
  } else {
    cx = ax + t * dx;
    cy = ay + t * dy;
  }
  t = px - cx;
  const ey = py - cy;
  return t * t + ey * ey;
}

/**
 * Index of the nearest segment to (x, y) within `maxDistanceMeters` (inclusive), or -1. Allocates nothing.
 * When `distanceOut` is given, distanceOut[0] receives the distance in metres (Infinity when none).
 */
export function nearestSegment(index: SegmentIndex, x: number, y: number, maxDistanceMeters: number, distanceOut?: Float64Array): number {
  let best = -1;
  let bestD2 = Infinity;
  if (Number.isFinite(x) && Number.isFinite(y) && maxDistanceMeters >= 0) {
    const { minX, minY, cellSize, cols, rows, cellStart, cellItems, x0s, y0s, x1s, y1s } = index;
    const reach = maxDistanceMeters + 1e-6;
    const colLo = Math.max(0, Math.floor((x - reach - minX) / cellSize));
    const colHi = Math.min(cols - 1, Math.floor((x + reach - minX) / cellSize));
    const rowLo = Math.max(0, Math.floor((y - reach - minY) / cellSize));
    const rowHi = Math.min(rows - 1, Math.floor((y + reach - minY) / cellSize));
    const limit = maxDistanceMeters * maxDistanceMeters;
    // The point's own cell first: its segments usually settle the answer, and then whole cells farther than the
    // best distance so far are skipped by a box-distance test (a third of the work on a street grid).
    const ownCol = Math.floor((x - minX) / cellSize);
    const ownRow = Math.floor((y - minY) / cellSize);
    if (ownCol >= 0 && ownCol < cols && ownRow >= 0 && ownRow < rows) {
      const cell = ownRow * cols + ownCol;
      const end = cellStart[cell + 1]!;
      for (let k = cellStart[cell]!; k < end; k++) {
        const s = cellItems[k]!;
        const d2 = pointSegmentDistanceSquared(x, y, x0s[s]!, y0s[s]!, x1s[s]!, y1s[s]!);
        if (d2 <= limit && (d2 < bestD2 || (d2 === bestD2 && s < best))) {
          bestD2 = d2;
          best = s;
        }
      }
    }
    for (let row = rowLo; row <= rowHi; row++) {
      const cellY0 = minY + row * cellSize;
      const dy = y < cellY0 ? cellY0 - y : y > cellY0 + cellSize ? y - cellY0 - cellSize : 0;
      for (let col = colLo; col <= colHi; col++) {
        if (row === ownRow && col === ownCol) continue;
        const cellX0 = minX + col * cellSize;
        const dx = x < cellX0 ? cellX0 - x : x > cellX0 + cellSize ? x - cellX0 - cellSize : 0;
        const boxD2 = dx * dx + dy * dy;
        // ">" keeps cells at exactly the best distance, so the lower-index tie-break still sees every tie.
        if (boxD2 > limit || boxD2 > bestD2) continue;
        const cell = row * cols + col;
        const end = cellStart[cell + 1]!;
        for (let k = cellStart[cell]!; k < end; k++) {
          const s = cellItems[k]!;
          const d2 = pointSegmentDistanceSquared(x, y, x0s[s]!, y0s[s]!, x1s[s]!, y1s[s]!);
          if (d2 <= limit && (d2 < bestD2 || (d2 === bestD2 && s < best))) {
            bestD2 = d2;
            best = s;
          }
        }
      }
    }
  }
  if (distanceOut) distanceOut[0] = best < 0 ? Infinity : Math.sqrt(bestD2);
  return best;
}

/**
 * Bulk snapping: segmentOut[i] = nearest segment to (xs[i], ys[i]) within `maxDistanceMeters`, or -1;
 * distanceOut[i] (if given) its distance in metres, Infinity when none. Returns how many points found none.
 * O(points · segments per neighbourhood); no allocation.
 */
export function snapPointsToSegments(
  index: SegmentIndex,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  maxDistanceMeters: number,
  segmentOut: Int32Array,
  distanceOut?: Float64Array,
): number {
  const n = xs.length;
  if (ys.length !== n || segmentOut.length < n || (distanceOut && distanceOut.length < n)) throw new RangeError('snapPointsToSegments: array lengths differ');
  const one = new Float64Array(1);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const s = nearestSegment(index, xs[i]!, ys[i]!, maxDistanceMeters, one);
    segmentOut[i] = s;
    if (distanceOut) distanceOut[i] = one[0]!;
    if (s < 0) missing++;
  }
  return missing;
}
