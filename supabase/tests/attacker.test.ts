import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { hexCellOf } from '../../src/analysis/hexGrid';
import { openMigratedDatabase, type Database } from './support/database';
import { SEED_PATH } from './support/parityDemo';
import { isPrime, PRIMES, spanOracle } from './support/recoverability';
import { asCaller, attempt, type Caller } from './support/request';

/**
 * Issue 11's automated attacker, on the demo town (seed.sql: 243 streets, 27 overlapping areas, ~2,900 responses a
 * wave). For each restricted role (partner, surveyor, anonymous share-link holder) it
 *   1. sweeps hexagon sizes and origins (the slicing attack of finding 1, the 25 m cells of finding 2) — every call
 *      must be refused, or (share views) answered on the centre's fixed grid, identical whatever was asked;
 *   2. collects every published cell it can get: streets, all areas (estates, districts, care regions: they overlap),
 *      the fixed grid, for several need selections, k = 5 and a k = 8 link, views limited to some estates;
 *   3. does the differencing a determined attacker would: with ground truth read as the database owner, it builds the
 *      atoms (responses that share every unit) and asks, by exact linear algebra (support/recoverability.ts), whether
 *      any suppressed cell, any atom with fewer than 5 homes (so any single address, and whether it answered), or any
 *      protected need count is a linear combination of published cells — street-vs-estate, estate-vs-district,
 *      hexagon-vs-street, any mix. None may be.
 * The same detector, pointed at what a naive per-unit k = 5 publication would show, finds leaks: the test can fail.
 */

const ORG = 'mops-debowo';
const CAMPAIGN = 'campaign-2025-w1';
const K = 5;
const USERS = { planner: '00000000-0000-4000-8000-0000000000e0', partner: '00000000-0000-4000-8000-0000000000e1', surveyor: '00000000-0000-4000-8000-0000000000e2' } as const;
const partner: Caller = { role: 'authenticated', userId: USERS.partner };
const surveyor: Caller = { role: 'authenticated', userId: USERS.surveyor };
const planner: Caller = { role: 'authenticated', userId: USERS.planner };
const anon: Caller = { role: 'anon' };

/** Need selections the attacker tries: any need, the sensitive ones, one at severity ≥ 2. */
const SELECTIONS: { needs: string[] | null; minSeverity: number }[] = [
  { needs: null, minSeverity: 1 },
  { needs: ['addiction'], minSeverity: 1 },
  { needs: ['housing'], minSeverity: 2 },
];
const UNITS = ['street', 'area', 'hex'] as const;

type Row = { unit_id: string; responses: number | null; need_count: number | null; need_rate?: number | null; need_count_low: number | null; need_count_high: number | null; suppressed: boolean };
interface Truth { id: string; home: string; street: string | null; areas: string[]; hex: string | null; needs: { category: string; severity: number }[]; offers: string[] }

let db: Database;
let truth: Truth[];
const tally = { calls: 0, refused: 0, cells: 0 };

beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  await db.query('insert into auth.users (id) select unnest($1::uuid[])', [Object.values(USERS)]);
  for (const role of ['planner', 'partner', 'surveyor'] as const) {
    await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [USERS[role], ORG, role]);
  }
  // Ground truth, as the owner. Hexagons from src/analysis/hexGrid.ts on the stored grid (independent of the SQL);
  // areas from private.response_areas (point, else the street's majority area; parity.test.ts holds it to the engine).
  const [grid] = await db.query<{ size_meters: number; origin_lng: number; origin_lat: number }>('select size_meters, origin_lng, origin_lat from public.hex_grids where organisation_id = $1', [ORG]);
  const projection = createLocalProjection(grid!.origin_lng, grid!.origin_lat);
  const rows = await db.query<{ id: string; home: string; street: string | null; lng: number | null; lat: number | null; areas: string[]; needs: { category: string; severity: number }[]; offers: string[] }>(`
    with ra as materialized (select * from private.response_areas($1, $2))
    select r.id, coalesce('a:' || r.address_id, 'p:' || extensions.st_astext(r.located_at), 's:' || r.assigned_street_id, 'r:' || r.id) as home,
           r.assigned_street_id as street, extensions.st_x(r.located_at) as lng, extensions.st_y(r.located_at) as lat,
           array(select ra.area_id from ra where ra.response_id = r.id order by 1) as areas,
           coalesce((select jsonb_agg(jsonb_build_object('category', n.category, 'severity', n.severity)) from public.survey_response_needs n
                     where n.organisation_id = r.organisation_id and n.response_id = r.id), '[]'::jsonb) as needs,
           array_to_json(r.offers) as offers
    from public.survey_responses r where r.organisation_id = $1 and r.campaign_id = $2 order by r.id`, [ORG, CAMPAIGN]);
  truth = rows.map((r) => ({
    id: r.id, home: r.home, street: r.street, areas: r.areas, needs: r.needs, offers: r.offers,
    hex: r.lng === null || r.lat === null ? null : hexCellOf(...projection.forward(r.lng, r.lat), grid!.size_meters).join(','),
  }));
}, 240_000);
afterAll(async () => {
  console.log(`attacker: ${tally.calls} calls (${tally.refused} refused), ${tally.cells} published cells read`);
  await db?.close();
});

