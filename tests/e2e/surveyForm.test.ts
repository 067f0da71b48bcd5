import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address, Street, SurveyCampaign, SurveyResponse } from '../../src/domain';
import { buildAddressDirectory, defaultCampaign, nextAddressOnStreet, searchKey } from '../../src/ui/surveyForm/addressDirectory';
import { localIsoDate } from '../../src/ui/surveyForm/householdDraft';
import { axeViolations } from './support/axe';
import { launchChromium } from './support/browser';
import { buildApp, REPO_ROOT } from './support/buildApp';
import { startStaticServer, type StaticServer } from './support/staticServer';

const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');

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

/** The demo town as the form sees it, to choose addresses whose answer counts are known before the test starts. */
function demoTown() {
  const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo', name), 'utf8')) as unknown[];
  const streets = read('streets.json').map((s) => Street.parse(s));
  const addresses = read('addresses.json').map((a) => Address.parse(a));
  const responses = read('responses.json').map((r) => SurveyResponse.parse(r));
  const campaign = defaultCampaign(read('campaigns.json').map((c) => SurveyCampaign.parse(c)), localIsoDate(new Date()))!;
  const directory = buildAddressDirectory(streets, addresses);
  const answered = new Set(responses.filter((r) => r.campaignId === campaign.id).map((r) => r.addressId));
  const waveCount = responses.filter((r) => r.campaignId === campaign.id).length;
  /** A one-household address with no answer yet in the wave and a next house on the same street, on a street with Polish letters. */
  const pick = (skipStreets: ReadonlySet<string>) => {
    for (const entry of directory.streets) {
      if (skipStreets.has(entry.street.id) || searchKey(entry.street.name) === entry.street.name.toLowerCase()) continue;
      const address = entry.addresses.find((a) => a.households === 1 && !answered.has(a.id) && nextAddressOnStreet(directory, a.id));
      if (address) return { street: entry, address, next: nextAddressOnStreet(directory, address.id)! };
    }
    throw new Error('the demo town has no suitable address');
  };
  return { directory, campaign, waveCount, pick };
}

async function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pl-PL' });
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const waveCount = (page: Page) => page.locator('[data-testid="survey-wave-count"]').getAttribute('data-count').then(Number);
const pendingCount = (page: Page) => page.locator('[data-testid="survey-pending"]').getAttribute('data-count').then(Number);

/** Types the street without Polish letters (as a volunteer in a hurry does), taps it, then taps the house number. */
async function pickAddress(page: Page, streetName: string, streetLabel: string, houseNumber: string) {
  const search = page.getByLabel('Szukaj ulicy');
  await search.fill(searchKey(streetName));
  await page.getByRole('button', { name: streetLabel, exact: true }).tap();
  await page.getByRole('button', { name: houseNumber, exact: true }).tap();
  await expect.poll(() => page.locator('#survey-title').innerText()).toBe(`${streetLabel} ${houseNumber}`);
}

async function scrollFormTo(page: Page, selector: string) {
  await page.locator(selector).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
  // Below the sticky status strip.
  await page.locator('.survey-main').evaluate((main) => main.scrollBy(0, -70));
}

