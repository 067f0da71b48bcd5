import {
  NEED_CATEGORIES, NEED_CATEGORY_IDS, NUISANCE_IDS, NUISANCE_LABELS, OFFER_IDS, OFFER_LABELS, RESOURCE_KINDS,
  type NeedCategoryId, type NuisanceId, type OfferId, type ResourceKind,
} from '../../domain';
import type { ValueMapping, ValueMappingField } from '../../domain/importing';
import { foldDiacritics } from './streetNames';

/**
 * Words in spreadsheets → the ids of the domain taxonomies. Accepts the id, the Polish and English labels,
 * and common short forms used in CAL questionnaires. Lookup is by folded text (case, diacritics, punctuation ignored).
 */

export const foldLabel = (text: string): string => foldDiacritics(text.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ').trim();

function lookup<T extends string>(ids: readonly T[], labels: (id: T) => string[], synonyms: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const id of ids) {
    map.set(foldLabel(id), id);
    for (const label of labels(id)) map.set(foldLabel(label), id);
  }
  for (const [word, id] of Object.entries(synonyms)) map.set(foldLabel(word), id);
  return map;
}

const NEEDS = lookup<NeedCategoryId>(
  NEED_CATEGORY_IDS,
  (id) => {
    const n = NEED_CATEGORIES.find((c) => c.id === id)!;
    return [n.label.pl, n.label.en];
  },
  {
    'ubóstwo': 'material_hardship', bieda: 'material_hardship', 'trudności materialne': 'material_hardship', ubostwo: 'material_hardship', 'brak pieniędzy': 'material_hardship',
    mieszkanie: 'housing', mieszkaniowe: 'housing', 'warunki mieszkaniowe': 'housing', 'bezdomność': 'housing',
    'uzależnienie': 'addiction', alkohol: 'addiction', alkoholizm: 'addiction',
    przemoc: 'domestic_violence', 'przemoc domowa': 'domestic_violence',
    'samotność': 'loneliness_seniors', seniorzy: 'loneliness_seniors', senior: 'loneliness_seniors', 'osoby starsze': 'loneliness_seniors',
    'niepełnosprawni': 'disability',
    dzieci: 'children_youth_leisure', 'młodzież': 'children_youth_leisure', 'czas wolny': 'children_youth_leisure', 'dzieci i młodzież': 'children_youth_leisure',
    choroby: 'health', 'opieka zdrowotna': 'health',
    'poczucie bezpieczeństwa': 'safety', chuligaństwo: 'safety',
    'przestrzeń publiczna': 'neglected_public_space', 'zaniedbana przestrzeń': 'neglected_public_space', 'otoczenie': 'neglected_public_space',
    informacja: 'civic_participation', 'brak informacji': 'civic_participation', 'udział obywatelski': 'civic_participation', partycypacja: 'civic_participation',
  },
);

const NUISANCES = lookup<NuisanceId>(NUISANCE_IDS, (id) => [NUISANCE_LABELS[id].pl, NUISANCE_LABELS[id].en], {
  'śmieci': 'litter', brud: 'litter', 'hałas': 'noise', wandalizm: 'vandalism', 'oświetlenie': 'poor_lighting', 'brak oświetlenia': 'poor_lighting',
  'picie alkoholu': 'drinking_in_public', psy: 'stray_dogs', ruch: 'traffic', 'plac zabaw': 'no_playground', chodniki: 'broken_pavements',
  parking: 'no_parking', wilgoć: 'damp_buildings', sklepy: 'no_shops',
});

const OFFERS = lookup<OfferId>(OFFER_IDS, (id) => [OFFER_LABELS[id].pl, OFFER_LABELS[id].en], {
  wolontariat: 'volunteering_time', naprawy: 'repairs', 'opieka nad dziećmi': 'childcare', 'pomoc seniorom': 'senior_care', gotowanie: 'cooking',
  korepetycje: 'tutoring', komputer: 'it_skills', 'rękodzieło': 'arts_crafts', sport: 'sports', transport: 'transport', 'organizacja wydarzeń': 'organising_events',
  ogrodnictwo: 'garden_greenery',
});

