import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { isDeepStrictEqual } from 'node:util';
import { collectionFileName, loadDemoWorkspace, parseCollectionFile, sha256Hex } from '../src/data/embedded/demoLoader';
import { COLLECTION_NAMES } from '../src/domain';
import { FIRST_PAINT_SOURCES, type FirstPaintMap, type FirstPaintSource } from '../src/data/firstPaint';
import { buildMapData } from '../src/map/mapData';
import { CURRENT_WORKSPACE_KEY, DEMO_WORKSPACE_ID } from '../src/data/embedded/workspaceRegistry';
import { PARTNER_HASH } from '../src/ui/shell/partnerRoute';

export const DEMO_MAP_MODULE = 'virtual:demo-map';
export const DEMO_DIGESTS_MODULE = 'virtual:demo-digests';
const RESOLVED = `\0${DEMO_MAP_MODULE}`;
const RESOLVED_DIGESTS = `\0${DEMO_DIGESTS_MODULE}`;

/**
 * SHA-256 of each data/demo collection file whose records all pass their zod schema (ids unique) and come out of it
 * exactly as written (no default filled, nothing transformed): the browser may then read that file with JSON.parse
 * alone (demoLoader.ts TrustDemoFile). A file that fails either test gets no digest and is validated at run time.
 */
export async function validatedDemoDigests(demoDir: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const collection of COLLECTION_NAMES) {
    const fileName = collectionFileName(collection);
    const text = await readFile(join(demoDir, fileName), 'utf8');
    const parsed = parseCollectionFile(collection, fileName, text);
    if (parsed.issues.length === 0 && isDeepStrictEqual(parsed.records, JSON.parse(text))) digests[fileName] = await sha256Hex(text);
  }
  return digests;
}

/**
 * The demo town's map sources drawn at first paint (FIRST_PAINT_SOURCES) as GeoJSON files and their bounds, made from data/demo with the app's own code: the
 * files are read and validated by the same loader as in the browser (demoLoader.ts, the zod schemas of src/domain),
 * and turned into map sources by the same buildMapData (src/map/mapData.ts). Any problem in the demo data fails the
 * build instead of shipping a first paint that differs from the town loaded after it.
 */
export async function buildDemoMap(demoDir: string): Promise<{ files: Record<FirstPaintSource, string>; bounds: [number, number, number, number] }> {
  const { workspace, issues } = await loadDemoWorkspace((fileName) => readFile(join(demoDir, fileName), 'utf8'));
  if (issues.length > 0) throw new Error(`data/demo is not valid, no first-paint map built: ${issues.slice(0, 5).map((i) => `${i.source} ${i.row ?? ''} ${i.field}: ${i.message}`).join('; ')}`);
  const mapData = buildMapData(workspace);
  if (!mapData.bounds) throw new Error('data/demo draws nothing: no first-paint map built');
  const files = Object.fromEntries(FIRST_PAINT_SOURCES.map((key) => [key, JSON.stringify(mapData[key])])) as Record<FirstPaintSource, string>;
  const bounds = mapData.bounds;
  return { files, bounds };
}

/**
 * `import demoDigests from 'virtual:demo-digests'`: validatedDemoDigests of data/demo (null under `vite dev` and in
 * Supabase builds). `import DEMO_MAP from 'virtual:demo-map'`: in a build with the demo town (not one for a centre's Supabase server),
 * a FirstPaintMap whose files are emitted as `assets/demo-map-<source>-<hash>.geojson`; `null` under `vite dev` and
 * in Supabase builds, where the app draws the map from the loaded workspace only.
 */
