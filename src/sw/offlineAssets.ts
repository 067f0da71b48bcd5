import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { FONT_BOLD, FONT_REGULAR, glyphsUrl } from '../map/fonts';

/**
 * The demo town's files, by the same glob as src/data/embedded/bundledDemoFiles.ts (Vite emits each asset once, so
 * both get the same URLs). Listed here because the largest (responses, addresses) may still be downloading when the
 * worker takes over, and would then be neither intercepted nor in the page's list of loaded files.
 */
const DEMO_ASSET_URLS = import.meta.glob<string>(['../../data/demo/*.json', '!../../data/demo/manifest.json'], {
  query: '?url',
  import: 'default',
  eager: true,
});

/**
 * Files the app needs later that its first page may not have loaded: a volunteer who only ever opened `#ankieta`
 * online must still be able to open the map offline. The MapLibre worker script (the same asset MapView points
 * MapLibre at; Vite emits it once) and the map's label glyphs: every stack × the three ranges that
 * scripts/generate-glyphs.ts writes to public/fonts (GLYPH_RANGES there: Latin, Polish letters, punctuation).
 * With `includeDemoTown` (the embedded DataSource), the demo town's JSON too. Absolute URLs on this origin; small
 * files that Vite inlined as data: URLs are left out (they are inside the JavaScript already).
 */
export function laterAssetUrls(origin: string, baseUrl: string, includeDemoTown: boolean): string[] {
  const glyphs = glyphsUrl(origin, baseUrl);
  const ranges = ['0-255', '256-511', '8192-8447'];
  const stacks = [...FONT_REGULAR, ...FONT_BOLD];
  const demo = includeDemoTown ? Object.values(DEMO_ASSET_URLS).filter((url) => !url.startsWith('data:')) : [];
  return [
    new URL(maplibreWorkerUrl, origin).href,
    ...demo.map((url) => new URL(url, origin).href),
    ...stacks.flatMap((stack) => ranges.map((range) => glyphs.replace('{fontstack}', encodeURIComponent(stack)).replace('{range}', range))),
  ];
}
