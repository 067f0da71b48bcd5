import { describe, expect, it } from 'vitest';
import { dataExtentRing } from '../../src/analysis/dataExtent';
import { createLocalProjection } from '../../src/analysis/localProjection';

describe('dataExtentRing', () => {
  it('widens a 1 km square of points by the margin on every side (mitred corners: 1.2 km square for 100 m)', () => {
    const p = createLocalProjection(20.7, 49.62);
    const corners = [[-500, -500], [500, -500], [500, 500], [-500, 500], [0, 0], [100, -200]].map(([x, y]) => p.inverse(x!, y!));
    const ring = dataExtentRing(corners.map((c) => c[0]), corners.map((c) => c[1]), 100)!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const q = createLocalProjection(20.7, 49.62);
    const metres = ring.slice(0, 4).map(([lng, lat]) => q.forward(lng, lat));
    for (const [x, y] of metres) {
      expect(Math.abs(Math.abs(x) - 600)).toBeLessThan(0.5);
      expect(Math.abs(Math.abs(y) - 600)).toBeLessThan(0.5);
    }
    // Counter-clockwise: positive signed area (shoelace) of 1.2 km × 1.2 km = 1.44 km².
    let area = 0;
    for (let i = 0; i < 4; i++) area += metres[i]![0] * metres[(i + 1) % 4]![1] - metres[(i + 1) % 4]![0] * metres[i]![1];
    expect(area / 2).toBeCloseTo(1_440_000, -3);
  });

  it('has no area to give for fewer than three points or points on one line', () => {
    expect(dataExtentRing([20, 20.1], [49, 49.1], 100)).toBeNull();
    expect(dataExtentRing([20, 20.1, 20.2], [49, 49.1, 49.2], 100)).toBeNull();
  });
});
