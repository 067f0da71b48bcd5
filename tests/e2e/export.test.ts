import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { NeedMapQuery, OfferMapQuery, UnitChoice } from '../../src/domain/analysisRequest';
import { launchChromium } from './support/browser';
import { pngPixels } from './support/pixels';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * Issue 6 part 4 in Debian's Chromium on the embedded default: the "Eksport" menu on the map view for wave 1, the
 * need "Samotność i potrzeby seniorów", unit street. The aggregates CSV (Polish Excel: BOM, `;`, decimal comma) and
 * GeoJSON hold the engine's numbers as computed here in Node on the same demo files, with suppressed streets (< k
 * answers) empty; the PNG is the map canvas in device pixels (legend and attribution are drawn INTO it, no extra
 * area — mapImage.ts) and not blank; raw answers come only after the GDPR dialog, with one row per wave answer.
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const DEMO = join(REPO_ROOT, 'data/demo');
const WAVE_1 = 'campaign-2025-w1';
const NEED = 'loneliness_seniors';
const K = 5;
const MAP_BACKGROUND = [0xf3, 0xf1, 0xec] as const; // src/map/palette.ts, no basemap in tests
// The CSV's column names, in words a planner reads: the measure and the wave named in the value's column; rates in %.
const HEADER = [
  'Identyfikator jednostki',
  'Nazwa',
  'Gospodarstwa domowe',
  'Ankiety',
  'Zwrot ankiet [%]',
  'Odsetek gospodarstw wskazujących: Samotność i potrzeby seniorów, fala 1 (2025) [%]',
  'Dolna granica przedziału 95% [%]',
  'Górna granica przedziału 95% [%]',
  `Ukryte: mniej niż ${K} ankiet (1 = tak)`,
];

let server: StaticServer;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dist = await buildApp();
  server = await startStaticServer(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(`expected an answer, got: ${r.message}`);
  return r.value;
};

/** RFC 4180 with a chosen separator: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A CSV number with a decimal comma → number; '' → null. Fails on a decimal point (not Polish Excel). */
function plNumber(field: string): number | null {
  if (field === '') return null;
  expect(field).toMatch(/^-?\d+(,\d+)?$/);
  return Number(field.replace(',', '.'));
}

/** What the CSV writes for an engine number: at most six decimals (csvFormat.ts). */
const six = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(6)));
/** What the CSV writes for an engine share: a percentage with two decimals (aggregatesCsv.ts). */
const pct = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10000) / 100);

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const path = await d.path();
  return { download: d, bytes: readFileSync(path) };
}

async function openMenu(page: Page) {
  if ((await page.locator('.export-button').getAttribute('aria-expanded')) !== 'true') await page.click('.export-button');
  await page.locator('.export-menu').waitFor({ state: 'visible' });
}

