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
  topOffer: { offerId: OfferId; rate: number } | null;
}

export interface GapRow {
  needId: NeedCategoryId;
  estates: string[];
}

/**
 * Rows per estate of `layer` from the potential-index map and one map per offer (OFFER_IDS order), all over estates.
 * @example resourceRows(estates, potentialMap, offerMaps)[0] → { label: 'Osiedle Zamkowe', potential: 0.06, topOffer: { offerId: 'senior_care', rate: 0.14 }, … }
 */
export function resourceRows(layer: ExploreLayer, potential: OfferMapResult, byOffer: readonly OfferMapResult[]): ResourceRow[] {
  if (byOffer.length !== OFFER_IDS.length) throw new Error('one offer map per offer expected');
  return layer.unitIds.map((estateId, u) => {
    const shown = potential.suppressed[u] === 0;
    let top: { offerId: OfferId; rate: number } | null = null;
    if (shown) {
      OFFER_IDS.forEach((offerId, j) => {
        const rate = byOffer[j]!.values[u]!;
        if (Number.isFinite(rate) && rate > 0 && (top === null || rate > top.rate)) top = { offerId, rate };
      });
    }
    return { estateId, label: layer.labels[u] ?? estateId, responses: potential.responses[u] ?? 0, potential: shown ? potential.values[u]! : null, topOffer: top };
  });
}

/** Per need (taxonomy order) the labels of the gap estates; needs without a gap are left out. */
export function gapRows(layer: ExploreLayer, matchings: readonly MatchingResult[]): GapRow[] {
  return matchings
    .map((m) => ({ needId: m.needId, estates: layer.unitIds.flatMap((id, u) => (m.gap[u] === 1 ? [layer.labels[u] ?? id] : [])) }))
    .filter((row) => row.estates.length > 0)
    .sort((a, b) => NEED_CATEGORY_IDS.indexOf(a.needId) - NEED_CATEGORY_IDS.indexOf(b.needId));
}
