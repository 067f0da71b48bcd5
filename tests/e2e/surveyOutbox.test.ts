import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Address, Street, SurveyCampaign, SurveyResponse } from '../../src/domain';
import { buildAddressDirectory, defaultCampaign, nextAddressOnStreet, searchKey } from '../../src/ui/surveyForm/addressDirectory';
import { localIsoDate } from '../../src/ui/surveyForm/householdDraft';
import { SESSION_REPLY } from '../data/supabase/stubFetch';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * The door-to-door form on a centre's server (the Supabase adapter), on a phone that loses its signal mid-street:
 * the answer waits in the outbox on the phone, the form says so, and it is sent when the signal comes back.
 * PostgREST and GoTrue do not run here: the browser's requests to the project are answered by page.route with the
 * replies the contract tests (tests/data/supabase) pin down, and the demo town as the centre's workspace.
 */

const PROJECT_URL = 'http://supabase.calmap.test';

const app = useBuiltApp({ supabase: { url: PROJECT_URL, anonKey: 'anon-key-for-tests' } });

const readDemo = (name: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo', name), 'utf8'));

/** The centre's project as the browser sees it: sign-in, the membership, the workspace, and writes (recorded). */
function centreServer() {
  const organisation = readDemo('organisation.json') as { id: string };
  const workspace: Record<string, unknown> = { v: 1, organisation };
  for (const name of ['areas', 'streets', 'addresses', 'resources', 'groups', 'campaigns', 'responses', 'programmes', 'events']) workspace[name] = readDemo(`${name}.json`);
  const state = { reachable: true, saved: [] as unknown[], savedWithContact: [] as { p_response: unknown; p_contact: unknown }[], paths: [] as string[], refusedWhileDown: 0 };
  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (!state.reachable) {
      state.refusedWhileDown += 1;
      return route.abort('internetdisconnected');
    }
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } });
    if (request.method() === 'OPTIONS') {
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET,POST,PATCH,DELETE' } });
    }
    state.paths.push(url.pathname);
    if (url.pathname === '/auth/v1/token') return json(200, SESSION_REPLY);
    if (url.pathname === '/rest/v1/memberships') return json(200, [{ organisation_id: organisation.id, role: 'surveyor' }]);
    if (url.pathname === '/rest/v1/rpc/load_workspace') return json(200, workspace);
    if (url.pathname === '/rest/v1/rpc/save_records' || url.pathname === '/rest/v1/rpc/save_record') {
      const body = request.postDataJSON() as { p_records?: unknown[]; p_record?: unknown };
      state.saved.push(...(body.p_records ?? [body.p_record]));
      return json(200, { ok: true });
    }
    if (url.pathname === '/rest/v1/rpc/save_response_with_leader_contact') {
      state.savedWithContact.push(request.postDataJSON() as { p_response: unknown; p_contact: unknown });
      return json(200, { ok: true });
    }
    return json(404, { code: 'PGRST202', message: `no stub for ${request.method()} ${url.pathname}`, details: null, hint: null });
  };
  return { organisation, state, handle };
}

function demoAddress() {
  const streets = (readDemo('streets.json') as unknown[]).map((s) => Street.parse(s));
  const addresses = (readDemo('addresses.json') as unknown[]).map((a) => Address.parse(a));
  const responses = (readDemo('responses.json') as unknown[]).map((r) => SurveyResponse.parse(r));
  const campaign = defaultCampaign((readDemo('campaigns.json') as unknown[]).map((c) => SurveyCampaign.parse(c)), localIsoDate(new Date()))!;
  const directory = buildAddressDirectory(streets, addresses);
  const answered = new Set(responses.filter((r) => r.campaignId === campaign.id).map((r) => r.addressId));
  for (const entry of directory.streets) {
    const address = entry.addresses.find((a) => a.households === 1 && !answered.has(a.id) && nextAddressOnStreet(directory, a.id));
    if (address) return { entry, address, campaign, waveCount: responses.filter((r) => r.campaignId === campaign.id).length };
  }
  throw new Error('the demo town has no suitable address');
}

