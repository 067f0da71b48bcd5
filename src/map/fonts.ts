/**
 * Font stacks of the map's labels. Their SDF glyph PBFs are generated from Noto Sans (OFL) by
 * scripts/generate-glyphs.ts into public/fonts/<stack>/<range>.pbf and served by the app itself,
 * so labels (with ą ć ę ł ń ó ś ź ż) need no network.
 */
export const FONT_REGULAR = ['NotoSans-Regular'];
export const FONT_BOLD = ['NotoSans-Bold'];

/**
 * The style's `glyphs` URL for glyphs served from the app's own origin. MapLibre wants an absolute URL with
 * the `{fontstack}` and `{range}` tokens left as they are.
 * @example glyphsUrl('http://127.0.0.1:5173', '/') → 'http://127.0.0.1:5173/fonts/{fontstack}/{range}.pbf'
 */
export function glyphsUrl(origin: string, baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${origin}${base.startsWith('/') ? '' : '/'}${base}fonts/{fontstack}/{range}.pbf`;
}
