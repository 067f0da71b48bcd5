import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { loadDisclosureFixture, ORG_D, USERS_D } from './support/disclosureFixture';
import { ORG_A, USERS, loadFixture } from './support/fixture';
import { asCaller, attempt, type Caller } from './support/request';

/**
 * Issue 11's disclosure model on a town small enough to check by hand (support/disclosureFixture.ts explains every
 * number): primary rules (k on responses and homes, dominance, need bands), complementary suppression, the fixed
 * hexagon grid, share views enforced on the server, audit, and no existence probing.
 */

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
  await loadDisclosureFixture(db);
});
afterAll(async () => {
  await db?.close();
});

type Row = { unit_id: string; responses: number | null; need_count: number | null; need_count_low: number | null; need_count_high: number | null; need_rate: number | null; suppressed: boolean };
const user = (userId: string): Caller => ({ role: 'authenticated', userId });
const partner = user(USERS_D.partner);
const surveyor = user(USERS_D.surveyor);
const planner = user(USERS_D.planner);

const rows = (caller: Caller, unit: 'street' | 'area' | 'hex', campaign: string, k = 5) =>
  asCaller(db, caller, (tx) => tx.query<Row>(`select * from public.campaign_aggregates_by_${unit}($1, $2, '{housing}', 1, $3)`, [ORG_D, campaign, k]));
/** [id, responses, need count, low, high] — the figures a reader gets. */
const figures = (list: Row[]) => list.map((r) => [r.unit_id, r.responses, r.need_count, r.need_count_low, r.need_count_high]);

describe('primary rules (campaign c-1)', () => {
  it('list only streets with ≥ 5 responses from ≥ 5 homes and no home above ¾; a small need count is a band', async () => {
    for (const reader of [partner, surveyor]) {
      expect(figures(await rows(reader, 'street', 'c-1'))).toEqual([
        ['s-a', 7, null, 0, 4], // 1 of 7 has the need: shown as "fewer than 5"
        ['s-b', 10, 5, 5, 5], // 5 of 10, complement 5: exact
        // s-c 3 responses; s-d 17 responses but d1 holds 13 > 12.75; s-e 6 responses from 2 homes: not listed
      ]);
      expect(figures(await rows(reader, 'area', 'c-1'))).toEqual([['estate-e', 43, 6, 6, 6]]);
      expect(figures(await rows(reader, 'hex', 'c-1'))).toEqual([['0,0', 43, 6, 6, 6]]);
    }
  });

  it('leave admins and planners their own figures: every street, per-unit k only', async () => {
    const all = await rows(planner, 'street', 'c-1');
    expect(all.map((r) => [r.unit_id, r.responses, r.need_count, r.suppressed])).toEqual([
      ['s-a', 7, 1, false], ['s-b', 10, 5, false], ['s-c', null, null, true], ['s-d', 17, 0, false], ['s-e', 6, 0, false],
    ]);
  });

  it('never give a partner or surveyor k below 5, even when asked for k = 1', async () => {
    expect(figures(await rows(partner, 'street', 'c-1', 1))).toEqual(figures(await rows(partner, 'street', 'c-1', 5)));
    expect(figures(await rows(surveyor, 'street', 'c-1', 1))).toEqual(figures(await rows(partner, 'street', 'c-1', 5)));
  });

  it('band the complement too: with k = 8, s-b (5 of 10) is a band and so is the estate\'s 6 of 43', async () => {
    // k = 8 starts from the k = 5 pattern. s-a: 7 responses < 8 -> not listed; s-b: need 5 < 8 and complement 5 < 8 ->
    // band 0 … 10 (nothing known). estate-e: need 6 < 8 -> band 0 … 7.
    expect(figures(await rows(partner, 'street', 'c-1', 8))).toEqual([['s-b', 10, null, 0, 10]]);
    expect(figures(await rows(partner, 'area', 'c-1', 8))).toEqual([['estate-e', 43, null, 0, 7]]);
  });
});

describe('complementary suppression (campaign c-2)', () => {
  it('hides the smaller sibling so that s-c is not estate minus the visible streets', async () => {
    expect(figures(await rows(partner, 'street', 'c-2'))).toEqual([['s-b', 10, 5, 5, 5]]);
    expect(figures(await rows(partner, 'area', 'c-2'))).toEqual([['estate-e', 19, 9, 9, 9]]);
    expect(figures(await rows(partner, 'hex', 'c-2'))).toEqual([['0,0', 19, 9, 9, 9]]);
    // What a partner can compute: s-a + s-c = 19 − 10 = 9 responses, 9 − 5 = 4 with the need; never s-c alone.
    // The planner's own view shows what was protected: s-a 6 (3), s-c 3 (1).
    const own = await rows(planner, 'street', 'c-2', 1);
    expect(own.map((r) => [r.unit_id, r.responses, r.need_count])).toEqual([['s-a', 6, 3], ['s-b', 10, 5], ['s-c', 3, 1], ['s-d', null, null], ['s-e', null, null]]);
  });
});

