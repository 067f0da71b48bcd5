import { z } from 'zod';
import { NEED_CATEGORY_IDS, NeedCategoryId, OfferId, type OfferId as OfferIdType } from './needs';

/**
 * Which kinds of help residents offer answer which need ("gdzie potrzeba, a gdzie pomoc"): for each need, the offers
 * (OFFER_IDS) that can meet it. A small table a centre may edit; a need absent or with no offers is met by
 * institutions only (addiction and domestic violence call for professional help, not a neighbour's goodwill).
 * The engine (src/analysis/needOfferMatching.ts) counts, per unit, the households offering any matching help.
 */

const unique = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;

export const NeedOfferMatching = z.partialRecord(
  NeedCategoryId,
  z.array(OfferId).max(12).refine(unique, { message: 'each offer may appear once for a need', params: { rule: 'repeated_item' } }),
);
export type NeedOfferMatching = z.infer<typeof NeedOfferMatching>;
/** A table as the engine reads it (a parsed one, or the read-only default). */
export type NeedOfferTable = Readonly<Partial<Record<NeedCategoryId, readonly OfferIdType[]>>>;

/** The default table: what a CAL team would match by hand (seeds: Libiąż, Głogów diagnoses' "zasoby" chapters). */
export const DEFAULT_NEED_OFFER_MATCHING: Readonly<Record<NeedCategoryId, readonly OfferIdType[]>> = {
  unemployment: ['it_skills', 'tutoring', 'transport'],
  material_hardship: ['cooking', 'repairs', 'volunteering_time'],
  housing: ['repairs'],
  addiction: [],
  domestic_violence: [],
  loneliness_seniors: ['senior_care', 'volunteering_time', 'transport', 'cooking'],
  disability: ['transport', 'repairs', 'volunteering_time'],
  children_youth_leisure: ['tutoring', 'sports', 'arts_crafts', 'childcare', 'organising_events'],
  health: ['transport', 'senior_care'],
  safety: ['organising_events', 'volunteering_time'],
  neglected_public_space: ['garden_greenery', 'repairs', 'organising_events'],
  civic_participation: ['organising_events', 'it_skills', 'volunteering_time'],
};

/** The offers matching `need` in `table` (empty when none). */
export const offersMatching = (table: NeedOfferTable, need: NeedCategoryId): readonly OfferIdType[] => table[need] ?? [];

/** A canonical text of a table (needs in NEED_CATEGORY_IDS order, offers sorted), for cache keys. */
export const matchingKey = (table: NeedOfferTable): string =>
  NEED_CATEGORY_IDS.map((need) => [...(table[need] ?? [])].sort().join('+')).join('|');

/** A fresh, editable copy of the default table (a parsed query owns its table). */
export const defaultNeedOfferMatching = (): NeedOfferMatching =>
  Object.fromEntries(NEED_CATEGORY_IDS.map((need) => [need, [...DEFAULT_NEED_OFFER_MATCHING[need]]]));
