import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput } from '../../src/analysis/exploreSession';
import { NeedMapQuery, UnitChoice } from '../../src/domain/analysisRequest';
import { loadDemoWorkspace } from '../../src/data/embedded/demoLoader';
import { SharePackage } from '../../src/domain/sharePackage';
import { packageDisclosure } from '../../src/ui/explore/share/packageDisclosure';
import { launchChromium } from './support/browser';
import { plCount } from './support/polish';
import { bandHidesAll } from '../../src/ui/common/sharing/disclosureText';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

/**
 * Issue 6 part 3/5 on the embedded default, in Debian's Chromium: a planner downloads the aggregates-only partner
 * package from the share dialog; a partner, in a fresh browser context, opens it at #partner and sees the map and the
 * table. Every request and response of the partner's context is recorded: no demo town files, no survey answers.
 * The Supabase path (/s/<token> → shared_view / shared_aggregates) needs PostgREST, which does not run here: it is
 * covered by tests/data/supabase/shareLinks.contract.test.ts.
 */

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');
const DEMO = join(REPO_ROOT, 'data/demo');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const K = 8;

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

async function axeSeriousOrCritical(page: Page) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  if (violations.length) console.log('axe violations:', JSON.stringify(violations, null, 2));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

interface Traffic { url: string; status: number; contentType: string; body: string }

/** Records every response of a context, with its body as text (empty when it has none, e.g. a redirect). */
function recordTraffic(context: BrowserContext): { requests: string[]; responses: Traffic[]; settled: () => Promise<void> } {
  const requests: string[] = [];
  const responses: Traffic[] = [];
  const pending: Promise<void>[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => body.toString('utf8'))
        .catch(() => '')
        .then((body) => {
          responses.push({ url: response.url(), status: response.status(), contentType: response.headers()['content-type'] ?? '', body });
        }),
    );
  });
  return { requests, responses, settled: async () => void (await Promise.all(pending)) };
}

/** Survey-answer fields as JSON data carries them ("householdSize": …); code in the bundles names them without quotes and a colon. */
const ANSWER_KEYS = /"(householdSize|needs|addressId|nuisances|offers|answers)"\s*:/;
const DEMO_FILES = /\/(addresses|responses)[^/]*\.json/;

