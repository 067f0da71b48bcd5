import type { NeedCategoryId } from '../domain/needs';
import { aboveTownAverage, needGaps, type NeedGap } from './needGaps';
import type { ResourceCoverage } from './resourceCoverage';
import { UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * Target ranking for Local Activity Programmes (Programy Aktywności Lokalnej): which candidate areas
 * (estates, districts, found clusters) to work in first, and why.
 *
 *   score = index × households
 *
 * where index is the composite need index (needIndex.ts: Σⱼ wⱼ · rateⱼ with Σⱼ wⱼ = 1, a rate in [0, 1]).
 * The score is therefore the expected number of households reporting the chosen needs: it prefers areas
 * where need is both frequent and affects many households, and it is in units a person can check.
 * Order: score descending, then index descending, then households descending, then id in code-point order —
 * a total order on distinct ids, so the ranking is the same for any input order. Candidates whose rates are
 * suppressed (too few answers) come after all others, by id: their index is not shown, so it cannot rank them.
 *
 * Each candidate is explained by (a) the needs contributing most to its index, wⱼ · rateⱼ, with their share of
 * the index; (b) its resource gaps (resourceCoverage.ts); (c) the number of indicators (need rates) on which it
 * exceeds the town average — the count the Polish guide "Delimitacja obszarów zdegradowanych i rewitalizacji
 * krok po kroku" (MIiR 2016) uses to delimit areas in crisis.
 */

export interface TargetCandidate {
  id: string;
  label?: string;
  households: number;
  /** Composite need index in [0, 1]. */
  index: number;
  /** Rate per need column (same columns as `needIds`); NaN = unknown. */
  rates: ArrayLike<number>;
  suppressed?: boolean;
  /** Its gaps (needGaps.ts), if coverage is known. */
  gaps?: readonly NeedGap[];
  /** Needs with no resource within reach, whatever their rate. */
  uncoveredNeeds?: readonly NeedCategoryId[];
}

export interface RankingOptions {
  needIds: readonly NeedCategoryId[];
  /** Normalised weights per need column (needIndex.ts `normalisedWeights`). */
  weights: ArrayLike<number>;
  /** Town-wide rate per need column (`townAverageRates`). */
  townAverageRates: ArrayLike<number>;
  /** How many contributing needs and gaps to list (default 3). */
  topNeeds?: number;
}

export interface NeedContribution {
  needId: NeedCategoryId;
  weight: number;
  rate: number;
  /** weight × rate. */
  contribution: number;
  /** contribution / index (0 when the index is 0). */
  share: number;
}

export interface RankedTarget {
  /** 1-based position. */
  rank: number;
  id: string;
  label?: string;
  /** index × households (0 for suppressed candidates). */
  score: number;
  index: number;
  households: number;
  suppressed: boolean;
  topContributions: NeedContribution[];
  /** Needs above the town average with no resource within reach (needGaps.ts, the same on every screen); largest rate first. */
  gaps: NeedGap[];
  uncoveredNeeds: NeedCategoryId[];
  /** Needs whose rate is above the town average, in column order, and how many. */
  aboveAverageNeeds: NeedCategoryId[];
  aboveAverageCount: number;
}

/** code-point order, not locale order: the same on every machine */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const finiteOr0 = (v: number): number => (Number.isFinite(v) ? v : 0);

/**
 * Ranks candidates (read only). O(c log c + c · needs). Never throws on data: non-finite households or index
 * count as 0.
 * @example
 *   rankTargetAreas(candidates, { needIds: agg.needIds, weights: idx.normalisedWeights, townAverageRates: townAverageRates(agg) })[0]
 *   // → { rank: 1, id: 'os-zielone', score: 112.4, topContributions: [{ needId: 'housing', share: 0.41, … }], aboveAverageCount: 7, … }
 */
export function rankTargetAreas(candidates: readonly TargetCandidate[], options: RankingOptions): RankedTarget[] {
  const { needIds, weights, townAverageRates } = options;
  const top = options.topNeeds ?? 3;
  const m = needIds.length;
  if (weights.length !== m || townAverageRates.length !== m) throw new RangeError('rankTargetAreas: weights and town averages need one value per need column');
  const column = new Map(needIds.map((id, j) => [id, j]));
  const ranked: RankedTarget[] = candidates.map((c) => {
    const households = Math.max(0, finiteOr0(c.households));
    const index = finiteOr0(c.index);
    const suppressed = c.suppressed === true;
    const contributions: NeedContribution[] = [];
    const aboveAverageNeeds = suppressed ? [] : aboveTownAverage(needIds, c.rates, townAverageRates);
    for (let j = 0; j < m; j++) {
      const rate = c.rates[j]!;
      const w = weights[j]!;
      if (w > 0 && Number.isFinite(rate)) contributions.push({ needId: needIds[j]!, weight: w, rate, contribution: w * rate, share: index > 0 ? (w * rate) / index : 0 });
    }
    contributions.sort((a, b) => b.contribution - a.contribution || column.get(a.needId)! - column.get(b.needId)!);
    const uncovered = [...(c.uncoveredNeeds ?? [])].sort((a, b) => (column.get(a) ?? m) - (column.get(b) ?? m));
    return {
      rank: 0,
      id: c.id,
      ...(c.label === undefined ? {} : { label: c.label }),
      score: suppressed ? 0 : index * households,
      index,
      households,
      suppressed,
      topContributions: suppressed ? [] : contributions.filter((x) => x.contribution > 0).slice(0, top),
      gaps: suppressed ? [] : [...(c.gaps ?? [])],
      uncoveredNeeds: uncovered,
      aboveAverageNeeds,
      aboveAverageCount: aboveAverageNeeds.length,
    };
  });
  ranked.sort(
    (a, b) =>
      Number(a.suppressed) - Number(b.suppressed) ||
      (a.suppressed ? 0 : b.score - a.score || b.index - a.index || b.households - a.households) ||
      byId(a.id, b.id),
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}

/**
 * The town-wide rate of each need: Σᵤ needCountsᵤⱼ / Σᵤ responsesᵤ over all units (pooled, so big units weigh
 * by their answers, not one unit one vote). 0 when there are no responses.
 */
export function townAverageRates(agg: Pick<UnitAggregates, 'unitCount' | 'needCount' | 'needCounts' | 'responses'>): Float64Array {
  const out = new Float64Array(agg.needCount);
  let responses = 0;
  for (let u = 0; u < agg.unitCount; u++) {
    responses += agg.responses[u]!;
    for (let j = 0; j < agg.needCount; j++) out[j]! += agg.needCounts[u * agg.needCount + j]!;
  }
  for (let j = 0; j < agg.needCount; j++) out[j] = responses > 0 ? out[j]! / responses : 0;
  return out;
}

/**
 * One candidate pooled over a set of units (an area is one unit; a problem cluster is several): households
 * summed; rates response-weighted, Σ responsesᵤ · rateᵤⱼ / Σ responsesᵤ (with raw rates that is pooled counts over
 * pooled responses); index Σⱼ wⱼ · rateⱼ; suppressed when the pooled responses are below agg.minResponses;
 * a need is uncovered when it is uncovered in every unit (nothing within reach anywhere in the candidate), its
 * access distance the smallest over the units; the gaps (needGaps.ts) from the pooled rates against `townRates`.
 */
export function targetCandidateFromUnits(
  id: string,
  units: readonly number[],
  agg: Pick<UnitAggregates, 'needIds' | 'needCount' | 'needRates' | 'responses' | 'households' | 'flags' | 'minResponses'>,
  weights: ArrayLike<number>,
  options: { label?: string; rates?: Float64Array; coverage?: ResourceCoverage; townRates?: ArrayLike<number> } = {},
): TargetCandidate {
  const m = agg.needCount;
  const rates = options.rates ?? agg.needRates;
  const pooled = new Float64Array(m);
  const access = new Float64Array(m).fill(Infinity);
  let households = 0;
  let responses = 0;
  let known = false;
  let uncoveredEverywhere = units.length > 0 ? 0xffffffff : 0;
  for (const u of units) {
    households += agg.households[u]!;
    const n = agg.responses[u]!;
    responses += n;
    for (let j = 0; j < m; j++) pooled[j]! += n * finiteOr0(rates[u * m + j]!);
    const cov = options.coverage;
    if (cov) {
      uncoveredEverywhere &= cov.uncoveredMasks[u]!;
      if (cov.gapKnown[u]) known = true;
      for (let j = 0; j < m; j++) access[j] = Math.min(access[j]!, cov.accessMeters[u * m + j]!);
    }
  }
  let index = 0;
  for (let j = 0; j < m; j++) {
    pooled[j] = responses > 0 ? pooled[j]! / responses : 0;
    index += weights[j]! * pooled[j]!;
  }
  const single = units.length === 1 ? (agg.flags[units[0]!]! & UNIT_SUPPRESSED) !== 0 : false;
  const suppressed = single || responses < agg.minResponses;
  const candidate: TargetCandidate = { id, households, index, rates: pooled, suppressed };
  if (options.label !== undefined) candidate.label = options.label;
  if (options.coverage) {
    candidate.uncoveredNeeds = agg.needIds.filter((_, j) => (uncoveredEverywhere >>> j) & 1);
    if (options.townRates) {
      candidate.gaps = needGaps({ needIds: agg.needIds, rates: pooled, townRates: options.townRates, uncoveredMask: uncoveredEverywhere >>> 0, accessMeters: access, known: known && !suppressed });
    }
  }
  return candidate;
}