const pendingCount = (page: Page) => page.locator('[data-testid="survey-pending"]').getAttribute('data-count').then(Number);
const waveCount = (page: Page) => page.locator('[data-testid="survey-wave-count"]').getAttribute('data-count').then(Number);

async function networkOff(context: BrowserContext, centre: ReturnType<typeof centreServer>) {
  centre.state.reachable = false;
  await context.setOffline(true);
  app.server.setOverride(() => ({ status: 503, contentType: 'text/plain', body: 'offline' }));
}
async function networkOn(context: BrowserContext, centre: ReturnType<typeof centreServer>) {
  app.server.setOverride(undefined);
  centre.state.reachable = true;
  await context.setOffline(false);
}

/** A volunteer's phone (390×844, touch, Polish) on the centre server, the form opened at #ankieta and signed in. */
async function signedInPhone(centre: ReturnType<typeof centreServer>, options: { deviceScaleFactor?: number } = {}) {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, ...options, isMobile: true, hasTouch: true, locale: 'pl-PL' });
  await context.route(`${PROJECT_URL}/**`, centre.handle);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.server.origin + '/#ankieta');
  await page.getByLabel('E-mail').fill('wolontariusz@ops-testowo.pl');
  await page.getByLabel('Hasło').fill('haslo-testowe');
  await page.getByRole('button', { name: 'Zaloguj się' }).tap();
  return { context, page, errors };
}

