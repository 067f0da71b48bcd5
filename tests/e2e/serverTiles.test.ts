import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCityTown } from '../../data/town/city';
import type { TownCollections } from '../../data/town/validate';
import { hexRgb, NEED_CLASS_COLOURS } from '../../src/map/explorePalette';
import { MAP_COLOURS } from '../../src/map/palette';
import { TILED_TOWN_MIN_ADDRESSES } from '../../src/map/tiledTown';
import { openMigratedDatabase, type Database } from '../../supabase/tests/support/database';
import { asCaller } from '../../supabase/tests/support/request';
import { converterOf } from '../../supabase/scripts/recordConverters';
import { SESSION_REPLY, USER_ID } from '../data/supabase/stubFetch';
import { ARTIFACTS, useBuiltApp } from './support/builtApp';
import { colourCounts } from './support/pixels';
import { mapIdle, recolourWithAnotherNeed } from './support/mapState';

/**
 * Issue 16 item 3, what a planner of a large town on the centre's server sees: the city of three demo-sized districts
 * (≈ 24,000 addresses, data/town/city.ts) is the centre's data in a real PostgreSQL + PostGIS (DATABASE_URL, all
 * migrations); its streets and addresses are drawn from public.map_tile, run as the signed-in planner for every tile
 * MapLibre asks for. PostgREST and GoTrue do not run here: page.route answers sign-in, the membership and
 * load_workspace as tests/data/supabase pins them, and a map_tile request with the function's own bytes in PostgREST's
 * bytea text ("\\x" + hex). The streets are drawn and recoloured, the address dots appear when zoomed in, and a click
 * on an address opens its panel; a need change recolours the server's features without asking for tiles again.
 */

const PROJECT_URL = 'http://supabase.calmap.test';
const app = useBuiltApp({ supabase: { url: PROJECT_URL, anonKey: 'anon-key-for-tests' } });
const hasServer = Boolean(process.env.DATABASE_URL);

let db: Database;
let town: TownCollections;

