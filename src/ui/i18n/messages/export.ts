import { polish } from './bilingual';

/** Exports: the map's export menu and its dialogs, and the workspace file. */
export const exportMessages = polish(
  {
    exportWorkspace: 'Eksportuj obszar roboczy',
    exportMenu: 'Eksport',
    exportPng: 'Mapa jako obraz PNG (z legendą)',
    exportCsv: 'Dane obszarów: CSV (Excel)',
    exportCsvDot: 'Dane obszarów: CSV (kropka dziesiętna)',
    exportColUnitId: 'Identyfikator jednostki',
    exportColName: 'Nazwa',
    exportColHouseholds: 'Gospodarstwa domowe',
    exportColResponses: 'Ankiety',
    exportColResponseRate: 'Zwrot ankiet [%]',
    exportColValue: '{measure} [%]',
    exportColLower: 'Dolna granica przedziału 95% [%]',
    exportColUpper: 'Górna granica przedziału 95% [%]',
    exportColSuppressed: 'Ukryte: mniej niż {k} {k, plural, one {ankieta} few {ankiety} many {ankiet} other {ankiety}} (1 = tak)',
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
);
