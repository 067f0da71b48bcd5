import type { ColumnMapping, ImportKind } from '../../domain/importing';
import type { NeedCategoryId, NuisanceId, OfferId } from '../../domain';
import { foldLabel, needFromLabel, nuisanceFromLabel, offerFromLabel } from './vocabulary';

/**
 * Suggests which column feeds which field, from header names in Polish or English ("Ulica", "Nr domu", "lon",
 * "Data wywiadu", "bezrobocie"). The wizard shows the suggestion and lets the user change it.
 */

type Field = string;

/** Folded header words per field. A header matches a field when its folded text equals one of them. */
const SYNONYMS: Record<Field, readonly string[]> = {
  address: ['adres', 'address', 'adres zamieszkania', 'adres budynku', 'adres gospodarstwa', 'adres pocztowy', 'full address', 'street address', 'lokalizacja', 'adres ulica i numer'],
  street: ['ulica', 'ul', 'street', 'nazwa ulicy', 'street name', 'addr street', 'ulica nazwa', 'ulica plac', 'ulica i numer'],
  houseNumber: ['numer', 'nr', 'nr domu', 'numer domu', 'numer budynku', 'nr budynku', 'house number', 'housenumber', 'number', 'addr housenumber', 'nr posesji', 'numer porzadkowy', 'nr porzadkowy'],
  x: ['x', 'lon', 'lng', 'long', 'longitude', 'dlugosc', 'dlugosc geograficzna', 'dl geogr', 'easting', 'wsp x', 'wspolrzedna x', 'e'],
  y: ['y', 'lat', 'latitude', 'szerokosc', 'szerokosc geograficzna', 'szer geogr', 'northing', 'wsp y', 'wspolrzedna y', 'n'],
  households: ['gospodarstwa', 'liczba gospodarstw', 'liczba gospodarstw domowych', 'l gospodarstw', 'l gospodarstw domowych', 'gosp domowe', 'liczba gosp', 'l gosp', 'gospodarstw', 'gospodarstwa domowe', 'households', 'lokale', 'liczba lokali', 'mieszkania', 'liczba mieszkan', 'flats', 'building flats'],
  residents: ['mieszkancy', 'liczba mieszkancow', 'l mieszkancow', 'osoby zameldowane', 'liczba osob zameldowanych', 'zameldowani', 'liczba zameldowanych', 'ludnosc', 'residents', 'population', 'osoby', 'liczba osob', 'l osob', 'ilosc osob', 'mieszkancow'],
  name: ['nazwa', 'name', 'nazwa instytucji', 'instytucja', 'organizacja', 'nazwa organizacji', 'partner', 'podmiot', 'official name'],
  resourceKind: ['rodzaj', 'typ', 'kategoria', 'kind', 'type', 'rodzaj instytucji', 'typ instytucji', 'amenity'],
  serves: ['obszary', 'obszary dzialania', 'potrzeby', 'problemy', 'serves', 'dziedziny', 'obszar wsparcia'],
  partnershipDeclaredOn: ['deklaracja', 'data deklaracji', 'deklaracja partnerstwa', 'partnerstwo', 'partnership', 'partnership declared'],
  coalitions: ['koalicje', 'koalicja', 'coalitions', 'coalition'],
  date: ['data', 'data wywiadu', 'data badania', 'data ankiety', 'date', 'data wypelnienia', 'survey date'],
  householdSize: ['osoby', 'liczba osob', 'l osob', 'l osob w gospodarstwie', 'l osob w gosp', 'liczba osob w gosp', 'ilosc osob', 'osob w gospodarstwie', 'liczba osob w gospodarstwie domowym', 'wielkosc gospodarstwa domowego', 'liczba czlonkow gospodarstwa', 'liczba osob w gospodarstwie', 'osoby w gospodarstwie', 'wielkosc gospodarstwa', 'household size', 'osob', 'liczba czlonkow', 'gospodarstwo liczba osob'],
  needsList: ['potrzeby', 'problemy', 'needs', 'lista potrzeb', 'zgloszone problemy'],
  nuisancesList: ['uciazliwosci', 'nuisances', 'uciazliwosci dnia codziennego'],
  offersList: ['zasoby', 'oferty', 'oferuje', 'offers', 'co moge dac', 'mozliwosci pomocy'],
  leaderConsent: ['lider', 'zgoda lider', 'leader', 'zgoda na kontakt', 'zgoda', 'kandydat na lidera', 'leader consent'],
  leaderInterests: ['zainteresowania', 'zainteresowania lidera', 'interests', 'lider obszary'],
};

/**
 * Header shapes beyond the synonyms, tried when no synonym matched: a survey's household size is a header naming
 * persons or members ("l. osób w gosp. dom.", "Ilość osób"), an address file's count a header naming households.
 */
