import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { SEED_PATH } from './support/parityDemo';
import { cachedDisclosureDifferences, countMismatches, createReferenceDisclosure, TABLES, type DisclosureRequest } from './support/responseCounts';
import { seededRandom } from '../../tests/analysis/seededRandom';

/**
 * Issue 16 item 3: the response counts kept at write time (private.response_home_counts, response_key_counts,
 * response_home_spread, response_mask_counts;
 * migration 20250601001600), which private.disclosed_units reads instead of the responses. After every write of a
 * random sequence — new responses with need answers and offers, need answers added, changed and removed, offers
 * changed, campaign moves, street re-assignments, points moved, responses deleted, street and area outlines edited,
 * a street deleted, a truncate — the four tables must equal the counts recomputed from public.survey_responses, and
 * private.disclosed_units must answer as the previous one, which grouped the responses themselves (migration
 * 20250601001400's text, created here as reference.disclosed_units), for needs, severities, k and offers (one request
 * per step, in turn; all of them on the seed). The
 * sequences are random but seeded (the seed is in the test's name), so a failure can be replayed.
 */

const ORG = 'mops-debowo';
const W1 = 'campaign-2025-w1';
const W2 = 'campaign-2026-w2';
const NEEDS = ['unemployment', 'material_hardship', 'housing', 'addiction', 'domestic_violence', 'loneliness_seniors',
  'disability', 'children_youth_leisure', 'health', 'safety', 'neglected_public_space', 'civic_participation'];
const OFFERS = ['volunteering_time', 'repairs', 'childcare', 'senior_care', 'cooking', 'tutoring', 'it_skills', 'arts_crafts',
  'sports', 'transport', 'organising_events', 'garden_greenery'];

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  // The previous disclosed_units (grouping the responses on every call), as the reference.
  await createReferenceDisclosure(db);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const REQUESTS: DisclosureRequest[] = [
  [W1, '{housing}', 1, 5, null], [W2, null, 2, 5, null], [W1, '{health,loneliness_seniors,unemployment}', 3, 3, null],
  [W2, '{housing}', 1, 10, null], [W1, null, 1, 5, '{volunteering_time,repairs}'],
];

/** Units of the request's disclosure that differ from the reference's (each function called once; a call on the demo
 * town takes 0.1–1 s, so a step checks one request, in turn). The request is read as a partner's link reads it
 * (private.disclosed_units_cached): it computes the pattern over the campaign's stored structure of units and atoms
 * (migration 20250601001900) when the writes since left it current, else builds and stores it. */
async function disclosureDifferences(requests: typeof REQUESTS = REQUESTS): Promise<string[]> {
  const out: string[] = [];
  for (const request of requests) out.push(...(await cachedDisclosureDifferences(db, ORG, request)));
  return out;
}
const sharedHomes = async () => (await db.query<{ n: number }>('select count(*)::int as n from private.response_home_spread where combinations > 1'))[0]!.n;

/** All four tables' rows, in order: to see whether a write changed them. */
async function snapshot(): Promise<string> {
  const rows: unknown[] = [];
  for (const [, , stored] of TABLES) rows.push(await db.query(`select x::text from (${stored}) as x order by 1`));
  return JSON.stringify(rows);
}

const sizes = async () => (await db.query<{ homes: number; masks: number; keys: number; spread: number; responses: number }>(
  `select (select count(*)::int from private.response_home_counts) as homes, (select count(*)::int from private.response_mask_counts) as masks,
          (select count(*)::int from private.response_key_counts) as keys, (select count(*)::int from private.response_home_spread) as spread,
          (select count(*)::int from public.survey_responses) as responses`))[0]!;

type Write = (random: () => number, step: number) => string;
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const some = (random: () => number, share: number) => `abs(hashtext(id || '${Math.floor(random() * 1e9)}')) % 1000 < ${Math.round(share * 1000)}`;

