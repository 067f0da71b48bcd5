import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AREA_KINDS, COLLECTION_SCHEMAS, EVENT_KINDS, GROUP_KINDS, NEED_CATEGORY_IDS, NUISANCE_IDS, OFFER_IDS, ORGANISATION_KINDS,
  DEFAULT_HEX_SIZE_METERS, MIN_RESPONSES, Organisation, RESOURCE_KINDS, STREET_PREFIXES, SURVEY_METHODS,
} from '../../src/domain';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { hexCellOf } from '../../src/analysis/hexGrid';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, TOWN_A, USERS, loadFixture, organisation } from './support/fixture';
import { hasWorkspace, renderSeedSql } from '../scripts/seedSql';
import { PARITY_SAMPLES, SQL_STRICTER_SAMPLES, type ParitySample } from './support/paritySamples';
import { asCaller, attempt } from './support/request';

// One database per file (PGlite takes 15-20 s to start): migrations, then the two-centre fixture.
let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
});
afterAll(async () => {
  await db?.close();
});

const zodAccepts = (sample: ParitySample): boolean =>
  (sample.collection === 'organisation' ? Organisation : COLLECTION_SCHEMAS[sample.collection as keyof typeof COLLECTION_SCHEMAS]).safeParse(sample.record).success;

/** Inserts the record the way save_record, import and seed do; rolled back either way. */
async function sqlAccepts(sample: ParitySample): Promise<{ ok: boolean; message: string }> {
  const sql = sample.collection === 'organisation'
    ? 'insert into public.organisations select * from private.organisation_from_json($1::jsonb)'
    : 'select private.upsert_record($1, $2, $3::jsonb)';
  const params = sample.collection === 'organisation' ? [JSON.stringify(sample.record)] : [ORG_A, sample.collection, JSON.stringify(sample.record)];
  await db.query('begin');
  try {
    const outcome = await attempt(db, sql, params);
    return { ok: outcome.ok, message: outcome.ok ? '' : `${outcome.error.column ?? ''}: ${outcome.error.message}` };
  } finally {
    await db.query('rollback');
  }
}

describe('migrations', () => {
  it('create every table of the domain with RLS enabled and a comment', async () => {
    const tables = await db.query<{ name: string; rls: boolean; comment: string | null }>(`
      select c.relname as name, c.relrowsecurity as rls, obj_description(c.oid, 'pg_class') as comment
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`);
    expect(tables.map((t) => t.name)).toEqual([
      'addresses', 'areas', 'audit_log', 'campaigns', 'events', 'groups', 'hex_grids', 'leader_contacts', 'memberships', 'organisations', 'programmes', 'resources',
      'share_links', 'streets', 'survey_response_needs', 'survey_responses',
    ]);
    expect(tables.filter((t) => !t.rls || !t.comment)).toEqual([]);
  });

  it('give every CAL Map function search_path = \'\' and a comment', async () => {
    const loose = await db.query<{ name: string }>(`
      select p.oid::regprocedure::text as name from pg_proc p
      where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and (p.proconfig is null or not ('search_path=""' = any (p.proconfig)) or obj_description(p.oid, 'pg_proc') is null)`);
    expect(loose).toEqual([]);
  });

  it('index every geometry column with GiST in EPSG:4326', async () => {
    const columns = await db.query<{ table: string; column: string; srid: number; indexed: boolean }>(`
      select g.f_table_name as table, g.f_geometry_column as column, g.srid,
             exists (select 1 from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_am am on am.oid = ic.relam
                     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                     where i.indrelid = format('public.%I', g.f_table_name)::regclass and a.attname = g.f_geometry_column and am.amname = 'gist') as indexed
      from extensions.geometry_columns g where g.f_table_schema = 'public' order by 1, 2`);
    // areas, streets, addresses, resources, groups, programmes, events, and survey_responses.location + located_at
    expect(columns.length).toBe(9);
    expect(columns.filter((c) => c.srid !== 4326 || !c.indexed)).toEqual([]);
  });

  it('define the enums with exactly the labels of src/domain', async () => {
    const rows = await db.query<{ name: string; labels: string[] }>(`
      select t.typname as name, to_jsonb(array_agg(e.enumlabel order by e.enumsortorder)) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'public'::regnamespace group by t.typname`);
    const enums = Object.fromEntries(rows.map((r) => [r.name, r.labels]));
    expect(enums).toEqual({
      organisation_kind: [...ORGANISATION_KINDS],
      member_role: ['admin', 'planner', 'surveyor', 'partner'],
      area_kind: [...AREA_KINDS],
      street_prefix: [...STREET_PREFIXES],
      survey_method: [...SURVEY_METHODS],
      need_category: [...NEED_CATEGORY_IDS],
      nuisance: [...NUISANCE_IDS],
      offer: [...OFFER_IDS],
      resource_kind: [...RESOURCE_KINDS],
      group_kind: [...GROUP_KINDS],
      event_kind: [...EVENT_KINDS],
    });
  });
});

