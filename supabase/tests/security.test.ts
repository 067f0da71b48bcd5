import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, ORG_B, SURVEYOR_A_RESPONSES, USERS, loadFixture } from './support/fixture';
import { asCaller, attempt, type Caller } from './support/request';

const SURVEYOR_B = '00000000-0000-4000-8000-0000000000b5';
let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
  // A surveyor of centre B (issue 14: another centre's surveyor gets nothing of A's leader contacts).
  await db.query('insert into auth.users (id) values ($1)', [SURVEYOR_B]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $2, 'surveyor')`, [SURVEYOR_B, ORG_B]);
  // Issue 14: a leader contact in each centre (r-1 exists in both), for the select, update and delete rows.
  // Centre B has r-1 only: r-2 for the insert row.
  await db.query(`insert into public.survey_responses (organisation_id, id, campaign_id, street_id, date, household_size) values ($1, 'r-2', 'c-1', 's-1', '2025-05-12', 2)`, [ORG_B]);
  await db.query(`insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until)
    select o, 'lc-1', 'r-1', 'Anna Nowak', '600 100 200', current_date, current_date + 30 from unnest($1::text[]) as o`, [[ORG_A, ORG_B]]);
});
afterAll(async () => {
  await db?.close();
});

const ROLES: Record<string, Caller> = {
  anon: { role: 'anon' },
  adminA: { role: 'authenticated', userId: USERS.adminA },
  plannerA: { role: 'authenticated', userId: USERS.plannerA },
  surveyorA: { role: 'authenticated', userId: USERS.surveyorA },
  partnerA: { role: 'authenticated', userId: USERS.partnerA },
  adminB: { role: 'authenticated', userId: USERS.adminB },
  surveyorB: { role: 'authenticated', userId: SURVEYOR_B },
  outsider: { role: 'authenticated', userId: USERS.outsider },
};

/**
 * Expected outcomes. Each cell is two characters: organisation A's rows, then organisation B's
 * (Y = allowed, - = denied). adminB is the admin of B, surveyorB a surveyor of B; outsider is signed in but a member of
 * nothing. A surveyor adds a leader contact only to answers they entered (r-2 is surveyorA's; no answer in B is
 * surveyorB's) and reads none.
 * "ref" stands for the eight reference tables: members read, admins and planners write.
 */
const EXPECTED = `
table                  op      anon adminA plannerA surveyorA partnerA adminB surveyorB outsider
organisations          select  --   Y-     Y-       Y-        Y-       -Y     -Y        --
organisations          insert  --   --     --       --        --       --     --        --
organisations          update  --   Y-     --       --        --       -Y     --        --
organisations          delete  --   --     --       --        --       --     --        --
memberships            select  --   Y-     Y-       Y-        Y-       -Y     -Y        --
memberships            insert  --   Y-     --       --        --       -Y     --        --
memberships            update  --   Y-     --       --        --       -Y     --        --
memberships            delete  --   Y-     --       --        --       -Y     --        --
ref                    select  --   Y-     Y-       Y-        Y-       -Y     -Y        --
ref                    insert  --   Y-     Y-       --        --       -Y     --        --
ref                    update  --   Y-     Y-       --        --       -Y     --        --
ref                    delete  --   Y-     Y-       --        --       -Y     --        --
survey_responses       select  --   Y-     Y-       Y-        --       -Y     --        --
survey_responses       insert  --   Y-     Y-       Y-        --       -Y     -Y        --
survey_responses       update  --   Y-     Y-       Y-        --       -Y     --        --
survey_responses       delete  --   Y-     Y-       Y-        --       -Y     --        --
survey_response_needs  select  --   Y-     Y-       Y-        --       -Y     --        --
survey_response_needs  insert  --   Y-     Y-       Y-        --       -Y     --        --
survey_response_needs  update  --   Y-     Y-       Y-        --       -Y     --        --
survey_response_needs  delete  --   Y-     Y-       Y-        --       -Y     --        --
share_links            select  --   Y-     Y-       --        --       -Y     --        --
share_links            insert  --   --     --       --        --       --     --        --
share_links            update  --   --     --       --        --       --     --        --
share_links            delete  --   --     --       --        --       --     --        --
leader_contacts        select  --   Y-     Y-       --        --       -Y     --        --
leader_contacts        insert  --   Y-     Y-       Y-        --       -Y     --        --
leader_contacts        update  --   Y-     Y-       --        --       -Y     --        --
leader_contacts        delete  --   Y-     Y-       --        --       -Y     --        --
`;

const REFERENCE_TABLES = ['areas', 'streets', 'addresses', 'campaigns', 'resources', 'groups', 'programmes', 'events'];
const OPS = ['select', 'insert', 'update', 'delete'] as const;
type Op = (typeof OPS)[number];

const POINT = `extensions.st_geomfromtext('POINT(19.3 50.1)', 4326)`;
const SQUARE = `extensions.st_multi(extensions.st_geomfromtext('POLYGON((19.3 50.1, 19.301 50.1, 19.301 50.101, 19.3 50.1))', 4326))`;

/** A new row for organisation $1 of each table (ids that exist in both centres: s-1, c-1, r-1, district-n). */
const INSERTS: Record<string, string> = {
  organisations: `insert into public.organisations (id, name, kind, gmina_teryt, town) values ($1 || '-new', 'Nowy', 'OPS', '1203011', 'Libiąż')`,
  memberships: `insert into public.memberships (user_id, organisation_id, role) values ('${USERS.newcomer}', $1, 'partner')`,
  areas: `insert into public.areas (organisation_id, id, name, kind, geometry) values ($1, 'm-new', 'Nowe', 'estate', ${SQUARE})`,
  streets: `insert into public.streets (organisation_id, id, prefix, name, geometry) values ($1, 'm-new', 'ul.', 'Nowa', extensions.st_geomfromtext('MULTILINESTRING((19.3 50.1, 19.301 50.1))', 4326))`,
  addresses: `insert into public.addresses (organisation_id, id, street_id, house_number, location, households) values ($1, 'm-new', 's-1', '5', ${POINT}, 1)`,
  campaigns: `insert into public.campaigns (organisation_id, id, name, area_ids, start_date, end_date, households_targeted, method, wave) values ($1, 'm-new', 'Fala 2', '{district-n}', '2026-01-01', '2026-02-01', 10, 'online', 2)`,
  survey_responses: `insert into public.survey_responses (organisation_id, id, campaign_id, street_id, date, household_size) values ($1, 'm-new', 'c-1', 's-1', '2025-05-12', 2)`,
  survey_response_needs: `insert into public.survey_response_needs (organisation_id, response_id, category, severity) values ($1, 'r-1', 'health', 2)`,
  resources: `insert into public.resources (organisation_id, id, name, kind, location, serves, coalitions) values ($1, 'm-new', 'Biblioteka', 'library', ${POINT}, '{}', '{}')`,
  groups: `insert into public.groups (organisation_id, id, name, kind, location, target_needs, active_from) values ($1, 'm-new', 'Grupa', 'support', ${POINT}, '{health}', 2024)`,
  programmes: `insert into public.programmes (organisation_id, id, name, year_from, year_to, target_geometry, goals, partner_ids) values ($1, 'm-new', 'PAL', 2025, 2026, ${SQUARE}, '{Cel}', '{}')`,
  events: `insert into public.events (organisation_id, id, name, kind, date, location, place_name, programme, participants) values ($1, 'm-new', 'Piknik', 'picnic', '2025-07-01', ${POINT}, 'Park', '{}', 10)`,
  leader_contacts: `insert into public.leader_contacts (organisation_id, id, response_id, name, email, consent_date, retain_until) values ($1, 'lc-new', 'r-2', 'Jan Kowalski', 'jan@example.pl', current_date, current_date + 30)`,
  share_links: `insert into public.share_links (organisation_id, campaign_id, token_sha256, view, expires_at) values ($1, 'c-1', sha256(convert_to(gen_random_uuid()::text, 'UTF8')), '{"v":1,"unit":"street"}', now() + interval '1 day')`,
};

/** A harmless column to update in place. */
const UPDATE_COLUMN: Record<string, string> = {
  organisations: 'name', memberships: 'role', areas: 'name', streets: 'name', addresses: 'households', campaigns: 'wave',
  survey_responses: 'household_size', survey_response_needs: 'severity', resources: 'name', groups: 'name', programmes: 'name',
  events: 'participants', share_links: 'k', leader_contacts: 'name',
};

const orgColumn = (table: string) => (table === 'organisations' ? 'id' : 'organisation_id');

function statement(table: string, op: Op): string {
  const where = `${orgColumn(table)} = $1`;
  switch (op) {
    case 'select': return `select count(*)::int as n from public.${table} where ${where}`;
    case 'insert': return INSERTS[table]!;
    case 'update': return `with changed as (update public.${table} set ${UPDATE_COLUMN[table]} = ${UPDATE_COLUMN[table]} where ${where} returning 1) select count(*)::int as n from changed`;
    case 'delete': return `with gone as (delete from public.${table} where ${where} returning 1) select count(*)::int as n from gone`;
  }
}

/**
 * Allowed = the statement touched at least one row (select/update/delete) or succeeded (insert).
 * Denied = RLS hid every row (0 rows) or refused with 42501. A foreign-key error (23503) on delete means
 * RLS let the delete reach the row and a dependent row stopped it, so it counts as allowed.
 * Any other error is reported as an unexpected outcome.
 */
async function outcome(caller: Caller, table: string, op: Op, org: string): Promise<'Y' | '-' | string> {
  return asCaller(db, caller, async (tx) => {
    const result = await attempt<{ n: number }>(tx, statement(table, op), [org]);
    if (result.ok) return op === 'insert' || (result.rows[0]?.n ?? 0) > 0 ? 'Y' : '-';
    if (result.error.code === '42501') return '-';
    if (result.error.code === '23503' && op === 'delete') return 'Y';
    return `!${result.error.code}:${result.error.message}`;
  });
}

function expectedMatrix(): Map<string, string> {
  const lines = EXPECTED.trim().split('\n').map((l) => l.trim().split(/\s+/));
  const [header, ...rows] = lines;
  const roles = header!.slice(2);
  const cells = new Map<string, string>();
  for (const [table, op, ...values] of rows) {
    for (const t of table === 'ref' ? REFERENCE_TABLES : [table!]) {
      roles.forEach((role, i) => cells.set(`${t} ${op} ${role}`, values[i]!));
    }
  }
  return cells;
}

describe('security matrix: role × table × operation × organisation', () => {
  it('has zero unexpected outcomes', async () => {
    const expected = expectedMatrix();
    const tables = ['organisations', 'memberships', ...REFERENCE_TABLES, 'survey_responses', 'survey_response_needs', 'share_links', 'leader_contacts'];
    const actual = new Map<string, string>();
    const unexpected: string[] = [];
    for (const table of tables) {
      for (const op of OPS) {
        for (const [roleName, caller] of Object.entries(ROLES)) {
          const a = await outcome(caller, table, op, ORG_A);
          const b = await outcome(caller, table, op, ORG_B);
          const key = `${table} ${op} ${roleName}`;
          const got = `${a.length === 1 ? a : '!'}${b.length === 1 ? b : '!'}`;
          actual.set(key, got);
          if (got !== expected.get(key)) unexpected.push(`${key}: expected ${expected.get(key)}, got ${got} ${[a, b].filter((x) => x.length > 1).join(' ')}`);
        }
      }
    }
    if (unexpected.length > 0) {
      const roles = Object.keys(ROLES);
      const printed = [['table op', ...roles].join('\t'), ...tables.flatMap((t) => OPS.map((op) => [`${t} ${op}`, ...roles.map((r) => actual.get(`${t} ${op} ${r}`))].join('\t')))];
      console.error(`actual matrix (A/B):\n${printed.join('\n')}\n\nunexpected:\n${unexpected.join('\n')}`);
    }
    expect(unexpected).toEqual([]);
    expect(actual.size).toBe(8 * 14 * 4);
  });

  it('lets a surveyor read only the responses they entered, and their need answers', async () => {
    const seen = await asCaller(db, ROLES.surveyorA!, async (tx) => ({
      responses: (await tx.query<{ id: string }>('select id from public.survey_responses order by id')).map((r) => r.id),
      needs: (await tx.query<{ n: number }>('select count(distinct response_id)::int as n from public.survey_response_needs'))[0]!.n,
    }));
    expect(seen).toEqual({ responses: [...SURVEYOR_A_RESPONSES].sort(), needs: SURVEYOR_A_RESPONSES.length });
  });

  it('does not let a surveyor change or delete a colleague\'s response, nor enter one in someone else\'s name', async () => {
    await asCaller(db, ROLES.surveyorA!, async (tx) => {
      expect(await tx.query(`with c as (update public.survey_responses set household_size = 1 where organisation_id = $1 and id = 'r-3' returning 1) select count(*)::int as n from c`, [ORG_A])).toEqual([{ n: 0 }]);
      expect(await tx.query(`with c as (delete from public.survey_responses where organisation_id = $1 and id = 'r-3' returning 1) select count(*)::int as n from c`, [ORG_A])).toEqual([{ n: 0 }]);
      const forged = await attempt(tx, `insert into public.survey_responses (organisation_id, id, campaign_id, street_id, date, household_size, created_by) values ($1, 'forged', 'c-1', 's-1', '2025-05-12', 2, $2)`, [ORG_A, USERS.plannerA]);
      expect(forged.ok ? 'inserted' : forged.error.code).toBe('42501');
    });
  });

  it('gives a partner no raw response, but aggregates', async () => {
    await asCaller(db, ROLES.partnerA!, async (tx) => {
      expect(await tx.query('select count(*)::int as n from public.survey_responses')).toEqual([{ n: 0 }]);
      expect(await tx.query('select count(*)::int as n from public.survey_response_needs')).toEqual([{ n: 0 }]);
      // Aggregates under the disclosure rules: s-1's 6 responses come from one home (a-1), s-2's 5 from three
      // (a street without an address counts as one home, r-10, r-11), s-3 has none: no street is listed.
      // Positive cases: disclosure.test.ts.
      expect(await tx.query(`select * from public.campaign_aggregates_by_street($1, 'c-1')`, [ORG_A])).toEqual([]);
    });
  });

  it('gives anon no table and no member RPC', async () => {
    await asCaller(db, ROLES.anon!, async (tx) => {
      for (const sql of [
        `select * from public.campaign_aggregates_by_street('${ORG_A}', 'c-1')`,
        `select public.import_survey_responses('${ORG_A}', '[]')`,
        `select public.save_record('${ORG_A}', 'streets', '{}')`,
        `select * from public.create_share_link('${ORG_A}', 'c-1', '{"v":1,"unit":"street"}')`,
        `select * from private.campaign_cells('${ORG_A}', 'c-1', 'street', null, 1, 1, 250, null, null)`,
      ]) {
        const result = await attempt(tx, sql);
        expect(result.ok ? 'allowed' : result.error.code, sql).toBe('42501');
      }
    });
  });
  it('keeps the stored disclosure patterns, their versions, the response counts and the stored structures from every role but the definer functions', async () => {
    // Issue 16 item 3 (migration 20250601001500): the tables hold every unit's figures, suppressed ones included.
    const callers: [string, Caller][] = [...Object.entries(ROLES), ['service_role', { role: 'service_role' }]];
    for (const [name, caller] of callers) {
      await asCaller(db, caller, async (tx) => {
        for (const sql of [
          'select * from private.disclosure_cache',
          `insert into private.disclosure_cache (organisation_id, campaign_id, request, writes, units) values ('${ORG_A}', 'c-1', 'x', 0, '{}')`,
          `update private.disclosure_cache set writes = writes + 1`,
          'delete from private.disclosure_cache',
          'select * from private.disclosure_writes',
          `insert into private.disclosure_writes (organisation_id) values ('${ORG_A}')`,
          'delete from private.disclosure_writes',
          `select * from private.disclosed_units_cached('${ORG_A}', 'c-1', null, 1, 5)`,
          // The response counts kept at write time (migration 20250601001600): every campaign's groups, homes included.
          'select * from private.response_home_counts',
          `insert into private.response_home_counts values ('${ORG_A}', 'c-1', 0, '{}', false, 0, 0, 'r:x', 1)`,
          'update private.response_home_counts set responses = responses + 1',
          'delete from private.response_home_counts',
          'select * from private.response_mask_counts',
          `insert into private.response_mask_counts values ('${ORG_A}', 'c-1', 0, '{}', false, 0, 0, 1, 1, 1)`,
          'update private.response_mask_counts set responses = responses + 1',
          'delete from private.response_mask_counts',
          `select private.apply_response_counts('{}')`,
          `select private.compact_disclosure_writes('${ORG_A}')`,
          // The stored structures of units and atoms (migration 20250601001900) and the functions that read them.
          'select * from private.disclosure_structures',
          `insert into private.disclosure_structures (organisation_id, campaign_id) values ('${ORG_A}', 'c-1')`,
          `update private.disclosure_structures set kinds = '{}'`,
          'delete from private.disclosure_structures',
          `select * from private.disclosure_structure('${ORG_A}', 'c-1')`,
          `select * from private.current_disclosure_structure('${ORG_A}', 'c-1')`,
          `select private.disclosure_structure_fits(null, '{}')`,
          `select * from private.disclosed_units('${ORG_A}', 'c-1', null, 1, 5)`,
          `select * from private.disclosed_units_by_home('${ORG_A}', 'c-1', null, 1, 5)`,
        ]) {
          const result = await attempt(tx, sql);
          expect(result.ok ? 'allowed' : result.error.code, `${name}: ${sql}`).toBe('42501');
        }
      });
    }
  });
});

type SharedCell = { unit_id: string; responses: number | null; need_count: number | null; suppressed: boolean };

describe('share links', () => {
  const createLink = (userId: string, view: object, k = 5) =>
    asCaller(db, { role: 'authenticated', userId }, (tx) =>
      tx.query<{ id: string; token: string }>(`select * from public.create_share_link($1, 'c-1', $2, now() + interval '7 days', $3)`, [ORG_A, JSON.stringify(view), k]), 'commit');
  const shared = (token: unknown) => asCaller(db, ROLES.anon!, (tx) => tx.query<SharedCell>('select * from public.shared_aggregates($1)', [token]));
  const sharedView = (token: unknown) => asCaller(db, ROLES.anon!, async (tx) => (await tx.query<{ v: unknown }>('select public.shared_view($1) as v', [token]))[0]!.v);

  it('give anon the saved view\'s published cells only, and store only the token\'s hash', async () => {
    const [link] = await createLink(USERS.plannerA, { v: 1, unit: 'street', needs: ['housing'], minSeverity: 1 });
    expect(link!.token).toMatch(/^[0-9a-f]{64}$/);
    // Centre A's streets all fail the rules for restricted readers (one home on s-1, three on s-2, none on s-3):
    // nothing is listed, suppressed cells included (positive cases: disclosure.test.ts).
    expect(await shared(link!.token)).toEqual([]);
    expect(await sharedView(link!.token)).toMatchObject({ k: 5, view: { unit: 'street', hexSizeMeters: 250 }, campaign: { name: 'Diagnoza 2025' } });
    const stored = await db.query<{ n: number }>(`select count(*)::int as n from public.share_links where token_sha256 = sha256(convert_to($1, 'UTF8')) or encode(token_sha256, 'hex') = $1`, [link!.token]);
    expect(stored).toEqual([{ n: 1 }]);
  });

  it('give anon a residents\' resources view\'s published offer aggregates only: nothing below the rules, no household, no contact', async () => {
    const [link] = await createLink(USERS.plannerA, { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'organising_events' } });
    // Centre A's streets fail the rules (see above): no offer figure is listed, suppressed or not.
    expect(await shared(link!.token)).toEqual([]);
    const view = await sharedView(link!.token);
    expect(view).toMatchObject({ view: { unit: 'street', offers: { kind: 'offer', offerId: 'organising_events' } } });
    expect(JSON.stringify(view)).not.toMatch(/Anna|Nowak|600 100 200|lc-1|r-1/);
    // The reply's columns are aggregates of a unit and nothing else, whatever the view.
    const [columns] = await db.query<{ names: string[] }>(`select proargnames[2:] as names from pg_proc where proname = 'shared_aggregates' and pronamespace = 'public'::regnamespace`);
    expect(columns!.names).toEqual(['unit_id', 'label', 'geometry', 'households', 'responses', 'need_count', 'need_rate', 'rate_low', 'rate_high', 'suppressed', 'need_count_low', 'need_count_high']);
    // Offers through a link are only for admins and planners to create; anon cannot read the contacts table at all.
    await expect(createLink(USERS.surveyorA, { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'repairs' } })).rejects.toThrow(/only the centre's admins and planners create share links/);
    const direct = await asCaller(db, ROLES.anon!, (tx) => attempt(tx, 'select * from public.leader_contacts'));
    expect(direct.ok ? 'allowed' : direct.error.code).toBe('42501');
  });

  it('return nothing once revoked or expired', async () => {
    const [revoked] = await createLink(USERS.adminA, { v: 1, unit: 'area' });
    expect(await sharedView(revoked!.token)).not.toBeNull();
    const revokedNow = await asCaller(db, ROLES.plannerA!, (tx) => tx.query('select public.revoke_share_link($1) as r', [revoked!.id]), 'commit');
    expect(revokedNow).toEqual([{ r: true }]);
    expect(await shared(revoked!.token)).toEqual([]);
    expect(await sharedView(revoked!.token)).toBeNull();

    const [expired] = await createLink(USERS.adminA, { v: 1, unit: 'area' });
    // Time travel as the database owner: the guard trigger keeps created_at immutable even for the owner, so it is
    // switched off (session_replication_role = replica) for this one statement.
    await db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`);
      await tx.query(`update public.share_links set created_at = now() - interval '10 days', expires_at = now() - interval '1 second' where id = $1`, [expired!.id]);
    });
    expect(await shared(expired!.token)).toEqual([]);
    expect(await sharedView(expired!.token)).toBeNull();

    const listed = await asCaller(db, ROLES.adminA!, (tx) => tx.query<{ id: string; active: boolean }>('select id, active from public.list_share_links($1)', [ORG_A]));
    expect(listed.find((l) => l.id === revoked!.id)?.active).toBe(false);
    expect(listed.find((l) => l.id === expired!.id)?.active).toBe(false);
    expect(Object.keys(listed[0]!)).not.toContain('token');
  });

  it('return nothing for malformed or guessed tokens', async () => {
    const [link] = await createLink(USERS.adminA, { v: 1, unit: 'hex', hexSizeMeters: 500 });
    const token = link!.token;
    const attempts = [
      null, '', 'abc', token.toUpperCase(), token.slice(0, 63), `${token}0`, `${token.slice(0, 63)}${token[63] === '0' ? '1' : '0'}`,
      `${token}' or '1'='1`, "'; drop table public.share_links; --", randomBytes(32).toString('hex'), 'x'.repeat(100_000),
    ];
    for (const guess of attempts) {
      expect(await shared(guess), String(guess).slice(0, 80)).toEqual([]);
      expect(await sharedView(guess)).toBeNull();
    }
    expect(await sharedView(token)).not.toBeNull();
  });

  it('cannot be revived, extended, edited or forged by direct writes, even by their own planner', async () => {
    const [link] = await createLink(USERS.plannerA, { v: 1, unit: 'area' });
    await asCaller(db, ROLES.plannerA!, (tx) => tx.query('select public.revoke_share_link($1)', [link!.id]), 'commit');
    for (const sql of [
      `update public.share_links set revoked_at = null where id = $1`,
      `update public.share_links set created_at = now() + interval '300 days' where id = $1`,
      `update public.share_links set view = '{"v":1,"unit":"hex","hexSizeMeters":1}' where id = $1`,
      `insert into public.share_links (organisation_id, campaign_id, token_sha256, view, expires_at) select organisation_id, campaign_id, sha256('guessable'), view, expires_at from public.share_links where id = $1`,
      `delete from public.share_links where id = $1`,
    ]) {
      const result = await asCaller(db, ROLES.plannerA!, (tx) => attempt(tx, sql, [link!.id]));
      expect(result.ok ? 'allowed' : result.error.code, sql).toBe('42501');
    }
    // Even the owner (no RLS) cannot revive it or move its creation: the guard trigger.
    await expect(db.query(`update public.share_links set revoked_at = null where id = $1`, [link!.id])).rejects.toThrow(/stays revoked/);
    await expect(db.query(`update public.share_links set created_at = now() + interval '300 days' where id = $1`, [link!.id])).rejects.toThrow(/cannot be changed/);
    await expect(db.query(`update public.share_links set view = '{"v":1,"unit":"hex","originLng":19.3,"originLat":50.1}' where id = $1`, [link!.id])).rejects.toThrow(/cannot be changed/);
    await expect(db.query(`insert into public.share_links (organisation_id, campaign_id, token_sha256, view, expires_at) values ($1, 'c-1', sha256('x'), '{"v":1,"unit":"hex","hexSizeMeters":1}', now() + interval '1 day')`, [ORG_A])).rejects.toThrow(/share_links_view_check/);
    // The audit log holds the creation and the revocation (admins read it; planners do not).
    const audit = await asCaller(db, ROLES.adminA!, (tx) => tx.query<{ action: string; actor: string }>(`select action, actor from public.audit_log where share_link_id = $1 order by id`, [link!.id]));
    expect(audit).toEqual([{ action: 'share_link_created', actor: USERS.plannerA }, { action: 'share_link_revoked', actor: USERS.plannerA }]);
    expect(await asCaller(db, ROLES.plannerA!, (tx) => tx.query(`select * from public.audit_log`))).toEqual([]);
  });

  it('are created only by admins and planners, with a valid view, k ≥ 5 and an expiry within a year', async () => {
    for (const user of [USERS.surveyorA, USERS.partnerA, USERS.adminB, USERS.outsider]) {
      await expect(createLink(user, { v: 1, unit: 'street' }), user).rejects.toThrow(/only the centre's admins and planners create share links/);
    }
    await expect(createLink(USERS.adminA, { v: 1, unit: 'county' })).rejects.toThrow(/view.unit/);
    await expect(createLink(USERS.adminA, { v: 2, unit: 'street' })).rejects.toThrow(/view.v/);
    await expect(createLink(USERS.adminA, { v: 1, unit: 'street', needs: ['boredom'] })).rejects.toThrow(/need_category/);
    await expect(createLink(USERS.adminA, { v: 1, unit: 'street' }, 2)).rejects.toThrow(/k must be/);
    await expect(asCaller(db, ROLES.adminA!, (tx) => tx.query(`select * from public.create_share_link($1, 'c-1', '{"v":1,"unit":"street"}', now() + interval '2 years')`, [ORG_A]))).rejects.toThrow(/within a year/);
    const surveyorList = await asCaller(db, ROLES.surveyorA!, (tx) => tx.query('select * from public.list_share_links($1)', [ORG_A]));
    expect(surveyorList).toEqual([]);
  });
});
