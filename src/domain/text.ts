/**
 * Polish text folded for searching and for file and record names, one way everywhere: the import matching street
 * names, the search boxes, the address book, export file names, workspace ids and programme slugs.
 */

/** Lower case without diacritics: "Łąkowa" → "lakowa" (Ł has no decomposition, so it is mapped by hand). */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}

/** What a search compares: folded, runs of white space made one space, trimmed ("  Świetlica  Nr 2" → "swietlica nr 2"). */
export const searchKey = (text: string): string => foldDiacritics(text).replace(/\s+/g, ' ').trim();

/**
 * A lower-case ASCII slug, safe in file names, URLs and database names: "Kolejowe – nasze podwórko" →
 * "kolejowe-nasze-podworko"; at most `maxLength` characters; '' when nothing is left.
 */
export function slugOf(text: string, maxLength = Infinity): string {
  return foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}
