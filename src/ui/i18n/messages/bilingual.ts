/**
 * One area's messages in both languages. `en` must have exactly the keys of `pl` (a missing or extra key does not
 * compile), so every file under messages/ is complete by construction; dictionary.ts joins the areas into one
 * dictionary and its test checks that no key is defined by two areas and that placeholders agree.
 * @example export const mapMessages = bilingual({ layers: 'Warstwy' }, { layers: 'Layers' });
 */
export function bilingual<const P extends Readonly<Record<string, string>>>(pl: P, en: { readonly [K in keyof P]: string }): { pl: { readonly [K in keyof P]: string }; en: { readonly [K in keyof P]: string } } {
  return { pl, en };
}