describe('geometry is the centre\'s', () => {
  it('fixes one grid per organisation at its first area: 250 m at the centroid (19.4, 50.2)', async () => {
    expect(await db.query(`select size_meters, origin_lng, origin_lat from public.hex_grids where organisation_id = $1`, [ORG_D])).toEqual([{ size_meters: 250, origin_lng: 19.4, origin_lat: 50.2 }]);
  });

  it('refuses a hexagon size or origin from partners and surveyors (42501); planners still choose', async () => {
    for (const reader of [partner, surveyor]) {
      for (const args of ['10000, null, null', '250, 19.3, 50.1', 'null, 19.39995, 50.2', '25, null, null']) {
        const result = await asCaller(db, reader, (tx) => attempt(tx, `select * from public.campaign_aggregates_by_hex($1, 'c-1', '{housing}', 1, 5, ${args})`, [ORG_D]));
        expect(result.ok ? 'allowed' : `${result.error.code} ${result.error.message}`, args).toMatch(/^42501 only admins and planners choose hexagons/);
      }
      // Asking for the grid's own size is the same as asking for nothing.
      const same = await asCaller(db, reader, (tx) => tx.query<Row>(`select * from public.campaign_aggregates_by_hex($1, 'c-1', '{housing}', 1, 5, 250)`, [ORG_D]));
      expect(figures(same)).toEqual([['0,0', 43, 6, 6, 6]]);
    }
    const own = await asCaller(db, planner, (tx) => tx.query<Row>(`select * from public.campaign_aggregates_by_hex($1, 'c-1', '{housing}', 1, 1, 25, 19.4, 50.2)`, [ORG_D]));
    expect(own.length).toBeGreaterThan(1); // 25 m cells split the estate that one 250 m cell holds
  });

  it('refuses a share view that moves the grid', async () => {
    const result = await asCaller(db, planner, (tx) => attempt(tx, `select * from public.create_share_link($1, 'c-1', '{"v":1,"unit":"hex","originLng":19.4,"originLat":50.2}')`, [ORG_D]));
    expect(result.ok ? 'allowed' : result.error.message).toMatch(/view.origin cannot be chosen/);
  });
});

describe('share views are enforced on the server', () => {
  const link = async (view: object, k = 5) => (await asCaller(db, planner, (tx) =>
    tx.query<{ id: string; token: string }>(`select * from public.create_share_link($1, 'c-1', $2, now() + interval '1 day', $3)`, [ORG_D, JSON.stringify(view), k]), 'commit'))[0]!;
  const shared = (token: string) => asCaller(db, { role: 'anon' }, (tx) => tx.query<Row>('select * from public.shared_aggregates($1)', [token]), 'commit');

  it('give anon the same published cells as a partner, limited to the view\'s areas, and audit each read', async () => {
    const streets = await link({ v: 1, unit: 'street', needs: ['housing'], minSeverity: 1 });
    expect(figures(await shared(streets.token))).toEqual([['s-a', 7, null, 0, 4], ['s-b', 10, 5, 5, 5]]);
    const inFar = await link({ v: 1, unit: 'street', needs: ['housing'], areaIds: ['estate-far'] });
    expect(await shared(inFar.token)).toEqual([]);
    const areas = await link({ v: 1, unit: 'area', needs: ['housing'], areaIds: ['estate-far'] });
    expect(await shared(areas.token)).toEqual([]);
    const estate = await link({ v: 1, unit: 'area', needs: ['housing'], areaIds: ['estate-e'] });
    expect(figures(await shared(estate.token))).toEqual([['estate-e', 43, 6, 6, 6]]);
    const audit = await db.query<{ action: string; actor: string | null; k: number }>(
      `select action, actor, (detail ->> 'k')::int as k from public.audit_log where share_link_id = $1 order by id`, [estate.id]);
    expect(audit).toEqual([{ action: 'share_link_created', actor: USERS_D.planner, k: 5 }, { action: 'shared_read', actor: null, k: 5 }]);
  });

  it('audit every partner and surveyor read, with the request and no figures', async () => {
    await asCaller(db, partner, (tx) => tx.query(`select * from public.campaign_aggregates_by_area($1, 'c-2', '{housing}', 2, 7)`, [ORG_D]), 'commit');
    const [last] = await db.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
      `select actor, action, detail from public.audit_log where organisation_id = $1 order by id desc limit 1`, [ORG_D]);
    expect(last).toEqual({ actor: USERS_D.partner, action: 'restricted_read', detail: { role: 'partner', campaign: 'c-2', unit: 'area', needs: ['housing'], minSeverity: 2, k: 7 } });
  });
});

describe('no existence probing', () => {
  it('tells a stranger the same thing whether an area id exists in another centre or not', async () => {
    const insert = (areaId: string) => asCaller(db, user(USERS.outsider), (tx) => attempt(tx,
      `insert into public.campaigns (organisation_id, id, name, area_ids, start_date, end_date, households_targeted, method, wave)
       values ($1, 'probe', 'x', array[$2]::public.record_id[], '2026-01-01', '2026-02-01', 1, 'online', 1)`, [ORG_D, areaId]));
    const existing = await insert('estate-e');
    const missing = await insert('no-such-area');
    expect([existing.ok, missing.ok]).toEqual([false, false]);
    expect(existing.ok ? '' : `${existing.error.code} ${existing.error.message}`).toBe(missing.ok ? '' : `${missing.error.code} ${missing.error.message}`);
    expect(existing.ok ? '' : existing.error.code).toBe('42501');
  });

  it('answers a stranger\'s aggregate and share-link calls the same way for a campaign that exists and one that does not', async () => {
    for (const campaign of ['c-1', 'no-such-campaign']) {
      expect(await asCaller(db, user(USERS.adminA), (tx) => tx.query(`select * from public.campaign_aggregates($1, $2)`, [ORG_D, campaign]))).toEqual([]);
      const created = await asCaller(db, user(USERS.adminA), (tx) => attempt(tx, `select * from public.create_share_link($1, $2, '{"v":1,"unit":"street"}')`, [ORG_D, campaign]));
      expect(created.ok ? 'allowed' : `${created.error.code} ${created.error.message}`).toMatch(/^42501 .*only the centre's admins and planners/);
    }
    expect(ORG_A).not.toBe(ORG_D);
  });
});
