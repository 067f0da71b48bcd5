/**
 * Convex hull of planar points by Andrew's monotone chain (Andrew 1979, "Another efficient algorithm for
 * convex hulls in two dimensions", Inf. Process. Lett. 9:216–219). O(m log m) for the sort, O(m) for the chains.
 * Collinear points on the hull's edges are dropped; duplicates are harmless.
 */

/** z of (a − o) × (b − o): > 0 when o → a → b turns counter-clockwise. */
function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

/**
 * Indices of the hull's corners, counter-clockwise, starting at the lowest-x (then lowest-y) point, not
 * repeated at the end. `subset` (point indices) restricts the input; `xs`, `ys` are metres, read only.
 * Fewer than 3 corners means the points are all the same or collinear (callers cannot make a polygon).
 * @example convexHullIndices(Float64Array.of(0, 2, 2, 0, 1), Float64Array.of(0, 0, 2, 2, 1)) → [0, 1, 2, 3]
 */
export function convexHullIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, subset?: ArrayLike<number>): Uint32Array {
  const total = subset ? subset.length : xs.length;
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = subset ? subset[i]! : i;
  order.sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]! || a - b);
  // Drop repeated positions (keeping the lowest index) so coincident points cannot form a zero-length edge.
  let m = 0;
  for (let i = 0; i < order.length; i++) {
    const p = order[i]!;
    if (m > 0 && xs[order[m - 1]!] === xs[p] && ys[order[m - 1]!] === ys[p]) continue;
    order[m++] = p;
  }
  if (m < 3) return order.slice(0, m);
  const hull = new Uint32Array(2 * m);
  let h = 0;
  for (let i = 0; i < m; i++) {
    // lower chain
    const p = order[i]!;
    while (h >= 2 && cross(xs[hull[h - 2]!]!, ys[hull[h - 2]!]!, xs[hull[h - 1]!]!, ys[hull[h - 1]!]!, xs[p]!, ys[p]!) <= 0) h--;
    hull[h++] = p;
  }
  const lowerSize = h + 1;
  for (let i = m - 2; i >= 0; i--) {
    // upper chain
    const p = order[i]!;
    while (h >= lowerSize && cross(xs[hull[h - 2]!]!, ys[hull[h - 2]!]!, xs[hull[h - 1]!]!, ys[hull[h - 1]!]!, xs[p]!, ys[p]!) <= 0) h--;
    hull[h++] = p;
  }
  // The upper chain ends on the first point again.
  return hull.slice(0, h - 1);
}