const RESOURCE_WORDS: Record<string, ResourceKind> = {
  ops: 'ops', mops: 'ops', gops: 'ops', mgops: 'ops', mopr: 'ops', 'ośrodek pomocy społecznej': 'ops', kis: 'kis', 'klub integracji społecznej': 'kis',
  'szkoła': 'school', 'szkoła podstawowa': 'school', liceum: 'school', technikum: 'school', przedszkole: 'kindergarten', 'żłobek': 'kindergarten',
  'dom kultury': 'culture_house', 'ośrodek kultury': 'culture_house', 'centrum kultury': 'culture_house', biblioteka: 'library', parafia: 'parish', 'kościół': 'parish',
  policja: 'police', komisariat: 'police', 'ośrodek zdrowia': 'health_centre', przychodnia: 'health_centre', 'poradnia': 'health_centre',
  ngo: 'ngo', stowarzyszenie: 'ngo', fundacja: 'ngo', 'organizacja pozarządowa': 'ngo', 'klub seniora': 'senior_club', 'klub młodzieżowy': 'youth_club',
  'klub sportowy': 'sports_club', 'urząd pracy': 'labour_office', pup: 'labour_office', 'spółdzielnia mieszkaniowa': 'housing_coop', 'wspólnota mieszkaniowa': 'housing_coop',
  // OSM amenity values (RSPO exports carry them)
  music_school: 'school', college: 'school', dancing_school: 'other', training: 'other', social_facility: 'ops', place_of_worship: 'parish',
  clinic: 'health_centre', doctors: 'health_centre', townhall: 'other', arts_centre: 'culture_house', youth_centre: 'youth_club',
  firma: 'business', przedsiębiorstwo: 'business', sklep: 'business', 'świetlica': 'community_centre', 'centrum aktywności lokalnej': 'community_centre', inne: 'other', inna: 'other',
};
const RESOURCES = lookup<ResourceKind>(RESOURCE_KINDS, () => [], RESOURCE_WORDS);

export const needFromLabel = (text: string): NeedCategoryId | undefined => NEEDS.get(foldLabel(text));
export const nuisanceFromLabel = (text: string): NuisanceId | undefined => NUISANCES.get(foldLabel(text));
export const offerFromLabel = (text: string): OfferId | undefined => OFFERS.get(foldLabel(text));
export const resourceKindFromLabel = (text: string): ResourceKind | undefined => RESOURCES.get(foldLabel(text));

type MappedField = ValueMappingField;
const LOOKUPS: Record<MappedField, Map<string, string>> = { needs: NEEDS, nuisances: NUISANCES, offers: OFFERS, resourceKinds: RESOURCES };

/**
 * A list item's category: a known word of the taxonomy, else the user's value mapping (keyed by folded text), else
 * undefined. `'ignore'` means the user said the value carries no category.
 * @example valueCategory('needs', 'Samotność_seniorów', { needs: { 'samotnosc seniorow': 'loneliness_seniors' }, nuisances: {}, offers: {} }) → 'loneliness_seniors'
 */
export function valueCategory(field: MappedField, text: string, mapping: ValueMapping | undefined): string | undefined {
  const folded = foldLabel(text);
  return LOOKUPS[field].get(folded) ?? mapping?.[field][folded];
}

/** Two folded words are alike when equal, or when they share a stem of 5+ letters ("seniorow" ~ "seniorzy" by "senior"). */
function wordsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 5 || (common >= 4 && Math.min(a.length, b.length) <= 5 && common === Math.min(a.length, b.length));
}

/**
 * Categories a user's own value most likely means, best first (at most `limit`), by folded words shared with the
 * taxonomy's ids, labels and synonyms: "samotnosc_seniorow" → loneliness_seniors, "czas_wolny_dzieci" →
 * children_youth_leisure. A score is the share of the known word's words found in the value, plus a little for the
 * share of the value's words explained. O(vocabulary · words²).
 */
export function suggestValueCategories(field: MappedField, text: string, limit = 3): string[] {
  const words = foldLabel(text).split(' ').filter((w) => w.length >= 3);
  if (words.length === 0) return [];
  const best = new Map<string, number>();
  for (const [label, id] of LOOKUPS[field]) {
    const labelWords = label.split(' ').filter((w) => w.length >= 3);
    if (labelWords.length === 0) continue;
    const found = labelWords.filter((lw) => words.some((w) => wordsAlike(w, lw))).length;
    if (found === 0) continue;
    const explained = words.filter((w) => labelWords.some((lw) => wordsAlike(w, lw))).length;
    const score = found / labelWords.length + 0.5 * (explained / words.length);
    if (score > (best.get(id) ?? 0)) best.set(id, score);
  }
  return [...best.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([id]) => id);
}
