import { describe, expect, it } from 'vitest';
import { buildSegmentIndex, nearestSegment, pointSegmentDistanceSquared, snapPointsToSegments } from '../../src/analysis/segmentIndex';
import { seededRandom } from './seededRandom';

function bruteNearest(x0s: Float64Array, y0s: Float64Array, x1s: Float64Array, y1s: Float64Array, x: number, y: number, max: number): number {
  let best = -1;
  let bestD2 = Infinity;
  for (let s = 0; s < x0s.length; s++) {
    const d2 = pointSegmentDistanceSquared(x, y, x0s[s]!, y0s[s]!, x1s[s]!, y1s[s]!);
    if (d2 <= max * max && d2 < bestD2) {
      bestD2 = d2;
      best = s;
    }
  }
  return best;
}

describe('pointSegmentDistanceSquared', () => {
  it('projects inside the segment and clamps to the end points', () => {
    // Segment (0,0)–(100,0): (50,30) projects to (50,0): 30² = 900; (130,40) clamps to (100,0): 30² + 40² = 2500.
    expect(pointSegmentDistanceSquared(50, 30, 0, 0, 100, 0)).toBe(900);
    expect(pointSegmentDistanceSquared(130, 40, 0, 0, 100, 0)).toBe(2500);
    expect(pointSegmentDistanceSquared(-3, -4, 0, 0, 100, 0)).toBe(25);
    expect(pointSegmentDistanceSquared(3, 4, 7, 7, 7, 7)).toBe(25); // zero-length segment = point (7,7)
  });
});

describe('nearestSegment', () => {
  const x0s = Float64Array.of(0, 0, 200);
  const y0s = Float64Array.of(0, 100, -500);
  const x1s = Float64Array.of(100, 100, 200);
  const y1s = Float64Array.of(0, 100, 500);
  const index = buildSegmentIndex(x0s, y0s, x1s, y1s, 50);

  it('finds the nearest within the distance and reports it', () => {
    const d = new Float64Array(1);
    expect(nearestSegment(index, 50, 30, 60, d)).toBe(0); // 30 m from segment 0, 70 m from segment 1
    expect(d[0]).toBe(30);
    expect(nearestSegment(index, 50, 70, 60, d)).toBe(1);
    expect(nearestSegment(index, 150, 50, 60, d)).toBe(2); // 50 m west of the long vertical segment
  });

  it('returns -1 beyond the distance, for NaN, and far outside the grid', () => {
    const d = new Float64Array(1);
    expect(nearestSegment(index, 50, 50, 40, d)).toBe(-1); // 50 m from both horizontal segments
    expect(d[0]).toBe(Infinity);
    expect(nearestSegment(index, NaN, 0, 60)).toBe(-1);
    expect(nearestSegment(index, 1e7, 0, 60)).toBe(-1);
  });

  it('is inclusive at exactly the maximum distance and breaks ties by lower index', () => {
    expect(nearestSegment(index, 50, 50, 50)).toBe(0); // exactly 50 m from segments 0 and 1
  });

  it('matches brute force on random segments and points (long, short and diagonal segments)', () => {
    const random = seededRandom(11);
    const m = 800;
    const ax = new Float64Array(m);
    const ay = new Float64Array(m);
    const bx = new Float64Array(m);
    const by = new Float64Array(m);
    for (let s = 0; s < m; s++) {
      ax[s] = random() * 3000;
      ay[s] = random() * 3000;
      const length = s % 10 === 0 ? 1500 : random() * 120;
      const angle = random() * 2 * Math.PI;
      bx[s] = ax[s]! + Math.cos(angle) * length;
      by[s] = ay[s]! + Math.sin(angle) * length;
    }
    for (const cell of [20, 50, 200]) {
      const idx = buildSegmentIndex(ax, ay, bx, by, cell);
      const n = 3000;
      const xs = Float64Array.from({ length: n }, () => random() * 3400 - 200);
      const ys = Float64Array.from({ length: n }, () => random() * 3400 - 200);
      const out = new Int32Array(n);
      const dist = new Float64Array(n);
      const missing = snapPointsToSegments(idx, xs, ys, 60, out, dist);
      let expectedMissing = 0;
      for (let i = 0; i < n; i++) {
        const expected = bruteNearest(ax, ay, bx, by, xs[i]!, ys[i]!, 60);
        if (expected < 0) expectedMissing++;
        expect(out[i]).toBe(expected);
        if (expected >= 0) expect(dist[i]).toBeCloseTo(Math.sqrt(pointSegmentDistanceSquared(xs[i]!, ys[i]!, ax[expected]!, ay[expected]!, bx[expected]!, by[expected]!)), 9);
      }
      expect(missing).toBe(expectedMissing);
    }
  });

  it('leaves segments with NaN coordinates out and handles an empty index', () => {
    const idx = buildSegmentIndex(Float64Array.of(NaN, 0), Float64Array.of(0, 0), Float64Array.of(10, 10), Float64Array.of(0, 0));
    expect(nearestSegment(idx, 5, 1, 60)).toBe(1);
    const empty = buildSegmentIndex(new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0));
    expect(nearestSegment(empty, 0, 0, 60)).toBe(-1);
  });
});