export function demoMapPlugin(options: { demoDir: string; enabled: boolean }): Plugin {
  let serving = false;
  let base = '/';
  return {
    name: 'calmap-demo-map',
    configResolved(config) {
      serving = config.command === 'serve';
      base = config.base;
    },
    resolveId: (id) => (id === DEMO_MAP_MODULE ? RESOLVED : id === DEMO_DIGESTS_MODULE ? RESOLVED_DIGESTS : undefined),
    async load(id) {
      if (id === RESOLVED_DIGESTS) return serving || !options.enabled ? 'export default null;' : `export default ${JSON.stringify(await validatedDemoDigests(options.demoDir))};`;
      if (id !== RESOLVED) return undefined;
      if (serving || !options.enabled) return 'export default null;';
      const { files, bounds } = await buildDemoMap(options.demoDir);
      const paths: Record<string, string> = {};
      for (const [key, text] of Object.entries(files)) {
        const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
        const fileName = `assets/demo-map-${key}-${hash}.geojson`;
        this.emitFile({ type: 'asset', fileName, source: text });
        paths[key] = fileName;
      }
      const urls = Object.entries(paths).map(([key, fileName]) => `${JSON.stringify(key)}: import.meta.env.BASE_URL + ${JSON.stringify(fileName)}`);
      return `export default { urls: { ${urls.join(', ')} }, bounds: ${JSON.stringify(bounds)} };`;
    },
    // The demo town's files and the label glyphs every first map draws, asked for by index.html itself: the browser
    // fetches them while the JavaScript loads, and the app's fetch (same URL, mode and credentials) takes the preloaded
    // response instead of asking only once its modules have run (issue #16). The demo's files only where the app will
    // read them: a small inline script adds their preloads unless the page is a partner's (`/s/<token>`, `#partner`:
    // never the planner's data on the wire) or another workspace than the demo is open in this browser.
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (serving || !options.enabled || !ctx.bundle) return undefined;
        const demoFiles = Object.values(ctx.bundle)
          .filter((out) => out.type === 'asset' && out.originalFileNames.some((name) => DEMO_COLLECTION_FILE.test(name)))
          .map((out) => `${base}${out.fileName}`)
          .sort();
        const glyphs = FIRST_MAP_GLYPHS.map((path) => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: `${base}${path}` }, injectTo: 'head' as const }));
        return [...glyphs, { tag: 'script', attrs: { id: DEMO_PRELOAD_SCRIPT_ID }, children: demoPreloadScript(demoFiles, base), injectTo: 'head' as const }];
      },
    },
  };
}

/** The id of index.html's inline script that preloads the demo town's files (tests find it by this id). */
export const DEMO_PRELOAD_SCRIPT_ID = 'calmap-demo-preload';

/**
 * The inline script (a classic script: it runs while index.html is parsed, before any module) that adds a low-priority
 * `<link rel=preload as=fetch crossorigin>` for each of `files`, unless the page is a partner's or the browser has
 * another workspace than the demo open (src/ui/shell/partnerRoute.ts, src/data/embedded/workspaceRegistry.ts).
 * Only constants of the build go into it.
 */
export function demoPreloadScript(files: readonly string[], base: string): string {
  return `(function(){try{var b=${JSON.stringify(base)},h=location.hash,w=null;if(location.pathname.indexOf(b+"s/")===0||h===${JSON.stringify(PARTNER_HASH)}||h.indexOf(${JSON.stringify(`${PARTNER_HASH}/`)})===0)return;try{w=localStorage.getItem(${JSON.stringify(CURRENT_WORKSPACE_KEY)})}catch(e){}if(w&&w!==${JSON.stringify(DEMO_WORKSPACE_ID)})return;${JSON.stringify(files)}.forEach(function(f){var l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.setAttribute("fetchpriority","low");l.href=f;document.head.appendChild(l)})}catch(e){}})();`;
}

/** A collection file of data/demo (manifest.json describes the generator run and is never fetched). */
const DEMO_COLLECTION_FILE = /(^|\/)data\/demo\/(?!manifest\.json$)[^/]+\.json$/;
/** Glyph ranges of the map's bold labels (street and area names: Latin and the Polish letters of Latin Extended-A). */
const FIRST_MAP_GLYPHS = ['fonts/NotoSans-Bold/0-255.pbf', 'fonts/NotoSans-Bold/256-511.pbf'];

export type { FirstPaintMap };