describe('the planner exports the map view', () => {
  it('downloads aggregates as CSV and GeoJSON with the engine numbers, the map as PNG, and raw answers only after a GDPR warning', { timeout: 180_000 }, async () => {
    const session = createExploreSession({ streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput);
    const unit = UnitChoice.parse({ kind: 'street' });
    const layer = session.layer(unit);
    const expected = value(session.needMap(NeedMapQuery.parse({ unit, campaignId: WAVE_1, selection: { kind: 'need', needId: NEED }, minResponses: K })));
    const waveResponses = (read('responses') as Array<{ campaignId: string }>).filter((r) => r.campaignId === WAVE_1).length;
    const suppressedCount = Array.from(expected.suppressed).filter((s) => s === 1).length;
    expect(suppressedCount).toBeGreaterThan(0); // the street layer of wave 1 has streets below k: the check below bites

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, locale: 'pl-PL', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const started = Date.now();
    const step = (what: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(server.origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    await page.selectOption('#explore-wave', WAVE_1);
    await page.selectOption('#explore-need', NEED);
    await page.check('input[name="explore-unit"][value="street"]');
    // The map shows exactly the engine's answer before anything is exported.
    const expectedValues = Array.from(expected.values, (v) => (Number.isNaN(v) ? null : Number(v.toFixed(9))));
    await expect
      .poll(async () => page.evaluate(() => {
        const s = window.__calmap?.explore;
        return s && s.unitKind === 'street' && s.campaignId === 'campaign-2025-w1' ? s.values.map((v) => (v === null || Number.isNaN(v) ? null : Number(v.toFixed(9)))) : null;
      }), { timeout: 15_000 })
      .toEqual(expectedValues);
    await page.evaluate(() => new Promise((resolve) => {
      const map = window.__calmap!.map;
      map.once('idle', resolve);
      map.triggerRepaint(); // 'idle' fires again only after a frame
    }));
    step('map coloured and idle');

    // The menu.
    await openMenu(page);
    await expect.poll(() => page.locator('[data-export="csv"]').isEnabled()).toBe(true);
    expect(await page.locator('.export-menu button').allInnerTexts()).toEqual([
      'Mapa jako obraz PNG (z legendą)',
      'Dane obszarów: CSV (Excel)',
      'Dane obszarów: CSV (kropka dziesiętna)',
      'Dane obszarów: GeoJSON (GIS)',
      'Surowe odpowiedzi ankiet (CSV)…',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'export-menu.png') });

    // CSV for Polish Excel.
    const csv = await download(page, () => page.click('[data-export="csv"]'));
    expect(csv.download.suggestedFilename()).toMatch(/^calmap-debowo-street-2025-04-07\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csv.bytes.toString('utf8').slice(1);
    expect(csvText.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csvText, ';');
    expect(rows[0]).toEqual(HEADER);
    const body = rows.slice(1);
    expect(body).toHaveLength(layer.unitIds.length);
    expect(body.map((r) => r[0])).toEqual(layer.unitIds);
    for (const r of body) expect(r).toHaveLength(HEADER.length);
    expect(body.some((r) => r[5]!.includes(','))).toBe(true); // decimal comma in use
    const col = { households: 2, responses: 3, responseRate: 4, value: 5, lower: 6, upper: 7, suppressed: 8 } as const;
    const csvNumbers = (r: string[]) => ({
      households: plNumber(r[col.households]!),
      responses: plNumber(r[col.responses]!),
      responseRate: plNumber(r[col.responseRate]!),
      value: plNumber(r[col.value]!),
      lower: plNumber(r[col.lower]!),
      upper: plNumber(r[col.upper]!),
      suppressed: r[col.suppressed] === '1',
    });
    const engineNumbers = (u: number) => {
      const suppressed = expected.suppressed[u] === 1;
      return {
        households: layer.households[u]!,
        responses: suppressed ? null : expected.responses[u]!,
        responseRate: suppressed || !(layer.households[u]! > 0) ? null : pct(expected.responseRate[u]),
        value: suppressed ? null : pct(expected.values[u]),
        lower: suppressed ? null : pct(expected.lower?.[u]),
        upper: suppressed ? null : pct(expected.upper?.[u]),
        suppressed,
      };
    };
    // Two named streets checked field by field (the one with the highest rate and the one with the most answers)...
    const shown = [...expected.values.keys()].filter((u) => expected.suppressed[u] !== 1);
    const highest = shown.reduce((a, b) => (expected.values[b]! > expected.values[a]! ? b : a));
    const busiest = shown.reduce((a, b) => (expected.responses[b]! > expected.responses[a]! ? b : a));
    for (const u of new Set([highest, busiest])) {
      expect(body[u]![1]).toBe(layer.labels[u]);
      expect(csvNumbers(body[u]!)).toEqual(engineNumbers(u));
      console.log(`CSV ${layer.labels[u]}: ${body[u]!.join(';')}`);
    }
    // ...and every other unit too; suppressed ones have only households and the flag.
    body.forEach((r, u) => expect(csvNumbers(r), layer.unitIds[u]).toEqual(engineNumbers(u)));
    const suppressedRows = body.filter((r) => r[col.suppressed] === '1');
    expect(suppressedRows).toHaveLength(suppressedCount);
    for (const r of suppressedRows) expect(r.slice(col.responses, col.suppressed)).toEqual(['', '', '', '', '']);

    step('CSV checked');
    // GeoJSON: the same properties, with geometry.
    await openMenu(page);
    const geo = await download(page, () => page.click('[data-export="geojson"]'));
    expect(geo.download.suggestedFilename()).toMatch(/\.geojson$/);
    const collection = JSON.parse(geo.bytes.toString('utf8')) as { type: string; calmap: { campaignId: string; minResponses: number }; features: Array<{ type: string; id: string; geometry: { type: string; coordinates: unknown[] } | null; properties: Record<string, unknown> }> };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.calmap).toMatchObject({ campaignId: WAVE_1, minResponses: K });
    expect(collection.features).toHaveLength(layer.unitIds.length);
    collection.features.forEach((f, u) => {
      expect(f.type).toBe('Feature');
      expect(f.id).toBe(layer.unitIds[u]);
      expect(f.geometry?.type).toBe('MultiLineString');
      expect(f.geometry!.coordinates.length).toBeGreaterThan(0);
      const p = f.properties;
      // GeoJSON keeps shares 0–1 with their machine names; the CSV writes the same numbers as percentages.
      const asPct = (v: unknown) => (typeof v === 'number' ? pct(v) : v);
      expect({ households: p.households, responses: p.responses, responseRate: asPct(p.response_rate), value: asPct(p.value), lower: asPct(p.wilson_lower), upper: asPct(p.wilson_upper), suppressed: p.suppressed }, layer.unitIds[u]).toEqual(csvNumbers(body[u]!));
      // …and to full precision: the engine's share to six decimals.
      if (expected.suppressed[u] !== 1) expect(typeof p.value === 'number' ? Number(p.value.toFixed(6)) : p.value).toBe(six(expected.values[u]));
      expect(p.name).toBe(body[u]![1]);
    });

    step('GeoJSON checked');
    // PNG: the map canvas in device pixels, legend and attribution drawn in; not blank.
    const canvasSize = await page.evaluate(() => {
      const c = window.__calmap!.map.getCanvas();
      return { width: c.width, height: c.height, clientWidth: c.clientWidth, clientHeight: c.clientHeight, dpr: window.devicePixelRatio };
    });
    expect(canvasSize.dpr).toBe(2);
    await openMenu(page);
    const png = await download(page, () => page.click('[data-export="png"]'));
    expect(png.download.suggestedFilename()).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(join(ARTIFACTS, 'export-map.png'), png.bytes);
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const ihdr = { width: png.bytes.readUInt32BE(16), height: png.bytes.readUInt32BE(20) };
    console.log(`PNG ${ihdr.width}×${ihdr.height}; map canvas ${canvasSize.clientWidth}×${canvasSize.clientHeight} CSS px × ${canvasSize.dpr}`);
    // The map in device pixels, and beside it (never over it) a legend column of 300 CSS px.
    expect(ihdr.width).toBe(canvasSize.width + 300 * canvasSize.dpr);
    expect(ihdr.height).toBeGreaterThanOrEqual(canvasSize.height);
    expect(Math.abs(canvasSize.width - canvasSize.clientWidth * canvasSize.dpr)).toBeLessThanOrEqual(1);
    // The map's bottom-left corner is map (no legend box over it); the column beside the map holds the legend's
    // swatches (coloured) on white.
    const image = await pngPixels(page, png.bytes);
    const pixels = { total: image.width * image.height, differing: 0, transparent: 0, swatchPixels: 0, mapCorner: image.at(22, image.height - 70), columnCorner: image.at(image.width - 10, 10) };
    const [br, bg, bb] = MAP_BACKGROUND;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const [r, g, b, a] = image.at(x, y);
        if (a < 250) pixels.transparent++;
        if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 24) pixels.differing++;
        if (x > canvasSize.width && Math.abs(r - g) + Math.abs(g - b) > 60) pixels.swatchPixels++;
      }
    }
    const share = pixels.differing / pixels.total;
    console.log(`PNG: ${(share * 100).toFixed(1)} % of pixels differ from the map background, ${pixels.transparent} not opaque`);
    expect(share).toBeGreaterThan(0.05);
    expect(pixels.transparent).toBe(0);
    // Nothing white is drawn over the map's corner (it is the map's own background or features), the column is white
    // paper, and its legend swatches are in colour.
    expect(pixels.mapCorner.slice(0, 3)).not.toEqual([255, 255, 255]);
    for (const channel of pixels.columnCorner.slice(0, 3)) expect(channel).toBe(255);
    expect(pixels.swatchPixels).toBeGreaterThan(500);

    step('PNG checked');
    // Raw answers: a GDPR dialog; cancel downloads nothing; confirm downloads the wave's answers.
    let downloads = 0;
    page.on('download', () => downloads++);
    await openMenu(page);
    await page.click('[data-export="raw"]');
    const dialog = page.locator('.export dialog.confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('h2').innerText()).toBe('Dane wrażliwe — tylko wewnątrz ośrodka');
    expect(await dialog.innerText()).toContain('RODO');
    expect(await page.evaluate(() => document.querySelector('.export dialog.confirm-dialog')?.matches(':modal'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'export-raw-dialog.png') });
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(downloads).toBe(0);
    // No fixed wait for a download that should not come: the count after the confirmed download below is 1, so the
    // cancel (earlier, and synchronous in its click handler) downloaded nothing.

    await openMenu(page);
    await page.click('[data-export="raw"]');
    await dialog.waitFor({ state: 'visible' });
    const raw = await download(page, () => dialog.locator('[data-export="raw-confirm"]').click());
    await dialog.waitFor({ state: 'hidden' });
    expect(raw.download.suggestedFilename()).toBe('calmap-debowo-odpowiedzi-2025-04-07.csv');
    expect([...raw.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rawRows = parseCsv(raw.bytes.toString('utf8').slice(1), ';');
    expect(rawRows[0]!.slice(0, 3)).toEqual(['response_id', 'campaign_id', 'date']);
    expect(rawRows.length - 1).toBe(waveResponses);
    expect(new Set(rawRows.slice(1).map((r) => r[1]))).toEqual(new Set([WAVE_1]));
    console.log(`raw answers: ${rawRows.length - 1} rows (wave 1 has ${waveResponses} responses)`);
    expect(downloads).toBe(1);

    // Residents' resources: the CSV holds what the map shows (households offering help for seniors), not the need map
    // behind it, under the resources legend's title.
    await page.check('input[name="explore-subject"][value="resources"]');
    await page.selectOption('#explore-offer', 'senior_care');
    const offers = value(session.offerMap(OfferMapQuery.parse({ unit, campaignId: WAVE_1, selection: { kind: 'offer', offerId: 'senior_care' }, minResponses: K })));
    await openMenu(page);
    await expect.poll(() => page.locator('[data-export="csv"]').isEnabled(), { timeout: 15_000 }).toBe(true);
    const offerCsv = await download(page, () => page.click('[data-export="csv"]'));
    const offerRows = parseCsv(offerCsv.bytes.toString('utf8').slice(1), ';');
    expect(offerRows[0]![col.value]).toBe('Odsetek gospodarstw oferujących: Pomoc seniorom, fala 1 (2025) [%]');
    expect(offerRows.slice(1).map((r) => r[0])).toEqual(layer.unitIds);
    offerRows.slice(1).forEach((r, u) => {
      const suppressed = offers.suppressed[u] === 1;
      expect({ value: plNumber(r[col.value]!), suppressed: r[col.suppressed] === '1' }, layer.unitIds[u]).toEqual({ value: suppressed ? null : pct(offers.values[u]), suppressed });
    });
    expect(offerRows.slice(1).some((r, u) => offers.suppressed[u] !== 1 && plNumber(r[col.value]!) !== (expected.suppressed[u] === 1 ? null : pct(expected.values[u])))).toBe(true);
    step('resources CSV checked');

    expect(errors).toEqual([]);
    await context.close();
  });
});
