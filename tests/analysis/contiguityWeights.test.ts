import { describe, expect, it } from 'vitest';
import { hexContiguityWeights, restrictWeights, streetContiguityWeights } from '../../src/analysis/contiguityWeights';
import { getisOrdGiStar } from '../../src/analysis/giStar';
import { hexCenter, hexKey, hexKeyQ, hexKeyR } from '../../src/analysis/hexGrid';
import { buildSpatialWeights, type SpatialWeights } from '../../src/analysis/spatialWeights';
import { buildStreetGraph } from '../../src/analysis/streetGraph';
import { seededRandom, shuffled } from './seededRandom';

const row = (w: SpatialWeights, i: number) => Array.from(w.neighbours.subarray(w.offsets[i]!, w.offsets[i + 1]!));

/** Every cell within `radius` rings of (0, 0): 1 + 3r(r + 1) cells, keys in the given order. */
function hexPatch(radius: number): Float64Array {
  const keys: number[] = [];
  for (let q = -radius; q <= radius; q++) for (let r = Math.max(-radius, -q - radius); r <= Math.min(radius, -q + radius); r++) keys.push(hexKey(q, r));
  return Float64Array.from(keys);
}

describe('hexContiguityWeights', () => {
  it('order 1 = the 6 touching cells, order 2 = 18; edge cells see only the cells that exist; symmetric', () => {
    const keys = hexPatch(3); // 37 cells
    expect(keys.length).toBe(37);
    const centre = Array.from(keys).indexOf(hexKey(0, 0));
    const first = hexContiguityWeights(keys, 1);
    const second = hexContiguityWeights(keys, 2);
    expect(row(first, centre).length).toBe(6);
    expect(row(second, centre).length).toBe(18);
    const neighbourKeys = row(first, centre).map((j) => [hexKeyQ(keys[j]!), hexKeyR(keys[j]!)]);
    expect(neighbourKeys.sort()).toEqual([[-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0]].sort());
    const corner = Array.from(keys).indexOf(hexKey(3, 0)); // a corner of the patch: 3 neighbours inside
    expect(row(first, corner).length).toBe(3);
    for (const w of [first, second]) {
      for (let i = 0; i < keys.length; i++) for (const j of row(w, i)) expect(row(w, j)).toContain(i);
    }
    const withSelf = hexContiguityWeights(keys, 1, { includeSelf: true, rowStandardise: true });
    expect(row(withSelf, centre)).toContain(centre);
    expect(withSelf.weights[withSelf.offsets[centre]!]).toBeCloseTo(1 / 7, 15);
  });

  it('k = 8 nearest on hexagon centres completes ring 2 (12 neighbours: 6 + all 6 tied at √3 · 250 m), whatever the order', () => {
    const keys = hexPatch(4);
    const random = seededRandom(3);
    const centreKey = hexKey(0, 0);
    for (let trial = 0; trial < 5; trial++) {
      const order = shuffled(Array.from(keys), random);
      const xs = Float64Array.from(order, (k) => hexCenter(hexKeyQ(k), hexKeyR(k), 250)[0]);
      const ys = Float64Array.from(order, (k) => hexCenter(hexKeyQ(k), hexKeyR(k), 250)[1]);
      const w = buildSpatialWeights(xs, ys, { kind: 'kNearest', k: 8 }, { includeSelf: false });
      const c = order.indexOf(centreKey);
      const neighbourKeys = row(w, c).map((j) => order[j]!).sort();
      expect(neighbourKeys.length).toBe(12);
      const contiguity = hexContiguityWeights(Float64Array.from(order), 2);
      const ring2 = row(contiguity, c).map((j) => order[j]!);
      // the 12 are ring 1 and the 6 ring-2 cells at √3·250 = 433 m; the other 6 of ring 2 lie at 500 m
      for (const k of neighbourKeys) expect(ring2).toContain(k);
    }
  });
});

describe('streetContiguityWeights', () => {
  it('streets meeting at a node are neighbours; streets that only cross are not; order 2 reaches one junction further', () => {
    // Street 0: (0,0)–(100,0)–(200,0). Street 1: (100,0)–(100,100) meets 0 at (100,0). Street 2: (100,100)–(200,100)
    // meets 1. Street 3: (150,−50)–(150,50) crosses street 0 with no shared vertex (a bridge).
    const segs = [
      [0, 0, 100, 0, 0],
      [100, 0, 200, 0, 0],
      [100, 0, 100, 100, 1],
      [100, 100, 200, 100, 2],
      [150, -50, 150, 50, 3],
    ];
    const col = (c: number) => Float64Array.from(segs, (s) => s[c]!);
    const graph = buildStreetGraph(col(0), col(1), col(2), col(3));
    const unitOfSegment = Uint32Array.from(segs, (s) => s[4]!);
    const first = streetContiguityWeights(graph, unitOfSegment, 4, 1);
    expect(row(first, 0)).toEqual([1]);
    expect(row(first, 1)).toEqual([0, 2]);
    expect(row(first, 2)).toEqual([1]);
    expect(row(first, 3)).toEqual([]);
    const second = streetContiguityWeights(graph, unitOfSegment, 4, 2);
    expect(row(second, 0)).toEqual([1, 2]);
  });
});

describe('restrictWeights and Gi* over prebuilt contiguity', () => {
  it('a suppressed unit is nobody neighbour; self is added for Gi*', () => {
    const keys = hexPatch(1); // 7 cells
    const w = hexContiguityWeights(keys, 1);
    const centre = Array.from(keys).indexOf(hexKey(0, 0));
    const keep = Uint32Array.from([...keys.keys()].filter((i) => i !== 0));
    const r = restrictWeights(w, keep, { includeSelf: true });
    const compactCentre = Array.from(keep).indexOf(centre);
    expect(row(r, compactCentre).length).toBe(6); // 5 remaining neighbours + itself
    // Gi* with the prebuilt weights equals Gi* with the same neighbourhood as a distance band (250 m hexagons: 1 ring)
    const xs = Float64Array.from(keys, (k) => hexCenter(hexKeyQ(k), hexKeyR(k), 250)[0]);
    const ys = Float64Array.from(keys, (k) => hexCenter(hexKeyQ(k), hexKeyR(k), 250)[1]);
    const values = Float64Array.of(0.1, 0.4, 0.2, 0.5, 0.3, 0.25, Number.NaN);
    const a = getisOrdGiStar(xs, ys, values, { weights: w, permutations: 0 });
    const b = getisOrdGiStar(xs, ys, values, { weights: { kind: 'distanceBand', thresholdMeters: 251 }, permutations: 0 });
    expect(Array.from(a.zScores)).toEqual(Array.from(b.zScores));
    expect(a.computed[6]).toBe(0);
  });
});
