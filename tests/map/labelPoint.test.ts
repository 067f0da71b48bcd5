import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../src/domain';
import { labelPoint } from '../../src/map/labelPoint';

describe('labelPoint', () => {
  it('is the centroid of a convex polygon', () => {
    const square: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    expect(labelPoint(square)).toEqual([1, 1]);
  });

  it('falls inside a U-shaped polygon whose centroid is outside', () => {
    // A "U": two 1×3 legs joined by a 3×1 base; the centroid (1.5, ~1.17) lies in the notch (1..2, 1..3).
    const u: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [x, y] = labelPoint(u);
    const inNotch = x > 1 && x < 2 && y > 1;
    expect(inNotch).toBe(false);
    expect(x >= 0 && x <= 3 && y >= 0 && y <= 3).toBe(true);
  });

  it('labels the largest part of a MultiPolygon', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[10, 10], [14, 10], [14, 14], [10, 14], [10, 10]]],
      ],
    };
    expect(labelPoint(multi)).toEqual([12, 12]);
  });
});