const unitKeys = (t: Truth): string[] => [
  ...(t.street ? [`street:${t.street}`] : []), ...t.areas.map((a) => `area:${a}`), ...(t.hex ? [`hex:${t.hex}`] : []),
];
/** A text[] literal: PGlite does not serialise JavaScript arrays as PostgreSQL arrays, pg does; a literal works on both. */
const arrayLiteral = (values: readonly string[] | null) => (values === null ? null : `{${values.join(',')}}`);
const hasNeed = (t: Truth, s: (typeof SELECTIONS)[number]) => t.needs.some((n) => (s.needs === null || s.needs.includes(n.category)) && n.severity >= s.minSeverity);

async function call(caller: Caller, sql: string, params: unknown[]): Promise<{ ok: true; rows: Row[] } | { ok: false; code: string; message: string }> {
  tally.calls += 1;
  const result = await asCaller(db, caller, (tx) => attempt<Row>(tx, sql, params), 'commit');
  if (!result.ok) {
    tally.refused += 1;
    return { ok: false, code: result.error.code ?? '', message: result.error.message };
  }
  tally.cells += result.rows.length;
  return { ok: true, rows: result.rows };
}

/** Everything one reader got for one selection: unit key → row. */
type Harvest = Map<string, Row>;

async function harvestMember(caller: Caller, s: (typeof SELECTIONS)[number], k = K): Promise<Harvest> {
  const out: Harvest = new Map();
  for (const unit of UNITS) {
    const result = await call(caller, `select * from public.campaign_aggregates_by_${unit}($1, $2, $3::public.need_category[], $4, $5)`, [ORG, CAMPAIGN, arrayLiteral(s.needs), s.minSeverity, k]);
    if (!result.ok) throw new Error(`${unit}: ${result.message}`);
    for (const row of result.rows) out.set(`${unit}:${row.unit_id}`, row);
  }
  return out;
}

async function createLink(view: object, k = K): Promise<string> {
  const [link] = await asCaller(db, planner, (tx) => tx.query<{ token: string }>(`select * from public.create_share_link($1, $2, $3, now() + interval '1 day', $4)`, [ORG, CAMPAIGN, JSON.stringify(view), k]), 'commit');
  return link!.token;
}

async function harvestAnon(s: (typeof SELECTIONS)[number], k = K, extra: object = {}): Promise<Harvest> {
  const out: Harvest = new Map();
  for (const unit of UNITS) {
    const token = await createLink({ v: 1, unit, needs: s.needs, minSeverity: s.minSeverity, ...extra }, k);
    const result = await call(anon, 'select * from public.shared_aggregates($1)', [token]);
    if (!result.ok) throw new Error(`${unit}: ${result.message}`);
    for (const row of result.rows) out.set(`${unit}:${row.unit_id}`, row);
  }
  return out;
}

interface Leaks { checkedCells: number; atoms: number; rank: number; violations: string[] }

