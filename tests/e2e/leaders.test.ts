import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Address, addMonths, latestRetainUntil, localIsoDate, Street, SurveyCampaign, SurveyResponse } from '../../src/domain';
import { SharePackage } from '../../src/domain/sharePackage';
import { formatDate } from '../../src/ui/common/format';
import { buildAddressDirectory, defaultCampaign, searchKey } from '../../src/ui/surveyForm/addressDirectory';
import { axeViolations } from './support/axe';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 14 item 3 in Debian's Chromium on the embedded default: a volunteer records a household that wants to be a
 * local leader and, in a separate consent, leaves a name and phone; the planner finds it in "Zasoby → Liderzy" and
 * deletes it in one click. The partner package (what a share link serves on the embedded default), the raw-answers CSV
 * and everything a partner's browser receives carry neither the name nor the phone.
 */

const app = useBuiltApp();

const NAME = 'Zofia Testowa-Liderka';
const PHONE = '601 202 303';
/** What must never leave the planner's list: the name (also in parts) and the phone (also without spaces). */
const SECRETS = [NAME, 'Testowa', 'Liderka', PHONE, PHONE.replace(/ /g, '')];

/** A one-household address with no answer in the form's default wave, on a street with Polish letters. */
function pickAddress() {
  const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo', name), 'utf8')) as unknown[];
  const streets = read('streets.json').map((s) => Street.parse(s));
  const addresses = read('addresses.json').map((a) => Address.parse(a));
  const responses = read('responses.json').map((r) => SurveyResponse.parse(r));
  const campaign = defaultCampaign(read('campaigns.json').map((c) => SurveyCampaign.parse(c)), localIsoDate(new Date()))!;
  const answered = new Set(responses.filter((r) => r.campaignId === campaign.id).map((r) => r.addressId));
  for (const entry of buildAddressDirectory(streets, addresses).streets) {
    if (searchKey(entry.street.name) === entry.street.name.toLowerCase()) continue;
    const address = entry.addresses.find((a) => a.households === 1 && !answered.has(a.id));
    if (address) return { street: entry, address };
  }
  throw new Error('the demo town has no suitable address');
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Every response body a context receives, as text. */
function recordResponses(context: BrowserContext): { bodies: { url: string; body: string }[]; settled: () => Promise<void> } {
  const bodies: { url: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((b) => b.toString('utf8'))
        .catch(() => '')
        .then((body) => void bodies.push({ url: response.url(), body })),
    );
  });
  return { bodies, settled: async () => void (await Promise.all(pending)) };
}

const leaks = (text: string) => SECRETS.filter((secret) => text.includes(secret));

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  return { download, text: readFileSync((await download.path())!, 'utf8') };
}

