import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialScriptPaths } from '../../bench/initialJs';
import { MESSAGE_AREAS } from '../../src/ui/i18n/dictionary';
import { importWizardMessagesEn } from '../../src/ui/i18n/messages/en/importWizard';
import { workspaceMessagesEn } from '../../src/ui/i18n/messages/en/workspace';
import { reportMessages } from '../../src/ui/i18n/messages/report';
import { buildApp } from './support/buildApp';
import { DEMO_PRELOAD_SCRIPT_ID } from '../../data/demoMapPlugin';

/**
 * The `window.__calmap…` hooks the end-to-end tests read (the map instance, the explore snapshot, the report state)
 * are compiled in only when tests/e2e/support/buildApp.ts defines import.meta.env.CALMAP_TEST_HOOKS; every other build
 * takes vite.config.ts's `false`, and the bundler drops the code under `if (import.meta.env.CALMAP_TEST_HOOKS)`.
 * This builds the app as production is built and reads every file of it. (The other e2e files, which read the hooks,
 * prove the test build has them.)
 */

let dist = '';
const filesOf = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));

beforeAll(async () => {
  dist = await buildApp({ testHooks: false });
});
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the production bundle', () => {
  it('holds no window.__calmap… test hook, in any script, the service worker included', () => {
    const scripts = filesOf(dist).filter((f) => /\.(m?js|html)$/.test(f));
    const text = scripts.map((f) => readFileSync(f, 'utf8'));
    // Not vacuous: the scripts are there and hold the code right beside the hooks (the map-ready mark and attribute).
    expect(scripts.length).toBeGreaterThan(3);
    expect(text.some((t) => t.includes('calmap:map-drawn'))).toBe(true);
    expect(text.some((t) => t.includes('calmap:explore-recoloured'))).toBe(true);
    const withHooks = scripts.filter((_, i) => /__calmap/.test(text[i]!)).map((f) => f.slice(dist.length + 1));
    expect(withHooks).toEqual([]);
  });

  it('loads no English word and no word of the import wizard or the report with the first paint, only when needed', () => {
    // The first paint's scripts: the entry and the modulepreloads of index.html (as bench/firstPaint.bench.ts counts them).
    const initial = initialScriptPaths(readFileSync(join(dist, 'index.html'), 'utf8')).map((path) => readFileSync(join(dist, path), 'utf8'));
    const lazy = filesOf(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    // vite.config.ts puts every module of the first paint into the entry chunk (one file, one gzip stream); the lazy
    // chunks are the rest.
    expect(initial.length).toBeGreaterThanOrEqual(1);
    expect(lazy.length).toBeGreaterThan(initial.length);
    // Sentences as they are in the source (JSON.stringify escapes as the bundler does for plain ASCII and Polish letters).
    const words = { english: workspaceMessagesEn.resetDemo, englishOfAScreen: importWizardMessagesEn.importIntro, report: reportMessages.reportLoading };
    for (const [what, text] of Object.entries(words)) {
      expect(initial.some((code) => code.includes(text)), `${what}: "${text}" in the initial JS`).toBe(false);
      expect(lazy.some((code) => code.includes(text)), `${what}: "${text}" in a lazy chunk`).toBe(true);
    }
    // Not vacuous: the Polish words of the map are in the first paint's scripts.
    expect(initial.some((code) => code.includes(MESSAGE_AREAS.workspace.resetDemo))).toBe(true);
  });

  it('asks in index.html for the demo town files and the label glyphs, so they load beside the JavaScript (issue #16)', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    // The glyphs every first map asks for, as links, each a file the build serves.
    const glyphs = [...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(glyphs).toEqual(['/fonts/NotoSans-Bold/0-255.pbf', '/fonts/NotoSans-Bold/256-511.pbf']);
    for (const href of glyphs) expect(readFileSync(join(dist, href)).length).toBeGreaterThan(1000);
    // The demo town's files through the inline script (not for partners: tests/data/embedded/demoBuild.test.ts), every
    // JSON asset the build made from data/demo (the larger ones; small files are inlined into the script).
    const script = new RegExp(`<script id="${DEMO_PRELOAD_SCRIPT_ID}">([^<]+)</script>`).exec(html)?.[1] ?? '';
    const preloaded = [...script.matchAll(/"(\/assets\/[^"]+\.json)"/g)].map((m) => m[1]!).sort();
    const demoAssets = readdirSync(join(dist, 'assets')).filter((f) => /^(addresses|areas|campaigns|events|groups|programmes|resources|responses|streets)-[\w-]+\.json$/.test(f));
    expect(demoAssets.length).toBeGreaterThanOrEqual(4); // not vacuous: addresses, responses, streets, areas at least
    expect(preloaded).toEqual(demoAssets.map((f) => `/assets/${f}`).sort());
    expect(html).not.toMatch(/<link[^>]+\/assets\/[^"]+\.json/); // never a static link: partners would fetch it
  });
});