describe('zod and SQL agree', () => {
  it('on every valid and invalid sample, per collection', async () => {
    const disagreements: string[] = [];
    for (const sample of PARITY_SAMPLES) {
      const zod = zodAccepts(sample);
      const sql = await sqlAccepts(sample);
      if (zod !== sample.valid || sql.ok !== sample.valid) {
        disagreements.push(`${sample.collection} / ${sample.name}: expected ${sample.valid ? 'accept' : 'reject'}, zod ${zod ? 'accepts' : 'rejects'}, SQL ${sql.ok ? 'accepts' : `rejects (${sql.message})`}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Both sides were really exercised: 78 samples over the 9 collections and the organisation.
    expect(new Set(PARITY_SAMPLES.map((s) => s.collection)).size).toBe(10);
  });

  it('except where SQL is stricter on purpose (ST_IsValid)', async () => {
    for (const sample of SQL_STRICTER_SAMPLES) {
      expect(zodAccepts(sample), sample.name).toBe(true);
      expect((await sqlAccepts(sample)).ok, sample.name).toBe(false);
    }
  });

  it('and an SQL error names the field like the zod issue path', async () => {
    const bad = { ...(TOWN_A.responses![0] as object), id: 'r-bad', needs: [{ category: 'housing', severity: 1 }, { category: 'health', severity: 7 }] };
    const [row] = await db.query<{ result: { ok: boolean; issues: { field: string; message: string }[] } }>(
      `select public.save_record($1, 'responses', $2) as result`, [ORG_A, JSON.stringify(bad)]);
    expect(row!.result).toEqual({ ok: false, issues: [{ field: 'needs.1.severity', message: 'severity must be 1, 2 or 3' }] });
  });
});

type Cell = { unit_id: string; households: number | null; responses: number | null; need_count: number | null; need_rate: number | null; rate_low: number | null; rate_high: number | null; suppressed: boolean };

const asAdminA = <T>(fn: (db: Database) => Promise<T>) => asCaller(db, { role: 'authenticated', userId: USERS.adminA }, fn);

describe('campaign aggregates (hand-counted in support/fixture.ts)', () => {
  it('by street: s-1 4 of 6 with housing, s-2 3 of 5 (two by street id, two within 60 m), s-3 suppressed', async () => {
    const cells = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_street($1, 'c-1', '{housing}')`, [ORG_A]));
    expect(cells.map((c) => [c.unit_id, c.households, c.responses, c.need_count, c.suppressed])).toEqual([
      ['s-1', 15, 6, 4, false],
      ['s-2', 8, 5, 3, false],
      ['s-3', 0, null, null, true],
    ]);
    // Wilson 95 % for 4 of 6: centre (4/6 + z²/12) / (1 + z²/6) = 0.6105…, half-width 0.3108… -> [0.300, 0.903]
    expect(cells[0]!.rate_low).toBeCloseTo(0.3000, 3);
    expect(cells[0]!.rate_high).toBeCloseTo(0.9032, 3);
  });

  it('by street with severity ≥ 2: s-1 3 of 6 (3, 2, 2), s-2 2 of 5 (2 and 3)', async () => {
    const cells = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_street($1, 'c-1', '{housing}', 2)`, [ORG_A]));
    expect(cells.map((c) => c.need_count)).toEqual([3, 2, null]);
  });

  it('by area: district-n 7 (5 with housing); district-s 2 by point + 3 street-only answers of s-2 = 5 (3) -> shown at k = 5, suppressed at k = 6', async () => {
    // r-7 … r-9 have no point: they count in the area holding most of their street's addresses (the engine's rule,
    // src/analysis/unitLayers.ts): s-2's only address a-3 lies in district-s. Housing: r-11 (3), r-7 (2), r-9 (1).
    const k5 = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_area($1, 'c-1', '{housing}')`, [ORG_A]));
    expect(k5.map((c) => [c.unit_id, c.households, c.responses, c.need_count, c.suppressed])).toEqual([
      ['district-n', 15, 7, 5, false],
      ['district-s', 8, 5, 3, false],
    ]);
    const k6 = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_area($1, 'c-1', '{housing}', 1, 6)`, [ORG_A]));
    expect(k6[1]).toMatchObject({ unit_id: 'district-s', responses: null, need_count: null, suppressed: true });
  });

  it('any need (null filter): every response has loneliness_seniors, so need_count = responses', async () => {
    const cells = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_street($1, 'c-1')`, [ORG_A]));
    expect(cells.map((c) => c.need_count)).toEqual([6, 5, null]);
  });

  it('by hexagon: the same cells as src/analysis/hexGrid.ts for the same origin and size', async () => {
    const cells = await asAdminA((tx) => tx.query<Cell>(`select * from public.campaign_aggregates_by_hex($1, 'c-1', '{housing}', 1, 1, 250, 19.31, 50.105)`, [ORG_A]));
    // Origin [19.31, 50.105] (the centre of the campaign areas' box, given exactly: r-10 lies on a cell edge, where the
    // last bit of the origin decides the cell in both implementations alike). Points: a-1 (×6) and the three bare points.
    const projection = createLocalProjection(19.31, 50.105);
    const points: [number, number, number, number][] = [[19.305, 50.1076, 6, 4], [19.31, 50.1027, 1, 0], [19.312, 50.1027, 1, 1], [19.3195, 50.109, 1, 1]];
    const expected = new Map<string, [number, number]>();
    for (const [lng, lat, n, housing] of points) {
      const [x, y] = projection.forward(lng, lat);
      const key = hexCellOf(x, y, 250).join(',');
      const [sn, sh] = expected.get(key) ?? [0, 0];
      expected.set(key, [sn + n, sh + housing]);
    }
    expect(new Map(cells.map((c) => [c.unit_id, [c.responses!, c.need_count!]]))).toEqual(expected);
  });

  it('answer nothing to a non-member and reject nonsense parameters with a clear error', async () => {
    const outsider = await asCaller(db, { role: 'authenticated', userId: USERS.outsider }, (tx) =>
      tx.query(`select * from public.campaign_aggregates_by_street($1, 'c-1')`, [ORG_A]));
    expect(outsider).toEqual([]);
    await expect(asAdminA((tx) => tx.query(`select * from public.campaign_aggregates_by_street($1, 'c-1', null, 1, 0)`, [ORG_A]))).rejects.toThrow(/k must be/);
    await expect(asAdminA((tx) => tx.query(`select * from public.campaign_aggregates_by_street($1, 'c-1', null, 9)`, [ORG_A]))).rejects.toThrow(/severity must be 1, 2 or 3/);
    await expect(asAdminA((tx) => tx.query(`select * from public.campaign_aggregates($1, 'c-1', 'county')`, [ORG_A]))).rejects.toThrow(/unit must be street, area or hex/);
  });

  it('never go below k = 5 for a partner, on responses and on homes, and never list what is suppressed', async () => {
    // Asked with k = 1: district-s has 5 responses from 3 homes (r-10, r-11 bare points; r-7 … r-9 street s-2 only,
    // one home); district-n has 7 but from 2 homes only (r-1 … r-6 at a-1, r-12 a bare point), and a-1 holds 6 of 7 > ¾
    // (dominance). Neither is listed: a partner gets no rows.
    const cells = await asCaller(db, { role: 'authenticated', userId: USERS.partnerA }, (tx) =>
      tx.query<Cell>(`select * from public.campaign_aggregates_by_area($1, 'c-1', '{housing}', 1, 1)`, [ORG_A]));
    expect(cells).toEqual([]);
    const planner = await asCaller(db, { role: 'authenticated', userId: USERS.plannerA }, (tx) =>
      tx.query<Cell>(`select * from public.campaign_aggregates_by_area($1, 'c-1', '{housing}', 1, 1)`, [ORG_A]));
    expect(planner.map((c) => [c.unit_id, c.responses, c.suppressed])).toEqual([['district-n', 7, false], ['district-s', 5, false]]);
  });
});