/** Kinds of write, each a function of the generator giving SQL statements (run as one exec, statement by statement). */
const WRITES: Record<string, Write> = {
  insert: (random, step) => `
    insert into public.survey_responses (organisation_id, id, campaign_id, address_id, street_id, location, date, household_size, offers)
    select organisation_id, id || '-n${step}', case when ${random() < 0.5} then '${W1}' else '${W2}' end, address_id, street_id,
           case when address_id is null then location end, date, household_size,
           case when ${random() < 0.5} then array['${pick(random, OFFERS)}']::public.offer[] else offers end
    from public.survey_responses where organisation_id = '${ORG}' and ${some(random, 0.1)};
    insert into public.survey_response_needs (organisation_id, response_id, category, severity)
    select organisation_id, id, '${pick(random, NEEDS)}', ${1 + Math.floor(random() * 3)} from public.survey_responses
    where organisation_id = '${ORG}' and id like '%-n${step}' and ${some(random, 0.6)}`,
  addNeeds: (random) => `
    insert into public.survey_response_needs (organisation_id, response_id, category, severity)
    select organisation_id, id, '${pick(random, NEEDS)}', ${1 + Math.floor(random() * 3)} from public.survey_responses
    where organisation_id = '${ORG}' and ${some(random, 0.15)} on conflict do nothing`,
  changeSeverity: (random) => `
    update public.survey_response_needs set severity = 1 + (severity % 3) where organisation_id = '${ORG}' and ${some(random, 0.2).replace('id ||', 'response_id ||')}`,
  removeNeeds: (random) => `
    delete from public.survey_response_needs where organisation_id = '${ORG}' and category = '${pick(random, NEEDS)}' and ${some(random, 0.5).replace('id ||', 'response_id ||')}`,
  offers: (random) => `
    update public.survey_responses set offers = case when ${random() < 0.3} then '{}' else array['${pick(random, OFFERS.slice(3))}', '${pick(random, OFFERS.slice(0, 3))}']::public.offer[] end
    where organisation_id = '${ORG}' and ${some(random, 0.1)}`,
  moveCampaign: (random) => `
    update public.survey_responses set campaign_id = case when campaign_id = '${W1}' then '${W2}' else '${W1}' end
    where organisation_id = '${ORG}' and ${some(random, 0.1)}`,
  reassignStreet: (random) => `
    update public.survey_responses set address_id = null, location = null,
      street_id = (select s.id from public.streets s where s.organisation_id = '${ORG}' order by md5(s.id || '${random()}') limit 1)
    where organisation_id = '${ORG}' and ${some(random, 0.05)}`,
  movePoint: (random) => `
    update public.survey_responses set address_id = null,
      location = (select a.location from public.addresses a where a.organisation_id = '${ORG}' order by md5(a.id || '${random()}') limit 1)
    where organisation_id = '${ORG}' and ${some(random, 0.05)}`,
  delete: (random) => `delete from public.survey_responses where organisation_id = '${ORG}' and ${some(random, 0.05)}`,
  editStreet: (random) => `
    update public.streets set geometry = extensions.st_translate(geometry, ${(random() - 0.5) * 0.002}, ${(random() - 0.5) * 0.002})
    where organisation_id = '${ORG}' and id = (select s.id from public.streets s where s.organisation_id = '${ORG}' order by md5(s.id || '${random()}') limit 1)`,
  editArea: (random) => `
    update public.areas set geometry = extensions.st_translate(geometry, ${(random() - 0.5) * 0.004}, ${(random() - 0.5) * 0.004})
    where organisation_id = '${ORG}' and id = (select a.id from public.areas a where a.organisation_id = '${ORG}' order by md5(a.id || '${random()}') limit 1)`,
  deleteStreet: (random) => `
    delete from public.streets s where s.organisation_id = '${ORG}' and s.id = (select t.id from public.streets t where t.organisation_id = '${ORG}'
      and not exists (select 1 from public.survey_responses r where r.organisation_id = t.organisation_id and r.street_id = t.id)
      and not exists (select 1 from public.addresses a where a.organisation_id = t.organisation_id and a.street_id = t.id)
      and exists (select 1 from public.survey_responses r where r.organisation_id = t.organisation_id and r.assigned_street_id = t.id)
      order by md5(t.id || '${random()}') limit 1)`,
};

let sharedSteps = 0;
let plainSteps = 0;
let structureKept = 0;
let structureRebuilt = 0;
const storedStructure = async (campaign: string) =>
  (await db.query<{ s: string }>('select s::text as s from private.disclosure_structures s where organisation_id = $1 and campaign_id = $2', [ORG, campaign]))[0]?.s ?? null;
const structureCurrent = async (campaign: string) =>
  (await db.query<{ ok: boolean }>('select private.current_disclosure_structure($1, $2) is not null as ok', [ORG, campaign]))[0]!.ok;