describe('a volunteer fills the door-to-door form on a phone', () => {
  it('opens #ankieta, picks an address from the list, saves, sees it counted and kept, and is warned of a duplicate', async () => {
    const town = demoTown();
    const { street, address, next } = town.pick(new Set());
    const context = await phoneContext();
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(server.origin + '/#ankieta');
    await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
    expect(await page.locator('.app-tab[aria-current="page"]').innerText()).toBe('Formularz ankiety');
    expect(await page.locator('select').inputValue()).toBe(town.campaign.id);
    await expect.poll(() => waveCount(page)).toBe(town.waveCount);
    expect(await pendingCount(page)).toBe(0);
    expect(await page.locator('[data-testid="survey-pending"]').innerText()).toBe('Oczekuje na wysłanie: 0');
    // Today outside the chosen wave's dates (the demo waves are in spring): the form says so, naming the wave's end.
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    const timing = page.locator('[data-testid="survey-wave-timing"]');
    if (today > town.campaign.endDate) expect(await timing.innerText()).toMatch(/^Ta fala skończyła się .* sprawdź, czy to właściwa fala\.$/);
    else if (today < town.campaign.startDate) expect(await timing.innerText()).toMatch(/^Ta fala zaczyna się dopiero /);
    else expect(await timing.count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-start.png') });
    expect(await axeViolations(page)).toEqual([]);

    // Street list filtered by a query typed without Polish letters.
    await page.getByLabel('Szukaj ulicy').fill(searchKey(street.street.name));
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-street-search.png') });
    await page.getByRole('button', { name: street.label, exact: true }).tap();
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-house-numbers.png') });
    await page.getByRole('button', { name: address.houseNumber, exact: true }).tap();
    await expect.poll(() => page.locator('#survey-title').innerText()).toBe(`${street.label} ${address.houseNumber}`);

    // Saving with nothing filled: the error stands next to the household size, in Polish.
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    await expect.poll(() => page.locator('.survey-field-error').first().innerText()).toContain('Podaj liczbę osób');
    expect(await page.getByLabel('Ile osób liczy gospodarstwo?').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-error.png') });

    // The household: 2 people, two needs rated, a nuisance, an offer, a leader with consent.
    await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
    await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
    expect(await page.getByLabel('Ile osób liczy gospodarstwo?').inputValue()).toBe('2');
    await expect.poll(() => page.locator('.survey-field-error').count()).toBe(0); // fixed: the error goes away
    await page.locator('[data-need="loneliness_seniors"] label[data-level="3"]').tap();
    await page.locator('[data-need="health"] label[data-level="2"]').tap();
    await page.locator('label.survey-chip', { hasText: 'Słabe oświetlenie' }).tap();
    await page.locator('label.survey-chip', { hasText: 'Korepetycje' }).tap();
    await page.getByLabel('Mieszkaniec zgadza się', { exact: false }).check();
    await page.locator('fieldset.survey-subfieldset label.survey-chip', { hasText: 'Bezpieczeństwo' }).tap();
    await scrollFormTo(page, '[data-need="loneliness_seniors"]');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-needs.png') });
    await scrollFormTo(page, '.survey-consent');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-leader.png') });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    const saved = page.locator('[data-testid="survey-saved"]');
    await expect.poll(() => saved.isVisible()).toBe(true);
    expect(await page.locator('#survey-title').innerText()).toBe(`Zapisano: ${street.label} ${address.houseNumber}`);
    await expect.poll(() => waveCount(page)).toBe(town.waveCount + 1);
    await expect.poll(() => pendingCount(page)).toBe(0); // embedded: stored in this browser at once
    const nextButton = page.getByRole('button', { name: `Następne gospodarstwo: ${street.label} ${next.houseNumber}` });
    expect(await nextButton.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-saved.png') });
    expect(await axeViolations(page)).toEqual([]);

    // What was stored is exactly what was ticked, and nothing else.
    const stored = await page.evaluate(
      (id) =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('cal-map');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('overlay').objectStore('overlay').getAll();
            request.onsuccess = () => resolve((request.result as Array<{ collection: string; record: { addressId?: string } }>).filter((e) => e.collection === 'responses' && e.record.addressId === id).map((e) => e.record));
          };
        }),
      address.id,
    );
    expect(stored).toHaveLength(1);
    const record = SurveyResponse.parse(stored[0]);
    expect(record).toMatchObject({
      campaignId: town.campaign.id,
      addressId: address.id,
      householdSize: 2,
      needs: [
        { category: 'loneliness_seniors', severity: 3 },
        { category: 'health', severity: 2 },
      ],
      nuisances: ['poor_lighting'],
      offers: ['tutoring'],
      leaderCandidate: { consent: true, interests: ['safety'] },
    });
    expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // "Next household" moves along the street with an empty form.
    await nextButton.tap();
    await expect.poll(() => page.locator('#survey-title').innerText()).toBe(`${street.label} ${next.houseNumber}`);
    expect(await page.getByLabel('Ile osób liczy gospodarstwo?').inputValue()).toBe('');

    // A reload keeps the answer (IndexedDB) and the street the volunteer was on.
    await page.reload();
    await expect.poll(() => waveCount(page), { timeout: 30_000 }).toBe(town.waveCount + 1);
    const answeredButton = page.getByRole('button', { name: `${address.houseNumber}, ankiety w tej fali: 1`, exact: true });
    await expect.poll(() => answeredButton.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-after-reload.png') });

    // A second answer for the same address and wave: warned before saving; "back" keeps the form, "yes" saves.
    await answeredButton.tap();
    await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    const dialog = page.locator('[data-testid="survey-duplicate"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('Ten adres ma już ankietę w tej fali');
    expect(await dialog.innerText()).toContain('Po zapisaniu ankiet będzie więcej niż gospodarstw');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-duplicate.png') });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Nie, wróć' }).tap();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.getByLabel('Ile osób liczy gospodarstwo?').inputValue()).toBe('1');
    expect(await waveCount(page)).toBe(town.waveCount + 1);
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Tak, inne gospodarstwo — zapisz' }).tap();
    await expect.poll(() => saved.isVisible()).toBe(true);
    await expect.poll(() => waveCount(page)).toBe(town.waveCount + 2);

    // English is one tap away and the form speaks it.
    await page.locator('button.lang-button[lang="en"]').tap();
    await expect.poll(() => page.locator('[data-testid="survey-pending"]').innerText()).toBe('Waiting to be sent: 0');
    await page.locator('button.lang-button[lang="pl"]').tap();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('picks an address by tapping the map', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(server.origin + '/#ankieta');
    await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
    await page.getByRole('button', { name: 'Na mapie' }).tap();
    await page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });

    // Tap a street where it is the only thing under the finger: its house numbers open below the map.
    const streetPoint = await page.evaluate(() => {
      const map = window.__calmap!.map;
      const canvas = map.getCanvas().getBoundingClientRect();
      for (const feature of map.queryRenderedFeatures({ layers: ['streets-line'] })) {
        const g = feature.geometry;
        const line = g.type === 'LineString' ? g.coordinates : g.type === 'MultiLineString' ? g.coordinates[0]! : [];
        for (let i = 0; i + 1 < line.length; i++) {
          const p = map.project([(line[i]![0]! + line[i + 1]![0]!) / 2, (line[i]![1]! + line[i + 1]![1]!) / 2]);
          if (p.x < 30 || p.y < 30 || p.x > canvas.width - 70 || p.y > canvas.height - 30) continue;
          const hits = map.queryRenderedFeatures([[p.x - 6, p.y - 6], [p.x + 6, p.y + 6]], { layers: ['streets-line', 'streets-casing', 'addresses-circle'] });
          if (new Set(hits.map((h) => String(h.id))).size === 1) return { x: canvas.left + p.x, y: canvas.top + p.y, label: String(feature.properties.label) };
        }
      }
      return null;
    });
    expect(streetPoint).not.toBeNull();
    await page.touchscreen.tap(streetPoint!.x, streetPoint!.y);
    await expect.poll(() => page.locator('.survey-numbers h3').innerText()).toBe(`Numery domów — ${streetPoint!.label}`);

    // The volunteer then zooms in where they stand (here: jump to a house of that street) and taps its dot.
    const town = demoTown();
    const entry = town.directory.streets.find((e) => e.label === streetPoint!.label)!;
    const house = entry.addresses[Math.floor(entry.addresses.length / 2)]!;
    await page.waitForFunction(() => !window.__calmap!.map.isMoving(), undefined, { timeout: 15_000 });
    const dot = await page.evaluate(async (center) => {
      const map = window.__calmap!.map;
      map.jumpTo({ center, zoom: 17 });
      await new Promise((resolve) => map.once('idle', resolve));
      const canvas = map.getCanvas().getBoundingClientRect();
      const p = map.project(center);
      // The top-most dot under the finger is the one picked.
      const hits = map.queryRenderedFeatures([[p.x - 4, p.y - 4], [p.x + 4, p.y + 4]], { layers: ['addresses-circle'] });
      const inView = canvas.top + p.y > 80 && canvas.top + p.y < window.innerHeight - 10;
      return hits[0] && inView ? { x: canvas.left + p.x, y: canvas.top + p.y, id: String(hits[0].id) } : null;
    }, house.location.coordinates as [number, number]);
    await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-map.png') });
    expect(dot).not.toBeNull();
    await page.touchscreen.tap(dot!.x, dot!.y);
    await expect.poll(() => page.locator('[data-testid="household-form"]').isVisible()).toBe(true);
    const tapped = town.directory.addressById.get(dot!.id)!;
    expect(await page.locator('#survey-title').innerText()).toBe(`${town.directory.streetById.get(tapped.streetId)!.label} ${tapped.houseNumber}`);
    await context.close();
  });

  /** Network off as a phone loses its signal: the browser is offline and the server fails anything that still reaches it. */
  async function networkOff(context: BrowserContext) {
    await context.setOffline(true);
    server.setOverride(() => ({ status: 503, contentType: 'text/plain', body: 'offline' }));
  }
  async function networkOn(context: BrowserContext) {
    server.setOverride(undefined);
    await context.setOffline(false);
  }
  const offlineNotice = (page: Page) => page.locator('.survey-offline');
  const version = (page: Page) => page.locator('[data-testid="app-version"]').innerText();

  it('opens, says it is offline and saves with the network off after one online visit, and says when it is back', async () => {
    const town = demoTown();
    const { street, address } = town.pick(new Set([town.pick(new Set()).street.street.id]));
    const context = await phoneContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.origin + '/#ankieta');
    await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
    expect(await offlineNotice(page).count()).toBe(0);
    // The service worker has stored this build for offline use (the first visit is enough).
    await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', undefined, { timeout: 60_000 });

    await networkOff(context);
    try {
      const requestsBefore = server.requests.length;
      await page.reload();
      // What the volunteer sees: the form, and that there is no connection (whatever navigator.onLine says).
      await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
      await expect.poll(() => offlineNotice(page).isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await offlineNotice(page).innerText()).toBe('Brak internetu — formularz działa dalej, odpowiedzi zapisują się w tej przeglądarce.');
      await expect.poll(() => waveCount(page), { timeout: 30_000 }).toBe(town.waveCount);

      await pickAddress(page, street.street.name, street.label, address.houseNumber);
      await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
      await page.locator('[data-need="unemployment"] label[data-level="1"]').tap();
      await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
      await expect.poll(() => page.locator('[data-testid="survey-saved"]').isVisible()).toBe(true);
      await expect.poll(() => waveCount(page)).toBe(town.waveCount + 1);
      expect(await pendingCount(page)).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-offline-saved.png') });
      console.log(`requests that reached the server while offline: ${server.requests.length - requestsBefore}`);

      // The planner's map opens offline too (its worker script, the town and the label glyphs were cached).
      await page.evaluate(() => (window.location.hash = '#map'));
      await page.waitForFunction(() => window.__calmap?.ready === true, undefined, { timeout: 30_000, polling: 50 });
      expect(await page.evaluate(() => window.__calmap!.map.queryRenderedFeatures({ layers: ['streets-line'] }).length)).toBeGreaterThan(20);
      await page.evaluate(() => (window.location.hash = '#ankieta'));
      await expect.poll(() => offlineNotice(page).isVisible(), { timeout: 30_000 }).toBe(true);
    } finally {
      await networkOn(context);
    }
    // Signal back: the notice goes away by itself (the form probes the server while it is offline).
    await expect.poll(() => offlineNotice(page).count(), { timeout: 30_000 }).toBe(0);
    expect(await waveCount(page)).toBe(town.waveCount + 1);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });

  it('a new build deployed over the old one is offered, installed on request and works offline; saved answers stay', async () => {
    const town = demoTown();
    const { street, address } = town.pick(new Set());
    const newDist = await buildApp({ appVersion: '9.9.9-test' });
    const context = await phoneContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(server.origin + '/#ankieta');
      await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
      const oldVersion = await version(page);
      expect(oldVersion).toMatch(/^CAL Map, wersja \d+\.\d+\.\d+$/);
      await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', undefined, { timeout: 60_000 });
      await pickAddress(page, street.street.name, street.label, address.houseNumber);
      await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
      await page.locator('[data-need="loneliness_seniors"] label[data-level="2"]').tap();
      await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
      await expect.poll(() => waveCount(page)).toBe(town.waveCount + 1);

      // The centre deploys a new build. The next visit still opens the old one (from the cache, at once) and says a
      // new version is ready; nothing changes until the volunteer agrees.
      server.setRoot(newDist);
      await page.reload();
      const notice = page.locator('[data-testid="update-notice"]');
      await expect.poll(() => notice.isVisible(), { timeout: 60_000 }).toBe(true);
      expect(await notice.innerText()).toContain('Jest nowa wersja CAL Map. Odpowiedzi zapisane w tym urządzeniu zostaną zachowane.');
      expect(await version(page)).toBe(oldVersion);
      await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-update-ready.png') });
      await notice.getByRole('button', { name: 'Przejdź na nową wersję' }).tap();
      await expect.poll(() => version(page).catch(() => ''), { timeout: 30_000 }).toBe('CAL Map, wersja 9.9.9-test');
      await expect.poll(() => waveCount(page), { timeout: 30_000 }).toBe(town.waveCount + 1);
      expect(await notice.count()).toBe(0);

      // The new build is what opens offline now, with the answer saved under the old one.
      await page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', undefined, { timeout: 60_000 });
      await networkOff(context);
      await page.reload();
      await expect.poll(() => version(page), { timeout: 30_000 }).toBe('CAL Map, wersja 9.9.9-test');
      await expect.poll(() => offlineNotice(page).isVisible(), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => waveCount(page), { timeout: 30_000 }).toBe(town.waveCount + 1);
      const caches = await page.evaluate(async () => Promise.all((await globalThis.caches.keys()).map(async (name) => ({ name, files: (await (await globalThis.caches.open(name)).keys()).length }))));
      console.log(`caches after the update: ${JSON.stringify(caches)}`);
    } finally {
      // The page first, so nothing still asks for the new build's files when it is removed.
      await context.close();
      server.setOverride(undefined);
      server.setRoot(dist);
      rmSync(newDist, { recursive: true, force: true });
    }
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
  }, 300_000);
});
