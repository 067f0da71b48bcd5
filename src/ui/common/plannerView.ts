import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId, type OfferId } from '../../domain';
import type { NeedSelection } from '../../domain/analysisRequest';
import { positiveWeights } from '../../domain/units';

/**
 * The planner's current view as "Programy" and the report follow it (the explore map's choices travel in the URL
 * view state, src/share/viewState.ts): one need, the index over all needs with equal weights, or the index with
 * the weights set on the map. One place turns it into the weights of a ranking, the selection of a need map and
 * words, so both screens rank, map and say the same thing.
 */
export type NeedChoice = 'index' | 'mapWeights' | NeedCategoryId;
export type NeedWeights = Partial<Record<NeedCategoryId, number>>;

/** The explore map's weights if at least one is above 0 (the engine refuses an all-zero index), else null. */
export const usableWeights = (weights: NeedWeights | null | undefined): NeedWeights | null => {
  if (!weights) return null;
  const kept = positiveWeights(weights);
  return Object.keys(kept).length > 0 ? kept : null;
};

/** The link's view: its weights when usable (the index), else its one need, else the index with equal weights. */
export const needChoiceOf = (url: { need: NeedCategoryId | null }, mapWeights: NeedWeights | null): NeedChoice => (mapWeights ? 'mapWeights' : (url.need ?? 'index'));

/** Weights of the index: every need 1 (the explore map's default sliders); one need: only it. */
export function weightsFor(need: NeedChoice, mapWeights: NeedWeights | null = null): NeedWeights {
  if (need === 'mapWeights' && mapWeights) return mapWeights;
  if (need !== 'index' && need !== 'mapWeights') return { [need]: 1 };
  return Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1])) as Record<NeedCategoryId, number>;
}

/** What a need map of the choice shows: the need's rate, or the index with the choice's weights. */
export function selectionFor(need: NeedChoice, mapWeights: NeedWeights | null = null): NeedSelection {
  if (need !== 'index' && need !== 'mapWeights') return { kind: 'need', needId: need };
  return { kind: 'index', weights: weightsFor(need, mapWeights) };
}

export type OfferWeights = Partial<Record<OfferId, number>>;

/**
 * The potential index's weights the report follows: the link's (`ow`, set with the sliders of "Zasoby mieszkańców")
 * when at least one is above 0, else every offer 1 — the map's default.
 * @example potentialWeightsOf({ senior_care: 2, tutoring: 0 }) → { senior_care: 2 }
 */
export function potentialWeightsOf(linkWeights: OfferWeights | null | undefined): OfferWeights {
  const kept = linkWeights ? positiveWeights<OfferId>(linkWeights) : {};
  return Object.keys(kept).length > 0 ? kept : (Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) as Record<OfferId, number>);
}