describe('response counts kept at write time', () => {
  it('are backfilled by the migration and equal the seed\'s responses', async () => {
    expect(await countMismatches(db)).toEqual([]);
    expect(await disclosureDifferences()).toEqual([]);
    const { homes, masks, responses } = await sizes();
    expect(responses).toBeGreaterThan(300);
    expect(homes).toBeGreaterThan(100);
    expect(masks).toBeGreaterThan(100);
  });

  for (const seed of [1, 2, 3]) {
    it(`equal the counts recomputed from the responses after each write of a random sequence (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      // Every kind of write once, in a random order, then four more at random.
      const kinds = Object.keys(WRITES).map((kind) => ({ kind, order: random() })).sort((a, b) => a.order - b.order).map((k) => k.kind);
      const sequence = [...kinds, ...kinds.map(() => pick(random, kinds)).slice(0, 4)];
      let changed = 0;
      let shared = 0;
      for (const [step, kind] of sequence.entries()) {
        const before = await snapshot();
        const campaign = REQUESTS[step % REQUESTS.length]![0];
        const structure = await storedStructure(campaign);
        await db.exec(WRITES[kind]!(random, seed * 100 + step));
        if ((await snapshot()) !== before) changed++;
        // A campaign's stored structure of units and atoms is kept current by the write (its trigger rebuilds it when
        // the combinations of units changed), so that the read below uses it.
        if (structure !== null) {
          expect({ seed, step, kind, current: await structureCurrent(campaign) }).toEqual({ seed, step, kind, current: true });
          if ((await storedStructure(campaign)) === structure) structureKept++;
          else structureRebuilt++;
        }
        expect({ seed, step, kind, mismatches: await countMismatches(db) }).toEqual({ seed, step, kind, mismatches: [] });
        expect({ seed, step, kind, disclosure: await disclosureDifferences([REQUESTS[step % REQUESTS.length]!]) }).toEqual({ seed, step, kind, disclosure: [] });
        if ((await sharedHomes()) > 0) shared++;
      }
      // The writes did change the counts (a sequence of no-ops would prove nothing).
      expect(changed).toBeGreaterThan(5);
      sharedSteps += shared;
      plainSteps += sequence.length - shared;
    }, 120_000);
  }

  it('compared both ways of reading them (combinations as stored, and per home when a home lies in two)', () => {
    expect(sharedSteps).toBeGreaterThan(0);
    expect(plainSteps).toBeGreaterThan(0);
  });

  it('kept the stored structure through writes that left the combinations of units as they were, and rebuilt it on those that changed them', () => {
    expect(structureKept).toBeGreaterThan(0);
    expect(structureRebuilt).toBeGreaterThan(0);
  });

  it('never read over a stored structure that is not the data\'s (another campaign\'s, a unit\'s old id): the read builds its own', async () => {
    const [request] = REQUESTS;
    expect(await disclosureDifferences([request!])).toEqual([]);
    const columns = 'combinations, kinds, ids, unit_nos, pair_combination, pair_unit, unit_start, unit_atoms, atom_units, atom_len';
    await db.exec(`delete from private.disclosure_cache;
      update private.disclosure_structures s set (${columns}) = (select ${columns} from private.disclosure_structure('${ORG}', '${W2}'))
      where s.organisation_id = '${ORG}' and s.campaign_id = '${W1}'`);
    expect(await structureCurrent(W1)).toBe(false);
    expect(await disclosureDifferences([request!])).toEqual([]);
    expect(await structureCurrent(W1)).toBe(true);
    // The same combinations, a street's id not the one stored (as after a street's id is changed).
    await db.exec(`delete from private.disclosure_cache;
      update private.disclosure_structures s set ids[array_position(s.kinds, 'street')] = 'renamed'
      where s.organisation_id = '${ORG}' and s.campaign_id = '${W1}'`);
    expect(await structureCurrent(W1)).toBe(false);
    expect(await disclosureDifferences([request!])).toEqual([]);
  });

  it('follow a rolled-back write (nothing kept) and a truncate (emptied), and count responses written after it', async () => {
    await db.query('begin');
    await db.query(`delete from public.survey_responses where organisation_id = $1 and campaign_id = $2`, [ORG, W1]);
    await db.query('rollback');
    expect(await countMismatches(db)).toEqual([]);
    await db.query(`create temporary table kept as select * from public.survey_responses where organisation_id = $1 and ${'abs(hashtext(id)) % 4 = 0'}`, [ORG]);
    await db.query('truncate public.survey_responses cascade');
    expect(await sizes()).toEqual({ homes: 0, masks: 0, keys: 0, spread: 0, responses: 0 });
    await db.query(`insert into public.survey_responses (organisation_id, id, campaign_id, address_id, street_id, location, date, household_size, offers)
      select organisation_id, id, campaign_id, address_id, street_id, location, date, household_size, offers from kept`);
    expect(await countMismatches(db)).toEqual([]);
    expect((await sizes()).homes).toBeGreaterThan(10);
  });
});
