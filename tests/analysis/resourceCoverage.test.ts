import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/domain/resource';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { resourceCoverage, resourcePointsFromResources, uncoveredNeedColumns, type ResourcePoints } from '../../src/analysis/resourceCoverage';
import { buildStreetGraph } from '../../src/analysis/streetGraph';
import { buildAreaRaster } from '../../src/analysis/areaRaster';
import { furtherAreasOfEachResource, unitOfEachResource } from '../../src/analysis/resourceUnits';
import { UNIT_SUPPRESSED } from '../../src/analysis/unitAggregates';
import { deepFreeze, seededRandom } from './seededRandom';

describe('resourceCoverage', () => {
  // Units at (0, 0) and (1000, 0). Resource A (300, 400) serves need 0; B (1000, 600) serves needs 0 and 1.
  const unitXs = Float64Array.of(0, 1000);
  const unitYs = Float64Array.of(0, 0);
  const resources: ResourcePoints = { xs: Float64Array.of(300, 1000), ys: Float64Array.of(400, 600), needMasks: Uint32Array.of(0b01, 0b11) };
  const needRates = Float64Array.of(0.5, 0.2, 0.4, 0.1);

  it('straight-line distances, gaps and uncovered needs by hand (threshold 800 m)', () => {
    const cov = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, resources });
    // unit 0: need 0 → A at √(300² + 400²) = 500; need 1 → B at √(1000² + 600²) = 1166.19
    // unit 1: need 0 → min(A √(700² + 400²) = 806.2, B 600) = 600; need 1 → B 600
    expect(Array.from(cov.straightMeters).map((d) => Math.round(d * 100) / 100)).toEqual([500, 1166.19, 600, 600]);
    expect(cov.networkMeters).toBeNull();
    // gap = rate × min(1, d / 800): 0.5·500/800 = 0.3125; 0.2·1 = 0.2; 0.4·600/800 = 0.3; 0.1·0.75 = 0.075
    expect(Array.from(cov.gapScores)).toEqual([0.3125, 0.2, 0.30000000000000004, 0.07500000000000001]);
    expect(uncoveredNeedColumns(cov, 0)).toEqual([1]);
    expect(uncoveredNeedColumns(cov, 1)).toEqual([]);
    expect(cov.diagnostics.needsWithoutResource).toEqual([]);
  });

  it('along the network when a graph is given, and unknown (suppressed) rates give gap 0', () => {
    // A street along y = 0 from x = −100 to 1100 with a vertex at x = 1000, where a spur goes up to y = 700.
    // (Without that shared vertex the spur would not connect: streets join only at shared vertices.)
    const g = buildStreetGraph(Float64Array.of(-100, 1000, 1000), Float64Array.of(0, 0, 0), Float64Array.of(1000, 1100, 1000), Float64Array.of(0, 0, 700));
    const flags = Uint8Array.of(0, UNIT_SUPPRESSED);
    const cov = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, unitFlags: flags, resources }, { graph: g, maxSnapMeters: 1000 });
    // A (300, 400) snaps to the main street at x = 300, offset 400 (the spur at x = 1000 is 700 m away).
    // unit 0 → A: 300 along + 400 offset = 700; → B (on the spur at 600, offset 0): 1000 + 600 = 1600.
    // unit 1 (at the junction) → A: 700 + 400 = 1100; → B: 600.
    expect(Array.from(cov.networkMeters!)).toEqual([700, 1600, 600, 600]);
    expect(cov.accessMeters).toBe(cov.networkMeters);
    expect(Array.from(cov.gapScores)).toEqual([0.5 * (700 / 800), 0.2, 0, 0]);
    expect(Array.from(cov.gapKnown)).toEqual([1, 0]);
    expect(uncoveredNeedColumns(cov, 0)).toEqual([1]);
  });

  it('a resource standing in a unit is at 0 m from it, straight and along the streets', () => {
    // B (1000, 600) stands in unit 0 (say an estate reaching that far): unit 0 → need 1 at 0 m, no longer uncovered.
    const g = buildStreetGraph(Float64Array.of(-100, 1000, 1000), Float64Array.of(0, 0, 0), Float64Array.of(1000, 1100, 1000), Float64Array.of(0, 0, 700));
    const unitOfResource = Int32Array.of(-1, 0);
    const cov = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, resources }, { graph: g, maxSnapMeters: 1000, unitOfResource });
    expect(Array.from(cov.straightMeters).map((d) => Math.round(d * 100) / 100)).toEqual([0, 0, 600, 600]);
    expect(Array.from(cov.networkMeters!)).toEqual([0, 0, 600, 600]);
    expect(uncoveredNeedColumns(cov, 0)).toEqual([]);
    // without it, unit 0 has nothing for need 1 within 800 m (1,600 m along the streets)
    const without = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, resources }, { graph: g, maxSnapMeters: 1000 });
    expect(uncoveredNeedColumns(without, 0)).toEqual([1]);
  });

  it('puts a resource standing where two areas overlap at 0 m from both (the areas found on their raster)', () => {
    // Unit 0 reaches from x −500 to 1,100 and unit 1 from 900 to 2,000: B (1000, 600) stands in both.
    const square = (x0: number, x1: number) => [Float64Array.of(x0, -1000, x1, -1000, x1, 1000, x0, 1000, x0, -1000)];
    const raster = buildAreaRaster([square(-500, 1100), square(900, 2000)], { cellSizeMeters: 50 });
    const unitOfResource = unitOfEachResource(resources, { kind: 'area', unitCount: 2 }, { raster, segmentIndex: undefined as never, segmentUnit: new Uint32Array(0) });
    expect([...unitOfResource]).toEqual([0, 0]);
    const alsoInUnits = furtherAreasOfEachResource(resources, unitOfResource, raster);
    expect({ point: [...alsoInUnits!.point], area: [...alsoInUnits!.area] }).toEqual({ point: [1], area: [1] });
    const cov = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, resources }, { unitOfResource, alsoInUnits });
    expect(Array.from(cov.straightMeters)).toEqual([0, 0, 0, 0]);
    // Without the further areas, unit 1 is 600 m from B.
    const firstOnly = resourceCoverage({ unitXs, unitYs, needCount: 2, needRates, resources }, { unitOfResource });
    expect(Math.round(firstOnly.straightMeters[2]!)).toBe(600);
  });

  it('reports needs no resource serves and units without a location; never NaN', () => {
    const cov = resourceCoverage({ unitXs: Float64Array.of(0, Number.NaN), unitYs: Float64Array.of(0, 0), needCount: 3, needRates: new Float64Array(6).fill(0.5), resources });
    expect(cov.diagnostics.needsWithoutResource).toEqual([2]);
    expect(cov.diagnostics.unitsWithoutLocation).toBe(1);
    expect(cov.straightMeters[2]).toBe(Infinity);
    expect(uncoveredNeedColumns(cov, 1)).toEqual([0, 1, 2]);
    expect(Array.from(cov.gapScores).some(Number.isNaN)).toBe(false);
  });

  it('straight-line nearest equals a brute-force scan (property), inputs untouched', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(random() * 200);
      const m = Math.floor(random() * 30);
      const needCount = 1 + Math.floor(random() * 12);
      const ux = Float64Array.from({ length: n }, () => random() * 5000);
      const uy = Float64Array.from({ length: n }, () => random() * 5000);
      const res: ResourcePoints = {
        xs: Float64Array.from({ length: m }, () => random() * 5000),
        ys: Float64Array.from({ length: m }, () => random() * 5000),
        needMasks: Uint32Array.from({ length: m }, () => Math.floor(random() * 2 ** needCount)),
      };
      const rates = Float64Array.from({ length: n * needCount }, () => random());
      const before = [ux.slice(), uy.slice(), res.xs.slice(), res.needMasks.slice(), rates.slice()];
      const cov = resourceCoverage({ unitXs: ux, unitYs: uy, needCount, needRates: rates, resources: res }, { thresholdMeters: 600 });
      for (let u = 0; u < n; u++) {
        for (let j = 0; j < needCount; j++) {
          let best = Infinity;
          for (let r = 0; r < m; r++) if ((res.needMasks[r]! >>> j) & 1) best = Math.min(best, Math.hypot(res.xs[r]! - ux[u]!, res.ys[r]! - uy[u]!));
          expect(cov.straightMeters[u * needCount + j]).toBeCloseTo(best, 9);
          expect(cov.gapScores[u * needCount + j]).toBeCloseTo(rates[u * needCount + j]! * Math.min(1, best / 600), 12);
          expect(((cov.uncoveredMasks[u]! >>> j) & 1) === 1).toBe(!(best <= 600));
        }
      }
      expect([ux, uy, res.xs, res.needMasks, rates]).toEqual(before);
    }
  });
});

describe('resourcePointsFromResources', () => {
  it('projects locations and encodes `serves` against the need columns, without mutating the records', () => {
    const projection = createLocalProjection(19.2, 50.1);
    const records: Resource[] = deepFreeze([
      { id: 'r1', name: 'Świetlica', kind: 'community_centre', location: { type: 'Point', coordinates: [19.2, 50.1] }, serves: ['housing', 'loneliness_seniors'], coalitions: [] },
      { id: 'r2', name: 'Klub', kind: 'youth_club', location: { type: 'Point', coordinates: [19.21, 50.1] }, serves: ['children_youth_leisure'], coalitions: [] },
    ]);
    const points = resourcePointsFromResources(records, ['housing', 'children_youth_leisure', 'loneliness_seniors'], projection);
    expect(Array.from(points.needMasks)).toEqual([0b101, 0b010]);
    expect(points.xs[0]).toBe(0);
    expect(points.xs[1]).toBeCloseTo(0.01 * projection.metersPerDegreeLng, 9);
  });
});
