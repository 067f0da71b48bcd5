import { describe, expect, it } from 'vitest';
import type { NeedCategoryId } from '../../src/domain/needs';
import { rankTargetAreas, targetCandidateFromUnits, townAverageRates, type TargetCandidate } from '../../src/analysis/targetRanking';
import { UNIT_SUPPRESSED } from '../../src/analysis/unitAggregates';
import { deepFreeze, seededRandom, shuffled } from './seededRandom';

const needIds: NeedCategoryId[] = ['unemployment', 'housing', 'addiction'];
const weights = Float64Array.of(0.5, 0.25, 0.25);
const town = Float64Array.of(0.2, 0.2, 0.1);

/** index = 0.5·r0 + 0.25·r1 + 0.25·r2 */
const candidate = (id: string, households: number, rates: [number, number, number], extra: Partial<TargetCandidate> = {}): TargetCandidate => ({
  id,
  households,
  index: 0.5 * rates[0] + 0.25 * rates[1] + 0.25 * rates[2],
  rates,
  ...extra,
});

describe('rankTargetAreas', () => {
  it('ranks by index × households and explains each place, by hand', () => {
    const candidates = deepFreeze([
      // A: index 0.5·0.4 + 0.25·0.2 + 0.25·0.0 = 0.25; score 0.25 · 400 = 100
      candidate('A', 400, [0.4, 0.2, 0], { gaps: [{ needId: 'housing', rate: 0.2, townRate: 0.1, accessMeters: Infinity }], uncoveredNeeds: ['housing'] }),
      // B: index 0.5·0.2 + 0.25·0.8 + 0.25·0.4 = 0.4; score 0.4 · 200 = 80
      candidate('B', 200, [0.2, 0.8, 0.4]),
      // C: index 0.5·0.6 + 0.25·0.4 + 0.25·0.2 = 0.45; score 0.45 · 100 = 45
      candidate('C', 100, [0.6, 0.4, 0.2]),
      // D: suppressed → last whatever its numbers
      candidate('D', 5000, [0.9, 0.9, 0.9], { suppressed: true, gaps: [{ needId: 'housing', rate: 0.9, townRate: 0.2, accessMeters: 900 }] }),
    ]);
    const ranked = rankTargetAreas(candidates, { needIds, weights, townAverageRates: town });
    expect(ranked.map((r) => [r.rank, r.id])).toEqual([[1, 'A'], [2, 'B'], [3, 'C'], [4, 'D']]);
    ranked.forEach((r, i) => expect(r.score).toBeCloseTo([100, 80, 45, 0][i]!, 12));
    const [a, b] = ranked;
    // A's contributions: unemployment 0.5·0.4 = 0.2 (share 0.2/0.25 = 0.8), housing 0.25·0.2 = 0.05 (0.2); addiction 0 is left out
    expect(a!.topContributions.map((c) => [c.needId, c.contribution, c.share])).toEqual([['unemployment', 0.2, 0.8], ['housing', 0.05, 0.2]]);
    // the candidate's gaps are passed through (needGaps.ts decides them); a suppressed one shows none
    expect(a!.gaps).toEqual([{ needId: 'housing', rate: 0.2, townRate: 0.1, accessMeters: Infinity }]);
    expect(ranked[3]!.gaps).toEqual([]);
    expect(a!.uncoveredNeeds).toEqual(['housing']);
    // above the town average (0.2, 0.2, 0.1): A 0.4 > 0.2 only (0.2 is not above 0.2) → 1; B 0.8 > 0.2 and 0.4 > 0.1 → 2
    expect([a!.aboveAverageCount, a!.aboveAverageNeeds]).toEqual([1, ['unemployment']]);
    expect([b!.aboveAverageCount, b!.aboveAverageNeeds]).toEqual([2, ['housing', 'addiction']]);
    expect(ranked[3]!.topContributions).toEqual([]);
  });

  it('breaks ties by index, then households, then id — and is the same for every input order (property)', () => {
    const tied = [
      candidate('z', 100, [0.4, 0.4, 0.4]), // index 0.4, score 40
      candidate('y', 200, [0.2, 0.2, 0.2]), // index 0.2, score 40: lower index → after z
      candidate('b', 100, [0.4, 0.4, 0.4]), // same as z → by id: b before z
      candidate('a', 0, [0, 0, 0]),
      candidate('c', 0, [0, 0, 0]),
      candidate('s2', 1, [1, 1, 1], { suppressed: true }),
      candidate('s1', 1, [1, 1, 1], { suppressed: true }),
    ];
    const expected = ['b', 'z', 'y', 'a', 'c', 's1', 's2'];
    const random = seededRandom(6);
    for (let trial = 0; trial < 30; trial++) {
      const ranked = rankTargetAreas(shuffled(tied, random), { needIds, weights, townAverageRates: town });
      expect(ranked.map((r) => r.id)).toEqual(expected);
    }
  });

  it('never emits NaN: non-finite index or households count as 0', () => {
    const ranked = rankTargetAreas([candidate('x', Number.NaN, [Number.NaN, 0.5, 0.5], { index: Number.NaN })], { needIds, weights, townAverageRates: town });
    expect(ranked[0]!.score).toBe(0);
    expect(ranked[0]!.topContributions.map((c) => c.needId)).toEqual(['housing', 'addiction']);
    expect(JSON.stringify(ranked)).not.toContain('NaN');
  });
});

describe('targetCandidateFromUnits and townAverageRates', () => {
  // Two units: u0 10 responses (needCounts 4, 2, 0), 100 households; u1 30 responses (3, 9, 6), 300 households; u2 2 responses, suppressed.
  const agg = deepFreeze({
    unitCount: 3,
    needIds,
    needCount: 3,
    needCounts: Uint32Array.of(4, 2, 0, 3, 9, 6, 1, 1, 1),
    needRates: Float64Array.of(0.4, 0.2, 0, 0.1, 0.3, 0.2, 0.5, 0.5, 0.5),
    responses: Uint32Array.of(10, 30, 2),
    households: Float64Array.of(100, 300, 20),
    flags: Uint8Array.of(0, 0, UNIT_SUPPRESSED),
    minResponses: 5,
  });

  it('pools a cluster of units by responses', () => {
    const c = targetCandidateFromUnits('hotcluster:0:0', [0, 1], agg, weights);
    // rates: (4 + 3)/40 = 0.175, (2 + 9)/40 = 0.275, 6/40 = 0.15; index 0.5·0.175 + 0.25·0.275 + 0.25·0.15 = 0.19375
    expect(Array.from(c.rates as Float64Array)).toEqual([0.175, 0.275, 0.15]);
    expect(c.index).toBeCloseTo(0.19375, 15);
    expect(c.households).toBe(400);
    expect(c.suppressed).toBe(false);
    expect(targetCandidateFromUnits('u2', [2], agg, weights).suppressed).toBe(true);
  });

  it('town average = pooled counts / pooled responses', () => {
    // (4 + 3 + 1)/42, (2 + 9 + 1)/42, (0 + 6 + 1)/42
    expect(Array.from(townAverageRates(agg))).toEqual([8 / 42, 12 / 42, 7 / 42]);
  });
});