beforeAll(async () => {
  if (!hasServer) return;
  town = generateCityTown({ cols: 3, rows: 1 });
  db = await openMigratedDatabase();
  const org = town.organisation.id;
  await db.query('insert into public.organisations select * from private.organisation_from_json($1)', [JSON.stringify(town.organisation)]);
  for (const [collection, records] of [['areas', town.areas], ['streets', town.streets], ['addresses', town.addresses]] as const) {
    const { table, name } = converterOf(collection);
    await db.query(`insert into public.${table} select r.* from jsonb_array_elements($2::jsonb) e, private.${name}_from_json($1, e.value) r`, [org, JSON.stringify(records)]);
  }
  await db.query('analyze');
  await db.query('insert into auth.users (id) values ($1)', [USER_ID]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $2, 'planner')`, [USER_ID, org]);
}, 300_000);
afterAll(async () => {
  await db?.close();
});

/** The centre's project as the browser sees it; map_tile is the database's, one request at a time (one connection). */
function centreServer() {
  const tiles: Array<{ layer: string; z: number; bytes: number }> = [];
  /** While set, map_tile answers as PostgREST does when the database is unreachable. */
  const state = { failTiles: false, failed: 0 };
  let queue: Promise<unknown> = Promise.resolve();
  const mapTile = (body: { p_organisation_id: string; p_z: number; p_x: number; p_y: number; p_layers: string[] }) => {
    const next = queue.then(() =>
      asCaller(db, { role: 'authenticated', userId: USER_ID }, (tx) =>
        tx.query<{ mvt: Uint8Array }>('select public.map_tile($1, $2, $3, $4, $5) as mvt', [body.p_organisation_id, body.p_z, body.p_x, body.p_y, body.p_layers])));
    queue = next.catch(() => undefined);
    return next.then((rows) => Buffer.from(rows[0]!.mvt));
  };
  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers: { 'access-control-allow-origin': '*' } });
    if (request.method() === 'OPTIONS') {
      return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET,POST,PATCH,DELETE' } });
    }
    if (url.pathname === '/auth/v1/token') return json(200, SESSION_REPLY);
    if (url.pathname === '/rest/v1/memberships') return json(200, [{ organisation_id: town.organisation.id, role: 'planner' }]);
    if (url.pathname === '/rest/v1/rpc/load_workspace') return json(200, { v: 1, ...town });
    if (url.pathname === '/rest/v1/rpc/map_tile' && state.failTiles) {
      state.failed++;
      return json(503, { code: 'PGRST000', message: 'Could not connect with the database', details: null, hint: null });
    }
    if (url.pathname === '/rest/v1/rpc/map_tile') {
      const body = request.postDataJSON() as Parameters<typeof mapTile>[0];
      const mvt = await mapTile(body);
      tiles.push({ layer: body.p_layers.join(','), z: body.p_z, bytes: mvt.byteLength });
      return json(200, `\\x${mvt.toString('hex')}`);
    }
    return json(404, { code: 'PGRST202', message: `no stub for ${request.method()} ${url.pathname}`, details: null, hint: null });
  };
  return { handle, tiles, state };
}


describe.runIf(hasServer)('a large town on the centre\'s server, drawn from map_tile', () => {
  it('draws and recolours the streets from the server\'s tiles, shows the address dots, opens an address\'s panel', async () => {
    expect(town.addresses.length).toBeGreaterThanOrEqual(TILED_TOWN_MIN_ADDRESSES);
    const server = centreServer();
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL' });
    await context.route(`${PROJECT_URL}/**`, server.handle);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(app.server.origin + '/', { waitUntil: 'commit' });
    await page.getByLabel('E-mail').fill('planista@ops-testowo.pl');
    await page.getByLabel('Hasło').fill('haslo-testowe');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt) && window.__calmap?.ready === true, undefined, { timeout: 120_000, polling: 100 });

    const sources = await page.evaluate(() => ['streets', 'addresses'].map((id) => window.__calmap!.map.getSource(id)?.type));
    expect(sources).toEqual(['vector', 'vector']);
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'server-tiles-town.png') });
    // Every street tile came from map_tile, one layer a call.
    expect(server.tiles.filter((t) => t.layer === 'streets').length).toBeGreaterThan(0);
    expect(server.tiles.every((t) => t.layer === 'streets' || t.layer === 'addresses')).toBe(true);
    const before = await colourCounts(page, NEED_CLASS_COLOURS);
    console.log(`need classes drawn (pixels per class): ${before.counts.join(', ')}; map_tile calls: ${server.tiles.length}`);
    expect(before.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
    expect(before.counts.filter((n) => n > 100).length).toBeGreaterThanOrEqual(3);

    // Another need: feature-state recolours the server's features (by their record id) without new tiles.
    const asked = server.tiles.length;
    const { after, changed } = await recolourWithAnotherNeed(page, before);
    console.log(`after the need change: ${after.counts.join(', ')}; ${changed} street pixels changed class`);
    expect(changed).toBeGreaterThan(1000);
    expect(server.tiles.length).toBe(asked);

    // Close up on a street of the second district: its address dots come from map_tile's addresses layer.
    const street = town.streets.find((s) => s.id.startsWith('d2-') && town.addresses.filter((a) => a.streetId === s.id).length >= 6)!;
    const onStreet = town.addresses.filter((a) => a.streetId === street.id);
    await page.evaluate(async (points) => {
      const map = window.__calmap!.map;
      const lngs = points.map((p) => p[0]!);
      const lats = points.map((p) => p[1]!);
      map.fitBounds([Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)], { padding: 200, minZoom: 16, maxZoom: 16.5, animate: false } as never);
      map.jumpTo({ zoom: Math.max(map.getZoom(), 16) });
    }, onStreet.map((a) => a.location.coordinates));
    await mapIdle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'server-tiles-addresses.png') });
    expect(server.tiles.some((t) => t.layer === 'addresses' && t.z === 14 && t.bytes > 0)).toBe(true);
    const [r, g, b] = hexRgb(MAP_COLOURS.address);
    const dotColour = `#${[r, g, b].map((c) => Math.round(0.9 * c + 0.1 * 232).toString(16).padStart(2, '0')).join('')}`;
    const dots = await colourCounts(page, [dotColour], 40);
    console.log(`address dot pixels at zoom 16: ${dots.counts[0]}`);
    expect(dots.counts[0]).toBeGreaterThan(300);

    // A click on an address dot (its feature id is the record id, from map_tile's `id`) opens that address's panel.
    const target = await page.evaluate((candidates) => {
      const map = window.__calmap!.map;
      const rect = map.getCanvas().getBoundingClientRect();
      for (const { id, at } of candidates) {
        const p = map.project([at[0]!, at[1]!]);
        if (p.x < 60 || p.y < 60 || p.x > rect.width - 60 || p.y > rect.height - 60) continue;
        const hits = map.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers: ['resources-symbol', 'addresses-circle'].filter((l) => map.getLayer(l)) });
        if (hits.length === 1 && hits[0]!.layer.id === 'addresses-circle' && String(hits[0]!.id) === id) return { id, x: rect.left + p.x, y: rect.top + p.y };
      }
      return null;
    }, onStreet.map((a) => ({ id: a.id, at: a.location.coordinates })));
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const address = onStreet.find((a) => a.id === target!.id)!;
    await expect.poll(() => page.locator('[data-testid="details-title"]').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`${street.name}.* ${address.houseNumber}$`));
    await page.screenshot({ path: join(ARTIFACTS, 'server-tiles-address-panel.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('says so when the server\'s tiles fail, and draws the streets once asked to try again', async () => {
    const server = centreServer();
    server.state.failTiles = true;
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pl-PL' });
    await context.route(`${PROJECT_URL}/**`, server.handle);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(app.server.origin + '/', { waitUntil: 'commit' });
    await page.getByLabel('E-mail').fill('planista@ops-testowo.pl');
    await page.getByLabel('Hasło').fill('haslo-testowe');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const notice = page.locator('[data-testid="map-tiles-failed"]');
    await notice.waitFor({ timeout: 120_000 });
    expect(await notice.innerText()).toMatch(/Części mapy \(ulic lub adresów\) nie udało się wczytać\.\s*Spróbuj ponownie/);
    expect(server.state.failed).toBeGreaterThan(0);
    expect(server.tiles).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'server-tiles-failed.png') });
    // The server is back: "Spróbuj ponownie" asks for the tiles again and the streets are drawn.
    server.state.failTiles = false;
    await notice.getByRole('button', { name: 'Spróbuj ponownie' }).click();
    await expect.poll(() => server.tiles.filter((t) => t.layer === 'streets').length, { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForFunction(() => Number.isFinite(window.__calmap?.explore?.recolouredAt) && window.__calmap?.ready === true, undefined, { timeout: 120_000, polling: 100 });
    await mapIdle(page);
    expect(await notice.count()).toBe(0);
    const drawn = await colourCounts(page, NEED_CLASS_COLOURS);
    expect(drawn.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
