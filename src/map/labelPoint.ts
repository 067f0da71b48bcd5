import type { AreaGeometry, Position } from '../domain';

type Ring = Position[];

function ringArea(ring: Ring): number {
  let twiceArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twiceArea += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return twiceArea / 2;
}

function ringCentroid(ring: Ring): [number, number] {
  let cx = 0, cy = 0, twiceArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!, [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (twiceArea === 0) return [ring[0]![0], ring[0]![1]];
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

function containsEvenOdd(rings: Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Midpoint of the widest stretch inside the polygon along the horizontal line at latitude y, if any. */
function widestInteriorSpan(rings: Ring[], y: number): { x: number; width: number } | undefined {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: { x: number; width: number } | undefined;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1]! - xs[k]!;
    if (!best || width > best.width) best = { x: (xs[k]! + xs[k + 1]!) / 2, width };
  }
  return best;
}

/**
 * A point inside an area where its name can be drawn: the centroid of its largest polygon when that lies
 * inside, otherwise the middle of the widest interior span on one of a few horizontal lines. One label per
 * area (a label per map tile would repeat). O(vertices). Returns [lng, lat].
 */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  const polygons: Ring[][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let rings = polygons[0]!;
  let largest = -Infinity;
  for (const p of polygons) {
    const area = Math.abs(ringArea(p[0]!));
    if (area > largest) {
      largest = area;
      rings = p;
    }
  }
  const [cx, cy] = ringCentroid(rings[0]!);
  if (containsEvenOdd(rings, cx, cy)) return [cx, cy];

  let south = Infinity, north = -Infinity;
  for (const [, y] of rings[0]!) {
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  let best: { x: number; y: number; width: number } | undefined;
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const y = south + (north - south) * fraction;
    const span = widestInteriorSpan(rings, y);
    if (span && (!best || span.width > best.width)) best = { x: span.x, y, width: span.width };
  }
  return best ? [best.x, best.y] : [cx, cy];
}