type ImportResult = { inserted: number; errors: { row: number | null; field: string; message: string }[] };

describe('import_survey_responses', () => {
  const fresh = (i: number, changes: Record<string, unknown> = {}) => ({ ...(TOWN_A.responses![0] as object), id: `imp-${i}`, ...changes });
  const runImport = (userId: string, payload: unknown) =>
    asCaller(db, { role: 'authenticated', userId }, async (tx) => {
      const [row] = await tx.query<{ result: ImportResult }>('select public.import_survey_responses($1, $2::jsonb) as result', [ORG_A, JSON.stringify(payload)]);
      const [count] = await tx.query<{ n: number }>(`select count(*)::int as n from public.survey_responses where id like 'imp-%'`);
      return { result: row!.result, visible: count!.n };
    });

  it('inserts every row of a good file, as the surveyor who sent it', async () => {
    const { result, visible } = await runImport(USERS.surveyorA, [fresh(1), fresh(2), fresh(3)]);
    expect(result).toEqual({ inserted: 3, errors: [] });
    expect(visible).toBe(3);
  });

  it('inserts nothing when one row is bad, and names every bad row and field', async () => {
    const payload = [
      fresh(1),
      fresh(2, { householdSize: 0 }),
      fresh(3),
      fresh(4, { campaignId: 'c-404' }),
      fresh(5, { date: "2025-05-01'; delete from survey_responses; --" }),
      fresh(1),
    ];
    const { result, visible } = await runImport(USERS.plannerA, payload);
    expect(result.inserted).toBe(0);
    expect(result.errors).toEqual([
      { row: 1, field: 'householdSize', message: 'householdSize must be between 1 and 20' },
      { row: 3, field: 'campaignId', message: 'campaignId names a campaign that does not exist' },
      { row: 4, field: 'date', message: 'date must be a real calendar date written YYYY-MM-DD' },
      { row: 5, field: 'id', message: 'a response with this id already exists' },
    ]);
    expect(visible).toBe(0);
  });

  it('refuses what is not an array, and a partner', async () => {
    expect((await runImport(USERS.adminA, { id: 'x' })).result.errors[0]!.message).toMatch(/JSON array/);
    const partner = await runImport(USERS.partnerA, [fresh(1)]);
    expect(partner.result).toEqual({ inserted: 0, errors: [{ row: 0, field: '(record)', message: 'you may not write this record in this organisation' }] });
  });
});