describe('the door-to-door form on the centre server', () => {
  it('keeps an answer saved with no signal in the outbox, says so, and sends it when the signal is back', async () => {
    const centre = centreServer();
    const { entry, address, campaign, waveCount: before } = demoAddress();
    const { context, page, errors } = await signedInPhone(centre, { deviceScaleFactor: 2 });
    try {
      await expect.poll(() => page.locator('#survey-title').innerText().catch(() => ''), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
      await expect.poll(() => waveCount(page), { timeout: 30_000 }).toBe(before);
      expect(await page.locator('select').first().inputValue()).toBe(campaign.id);

      // In the stairwell: no signal. The volunteer sees it before saving.
      await networkOff(context, centre);
      await expect.poll(() => page.locator('.survey-offline').isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await page.locator('.survey-offline').innerText()).toBe('Brak internetu — odpowiedzi czekają bezpiecznie w telefonie.');

      await page.getByLabel('Szukaj ulicy').fill(searchKey(entry.street.name));
      await page.getByRole('button', { name: entry.label, exact: true }).tap();
      await page.getByRole('button', { name: address.houseNumber, exact: true }).tap();
      await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
      await page.locator('[data-need="unemployment"] label[data-level="2"]').tap();
      await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
      await expect.poll(() => page.locator('[data-testid="survey-saved"]').innerText()).toContain('Odpowiedź jest w telefonie i zostanie wysłana, gdy będzie internet.');
      expect(await pendingCount(page)).toBe(1);
      expect(await waveCount(page)).toBe(before + 1); // counted at once, so a second visit is flagged as a duplicate
      expect(centre.state.saved).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-outbox-waiting.png') });

      // Signal back: the answer leaves the phone by itself, once.
      await networkOn(context, centre);
      await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => page.locator('.survey-offline').count(), { timeout: 30_000 }).toBe(0);
      expect(centre.state.saved).toHaveLength(1);
      expect(centre.state.saved[0]).toMatchObject({ campaignId: campaign.id, addressId: address.id });
      expect(await waveCount(page)).toBe(before + 1);
      console.log(`requests refused while the phone had no signal: ${centre.state.refusedWhileDown}`);
      expect(errors).toEqual([]);
    } finally {
      await networkOn(context, centre);
      await context.close();
    }
  });

  it('learns it is offline from a failed send when the browser still says online (a captive or dead network)', async () => {
    const centre = centreServer();
    const { entry, address, waveCount: before } = demoAddress();
    const { context, page } = await signedInPhone(centre);
    try {
      await expect.poll(() => waveCount(page).catch(() => -1), { timeout: 30_000 }).toBe(before);

      // navigator.onLine stays true; every request fails.
      centre.state.reachable = false;
      app.server.setOverride(() => ({ status: 503, contentType: 'text/plain', body: 'captive portal' }));
      expect(await page.evaluate(() => navigator.onLine)).toBe(true);
      await page.getByLabel('Szukaj ulicy').fill(searchKey(entry.street.name));
      await page.getByRole('button', { name: entry.label, exact: true }).tap();
      await page.getByRole('button', { name: address.houseNumber, exact: true }).tap();
      await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
      await page.locator('[data-need="housing"] label[data-level="1"]').tap();
      await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
      await expect.poll(() => page.locator('[data-testid="survey-saved"]').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.survey-offline').isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await pendingCount(page)).toBe(1);
      expect(centre.state.refusedWhileDown).toBeGreaterThan(0); // it tried, failed, and said so

      app.server.setOverride(undefined);
      centre.state.reachable = true;
      await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe(0);
      expect(centre.state.saved).toHaveLength(1);
      expect(await page.locator('.survey-offline').count()).toBe(0);
    } finally {
      app.server.setOverride(undefined);
      centre.state.reachable = true;
      await context.close();
    }
  });
  it('lets a surveyor record a leader\'s consented contact with no signal; it leaves the phone with its answers, in one call', async () => {
    const centre = centreServer();
    const { entry, address, campaign } = demoAddress();
    const { context, page } = await signedInPhone(centre);
    try {
      await expect.poll(() => page.locator('#survey-title').innerText().catch(() => ''), { timeout: 30_000 }).toBe('Ankieta od drzwi do drzwi');
      await expect.poll(() => waveCount(page).catch(() => -1), { timeout: 30_000 }).toBeGreaterThan(0);

      await networkOff(context, centre);
      await page.getByLabel('Szukaj ulicy').fill(searchKey(entry.street.name));
      await page.getByRole('button', { name: entry.label, exact: true }).tap();
      await page.getByRole('button', { name: address.houseNumber, exact: true }).tap();
      await page.getByRole('button', { name: 'Jedna osoba więcej' }).tap();
      await page.getByLabel('Mieszkaniec zgadza się', { exact: false }).check();
      // The surveyor's form asks for the contact (only after the second, separate consent), as a planner's does.
      expect(await page.locator('[data-testid="leader-contact"]').count()).toBe(1);
      expect(await page.getByText('Dane kontaktowe lidera zapisuje koordynator w ośrodku', { exact: false }).count()).toBe(0);
      await page.getByLabel('Czy zgadza się Pan/Pani na zapisanie imienia i telefonu lub e-maila', { exact: false }).check();
      await page.getByLabel('Imię (i nazwisko)').fill('Ewa Lis');
      await page.getByLabel('Telefon', { exact: true }).fill('600 700 800');
      await page.getByRole('button', { name: 'Zapisz odpowiedź' }).tap();
      await expect.poll(() => page.locator('[data-testid="survey-saved"]').innerText()).toContain('Odpowiedź jest w telefonie i zostanie wysłana, gdy będzie internet.');
      expect(await pendingCount(page)).toBe(1);
      expect(centre.state.savedWithContact).toEqual([]);

      await networkOn(context, centre);
      await expect.poll(() => pendingCount(page), { timeout: 60_000 }).toBe(0);
      expect(centre.state.saved).toEqual([]);
      expect(centre.state.savedWithContact).toHaveLength(1);
      const [sent] = centre.state.savedWithContact as [{ p_response: { id: string }; p_contact: { responseId: string } }];
      expect(sent.p_response).toMatchObject({ campaignId: campaign.id, addressId: address.id, leaderCandidate: { consent: true } });
      expect(sent.p_contact).toMatchObject({ responseId: sent.p_response.id, name: 'Ewa Lis', phone: '600 700 800' });
      // The surveyor's app never asks to read contacts back.
      expect(centre.state.paths.filter((path) => path.includes('leader_contacts') && !path.endsWith('save_response_with_leader_contact'))).toEqual([]);
    } finally {
      await networkOn(context, centre);
      await context.close();
    }
  });
});
