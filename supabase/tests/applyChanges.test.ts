import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, ORG_B, USERS, loadFixture } from './support/fixture';
import { asCaller, attempt, type Caller } from './support/request';

/**
 * apply_changes (supabase/migrations/20250601000800_record_rpcs.sql): upserts and deletes across collections in one
 * call, all or nothing, under RLS. Every call is made as PostgREST makes it (transaction, SET LOCAL ROLE,
 * request.jwt.claims, named arguments) and COMMITTED, so "nothing was written" is checked after a real commit:
 * the row count and an md5 of every row of every public table are equal before and after.
 * Runs on PGlite, and on the server of DATABASE_URL when it is set.
 */

let db: Database;
let tables: string[];
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
  tables = (await db.query<{ name: string }>(`select c.relname as name from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`)).map((t) => t.name);
});
afterAll(async () => {
  await db?.close();
});

const planner: Caller = { role: 'authenticated', userId: USERS.plannerA };
const partner: Caller = { role: 'authenticated', userId: USERS.partnerA };
const adminB: Caller = { role: 'authenticated', userId: USERS.adminB };

type Reply = { ok: boolean; saved: number; deleted: number; issues: { collection?: string; row?: number; field: string; message: string }[] };

/** Calls the RPC as PostgREST does and commits; a raised error is returned, not thrown. */
async function applyChanges(caller: Caller, changes: unknown, org: string = ORG_A) {
  return asCaller(db, caller, (tx) => attempt<{ r: Reply }>(tx, 'select public.apply_changes(p_organisation_id := $1, p_changes := $2::jsonb) as r', [org, JSON.stringify(changes)]), 'commit');
}
async function reply(caller: Caller, changes: unknown, org: string = ORG_A): Promise<Reply> {
  const outcome = await applyChanges(caller, changes, org);
  if (!outcome.ok) throw outcome.error;
  return outcome.rows[0]!.r;
}

/** Row count and an md5 of every row's text, per public table, read as the owner (no RLS). */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number; h: string }>(
      `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from public.${table} t`);
    out[table] = `${row!.n} ${row!.h}`;
  }
  return out;
}

const ids = async (table: string, org: string = ORG_A): Promise<string[]> =>
  (await db.query<{ id: string }>(`select id from public.${table} where organisation_id = $1 order by id`, [org])).map((r) => r.id);

const line = (lat: number) => ({ type: 'MultiLineString', coordinates: [[[19.301, lat], [19.309, lat]]] });
const street = (id: string, name: string, lat = 50.101) => ({ id, prefix: 'ul.', name, geometry: line(lat) });
const address = (id: string, streetId: string, changes: Record<string, unknown> = {}) => ({
  id, streetId, houseNumber: '1', location: { type: 'Point', coordinates: [19.302, 50.1011] }, households: 2, ...changes,
});

