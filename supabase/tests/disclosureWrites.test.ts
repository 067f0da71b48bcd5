import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { SEED_PATH } from './support/parityDemo';

/**
 * Issue 16 item 3: private.disclosure_writes compacted (migration 20250601001800). The version of a centre's data is the
 * sum of its rows' weights; a read that computes a pattern replaces more than 100 rows by one of their total. Checked on
 * the demo town: the compaction leaves the version as it was (a pattern stored before it is still read back, shown by a
 * planted pattern), a write after it gives a version never seen before (the pattern is computed again), and a
 * read-only transaction leaves the rows alone.
 */

const ORG = 'mops-debowo';
const W1 = 'campaign-2025-w1';
type Unit = { unit_kind: string; unit_id: string };

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const version = async () => (await db.query<{ n: number; rows: number }>(
  'select coalesce(sum(writes), 0)::int as n, count(*)::int as rows from private.disclosure_writes where organisation_id = $1', [ORG]))[0]!;
const read = () => db.query<Unit>(`select * from private.disclosed_units_cached($1, $2, '{housing}', 1, 5) order by unit_kind, unit_id collate "C"`, [ORG, W1]);
const fresh = () => db.query<Unit>(`select * from private.disclosed_units($1, $2, '{housing}', 1, 5) order by unit_kind, unit_id collate "C"`, [ORG, W1]);
const plant = () => db.query(`update private.disclosure_cache set units = '{}' where organisation_id = $1 and campaign_id = $2`, [ORG, W1]);
/** `n` statements that each write one response (no change of data, but each is a write: a new version). */
async function writes(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.query(`update public.survey_responses set household_size = household_size
      where organisation_id = $1 and id = (select min(id) from public.survey_responses where organisation_id = $1)`, [ORG]);
  }
}

describe('compacted versions of a centre\'s data', () => {
  it('keep the version through a compaction: a pattern stored before it is still current', async () => {
    expect(await read()).toEqual(await fresh());
    await writes(120);
    const before = await version();
    expect(before.rows).toBeGreaterThan(100);
    // This read computes (the version changed), stores the pattern at `before.n`, then compacts.
    const computed = await read();
    expect(computed).toEqual(await fresh());
    expect(computed.length).toBeGreaterThan(10);
    expect(await version()).toEqual({ n: before.n, rows: 1 });
    const [stored] = await db.query<{ writes: number }>('select writes::int from private.disclosure_cache where organisation_id = $1 and campaign_id = $2', [ORG, W1]);
    expect(stored!.writes).toBe(before.n);
    // The stored pattern is what a read gets while the version is unchanged (a planted one shows it).
    await plant();
    expect(await read()).toEqual([]);
  });

  it('give a new version after a compaction as soon as the data is written: the pattern is computed again', async () => {
    const compacted = await version();
    await writes(1);
    const after = await version();
    expect(after.n).toBeGreaterThan(compacted.n);
    expect(after.rows).toBe(1 + after.n - compacted.n);
    expect(await read()).toEqual(await fresh());
  });

  it('are computed but not compacted in a read-only transaction; an explicit compaction keeps the sum', async () => {
    await writes(110);
    const before = await version();
    await db.query('begin read only');
    const readOnly = await read();
    await db.query('commit');
    expect(readOnly).toEqual(await fresh());
    expect(await version()).toEqual(before);
    await db.query('select private.compact_disclosure_writes($1)', [ORG]);
    expect(await version()).toEqual({ n: before.n, rows: 1 });
    // Compacting again changes nothing.
    await db.query('select private.compact_disclosure_writes($1)', [ORG]);
    expect(await version()).toEqual({ n: before.n, rows: 1 });
  });
});
