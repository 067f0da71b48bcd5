import { describe, expect, it } from 'vitest';
import { compareWaves, twoProportionZTest } from '../../src/analysis/waveComparison';
import { aggregatesFromCounts } from './aggregatesFixture';

describe('twoProportionZTest (pooled)', () => {
  it('40/100 → 60/100: p = 0.5, SE = √(0.25 · 0.02) = 0.070711, z = 0.2/0.070711 = 2.828427, P = 0.004678', () => {
    const { z, pValue } = twoProportionZTest(40, 100, 60, 100);
    expect(z).toBeCloseTo(2.828427, 6);
    expect(pValue).toBeCloseTo(0.004678, 6);
  });

  it('30/50 → 20/50: p = 0.5, SE = √(0.25 · 0.04) = 0.1, z = −2, P = 0.0455', () => {
    const { z, pValue } = twoProportionZTest(30, 50, 20, 50);
    expect(z).toBeCloseTo(-2, 12);
    expect(pValue).toBeCloseTo(0.0455003, 6);
  });

  it('no variance or no data: z = 0, P = 1', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 0, 3, 5)).toEqual({ z: 0, pValue: 1 });
  });
});

describe('compareWaves', () => {
  const before = aggregatesFromCounts([{ n: 100, x: { housing: 40 } }, { n: 4, x: { housing: 1 } }, { n: 50, x: { housing: 30 } }], { needIds: ['housing'] });
  const after = aggregatesFromCounts([{ n: 100, x: { housing: 60 } }, { n: 40, x: { housing: 30 } }, { n: 50, x: { housing: 20 } }], { needIds: ['housing'] });

  it('tests each unit and suppresses a unit with fewer than k responses in either wave', () => {
    const cmp = compareWaves(before, after);
    expect(cmp.change[0]).toBeCloseTo(0.2, 12);
    expect(cmp.z[0]).toBeCloseTo(2.828427, 6);
    expect(cmp.pValue[0]).toBeCloseTo(0.004678, 6);
    expect(Array.from(cmp.suppressed)).toEqual([0, 1, 0]); // unit 1 had 4 < 5 responses before
    expect(cmp.change[1]).toBeCloseTo(0.75 - 0.25, 12); // the change is reported…
    expect(cmp.z[1]).toBe(0); // …but not tested
    expect(cmp.pValue[1]).toBe(1);
    expect(cmp.z[2]).toBeCloseTo(-2, 12);
  });

  it('refuses aggregates over different units', () => {
    const other = aggregatesFromCounts([{ n: 1, x: {} }], { needIds: ['housing'] });
    expect(() => compareWaves(before, other)).toThrow(RangeError);
  });
});
