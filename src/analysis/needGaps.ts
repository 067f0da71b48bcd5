import type { NeedCategoryId } from '../domain/needs';
import type { ResourceCoverage } from './resourceCoverage';
import { UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * "Luki w dostępie" — the one definition every screen shows (issue 17: the details panel, "Programy", the report
 * and the map outline used to list three different sets for the same estate).
 *
 *   need j is a gap of a unit  ⇔  the unit's rate of j is known and above the town average of j
 *                                  and no resource serving j is within reach (coverage threshold, 800 m by default)
 *
 * "Above the town average" is the indicator the Polish guide "Delimitacja obszarów zdegradowanych i rewitalizacji
 * krok po kroku" (MIiR 2016) counts (targetRanking.ts `aboveAverageCount`): a need no higher than in the town as a
 * whole is not what a gap there means. "Within reach" is resourceCoverage.ts' access distance (along the streets),
 * where a resource inside the unit itself is at 0 m. Pure; O(needs).
 */

export interface NeedGap {
  needId: NeedCategoryId;
  /** The unit's (or the pooled candidate's) share of answering households reporting the need. */
  rate: number;
  /** The town-wide rate it exceeds. */
  townRate: number;
  /** Metres to the nearest resource serving the need (network when on); Infinity when none is reachable. */
  accessMeters: number;
}

export interface NeedGapInput {
  needIds: readonly NeedCategoryId[];
  /** Rate per need column; NaN = unknown (suppressed). */
  rates: ArrayLike<number>;
  /** Town-wide rate per need column (targetRanking.ts `townAverageRates`). */
  townRates: ArrayLike<number>;
  /** Bit j set ⇔ no resource serving need column j within the threshold (resourceCoverage.ts `uncoveredMasks`). */
  uncoveredMask: number;
  /** Access metres per need column. */
  accessMeters: ArrayLike<number>;
  /** False when the rates are suppressed (fewer than k answers): an unknown need is no evidence of a gap. */
  known: boolean;
}

/**
 * The gaps of one unit or candidate, largest rate first (ties in need column order).
 * @example needGaps({ needIds, rates: [0.3, 0.1], townRates: [0.2, 0.2], uncoveredMask: 0b11, accessMeters: [Infinity, 900], known: true })
 *   // → [{ needId: needIds[0], rate: 0.3, townRate: 0.2, accessMeters: Infinity }]   (column 1 is below the town)
 */
export function needGaps(input: NeedGapInput): NeedGap[] {
  if (!input.known) return [];
  const { needIds, rates, townRates, uncoveredMask, accessMeters } = input;
  const out: (NeedGap & { column: number })[] = [];
  for (let j = 0; j < needIds.length; j++) {
    const rate = rates[j]!;
    const townRate = townRates[j]!;
    if (!((uncoveredMask >>> j) & 1) || !Number.isFinite(rate) || !(rate > townRate)) continue;
    out.push({ needId: needIds[j]!, rate, townRate, accessMeters: accessMeters[j]!, column: j });
  }
  out.sort((a, b) => b.rate - a.rate || a.column - b.column);
  return out.map(({ column: _, ...gap }) => gap);
}

/** Needs whose rate is above the town average, in column order (the "Delimitacja" indicators). */
export function aboveTownAverage(needIds: readonly NeedCategoryId[], rates: ArrayLike<number>, townRates: ArrayLike<number>): NeedCategoryId[] {
  const out: NeedCategoryId[] = [];
  for (let j = 0; j < needIds.length; j++) if (Number.isFinite(rates[j]!) && rates[j]! > townRates[j]!) out.push(needIds[j]!);
  return out;
}

/** The gaps of unit u of an aggregate under its coverage (the unit panel and the map's outline both read this). */
export function unitNeedGaps(
  agg: Pick<UnitAggregates, 'needIds' | 'needCount' | 'needRates' | 'flags'>,
  coverage: Pick<ResourceCoverage, 'uncoveredMasks' | 'accessMeters' | 'gapKnown'>,
  townRates: ArrayLike<number>,
  u: number,
): NeedGap[] {
  const m = agg.needCount;
  return needGaps({
    needIds: agg.needIds,
    rates: agg.needRates.subarray(u * m, (u + 1) * m),
    townRates,
    uncoveredMask: coverage.uncoveredMasks[u]!,
    accessMeters: coverage.accessMeters.subarray(u * m, (u + 1) * m),
    known: coverage.gapKnown[u] === 1 && (agg.flags[u]! & UNIT_SUPPRESSED) === 0,
  });
}