/**
 * Everything an attacker can derive from the published cells of one selection, checked against the ground truth.
 * Violations: a published cell breaking a primary rule, a figure that differs from the truth, or a derivable
 * protected quantity (suppressed cell, atom with < K homes, protected need count).
 */
function analyse(published: Harvest, s: (typeof SELECTIONS)[number], k = K): Leaks {
  return analyseCounts(published, (t) => hasNeed(t, s), k);
}

/**
 * The same, for any household attribute a view counts (`has`: a need selection, or offering any of a link's offers);
 * `value`, when given, is the truth of each published exact figure (need_rate) to check it against.
 */
function analyseCounts(published: Harvest, has: (t: Truth) => boolean, k = K, value?: (members: Truth[]) => number): Leaks {
  const units = new Map<string, Truth[]>();
  for (const t of truth) for (const key of unitKeys(t)) units.set(key, [...(units.get(key) ?? []), t]);
  const atomOf = new Map<string, number>();
  const atomMembers: Truth[][] = [];
  for (const t of truth) {
    const signature = unitKeys(t).join('|');
    if (!atomOf.has(signature)) { atomOf.set(signature, atomMembers.length); atomMembers.push([]); }
    atomMembers[atomOf.get(signature)!]!.push(t);
  }
  const atomsOfUnit = (key: string) => [...new Set((units.get(key) ?? []).map((t) => atomOf.get(unitKeys(t).join('|'))!))];
  const violations: string[] = [];
  for (const [key, row] of published) {
    const members = units.get(key) ?? [];
    const homes = new Map<string, number>();
    for (const t of members) homes.set(t.home, (homes.get(t.home) ?? 0) + 1);
    const need = members.filter(has).length;
    if (row.suppressed) violations.push(`${key}: a suppressed cell is listed`);
    if (row.responses !== members.length) violations.push(`${key}: responses ${row.responses}, truth ${members.length}`);
    if (members.length < k) violations.push(`${key}: ${members.length} responses < ${k}`);
    if (homes.size < k) violations.push(`${key}: ${homes.size} homes < ${k}`);
    if (Math.max(...homes.values()) * 4 > members.length * 3) violations.push(`${key}: one home holds ${Math.max(...homes.values())} of ${members.length}`);
    if (row.need_count !== null && (row.need_count !== need || need < k || members.length - need < k)) violations.push(`${key}: exact need count ${row.need_count} (truth ${need}) of ${members.length}`);
    if (row.need_count === null && !(row.need_count_low! <= need && need <= row.need_count_high!)) violations.push(`${key}: band ${row.need_count_low}–${row.need_count_high} misses ${need}`);
    if (row.need_count === null && row.need_rate != null) violations.push(`${key}: a banded count with a value ${row.need_rate}`);
    if (value && row.need_count !== null && !(Math.abs(Number(row.need_rate) - value(members)) <= 1e-9)) violations.push(`${key}: value ${row.need_rate}, truth ${value(members)}`);
  }
  const responsesOracle = spanOracle(atomMembers.length, [...published.keys()].map(atomsOfUnit));
  const needOracle = spanOracle(atomMembers.length, [...published].filter(([, r]) => r.need_count !== null).map(([key]) => atomsOfUnit(key)));
  let checkedCells = 0;
  for (const key of units.keys()) {
    checkedCells += 1;
    const atoms = atomsOfUnit(key);
    if (!published.has(key) && responsesOracle.derivable(atoms)) violations.push(`${key}: suppressed, but its responses are derivable`);
    if (published.get(key)?.need_count === null && needOracle.derivable(atoms)) violations.push(`${key}: need count banded, but derivable`);
    if (!published.has(key) && needOracle.derivable(atoms)) violations.push(`${key}: suppressed, but its need count is derivable`);
  }
  atomMembers.forEach((members, a) => {
    const homes = new Set(members.map((t) => t.home)).size;
    if (homes < k && responsesOracle.derivable([a])) violations.push(`atom ${unitKeys(members[0]!).join('|')}: ${homes} home(s), responses derivable`);
    if (homes < k && needOracle.derivable([a])) violations.push(`atom ${unitKeys(members[0]!).join('|')}: ${homes} home(s), need count derivable`);
  });
  return { checkedCells, atoms: atomMembers.length, rank: responsesOracle.rank, violations };
}

