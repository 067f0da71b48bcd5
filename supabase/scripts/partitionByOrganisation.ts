import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIGRATIONS_DIR, migrationFiles } from '../tests/support/database';

/**
 * Issue 16 item 4: the schema with a centre's survey answers partitioned by organisation, for a database that holds a
 * large city or a federation of centres. Not a migration of the live table: `public.survey_responses` has dependants
 * bound to it by oid (the row type `private.survey_response_from_json` returns, the policies of
 * survey_response_needs), so turning the existing table into a partitioned one means rebuilding them in a long
 * exclusive lock. A federation starts a database of its own from these migrations instead and loads each centre into
 * it (`import_survey_responses`, or pg_dump --data-only per organisation), as supabase/README.md describes.
 *
 * The transformation is textual and small: the two tables of answers, `public.survey_responses` and
 * `public.survey_response_needs`, are created `partition by hash (organisation_id)` with `partitions` partitions each
 * in the schema `private` (not exposed by PostgREST; the API reaches them only through the parents, whose grants and
 * RLS policies apply). Everything else (primary keys, which already lead with organisation_id; foreign keys; the
 * GiST and covering indexes, which become partitioned indexes; the BEFORE row trigger that assigns units; RLS) is the
 * migrations' own text. supabase/tests/partitioned.test.ts proves RLS and the aggregate RPCs answer the same as on the
 * plain schema and that a centre's query reads one partition.
 *
 * `npx tsx supabase/scripts/partitionByOrganisation.ts --out DIR [--partitions 16]` writes the migration set to
 * DIR/supabase/migrations (for `npx supabase db push --workdir DIR`).
 */

export const PARTITIONED_TABLES = ['survey_responses', 'survey_response_needs'] as const;

/** The partitions of one table: private.<table>_p<k> for k < count, hash of organisation_id. */
export function partitionStatements(table: string, count: number): string {
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    lines.push(`create table private.${table}_p${k} partition of public.${table} for values with (modulus ${count}, remainder ${k});`);
    lines.push(`comment on table private.${table}_p${k} is 'Partition ${k} of ${count} of public.${table} (hash of organisation_id); read and written only through public.${table}.';`);
  }
  return lines.join('\n');
}

/**
 * One migration file's text with the tables of answers partitioned. Throws when a table's `create table` is found but
 * its end is not (the migrations changed shape: the script must be looked at, not silently skipped).
 */
export function partitionMigration(sql: string, count: number): string {
  let out = sql;
  for (const table of PARTITIONED_TABLES) {
    const start = out.indexOf(`create table public.${table} (`);
    if (start < 0) continue;
    const end = out.indexOf('\n);', start);
    if (end < 0) throw new Error(`partitionMigration: the end of create table public.${table} was not found`);
    out = `${out.slice(0, end)}\n) partition by hash (organisation_id);\n${partitionStatements(table, count)}${out.slice(end + 3)}`;
  }
  return out;
}

/** The migrations of `dir` (file name → text, in order) with the answers partitioned into `count` partitions. */
export function partitionedMigrations(count = 8, dir: string = MIGRATIONS_DIR): Array<{ file: string; sql: string }> {
  if (!(Number.isInteger(count) && count >= 2 && count <= 1024)) throw new RangeError(`partitions must be 2–1024, got ${count}`);
  const files = migrationFiles(dir).map((file) => ({ file, original: readFileSync(join(dir, file), 'utf8') }));
  const migrations = files.map(({ file, original }) => ({ file, sql: partitionMigration(original, count) }));
  const changed = migrations.filter((m, i) => m.sql !== files[i]!.original).length;
  if (changed === 0) throw new Error('partitionedMigrations: no migration creates the tables of answers any more');
  return migrations;
}

function main(argv: string[]): void {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = arg('--out');
  if (!out) throw new Error('--out DIR is required (the migrations go to DIR/supabase/migrations)');
  const count = Number(arg('--partitions') ?? 8);
  const target = join(resolve(out), 'supabase', 'migrations');
  mkdirSync(target, { recursive: true });
  for (const { file, sql } of partitionedMigrations(count)) writeFileSync(join(target, file), sql);
  console.log(`${target}: migrations with ${PARTITIONED_TABLES.join(' and ')} partitioned by hash of organisation_id into ${count} partitions`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
