import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExploreSession } from '../../src/analysis/exploreSession';
import { localMoran } from '../../src/analysis/localMoran';
import { chooseScale, globalMoranTest, type ScaleCandidate } from '../../src/analysis/scaleAdvice';
import { buildSpatialWeights } from '../../src/analysis/spatialWeights';
import { ScaleAdviceQuery } from '../../src/domain/analysisRequest';
import { Workspace } from '../../src/domain/workspace';
import { seededRandom } from './seededRandom';

const XS = Float64Array.of(0, 100, 200, 0, 100, 200, 0, 100, 200);
const YS = Float64Array.of(200, 200, 200, 100, 100, 100, 0, 0, 0);
const VALUES = Float64Array.of(1, 6, 2, 7, 9, 8, 3, 5, 4);

describe('globalMoranTest', () => {
  it('the 3 × 3 grid by hand: I = Σ zᵢ lagᵢ / Σ zᵢ² = −1.5778 / 8 = −0.1972, as Σ of the local Iᵢ gives', () => {
    const rook = buildSpatialWeights(XS, YS, { kind: 'distanceBand', thresholdMeters: 100 }, { includeSelf: false });
    const g = globalMoranTest(VALUES, rook, 999, 1);
    expect(g.moranI).toBeCloseTo(-1.5777777777777777 / 8, 12);
    expect(g.moranI).toBeCloseTo(localMoran(VALUES, rook, { permutations: 9 }).globalMoranI, 12);
    expect(g.expected).toBeCloseTo(-1 / 8, 15);
    expect(g.pValue).toBeGreaterThan(0.5); // a negative I is no evidence of clustering
  });

  it('a two-halves field is clustered (p = 1/1000), a shuffled one is not; the same seed gives the same answer', () => {
    const side = 14;
    const xs = Float64Array.from({ length: side * side }, (_, i) => (i % side) * 100);
    const ys = Float64Array.from({ length: side * side }, (_, i) => Math.floor(i / side) * 100);
    const random = seededRandom(3);
    const values = Float64Array.from({ length: side * side }, (_, i) => (i % side < side / 2 ? 0.4 : 0.1) + random() * 0.2);
    const rook = buildSpatialWeights(xs, ys, { kind: 'distanceBand', thresholdMeters: 100 }, { includeSelf: false });
    const g = globalMoranTest(values, rook, 999, 5);
    expect(g.pValue).toBeCloseTo(1 / 1000, 12);
    expect(g.z).toBeGreaterThan(5);
    expect(globalMoranTest(values, rook, 999, 5)).toEqual(g);
    const noise = Float64Array.from({ length: side * side }, () => random());
    expect(globalMoranTest(noise, rook, 999, 5).pValue).toBeGreaterThan(0.01);
  });
});

const candidate = (hexSizeMeters: number, shareShown: number, z: number, pValue: number, shareInSpots = 0): ScaleCandidate => ({
  hexSizeMeters,
  units: 100,
  unitsShown: 50,
  answers: 1000,
  answersShown: Math.round(1000 * shareShown),
  shareShown,
  answersInSpots: Math.round(1000 * shareInSpots),
  shareInSpots,
  moran: { moranI: 0.1, expected: -0.01, permutationMean: 0, permutationSd: 0.05, z, pValue, unitsTested: 50 },
});

describe('chooseScale', () => {
  it('among the scales keeping ≥ 50 % of answers: most answers in hot spots, else clearest global I, else most answers', () => {
    // 250 m hides 60 % of the answers (and has the most in hot spots, but is not eligible); 500 m keeps 90 % with 12 %
    // of answers in hot spots; 1 km keeps 99 % with 5 %.
    expect(chooseScale([candidate(250, 0.4, 6, 0.001, 0.2), candidate(500, 0.9, 1, 0.2, 0.12), candidate(1000, 0.99, 2.5, 0.01, 0.05)])).toEqual({ chosen: 1, reason: 'hot_spots_found' });
    // no hot spots anywhere: the significant global autocorrelation with the largest z
    expect(chooseScale([candidate(250, 0.4, 6, 0.001), candidate(500, 0.9, 4, 0.001), candidate(1000, 0.99, 2.5, 0.01)])).toEqual({ chosen: 1, reason: 'clearest_autocorrelation' });
    expect(chooseScale([candidate(250, 0.8, 1, 0.3), candidate(500, 0.95, 0.5, 0.4)])).toEqual({ chosen: 1, reason: 'no_pattern_most_answers' });
    expect(chooseScale([candidate(250, 0.3, 3, 0.01), candidate(500, 0.5, 1, 0.2)])).toEqual({ chosen: 1, reason: 'no_pattern_most_answers' });
    expect(chooseScale([])).toEqual({ chosen: -1, reason: null });
  });
});

const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
// data/demo is committed: a missing file fails the suite instead of skipping it.
const SPARSE_SHARE = 0.15;

describe('scale advice on a sparse survey of the demo town', () => {
  it('with 15 % of the answers (~3 per 250 m hexagon), 250 m hides most of them: the advice moves to 500 m and says why', () => {
    const full = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, JSON.parse(readFileSync(join(DEMO, `${f}.json`), 'utf8'))])) });
    const random = seededRandom(77);
    const sparse = { ...full, responses: full.responses.filter(() => random() < SPARSE_SHARE) };
    const session = createExploreSession(sparse);
    const selection = { kind: 'index' as const, weights: { unemployment: 1, material_hardship: 1, addiction: 1 } };
    const r = session.scaleAdvice(ScaleAdviceQuery.parse({ campaignId: 'campaign-2025-w1', selection }));
    if (!r.ok) throw new Error(r.message);
    const lines = r.value.candidates.map((c) => `${c.hexSizeMeters} m: ${(100 * c.shareShown).toFixed(0)} % of answers shown, ${(100 * c.shareInSpots).toFixed(0)} % in hot/cold spots, I = ${c.moran.moranI.toFixed(3)}, z = ${c.moran.z.toFixed(1)}, p = ${c.moran.pValue.toFixed(3)}`);
    console.log(`scale advice, sparse demo (${100 * SPARSE_SHARE} % of answers, seed 77), Górnicze needs: ${lines.join('; ')} → ${r.value.candidates[r.value.chosen]?.hexSizeMeters} m (${r.value.reason})`);
    expect(r.value.candidates.map((c) => c.hexSizeMeters)).toEqual([250, 500, 1000]);
    expect(r.value.candidates[0]!.shareShown).toBeLessThan(0.5); // 250 m: not eligible, most answers hidden
    expect(r.value.candidates[r.value.chosen]!.hexSizeMeters).toBe(500);
    expect(r.value.reason).toBe('clearest_autocorrelation');
    // With every answer, 250 m keeps most of them and shows the hot spots: the advice stays at 250 m.
    const dense = createExploreSession(full).scaleAdvice(ScaleAdviceQuery.parse({ campaignId: 'campaign-2025-w1', selection }));
    if (!dense.ok) throw new Error(dense.message);
    expect(dense.value.candidates[dense.value.chosen]!.hexSizeMeters).toBe(250);
    expect(dense.value.reason).toBe('hot_spots_found');
  });
});
