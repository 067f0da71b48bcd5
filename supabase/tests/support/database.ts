import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The one interface the database tests speak: embedded PostGIS (PGlite) by default, a PostgreSQL server
 * through `pg` when DATABASE_URL is set. Both hold ONE connection, so BEGIN/SET LOCAL/ROLLBACK issued
 * through `query` apply to the statements that follow, as PostgREST's transaction does.
 */
export interface Database {
  readonly kind: 'pglite' | 'pg';
  /** One statement with $1, $2 … parameters; returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations, seed). */
  exec(sql: string): Promise<void>;
  /** BEGIN; fn; COMMIT — or ROLLBACK when fn throws (the error is re-thrown). */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error as both drivers report it: SQLSTATE code, message, and the COLUMN field when set. */
export interface DatabaseError extends Error {
  code?: string;
  column?: string;
}

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

/** Migration file names in the order Supabase applies them (lexicographic = timestamp order). */
export function migrationFiles(dir: string = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
}

async function openPglite(): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const pg = await PGlite.create({ extensions: { postgis } });
  const base = {
    kind: 'pglite' as const,
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<Row>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
  };
  return finish(base);
}

function finish(base: Omit<Database, 'transaction'>): Database {
  const db: Database = {
    ...base,
    async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      await base.query('begin');
      try {
        const result = await fn(db);
        await base.query('commit');
        return result;
      } catch (error) {
        await base.query('rollback');
        throw error;
      }
    },
  };
  return db;
}

/**
 * A fresh database on the server of DATABASE_URL: created with a random name, dropped by close().
 * The roles anon/authenticated/service_role are cluster-wide, so the bootstrap migration creates them once.
 */
async function openServer(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // Numbers come back as numbers (count(*) is bigint; the test data stays far below 2^53).
  pg.types.setTypeParser(20, (v) => Number(v));
  const name = `cal_map_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return finish({
    kind: 'pg',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, params as unknown[])).rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  });
}

/** Applies every migration in order, each in its own transaction (as `supabase db reset` does). */
export async function applyMigrations(db: Database, dir: string = MIGRATIONS_DIR): Promise<void> {
  for (const file of migrationFiles(dir)) {
    const sql = readFileSync(join(dir, file), 'utf8');
    try {
      await db.transaction((tx) => tx.exec(sql));
    } catch (error) {
      throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Opens an empty test database: a fresh one on the server of DATABASE_URL, else embedded PGlite + PostGIS. */
export async function openDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? await openServer(url) : await openPglite();
}

/** Opens the test database chosen by DATABASE_URL (absent: embedded PGlite + PostGIS) with all migrations applied. */
export async function openMigratedDatabase(): Promise<Database> {
  const db = await openDatabase();
  await applyMigrations(db);
  return db;
}

