import { decodeText, detectDelimiter, suggestColumnMapping } from '../../data/import';
import type { ImportKind } from '../../domain/importing';

/** How much of the file the guess reads: the header row and a few features are enough. */
export const GUESS_HEAD_BYTES = 64 * 1024;

/**
 * Suggests what a file holds from its name and first bytes, so the kind is pre-selected (the user can change it):
 * - GeoJSON with lines → streets; with OSM house numbers → addresses, unless the features name institutions (RSPO
 *   schools: official_name, amenity, ref:rspo) → resources; other points → resources;
 * - CSV whose headers name needs, a survey date or a household size → survey answers;
 * - CSV with a name or kind column → resources; with an address or street + number → addresses.
 * Returns null when nothing fits. Pure; O(head size).
 * @example suggestImportKind('ankiety.csv', bytesOf('Adres;Data;Bezrobocie\n…')) → 'responses'
 */
export function suggestImportKind(fileName: string, head: Uint8Array): ImportKind | null {
  // Cut at the last line break so a multi-byte letter split by the slice cannot make UTF-8 look invalid.
  let end = head.length;
  if (head.length >= GUESS_HEAD_BYTES) {
    const lastNewline = head.lastIndexOf(0x0a);
    if (lastNewline > 0) end = lastNewline;
  }
  const { text } = decodeText(head.subarray(0, end));
  const isJson = /\.(geo)?json$/i.test(fileName) || (!/\.(csv|tsv|txt)$/i.test(fileName) && /^\s*[{[]/.test(text));
  if (isJson) {
    if (/"(Multi)?LineString"/.test(text)) return 'streets';
    // Institutions carry an address too (RSPO schools: addr:housenumber with official_name, amenity, ref:rspo).
    const institution = /"(amenity|official_name|ref:rspo|operator|healthcare|social_facility|office)"\s*:/.test(text);
    if (/"addr:housenumber"/.test(text) && !institution) return 'addresses';
    if (/"(Multi)?Point"|"(Multi)?Polygon"/.test(text)) return 'resources';
    return null;
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (!firstLine) return null;
  const delimiter = detectDelimiter(text);
  const headers = firstLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, ''));
  const responses = suggestColumnMapping('responses', headers) as Record<string, unknown>;
  const perItem = ['needColumns', 'nuisanceColumns', 'offerColumns'].some((k) => Object.keys((responses[k] as object | undefined) ?? {}).length > 0);
  if (perItem || responses.needsList !== undefined || (responses.date !== undefined && responses.householdSize !== undefined)) return 'responses';
  const resources = suggestColumnMapping('resources', headers) as Record<string, unknown>;
  if (resources.name !== undefined || resources.resourceKind !== undefined) return 'resources';
  const addresses = suggestColumnMapping('addresses', headers) as Record<string, unknown>;
  if (addresses.address !== undefined || (addresses.street !== undefined && addresses.houseNumber !== undefined)) return 'addresses';
  return null;
}
