/**
 * The dictionary is split by language so that the English words load only when English is chosen (issue #16: the
 * first chunk). Each area is two files: `<area>.ts` holds the Polish, built by `polish`, and `en/<area>.ts` the
 * English, built by `english<typeof <area>Messages>`, which must have exactly the Polish keys (a missing or extra key
 * does not compile). dictionary.ts joins the Polish areas; english.ts, imported lazily, the English ones.
 * @example
 * // map.ts
 * export const mapMessages = polish({ layers: 'Warstwy' });
 * // en/map.ts
 * export const mapMessagesEn = english<typeof mapMessages>({ layers: 'Layers' });
 */
export function polish<const P extends Readonly<Record<string, string>>>(pl: P): { readonly [K in keyof P]: string } {
  return pl;
}

/** The English of a Polish area: exactly its keys, each a string. */
export type EnglishOf<P> = { readonly [K in keyof P]: string };

/** Builds an area's English; `P` is the type of its Polish (`english<typeof mapMessages>({...})`). */
export function english<P>(en: EnglishOf<P>): EnglishOf<P> {
  return en;
}
