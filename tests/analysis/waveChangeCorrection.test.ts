import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/analysis/falseDiscoveryRate';
import { twoProportionZTest } from '../../src/analysis/waveComparison';
import { WAVE_CHANGE_ALPHA } from '../../src/analysis/exploreUnitDetail';
import { seededRandom } from './seededRandom';

/**
 * The unit panel's "significant change since the previous wave" (exploreUnitDetail.ts): 12 needs per unit, each a
 * two-proportion test. With no change at all, 12 separate tests at p < 0.05 flag at least one need in a large share
 * of units; BH across the needs keeps that share at about α. Units of 20–60 answers per wave, need rates 3–30 %.
 */
describe('wave change in the panel: corrected across the needs shown', () => {
  it('on 2,000 units with no real change, ≤ 6 % show any significant change after BH (uncorrected: far more)', () => {
    const random = seededRandom(13);
    const units = 2000;
    let corrected = 0;
    let uncorrected = 0;
    for (let u = 0; u < units; u++) {
      const n1 = 20 + Math.floor(random() * 41);
      const n2 = 20 + Math.floor(random() * 41);
      const p = new Float64Array(12);
      for (let j = 0; j < 12; j++) {
        const rate = 0.03 + 0.27 * random();
        let x1 = 0;
        let x2 = 0;
        for (let i = 0; i < n1; i++) if (random() < rate) x1++;
        for (let i = 0; i < n2; i++) if (random() < rate) x2++;
        p[j] = twoProportionZTest(x1, n1, x2, n2).pValue;
      }
      if (p.some((v) => v < 0.05)) uncorrected++;
      if (benjaminiHochberg(p, WAVE_CHANGE_ALPHA).significant.some((s) => s === 1)) corrected++;
    }
    console.log(`wave change, 2,000 null units × 12 needs: any "significant" change ${((100 * uncorrected) / units).toFixed(1)} % uncorrected, ${((100 * corrected) / units).toFixed(1)} % after BH`);
    expect(corrected / units).toBeLessThanOrEqual(0.06);
    expect(uncorrected / units).toBeGreaterThan(0.25);
  });
});
