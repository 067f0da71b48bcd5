import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORE_COLOURS, hexRgb, OFFER_CLASS_COLOURS } from '../../src/map/explorePalette';
import { SESSION_REPLY } from '../data/supabase/stubFetch';
import { openMigratedDatabase, type Database } from '../../supabase/tests/support/database';
import { SEED_PATH } from '../../supabase/tests/support/parityDemo';
import { asCaller, type Caller } from '../../supabase/tests/support/request';
import { axeViolations } from './support/axe';
import { pngPixels } from './support/pixels';
import { plCount } from './support/polish';
import { bandHidesAll } from '../../src/ui/common/sharing/disclosureText';
import { formatPercent } from '../../src/ui/common/format';
import { REPO_ROOT } from './support/buildApp';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';

/**
 * Issue 14: a planner on a centre's server (the Supabase adapter) shares the residents' resources view as a partner
 * link; a partner opens it in a fresh browser and sees offer figures under the disclosure rules, and nothing else.
 * PostgREST does not run here, so the browser's requests to the project are answered with context.route — by the
 * real SQL: the migrations and the demo town's seed in embedded PostGIS (PGlite), each RPC called as PostgREST calls
 * it (the planner's role for create/list, anon for the partner's token), its rows sent back as JSON.
 */

const PROJECT_URL = 'http://supabase.calmap.test';
const PLANNER = '00000000-0000-4000-8000-0000000000c1';
const ORG = 'mops-debowo';
const CONTACT_NAME = 'Zofia Przykładowa';