describe('the attacker of issue 11, on the demo town', () => {
  it('uses exact arithmetic (both moduli are prime)', () => {
    expect(PRIMES.every(isPrime)).toBe(true);
  });

  it('cannot choose hexagons: every size and origin of the sweep is refused to partners and surveyors', async () => {
    const sizes = [25, 100, 249, 1000, 10_000];
    const lngs = Array.from({ length: 12 }, (_, i) => 19.28 + i * 0.005);
    const failures: string[] = [];
    for (const caller of [partner, surveyor]) {
      for (const size of sizes) {
        for (const lng of lngs) {
          const result = await call(caller, `select * from public.campaign_aggregates_by_hex($1, $2, '{addiction}', 1, 5, $3, $4, 50.16)`, [ORG, CAMPAIGN, size, lng]);
          if (result.ok || result.code !== '42501') failures.push(`${size} m at ${lng}: ${result.ok ? `${result.rows.length} rows` : result.message}`);
        }
        const sizeOnly = await call(caller, `select * from public.campaign_aggregates_by_hex($1, $2, '{addiction}', 1, 1, $3)`, [ORG, CAMPAIGN, size]);
        if (sizeOnly.ok || sizeOnly.code !== '42501') failures.push(`${size} m without origin: not refused`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('gets the fixed grid through a share view whatever hexagon size the view names', async () => {
    const cells = new Set<string>();
    for (const hexSizeMeters of [25, 250, 10_000]) {
      const token = await createLink({ v: 1, unit: 'hex', needs: ['addiction'], hexSizeMeters });
      const result = await call(anon, 'select * from public.shared_aggregates($1)', [token]);
      if (!result.ok) throw new Error(result.message);
      cells.add(JSON.stringify(result.rows));
    }
    expect(cells.size).toBe(1);
  }, 120_000);

  it('derives no household-level fact from everything a partner, a surveyor or a share link shows', async () => {
    const report: string[] = [];
    const publishedSets = new Set<string>();
    for (const s of SELECTIONS) {
      const partnerCells = await harvestMember(partner, s);
      const surveyorCells = await harvestMember(surveyor, s);
      const anonCells = await harvestAnon(s);
      expect(JSON.stringify([...surveyorCells])).toBe(JSON.stringify([...partnerCells]));
      expect(JSON.stringify([...anonCells])).toBe(JSON.stringify([...partnerCells]));
      publishedSets.add([...partnerCells.keys()].sort().join(','));
      const leaks = analyse(partnerCells, s);
      report.push(`${s.needs?.join('+') ?? 'any need'} ≥${s.minSeverity}: ${partnerCells.size} published of ${leaks.checkedCells} cells, ${leaks.atoms} atoms, rank ${leaks.rank}, ${leaks.violations.length} violations`);
      expect(leaks.violations.slice(0, 20)).toEqual([]);
    }
    // Which cells are published never depends on the need asked for, so selections cannot be played off each other.
    expect(publishedSets.size).toBe(1);
    console.log(`attacker, per selection:\n  ${report.join('\n  ')}`);
  }, 600_000);

  it('gains nothing from a stricter link (k = 8) or views limited to some estates, combined with k = 5', async () => {
    const s = SELECTIONS[1]!;
    const base = await harvestMember(partner, s);
    const strict = await harvestAnon(s, 8);
    for (const key of strict.keys()) expect(base.has(key), key).toBe(true);
    const limited = await harvestAnon(s, K, { areaIds: ['estate-gornicze', 'estate-hutnik'] });
    for (const [key, row] of limited) expect(base.get(key), key).toEqual(row);
    expect(limited.size).toBeLessThan(base.size);
    const union: Harvest = new Map([...base, ...strict]);
    expect(analyse(union, s).violations).toEqual([]);
  }, 600_000);

  it('derives no household\'s offers from residents\' resources links (one offer, the potential index), k = 5 and 8, however many calls', async () => {
    // Issue 14: a partner holding resources links for every unit kind, calling as often as they like. Each link is
    // harvested twice through two links (the second answer equals the first: nothing to average away).
    const OFFER_VIEWS = [
      { offers: { kind: 'offer', offerId: 'senior_care' }, set: ['senior_care'] },
      { offers: { kind: 'offer', offerId: 'it_skills' }, set: ['it_skills'] },
      { offers: { kind: 'offerIndex', weights: { tutoring: 2, sports: 2, childcare: 2 } }, set: ['tutoring', 'sports', 'childcare'] },
      { offers: { kind: 'offerIndex', weights: { volunteering_time: 1, repairs: 1, childcare: 1, senior_care: 1, cooking: 1, tutoring: 1, it_skills: 1, arts_crafts: 1, sports: 1, transport: 1, organising_events: 1, garden_greenery: 1 } },
        set: ['volunteering_time', 'repairs', 'childcare', 'senior_care', 'cooking', 'tutoring', 'it_skills', 'arts_crafts', 'sports', 'transport', 'organising_events', 'garden_greenery'] },
    ] as const;
    const report: string[] = [];
    const publishedSets = new Set<string>();
    const needCells = await harvestMember(partner, SELECTIONS[0]!);
    publishedSets.add([...needCells.keys()].sort().join(','));
    for (const view of OFFER_VIEWS) {
      const has = (t: Truth) => t.offers.some((o) => (view.set as readonly string[]).includes(o));
      // The index: the mean share of the chosen offers (equal weights), i.e. Σ offers held / (responses × offers).
      const value = (members: Truth[]) => view.offers.kind === 'offer'
        ? members.filter(has).length / members.length
        : members.reduce((sum, t) => sum + t.offers.filter((o) => (view.set as readonly string[]).includes(o)).length, 0) / (members.length * view.set.length);
      for (const k of [K, 8]) {
        const first = await harvestAnon({ needs: null, minSeverity: 1 }, k, { needs: undefined, offers: view.offers });
        const again = await harvestAnon({ needs: null, minSeverity: 1 }, k, { needs: undefined, offers: view.offers });
        expect(JSON.stringify([...again])).toBe(JSON.stringify([...first]));
        if (k === K) publishedSets.add([...first.keys()].sort().join(','));
        const leaks = analyseCounts(first, has, k, value);
        const exact = [...first.values()].filter((r) => r.need_count !== null).length;
        report.push(`${view.offers.kind === 'offer' ? view.offers.offerId : `index of ${view.set.length}`} k=${k}: ${first.size} published, ${exact} exact, rank ${leaks.rank}, ${leaks.violations.length} violations`);
        expect(leaks.violations.slice(0, 20)).toEqual([]);
        expect(exact).toBeGreaterThan(0);
      }
    }
    // The same cells are published whatever a link shows (needs or any offers): views cannot be played off each other.
    expect(publishedSets.size).toBe(1);
    console.log(`attacker, resources links:\n  ${report.join('\n  ')}`);
  }, 600_000);

  it('finds leaks in what a naive per-unit k = 5 publication would show (the detector can fail)', async () => {
    const s = SELECTIONS[1]!;
    const naive: Harvest = new Map();
    for (const unit of UNITS) {
      const [grid] = await db.query<{ size_meters: number; origin_lng: number; origin_lat: number }>('select * from public.hex_grids where organisation_id = $1', [ORG]);
      const result = await call(planner, `select * from public.campaign_aggregates($1, $2, $3, $4::public.need_category[], $5, 5, $6, $7, $8)`,
        [ORG, CAMPAIGN, unit, arrayLiteral(s.needs), s.minSeverity, grid!.size_meters, unit === 'hex' ? grid!.origin_lng : null, unit === 'hex' ? grid!.origin_lat : null]);
      if (!result.ok) throw new Error(result.message);
      for (const row of result.rows) if (!row.suppressed) naive.set(`${unit}:${row.unit_id}`, row);
    }
    const leaks = analyse(naive, s);
    const derivable = leaks.violations.filter((v) => v.includes('derivable'));
    console.log(`attacker vs naive k = 5: ${naive.size} cells, ${derivable.length} derivable protected quantities, e.g. ${derivable.slice(0, 3).join('; ')}`);
    expect(derivable.length).toBeGreaterThan(0);
  }, 600_000);
});
