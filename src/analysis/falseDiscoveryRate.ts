/**
 * Benjamini–Hochberg false discovery rate (Benjamini & Hochberg 1995, J. R. Statist. Soc. B 57:289–300).
 *
 * With m p-values sorted ascending p(1) ≤ … ≤ p(m), the step-up procedure rejects H(1) … H(k*) where
 * k* = max{ k : p(k) ≤ k·α/m }. The BH-adjusted p-value ("q-value" in ArcGIS and R's p.adjust "BH") is
 *   q(i) = min_{j ≥ i} min(1, m · p(j) / j),
 * and H(i) is rejected at level α exactly when q(i) ≤ α, so one pass gives the answer at every α.
 * Cost: one sort, O(m log m).
 */

export interface FalseDiscoveryRateResult {
  /** BH-adjusted p-value per input position; 1 where the input p-value was not finite. */
  qValues: Float64Array;
  /** 1 where q ≤ alpha (rejected at false discovery rate alpha), else 0. */
  significant: Uint8Array;
  /** m: how many finite p-values took part. */
  tested: number;
}

/**
 * BH q-values for `pValues` (read only; not mutated). Non-finite entries (NaN: not computed) are
 * left out of m and get q = 1, significant = 0.
 * @example benjaminiHochberg(Float64Array.of(0.01, 0.04, 0.03), 0.05).qValues → [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, alpha = 0.05): FalseDiscoveryRateResult {
  const n = pValues.length;
  const qValues = new Float64Array(n).fill(1);
  const significant = new Uint8Array(n);
  const order = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(pValues[i]!)) order[m++] = i;
  const tested = order.subarray(0, m);
  // Ties sorted by position so the order (and so nothing observable) depends on input layout only.
  tested.sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = tested[rank - 1]!;
    const adjusted = (m * pValues[i]!) / rank;
    if (adjusted < running) running = adjusted;
    // In reals q ≥ p (m/rank ≥ 1); m·p/m can round one ulp below p, so clamp to keep that promise exact.
    qValues[i] = running > pValues[i]! ? running : Math.max(0, pValues[i]!);
  }
  for (let k = 0; k < m; k++) {
    const i = tested[k]!;
    if (qValues[i]! <= alpha) significant[i] = 1;
  }
  return { qValues, significant, tested: m };
}
