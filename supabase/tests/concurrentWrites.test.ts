import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { SEED_PATH } from './support/parityDemo';
import { cachedDisclosureDifferences, countMismatches, createReferenceDisclosure, type DisclosureRequest } from './support/responseCounts';

/**
 * Two writers at once (issue 16 item 3): what migrations 20250601001600 and 20250601001900 promise for writes that
 * overlap in time, tried with two real connections to one database (the PostgreSQL server of DATABASE_URL; PGlite has
 * one connection). The second writer's statement is started while the first one's transaction holds the rows it
 * needs, and is seen waiting on a lock before the first commits.
 *  - The counts kept at write time (private.response_*_counts) stay equal to the responses: figures are added, never
 *    recomputed from a snapshot, except a combination's largest home, recomputed after its row is locked.
 *  - A stored structure of units and atoms that two writers left outdated is never used: the next read builds its own,
 *    and its answer is the reference's (migration 20250601001400's disclosed_units, grouping the responses).
 */

const ORG = 'mops-debowo';
const W1 = 'campaign-2025-w1';
const REQUEST: DisclosureRequest = [W1, '{housing}', 1, 5, null];

let db: Database;
let first: pg.Client;
let second: pg.Client;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  await createReferenceDisclosure(db);
  const [row] = await db.query<{ name: string }>('select current_database() as name');
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${row!.name}`;
  first = new pg.Client({ connectionString: url.toString() });
  second = new pg.Client({ connectionString: url.toString() });
  await Promise.all([first.connect(), second.connect()]);
}, 240_000);

afterAll(async () => {
  await Promise.all([first?.end(), second?.end()]);
  await db?.close();
});

/** The partner's pattern as a link reads it (stored structure used if current) differs from the reference by these units. */
const disclosureDifferences = () => cachedDisclosureDifferences(db, ORG, REQUEST);

/** Resolves once `client`'s backend waits on a lock (the overlap this file is about really happened). */
async function waitsOnLock(client: pg.Client): Promise<boolean> {
  const pid = (client as unknown as { processID: number }).processID;
  for (let i = 0; i < 200; i++) {
    const [row] = await db.query<{ waiting: boolean }>(`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1`, [pid]);
    if (row?.waiting) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** Copies of the wave's first `n` answers with an address (same homes, same combinations of units), ids suffixed. */
const copies = (suffix: string, n: number) => `
  insert into public.survey_responses (organisation_id, id, campaign_id, address_id, street_id, location, date, household_size, offers)
  select organisation_id, id || '${suffix}', campaign_id, address_id, street_id, location, date, household_size, offers
  from public.survey_responses where organisation_id = '${ORG}' and campaign_id = '${W1}' and address_id is not null and id not like '%-%-%-%'
  order by id limit ${n}`;

describe.runIf(process.env.DATABASE_URL)('two writers at once', () => {
  it('keep the counts equal to the responses when both add, and one removes, answers of the same homes and combinations', async () => {
    expect(await countMismatches(db)).toEqual([]);
    await first.query('begin');
    await second.query('begin');
    await first.query(copies('-c-a-1', 60));
    // The same homes again from the second writer: its count rows are the first one's, locked until it commits.
    const secondWrite = second.query(copies('-c-b-1', 40));
    expect(await waitsOnLock(second)).toBe(true);
    // The first also takes answers away from some of those homes before it commits (the largest home may change).
    await first.query(`delete from public.survey_responses where organisation_id = $1 and campaign_id = $2 and id in (
      select id from public.survey_responses where organisation_id = $1 and campaign_id = $2 and address_id is not null and id not like '%-%-%-%' order by id limit 15)`, [ORG, W1]);
    await first.query('commit');
    await secondWrite;
    await second.query('commit');
    expect(await countMismatches(db)).toEqual([]);
    const [written] = await db.query<{ n: number }>(`select count(*)::int as n from public.survey_responses where id like '%-c-_-1'`);
    expect(written!.n).toBe(100);
  });

  it('keep the counts right when the second writer takes away what the first adds to', async () => {
    await first.query('begin');
    await second.query('begin');
    await first.query(copies('-c-a-2', 30));
    const secondWrite = second.query(`delete from public.survey_responses where organisation_id = $1 and id like '%-c-b-1'`, [ORG]);
    expect(await waitsOnLock(second)).toBe(true);
    await first.query('commit');
    await secondWrite;
    await second.query('commit');
    expect(await countMismatches(db)).toEqual([]);
  });

  it('never read over a stored structure two writers left outdated: the read builds its own and answers as the reference', async () => {
    // A partner has read the wave: its structure is stored and current.
    expect(await disclosureDifferences()).toEqual([]);
    const current = async () => (await db.query<{ ok: boolean }>('select private.current_disclosure_structure($1, $2) is not null as ok', [ORG, W1]))[0]!.ok;
    expect(await current()).toBe(true);
    // Each writer adds an answer out of town (a new cell each: new combinations), so each trigger rebuilds the stored
    // structure from its own snapshot, which lacks the other's answer; the second waits for the first's row.
    const outOfTown = (id: string, east: number) => `
      insert into public.survey_responses (organisation_id, id, campaign_id, location, date, household_size)
      select organisation_id, '${id}', campaign_id, extensions.st_translate(location, ${east}, 0), date, household_size
      from public.survey_responses where organisation_id = '${ORG}' and campaign_id = '${W1}' and location is not null order by id limit 1`;
    await first.query('begin');
    await second.query('begin');
    await first.query(outOfTown('far-a', 0.05));
    const secondWrite = second.query(outOfTown('far-b', 0.08));
    expect(await waitsOnLock(second)).toBe(true);
    await first.query('commit');
    await secondWrite;
    await second.query('commit');
    // The structure stored last was built without the first writer's answer: not the data's.
    expect(await current()).toBe(false);
    expect(await disclosureDifferences()).toEqual([]);
    expect(await current()).toBe(true);
    await db.query(`delete from public.survey_responses where organisation_id = $1 and id in ('far-a', 'far-b')`, [ORG]);
    expect(await countMismatches(db)).toEqual([]);
    expect(await current()).toBe(true);
    expect(await disclosureDifferences()).toEqual([]);
  });
});
