import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/analysis/falseDiscoveryRate';
import { seededRandom } from './seededRandom';

// The 15 p-values of Benjamini & Hochberg (1995), §4.2 (the thrombolysis study); at q* = 0.05 the step-up
// rejects the first 4: k·0.05/15 is 0.01333 at k = 4 (≥ 0.0095) but 0.01667 at k = 5 (< 0.0201), and every
// later p(k) stays above k·0.05/15 (0.0459 > 9·0.05/15 = 0.03 …).
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

describe('benjaminiHochberg', () => {
  it('reproduces the 1995 paper: 4 discoveries at 0.05, with hand-computed q-values', () => {
    const { qValues, significant, tested } = benjaminiHochberg(Float64Array.from(BH_1995), 0.05);
    expect(tested).toBe(15);
    expect(Array.from(significant)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // m·p(k)/k: 15·0.0001/1 = 0.0015, 15·0.0004/2 = 0.003, 15·0.0019/3 = 0.0095, 15·0.0095/4 = 0.035625,
    // 15·0.0201/5 = 0.0603, 15·0.0278/6 = 0.0695, 15·0.0298/7 = 0.063857, 15·0.0344/8 = 0.0645,
    // 15·0.0459/9 = 0.0765, 15·0.324/10 = 0.486, …, 15·1/15 = 1; then the running minimum from the end:
    // q(6) = min(0.0695, q(7) = 0.063857) = 0.063857.
    const expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571429, 0.0638571429, 0.0645, 0.0765, 0.486, 0.5811818182, 0.714875, 0.7532307692, 0.8132142857, 1];
    expected.forEach((q, i) => expect(qValues[i]).toBeCloseTo(q, 9));
  });

  it('does not depend on input order and skips NaN (not computed) entries', () => {
    const random = seededRandom(3);
    const order = BH_1995.map((_, i) => i).sort(() => random() - 0.5);
    const withGaps = [Number.NaN, ...order.map((i) => BH_1995[i]!), Number.NaN];
    const shuffled = benjaminiHochberg(Float64Array.from(withGaps), 0.05);
    const reference = benjaminiHochberg(Float64Array.from(BH_1995), 0.05);
    expect(shuffled.tested).toBe(15);
    expect(shuffled.qValues[0]).toBe(1);
    expect(shuffled.significant[16]).toBe(0);
    order.forEach((original, k) => expect(shuffled.qValues[k + 1]).toBe(reference.qValues[original]));
  });

  it('q-values are monotone in p, never below p, never above 1 (property, 200 random lists)', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(random() * 40);
      const p = Float64Array.from({ length: m }, () => (random() < 0.3 ? random() * 0.01 : random()));
      const before = p.slice();
      const { qValues, significant } = benjaminiHochberg(p, 0.1);
      expect(p).toEqual(before); // input untouched
      for (let i = 0; i < m; i++) {
        expect(qValues[i]).toBeGreaterThanOrEqual(p[i]!);
        expect(qValues[i]).toBeLessThanOrEqual(1);
        expect(significant[i]).toBe(qValues[i]! <= 0.1 ? 1 : 0);
        for (let j = 0; j < m; j++) if (p[i]! < p[j]!) expect(qValues[i]).toBeLessThanOrEqual(qValues[j]!);
      }
      // Step-up definition: the number rejected is k* = max{k : p(k) ≤ k·α/m}.
      const sorted = Array.from(p).sort((a, b) => a - b);
      let kStar = 0;
      sorted.forEach((pk, k) => { if (pk <= ((k + 1) * 0.1) / m) kStar = k + 1; });
      expect(significant.reduce((a, b) => a + b, 0)).toBe(kStar);
    }
  });

  it('handles the empty list', () => {
    const r = benjaminiHochberg(new Float64Array(0));
    expect(r.tested).toBe(0);
    expect(r.qValues.length).toBe(0);
  });
});
