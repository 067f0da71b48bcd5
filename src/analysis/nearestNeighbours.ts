import KDBush from 'kdbush';

/**
 * k-nearest-neighbour queries on a kdbush index (planar, metres).
 *
 * kdbush ships box and radius queries only (geokdbush's `around` is geodesic). This walks the same
 * implicit k-d tree that kdbush's `range` walks — node [left, right] splits at m = (left + right) >> 1
 * on an axis that alternates x, y — depth first, near side first, and prunes a far side whose
 * splitting line is farther than the current k-th best (Friedman, Bentley & Finkel 1977).
 * Expected O(log n + k log k) a query; no allocation per query (scratch buffers live in the searcher).
 *
 * Ties are broken by item id, so "the k nearest" is one well-defined set: items are ordered by
 * (squared distance, id). A brute-force scan with the same order gives identical answers.
 */

/** Builds a kdbush index over planar points; NaN coordinates must be filtered out by the caller. */
export function buildPointIndex(xs: ArrayLike<number>, ys: ArrayLike<number>, nodeSize = 16): KDBush {
  const index = new KDBush(xs.length, nodeSize);
  for (let i = 0; i < xs.length; i++) index.add(xs[i]!, ys[i]!);
  return index.finish();
}

const STACK_FRAMES = 128; // 2 frames per level at most; a kdbush tree of 2^32 items is < 32 levels deep

/**
 * Reusable k-nearest searcher over one kdbush index. Results of the last query are in `ids` and
 * `distancesSquared` (ascending by distance, then id), valid until the next query.
 * @example
 *   const search = new NearestNeighbourSearch(buildPointIndex(xs, ys), 8);
 *   const found = search.query(x, y, selfId); // search.ids[0..found) excludes selfId
 */
export class NearestNeighbourSearch {
  readonly ids: Uint32Array;
  readonly distancesSquared: Float64Array;
  private readonly stackRange = new Uint32Array(STACK_FRAMES * 3);
  private readonly stackBound = new Float64Array(STACK_FRAMES);
  private count = 0;

  constructor(
    private readonly index: KDBush,
    readonly k: number,
  ) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    this.ids = new Uint32Array(k);
    this.distancesSquared = new Float64Array(k);
  }

  /**
   * Finds up to k items nearest to (qx, qy) in metres, skipping `excludeId` (e.g. the query point
   * itself; −1 skips nothing) and anything farther than `maxDistance`. Returns how many were found.
   */
  query(qx: number, qy: number, excludeId = -1, maxDistance = Infinity): number {
    const { ids: treeIds, coords, nodeSize } = this.index;
    const k = this.k;
    const heapD2 = this.distancesSquared;
    const stackRange = this.stackRange;
    const stackBound = this.stackBound;
    const maxD2 = maxDistance * maxDistance;
    this.count = 0;
    if (treeIds.length === 0) return 0;

    stackRange[0] = 0;
    stackRange[1] = treeIds.length - 1;
    stackRange[2] = 0;
    stackBound[0] = 0;
    let sp = 1;
    while (sp > 0) {
      sp--;
      const left = stackRange[3 * sp]!;
      const right = stackRange[3 * sp + 1]!;
      const axis = stackRange[3 * sp + 2]!;
      const bound = stackBound[sp]!;
      if (bound > maxD2 || (this.count === k && bound > heapD2[0]!)) continue;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const dx = coords[2 * i]! - qx;
          const dy = coords[2 * i + 1]! - qy;
          this.offer(treeIds[i]!, dx * dx + dy * dy, excludeId, maxD2);
        }
        continue;
      }
      const m = (left + right) >> 1;
      const x = coords[2 * m]!;
      const y = coords[2 * m + 1]!;
      const dx = x - qx;
      const dy = y - qy;
      this.offer(treeIds[m]!, dx * dx + dy * dy, excludeId, maxD2);
      const split = axis === 0 ? dx : dy; // > 0: the query lies on the left (lower) side
      const splitD2 = split * split;
      const farBound = splitD2 > bound ? splitD2 : bound;
      const nextAxis = 1 - axis;
      // Far side first so the near side is popped (and tightens the k-th distance) first.
      if (split > 0) {
        if (m + 1 <= right) sp = push(stackRange, stackBound, sp, m + 1, right, nextAxis, farBound);
        if (left <= m - 1) sp = push(stackRange, stackBound, sp, left, m - 1, nextAxis, bound);
      } else {
        if (left <= m - 1) sp = push(stackRange, stackBound, sp, left, m - 1, nextAxis, farBound);
        if (m + 1 <= right) sp = push(stackRange, stackBound, sp, m + 1, right, nextAxis, bound);
      }
    }
    return this.sortFound();
  }

  /** Max-heap on (d², id) of the k best so far; heap[0] is the worst kept. */
  private offer(id: number, d2: number, excludeId: number, maxD2: number): void {
    if (id === excludeId || d2 > maxD2) return;
    const ids = this.ids;
    const d2s = this.distancesSquared;
    if (this.count < this.k) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(d2, id, d2s[parent]!, ids[parent]!)) break;
        ids[i] = ids[parent]!;
        d2s[i] = d2s[parent]!;
        i = parent;
      }
      ids[i] = id;
      d2s[i] = d2;
      return;
    }
    if (!worse(d2s[0]!, ids[0]!, d2, id)) return; // not better than the worst kept
    siftDown(ids, d2s, this.count, id, d2);
  }

  /** Turns the heap into ascending order in place (heap sort, k log k). */
  private sortFound(): number {
    const ids = this.ids;
    const d2s = this.distancesSquared;
    for (let end = this.count - 1; end > 0; end--) {
      const topId = ids[0]!;
      const topD2 = d2s[0]!;
      siftDown(ids, d2s, end, ids[end]!, d2s[end]!);
      ids[end] = topId;
      d2s[end] = topD2;
    }
    return this.count;
  }
}

