import type { RankingQueryInput } from '../../domain/analysisRequest';
import { MIN_RESPONSES } from '../../domain/units';
import { weightsFor, type NeedChoice, type NeedWeights } from '../common/plannerView';

export type CandidateChoice = 'estate' | 'district' | 'cluster';

/**
 * The worker query behind the programmes ranking. The e2e test runs the same query through the engine in Node
 * and expects the same rows, so keep it the one place the query is built.
 * @example rankingQueryFor('campaign-2026-w2', 'index', 'estate') // { campaignId, weights: {…: 1}, candidates: ['estate'], minResponses: 5 }
 */
export function rankingQueryFor(campaignId: string, need: NeedChoice, kind: CandidateChoice, mapWeights: NeedWeights | null = null): RankingQueryInput {
  return { campaignId, weights: weightsFor(need, mapWeights), candidates: [kind], minResponses: MIN_RESPONSES, limit: 50 };
}