describe('local leaders: consent, the planner\'s list, and nothing for partners', () => {
  it('a volunteer records a leader with a separately consented contact; the planner lists and deletes it; partners never get it', { timeout: 180_000 }, async () => {
    const { street, address } = pickAddress();
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pl-PL', acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectErrors(page);

    // The form on a phone.
    await page.goto(app.server.origin + '/#ankieta');
    await expect.poll(() => page.locator('#survey-title').innerText(), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
    await page.getByLabel('Szukaj ulicy').fill(searchKey(street.street.name));
    await page.getByRole('button', { name: street.label, exact: true }).tap();
    await page.getByRole('button', { name: address.houseNumber, exact: true }).tap();
    await expect.poll(() => page.locator('#survey-title').innerText()).toBe(`${street.label} ${address.houseNumber}`);
    await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();

    // No contact question until the household wants to be a leader; no fields until the second consent.
    const contactConsent = page.getByLabel('Czy zgadza się Pan/Pani na zapisanie imienia i telefonu lub e-maila', { exact: false });
    expect(await contactConsent.count()).toBe(0);
    await page.getByLabel('Mieszkaniec zgadza się', { exact: false }).check();
    await page.locator('fieldset.survey-subfieldset label.survey-chip', { hasText: 'Bezpieczeństwo' }).tap();
    await page.locator('fieldset.survey-subfieldset label.survey-chip', { hasText: 'Czas wolny dzieci i młodzieży' }).tap();
    expect(await contactConsent.isChecked()).toBe(false);
    expect(await page.getByLabel('Telefon', { exact: true }).count()).toBe(0);
    const retainUntil = latestRetainUntil(localIsoDate(new Date()));
    const terms = await page.locator('.survey-contact-terms').innerText();
    expect(terms).toContain(`Jak długo: do ${formatDate('pl', retainUntil)}. Potem zostaną usunięte automatycznie.`);
    expect(terms).toContain('Zgodę można wycofać w każdej chwili');
    expect(terms).toContain('nie trafiają do map, raportów ani do partnerów');
    await contactConsent.check();

    // Errors name the field: nothing but a name, then a phone that is too short.
    await page.getByLabel('Imię (i nazwisko)').fill(NAME);
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    await expect.poll(() => page.locator('.survey-field-error').first().innerText()).toBe('Telefon albo e-mail: wpisz przynajmniej jedno z nich.');
    expect(await page.getByLabel('Telefon', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Telefon', { exact: true }).fill('601 202');
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    await expect.poll(() => page.locator('.survey-field-error').first().innerText()).toBe('Telefon: wpisz 9 cyfr (może być z +48, spacjami lub myślnikami).');
    await page.getByLabel('Telefon', { exact: true }).fill(PHONE);
    await expect.poll(() => page.locator('.survey-field-error').count()).toBe(0);
    await page.locator('[data-testid="leader-contact"]').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.locator('.survey-main').evaluate((main) => main.scrollBy(0, -70));
    await page.screenshot({ path: join(ARTIFACTS, 'leaders-form-phone.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
    await expect.poll(() => page.locator('[data-testid="survey-saved"]').isVisible()).toBe(true);

    // The planner's list: "Zasoby" → "Liderzy", by street.
    await page.setViewportSize({ width: 1366, height: 820 });
    await page.goto(app.server.origin + '/#zasoby');
    await page.getByRole('radio', { name: 'Liderzy' }).check({ timeout: 30_000 });
    const list = page.locator('[data-testid="leaders"]');
    const row = list.locator('tr', { has: page.locator('th', { hasText: `${street.label} ${address.houseNumber}` }) });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(NAME);
    expect(rowText).toContain(`tel. ${PHONE}`);
    expect(rowText).toContain(`zgoda z ${formatDate('pl', localIsoDate(new Date()))}`);
    expect(rowText).toContain(`usuniemy automatycznie po ${formatDate('pl', retainUntil)}`);
    expect(rowText).toContain('Bezpieczeństwo');
    expect(rowText).toContain('Czas wolny dzieci i młodzieży');
    expect(await list.locator('caption', { hasText: street.label }).count()).toBe(1);
    await expect.poll(() => list.locator('[data-testid="leaders-count"]').innerText()).toMatch(/^Kandydaci: \d+, w tym z kontaktem: 1$/);
    await page.screenshot({ path: join(ARTIFACTS, 'leaders-list-top.png') });
    await row.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(ARTIFACTS, 'leaders-list.png') });
    expect(await axeViolations(page)).toEqual([]);
    // By estate, and filtered by interest: the same candidate is still found.
    await page.getByRole('radio', { name: 'Osiedla' }).check();
    await page.getByLabel('Czym chce się zająć').selectOption('safety');
    expect(await list.innerText()).toContain(NAME);

    // Everything that leaves for partners: the package a share link serves on the embedded default, the raw CSV.
    await page.goto(app.server.origin + '/#mapa');
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 30_000, polling: 50 });
    await page.getByRole('button', { name: 'Udostępnij partnerowi' }).click();
    const dialog = page.locator('dialog.share-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const pkg = await downloaded(page, () => dialog.getByRole('button', { name: 'Pobierz pakiet dla partnera' }).click());
    SharePackage.parse(JSON.parse(pkg.text));
    expect(leaks(pkg.text)).toEqual([]);
    await dialog.getByRole('button', { name: 'Zamknij' }).click();
    await dialog.waitFor({ state: 'hidden' });
    if ((await page.locator('.export-button').getAttribute('aria-expanded')) !== 'true') await page.click('.export-button');
    await page.click('[data-export="raw"]');
    const rawDialog = page.locator('.export dialog.confirm-dialog');
    await rawDialog.waitFor({ state: 'visible' });
    const raw = await downloaded(page, () => rawDialog.locator('[data-export="raw-confirm"]').click());
    expect(raw.text.split('\n').length).toBeGreaterThan(10);
    expect(leaks(raw.text)).toEqual([]);
    for (const format of ['csv', 'geojson']) {
      if ((await page.locator('.export-button').getAttribute('aria-expanded')) !== 'true') await page.click('.export-button');
      const file = await downloaded(page, () => page.click(`[data-export="${format}"]`));
      expect(leaks(file.text), format).toEqual([]);
    }

    // The partner, in a fresh browser: the package's view; nothing of the contact in the DOM or on the wire.
    const partner = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
    const traffic = recordResponses(partner);
    const view = await partner.newPage();
    await view.goto(app.server.origin + '/#partner', { waitUntil: 'load' });
    await view.getByRole('heading', { name: 'Otwórz pakiet od ośrodka' }).waitFor();
    await view.setInputFiles('input[type="file"]', { name: pkg.download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(pkg.text) });
    await view.locator('.partner-map[data-map-ready="true"]').waitFor({ timeout: 20_000 });
    expect(leaks(await view.content())).toEqual([]);
    expect(await view.getByText('Liderzy', { exact: true }).count()).toBe(0);
    await traffic.settled();
    expect(traffic.bodies.length).toBeGreaterThan(0);
    expect(traffic.bodies.filter((r) => leaks(r.body).length > 0).map((r) => r.url)).toEqual([]);
    await partner.close();

    // The planner keeps it for a shorter time (never longer): three months from today.
    await page.goto(app.server.origin + '/#zasoby');
    await page.getByRole('radio', { name: 'Liderzy' }).check({ timeout: 30_000 });
    await row.waitFor();
    const sooner = addMonths(localIsoDate(new Date()), 3);
    await row.getByLabel('Usuń wcześniej — ostatni dzień przechowywania:').fill(sooner);
    await row.getByRole('button', { name: 'Skróć przechowywanie' }).click();
    await expect.poll(() => list.locator('.leaders-notice').innerText()).toBe(`Kontakt zostanie usunięty po ${formatDate('pl', sooner)}.`);
    expect(await row.innerText()).toContain(`usuniemy automatycznie po ${formatDate('pl', sooner)}`);

    // Consent withdrawn: one click deletes the contact; the candidate stays, without it.
    await row.getByRole('button', { name: `Usuń kontakt (${NAME})` }).click();
    await expect.poll(() => list.locator('.leaders-notice').innerText()).toBe('Kontakt usunięty.');
    expect(await row.innerText()).toContain('bez danych kontaktowych');
    expect(leaks(await page.content())).toEqual([]);
    await page.reload();
    await page.getByRole('radio', { name: 'Liderzy' }).check({ timeout: 30_000 });
    await row.waitFor();
    expect(leaks(await list.innerText())).toEqual([]);

    await context.close();
    expect(errors).toEqual([]);
  });
});
