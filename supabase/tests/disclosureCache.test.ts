import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { SEED_PATH } from './support/parityDemo';
import { asCaller } from './support/request';

/**
 * Issue 16 item 3: the stored disclosure patterns (private.disclosure_cache, migration 20250601001500). A partner
 * view reads the pattern stored for the centre's current data; every write of responses, need answers, streets, areas
 * or the grid makes it be computed again. Checked on the demo town: after each kind of write the stored path
 * (private.disclosed_units_cached, what restricted_cells and so share links read) gives exactly what
 * private.disclosed_units computes from the data, and the write did change that answer (so a stale pattern would be
 * seen). Who may read the tables: tests/security.test.ts.
 */

const ORG = 'mops-debowo';
const PLANNER = '00000000-0000-4000-8000-0000000000a1';
const W1 = 'campaign-2025-w1';
const W2 = 'campaign-2026-w2';
type Unit = { unit_kind: string; unit_id: string; responses: number; need_count: number; published: boolean; need_shown: string | null };
const REQUESTS: [string, string | null, number, number][] = [
  [W1, null, 1, 8],
  [W2, '{housing,unemployment}', 2, 5],
];

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  await db.query('insert into auth.users (id) values ($1)', [PLANNER]);
  await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [PLANNER, ORG, 'planner']);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const order = 'order by unit_kind, unit_id collate "C"';
const cached = (campaign: string, needs: string | null, severity: number, k: number) =>
  db.query<Unit>(`select * from private.disclosed_units_cached($1, $2, $3::public.need_category[], $4, $5) ${order}`, [ORG, campaign, needs, severity, k]);
const fresh = (campaign: string, needs: string | null, severity: number, k: number) =>
  db.query<Unit>(`select * from private.disclosed_units($1, $2, $3::public.need_category[], $4, $5) ${order}`, [ORG, campaign, needs, severity, k]);
const stored = async () => (await db.query<{ n: number }>('select count(*)::int as n from private.disclosure_cache where organisation_id = $1', [ORG]))[0]!.n;

/** Every request, read twice through the store (computed, then read back) and from the data: all equal; the answers. */
async function answers(): Promise<string[]> {
  const out: string[] = [];
  for (const r of REQUESTS) {
    const first = await cached(...r);
    const again = await cached(...r);
    const computed = await fresh(...r);
    expect(first).toEqual(computed);
    expect(again).toEqual(computed);
    out.push(JSON.stringify(computed));
  }
  expect(await stored()).toBe(REQUESTS.length);
  return out;
}

describe('stored disclosure patterns', () => {
  it('are read back while the centre\'s data is unchanged (a planted pattern is what a link gets)', async () => {
    const before = await answers();
    await db.query(`update private.disclosure_cache set units = '{}' where organisation_id = $1 and campaign_id = $2`, [ORG, W2]);
    expect(await cached(...REQUESTS[1]!)).toEqual([]);
    await db.query('delete from private.disclosure_cache where organisation_id = $1', [ORG]);
    expect(await answers()).toEqual(before);
  });

  it('are stored by a share link read (anon) and by a partner view, and computed but not stored in a read-only transaction', async () => {
    await db.query('delete from private.disclosure_cache where organisation_id = $1', [ORG]);
    const [link] = await asCaller(db, { role: 'authenticated', userId: PLANNER }, (tx) =>
      tx.query<{ token: string }>(`select token from public.create_share_link($1, $2, $3::jsonb, now() + interval '1 day', 5)`,
        [ORG, W1, JSON.stringify({ v: 1, unit: 'street', needs: ['housing'], minSeverity: 1 })]), 'commit');
    const viaLink = await asCaller(db, { role: 'anon' }, (tx) => tx.query<{ unit_id: string }>('select unit_id from public.shared_aggregates($1)', [link!.token]), 'commit');
    expect(viaLink.length).toBeGreaterThan(10);
    expect(await stored()).toBe(1);
    await db.query('begin read only');
    const readOnly = await db.query<Unit>(`select * from private.disclosed_units_cached($1, $2, '{unemployment}', 1, 5) ${order}`, [ORG, W1]);
    await db.query('commit');
    expect(readOnly).toEqual(await fresh(W1, '{unemployment}', 1, 5));
    expect(await stored()).toBe(1);
    await db.query('delete from private.disclosure_cache where organisation_id = $1', [ORG]);
  });

  const writes: [string, string][] = [
    ['new responses (copies of 60 of wave 1, with their need answers)', `
      with copied as (
        insert into public.survey_responses (organisation_id, id, campaign_id, address_id, street_id, location, date, household_size)
        select organisation_id, id || '-copy', campaign_id, address_id, street_id, location, date, household_size
        from public.survey_responses where organisation_id = '${ORG}' and campaign_id = '${W1}' order by id limit 60 returning id)
      select count(*) from copied;
      insert into public.survey_response_needs (organisation_id, response_id, category, severity)
      select n.organisation_id, n.response_id || '-copy', n.category, n.severity from public.survey_response_needs n
      where n.organisation_id = '${ORG}' and exists (select 1 from public.survey_responses r where r.organisation_id = n.organisation_id and r.id = n.response_id || '-copy')`],
    ['need answers removed', `delete from public.survey_response_needs where organisation_id = '${ORG}' and category in ('housing', 'unemployment')
      and response_id in (select id from public.survey_responses where organisation_id = '${ORG}' order by id limit 400)`],
    ['responses moved to the other campaign', `update public.survey_responses set campaign_id = '${W2}'
      where organisation_id = '${ORG}' and id in (select id from public.survey_responses where organisation_id = '${ORG}' and campaign_id = '${W1}' order by id desc limit 50)`],
    ['responses re-assigned to another street (no address, no point)', `update public.survey_responses r set address_id = null, location = null,
      street_id = (select s.id from public.streets s where s.organisation_id = '${ORG}' order by s.id limit 1)
      where r.organisation_id = '${ORG}' and r.id in (select id from public.survey_responses where organisation_id = '${ORG}' order by id limit 40)`],
    ['responses deleted', `delete from public.survey_responses where organisation_id = '${ORG}'
      and id in (select id from public.survey_responses where organisation_id = '${ORG}' order by id desc limit 80)`],
  ];
  for (const [name, sql] of writes) {
    it(`are computed again after ${name}`, async () => {
      const before = await answers();
      await db.exec(sql);
      const after = await answers();
      // The write changed the answer, so the comparison with private.disclosed_units in answers() would see a stale one.
      expect(after).not.toEqual(before);
    });
  }

  it('are computed again after a write to the streets, and kept through a statement that writes nothing', async () => {
    await answers();
    const version = async () => (await db.query<{ n: number }>('select count(*)::int as n from private.disclosure_writes where organisation_id = $1', [ORG]))[0]!.n;
    const v0 = await version();
    await db.query(`update public.streets set name = name where organisation_id = $1 and id = (select min(id) from public.streets where organisation_id = $1)`, [ORG]);
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    const outdated = await db.query<{ n: number }>('select count(*)::int as n from private.disclosure_cache where organisation_id = $1 and writes < $2', [ORG, v1]);
    expect(outdated).toEqual([{ n: REQUESTS.length }]);
    await answers();
    await db.query(`update public.survey_responses set household_size = household_size where organisation_id = $1 and household_size > 100`, [ORG]);
    expect(await version()).toBe(v1);
    expect(await db.query<{ n: number }>('select count(*)::int as n from private.disclosure_cache where organisation_id = $1 and writes = $2', [ORG, v1])).toEqual([{ n: REQUESTS.length }]);
  });
});
