import { DEFAULT_NEED_OFFER_MATCHING, type NeedCategoryId, type OfferId } from '../../src/domain';
import { CLUSTERS } from './clusters';
import type { XY } from './frame';
import { dist } from './planar';

/**
 * Where residents' help is planted (issue 14, "gdzie potrzeba, a gdzie pomoc"):
 * - a volunteer street: ul. Mieszka I on Osiedle Zamkowe, about 500 m north of the lonely seniors of Stare Miasto,
 *   where many households offer the help the matching table (src/domain/needOfferMatching.ts) lists for seniors;
 * - a help gap: around the youth cluster of Osiedle Tysiąclecia, where no institution serves children's free time
 *   within 800 m (the resources' planted gap), no household within HELP_GAP.radiusMeters offers matching help either.
 * Both only change the probability of an offer, never how many random draws a household takes, so every other
 * answer of the demo (needs, nuisances, leaders) stays as it was.
 */

export const VOLUNTEER_STREET = { name: 'Mieszka I', nextToClusterId: 'cluster-stare-miasto-seniors', need: 'loneliness_seniors' as NeedCategoryId, offerProbability: 0.45 } as const;

/**
 * Radius of the help gap: at 1,250 m no hexagon (250 m, circumradius 144 m) with a helper has its centre within 800 m
 * of a hexagon whose centre is within 300 m of the cluster's centre (1,250 − 144 − 300 > 800).
 */
export const HELP_GAP = { clusterId: 'cluster-tysiaclecia-youth', need: 'children_youth_leisure' as NeedCategoryId, radiusMeters: 1250, withinMeters: 800 } as const;

const volunteerOffers = new Set<OfferId>(DEFAULT_NEED_OFFER_MATCHING[VOLUNTEER_STREET.need]);
const gapOffers = new Set<OfferId>(DEFAULT_NEED_OFFER_MATCHING[HELP_GAP.need]);
const gapCentre = CLUSTERS.find((c) => c.id === HELP_GAP.clusterId)!.centre;

/** The probability that a household at `p` offers `offer`, given the town-wide `base`; `onVolunteerStreet` for ul. Mieszka I. */
export function plantedOfferProbability(offer: OfferId, base: number, p: XY, onVolunteerStreet: boolean): number {
  if (gapOffers.has(offer) && dist(p, gapCentre) < HELP_GAP.radiusMeters) return 0;
  if (onVolunteerStreet && volunteerOffers.has(offer)) return Math.max(base, VOLUNTEER_STREET.offerProbability);
  return base;
}
