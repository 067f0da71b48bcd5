/**
 * Does a set of migrations build the same schema as another? Applies the migrations of a git revision (default HEAD)
 * and those of the working tree to two scratch databases on the server of DATABASE_URL (each file in its own
 * transaction, as `supabase db reset` and the tests apply them), dumps both with `pg_dump --schema-only`, and compares
 * the dumps object by object: every function's full definition, tables, columns, constraints, indexes, types, domains,
 * triggers, policies, grants (ACL) and comments. pg_dump's blocks ("-- Name: …; Type: …; Schema: …") are sorted by that
 * header, so the order in which migrations created things does not matter; anything else does.
 *
 *   DATABASE_URL=$(bash supabase/scripts/start-postgres.sh) npx tsx supabase/scripts/compareSchemas.ts [--base REV]
 *
 * Prints the object counts per type and every difference; exits 1 when the schemas differ. Used to prove that folding
 * the migration history into baselines (issue 15) changed nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS_DIR, migrationFiles } from '../tests/support/database';

const REPO = join(import.meta.dirname, '..', '..');

/** The migrations of a git revision, written to a temporary directory. */
function migrationsAt(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cal-migrations-'));
  const names = execFileSync('git', ['ls-tree', '--name-only', `${rev}:supabase/migrations`], { cwd: REPO, encoding: 'utf8' })
    .split('\n').filter((f) => f.endsWith('.sql'));
  for (const name of names) {
    writeFileSync(join(dir, name), execFileSync('git', ['show', `${rev}:supabase/migrations/${name}`], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  }
  return dir;
}

/** Builds a scratch database from the migrations in dir and returns its normalised schema dump, block by block. */
async function schemaOf(url: string, dir: string): Promise<Map<string, string>> {
  const name = `cal_map_schema_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    try {
      for (const file of migrationFiles(dir)) {
        await client.query('begin');
        try {
          await client.query(readFileSync(join(dir, file), 'utf8'));
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw new Error(`${dir}/${file}: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.end();
    }
    const dump = execFileSync('pg_dump', ['--schema-only', '--dbname', target.toString()], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return blocks(dump);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** pg_dump's output as header → statement text; session settings and version lines left out. */
export function blocks(dump: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of dump.split(/\n--\n(?=-- Name: )/).slice(1)) {
    const [header, ...rest] = part.split('\n');
    // pg_dump 15.14+ fences a dump with \restrict KEY / \unrestrict KEY, a random key per run.
    const body = rest.filter((line) => line !== '--' && !/^\\(un)?restrict /.test(line)).join('\n').trim();
    const key = header!.replace(/; Owner: .*$/, '');
    if (out.has(key)) throw new Error(`two blocks named ${key}`);
    out.set(key, body);
  }
  return out;
}

const typeOf = (key: string): string => /; Type: ([^;]+);/.exec(key)?.[1] ?? '?';

function countByType(schema: Map<string, string>): string {
  const counts = new Map<string, number>();
  for (const key of schema.keys()) counts.set(typeOf(key), (counts.get(typeOf(key)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t} ${n}`).join(', ');
}

/** Lines of a that b lacks (-) and lines of b that a lacks (+), in order; enough to read a changed definition. */
function lineDiff(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  const inRight = new Set(right);
  const inLeft = new Set(left);
  return [...left.filter((l) => !inRight.has(l)).map((l) => `  - ${l}`), ...right.filter((l) => !inLeft.has(l)).map((l) => `  + ${l}`)];
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL (bash supabase/scripts/start-postgres.sh prints it)');
  const baseIndex = argv.indexOf('--base');
  const rev = baseIndex >= 0 ? argv[baseIndex + 1]! : 'HEAD';
  const baseDir = migrationsAt(rev);
  try {
    const [before, after] = [await schemaOf(url, baseDir), await schemaOf(url, MIGRATIONS_DIR)];
    console.log(`${rev}: ${migrationFiles(baseDir).length} migrations -> ${before.size} objects (${countByType(before)})`);
    console.log(`working tree: ${migrationFiles(MIGRATIONS_DIR).length} migrations -> ${after.size} objects (${countByType(after)})`);
    const problems: string[] = [];
    for (const [key, body] of before) {
      if (!after.has(key)) problems.push(`only in ${rev}: ${key}`);
      else if (after.get(key) !== body) problems.push(`differs: ${key}`, ...lineDiff(body, after.get(key)!));
    }
    for (const key of after.keys()) if (!before.has(key)) problems.push(`only in the working tree: ${key}`);
    if (problems.length === 0) {
      console.log('identical: every object, definition, grant, policy and comment is the same');
      return 0;
    }
    console.log(problems.join('\n'));
    return 1;
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
