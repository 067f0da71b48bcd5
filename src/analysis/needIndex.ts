import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId, type OfferId } from '../domain/needs';
import type { UnitAggregates } from './unitAggregates';

/**
 * Composite need index: a weighted mean of a unit's need rates, Iᵤ = Σⱼ wⱼ · rateᵤⱼ with Σⱼ wⱼ = 1, so the index is a
 * rate in [0, 1] ("the average share of households reporting the chosen needs"). Weights are the user's, normalised;
 * the rates are the cached per-unit ones (raw or smoothed), so re-weighting costs O(units × needs) and never
 * touches the responses again.
 * The same index over an offer aggregate (UnitAggregates<OfferId>) is the residents' potential index: the weighted
 * average share of households offering the chosen kinds of help.
 */

/** Weights per answer column; `NeedWeights` for needs, `OfferWeights` for the potential index. */
export type AnswerWeights<Id extends string> = Partial<Record<Id, number>>;
export type NeedWeights = AnswerWeights<NeedCategoryId>;
export type OfferWeights = AnswerWeights<OfferId>;

export type NeedIndexResult<Id extends string = NeedCategoryId> =
  | {
      ok: true;
      /** Index per unit, in [0, 1]. Suppressed units keep a value; read `agg.flags` before showing it. */
      index: Float64Array;
      /** The weights actually used, per column of agg.needIds, summing to 1. */
      normalisedWeights: Float64Array;
    }
  | { ok: false; reason: 'all_weights_zero'; message: string }
  | { ok: false; reason: 'invalid_weight'; message: string; needId: Id; value: string };

/**
 * Normalises `weights` over the columns of `agg.needIds`. Needs absent from the weights count 0; weights for needs
 * not among the columns are ignored. All weights 0 is an answer ("choose at least one need"), not a division by 0.
 * @example normaliseNeedWeights(['housing', 'health'], { housing: 3, health: 1 }) → ok, [0.75, 0.25]
 */
export function normaliseNeedWeights<Id extends string>(needIds: readonly Id[], weights: AnswerWeights<Id>): { ok: true; weights: Float64Array } | Extract<NeedIndexResult<Id>, { ok: false }> {
  const out = new Float64Array(needIds.length);
  let sum = 0;
  for (let j = 0; j < needIds.length; j++) {
    const w: unknown = weights[needIds[j]!] ?? 0;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      return { ok: false, reason: 'invalid_weight', message: `weight of ${needIds[j]} must be a finite number ≥ 0, got ${String(w)}`, needId: needIds[j]!, value: String(w) };
    }
    out[j] = w;
    sum += w;
  }
  if (sum === 0) return { ok: false, reason: 'all_weights_zero', message: 'all need weights are zero: give at least one need a weight above zero' };
  for (let j = 0; j < out.length; j++) out[j]! /= sum;
  return { ok: true, weights: out };
}

/**
 * The index for every unit of `agg`. Pass `rates` (units × needs, e.g. empirical-Bayes rates) to use them instead
 * of the raw rates. O(units × needs).
 * @example compositeNeedIndex(byHex, { unemployment: 1, material_hardship: 1 }) → { ok: true, index: Float64Array [...] }
 */
export function compositeNeedIndex<Id extends string>(agg: UnitAggregates<Id>, weights: AnswerWeights<Id>, options: { rates?: Float64Array } = {}): NeedIndexResult<Id> {
  const normalised = normaliseNeedWeights(agg.needIds, weights);
  if (!normalised.ok) return normalised;
  const rates = options.rates ?? agg.needRates;
  const { unitCount, needCount } = agg;
  if (rates.length !== unitCount * needCount) throw new RangeError('rates must be a units × needs matrix of the aggregate');
  const w = normalised.weights;
  const index = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    let sum = 0;
    const base = u * needCount;
    for (let j = 0; j < needCount; j++) sum += w[j]! * rates[base + j]!;
    index[u] = sum;
  }
  return { ok: true, index, normalisedWeights: w };
}

/** Equal weights over all twelve needs: the default index. */
export const EQUAL_NEED_WEIGHTS: NeedWeights = Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1]));

/** Equal weights over all twelve offers: the default potential index. */
export const EQUAL_OFFER_WEIGHTS: OfferWeights = Object.fromEntries(OFFER_IDS.map((id) => [id, 1]));