const app = useBuiltApp({ supabase: { url: PROJECT_URL, anonKey: 'anon-key-for-tests' } });

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  await db.query('insert into auth.users (id) values ($1)', [PLANNER]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $2, 'planner')`, [PLANNER, ORG]);
  // A leader's contact in the centre: it must never reach the partner.
  await db.query(`insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until)
    select $1::text, 'lc-e2e', r.id, $2::text, '600 111 222', current_date, current_date + 30 from public.survey_responses r where r.organisation_id = $1::text order by r.id limit 1`, [ORG, CONTACT_NAME]);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const readDemo = (name: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, 'data/demo', name), 'utf8'));

/** One request at a time into the one embedded database (each is a transaction, as PostgREST makes it). */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** An RPC's rows as PostgREST sends them: JSON numbers, ISO timestamps (to_jsonb of each row). */
const rowsJson = (caller: Caller, sql: string, params: unknown[]) =>
  serial(() => asCaller(db, caller, async (tx) => (await tx.query<{ r: unknown }>(`select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) as r from (${sql}) as x`, params))[0]!.r, 'commit'));

function centre() {
  const workspace: Record<string, unknown> = { v: 1, organisation: readDemo('organisation.json') };
  for (const name of ['areas', 'streets', 'addresses', 'resources', 'groups', 'campaigns', 'responses', 'programmes', 'events']) workspace[name] = readDemo(`${name}.json`);
  const calls: string[] = [];
  const bodies: string[] = [];
  const created: { view: unknown }[] = [];
  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const json = async (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      bodies.push(text);
      await route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: text, headers: { 'access-control-allow-origin': '*' } });
    };
    if (request.method() === 'OPTIONS') {
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET,POST,PATCH,DELETE' } });
    }
    calls.push(url.pathname);
    const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
    const planner: Caller = { role: 'authenticated', userId: PLANNER };
    const anon: Caller = { role: 'anon' };
    switch (url.pathname) {
      case '/auth/v1/token': return json(200, SESSION_REPLY);
      case '/rest/v1/memberships': return json(200, [{ organisation_id: ORG, role: 'planner' }]);
      case '/rest/v1/rpc/load_workspace': return json(200, workspace);
      case '/rest/v1/rpc/create_share_link':
        created.push({ view: body.p_view });
        return json(200, await rowsJson(planner, 'select * from public.create_share_link($1, $2, $3::jsonb, $4::timestamptz, $5)', [body.p_organisation_id, body.p_campaign_id, JSON.stringify(body.p_view), body.p_expires_at, body.p_k]));
      case '/rest/v1/rpc/list_share_links': return json(200, await rowsJson(planner, 'select * from public.list_share_links($1)', [body.p_organisation_id]));
      case '/rest/v1/rpc/shared_view':
        return json(200, await serial(() => asCaller(db, anon, async (tx) => (await tx.query<{ v: unknown }>('select public.shared_view($1) as v', [body.p_token]))[0]!.v, 'commit')));
      case '/rest/v1/rpc/shared_aggregates': return json(200, await rowsJson(anon, 'select * from public.shared_aggregates($1)', [body.p_token]));
      default: return json(404, { code: 'PGRST202', message: `no function for ${request.method()} ${url.pathname} in this test`, details: null, hint: null });
    }
  };
  return { handle, calls, bodies, created };
}

type SharedRow = { unit_id: string; label: string; responses: number; need_count: number | null; need_rate: number | null; need_count_low: number | null; need_count_high: number | null };

describe('a partner link of residents\' resources, through the centre\'s server', () => {
  it('the planner shares "help for seniors" by street; the partner sees offer shares and bands, no hidden street, no contact', async () => {
    const server = centre();
    const planner = await app.browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'pl-PL' });
    await planner.route(`${PROJECT_URL}/**`, server.handle);
    const page = await planner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.origin + '/', { waitUntil: 'commit' });
    await page.getByLabel('E-mail').fill('planista@ops-testowo.pl');
    await page.getByLabel('Hasło').fill('haslo-testowe');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt), undefined, { timeout: 60_000, polling: 100 });
    await page.check('input[name="explore-subject"][value="resources"]');
    await page.selectOption('#explore-offer', 'senior_care');
    await expect.poll(async () => (await page.locator('[data-testid="explore-legend"]').textContent())?.replace(/\s+/g, ' '), { timeout: 15_000 }).toContain('Odsetek gospodarstw oferujących: Pomoc seniorom');
    const campaignId = await page.evaluate(() => window.__calmap!.explore!.campaignId);
    const campaignName = (readDemo('campaigns.json') as { id: string; name: string }[]).find((c) => c.id === campaignId)!.name;

    await page.getByRole('button', { name: 'Udostępnij partnerowi' }).click();
    const dialog = page.locator('dialog.share-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Utwórz link' }).click();
    const output = dialog.locator('input.share-link-output');
    await output.waitFor({ timeout: 20_000 });
    const linkUrl = await output.inputValue();
    expect(linkUrl).toMatch(/\/s\/[0-9a-f]{64}$/);
    // What the app asked the server to store: the offer, no needs.
    expect(server.created).toEqual([{ view: expect.objectContaining({ v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'senior_care' }, exploreUnit: 'street' }) }]);
    expect(JSON.stringify(server.created[0]!.view)).not.toContain('"needs"');
    await planner.close();

    // The truth the partner must see: the link's rows as the server gives them, and every street of the town.
    const token = linkUrl.slice(linkUrl.lastIndexOf('/') + 1);
    const rows = (await rowsJson({ role: 'anon' }, 'select * from public.shared_aggregates($1)', [token])) as SharedRow[];
    const streets = await db.query<{ id: string; label: string }>(`select id, prefix || ' ' || name as label from public.streets where organisation_id = $1`, [ORG]);
    const published = new Set(rows.map((r) => r.unit_id));
    const publishedLabels = new Set(rows.map((r) => r.label));
    const hiddenLabels = streets.filter((s) => !published.has(s.id) && !publishedLabels.has(s.label)).map((s) => s.label);
    expect(rows.length).toBeGreaterThan(50);
    expect(hiddenLabels.length).toBeGreaterThan(10);
    const banded = rows.filter((r) => r.need_rate === null);
    const exact = rows.filter((r) => r.need_rate !== null);
    expect(banded.length).toBeGreaterThan(0);
    expect(exact.length).toBeGreaterThan(0);

    // The partner: a fresh context, the link only.
    const partner = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
    const partnerServer = centre();
    await partner.route(`${PROJECT_URL}/**`, partnerServer.handle);
    const view = await partner.newPage();
    view.on('pageerror', (e) => errors.push(e.message));
    await view.goto(linkUrl, { waitUntil: 'load' });
    await view.locator('.partner-map[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    const header = (await view.locator('.partner-meta').innerText()).replace(/\s+/g, ' ');
    expect(header).toContain('Odsetek gospodarstw oferujących pomoc: Pomoc seniorom');
    expect(header).toContain(campaignName);
    expect(header).toContain('Gdy pomoc oferuje albo nie oferuje mniej niż 5 gospodarstw, podajemy tylko przedział');
    expect((await view.locator('.partner-legend-what').innerText()).trim()).toBe('Odsetek gospodarstw oferujących pomoc: Pomoc seniorom');
    // What residents offer is drawn in green, as on the planner's map, never in the red of needs (UX.md).
    const swatches = await view.locator('.partner-legend .partner-swatch:not(.partner-swatch-hidden):not(.partner-swatch-banded)').evaluateAll((spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
    expect(swatches.length).toBeGreaterThan(0);
    const greens = OFFER_CLASS_COLOURS.map((hex) => `rgb(${hexRgb(hex).join(', ')})`);
    expect(swatches.every((colour) => greens.includes(colour))).toBe(true);
    // The table lists exactly the published streets, with the server's shares and bands.
    const tableRows = view.locator('.partner-table tbody tr');
    expect(await tableRows.count()).toBe(rows.length);
    // The server leaves out streets below k: the partner is told how many have figures, never a count of hidden ones
    // that would be too low (those hidden to protect others are listed, as "ukryte, by chronić inne obszary").
    const hidesAll = rows.filter((r) => r.need_rate === null && r.need_count_low !== null && bandHidesAll({ low: r.need_count_low, high: r.need_count_high! }, r.responses));
    expect((await view.locator('.partner-counts').innerText()).trim()).toBe(`${plCount(rows.length - hidesAll.length, 'obszar', 'obszary', 'obszarów')} z wynikami.`);
    const text = (await view.locator('.partner-table tbody').innerText()).replace(/\s+/g, ' ');
    for (const label of hiddenLabels) expect(text, label).not.toContain(`${label} `);
    // As the planner's screens write a share ("43 %", common/format.ts); innerText's spaces were folded above.
    const percent = (v: number) => formatPercent('pl', v, 0).replace(/\s/g, ' ');
    const sample = exact.slice(0, 5);
    for (const r of sample) {
      const rowText = (await view.locator('.partner-table tbody tr', { has: view.locator('th', { hasText: r.label }) }).first().innerText()).replace(/\s+/g, ' ');
      expect(rowText, r.label).toContain(percent(r.need_rate!));
    }
    expect(await view.locator('.partner-table td[data-band="true"]').count()).toBe(banded.length);
    const firstBand = banded.find((r) => r.need_count_low === 0 && r.need_count_high! < r.responses)!;
    expect(firstBand).toBeDefined();
    const bandRow = (await view.locator('.partner-table tbody tr', { has: view.locator('th', { hasText: firstBand.label }) }).first().innerText()).replace(/\s+/g, ' ');
    expect(bandRow).toContain('mniej niż 5 gospodarstw');
    // A street published as a range is drawn as one (slate, with its legend row), not as hidden grey.
    expect(await view.locator('.partner-legend li', { hasText: 'tylko przedział' }).count()).toBe(1);
    const { data } = await pngPixels(view, await view.locator('.partner-map canvas').screenshot());
    const [br, bg, bb] = hexRgb(EXPLORE_COLOURS.banded);
    let bandedPixels = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - br) + Math.abs(data[i + 1]! - bg) + Math.abs(data[i + 2]! - bb) <= 12) bandedPixels++;
    expect(bandedPixels).toBeGreaterThan(1000);
    await view.screenshot({ path: join(ARTIFACTS, 'partner-link-offers.png') });
    expect(await axeViolations(view)).toEqual([]);

    // On the wire: the two share RPCs, aggregates only — no answer, no household, no contact.
    expect(partnerServer.calls).toEqual(['/rest/v1/rpc/shared_view', '/rest/v1/rpc/shared_aggregates']);
    for (const body of partnerServer.bodies) {
      expect(body).not.toMatch(/householdSize|addressId|"offers"\s*:\s*\[|600 111 222/);
      expect(body).not.toContain(CONTACT_NAME);
    }
    await partner.close();
    expect(errors).toEqual([]);
  }, 240_000);
});
