import { describe, expect, it } from 'vitest';
import { needColumn, unitSummary, UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS, UNIT_NO_HOUSEHOLDS, UNIT_SUPPRESSED } from '../../src/analysis/unitAggregates';
import { wilsonInterval } from '../../src/analysis/wilson';
import { aggregatesFromCounts } from './aggregatesFixture';

describe('aggregateUnits and unitSummary', () => {
  const agg = aggregatesFromCounts(
    [
      { n: 10, x: { housing: 4 }, households: 40 },
      { n: 3, x: { housing: 3 }, households: 2 },
      { n: 0, x: {}, households: 0 },
    ],
    { needIds: ['housing', 'health'] },
  );

  it('computes rates and flags per unit', () => {
    expect(Array.from(agg.responses)).toEqual([10, 3, 0]);
    expect(Array.from(agg.responseRate)).toEqual([0.25, 1.5, 0]); // 10/40, 3/2 (more answers than households), none
    expect(Array.from(agg.flags)).toEqual([0, UNIT_SUPPRESSED | UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS, UNIT_SUPPRESSED | UNIT_NO_HOUSEHOLDS]);
    expect(Array.from(agg.needRates)).toEqual([0.4, 0, 1, 0, 0, 0]);
    expect(agg.needLower[4]).toBe(0); // no responses: [0, 1]
    expect(agg.needUpper[4]).toBe(1);
  });

  it('gives one unit as a plain object', () => {
    const { lower, upper } = wilsonInterval(4, 10); // [0.168, 0.687]
    expect(unitSummary(agg, 0)).toEqual({
      id: 'u0',
      households: 40,
      responses: 10,
      responseRate: 0.25,
      suppressed: false,
      noHouseholds: false,
      needs: { housing: { count: 4, rate: 0.4, lower, upper }, health: { count: 0, rate: 0, lower: 0, upper: wilsonInterval(0, 10).upper } },
    });
    expect(unitSummary(agg, 2, new Float64Array(6).fill(0.3)).needs.housing?.smoothedRate).toBe(0.3);
    expect(() => unitSummary(agg, 3)).toThrow(RangeError);
    expect(needColumn(agg, 'health')).toBe(1);
    expect(needColumn(agg, 'safety')).toBe(-1);
  });
});
