import { bilingual } from './bilingual';

/** Exports: the map's export menu and its dialogs, and the workspace file. */
export const exportMessages = bilingual(
  {
    exportWorkspace: 'Eksportuj obszar roboczy',
    exportMenu: 'Eksport',
    exportPng: 'Mapa jako obraz PNG (z legendą)',
    exportCsv: 'Dane obszarów: CSV (Excel)',
    exportCsvDot: 'Dane obszarów: CSV (kropka dziesiętna)',
    exportGeojson: 'Dane obszarów: GeoJSON (GIS)',
    exportRaw: 'Surowe odpowiedzi ankiet (CSV)…',
    exportNotReady: 'Poczekaj, aż mapa policzy dane.',
    exportPngFailed: 'Nie udało się zapisać obrazu mapy: {reason}',
    exportRawTitle: 'Dane wrażliwe — tylko wewnątrz ośrodka',
    exportRawBody:
      'Plik zawiera odpowiedzi pojedynczych gospodarstw domowych z adresami i położeniem. To dane osobowe (RODO): przechowuj je tylko na komputerach ośrodka, nie wysyłaj e-mailem ani partnerom, usuń po zakończeniu analizy. Partnerom przekazuj wyłącznie dane obszarów.',
    exportRawConfirm: 'Rozumiem, pobierz',
    exportCancel: 'Anuluj',
    exportAttribution: 'CAL Map · {source}',
  },
  {
    exportWorkspace: 'Export workspace',
    exportMenu: 'Export',
    exportPng: 'Map as a PNG image (with legend)',
    exportCsv: 'Area data: CSV (Excel)',
    exportCsvDot: 'Area data: CSV (decimal point)',
    exportGeojson: 'Area data: GeoJSON (GIS)',
    exportRaw: 'Raw survey answers (CSV)…',
    exportNotReady: 'Wait until the map has computed the data.',
    exportPngFailed: 'Could not save the map image: {reason}',
    exportRawTitle: 'Sensitive data — inside the centre only',
    exportRawBody:
      "The file holds single households' answers with addresses and locations. This is personal data (GDPR): keep it on the centre's computers only, do not e-mail it or give it to partners, delete it when the analysis is done. Give partners area data only.",
    exportRawConfirm: 'I understand, download',
    exportCancel: 'Cancel',
    exportAttribution: 'CAL Map · {source}',
  },
);
