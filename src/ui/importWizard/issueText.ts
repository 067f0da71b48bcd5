import type { CrsCandidate, ImportIssue, ImportMessageCode } from '../../data/import';
import type { CrsCode, ValueMappingField } from '../../domain/importing';
import { translate, type Language, type MessageKey } from '../i18n/dictionary';

/**
 * Polish for the import pipeline's messages. The pipeline (src/data/import) speaks English, one sentence per problem,
 * with the row, column and value kept apart; the wizard shows them in the user's language. Each rule matches one
 * message shape; a message no rule knows is shown as written (still with its row, column and value), so nothing is
 * hidden. Pure; O(rules) per message.
 */

type Rule = [RegExp, (m: RegExpExecArray) => string];

const MATCH_REASONS_PL: ReadonlyArray<[string, string]> = [
  ['the address is empty', 'adres jest pusty'],
  ['no street of this name in the workspace', 'nie ma takiej ulicy w danych miasta'],
  ['this short name fits several streets; write the full name', 'ta skrócona nazwa pasuje do kilku ulic; wpisz pełną nazwę'],
  ['the street is known but this house number is not', 'ulica jest znana, ale tego numeru domu nie ma w danych'],
  ['the address has no house number', 'adres nie ma numeru domu'],
];

/** "no street of this name in the workspace; did you mean ul. Polna?" → Polish, for the match-reason family. */
function matchText(text: string): string {
  let out = text;
  for (const [en, pl] of MATCH_REASONS_PL) out = out.replace(en, pl);
  return out
    .replace(/; did you mean (.+)\?/, '; czy chodziło o: $1?')
    .replace(/; numbers on this street near it: (.+?)(;|$)/, '; numery na tej ulicy w pobliżu: $1$2')
    .replace('; the answer is kept on the street', '; odpowiedź zostanie przypisana do ulicy')
    .replace('; the row is left out', '; wiersz zostanie pominięty');
}

const WHAT_PL: Readonly<Record<string, string>> = {
  'need category': 'kategorią potrzeby',
  nuisance: 'uciążliwością',
  offer: 'zasobem z listy',
  'leader interest': 'obszarem zainteresowań lidera',
};

