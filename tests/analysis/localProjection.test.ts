import { describe, expect, it } from 'vitest';
import { distance, point } from '@turf/turf';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { seededRandom } from './seededRandom';

describe('createLocalProjection', () => {
  it('maps the origin to (0, 0) and axes to east and north', () => {
    const p = createLocalProjection(19.94, 50.06);
    expect(p.forward(19.94, 50.06)).toEqual([0, 0]);
    const [xe, ye] = p.forward(19.95, 50.06);
    expect(xe).toBeGreaterThan(0);
    expect(ye).toBe(0);
    const [xn, yn] = p.forward(19.94, 50.07);
    expect(xn).toBe(0);
    expect(yn).toBeGreaterThan(0);
  });

  it('uses the WGS84 radii of curvature at the origin', () => {
    // At φ = 52°: sin²φ = 0.620960, w = 1 − 0.00669438 · 0.620960 = 0.995843;
    // M = 6 378 137 · (1 − e²) / w^1.5 = 6 375 141 m → 111 268 m per degree of latitude;
    // N = 6 378 137 / √w = 6 391 448 m, N · cos 52° = 3 934 936 m → 68 677 m per degree of longitude.
    const p = createLocalProjection(21, 52);
    expect(p.metersPerDegreeLat).toBeCloseTo(111_268, -1);
    expect(p.metersPerDegreeLng).toBeCloseTo(68_677, -1);
  });

  it('round-trips forward and inverse, singly and in bulk', () => {
    const p = createLocalProjection(18.5, 54.35);
    const random = seededRandom(1);
    const lngs = Float64Array.from({ length: 100 }, () => 18.5 + (random() - 0.5) * 0.3);
    const lats = Float64Array.from({ length: 100 }, () => 54.35 + (random() - 0.5) * 0.2);
    const xs = new Float64Array(100);
    const ys = new Float64Array(100);
    p.forwardInto(lngs, lats, xs, ys);
    const backLng = new Float64Array(100);
    const backLat = new Float64Array(100);
    p.inverseInto(xs, ys, backLng, backLat);
    for (let i = 0; i < 100; i++) {
      expect(p.forward(lngs[i]!, lats[i]!)).toEqual([xs[i], ys[i]]);
      expect(backLng[i]).toBeCloseTo(lngs[i]!, 12);
      expect(backLat[i]).toBeCloseTo(lats[i]!, 12);
    }
  });

  it('keeps distances within 0.5 % of the great-circle distance up to 10 km from the origin', () => {
    // turf.distance is spherical (R = 6 371 008.8 m) and itself differs from the ellipsoid by up to ~0.3 % here,
    // so 0.5 % bounds the sum of both errors.
    const origin: [number, number] = [19.0, 52.0];
    const p = createLocalProjection(...origin);
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const bearing = random() * 2 * Math.PI;
      const km = 0.5 + random() * 9.5;
      const lng = origin[0] + (Math.sin(bearing) * km) / 68.7;
      const lat = origin[1] + (Math.cos(bearing) * km) / 111.27;
      const [x, y] = p.forward(lng, lat);
      const planar = Math.hypot(x, y);
      const sphere = distance(point(origin), point([lng, lat]), { units: 'meters' });
      expect(Math.abs(planar - sphere) / sphere).toBeLessThan(0.005);
    }
  });

  it('turns non-finite input into NaN and rejects a bad origin', () => {
    const p = createLocalProjection(19, 52);
    expect(p.forward(NaN, 52)[0]).toBeNaN();
    expect(() => createLocalProjection(NaN, 52)).toThrow(RangeError);
    expect(() => createLocalProjection(0, 90)).toThrow(RangeError);
  });
});