describe('save_record and delete_record', () => {
  it('insert, replace by id and delete a street as a planner; a surveyor is refused', async () => {
    const street = { id: 's-9', prefix: 'al.', name: 'Lipowa', geometry: { type: 'MultiLineString', coordinates: [[[19.30, 50.101], [19.31, 50.101]]] } };
    await asCaller(db, { role: 'authenticated', userId: USERS.plannerA }, async (tx) => {
      expect(await tx.query(`select public.save_record($1, 'streets', $2) as r`, [ORG_A, JSON.stringify(street)])).toEqual([{ r: { ok: true } }]);
      await tx.query(`select public.save_record($1, 'streets', $2)`, [ORG_A, JSON.stringify({ ...street, name: 'Lipowa Nowa' })]);
      expect(await tx.query(`select name from public.streets where organisation_id = $1 and id = 's-9'`, [ORG_A])).toEqual([{ name: 'Lipowa Nowa' }]);
      expect(await tx.query(`select public.delete_record($1, 'streets', 's-9') as r`, [ORG_A])).toEqual([{ r: { ok: true } }]);
      expect(await tx.query(`select 1 from public.streets where organisation_id = $1 and id = 's-9'`, [ORG_A])).toEqual([]);
    });
    const refused = await asCaller(db, { role: 'authenticated', userId: USERS.surveyorA }, (tx) =>
      tx.query<{ r: { ok: boolean } }>(`select public.save_record($1, 'streets', $2) as r`, [ORG_A, JSON.stringify(street)]));
    expect(refused[0]!.r.ok).toBe(false);
  });
});

