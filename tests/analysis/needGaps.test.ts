import { describe, expect, it } from 'vitest';
import { aboveTownAverage, needGaps, unitNeedGaps } from '../../src/analysis/needGaps';
import { UNIT_SUPPRESSED } from '../../src/analysis/unitAggregates';
import type { NeedCategoryId } from '../../src/domain/needs';
import { deepFreeze } from './seededRandom';

const needIds: NeedCategoryId[] = ['unemployment', 'housing', 'addiction', 'health'];
const town = deepFreeze(Float64Array.of(0.1, 0.2, 0.05, 0.3));

describe('needGaps: a need above the town average with nothing serving it within reach', () => {
  it('by hand', () => {
    // unemployment 0.25 > 0.1, uncovered → gap; housing 0.4 > 0.2 but covered → no; addiction 0.05 = town → no
    // (not above); health 0.5 > 0.3, uncovered → gap. Largest rate first: health, unemployment.
    const gaps = needGaps({ needIds, rates: [0.25, 0.4, 0.05, 0.5], townRates: town, uncoveredMask: 0b1101, accessMeters: [950, 100, Infinity, Infinity], known: true });
    expect(gaps).toEqual([
      { needId: 'health', rate: 0.5, townRate: 0.3, accessMeters: Infinity },
      { needId: 'unemployment', rate: 0.25, townRate: 0.1, accessMeters: 950 },
    ]);
    expect(aboveTownAverage(needIds, [0.25, 0.4, 0.05, 0.5], town)).toEqual(['unemployment', 'housing', 'health']);
  });

  it('nothing when the rates are unknown (suppressed) or NaN; ties keep the taxonomy order', () => {
    expect(needGaps({ needIds, rates: [0.9, 0.9, 0.9, 0.9], townRates: town, uncoveredMask: 0b1111, accessMeters: [Infinity, Infinity, Infinity, Infinity], known: false })).toEqual([]);
    expect(needGaps({ needIds, rates: [NaN, 0.4, 0.4, NaN], townRates: town, uncoveredMask: 0b1111, accessMeters: [1, 2, 3, 4], known: true }).map((g) => g.needId)).toEqual(['housing', 'addiction']);
  });

  it('unitNeedGaps reads row u of an aggregate and its coverage; a suppressed unit has none', () => {
    const agg = deepFreeze({ needIds, needCount: 4, needRates: Float64Array.of(0, 0, 0, 0, 0.25, 0.4, 0.05, 0.5), flags: Uint8Array.of(0, 0) });
    const coverage = deepFreeze({ uncoveredMasks: Uint32Array.of(0b1111, 0b1101), accessMeters: Float64Array.of(0, 0, 0, 0, 950, 100, Infinity, Infinity), gapKnown: Uint8Array.of(1, 1) });
    expect(unitNeedGaps(agg, coverage, town, 1).map((g) => g.needId)).toEqual(['health', 'unemployment']);
    expect(unitNeedGaps(agg, coverage, town, 0)).toEqual([]); // rates 0: no need above the town, no gap
    expect(unitNeedGaps({ ...agg, flags: Uint8Array.of(0, UNIT_SUPPRESSED) }, coverage, town, 1)).toEqual([]);
  });
});
