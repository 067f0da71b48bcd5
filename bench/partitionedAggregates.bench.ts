import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { partitionedMigrations } from '../supabase/scripts/partitionByOrganisation';
import { renderSeedSql } from '../supabase/scripts/seedSql';
import { applyMigrations, openDatabase, openMigratedDatabase, type Database } from '../supabase/tests/support/database';
import { DEMO_DIR } from '../supabase/tests/support/parityDemo';
import { asCaller } from '../supabase/tests/support/request';
import { checkSame, fmtMs, printMachine, reportFailedChecks } from './measure';

/**
 * Issue 16 item 4, measured: a federation of centres in one database, the plain schema against the one with the answers
 * partitioned by hash of organisation_id (supabase/scripts/partitionByOrganisation.ts, 8 partitions). Each centre is
 * the demo town under an id of its own (seed.sql rendered per centre: 5,831 answers, 8,112 addresses each; centres =
 * BENCH_FEDERATION_CENTRES, default 4). Per unit kind, one centre's aggregate RPC as its planner (best of 5 after a
 * warm-up, PostgREST-style transaction) on both schemas, answers compared (checkSame); how many partitions the
 * centre's aggregate query reads (EXPLAIN); a federation-wide count. Needs DATABASE_URL (the server): on PGlite the
 * loading alone takes minutes.
 */

const CENTRES = Number(process.env.BENCH_FEDERATION_CENTRES ?? 4);
const PARTITIONS = 8;
const PLANNER = '00000000-0000-4000-8000-0000000000f1';
const CAMPAIGN = 'campaign-2025-w1';

function centreSeeds(dir: string): string[] {
  const seeds: string[] = [];
  for (let k = 1; k <= CENTRES; k++) {
    const centre = join(dir, `centre-${k}`);
    mkdirSync(centre);
    for (const file of readdirSync(DEMO_DIR)) if (file.endsWith('.json') && file !== 'manifest.json') copyFileSync(join(DEMO_DIR, file), join(centre, file));
    const organisation = JSON.parse(readFileSync(join(DEMO_DIR, 'organisation.json'), 'utf8')) as { id: string; name: string };
    writeFileSync(join(centre, 'organisation.json'), JSON.stringify({ ...organisation, id: `${organisation.id}-${k}`, name: `${organisation.name} (ośrodek ${k})` }));
    seeds.push(renderSeedSql(centre));
  }
  return seeds;
}

async function load(db: Database, seeds: readonly string[]): Promise<number> {
  const t0 = performance.now();
  for (const seed of seeds) await db.transaction((tx) => tx.exec(seed));
  await db.query('insert into auth.users (id) values ($1)', [PLANNER]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, 'mops-debowo-${Math.ceil(CENTRES / 2)}', 'planner')`, [PLANNER]);
  await db.exec('analyze');
  return performance.now() - t0;
}

async function rpc(db: Database, unit: string): Promise<{ ms: number; rows: unknown[] }> {
  const org = `mops-debowo-${Math.ceil(CENTRES / 2)}`;
  const call = () =>
    asCaller(db, { role: 'authenticated', userId: PLANNER }, (tx) =>
      tx.query(`select * from public.campaign_aggregates_by_${unit}($1, $2, array['unemployment']::public.need_category[], 1, 5) order by 1`, [org, CAMPAIGN]),
    );
  let rows = await call();
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    rows = await call();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, rows };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

export async function main(): Promise<void> {
  printMachine(['pg']);
  if (!process.env.DATABASE_URL) {
    console.log('(skipped: set DATABASE_URL for the PostgreSQL server; a federation on PGlite takes minutes to load)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'calmap-federation-'));
  let plain: Database | undefined;
  let parted: Database | undefined;
  try {
    const seeds = centreSeeds(dir);
    mkdirSync(join(dir, 'migrations'));
    for (const { file, sql } of partitionedMigrations(PARTITIONS)) writeFileSync(join(dir, 'migrations', file), sql);
    plain = await openMigratedDatabase();
    parted = await openDatabase();
    await applyMigrations(parted, join(dir, 'migrations'));
    const loadPlain = await load(plain, seeds);
    const loadParted = await load(parted, seeds);
    const n = (await plain.query<{ n: number }>('select count(*)::int as n from public.survey_responses'))[0]?.n ?? 0;
    console.log(`federation: ${CENTRES} centres (the demo town each), ${n.toLocaleString('en')} answers; loaded in ${fmtMs(loadPlain)} (plain) / ${fmtMs(loadParted)} (partitioned, ${PARTITIONS} partitions); load average ${loadavg()[0]!.toFixed(1)}`);
    console.log('| one centre’s RPC as its planner (best of 5) | plain | partitioned | same answers |');
    console.log('|---|---:|---:|---|');
    for (const unit of ['street', 'area', 'hex']) {
      const a = await rpc(plain, unit);
      const b = await rpc(parted, unit);
      const same = checkSame(`partitioned aggregates: ${unit} differs from the plain schema`, JSON.stringify(a.rows) === JSON.stringify(b.rows) && a.rows.length > 0);
      console.log(`| campaign_aggregates_by_${unit} (${a.rows.length} units) | ${fmtMs(a.ms)} | ${fmtMs(b.ms)} | ${same ? 'yes' : 'NO'} |`);
    }
    const federation = 'select organisation_id, count(*) from public.survey_responses group by 1';
    const fa = await timed(() => plain!.query(federation));
    const fb = await timed(() => parted!.query(federation));
    console.log(`| federation-wide count per centre (all rows) | ${fmtMs(fa.ms)} | ${fmtMs(fb.ms)} | ${JSON.stringify(fa.result.sort()) === JSON.stringify(fb.result.sort()) ? 'yes' : 'NO'} |`);
    const plan = (await parted.query<{ 'QUERY PLAN': string }>(`explain (costs off) select street_no, count(*) from public.survey_responses where organisation_id = 'mops-debowo-1' and campaign_id = '${CAMPAIGN}' group by 1`)).map((r) => r['QUERY PLAN']).join('\n');
    console.log(`partitions a centre's aggregate reads: ${new Set(plan.match(/survey_responses_p\d+/g) ?? []).size} of ${PARTITIONS} (EXPLAIN)`);
  } finally {
    await plain?.close();
    await parted?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
  process.exitCode = reportFailedChecks();
}
