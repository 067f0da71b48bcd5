import { describe, expect, it } from 'vitest';
import { compositeNeedIndex, normaliseNeedWeights } from '../../src/analysis/needIndex';
import { aggregatesFromCounts } from './aggregatesFixture';

describe('compositeNeedIndex', () => {
  const agg = aggregatesFromCounts(
    [
      { n: 10, x: { housing: 5, health: 2, safety: 0 } }, // rates 0.5, 0.2, 0
      { n: 4, x: { housing: 1, health: 4, safety: 2 } }, //  rates 0.25, 1, 0.5
    ],
    { needIds: ['housing', 'health', 'safety'] },
  );

  it('normalises weights and averages the cached rates', () => {
    // weights 3 : 1 : 0 → 0.75, 0.25, 0; unit 0: 0.75·0.5 + 0.25·0.2 = 0.425; unit 1: 0.75·0.25 + 0.25·1 = 0.4375
    const result = compositeNeedIndex(agg, { housing: 3, health: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Array.from(result.normalisedWeights)).toEqual([0.75, 0.25, 0]);
    expect(result.index[0]).toBeCloseTo(0.425, 12);
    expect(result.index[1]).toBeCloseTo(0.4375, 12);
  });

  it('gives the same index for proportional weights, and uses supplied (smoothed) rates', () => {
    const a = compositeNeedIndex(agg, { housing: 3, health: 1 });
    const b = compositeNeedIndex(agg, { housing: 0.3, health: 0.1, unemployment: 9 }); // unemployment is not a column: ignored
    if (!a.ok || !b.ok) throw new Error('weights should be valid');
    a.index.forEach((v, u) => expect(b.index[u]).toBeCloseTo(v, 14)); // equal up to rounding of the normalisation
    const flat = compositeNeedIndex(agg, { safety: 1 }, { rates: Float64Array.of(0, 0, 0.1, 0, 0, 0.2) });
    expect(flat.ok && Array.from(flat.index)).toEqual([0.1, 0.2]);
  });

  it('answers all-zero and invalid weights with a message instead of NaN', () => {
    expect(compositeNeedIndex(agg, {})).toMatchObject({ ok: false, reason: 'all_weights_zero' });
    expect(compositeNeedIndex(agg, { housing: 0, health: 0 })).toMatchObject({ ok: false, reason: 'all_weights_zero' });
    expect(compositeNeedIndex(agg, { housing: -1, health: 2 })).toMatchObject({ ok: false, reason: 'invalid_weight' });
    expect(normaliseNeedWeights(['housing'], { housing: NaN })).toMatchObject({ ok: false, reason: 'invalid_weight' });
  });
});
