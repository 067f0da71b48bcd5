import { z } from 'zod';

/**
 * The need taxonomy: the twelve problem categories that Polish CAL resource-and-needs
 * maps report (seeds: OPS Libiąż, MOPS Głogów, OPS Rybnik, MGOPS Kozienice).
 * Ids are stable (stored in surveys and the database); labels are for people.
 */
export const NEED_CATEGORY_IDS = [
  'unemployment',
  'material_hardship',
  'housing',
  'addiction',
  'domestic_violence',
  'loneliness_seniors',
  'disability',
  'children_youth_leisure',
  'health',
  'safety',
  'neglected_public_space',
  'civic_participation',
] as const;

export const NeedCategoryId = z.enum(NEED_CATEGORY_IDS, { error: `need category must be one of: ${NEED_CATEGORY_IDS.join(', ')}` });
export type NeedCategoryId = z.infer<typeof NeedCategoryId>;

export const Label = z.strictObject({ pl: z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof Label>;

export const NeedCategory = z.strictObject({ id: NeedCategoryId, label: Label, description: Label });
export type NeedCategory = z.infer<typeof NeedCategory>;

export const NEED_CATEGORIES: readonly NeedCategory[] = [
  { id: 'unemployment', label: { pl: 'Bezrobocie', en: 'Unemployment' }, description: { pl: 'Brak pracy, długotrwałe bezrobocie, trudność powrotu na rynek pracy', en: 'No work, long-term unemployment, hard return to the labour market' } },
  { id: 'material_hardship', label: { pl: 'Ubóstwo i trudności materialne', en: 'Material hardship' }, description: { pl: 'Niskie dochody, zadłużenie, brak środków na podstawowe potrzeby', en: 'Low income, debt, lack of means for basic needs' } },
  { id: 'housing', label: { pl: 'Warunki mieszkaniowe', en: 'Housing' }, description: { pl: 'Zły stan mieszkań, przeludnienie, zagrożenie eksmisją, bezdomność', en: 'Poor dwellings, overcrowding, risk of eviction, homelessness' } },
  { id: 'addiction', label: { pl: 'Uzależnienia', en: 'Addiction' }, description: { pl: 'Alkohol, narkotyki, hazard', en: 'Alcohol, drugs, gambling' } },
  { id: 'domestic_violence', label: { pl: 'Przemoc w rodzinie', en: 'Domestic violence' }, description: { pl: 'Przemoc domowa i jej skutki', en: 'Violence in the family and its effects' } },
  { id: 'loneliness_seniors', label: { pl: 'Samotność i potrzeby seniorów', en: "Loneliness and seniors' needs" }, description: { pl: 'Osamotnienie, brak opieki i oferty dla osób starszych', en: 'Isolation, lack of care and activities for older people' } },
  { id: 'disability', label: { pl: 'Niepełnosprawność', en: 'Disability' }, description: { pl: 'Bariery, brak wsparcia dla osób z niepełnosprawnościami', en: 'Barriers, lack of support for people with disabilities' } },
  { id: 'children_youth_leisure', label: { pl: 'Czas wolny dzieci i młodzieży', en: "Children's and youth free time" }, description: { pl: 'Brak miejsc i zajęć dla dzieci i młodzieży', en: 'No places or activities for children and young people' } },
  { id: 'health', label: { pl: 'Zdrowie', en: 'Health' }, description: { pl: 'Choroby przewlekłe, dostęp do opieki zdrowotnej', en: 'Chronic illness, access to health care' } },
  { id: 'safety', label: { pl: 'Bezpieczeństwo', en: 'Safety' }, description: { pl: 'Chuligaństwo, kradzieże, poczucie zagrożenia', en: 'Hooliganism, theft, feeling unsafe' } },
  { id: 'neglected_public_space', label: { pl: 'Zaniedbana przestrzeń publiczna', en: 'Neglected public space' }, description: { pl: 'Brud, zniszczone podwórka, brak oświetlenia i zieleni', en: 'Litter, run-down yards, no lighting or green space' } },
  { id: 'civic_participation', label: { pl: 'Brak informacji i udziału obywatelskiego', en: 'Lack of information and civic participation' }, description: { pl: 'Mieszkańcy nie wiedzą o ofercie i nie biorą udziału w życiu lokalnym', en: 'Residents do not know what is offered and take no part in local life' } },
];

export const NEED_BY_ID: Readonly<Record<NeedCategoryId, NeedCategory>> = Object.fromEntries(
  NEED_CATEGORIES.map((n) => [n.id, n]),
) as Record<NeedCategoryId, NeedCategory>;

/** Daily nuisances that door-to-door surveys record (uciążliwości dnia codziennego). */
export const NUISANCE_IDS = [
  'litter', 'noise', 'vandalism', 'poor_lighting', 'drinking_in_public', 'stray_dogs',
  'traffic', 'no_playground', 'broken_pavements', 'no_parking', 'damp_buildings', 'no_shops',
] as const;
export const NuisanceId = z.enum(NUISANCE_IDS, { error: `nuisance must be one of: ${NUISANCE_IDS.join(', ')}` });
export type NuisanceId = z.infer<typeof NuisanceId>;

export const NUISANCE_LABELS: Readonly<Record<NuisanceId, Label>> = {
  litter: { pl: 'Śmieci i brud', en: 'Litter' },
  noise: { pl: 'Hałas', en: 'Noise' },
  vandalism: { pl: 'Wandalizm', en: 'Vandalism' },
  poor_lighting: { pl: 'Słabe oświetlenie', en: 'Poor lighting' },
  drinking_in_public: { pl: 'Picie alkoholu w miejscach publicznych', en: 'Drinking in public' },
  stray_dogs: { pl: 'Bezpańskie psy', en: 'Stray dogs' },
  traffic: { pl: 'Ruch samochodowy', en: 'Traffic' },
  no_playground: { pl: 'Brak placu zabaw', en: 'No playground' },
  broken_pavements: { pl: 'Zniszczone chodniki', en: 'Broken pavements' },
  no_parking: { pl: 'Brak miejsc parkingowych', en: 'No parking' },
  damp_buildings: { pl: 'Zawilgocone budynki', en: 'Damp buildings' },
  no_shops: { pl: 'Brak sklepów i usług', en: 'No shops or services' },
};

/** What a household offers to the community (zasoby mieszkańców). */
export const OFFER_IDS = [
  'volunteering_time', 'repairs', 'childcare', 'senior_care', 'cooking', 'tutoring',
  'it_skills', 'arts_crafts', 'sports', 'transport', 'organising_events', 'garden_greenery',
] as const;
export const OfferId = z.enum(OFFER_IDS, { error: `offered resource must be one of: ${OFFER_IDS.join(', ')}` });
export type OfferId = z.infer<typeof OfferId>;

export const OFFER_LABELS: Readonly<Record<OfferId, Label>> = {
  volunteering_time: { pl: 'Czas na wolontariat', en: 'Time to volunteer' },
  repairs: { pl: 'Drobne naprawy', en: 'Small repairs' },
  childcare: { pl: 'Opieka nad dziećmi', en: 'Childcare' },
  senior_care: { pl: 'Pomoc seniorom', en: 'Help for seniors' },
  cooking: { pl: 'Gotowanie', en: 'Cooking' },
  tutoring: { pl: 'Korepetycje', en: 'Tutoring' },
  it_skills: { pl: 'Umiejętności komputerowe', en: 'IT skills' },
  arts_crafts: { pl: 'Rękodzieło i sztuka', en: 'Arts and crafts' },
  sports: { pl: 'Sport i rekreacja', en: 'Sports' },
  transport: { pl: 'Transport', en: 'Transport' },
  organising_events: { pl: 'Organizacja wydarzeń', en: 'Organising events' },
  garden_greenery: { pl: 'Ogrodnictwo i zieleń', en: 'Gardening and greenery' },
};
