import { describe, expect, it } from 'vitest';
import {
  combineGeometries,
  geometryAreaSquareMeters,
  indicatorsAboveAverage,
  revitalisationLimits,
  type SelectionGeometry,
} from '../../src/analysis/revitalisationLimits';
import { pointInGeometry } from '../../src/analysis/pointInArea';

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

// A 0.01° × 0.01° square at the equator. Spherical excess (Chamberlain & Duquette 2007) for it:
//   ½ R² Σ (λᵢ₊₂ − λᵢ) sin φᵢ₊₁ = R² · 0.01·π/180 · sin(0.01·π/180) ≈ (6378137 · 0.01 · π/180)² = 1113.1949² = 1,239,202.6 m²
const square = (x0: number, y0: number, side: number): SelectionGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]],
});
const SQUARE_M2 = 1_239_202.6;

describe('geometryAreaSquareMeters', () => {
  it('gives the hand-computed area of a 0.01° square at the equator', () => {
    expect(geometryAreaSquareMeters(deepFreeze(square(0, 0, 0.01)))).toBeCloseTo(SQUARE_M2, 0);
  });
  it('subtracts a hole: a quarter-size hole leaves ¾ of the area', () => {
    const withHole: SelectionGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 0.01).coordinates[0] as number[][], (square(0.0025, 0.0025, 0.005).coordinates[0] as number[][]).slice().reverse()],
    } as SelectionGeometry;
    // the hole is 0.005° square: ¼ of the area (to 1e-5 relative; latitude 0.0025–0.0075° barely shrinks it)
    expect(geometryAreaSquareMeters(withHole) / SQUARE_M2).toBeCloseTo(0.75, 4);
  });
  it('adds the parts of a multipolygon', () => {
    const two = combineGeometries([square(0, 0, 0.01), square(0.02, 0, 0.01)])!;
    expect(two.type).toBe('MultiPolygon');
    expect(geometryAreaSquareMeters(two) / geometryAreaSquareMeters(square(0, 0, 0.01))).toBeCloseTo(2, 9);
  });
});

describe('pointInGeometry', () => {
  it('is inside the square, outside beyond it and inside a hole is outside', () => {
    const g = square(0, 0, 1);
    expect(pointInGeometry(0.5, 0.5, g)).toBe(true);
    expect(pointInGeometry(1.5, 0.5, g)).toBe(false);
    const holed = { type: 'Polygon', coordinates: [g.coordinates[0], square(0.25, 0.25, 0.5).coordinates[0]] } as SelectionGeometry;
    expect(pointInGeometry(0.5, 0.5, holed)).toBe(false);
    expect(pointInGeometry(0.1, 0.1, holed)).toBe(true);
  });
});

describe('revitalisationLimits (ustawa o rewitalizacji, art. 10 ust. 2)', () => {
  // Addresses: three inside the square with 10 + 20 + 5 = 35 households, two outside with 40 + 25 = 65. Town: 100.
  const points = deepFreeze({ lngs: [0.002, 0.005, 0.008, 0.5, 0.7], lats: [0.002, 0.005, 0.008, 0.5, 0.7], households: [10, 20, 5, 40, 25] });

  it('fails on residents: 35 of 100 households = 35 % > 30 %, while the area is 10 % ≤ 20 %', () => {
    const check = revitalisationLimits(square(0, 0, 0.01), { townAreaSquareMeters: 10 * SQUARE_M2, points });
    expect(check.households).toBe(35);
    expect(check.townHouseholds).toBe(100);
    expect(check.residentShare).toBeCloseTo(0.35, 12);
    expect(check.areaShare).toBeCloseTo(0.1, 6);
    expect(check.areaWithinLimit).toBe(true);
    expect(check.residentsWithinLimit).toBe(false);
    expect(check.withinLimits).toBe(false);
  });

  it('passes when both shares are within the limits, and the limits are inclusive (exactly 20 % area passes)', () => {
    const few = { ...points, households: [10, 10, 10, 40, 30] }; // 30 of 100 = 30 %: exactly the limit
    const check = revitalisationLimits(square(0, 0, 0.01), { townAreaSquareMeters: geometryAreaSquareMeters(square(0, 0, 0.01)) * 5, points: few });
    expect(check.areaShare).toBeCloseTo(0.2, 12);
    expect(check.residentShare).toBeCloseTo(0.3, 12);
    expect(check.withinLimits).toBe(true);
  });

  it('fails on area: the square in a town of 4 squares is 25 % > 20 %', () => {
    const check = revitalisationLimits(square(0, 0, 0.01), { townAreaSquareMeters: 4 * SQUARE_M2, points: { lngs: [], lats: [], households: [] } });
    expect(check.areaShare).toBeCloseTo(0.25, 6);
    expect(check.areaWithinLimit).toBe(false);
    expect(Number.isNaN(check.residentShare)).toBe(true); // no households known: not a pass
    expect(check.withinLimits).toBe(false);
  });
});

describe('indicatorsAboveAverage', () => {
  it('counts rates strictly above the town average, NaN never counts', () => {
    // 0.3 > 0.2 yes; 0.1 > 0.1 no; NaN no; 0.5 > 0.4 yes → 2
    expect(indicatorsAboveAverage([0.3, 0.1, NaN, 0.5], [0.2, 0.1, 0.05, 0.4])).toBe(2);
  });
});