describe('seed.sql', () => {
  const demoDir = join(import.meta.dirname, '..', '..', 'data', 'demo');
  const seedPath = join(import.meta.dirname, '..', 'seed.sql');

  /** Runs seed SQL in a transaction that is rolled back; returns the row count of every table it filled. */
  async function loadSeed(sql: string, org: string): Promise<Record<string, number>> {
    await db.query('begin');
    try {
      await db.exec(sql);
      const tables = ['areas', 'streets', 'addresses', 'campaigns', 'resources', 'groups', 'programmes', 'events', 'survey_responses', 'survey_response_needs'];
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = (await db.query<{ n: number }>(`select count(*)::int as n from public.${table} where organisation_id = $1`, [org]))[0]!.n;
      return counts;
    } finally {
      await db.query('rollback');
    }
  }

  it('renders a workspace deterministically and loads it through the converters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-seed-'));
    writeFileSync(join(dir, 'organisation.json'), JSON.stringify(organisation('seed-org')));
    for (const [collection, records] of Object.entries(TOWN_A)) writeFileSync(join(dir, `${collection}.json`), JSON.stringify(records, null, 2));
    const sql = renderSeedSql(dir);
    expect(renderSeedSql(dir)).toBe(sql);
    // 2 areas, 3 streets, 3 addresses, 1 campaign, 1 of each institution, 12 responses with 8 housing (4 + 2 + 2) and 12 loneliness answers.
    expect(await loadSeed(sql, 'seed-org')).toEqual({
      areas: 2, streets: 3, addresses: 3, campaigns: 1, resources: 1, groups: 1, programmes: 1, events: 1, survey_responses: 12, survey_response_needs: 20,
    });
  });

  // data/demo and seed.sql are committed: their absence is a failure, not a reason to skip.
  it('loads the demo town of data/demo, and the committed seed.sql is up to date', async () => {
    expect(hasWorkspace(demoDir)).toBe(true);
    const sql = renderSeedSql(demoDir);
    const organisationId = (JSON.parse(readFileSync(join(demoDir, 'organisation.json'), 'utf8')) as { id: string }).id;
    const responses = (JSON.parse(readFileSync(join(demoDir, 'responses.json'), 'utf8')) as unknown[]).length;
    const counts = await loadSeed(sql, organisationId);
    expect(counts.survey_responses).toBe(responses);
    expect(readFileSync(seedPath, 'utf8'), 'run npx tsx supabase/scripts/generateSeed.ts').toBe(sql);
  });
});

describe('the server keeps the domain’s numbers (src/domain/units.ts)', () => {
  it('every RPC taking k defaults to MIN_RESPONSES, and the fixed hexagon grid is DEFAULT_HEX_SIZE_METERS', async () => {
    const rows = await db.query<{ name: string; args: string }>(
      `select p.proname as name, pg_get_function_arguments(p.oid) as args from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and pg_get_function_arguments(p.oid) like '%p_k integer DEFAULT%'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(/p_k integer DEFAULT (\d+)/.exec(row.args)?.[1], row.name).toBe(String(MIN_RESPONSES));
    const grid = await db.query<{ body: string }>(`select prosrc as body from pg_proc where proname = 'fix_hex_grid'`);
    expect(grid[0]?.body).toContain(`new.organisation_id, ${DEFAULT_HEX_SIZE_METERS},`);
  });
});

describe('an address whose household count is unknown (issue 12: never stored as 1)', () => {
  it('is saved without the count, loads back without it, and makes its street’s and areas’ households unknown', async () => {
    const outcome = await asAdminA(async (tx) => {
      const saved = await tx.query<{ result: unknown }>(
        `select private.upsert_record($1, 'addresses', $2::jsonb) as result`,
        [ORG_A, JSON.stringify({ id: 'a-unknown', streetId: 's-2', houseNumber: '9', location: { type: 'Point', coordinates: [19.306, 50.1024] }, residents: 14 })],
      );
      const stored = await tx.query<{ households: number | null; residents: number | null }>(`select households, residents from public.addresses where organisation_id = $1 and id = 'a-unknown'`, [ORG_A]);
      const workspace = await tx.query<{ w: { addresses: Array<Record<string, unknown>> } }>(`select public.load_workspace($1) as w`, [ORG_A]);
      const streets = await tx.query<Cell>(`select * from public.campaign_aggregates_by_street($1, 'c-1', '{housing}')`, [ORG_A]);
      const areas = await tx.query<Cell>(`select * from public.campaign_aggregates_by_area($1, 'c-1', '{housing}')`, [ORG_A]);
      return { saved, stored, address: workspace[0]!.w.addresses.find((a) => a.id === 'a-unknown'), streets, areas };
    });
    expect(outcome.stored).toEqual([{ households: null, residents: 14 }]);
    expect(outcome.address).toBeDefined();
    expect('households' in outcome.address!).toBe(false);
    expect(outcome.address!.residents).toBe(14);
    // s-2 now holds an address of unknown count: its households (and so its response rate) cannot be computed;
    // s-1 keeps its known 15; s-3 has no address at all: 0.
    expect(outcome.streets.map((c) => [c.unit_id, c.households])).toEqual([['s-1', 15], ['s-2', null], ['s-3', 0]]);
    expect(outcome.areas.find((c) => c.unit_id === 'district-s')?.households).toBeNull();
    expect(outcome.areas.find((c) => c.unit_id === 'district-n')?.households).toBe(15);
  });
});
