import { describe, expect, it } from 'vitest';
import type { UnitLocalPattern } from '../../src/analysis/exploreSession';
import { translate } from '../../src/ui/i18n/dictionary';
import { localPatternWords, neighbourhoodWords, scaleAdviceWords } from '../../src/ui/explore/exploreText';
import { classLabels } from '../../src/ui/common/viewText';
import type { ScaleAdviceResult, ScaleCandidate } from '../../src/analysis/exploreSession';

const t = (key: Parameters<typeof translate>[1], params?: Readonly<Record<string, string | number>>) => translate('pl', key, params);
const pattern = (over: Partial<UnitLocalPattern>): UnitLocalPattern => ({ lisaQuadrant: 0, lisaQValue: 1, giBinFdr: 0, giQValue: 1, neighbourhood: { kind: 'hexRings', order: 2, meanNeighbours: 15.2 }, permutations: 999, ...over });

describe('explore words for issue 13', () => {
  it('names the neighbourhood and the local pattern, with a q-value, never a lone p', () => {
    expect(neighbourhoodWords({ kind: 'hexRings', order: 2, meanNeighbours: 15.2 }, t)).toBe('18 heksagonów w promieniu 2 pierścieni');
    expect(neighbourhoodWords({ kind: 'hexRings', order: 1, meanNeighbours: 5.1 }, t)).toBe('6 sąsiednich heksagonów (jeden pierścień)');
    expect(neighbourhoodWords({ kind: 'streetJunctions', order: 1, meanNeighbours: 3.14 }, t)).toBe('ulice stykające się na skrzyżowaniach (bezpośrednio; średnio 3,1)');
    expect(neighbourhoodWords({ kind: 'streetJunctions', order: 2, meanNeighbours: 6 }, t)).toBe('ulice stykające się na skrzyżowaniach (do 2 kroków; średnio 6)');
    expect(localPatternWords(pattern({ lisaQuadrant: 4, lisaQValue: 0.012 }), t, 'pl')).toBe('Odstaje: wysoka potrzeba wśród sąsiadów o niskiej (q = 0,012).');
    expect(localPatternWords(pattern({ giBinFdr: 2, giQValue: 0.03 }), t, 'pl')).toBe('Leży w gorącym punkcie (Gi*, q = 0,030).');
    expect(localPatternWords(pattern({}), t, 'pl')).toBe('Nie odbiega istotnie od sąsiedztwa (po korekcie FDR).');
  });

  it('legend rows print each class own range and a one-value class as one value', () => {
    // A class narrower than 2 points is printed to 0.1 point: the "0 %" class reads "0,0 %".
    expect(classLabels([0, 0, 0.2, 0.5], 'pl', { classMin: [0, 0.04, 0.25], classMax: [0, 0.2, 0.5] })).toEqual(['0,0\u00a0%', '4–20\u00a0%', '25–50\u00a0%']);
  });

  it('scale advice: says how many answers the shown size hides and which size is better, and why', () => {
    const c = (hexSizeMeters: number, shareShown: number, moranI: number, pValue: number): ScaleCandidate => ({ hexSizeMeters, units: 100, unitsShown: 40, answers: 1000, answersShown: 1000 * shareShown, shareShown, answersInSpots: 0, shareInSpots: 0, moran: { moranI, expected: -0.01, permutationMean: 0, permutationSd: 0.1, z: 2, pValue, unitsTested: 40 } });
    const advice: ScaleAdviceResult = { campaignId: 'w1', selection: { kind: 'need', needId: 'health' }, candidates: [c(250, 0.34, 0.28, 0.054), c(500, 0.68, 0.31, 0.038)], chosen: 1, reason: 'clearest_autocorrelation', minResponses: 5 };
    const words = scaleAdviceWords(advice, 250, t, 'pl')!;
    expect(words).toContain('Przy 250 m 66\u00a0%');
    expect(words).toContain('Heksagony 500 m zachowują 68\u00a0%');
    expect(words).toContain('I Morana 0,31, p = 0,038');
  });
});
