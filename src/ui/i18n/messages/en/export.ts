import { english } from '../bilingual';
import type { exportMessages } from '../export';

/** export.ts in English: exactly its keys (a key missing or extra here does not compile). */
export const exportMessagesEn = english<typeof exportMessages>(
  {
    exportWorkspace: 'Export workspace',
    exportMenu: 'Export',
    exportPng: 'Map as a PNG image (with legend)',
    exportCsv: 'Area data: CSV (Excel)',
    exportCsvDot: 'Area data: CSV (decimal point)',
    exportColUnitId: 'Unit id',
    exportColName: 'Name',
    exportColHouseholds: 'Households',
    exportColResponses: 'Survey answers',
    exportColResponseRate: 'Response rate [%]',
    exportColValue: '{measure} [%]',
    exportColLower: 'Lower bound of the 95% interval [%]',
    exportColUpper: 'Upper bound of the 95% interval [%]',
    exportColSuppressed: 'Hidden: fewer than {k} answers (1 = yes)',
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