const RULES: readonly Rule[] = [
  [/^the file is empty: it has no header row and no data$/, () => 'plik jest pusty: nie ma wiersza nagłówka ani danych'],
  [/^the file has a header row but no data rows$/, () => 'plik ma wiersz nagłówka, ale nie ma wierszy z danymi'],
  [/^the file has no features$/, () => 'plik nie zawiera żadnych obiektów'],
  [/^the file is not valid JSON \((.*)\)$/, (m) => `plik nie jest poprawnym plikiem JSON (${m[1]})`],
  [/^the file could not be read as text \((.*)\)$/, (m) => `nie udało się odczytać pliku jako tekstu (${m[1]})`],
  [/^a quoted cell is not closed/, () => 'komórka w cudzysłowie nie jest zamknięta: brakuje znaku ", więc reszta pliku może zostać odczytana jako jedna komórka'],
  [/^a cell has a stray quote character/, () => 'komórka zawiera zbędny cudzysłów (")'],
  [/^the file could not be read as CSV \((.*)\)$/, (m) => `nie udało się odczytać pliku CSV (${m[1]})`],
  [/^the row has (\d+) cells but the header has (\d+) columns/, (m) => `wiersz ma ${m[1]} komórek, a nagłówek ${m[2]} kolumn (czy brakuje separatora albo cudzysłowu?)`],
  [/^the column name "(.*)" appears (\d+) times; this one is called "(.*)"$/, (m) => `nazwa kolumny „${m[1]}” występuje ${m[2]} razy; ta kolumna nazywa się „${m[3]}”`],
  [/^streets are imported from GeoJSON/, () => 'ulice importujemy z pliku GeoJSON (eksport z OpenStreetMap przez Overpass lub QGIS), nie z CSV'],
  [/^survey answers are imported from a CSV spreadsheet$/, () => 'odpowiedzi ankiet importujemy z arkusza CSV'],
  [/^choose the survey campaign/, () => 'wybierz falę badania, do której należą te odpowiedzi'],
  [/^there is no campaign "(.*)" in the workspace$/, (m) => `nie ma fali badania „${m[1]}”`],
  [/^these columns look like personal data and are never imported: (.*)\. Remove them/, (m) => `te kolumny wyglądają na dane osobowe i nie są importowane: ${m[1]}. Usuń je także z pliku, który przechowujesz.`],
  [/^the file has no column "(.*)"$/, (m) => `w pliku nie ma kolumny „${m[1]}”`],
  [/^the column "(.*)" looks like personal data and cannot be imported$/, (m) => `kolumna „${m[1]}” wygląda na dane osobowe — nie importujemy jej`],
  [/^map an address column, or street and house number columns$/, () => 'wskaż kolumnę z adresem albo kolumny z ulicą i numerem domu'],
  [/^map the x and y \(longitude and latitude\) columns$/, () => 'wskaż kolumny x i y (długość i szerokość geograficzna)'],
  [/^map the name column$/, () => 'wskaż kolumnę z nazwą'],
  [/^map the x and y columns, or an address column$/, () => 'wskaż kolumny x i y albo kolumnę z adresem'],
  [/^map the date column$/, () => 'wskaż kolumnę z datą'],
  [/^map an address column \(or street and house number\)$/, () => 'wskaż kolumnę z adresem (albo ulicę i numer domu)'],
  [/^no household size column: every answer gets household size (\d+)$/, (m) => `brak kolumny z liczbą osób w gospodarstwie: każda ankieta dostanie wartość ${m[1]}`],
  [/^the coordinates fit none of/, () => 'współrzędne nie pasują do żadnego układu (WGS 84, Web Mercator, PUWG 1992, PUWG 2000 strefy 5–8) na terenie Polski; sprawdź kolumny x i y'],
  [/^coordinates read as .*; confirm on the map preview$/, () => 'układ współrzędnych rozpoznano automatycznie; potwierdź go, patrząc na podgląd mapy'],
  [/^the coordinate system is unclear/, () => 'nie da się jednoznacznie rozpoznać układu współrzędnych; wybierz go z listy'],
  [/^with .* the points do not land in Poland/, () => 'w wybranym układzie współrzędnych punkty nie leżą w Polsce; wybierz inny układ lub kolejność osi'],
  [/^(\d+)% of the sampled points land outside Poland$/, (m) => `${m[1]}% sprawdzonych punktów leży poza Polską`],
  [/^two records would get the id "(.*)"$/, (m) => `dwa rekordy dostałyby ten sam identyfikator „${m[1]}”`],
  [/^the row has no coordinates \(map the x and y columns/, () => 'wiersz nie ma współrzędnych (wskaż kolumny x i y albo użyj pliku GeoJSON)'],
  [/^the row has no coordinates and no address$/, () => 'wiersz nie ma ani współrzędnych, ani adresu'],
  [/^the row has no address and no coordinates$/, () => 'wiersz nie ma ani adresu, ani współrzędnych'],
  [/^no coordinates, and the address did not match an address point: (.*)$/, (m) => `brak współrzędnych, a adresu nie znaleziono: ${matchText(m[1]!)}`],
  [/^"(.*)" is not a known (need category|nuisance|offer|leader interest)$/, (m) => `„${m[1]}” nie jest znaną ${WHAT_PL[m[2]!] ?? m[2]}`],
  [/^"(.*)" is not a known kind of institution/, (m) => `„${m[1]}” nie jest znanym rodzajem instytucji (np. szkoła, biblioteka, dom kultury, parafia, NGO, MOPS, inne)`],
  [/^"(.*)" is not a known (.*)$/, (m) => `„${m[1]}” — nieznana wartość (${m[2]})`],
  [/^the date must look like/, () => 'data musi mieć postać 2025-05-05 albo 05.05.2025'],
  [/^date must be a real calendar date/, () => 'data musi być prawdziwą datą kalendarzową (RRRR-MM-DD albo DD.MM.RRRR)'],
  [/^severity must be 0 \(none\), 1, 2 or 3$/, () => 'nasilenie musi wynosić 0 (brak), 1, 2 albo 3'],
  [/^severity must be/, () => 'nasilenie musi wynosić 1, 2 albo 3'],
  [/^the cell must be yes or no/, () => 'komórka musi zawierać tak albo nie (1/0, tak/nie, x lub pusta)'],
  [/^the leader consent cell must be yes or no$/, () => 'zgoda lidera musi być tak albo nie'],
  [/^the x \/ longitude cell must be a number/, () => 'x / długość geograficzna musi być liczbą, np. 19.2563 albo 19,2563'],
  [/^the y \/ latitude cell must be a number/, () => 'y / szerokość geograficzna musi być liczbą, np. 50.1502 albo 50,1502'],
  [/^coordinate must be/, () => 'współrzędna musi być liczbą'],
  [/^(street|name|house number) must not be empty$/, (m) => `${{ street: 'ulica', name: 'nazwa', 'house number': 'numer domu' }[m[1]!]} nie może być pusta`],
  [/^name must be at most (\d+) characters$/, (m) => `nazwa może mieć najwyżej ${m[1]} znaków`],
  [/^households must be a whole number$/, () => 'liczba gospodarstw musi być liczbą całkowitą'],
  [/^households must be at least 1$/, () => 'liczba gospodarstw musi wynosić co najmniej 1'],
  [/^households must be at most (\d+)$/, (m) => `liczba gospodarstw może wynosić najwyżej ${m[1]}`],
  [/^household size must be a whole number$/, () => 'liczba osób w gospodarstwie musi być liczbą całkowitą'],
  [/^household size must be at least 1$/, () => 'liczba osób w gospodarstwie musi wynosić co najmniej 1'],
  [/^household size must be at most (\d+)$/, (m) => `liczba osób w gospodarstwie może wynosić najwyżej ${m[1]}`],
  [/^the polygon has no centre/, () => 'wielokąt nie ma środka (czy jest pusty?)'],
  [/^a (\w+) cannot be an address or institution point/, (m) => `${m[1]} nie może być punktem adresowym ani instytucją; użyj Point albo Polygon`],
  [/^geometry type "(.*)" is not supported/, (m) => `typ geometrii „${m[1]}” nie jest obsługiwany (obsługujemy Point, LineString, Polygon i ich wersje Multi)`],
  [/^geometry must be an object with a type$/, () => 'geometria musi być obiektem z polem type'],
  [/^the file must hold a GeoJSON object/, () => 'plik musi zawierać obiekt GeoJSON (FeatureCollection, Feature albo geometrię)'],
  [/^a FeatureCollection must have a "features" list$/, () => 'FeatureCollection musi mieć listę „features”'],
  [/^each entry of "features" must be a GeoJSON Feature$/, () => 'każdy element „features” musi być obiektem Feature'],
  [/^feature properties must be an object$/, () => 'właściwości (properties) obiektu muszą być obiektem'],
  [/^(\d+) line\(s\) have no street name and were not imported \(features (.*)\); they are listed/, (m) => `linie bez nazwy ulicy (${m[1]}) nie zostaną zaimportowane (obiekty ${m[2]})`],
  [/^this line carries several names \((.*)\); it was added to the first, "(.*)"$/, (m) => `ta linia ma kilka nazw (${m[1]}); dodano ją do pierwszej, „${m[2]}”`],
  [/^the workspace already has (.*); its line will be replaced by the imported one$/, (m) => `${m[1]} już istnieje; jej przebieg zostanie zastąpiony importowanym`],
  [/^address point left out: (.*)$/, (m) => `punkt adresowy pominięty: ${issueMessage(m[1]!, 'pl')}`],
  [/^(\d+) more problems were not listed/, (m) => `i ${m[1]} kolejnych problemów nie pokazano; popraw te powyżej i sprawdź plik ponownie`],
  [/^(the address is empty|no street of this name|this short name fits|the street is known|the address has no house number)/, (m) => matchText(m.input)],
];

const CODE_KEYS: Readonly<Record<ImportMessageCode, MessageKey>> = {
  unknown_value: 'importMsgUnknownValue',
  street_from_point: 'importMsgStreetFromPoint',
  street_far_from_point: 'importMsgStreetFarFromPoint',
  already_imported: 'importMsgAlreadyImported',
  no_household_counts: 'importMsgNoHouseholdCounts',
  household_size_default: 'importMsgHouseholdSizeDefault',
  kept_on_streets_without_addresses: 'importMsgKeptOnBareStreets',
};

export const VALUE_FIELD_KEYS: Readonly<Record<ValueMappingField, MessageKey>> = {
  needs: 'importValueFieldNeeds',
  nuisances: 'importValueFieldNuisances',
  offers: 'importValueFieldOffers',
};

/**
 * An issue in the user's language: a coded message (issue 12 onwards) from the dictionary with its parameters, an
 * older one through the English rules below. Parameters are text; the caller renders the result as text, never HTML.
 */
export function issueText(issue: Pick<ImportIssue, 'message' | 'code' | 'params'>, language: Language): string {
  if (!issue.code) return issueMessage(issue.message, language);
  const params = { ...issue.params };
  if (issue.code === 'unknown_value' && typeof params.field === 'string' && params.field in VALUE_FIELD_KEYS) {
    params.field = translate(language, VALUE_FIELD_KEYS[params.field as ValueMappingField]);
  }
  const key =
    issue.code === 'street_far_from_point' && params.nearest
      ? 'importMsgStreetFarFromPointNearest'
      : issue.code === 'no_household_counts' && params.residents
        ? 'importMsgResidentsNotHouseholds'
        : CODE_KEYS[issue.code];
  return translate(language, key, params);
}

/** The message in the user's language; English is the pipeline's own. */
export function issueMessage(message: string, language: Language): string {
  if (language === 'en') return message;
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}

const CRS_NAMES: Readonly<Record<CrsCode, Readonly<Record<Language, string>>>> = {
  'EPSG:4326': { pl: 'WGS 84 — długość i szerokość geograficzna (GPS, OpenStreetMap)', en: 'WGS 84 — longitude and latitude (GPS, OpenStreetMap)' },
  'EPSG:3857': { pl: 'Web Mercator (mapy internetowe, EPSG:3857)', en: 'Web Mercator (web maps, EPSG:3857)' },
  'EPSG:2180': { pl: 'PUWG 1992 (EPSG:2180, układ krajowy)', en: 'PUWG 1992 (EPSG:2180, national grid)' },
  'EPSG:2176': { pl: 'PUWG 2000 strefa 5 (EPSG:2176, 15°E)', en: 'PUWG 2000 zone 5 (EPSG:2176, 15°E)' },
  'EPSG:2177': { pl: 'PUWG 2000 strefa 6 (EPSG:2177, 18°E)', en: 'PUWG 2000 zone 6 (EPSG:2177, 18°E)' },
  'EPSG:2178': { pl: 'PUWG 2000 strefa 7 (EPSG:2178, 21°E)', en: 'PUWG 2000 zone 7 (EPSG:2178, 21°E)' },
  'EPSG:2179': { pl: 'PUWG 2000 strefa 8 (EPSG:2179, 24°E)', en: 'PUWG 2000 zone 8 (EPSG:2179, 24°E)' },
};

export function crsName(code: CrsCode, language: Language): string {
  return CRS_NAMES[code][language];
}

/** "PUWG 1992 (EPSG:2180, układ krajowy): 100% z 12 sprawdzonych punktów leży w Polsce". */
export function crsCandidateText(candidate: Pick<CrsCandidate, 'code' | 'axisOrder' | 'fitInPoland'>, sampled: number | undefined, language: Language): string {
  const share = Math.round(candidate.fitInPoland * 100);
  const swapped = candidate.axisOrder === 'yx';
  if (language === 'en') {
    return `${crsName(candidate.code, 'en')}${swapped ? ', axes swapped (northing/latitude first)' : ''}: ${share}%${sampled ? ` of ${sampled}` : ''} sampled points land in Poland`;
  }
  return `${crsName(candidate.code, 'pl')}${swapped ? ', osie zamienione (najpierw szerokość/północ)' : ''}: ${share}%${sampled ? ` z ${sampled}` : ''} sprawdzonych punktów leży w Polsce`;
}

/** How many points detectCrs sampled, read back from its reason ("… of 12 sampled points …"). */
export function sampledCount(reason: string): number | undefined {
  const m = /of (\d+) sampled points/.exec(reason);
  return m ? Number(m[1]) : undefined;
}

/** Why this encoding, in words: "bajty są poprawnym UTF-8". */
export function encodingReasonText(reason: string, language: Language): string {
  if (language === 'en') return reason;
  if (/byte order mark/.test(reason)) return 'plik zaczyna się znacznikiem BOM UTF-8';
  if (/valid UTF-8/.test(reason)) return 'zawartość pliku jest poprawnym UTF-8';
  if (/chosen by the user/.test(reason)) return 'kodowanie wybrane ręcznie';
  const m = /not UTF-8; (\d+) Polish letters read as ([\w-]+) against (\d+) as ([\w-]+)/.exec(reason);
  if (m) return `to nie jest UTF-8; polskich liter przy odczycie jako ${m[2]}: ${m[1]}, jako ${m[4]}: ${m[3]}`;
  if (/given as text/.test(reason)) return 'plik podano jako tekst';
  return reason;
}
