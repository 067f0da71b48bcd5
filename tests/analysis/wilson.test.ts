import { describe, expect, it } from 'vitest';
import { wilsonInterval, wilsonIntervalsInto } from '../../src/analysis/wilson';

// z = 1.959964, z² = 3.841459. centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)
describe('wilsonInterval (95 %)', () => {
  it('0/10: centre = 0.192073/1.384146 = 0.138765, half = 1.416003·√(0.009604) = 0.138765 → [0, 0.27753]', () => {
    const { lower, upper } = wilsonInterval(0, 10);
    expect(lower).toBe(0);
    expect(upper).toBeCloseTo(0.27753, 5);
  });

  it('5/10: centre 0.5, half = 1.416003·√(0.025 + 0.009604) = 0.263405 → [0.236595, 0.763405]', () => {
    const { lower, upper } = wilsonInterval(5, 10);
    expect(lower).toBeCloseTo(0.236595, 5);
    expect(upper).toBeCloseTo(0.763405, 5);
  });

  it('10/10 mirrors 0/10: [1 − 0.27753, 1]', () => {
    const { lower, upper } = wilsonInterval(10, 10);
    expect(lower).toBeCloseTo(0.72247, 5);
    expect(upper).toBe(1);
  });

  it('61/87: p = 0.701149, z²/n = 0.044155, centre = 0.723226/1.044155 = 0.692642, half = 1.877082·√0.0025354 = 0.094516', () => {
    const { lower, upper } = wilsonInterval(61, 87);
    expect(lower).toBeCloseTo(0.598126, 5);
    expect(upper).toBeCloseTo(0.787158, 5);
  });

  it('n = 0 carries no information: [0, 1], never NaN', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('99 % (z = 2.575829) is wider than 95 %', () => {
    const i99 = wilsonInterval(5, 10, 2.5758293035489004);
    expect(i99.lower).toBeLessThan(0.236595);
    expect(i99.upper).toBeGreaterThan(0.763405);
  });
});

describe('wilsonIntervalsInto', () => {
  it('fills a units × needs matrix exactly like the scalar version', () => {
    // 4 units × 2 columns does not fit 6 counts:
    expect(() => wilsonIntervalsInto(new Uint32Array(6), new Uint32Array(4), 2, new Float64Array(6), new Float64Array(6))).toThrow(RangeError);
    const units = Uint32Array.of(10, 87, 0);
    const matrix = Uint32Array.of(0, 5, 61, 87, 0, 0);
    const lower = new Float64Array(6);
    const upper = new Float64Array(6);
    wilsonIntervalsInto(matrix, units, 2, lower, upper);
    const expected = [wilsonInterval(0, 10), wilsonInterval(5, 10), wilsonInterval(61, 87), wilsonInterval(87, 87), { lower: 0, upper: 1 }, { lower: 0, upper: 1 }];
    expected.forEach((e, i) => {
      expect(lower[i]).toBeCloseTo(e.lower, 12);
      expect(upper[i]).toBeCloseTo(e.upper, 12);
    });
  });
});
