import { Z_95 } from './normal';

/**
 * Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22, 1927, pp. 209–212):
 *   centre = (p̂ + z²/2n) / (1 + z²/n),   half = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 * Unlike the Wald interval it stays inside [0, 1] and is not empty at 0/n or n/n, which is why small streets
 * get honest, wide intervals. With n = 0 there is no information: the interval is [0, 1].
 */

export interface ProportionInterval {
  lower: number;
  upper: number;
}

/**
 * Wilson interval of `successes` out of `trials` at two-sided normal quantile `z` (default 1.96 for 95 %).
 * @example wilsonInterval(0, 10) → { lower: 0, upper: 0.2775… };  wilsonInterval(5, 10) → { lower: 0.2366…, upper: 0.7634… }
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): ProportionInterval {
  if (!(trials > 0)) return { lower: 0, upper: 1 };
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // At 0/n and n/n the bound is exactly 0 or 1; floating point would give 1e-17 or 0.9999999999999999.
  return { lower: successes <= 0 ? 0 : Math.max(0, centre - half), upper: successes >= trials ? 1 : Math.min(1, centre + half) };
}

/**
 * Bulk Wilson intervals: for each i, lower[i], upper[i] of successes[i] / trials[trialIndex(i)].
 * `successes` is a units × columns matrix (row-major) and `trials` has one entry per unit (row), so one call
 * covers every need of every unit. O(units × columns), no allocation.
 */
export function wilsonIntervalsInto(
  successes: ArrayLike<number>,
  trials: ArrayLike<number>,
  columns: number,
  lower: Float64Array,
  upper: Float64Array,
  z: number = Z_95,
): void {
  const rows = trials.length;
  if (successes.length !== rows * columns || lower.length < successes.length || upper.length < successes.length) {
    throw new RangeError('wilsonIntervalsInto: matrix shape mismatch');
  }
  const z2 = z * z;
  for (let u = 0; u < rows; u++) {
    const n = trials[u]!;
    const base = u * columns;
    if (!(n > 0)) {
      for (let j = 0; j < columns; j++) {
        lower[base + j] = 0;
        upper[base + j] = 1;
      }
      continue;
    }
    const z2n = z2 / n;
    const denominator = 1 + z2n;
    const zOverDen = z / denominator;
    const spreadTerm = z2n / (4 * n);
    for (let j = 0; j < columns; j++) {
      const x = successes[base + j]!;
      const p = x / n;
      const centre = (p + z2n / 2) / denominator;
      const half = zOverDen * Math.sqrt((p * (1 - p)) / n + spreadTerm);
      lower[base + j] = x <= 0 ? 0 : Math.max(0, centre - half);
      upper[base + j] = x >= n ? 1 : Math.min(1, centre + half);
    }
  }
}