describe('apply_changes: all or nothing across collections', () => {
  it('writes streets and the addresses on them in one call, in reference order whatever the key order', async () => {
    // addresses listed before streets in the JSON: the RPC still writes streets first (or the foreign key would fail).
    const result = await reply(planner, { upserts: { addresses: [address('ok-a-1', 'ok-s-1'), address('ok-a-2', 'ok-s-2')], streets: [street('ok-s-1', 'Lipowa'), street('ok-s-2', 'Klonowa')] } });
    expect(result).toEqual({ ok: true, saved: 4, deleted: 0, issues: [] });
    expect((await ids('streets')).filter((id) => id.startsWith('ok-'))).toEqual(['ok-s-1', 'ok-s-2']);
    expect((await ids('addresses')).filter((id) => id.startsWith('ok-'))).toEqual(['ok-a-1', 'ok-a-2']);
    // What was written reads back as the domain JSON the app parses.
    const [loaded] = await asCaller(db, planner, (tx) => tx.query<{ r: { addresses: { id: string; streetId: string }[] } }>('select public.load_workspace(p_organisation_id := $1) as r', [ORG_A]));
    expect(loaded!.r.addresses.find((a) => a.id === 'ok-a-2')).toMatchObject({ streetId: 'ok-s-2', houseNumber: '1', households: 2 });
  });

  it('a bad row in the second collection leaves the first untouched: nothing is written, every problem is named', async () => {
    const before = await fingerprint();
    // Three good streets; addresses row 1 points at a street that does not exist, row 2 has latitude 95.
    const result = await reply(planner, {
      upserts: {
        streets: [street('bad-s-1', 'Brzozowa'), street('bad-s-2', 'Dębowa'), street('bad-s-3', 'Jodłowa')],
        addresses: [address('bad-a-1', 'bad-s-1'), address('bad-a-2', 's-404'), address('bad-a-3', 'bad-s-3', { location: { type: 'Point', coordinates: [19.3, 95] } })],
      },
    });
    expect(result.ok).toBe(false);
    expect(result.saved).toBe(0);
    expect(result.issues.map((i) => `${i.collection} ${i.row} ${i.field}`)).toEqual(['addresses 1 streetId', 'addresses 2 location']);
    expect(result.issues[1]!.message).toMatch(/latitude must be between -90 and 90/);
    expect(await fingerprint()).toEqual(before);
    expect((await ids('streets')).filter((id) => id.startsWith('bad-'))).toEqual([]);
  });

  it('replaces part of a workspace: upserts and deletes in one call, deletes after upserts and in reverse order', async () => {
    // Move a-3 to a new street s-new, then delete its old street s-2 — but s-2 still has responses r-7 … r-9 and
    // the assigned r-10, r-11, so first delete those (responses are deleted before streets: reverse order).
    const result = await reply(planner, {
      upserts: { streets: [street('s-new', 'Nowa')], addresses: [address('a-3', 's-new', { houseNumber: '7/3', households: 8 })] },
      deletes: { streets: ['s-2'], responses: ['r-7', 'r-8', 'r-9'], events: ['e-404'] },
    });
    expect(result).toEqual({ ok: true, saved: 2, deleted: 4, issues: [] });
    expect((await ids('streets')).filter((id) => !id.startsWith('ok-'))).toEqual(['s-1', 's-3', 's-new']); // ok-*: the first test's
    const [a3] = await db.query<{ street_id: string }>('select street_id from public.addresses where organisation_id = $1 and id = $2', [ORG_A, 'a-3']);
    expect(a3!.street_id).toBe('s-new');
    // Centre B's s-2 (same id, other centre) is untouched.
    expect(await ids('streets', ORG_B)).toEqual(['s-1']);
  });

  it('a delete that fails (a street still in use) undoes the upserts made before it', async () => {
    const before = await fingerprint();
    const result = await reply(planner, {
      upserts: { areas: [{ id: 'area-x', name: 'Nowe', kind: 'estate', geometry: { type: 'Polygon', coordinates: [[[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.1]]] } }], streets: [street('s-x', 'Wiśniowa')] },
      deletes: { streets: ['s-3', 's-1'] }, // s-3 has nothing on it; s-1 has a-1 and a-2
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ collection: 'streets', row: 1 });
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses an id both saved and deleted, and a malformed id to delete, naming collection and row', async () => {
    const before = await fingerprint();
    const result = await reply(planner, { upserts: { streets: [street('s-3', 'Krótka')] }, deletes: { streets: ['s-3'], addresses: ['ok', "'; drop table public.streets; --", 42] } });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.collection} ${i.row} ${i.field}`)).toEqual(['streets 0 id', 'addresses 1 id', 'addresses 2 id']);
    expect(result.issues[0]!.message).toMatch(/both saved and deleted/);
    expect(result.issues[1]!.message).toMatch(/id must be an id of 1 to 64/);
    expect(await fingerprint()).toEqual(before);
  });

  it('checks the shape and the size before writing anything', async () => {
    const before = await fingerprint();
    const issueOf = async (changes: unknown) => (await reply(planner, changes)).issues.map((i) => `${i.collection ?? '-'} ${i.field}: ${i.message}`);
    expect(await issueOf([1, 2])).toEqual(['- (changes): changes must be a JSON object {upserts: {collection: [records]}, deletes: {collection: [ids]}}']);
    expect(await issueOf({ upserts: { castles: [] }, deletes: { streets: 's-1' }, extra: 1 })).toEqual([
      '- extra: changes hold only upserts and deletes',
      'castles (collection): unknown collection in upserts; expected one of: areas, streets, addresses, campaigns, resources, groups, programmes, events, responses',
      'streets (deletes): deletes of streets must be a JSON array',
    ]);
    expect(await issueOf({ upserts: [] })).toEqual(['- upserts: upserts must be an object of lists by collection']);
    const many = Array.from({ length: 5_001 }, (_, i) => `s-bulk-${i}`);
    expect(await issueOf({ deletes: { streets: many, addresses: many } })).toEqual(['- (changes): at most 10000 records and deletions per call (this one has 10002); split the file']);
    const badOrg = await reply(planner, { upserts: {} }, "'; drop table public.streets; --");
    expect(badOrg.issues).toEqual([{ field: 'organisationId', message: 'organisationId must be an id of 1 to 64 letters, digits and . _ : -' }]);
    expect(await reply(planner, { upserts: {}, deletes: null })).toEqual({ ok: true, saved: 0, deleted: 0, issues: [] });
    expect(await fingerprint()).toEqual(before);
  });
});

describe('apply_changes under RLS', () => {
  it('a partner may not write: the upsert is refused by RLS and nothing is written', async () => {
    const before = await fingerprint();
    const result = await reply(partner, { upserts: { streets: [street('p-s-1', 'Partnerska')] } });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ collection: 'streets', row: 0, field: '(record)', message: 'you may not write this record in this organisation' }]);
    expect(await fingerprint()).toEqual(before);
  });

  it("another centre's admin cannot write into centre A, nor delete from it (RLS hides its rows: deleted 0)", async () => {
    const before = await fingerprint();
    const refused = await reply(adminB, { upserts: { streets: [street('b-s-1', 'Obca')] } });
    expect(refused.ok).toBe(false);
    expect(refused.issues[0]).toMatchObject({ collection: 'streets', row: 0, message: 'you may not write this record in this organisation' });
    expect(await reply(adminB, { deletes: { events: ['e-1'] } })).toEqual({ ok: true, saved: 0, deleted: 0, issues: [] });
    expect(await fingerprint()).toEqual(before);
  });

  it('anon may not call it at all', async () => {
    const outcome = await applyChanges({ role: 'anon' }, { upserts: {} });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('42501');
  });
});
