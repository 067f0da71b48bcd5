import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { prepareDataset } from '../src/analysis/dataset';
import { aggregateDataset } from '../src/analysis/needQueries';
import type { UnitSpec } from '../src/analysis/unitLayers';
import { openMigratedDatabase, type Database } from '../supabase/tests/support/database';
import { asCaller } from '../supabase/tests/support/request';
import { fmtMs, fmtRatio, printMachine, reportFailedChecks, timeBest } from './measure';
import { syntheticTown, type SyntheticTown } from './syntheticTown';

/**
 * Issue 4, part 9: the aggregation RPC (campaign_aggregates_by_street | _by_area | _by_hex, run as a planner the way
 * PostgREST runs it) on real PostGIS for 100,000 and 1,000,000 synthetic responses, beside the analysis engine's time
 * for the same data and query (one wave, one need, k = 5). Real PostGIS = the server of DATABASE_URL (Debian's
 * PostgreSQL 15 + PostGIS 3: `DATABASE_URL=$(bash supabase/scripts/start-postgres.sh) npx tsx bench/postgisAggregates.bench.ts`);
 * without it, embedded PGlite and 100,000 only. Responses are bulk-loaded (jsonb_to_recordset in 50,000-row
 * statements, triggers and FK checks off, derived columns filled set-based), not through the import RPC.
 */

const ORG = 'bench-org';
const PLANNER = '00000000-0000-4000-8000-00000000b001';
const CHUNK = 50_000;
const NEED = 'housing';
const CAMPAIGN = 'wave-1';

