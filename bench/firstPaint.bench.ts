import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/browser';
import { buildApp } from '../tests/e2e/support/buildApp';
import { startStaticServer } from '../tests/e2e/support/staticServer';
import { initialJsOf } from './initialJs';
import { fmtMs, fmtRatio, median, printMachine, recordFailedCheck } from './measure';
import { recordTarget } from './targets';

/**
 * Issue #16 item 1: what a planner waits for when the app opens. Builds the app as production is built (no test hooks,
 * tests/e2e/support/buildApp.ts into a temporary folder), serves it on 127.0.0.1, and opens it in Debian's Chromium
 * (headless, no GPU) in a fresh context each time — no HTTP cache, no service worker, no IndexedDB from an earlier run.
 * Per run, from navigation start (the page's performance.timeOrigin):
 *  - HTML parsed: domInteractive;  JS loaded: the last initial script's responseEnd;
 *  - data fetched: the last fetch of a build asset (the demo town) ending; data ready: `calmap:data-loaded` (validated);
 *  - worker ready: the end of `calmap:analysis-init` (the analysis worker holds the town);
 *  - town painted: `calmap:map-painted` (`<body data-map-painted>`: the build's town geometry drawn before the
 *    workspace is loaded, src/data/firstPaint.ts); map ready: `calmap:map-drawn` (`<body data-map-ready="true">`:
 *    drawn with the loaded workspace); first drawn map: the earlier of the two;
 *  - coloured map: `calmap:explore-recoloured` (`<body data-need-map-drawn="true">`: the first need map drawn).
 * Median of RUNS runs after one discarded warm-up. Also the initial JavaScript (entry + modulepreloads of index.html,
 * each gzip -9). With `FIRST_PAINT_BASELINE=<dist folder>` (another revision's `vite build`), the runs alternate
 * between that build and this one and the table shows both, with the ratio: the "naive way" is the build before.
 */

const RUNS = 5;
const TIMEOUT_MS = 60_000;

/** Milliseconds after navigation start; NaN when the step did not happen. */
interface Timeline {
  htmlParsed: number;
  jsLoaded: number;
  /** The town's geometry drawn from the build's files, before the workspace (`calmap:map-painted`); NaN without. */
  mapPainted: number;
  dataFetched: number;
  dataReady: number;
  workerReady: number;
  /** The map drawn with the loaded workspace (`calmap:map-drawn`, <body data-map-ready>). */
  mapReady: number;
  /** The first drawn map: the earlier of mapPainted and mapReady. */
  firstMap: number;
  colouredMap: number;
}

const STEPS: readonly [keyof Timeline, string][] = [
  ['htmlParsed', 'HTML parsed'],
  ['jsLoaded', 'JS loaded'],
  ['dataFetched', 'data fetched'],
  ['dataReady', 'data validated'],
  ['mapPainted', 'town painted from the build'],
  ['workerReady', 'worker ready'],
  ['mapReady', 'map drawn with the workspace'],
  ['firstMap', 'first drawn map'],
  ['colouredMap', 'first coloured need map'],
];

interface Build {
  name: string;
  dist: string;
  initialJsGzipBytes: number;
  origin: string;
  runs: Timeline[];
}

/**
 * Runs in the page (a string: tsx's helpers do not exist there): the Timeline of this navigation, from the
 * navigation and resource timing entries and the app's performance marks.
 */
const TIMELINE_IN_PAGE = `function (scripts) {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const first = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  const pathOf = (url) => new URL(url).pathname;
  const ends = (keep) => resources.filter(keep).reduce((latest, r) => Math.max(Number.isNaN(latest) ? -Infinity : latest, r.responseEnd), NaN);
  const init = performance.getEntriesByName('calmap:analysis-init')[0];
  const dataReady = first('calmap:data-loaded');
  return {
    htmlParsed: nav.domInteractive,
    jsLoaded: ends((r) => scripts.includes(pathOf(r.name))),
    // The demo town's files: build assets fetched by the app or preloaded by index.html (<link rel=preload as=fetch>),
    // that ended before the loaded workspace was marked.
    dataFetched: ends((r) => (r.initiatorType === 'fetch' || (r.initiatorType === 'link' && pathOf(r.name).endsWith('.json'))) && pathOf(r.name).startsWith('/assets/') && !(r.responseEnd > dataReady)),
    dataReady,
    workerReady: init ? init.startTime + init.duration : NaN,
    mapPainted: first('calmap:map-painted'),
    mapReady: first('calmap:map-drawn'),
    firstMap: Math.min(...[first('calmap:map-painted'), first('calmap:map-drawn')].filter((t) => !Number.isNaN(t))),
    colouredMap: first('calmap:explore-recoloured'),
  };
}`;