function push(range: Uint32Array, bounds: Float64Array, sp: number, left: number, right: number, axis: number, bound: number): number {
  range[3 * sp] = left;
  range[3 * sp + 1] = right;
  range[3 * sp + 2] = axis;
  bounds[sp] = bound;
  return sp + 1;
}

/** (d2a, ida) comes after (d2b, idb) in the (distance, id) order. */
function worse(d2a: number, ida: number, d2b: number, idb: number): boolean {
  return d2a > d2b || (d2a === d2b && ida > idb);
}

/** Replaces the max-heap's root by (id, d2) and restores the heap over [0, size). */
function siftDown(ids: Uint32Array, d2s: Float64Array, size: number, id: number, d2: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    let c = l;
    if (r < size && worse(d2s[r]!, ids[r]!, d2s[l]!, ids[l]!)) c = r;
    if (!worse(d2s[c]!, ids[c]!, d2, id)) break;
    ids[i] = ids[c]!;
    d2s[i] = d2s[c]!;
    i = c;
  }
  ids[i] = id;
  d2s[i] = d2;
}

/**
 * The reference: the k nearest by a full scan, same (distance, id) order. O(n·k) a query; for tests
 * and the bench's naive baseline. Writes into `outIds`/`outD2`, returns the count.
 */
export function bruteForceNearest(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  qx: number,
  qy: number,
  k: number,
  excludeId: number,
  outIds: Uint32Array,
  outD2: Float64Array,
  maxDistance = Infinity,
): number {
  const maxD2 = maxDistance * maxDistance;
  let count = 0;
  for (let j = 0; j < xs.length; j++) {
    if (j === excludeId) continue;
    const dx = xs[j]! - qx;
    const dy = ys[j]! - qy;
    const d2 = dx * dx + dy * dy;
    if (d2 > maxD2) continue;
    if (count === k && !worse(outD2[count - 1]!, outIds[count - 1]!, d2, j)) continue;
    // insertion into the sorted prefix
    let i = count < k ? count++ : count - 1;
    while (i > 0 && worse(outD2[i - 1]!, outIds[i - 1]!, d2, j)) {
      outIds[i] = outIds[i - 1]!;
      outD2[i] = outD2[i - 1]!;
      i--;
    }
    outIds[i] = j;
    outD2[i] = d2;
  }
  return count;
}
