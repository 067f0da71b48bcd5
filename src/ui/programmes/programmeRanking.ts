import type { RankingQueryInput } from '../../domain/analysisRequest';
import { MIN_RESPONSES, positiveWeights } from '../../domain/units';
import { NEED_CATEGORY_IDS, type NeedCategoryId } from '../../domain';


/** One need, the composite index with equal weights over all needs, or the index with the explore map's weights (from the URL state). */
export type NeedChoice = 'index' | 'mapWeights' | NeedCategoryId;
export type NeedWeights = Partial<Record<NeedCategoryId, number>>;

/** The explore map's weights if at least one is above 0 (the engine refuses an all-zero index), else null. */
export const usableWeights = (weights: NeedWeights | null | undefined): NeedWeights | null => {
  if (!weights) return null;
  const kept = positiveWeights(weights);
  return Object.keys(kept).length > 0 ? kept : null;
};
export type CandidateChoice = 'estate' | 'district' | 'cluster';

/** Weights of the index: every need 1 (the explore map's default sliders); one need: only it. */
export function weightsFor(need: NeedChoice, mapWeights: NeedWeights | null = null): NeedWeights {
  if (need === 'mapWeights' && mapWeights) return mapWeights;
  if (need !== 'index' && need !== 'mapWeights') return { [need]: 1 };
  return Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1])) as Record<NeedCategoryId, number>;
}

/**
 * The worker query behind the programmes ranking. The e2e test runs the same query through the engine in Node
 * and expects the same rows, so keep it the one place the query is built.
 * @example rankingQueryFor('campaign-2026-w2', 'index', 'estate') // { campaignId, weights: {…: 1}, candidates: ['estate'], minResponses: 5 }
 */
export function rankingQueryFor(campaignId: string, need: NeedChoice, kind: CandidateChoice, mapWeights: NeedWeights | null = null): RankingQueryInput {
  return { campaignId, weights: weightsFor(need, mapWeights), candidates: [kind], minResponses: MIN_RESPONSES, limit: 50 };
}
