import type { ExploreLayer, MatchingResult, OfferMapResult } from '../../analysis/exploreSession';
import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId, type OfferId } from '../../domain';

/**
 * The report's "Zasoby" section as rows, from the engine's answers (no counting here): per estate the residents'
 * potential index and the offer most households make, suppressed below k as on the map; per need the estates where
 * the need is clearly above the town's and neither residents nor institutions help within the distance.
 */

export interface ResourceRow {
  estateId: string;
  label: string;
  responses: number;
  /** null where the estate has fewer than k answers (nothing shown). */
  potential: number | null;
  /** The offer most households make; every offer sharing the top rate is listed (no tie broken by list order). */
  topOffer: { offerIds: OfferId[]; rate: number } | null;
  /** Leader candidates (households that agreed to be contacted) of the wave in the estate; null where hidden (< k answers). Never names. */
  leaders: number | null;
}

export interface GapRow {
  needId: NeedCategoryId;
  estates: string[];
}

/**
 * Rows per estate of `layer` from the potential-index map and one map per offer (OFFER_IDS order), all over estates.
 * @example resourceRows(estates, potentialMap, offerMaps)[0] → { label: 'Osiedle Zamkowe', potential: 0.06, topOffer: { offerIds: ['senior_care'], rate: 0.14 }, … }
 */
export function resourceRows(layer: ExploreLayer, potential: OfferMapResult, byOffer: readonly OfferMapResult[], leadersByEstate: ReadonlyMap<string, number> = new Map()): ResourceRow[] {
  if (byOffer.length !== OFFER_IDS.length) throw new Error('one offer map per offer expected');
  return layer.unitIds.map((estateId, u) => {
    const shown = potential.suppressed[u] === 0;
    let top: { offerIds: OfferId[]; rate: number } | null = null;
    if (shown) {
      OFFER_IDS.forEach((offerId, j) => {
        const rate = byOffer[j]!.values[u]!;
        if (!Number.isFinite(rate) || rate <= 0) return;
        if (top === null || rate > top.rate) top = { offerIds: [offerId], rate };
        else if (rate === top.rate) top.offerIds.push(offerId);
      });
    }
    return { estateId, label: layer.labels[u] ?? estateId, responses: potential.responses[u] ?? 0, potential: shown ? potential.values[u]! : null, topOffer: top, leaders: shown ? (leadersByEstate.get(estateId) ?? 0) : null };
  });
}

/** Per need (taxonomy order) the labels of the gap estates; needs without a gap are left out. */
export function gapRows(layer: ExploreLayer, matchings: readonly MatchingResult[]): GapRow[] {
  return matchings
    .map((m) => ({ needId: m.needId, estates: layer.unitIds.flatMap((id, u) => (m.gap[u] === 1 ? [layer.labels[u] ?? id] : [])) }))
    .filter((row) => row.estates.length > 0)
    .sort((a, b) => NEED_CATEGORY_IDS.indexOf(a.needId) - NEED_CATEGORY_IDS.indexOf(b.needId));
}