async function measureOnce(browser: Browser, origin: string, initialScripts: readonly string[]): Promise<Timeline> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-map-ready="true"]', { state: 'attached', timeout: TIMEOUT_MS });
    // <body data-need-map-drawn>; a baseline build older than that attribute has only the performance mark.
    await page.waitForFunction("document.body.dataset.needMapDrawn === 'true' || performance.getEntriesByName('calmap:explore-recoloured').length > 0", undefined, { timeout: TIMEOUT_MS, polling: 20 });
    return (await page.evaluate(`(${TIMELINE_IN_PAGE})(${JSON.stringify(initialScripts)})`)) as Timeline;
  } finally {
    await context.close();
  }
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const show = (ms: number): string => (Number.isNaN(ms) ? '—' : fmtMs(ms));

function initialJsOfDist(dist: string): { gzipBytes: number; scripts: string[]; lines: string[] } {
  const js = initialJsOf(readFileSync(join(dist, 'index.html'), 'utf8'), (path) => readFileSync(join(dist, path)));
  return {
    gzipBytes: js.gzipBytes,
    scripts: js.files.map((f) => f.path),
    lines: js.files.map((f) => `  ${f.path}: ${kB(f.bytes)} → ${kB(f.gzipBytes)} gz`),
  };
}

export async function main(): Promise<void> {
  printMachine(['playwright-core', 'vite', 'maplibre-gl', 'react-dom', 'zod']);
  const chromium = await launchChromium();
  console.log(`browser: Debian Chromium ${chromium.version()} (headless, --disable-gpu), ${RUNS} fresh contexts per build, median, after one warm-up`);
  const dist = await buildApp({ testHooks: false });
  const baselineDist = process.env.FIRST_PAINT_BASELINE;
  const builds: (Build & { scripts: string[] })[] = [];
  const servers = [];
  try {
    for (const [name, folder] of [...(baselineDist ? [['baseline', baselineDist] as const] : []), ['this build', dist] as const]) {
      const js = initialJsOfDist(folder);
      console.log(`initial JS of ${name} (${folder}): ${kB(js.gzipBytes)} gz (gzip -9)\n${js.lines.join('\n')}`);
      const server = await startStaticServer(folder);
      servers.push(server);
      builds.push({ name, dist: folder, initialJsGzipBytes: js.gzipBytes, origin: server.origin, runs: [], scripts: js.scripts });
    }
    for (const build of builds) await measureOnce(chromium, build.origin, build.scripts);
    // Alternate the builds run by run, so that a slower minute of the shared machine falls on both.
    for (let run = 0; run < RUNS; run++) for (const build of builds) build.runs.push(await measureOnce(chromium, build.origin, build.scripts));

    console.log(`\n| step (ms after navigation, median of ${RUNS}) | ${builds.map((b) => b.name).join(' | ')} |${builds.length > 1 ? ' baseline ÷ this |' : ''}`);
    console.log(`|---|${builds.map(() => '---:|').join('')}${builds.length > 1 ? '---:|' : ''}`);
    for (const [key, label] of STEPS) {
      const values = builds.map((b) => median(b.runs.map((r) => r[key])));
      const ratio = values.length > 1 ? ` ${fmtRatio(values[0]! / values[1]!)} |` : '';
      console.log(`| ${label} | ${values.map(show).join(' | ')} |${ratio}`);
    }
    console.log(`| initial JS, gzip -9 | ${builds.map((b) => kB(b.initialJsGzipBytes)).join(' | ')} |${builds.length > 1 ? ` ${fmtRatio(builds[0]!.initialJsGzipBytes / builds[1]!.initialJsGzipBytes)} |` : ''}`);
    const current = builds[builds.length - 1]!;
    for (const run of current.runs) console.log(`  run: ${STEPS.map(([key, label]) => `${label} ${show(run[key])}`).join(', ')}`);

    const firstMap = median(current.runs.map((r) => r.firstMap));
    const coloured = median(current.runs.map((r) => r.colouredMap));
    if (Number.isNaN(firstMap) || Number.isNaN(coloured)) recordFailedCheck('firstPaint: a run never marked its first map or its coloured need map');
    recordTarget({ what: `first drawn map, demo town, median of ${RUNS}`, measured: Math.round(firstMap), goal: 1500, unit: 'ms', source: '#16 item 1' });
    recordTarget({ what: `first coloured need map, demo town, median of ${RUNS}`, measured: Math.round(coloured), goal: 2000, unit: 'ms', source: '#16 item 1' });
    recordTarget({ what: 'initial JS (entry + modulepreloads, gzip -9)', measured: Math.round(current.initialJsGzipBytes / 100) / 10, goal: 450, unit: 'kB gz', source: '#16 item 1' });
  } finally {
    await chromium.close();
    for (const server of servers) await server.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { reportTargets } = await import('./targets');
  const { reportFailedChecks } = await import('./measure');
  await main();
  reportTargets();
  process.exitCode = reportFailedChecks();
}
