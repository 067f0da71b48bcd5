import { describe, expect, it } from 'vitest';
import type { ExploreLayer, NeedMapResult, RankingResult } from '../../src/analysis/exploreSession';
import { clusterNumbers, estateRateRows, problemRanking, REPORT_TOP_STREETS, topStreetRateRows } from '../../src/ui/report/reportModel';
import { deepFreeze } from '../analysis/seededRandom';

// Five streets: 60 of 85 answered (70.6 %), 7 of 35 (20 %), 3 of 15 (20 %, a tie), 0 of 12, and one with no households.
const streets = deepFreeze({
  unitIds: ['s-obiez', 's-lakowa', 's-akacjowa', 's-lipowa', 's-nowa'],
  labels: ['ul. Obieżowa', 'ul. Łąkowa', 'ul. Akacjowa', 'ul. Lipowa', 'ul. Nowa'],
  households: Float64Array.from([85, 35, 15, 12, 0]),
}) as unknown as ExploreLayer;
const streetAnswers = deepFreeze({ responses: Uint32Array.from([60, 7, 3, 0, 2]), responseRate: Float64Array.from([60 / 85, 7 / 35, 3 / 15, 0, 0]) }) as unknown as NeedMapResult;

describe('the report’s tables (reportModel)', () => {
  it('lists estates in Polish name order (Ł after L, Ś after S), whatever their rates', () => {
    const estates = deepFreeze({ unitIds: ['e-s', 'e-l2', 'e-l1', 'e-z'], labels: ['Osiedle Śląskie', 'Osiedle Łąkowe', 'Osiedle Lipowe', 'Osiedle Zielone'], households: Float64Array.from([10, 20, 30, 40]) }) as unknown as ExploreLayer;
    const answers = deepFreeze({ responses: Uint32Array.from([1, 2, 3, 4]), responseRate: Float64Array.from([0.1, 0.1, 0.1, 0.1]) }) as unknown as NeedMapResult;
    expect(estateRateRows(estates, answers).map((r) => r.label)).toEqual(['Osiedle Lipowe', 'Osiedle Łąkowe', 'Osiedle Śląskie', 'Osiedle Zielone']);
  });

  it('lists the best-answered streets first, ties by name, streets without households left out, at most `top`', () => {
    // 70.6 % first; Akacjowa and Łąkowa tie at 20 % (A before Ł); Lipowa 0 %; Nowa has no households: not a street to rank.
    expect(topStreetRateRows(streets, streetAnswers).map((r) => [r.unitId, r.responses, r.households])).toEqual([
      ['s-obiez', 60, 85],
      ['s-akacjowa', 3, 15],
      ['s-lakowa', 7, 35],
      ['s-lipowa', 0, 12],
    ]);
    expect(topStreetRateRows(streets, streetAnswers, 2).map((r) => r.unitId)).toEqual(['s-obiez', 's-akacjowa']);
    expect(REPORT_TOP_STREETS).toBe(15);
  });

  it('ranks problems by their town-wide rate, ties in taxonomy order, needs without a rate left out', () => {
    const ranking = deepFreeze({ townAverageRates: { housing: 0.3, health: 0.5, addiction: 0.3, unemployment: 0.05, safety: Number.NaN } });
    // health 50 %; housing and addiction both 30 %: the taxonomy lists housing (3rd) before addiction (4th); then unemployment 5 %.
    expect(problemRanking(ranking)).toEqual([
      { needId: 'health', rate: 0.5 },
      { needId: 'housing', rate: 0.3 },
      { needId: 'addiction', rate: 0.3 },
      { needId: 'unemployment', rate: 0.05 },
    ]);
  });

  it('numbers problem clusters 1, 2, … in ranking order, skipping the estates between them', () => {
    const targets = [{ kind: 'area', id: 'estate-a' }, { kind: 'cluster', id: 'cluster-7' }, { kind: 'area', id: 'estate-b' }, { kind: 'cluster', id: 'cluster-2' }];
    expect([...clusterNumbers({ targets } as unknown as Pick<RankingResult, 'targets'>)]).toEqual([['cluster-7', 1], ['cluster-2', 2]]);
  });

});