describe('partner package on the embedded default', () => {
  it('the planner downloads an aggregates-only package; a partner opens it in a fresh browser and sees map and table, with no raw data on the wire', async () => {
    // The planner.
    const planner = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'pl-PL', acceptDownloads: true });
    const page = await planner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    const campaignId = await page.evaluate(() => window.__calmap!.explore!.campaignId);

    await page.getByRole('button', { name: 'Udostępnij partnerowi' }).click();
    const dialog = page.locator('dialog.share-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('Link dla partnera działa tylko wtedy, gdy ośrodek ma własny serwer z danymi.');
    expect(await dialog.innerText()).not.toContain('Supabase');
    await dialog.getByLabel('Próg k').fill(String(K));
    await page.screenshot({ path: join(ARTIFACTS, 'partner-share-dialog.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Pobierz pakiet dla partnera' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pakiet-partner-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
    const packagePath = await download.path();
    const text = readFileSync(packagePath, 'utf8');
    await expect.poll(() => dialog.locator('[role="status"]').innerText()).toMatch(/Pobrano pakiet: \d+ obszar(y|ów)? z wynikami, \d+ ukryt(y|e|ych) \(mniej niż 8 odpowiedzi lub adresów, jeden dominujący adres albo ochrona innych obszarów\)/);
    await planner.close();

    // The file: aggregates only, nothing below k, no household-level data.
    const pkg = SharePackage.parse(JSON.parse(text));
    expect(pkg.k).toBe(K);
    expect(text).not.toMatch(ANSWER_KEYS);
    expect(text).not.toMatch(/"Point"/);
    const hidden = pkg.units.filter((u) => u.suppressed);
    const shown = pkg.units.filter((u) => !u.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    for (const unit of hidden) expect([unit.households, unit.responses, unit.rate, unit.lower, unit.upper]).toEqual([null, null, null, null, null]);
    for (const unit of shown) expect(unit.responses).toBeGreaterThanOrEqual(K);
    // The same numbers as the engine in Node on the committed demo files (planner's default view: streets, the latest wave).
    const session = createExploreSession({ streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput);
    const unit = UnitChoice.parse({ kind: pkg.view.unit });
    const layer = session.layer(unit);
    const map = session.needMap(NeedMapQuery.parse({ unit, campaignId, selection: pkg.view.selection, minResponses: 5 }));
    if (!map.ok) throw new Error(map.message);
    // Disclosure control (issue 11): every unit below k is hidden, and so are those the rules hide beyond k (homes,
    // dominance, complementary suppression) — exactly the pattern of packageDisclosure, which supabase/tests holds to the SQL.
    const { workspace: workspaceInput } = await loadDemoWorkspace(async (file) => readFileSync(join(DEMO, file), 'utf8'));
    const needIds = pkg.view.selection.kind === 'need' ? [pkg.view.selection.needId] : [];
    const pattern = packageDisclosure(workspaceInput, campaignId, { needIds, minSeverity: 1 }, K, layer, 250);
    for (const u of pkg.units) {
      const i = layer.unitIds.indexOf(u.id);
      if (map.value.responses[i]! < K) expect(u.suppressed, u.id).toBe(true);
      expect(u.suppressed, u.id).toBe(!pattern.get(u.id)?.published);
      if (!u.suppressed) expect(u.responses).toBe(map.value.responses[i]);
      if (u.needBand) expect(u.rate).toBeNull();
    }
    const beyondK = pkg.units.filter((u, n) => u.suppressed && map.value.responses[layer.unitIds.indexOf(pkg.units[n]!.id)]! >= K).length;
    console.log(`package disclosure: ${beyondK} units hidden beyond k, ${pkg.units.filter((u) => u.needBand).length} need counts as ranges`);
    console.log(`package: ${pkg.units.length} ${pkg.view.unit} units, ${shown.length} with figures, ${hidden.length} hidden (k = ${K}), ${(text.length / 1024).toFixed(0)} KB`);

    // The partner: a fresh context, nothing shared with the planner's.
    const partner = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
    const traffic = recordTraffic(partner);
    const view = await partner.newPage();
    view.on('pageerror', (e) => errors.push(e.message));
    await view.goto(server.origin + '/#partner', { waitUntil: 'load' });
    await view.getByRole('heading', { name: 'Otwórz pakiet od ośrodka' }).waitFor();

    // A broken file first: a clear message, nothing shown.
    await view.setInputFiles('input[type="file"]', { name: 'zly.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...pkg, units: [{ ...pkg.units[0], householdSize: 3 }] })) });
    await expect.poll(() => view.getByRole('alert').innerText()).toMatch(/^Pakiet jest uszkodzony albo zawiera dane, których partner nie może dostać/);
    await view.setInputFiles('input[type="file"]', { name: 'notatki.txt', mimeType: 'text/plain', buffer: Buffer.from('to nie jest JSON') });
    await expect.poll(() => view.getByRole('alert').innerText()).toBe('Tego pliku nie da się odczytać: to nie jest plik JSON.');
    await view.screenshot({ path: join(ARTIFACTS, 'partner-open-error.png') });

    await view.setInputFiles('input[type="file"]', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await view.locator('.partner-map[data-map-ready="true"]').waitFor({ timeout: 20_000 });
    const header = await view.locator('.partner-meta').innerText();
    expect(header).toContain(`${pkg.organisation.name} · ${pkg.organisation.town}`);
    expect(header).toMatch(/Ważne do \d{1,2} [a-ząćęłńóśźż]+ \d{4}/);
    expect(header).toContain(`Obszary z mniej niż ${K} odpowiedziami gospodarstw są ukryte.`);
    expect(await view.locator('.partner-table tbody tr').count()).toBe(pkg.units.length);
    expect(await view.locator('.partner-table tbody tr[data-suppressed="true"]').count()).toBe(hidden.length);
    expect(hidden.length).toBeGreaterThan(0);
    // Hidden for the partner: suppressed units, and units whose range runs from 0 to every answer (protecting others).
    const hidesAll = pkg.units.filter((u) => !u.suppressed && u.needBand && bandHidesAll(u.needBand, u.responses));
    const ranges = pkg.units.filter((u) => !u.suppressed && u.needBand && !hidesAll.includes(u));
    expect((await view.locator('.partner-counts').innerText()).trim()).toBe(`${plCount(pkg.units.length - hidden.length - hidesAll.length, 'obszar', 'obszary', 'obszarów')} z wynikami, ${plCount(hidden.length + hidesAll.length, 'ukryty', 'ukryte', 'ukrytych')}.`);
    // Five classes, the range row where a unit is published as a range, the hidden row.
    expect(await view.locator('.partner-legend li').count()).toBe(6 + (ranges.length > 0 ? 1 : 0));
    // Hover over a shown street: the line beside the map gives the same numbers as its table row.
    const focusText = async () => (await view.locator('.partner-focus').innerText()).trim();
    // Sweep the map until the pointer rests on some unit; then its row must say the same.
    let said = '';
    const box = (await view.locator('.partner-map').boundingBox())!;
    for (let y = box.y + 20; y < box.y + box.height - 20 && !said; y += 6) {
      await view.mouse.move(box.x + box.width / 2, y);
      said = await focusText();
    }
    expect(said).toMatch(/: /);
    const label = said.slice(0, said.indexOf(': '));
    const row = (await view.locator('.partner-table tbody tr', { has: view.locator('th', { hasText: label }) }).first().innerText()).replace(/\s+/g, ' ');
    const unitOfRow = pkg.units.find((u) => u.label === label)!;
    if (unitOfRow.suppressed) expect(said).toContain('ukryte');
    else expect(row).toContain(said.slice(said.lastIndexOf(' ') + 1));
    await view.screenshot({ path: join(ARTIFACTS, 'partner-view.png') });
    await view.screenshot({ path: join(ARTIFACTS, 'partner-view-full.png'), fullPage: true });
    await view.emulateMedia({ media: 'print' });
    await view.screenshot({ path: join(ARTIFACTS, 'partner-view-print.png'), fullPage: true });
    expect(await view.locator('.partner-actions').isVisible()).toBe(false);
    await view.emulateMedia({ media: 'screen' });

    expect(await axeSeriousOrCritical(view)).toEqual([]);

    // The network check: nothing household-level reached the partner's browser.
    await traffic.settled();
    expect(traffic.requests.filter((url) => DEMO_FILES.test(new URL(url).pathname))).toEqual([]);
    expect(traffic.responses.filter((r) => ANSWER_KEYS.test(r.body)).map((r) => r.url)).toEqual([]);
    const data = traffic.responses.filter((r) => /json/.test(r.contentType));
    for (const r of data) expect(r.body, r.url).not.toMatch(/householdSize|addressId/);
    expect(traffic.requests.length).toBeGreaterThan(0);
    console.log(`partner context: ${traffic.requests.length} requests (${[...new Set(traffic.requests.map((u) => new URL(u).pathname.replace(/-[\w-]{8}\./, '-*.')))].slice(0, 12).join(', ')}…)`);

    // A share link on a build without Supabase: it says so, and still loads nothing of the town.
    const link = await partner.newPage();
    await link.goto(`${server.origin}/s/${'a'.repeat(64)}`, { waitUntil: 'load' });
    await expect.poll(() => link.getByRole('alert').innerText()).toMatch(/^Ten link wymaga serwera ośrodka \(Supabase\)/);
    await link.screenshot({ path: join(ARTIFACTS, 'partner-link-no-server.png') });
    await traffic.settled();
    expect(traffic.requests.filter((url) => DEMO_FILES.test(new URL(url).pathname))).toEqual([]);
    expect(traffic.requests.some((url) => new URL(url).search.includes('a'.repeat(64)))).toBe(false);
    await partner.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
