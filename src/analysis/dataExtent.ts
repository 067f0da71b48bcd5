import { convexHullIndices } from './convexHull';
import { createLocalProjection } from './localProjection';

/**
 * The area a town's data covers: the convex hull of its points (street vertices, addresses), widened by
 * `marginMeters` so the points on the edge lie inside, not on the boundary. Each hull corner is moved outward along
 * the bisector of its two edges by margin / sin(θ/2) (θ the interior angle), so every edge moves out by exactly the
 * margin: a mitred offset of a convex polygon, which contains the round buffer of the same width.
 * Returns a closed ring of [lng, lat], counter-clockwise, or null when the points do not span an area
 * (fewer than 3 distinct, or all on one line). O(n log n).
 *
 * @example dataExtentRing(Float64Array.of(19, 19.01, 19.01), Float64Array.of(50, 50, 50.01), 100) // 4 points, closed
 */
export function dataExtentRing(lngs: ArrayLike<number>, lats: ArrayLike<number>, marginMeters: number): Array<[number, number]> | null {
  const n = lngs.length;
  if (n < 3) return null;
  let sumLng = 0;
  let sumLat = 0;
  for (let i = 0; i < n; i++) {
    sumLng += lngs[i]!;
    sumLat += lats[i]!;
  }
  const projection = createLocalProjection(sumLng / n, sumLat / n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  projection.forwardInto(lngs, lats, xs, ys);
  const hull = convexHullIndices(xs, ys);
  const m = hull.length;
  if (m < 3) return null;
  // Rounding can leave three points of one straight line as a "triangle" of no area: that spans nothing either.
  let twiceArea = 0;
  for (let k = 0; k < m; k++) {
    const a = hull[k]!;
    const b = hull[(k + 1) % m]!;
    twiceArea += xs[a]! * ys[b]! - xs[b]! * ys[a]!;
  }
  if (twiceArea / 2 < 1) return null; // under 1 m²
  const ring: Array<[number, number]> = [];
  for (let k = 0; k < m; k++) {
    const prev = hull[(k + m - 1) % m]!;
    const here = hull[k]!;
    const next = hull[(k + 1) % m]!;
    // Outward normals of the two edges meeting here (counter-clockwise ring: outward is to the right).
    const n1 = outwardNormal(xs[prev]!, ys[prev]!, xs[here]!, ys[here]!);
    const n2 = outwardNormal(xs[here]!, ys[here]!, xs[next]!, ys[next]!);
    const bx = n1[0] + n2[0];
    const by = n1[1] + n2[1];
    const length = Math.hypot(bx, by);
    // |n1 + n2| = 2 cos(φ/2) where φ is the turn between the edges; moving margin / cos(φ/2) along it offsets both edges by margin.
    const scale = (2 * marginMeters) / (length * length);
    ring.push(projection.inverse(xs[here]! + bx * scale, ys[here]! + by * scale));
  }
  ring.push(ring[0]!);
  return ring;
}

function outwardNormal(ax: number, ay: number, bx: number, by: number): [number, number] {
  const dx = bx - ax;
  const dy = by - ay;
  const length = Math.hypot(dx, dy);
  return [dy / length, -dx / length];
}
