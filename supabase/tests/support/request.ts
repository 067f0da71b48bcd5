import type { Database, DatabaseError } from './database';

/** Who makes a request: the anon key, a signed-in user (JWT sub), or the service role. */
export type Caller = { role: 'anon' } | { role: 'authenticated'; userId: string } | { role: 'service_role' };

/**
 * Runs fn as PostgREST runs a request: BEGIN; SET LOCAL ROLE …; request.jwt.claims set for the
 * transaction; then ROLLBACK (the default, so tests never leak rows into each other) or COMMIT.
 */
export async function asCaller<T>(db: Database, caller: Caller, fn: (db: Database) => Promise<T>, end: 'rollback' | 'commit' = 'rollback'): Promise<T> {
  const claims = caller.role === 'authenticated' ? { sub: caller.userId, role: 'authenticated' } : { role: caller.role };
  await db.query('begin');
  try {
    await db.query(`set local role ${caller.role}`);
    await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    const result = await fn(db);
    await db.query(end);
    return result;
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
}

/** The outcome of one statement: its rows, or the error it raised (never thrown). */
export type Outcome<Row> = { ok: true; rows: Row[] } | { ok: false; error: DatabaseError };

/**
 * Runs one statement inside a SAVEPOINT so that a failure leaves the surrounding request usable.
 */
export async function attempt<Row = Record<string, unknown>>(db: Database, sql: string, params: readonly unknown[] = []): Promise<Outcome<Row>> {
  await db.query('savepoint attempt');
  try {
    const rows = await db.query<Row>(sql, params);
    await db.query('release savepoint attempt');
    return { ok: true, rows };
  } catch (error) {
    await db.query('rollback to savepoint attempt');
    return { ok: false, error: error as DatabaseError };
  }
}