async function loadTown(db: Database, town: SyntheticTown): Promise<void> {
  await db.query('insert into public.organisations select * from private.organisation_from_json($1)', [JSON.stringify({ id: ORG, name: 'Ośrodek testowy', kind: 'OPS', gminaTeryt: '1206011', town: 'Testowo' })]);
  const reference: [string, string, unknown[]][] = [['areas', 'area_from_json', town.areas], ['streets', 'street_from_json', town.streets], ['addresses', 'address_from_json', town.addresses], ['campaigns', 'campaign_from_json', town.campaigns]];
  for (const [table, converter, records] of reference) {
    for (let i = 0; i < records.length; i += CHUNK) {
      await db.query(`insert into public.${table} select r.* from jsonb_array_elements($2::jsonb) e, private.${converter}($1, e.value) r`, [ORG, JSON.stringify(records.slice(i, i + CHUNK))]);
    }
  }
  // Responses and need answers: bulk rows, with replication role "replica" so that neither the street-assignment
  // trigger nor the FK triggers fire per row (the data is generated consistent); derived columns are set below.
  await db.query(`set session_replication_role = replica`);
  for (let i = 0; i < town.responses.length; i += CHUNK) {
    const rows = town.responses.slice(i, i + CHUNK).map((r) => ({
      id: r.id, campaign_id: r.campaignId, address_id: r.addressId ?? null, street_id: r.streetId ?? null,
      lng: r.location?.coordinates[0] ?? null, lat: r.location?.coordinates[1] ?? null, date: r.date, household_size: r.householdSize,
    }));
    await db.query(`insert into public.survey_responses (organisation_id, id, campaign_id, address_id, street_id, location, date, household_size)
      select $1, x.id, x.campaign_id, x.address_id, x.street_id,
             case when x.lng is null then null else extensions.st_setsrid(extensions.st_makepoint(x.lng, x.lat), 4326) end, x.date::date, x.household_size
      from jsonb_to_recordset($2::jsonb) as x(id text, campaign_id text, address_id text, street_id text, lng float8, lat float8, date text, household_size int)`, [ORG, JSON.stringify(rows)]);
    const needs = town.responses.slice(i, i + CHUNK).flatMap((r) => r.needs.map((n) => ({ r: r.id, c: n.category, s: n.severity })));
    await db.query(`insert into public.survey_response_needs (organisation_id, response_id, category, severity)
      select $1, x.r, x.c::public.need_category, x.s from jsonb_to_recordset($2::jsonb) as x(r text, c text, s smallint)`, [ORG, JSON.stringify(needs)]);
  }
  await db.query(`set session_replication_role = origin`);
  // What the trigger would have set (private.assign_response_street), set-based.
  await db.query(`update public.survey_responses r set assigned_street_id = a.street_id, located_at = a.location
    from public.addresses a where a.organisation_id = r.organisation_id and a.id = r.address_id and r.organisation_id = $1`, [ORG]);
  await db.query(`update public.survey_responses r set assigned_street_id = r.street_id, located_at = r.location
    where r.organisation_id = $1 and r.address_id is null and r.street_id is not null`, [ORG]);
  await db.query(`update public.survey_responses r set located_at = r.location, assigned_street_id = (
      select s.id from public.streets s
      where s.organisation_id = r.organisation_id and s.geometry operator(extensions.&&) extensions.st_expand(r.location, 0.0015)
        and extensions.st_dwithin(s.geometry::extensions.geography, r.location::extensions.geography, 60)
      order by extensions.st_distance(s.geometry::extensions.geography, r.location::extensions.geography), s.id limit 1)
    where r.organisation_id = $1 and r.address_id is null and r.street_id is null`, [ORG]);
  await db.query('analyze');
  await db.query('insert into auth.users (id) values ($1)', [PLANNER]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $2, 'planner')`, [PLANNER, ORG]);
}

/** Best of `repeats` wall times of one RPC call as the planner (each call its own PostgREST-style transaction). */
async function timeRpc(db: Database, sql: string, params: unknown[], repeats: number): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  let best = Infinity;
  let rows: Record<string, unknown>[] = [];
  for (let i = 0; i < repeats + 1; i++) {
    const t0 = performance.now();
    rows = await asCaller(db, { role: 'authenticated', userId: PLANNER }, (tx) => tx.query(sql, params));
    if (i > 0) best = Math.min(best, performance.now() - t0); // the first call warms caches
  }
  return { ms: best, rows };
}

async function benchSize(responses: number, repeats: number): Promise<void> {
  const t0 = performance.now();
  const town = syntheticTown({ seed: 11, blocks: 40, addresses: 20_000, responses, barePointShare: 0.05 });
  const db = await openMigratedDatabase();
  try {
    await loadTown(db, town);
    const loadMs = performance.now() - t0;
    const prepare = timeBest(() => prepareDataset(town), 1);
    const ds = prepare.result;
    const [originLng, originLat] = [ds.projection.originLng, ds.projection.originLat];
    console.log(`\n${responses.toLocaleString('en')} responses (${town.streets.length} street records, ${town.addresses.length.toLocaleString('en')} addresses, ${town.areas.length} areas; wave-1 = half): generated + loaded in ${fmtMs(loadMs)}; engine prepareDataset ${fmtMs(prepare.ms)}`);
    console.log('| unit | RPC (PostgREST-style call) | engine aggregateDataset | RPC / engine | engine incl. prepare | units | Σ responses RPC / engine |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    const cases: [string, string, unknown[], UnitSpec[]][] = [
      ['street', 'select * from public.campaign_aggregates_by_street($1, $2, array[$3::text]::public.need_category[], 1, 5)', [ORG, CAMPAIGN, NEED], [{ kind: 'street' }]],
      ['area (estates + districts)', 'select * from public.campaign_aggregates_by_area($1, $2, array[$3::text]::public.need_category[], 1, 5)', [ORG, CAMPAIGN, NEED], [{ kind: 'area', areaKind: 'estate' }, { kind: 'area', areaKind: 'district' }]],
      ['hex 250 m', 'select * from public.campaign_aggregates_by_hex($1, $2, array[$3::text]::public.need_category[], 1, 5, 250, $4, $5)', [ORG, CAMPAIGN, NEED, originLng, originLat], [{ kind: 'hex', sizeMeters: 250 }]],
    ];
    for (const [name, sql, params, specs] of cases) {
      const rpc = await timeRpc(db, sql, params, repeats);
      // The engine's layers are cached per dataset after the first query, as in the app; the first build is in "incl. prepare".
      const firstBuild = performance.now();
      for (const spec of specs) aggregateDataset(ds, spec, { campaignIds: [CAMPAIGN], needIds: [NEED], minResponses: 5 });
      const layerMs = performance.now() - firstBuild;
      const engine = timeBest(() => specs.map((spec) => aggregateDataset(ds, spec, { campaignIds: [CAMPAIGN], needIds: [NEED], minResponses: 5 })));
      const engineTotal = engine.result.reduce((sum, agg) => sum + agg.responses.reduce((a, b) => a + b, 0), 0);
      const rpcTotal = rpc.rows.reduce((sum, row) => sum + Number(row.responses ?? 0), 0);
      const units = engine.result.reduce((sum, agg) => sum + agg.unitCount, 0);
      console.log(`| ${name} | ${fmtMs(rpc.ms)} | ${fmtMs(engine.ms)} | ${fmtRatio(rpc.ms / engine.ms)} | ${fmtMs(prepare.ms + layerMs)} | ${rpc.rows.length} / ${units} | ${rpcTotal.toLocaleString('en')} / ${engineTotal.toLocaleString('en')}${rpcTotal === engineTotal ? '' : ' (suppressed units hide their counts)'} |`);
    }
  } finally {
    await db.close();
  }
}

export async function main(): Promise<void> {
  printMachine(['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'typescript', 'tsx']);
  const server = Boolean(process.env.DATABASE_URL);
  if (server) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const version = await client.query<{ v: string }>(`select version() || ' / PostGIS ' || coalesce((select extversion from pg_extension where extname = 'postgis'), (select default_version from pg_available_extensions where name = 'postgis')) as v`);
    await client.end();
    console.log(`database: ${version.rows[0]?.v ?? 'unknown'} (DATABASE_URL)`);
  } else {
    console.log('database: embedded PGlite + PostGIS (no DATABASE_URL set): 100,000 responses only; set DATABASE_URL for the real server and 1,000,000');
  }
  const sizes = server ? [100_000, 1_000_000] : [100_000];
  for (const size of sizes) await benchSize(size, size >= 1_000_000 ? 1 : 2);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
