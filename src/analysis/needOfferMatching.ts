import { NEED_CATEGORY_IDS, OFFER_IDS } from '../domain/needs';
import { offersMatching, type NeedOfferTable } from '../domain/needOfferMatching';
import type { ResourcePoints } from './resourceCoverage';
import { UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * Needs matched with help residents offer ("gdzie potrzeba, a gdzie pomoc").
 *
 * 1. `helpMasks`: per response, bit j (NEED_CATEGORY_IDS[j]) set when the household offers any help the matching
 *    table lists for need j. Aggregated like a need mask (aggregate.ts), this counts per unit the households
 *    offering help for each need — with the same responses, k and suppression as the need map.
 * 2. `offeringUnitPoints`: the help as places a planner may see. Privacy: a household offering help is never a
 *    point. Help is placed at the centre of a unit (street, estate, hexagon of the layer on screen) that has at
 *    least k answers and at least one household offering the matching help — exactly what the offer map already
 *    shows the planner as "count > 0" for that unit. The distance from a need unit to the nearest such centre (along
 *    the streets, resourceCoverage.ts) therefore tells nothing about any one household: an attacker who knows every
 *    unit centre learns only which published units have help, not where in the unit the helper lives, and a unit
 *    with fewer than k answers (where one answer could be told apart) never becomes a help point, even if it
 *    holds the only helper of the town. A suppressed unit's own help is thus "unknown", not "none": the gap view
 *    may call a unit without known help nearby a gap even though a helper lives on a suppressed street next door —
 *    the price of not revealing that helper. Distances are measured between unit centres, so they are coarse
 *    at the scale of the unit (a street's length-weighted midpoint, a 250 m hexagon's centre).
 */

/**
 * Per need column j of NEED_CATEGORY_IDS, the offer bits (bit i = OFFER_IDS[i]) that match it in `table`.
 * @example offerBitsByNeed({ housing: ['repairs'] })[2] === 1 << OFFER_IDS.indexOf('repairs')
 */
export function offerBitsByNeed(table: NeedOfferTable): Uint16Array {
  const bits = new Uint16Array(NEED_CATEGORY_IDS.length);
  NEED_CATEGORY_IDS.forEach((need, j) => {
    for (const offer of offersMatching(table, need)) bits[j]! |= 1 << OFFER_IDS.indexOf(offer);
  });
  return bits;
}

/**
 * Per response, a need mask (bit j = NEED_CATEGORY_IDS[j]) of the needs the household offers matching help for.
 * O(responses × needs); inputs read only.
 */
export function helpMasks(offerMasks: Uint16Array, table: NeedOfferTable): Uint16Array {
  const bits = offerBitsByNeed(table);
  const out = new Uint16Array(offerMasks.length);
  for (let i = 0; i < offerMasks.length; i++) {
    const offers = offerMasks[i]!;
    if (offers === 0) continue;
    let mask = 0;
    for (let j = 0; j < bits.length; j++) if (offers & bits[j]!) mask |= 1 << j;
    out[i] = mask;
  }
  return out;
}

/**
 * The units of `help` (an aggregate of `helpMasks`) as ResourcePoints at their centres: bit j set when the unit is
 * not suppressed and some household offers help for need column j. Suppressed units and units without a centre
 * serve nothing (see the privacy note above). O(units × needs).
 */
export function offeringUnitPoints(help: Pick<UnitAggregates, 'unitCount' | 'needCount' | 'needCounts' | 'flags' | 'centerXs' | 'centerYs'>): ResourcePoints {
  const { unitCount, needCount } = help;
  if (needCount > 32) throw new RangeError('at most 32 need columns fit a need mask');
  const needMasks = new Uint32Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    if (help.flags[u]! & UNIT_SUPPRESSED) continue;
    let mask = 0;
    for (let j = 0; j < needCount; j++) if (help.needCounts[u * needCount + j]! > 0) mask |= 1 << j;
    needMasks[u] = mask >>> 0;
  }
  return { xs: help.centerXs, ys: help.centerYs, needMasks };
}
