import type { Language } from '../../i18n/dictionary';

/**
 * Words of the export menu and its dialogs, Polish first. Kept beside the menu (not in the shared dictionary)
 * because no other view uses them; typed so both languages have every key.
 */
const pl = {
  menu: 'Eksport',
  png: 'Mapa jako obraz PNG (z legendą)',
  csv: 'Dane obszarów: CSV (Excel)',
  csvDot: 'Dane obszarów: CSV (kropka dziesiętna)',
  geojson: 'Dane obszarów: GeoJSON (GIS)',
  raw: 'Surowe odpowiedzi ankiet (CSV)…',
  notReady: 'Poczekaj, aż mapa policzy dane.',
  pngFailed: 'Nie udało się zapisać obrazu mapy: {reason}',
  rawTitle: 'Dane wrażliwe — tylko wewnątrz ośrodka',
  rawBody:
    'Plik zawiera odpowiedzi pojedynczych gospodarstw domowych z adresami i położeniem. To dane osobowe (RODO): przechowuj je tylko na komputerach ośrodka, nie wysyłaj e-mailem ani partnerom, usuń po zakończeniu analizy. Partnerom przekazuj wyłącznie dane obszarów.',
  rawConfirm: 'Rozumiem, pobierz',
  cancel: 'Anuluj',
  attribution: 'CAL Map · {source}',
} as const;

type Key = keyof typeof pl;

const en: Readonly<Record<Key, string>> = {
  menu: 'Export',
  png: 'Map as a PNG image (with legend)',
  csv: 'Area data: CSV (Excel)',
  csvDot: 'Area data: CSV (decimal point)',
  geojson: 'Area data: GeoJSON (GIS)',
  raw: 'Raw survey answers (CSV)…',
  notReady: 'Wait until the map has computed the data.',
  pngFailed: 'Could not save the map image: {reason}',
  rawTitle: 'Sensitive data — inside the centre only',
  rawBody:
    "The file holds single households' answers with addresses and locations. This is personal data (GDPR): keep it on the centre's computers only, do not e-mail it or give it to partners, delete it when the analysis is done. Give partners area data only.",
  rawConfirm: 'I understand, download',
  cancel: 'Cancel',
  attribution: 'CAL Map · {source}',
};

const TEXT: Readonly<Record<Language, Readonly<Record<Key, string>>>> = { pl, en };

export function exportText(language: Language, key: Key, params: Readonly<Record<string, string>> = {}): string {
  return TEXT[language][key].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}
