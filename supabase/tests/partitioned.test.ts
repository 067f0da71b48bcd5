import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionedMigrations } from '../scripts/partitionByOrganisation';
import { applyMigrations, openDatabase, openMigratedDatabase, type Database } from './support/database';
import { loadFixture, ORG_A, ORG_B, USERS } from './support/fixture';
import { SEED_PATH } from './support/parityDemo';
import { asCaller, attempt, type Caller } from './support/request';

/**
 * Issue 16 item 4: the schema with the tables of answers partitioned by organisation
 * (supabase/scripts/partitionByOrganisation.ts, hash of organisation_id, 8 partitions) against the plain schema, both
 * loaded with the two-centre fixture (centre B reuses centre A's ids) and the demo town (seed.sql): every caller reads
 * the same rows under RLS, the same writes are refused, the aggregate RPCs give the same answers, and a centre's
 * query reads one partition (EXPLAIN, planned with the centre's id and as a generic plan with a parameter).
 */

const PARTITIONS = 8;
const DEMO_ORG = 'mops-debowo';
const DEMO_PLANNER = '00000000-0000-4000-8000-0000000000a1';
let plain: Database;
let parted: Database;
let dir: string;

async function load(db: Database): Promise<void> {
  await loadFixture(db);
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  await db.query('insert into auth.users (id) values ($1)', [DEMO_PLANNER]);
  await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [DEMO_PLANNER, DEMO_ORG, 'planner']);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calmap-partitioned-'));
  mkdirSync(join(dir, 'migrations'));
  for (const { file, sql } of partitionedMigrations(PARTITIONS)) writeFileSync(join(dir, 'migrations', file), sql);
  plain = await openMigratedDatabase();
  parted = await openDatabase();
  await applyMigrations(parted, join(dir, 'migrations'));
  await load(plain);
  await load(parted);
}, 600_000);
afterAll(async () => {
  await plain?.close();
  await parted?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CALLERS: Array<[string, Caller]> = [
  ['anon', { role: 'anon' }],
  ...Object.entries(USERS).map(([name, userId]): [string, Caller] => [name, { role: 'authenticated', userId }]),
  ['demo planner', { role: 'authenticated', userId: DEMO_PLANNER }],
];

/** The same statement on both schemas as the same caller: rows, or the error's SQLSTATE. */
async function both(caller: Caller, sql: string, params: readonly unknown[] = []): Promise<[unknown, unknown]> {
  const run = (db: Database) => asCaller(db, caller, async (tx) => {
    const outcome = await attempt(tx, sql, params);
    return outcome.ok ? outcome.rows : { error: outcome.error.code };
  });
  return [await run(plain), await run(parted)];
}

describe('answers partitioned by organisation: same answers as the plain schema', () => {
  it('partitions both tables of answers, in the private schema, out of the API roles’ reach', async () => {
    const rows = await parted.query<{ parent: string; partitions: number; reachable: number }>(`
      select p.relname as parent, count(*)::int as partitions,
             count(*) filter (where has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))::int as reachable
      from pg_inherits i join pg_class p on p.oid = i.inhparent join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace
      where p.relname in ('survey_responses', 'survey_response_needs') and n.nspname = 'private'
      group by p.relname order by 1`);
    expect(rows).toEqual([
      { parent: 'survey_response_needs', partitions: PARTITIONS, reachable: 0 },
      { parent: 'survey_responses', partitions: PARTITIONS, reachable: 0 },
    ]);
    expect(await plain.query(`select relkind from pg_class where oid = 'public.survey_responses'::regclass`)).toEqual([{ relkind: 'r' }]);
  });

  it('every caller reads the same responses and need answers under RLS', async () => {
    let seen = 0;
    for (const [name, caller] of CALLERS) {
      for (const sql of [
        'select organisation_id, id, campaign_id, street_no, area_nos, hex_q, hex_r, need_mask_1 from public.survey_responses order by 1, 2',
        'select organisation_id, response_id, category, severity from public.survey_response_needs order by 1, 2, 3',
      ]) {
        const [a, b] = await both(caller, sql);
        expect(b, `${name}: ${sql}`).toEqual(a);
        if (Array.isArray(a)) seen += a.length;
      }
    }
    expect(seen).toBeGreaterThan(5000); // the demo planner sees the demo town's answers; nobody sees another centre's
    const [surveyor] = await both({ role: 'authenticated', userId: USERS.surveyorA }, 'select id from public.survey_responses order by 1');
    expect(surveyor).toEqual([{ id: 'r-1' }, { id: 'r-2' }]);
  });

  it('refuses and allows the same writes', async () => {
    const response = (org: string, id: string) => [org, id, 'c-1', 'a-1'];
    const insert = 'insert into public.survey_responses (organisation_id, id, campaign_id, address_id, date, household_size) values ($1, $2, $3, $4, current_date, 2) returning street_no, area_nos';
    for (const [name, caller] of CALLERS) {
      for (const org of [ORG_A, ORG_B]) {
        const [a, b] = await both(caller, insert, response(org, `r-new-${name.replace(/\W/g, '')}`));
        expect(b, `${name} writes to ${org}`).toEqual(a);
      }
    }
    const [allowed] = await both({ role: 'authenticated', userId: USERS.surveyorA }, insert, response(ORG_A, 'r-new'));
    expect(Array.isArray(allowed)).toBe(true);
    const [refused] = await both({ role: 'authenticated', userId: USERS.surveyorA }, insert, response(ORG_B, 'r-new'));
    expect(refused).toEqual({ error: '42501' });
  });

  it('the aggregate RPCs give the same answers (street, area, hexagon; both centres; nothing outside one’s centre)', async () => {
    const calls: Array<[Caller, string, string, string]> = [
      [{ role: 'authenticated', userId: USERS.plannerA }, ORG_A, 'c-1', 'housing'],
      [{ role: 'authenticated', userId: USERS.adminB }, ORG_A, 'c-1', 'housing'],
      [{ role: 'authenticated', userId: DEMO_PLANNER }, DEMO_ORG, 'campaign-2025-w1', 'unemployment'],
      [{ role: 'authenticated', userId: DEMO_PLANNER }, DEMO_ORG, 'campaign-2026-w2', 'loneliness_seniors'],
    ];
    let rows = 0;
    for (const [caller, org, campaign, need] of calls) {
      for (const unit of ['street', 'area', 'hex']) {
        const [a, b] = await both(caller, `select * from public.campaign_aggregates_by_${unit}($1, $2, array[$3::text]::public.need_category[], 1, 5) order by 1`, [org, campaign, need]);
        expect(b, `${unit} ${org} ${campaign}`).toEqual(a);
        if (Array.isArray(a)) rows += a.length;
      }
    }
    expect(rows).toBeGreaterThan(500);
    const [outsider] = await both({ role: 'authenticated', userId: USERS.adminB }, `select * from public.campaign_aggregates_by_street($1, 'c-1', null, 1, 5)`, [ORG_A]);
    expect(outsider).toEqual([]); // not a member of centre A: nothing, on both schemas
  });

  it('a centre’s query reads one partition (planned with its id, and as a generic plan with a parameter); the federation’s reads all', async () => {
    const aggregate = 'select r.street_no, count(*) from public.survey_responses r where r.organisation_id = %s and r.campaign_id = %s and r.street_no is not null group by r.street_no';
    const scanned = (plan: string) => new Set(plan.match(/survey_responses_p\d+/g) ?? []).size;
    const explain = async (sql: string) => (await parted.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${sql}`)).map((r) => r['QUERY PLAN']).join('\n');
    const literal = await explain(aggregate.replace('%s', `'${DEMO_ORG}'`).replace('%s', `'campaign-2025-w1'`));
    expect(scanned(literal), literal).toBe(1);
    // How the RPCs run it: a PL/pgSQL variable is a parameter, and a cached generic plan prunes when it starts.
    await parted.query('begin');
    try {
      await parted.query(`set local plan_cache_mode = force_generic_plan`);
      await parted.query(`prepare centre_aggregate(text, text) as ${aggregate.replace('%s', '$1').replace('%s', '$2')}`);
      const generic = (await parted.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing off, summary off) execute centre_aggregate('${DEMO_ORG}', 'campaign-2025-w1')`)).map((r) => r['QUERY PLAN']).join('\n');
      expect(generic, generic).toMatch(new RegExp(`Subplans Removed: ${PARTITIONS - 1}`));
      await parted.query('deallocate centre_aggregate');
    } finally {
      await parted.query('rollback');
    }
    const federation = await explain('select r.organisation_id, count(*) from public.survey_responses r group by 1');
    expect(scanned(federation)).toBe(PARTITIONS);
  });
});