const PATTERNS: Partial<Record<Field, RegExp>> = {
  householdSize: /(^| )(osob\w*|osoby|czlonkow)( |$)/,
  households: /(^| )(gosp\w*|lokali|mieszkan)( |$)/,
  residents: /(^| )(mieszkancow|mieszkancy|zameldowan\w*|osob\w*|osoby|ludnosc)( |$)/,
};

const FIELDS_BY_KIND: Record<ImportKind, readonly Field[]> = {
  streets: ['name'],
  addresses: ['address', 'street', 'houseNumber', 'x', 'y', 'households', 'residents'],
  resources: ['name', 'resourceKind', 'address', 'street', 'houseNumber', 'x', 'y', 'serves', 'partnershipDeclaredOn', 'coalitions'],
  responses: ['address', 'street', 'houseNumber', 'x', 'y', 'date', 'householdSize', 'needsList', 'nuisancesList', 'offersList', 'leaderConsent', 'leaderInterests'],
};

/**
 * Headers that look like personal data of a surveyed person: names, phone, PESEL, e-mail, birth date, ID card.
 * Headers that are clearly street names ("nazwa ulicy", "street name") are not flagged.
 */
const PERSONAL = /\b(imie|imiona|nazwisko|nazwiska|name|firstname|lastname|surname|fullname|telefon|telefonu|tel|phone|komorka|komorkowy|mobile|pesel|e ?mail|mail|urodzenia|birth|dob|dowod|dowodu|respondent|respondenta|podpis|signature|kontakt)\b/;
const STREETISH = /\b(ulica|ulicy|street|instytucji|organizacji)\b/;

/** Headers of `headers` that look like personal data (see PERSONAL); in file order. */
export function findPersonalDataColumns(headers: readonly string[]): string[] {
  return headers.filter((h) => {
    const folded = foldLabel(h);
    return PERSONAL.test(folded) && !STREETISH.test(folded) && !/^zgoda/.test(folded);
  });
}

/**
 * The suggested mapping for `kind`: each field takes the first header whose folded text is one of its synonyms; for
 * survey answers, every header that names a need, nuisance or offer becomes a per-item column. Personal-data
 * headers are never suggested (for `responses`). O(headers · synonyms).
 * @example suggestColumnMapping('responses', ['Adres', 'Data', 'Bezrobocie', 'Telefon'])
 *   → { kind: 'responses', address: 'Adres', date: 'Data', needColumns: { Bezrobocie: 'unemployment' }, … }
 */
export function suggestColumnMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const personal = new Set(kind === 'responses' ? findPersonalDataColumns(headers) : []);
  const used = new Set<string>();
  const mapping: Record<string, unknown> = { kind };
  for (const field of FIELDS_BY_KIND[kind]) {
    const synonyms = SYNONYMS[field]!;
    const header = headers.find((h) => !used.has(h) && !personal.has(h) && synonyms.includes(foldLabel(h)));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  for (const field of FIELDS_BY_KIND[kind]) {
    const pattern = PATTERNS[field];
    if (!pattern || mapping[field] !== undefined) continue;
    const header = headers.find((h) => !used.has(h) && !personal.has(h) && pattern.test(foldLabel(h)) && !(field === 'households' && /osob/.test(foldLabel(h))));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  if (kind === 'responses') {
    const needColumns: Record<string, NeedCategoryId> = {};
    const nuisanceColumns: Record<string, NuisanceId> = {};
    const offerColumns: Record<string, OfferId> = {};
    for (const h of headers) {
      if (used.has(h) || personal.has(h)) continue;
      const need = needFromLabel(h);
      const nuisance = nuisanceFromLabel(h);
      const offer = offerFromLabel(h);
      if (need && !Object.values(needColumns).includes(need)) needColumns[h] = need;
      else if (nuisance && !Object.values(nuisanceColumns).includes(nuisance)) nuisanceColumns[h] = nuisance;
      else if (offer && !Object.values(offerColumns).includes(offer)) offerColumns[h] = offer;
    }
    Object.assign(mapping, { needColumns, nuisanceColumns, offerColumns });
  }
  // A lone "Adres" column that holds only the street is the common case when a number column exists too.
  if (mapping.address !== undefined && mapping.street === undefined && mapping.houseNumber !== undefined) {
    mapping.street = mapping.address;
    delete mapping.address;
  }
  return mapping as ColumnMapping;
}

/** Every header a mapping reads (for checking that each exists in the file and none is personal data). */
export function mappedColumns(mapping: ColumnMapping): { field: string; column: string }[] {
  const out: { field: string; column: string }[] = [];
  for (const [field, value] of Object.entries(mapping)) {
    if (field === 'kind') continue;
    if (typeof value === 'string') out.push({ field, column: value });
    else if (value && typeof value === 'object') for (const column of Object.keys(value)) out.push({ field: `${field}.${column}`, column });
  }
  return out;
}
