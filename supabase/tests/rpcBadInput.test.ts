import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, TOWN_A, USERS, loadFixture } from './support/fixture';
import { asCaller, attempt, type Caller } from './support/request';

/**
 * Bad input to every RPC (issue 4, "Done when"): wrong JSON and SQL types, missing and extra keys, huge payloads,
 * invalid geometry, SQL metacharacters, wrong enum values, k ≤ 0, expiry in the past. Each case is called as
 * PostgREST calls it (transaction, SET LOCAL ROLE, request.jwt.claims; named arguments) by a role that may call
 * the RPC, is COMMITTED, and must
 *   - get a clear error: a returned error value ({ok: false, issues} / {inserted: 0, errors}) whose field and
 *     message are asserted, or a raised exception whose SQLSTATE and message are asserted; share-token RPCs
 *     answer nothing instead (issue 4: malformed or guessed tokens return nothing, indistinguishable from expired);
 *   - change nothing: every public table's row count and checksum are equal before and after.
 * The RPC list is read from pg_proc, so a new public function without a case here fails the coverage test.
 * Fixes found by this file are folded into the baselines (check_record_id, lnglat_problem, check_hex_origin, …).
 */

let db: Database;
let tables: string[];
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
  tables = (await db.query<{ name: string }>(`select c.relname as name from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by 1`)).map((t) => t.name);
});
afterAll(async () => {
  await db?.close();
});

const planner: Caller = { role: 'authenticated', userId: USERS.plannerA };
const anon: Caller = { role: 'anon' };

/** Row count and an md5 of every row's text, per public table, read as the owner (no RLS). */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number; h: string }>(
      `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from public.${table} t`);
    out[table] = `${row!.n} ${row!.h}`;
  }
  return out;
}

type Expected =
  | { raises: string; message: RegExp } // SQLSTATE and message of the exception
  | { issue: string; message: RegExp } // field and message of a returned error value
  | { nothing: true }; // no rows, or null (share tokens)

interface Case {
  rpc: string;
  what: string;
  caller: Caller;
  sql: string;
  params: unknown[];
  expected: Expected;
}

// --- payload builders ---------------------------------------------------------------------------
const json = (value: unknown) => JSON.stringify(value);
const FIVE_MB = 'x'.repeat(5 * 1024 * 1024);
/** [[[[ … "deep" … ]]]]: 1,000 levels (PostgreSQL parses it; the RPCs must still refuse it where it does not belong). */
const DEEP = JSON.parse(`${'['.repeat(1000)}"deep"${']'.repeat(1000)}`) as unknown;
const DROP = "'; drop table public.streets; --";
const METACHARACTER_IDS = [DROP, '$$; select 1; $$', 'a\\b', '\\x00', "o'brien", 'a b', '', 'x'.repeat(65)];

const line = { type: 'MultiLineString', coordinates: [[[19.301, 50.101], [19.309, 50.101]]] };
const street = (changes: Record<string, unknown> = {}) => ({ id: 's-new', prefix: 'ul.', name: 'Nowa', geometry: line, ...changes });
const area = (geometry: unknown) => ({ id: 'area-new', name: 'Nowe', kind: 'estate', geometry });
const resource = (location: unknown) => ({ id: 'res-new', name: 'Biblioteka', kind: 'library', location, serves: [], coalitions: [] });
const response = (changes: Record<string, unknown> = {}) => ({ ...(TOWN_A.responses![0] as object), id: 'r-new', ...changes });
const ring = (coords: unknown[]) => ({ type: 'Polygon', coordinates: [coords] });

/** Invalid geometries for an area (Polygon) with the reason the RPC must give. */
const BAD_POLYGONS: [string, unknown, RegExp][] = [
  ['unclosed ring', ring([[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.11]]), /geometry has a polygon ring that is not closed/],
  ['self-intersecting (bow tie)', ring([[19.3, 50.1], [19.31, 50.11], [19.31, 50.1], [19.3, 50.11], [19.3, 50.1]]), /geometry is not a valid geometry.*Self-intersection/],
  ['"NaN" as text', ring([['NaN', 50.1], [19.31, 50.1], [19.31, 50.11], ['NaN', 50.1]]), /geometry coordinates must be numbers/],
  ['"Infinity" as text', ring([['Infinity', 50.1], [19.31, 50.1], [19.31, 50.11], ['Infinity', 50.1]]), /geometry coordinates must be numbers/],
  ['numbers as text', ring([['19.3', '50.1'], ['19.31', '50.1'], ['19.31', '50.11'], ['19.3', '50.1']]), /geometry coordinates must be numbers/],
  ['longitude 190', ring([[190, 50.1], [191, 50.1], [191, 50.11], [190, 50.1]]), /longitude must be between -180 and 180/],
  ['latitude 95', ring([[19.3, 95], [19.31, 95], [19.31, 96], [19.3, 95]]), /latitude must be between -90 and 90/],
  ['ring of 3 positions', ring([[19.3, 50.1], [19.31, 50.1], [19.3, 50.1]]), /geometry has a polygon ring with fewer than 4 positions/],
  ['empty', { type: 'Polygon', coordinates: [] }, /geometry is not a valid geometry.*empty/],
  ['a point, not a polygon', { type: 'Point', coordinates: [19.3, 50.1] }, /geometry must be a GeoJSON Polygon or MultiPolygon/],
  ['no coordinates', { type: 'Polygon' }, /geometry is not valid GeoJSON: .*coordinates/],
  ['extra key', { ...ring([[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.1]]), crs: 'EPSG:2180' }, /Unrecognized key in geometry/],
  ['deeply nested', { type: 'Polygon', coordinates: DEEP }, /geometry coordinates must be numbers/],
];
const BAD_POINTS: [string, unknown, RegExp][] = [
  ['empty point', { type: 'Point', coordinates: [] }, /location is not a valid geometry.*empty/],
  ['"NaN" as text', { type: 'Point', coordinates: ['NaN', 50] }, /location coordinates must be numbers/],
  ['latitude -91', { type: 'Point', coordinates: [19.3, -91] }, /latitude must be between -90 and 90/],
  ['five numbers', { type: 'Point', coordinates: [19.3, 50.1, 1, 2, 3] }, /more than 3 numbers/],
  ['null coordinate', { type: 'Point', coordinates: [null, 50.1] }, /location coordinates must be numbers/],
];

// --- the cases, RPC by RPC -------------------------------------------------------------------------
const save = (what: string, collection: string, record: unknown, issue: string, message: RegExp, org: string = ORG_A): Case => ({
  rpc: 'save_record', what, caller: planner,
  sql: 'select public.save_record(p_organisation_id := $1, p_collection := $2, p_record := $3::jsonb) as r',
  params: [org, collection, typeof record === 'string' && record.startsWith('raw:') ? record.slice(4) : json(record)],
  expected: { issue, message },
});
const raw = (text: string) => `raw:${text}`;

const saveMany = (what: string, collection: string, records: unknown, issue: string, message: RegExp, org: string = ORG_A): Case => ({
  rpc: 'save_records', what, caller: planner,
  sql: 'select public.save_records(p_organisation_id := $1, p_collection := $2, p_records := $3::jsonb) as r',
  params: [org, collection, json(records)], expected: { issue, message },
});
const applying = (what: string, changes: unknown, issue: string, message: RegExp, org: string = ORG_A): Case => ({
  rpc: 'apply_changes', what, caller: planner,
  sql: 'select public.apply_changes(p_organisation_id := $1, p_changes := $2::jsonb) as r',
  params: [org, json(changes)], expected: { issue, message },
});
const importing = (what: string, responses: unknown, issue: string, message: RegExp, org: string = ORG_A): Case => ({
  rpc: 'import_survey_responses', what, caller: planner,
  sql: 'select public.import_survey_responses(p_organisation_id := $1, p_responses := $2::jsonb) as r',
  params: [org, json(responses)], expected: { issue, message },
});
const deleting = (what: string, collection: unknown, id: unknown, issue: string, message: RegExp, org: string = ORG_A): Case => ({
  rpc: 'delete_record', what, caller: planner,
  sql: 'select public.delete_record(p_organisation_id := $1, p_collection := $2, p_id := $3) as r',
  params: [org, collection, id], expected: { issue, message },
});
const raises = (rpc: string, what: string, caller: Caller, sql: string, params: unknown[], code: string, message: RegExp): Case =>
  ({ rpc, what, caller, sql, params, expected: { raises: code, message } });

/** The arguments each aggregate RPC takes (PostgREST passes only those, by name). */
const AGGREGATE_ARGS: Record<string, string[]> = {
  campaign_aggregates: ['p_unit', 'p_needs', 'p_min_severity', 'p_k', 'p_hex_size_meters', 'p_origin_lng', 'p_origin_lat'],
  campaign_aggregates_by_street: ['p_needs', 'p_min_severity', 'p_k'],
  campaign_aggregates_by_area: ['p_needs', 'p_min_severity', 'p_k'],
  campaign_aggregates_by_hex: ['p_needs', 'p_min_severity', 'p_k', 'p_hex_size_meters', 'p_origin_lng', 'p_origin_lat'],
};
type AggregateArgs = { org?: string; campaign?: string; unit?: string; needs?: string; minSeverity?: unknown; k?: unknown; hexSize?: unknown; lng?: unknown; lat?: unknown };
const aggregate = (rpc: string, what: string, args: AggregateArgs, code: string, message: RegExp): Case => {
  const values: Record<string, unknown> = {
    p_unit: args.unit ?? 'hex', p_needs: args.needs ?? null, p_min_severity: args.minSeverity ?? 1, p_k: args.k ?? 5,
    p_hex_size_meters: args.hexSize ?? 250, p_origin_lng: args.lng ?? null, p_origin_lat: args.lat ?? null,
  };
  const names = AGGREGATE_ARGS[rpc]!;
  const named = names.map((n, i) => `${n} := $${i + 3}${n === 'p_needs' ? '::public.need_category[]' : ''}`);
  const sql = `select * from public.${rpc}(p_organisation_id := $1, p_campaign_id := $2, ${named.join(', ')})`;
  return raises(rpc, what, planner, sql, [args.org ?? ORG_A, args.campaign ?? 'c-1', ...names.map((n) => values[n])], code, message);
};

const CREATE_LINK_SQL = `select * from public.create_share_link(p_organisation_id := $1, p_campaign_id := $2, p_view := $3::jsonb, p_expires_at := $4, p_k := $5)`;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const createLink = (what: string, args: { org?: string; campaign?: string; view?: unknown; viewText?: string; expires?: unknown; k?: unknown }, code: string, message: RegExp): Case =>
  raises('create_share_link', what, planner, CREATE_LINK_SQL, [
    args.org ?? ORG_A, args.campaign ?? 'c-1', args.viewText ?? json(args.view ?? { v: 1, unit: 'street' }), 'expires' in args ? args.expires : inAWeek(), args.k ?? 5,
  ], code, message);

const TOKENS = [null, '', 'abc', DROP, "' or '1'='1", '$$', '\\x00', FIVE_MB, 'f'.repeat(64), `${'0'.repeat(63)}g`];

const CASES: Case[] = [
  // save_record: wrong JSON types, missing and extra keys, enums, geometry, metacharacters, size.
  save('record is an array', 'streets', [], '(record)', /record must be an object/),
  save('record is a string', 'streets', 'street', '(record)', /record must be an object/),
  save('record is JSON null', 'streets', raw('null'), '(record)', /record must be an object/),
  save('name is a number', 'streets', street({ name: 5 }), 'name', /name must be text/),
  save('householdSize is text', 'responses', response({ householdSize: '3' }), 'householdSize', /householdSize must be a whole number/),
  save('householdSize is 2.5', 'responses', response({ householdSize: 2.5 }), 'householdSize', /householdSize must be a whole number/),
  save('needs is an object', 'responses', response({ needs: { housing: 3 } }), 'needs', /needs must be a list/),
  save('missing name', 'streets', { id: 's-new', prefix: 'ul.', geometry: line }, 'name', /name is required/),
  save('extra key', 'streets', street({ owner: 'admin' }), '(record)', /Unrecognized key: "owner"/),
  save('wrong enum: street prefix', 'streets', street({ prefix: 'street' }), 'prefix', /invalid input value for enum.*street_prefix.*"street"/),
  save('wrong enum: need category', 'responses', response({ needs: [{ category: 'boredom', severity: 1 }] }), 'needs.0.category', /invalid input value for enum.*need_category.*"boredom"/),
  save('severity 0', 'responses', response({ needs: [{ category: 'housing', severity: 0 }] }), 'needs.0.severity', /severity must be 1, 2 or 3/),
  save('unknown collection', 'castles', street(), '(collection)', /unknown collection "castles"/),
  save('collection with SQL', 'streets; drop table public.streets', street(), '(collection)', /unknown collection/),
  save('organisation id with SQL', 'streets', street(), 'organisationId', /organisationId must be an id/, DROP),
  ...METACHARACTER_IDS.map((id) => save(`id ${JSON.stringify(id).slice(0, 30)}`, 'streets', street({ id }), 'id', /id may contain only letters, digits and \. _ : -/)),
  save('5 MB name', 'streets', street({ name: FIVE_MB }), '(record)', /record is larger than 1 MB/),
  save('deeply nested name', 'streets', street({ name: DEEP }), 'name', /name must be text/),
  save('date with SQL', 'responses', response({ date: "2025-05-12'; delete from public.survey_responses; --" }), 'date', /date must be a real calendar date/),
  ...BAD_POLYGONS.map(([what, geometry, message]) => save(`area: ${what}`, 'areas', area(geometry), 'geometry', message)),
  // JSON.stringify cannot write 1e400 (it writes null); PostgREST would pass the request body's text on, so write it by hand.
  save('area: 1e400 overflows a double', 'areas', raw(json(area(ring([['BIG', 50.1], [19.31, 50.1], [19.31, 50.11], ['BIG', 50.1]]))).replaceAll('"BIG"', '1e400')), 'geometry', /coordinates must be finite numbers|longitude must be between -180 and 180/),
  ...BAD_POINTS.map(([what, location, message]) => save(`resource: ${what}`, 'resources', resource(location), 'location', message)),

  // save_records: the batch, all or nothing.
  saveMany('records is an object', 'streets', { 0: street() }, '(records)', /records must be a JSON array/),
  saveMany('10,001 records', 'streets', Array.from({ length: 10_001 }, (_, i) => street({ id: `s-bulk-${i}` })), '(records)', /at most 10000 records per call/),
  saveMany('one bad record among good ones', 'streets', [street({ id: 's-ok-1' }), street({ id: 's-ok-2', geometry: { type: 'MultiLineString', coordinates: [[[19.3, 50.1]]] } }), street({ id: 's-ok-3' })], 'geometry', /geometry/),
  saveMany('a 5 MB name', 'streets', [street({ name: FIVE_MB })], 'name', /name must be 1 to 200 characters/),
  saveMany('organisation id with SQL', 'streets', [street()], 'organisationId', /organisationId must be an id/, DROP),
  saveMany('id with SQL', 'streets', [street({ id: DROP })], 'id', /id may contain only/),
  saveMany('deeply nested record', 'streets', [DEEP], '(record)', /record must be an object/),

  // apply_changes: several collections, all or nothing (supabase/tests/applyChanges.test.ts has the rest).
  applying('changes is an array', [street()], '(changes)', /changes must be a JSON object/),
  applying('upserts is a list', { upserts: [street()] }, 'upserts', /upserts must be an object of lists by collection/),
  applying('unknown collection', { upserts: { castles: [street()] } }, '(collection)', /unknown collection in upserts/),
  applying('10,001 ids to delete', { deletes: { streets: Array.from({ length: 10_001 }, (_, i) => `s-bulk-${i}`) } }, '(changes)', /at most 10000 records and deletions per call/),
  applying('good streets, a bad address', { upserts: { streets: [street({ id: 's-ok-1' })], addresses: [{ id: 'a-new', streetId: 's-ok-1', houseNumber: '1', location: { type: 'Point', coordinates: [19.3, 91] }, households: 1 }] } }, 'location', /latitude must be between -90 and 90/),
  applying('a 5 MB name', { upserts: { streets: [street({ name: FIVE_MB })] } }, 'name', /name must be 1 to 200 characters/),
  applying('deeply nested record', { upserts: { streets: [DEEP] } }, '(record)', /record must be an object/),
  applying('id with SQL to delete', { deletes: { streets: [DROP] } }, 'id', /id must be an id of 1 to 64/),
  applying('id to delete is a number', { deletes: { streets: [42] } }, 'id', /id must be text/),
  applying('organisation id with SQL', { upserts: { streets: [street()] } }, 'organisationId', /organisationId must be an id/, DROP),

  // import_survey_responses.
  importing('responses is an object', { 0: response() }, '(input)', /must be a JSON array/),
  importing('responses is text', 'r-1,r-2', '(input)', /must be a JSON array/),
  importing('10,001 rows', Array.from({ length: 10_001 }, (_, i) => response({ id: `r-bulk-${i}` })), '(input)', /at most 10000 responses per import/),
  importing('good rows and a row missing its date', [response({ id: 'r-ok-1' }), (({ date: _date, ...rest }: Record<string, unknown>) => rest)(response({ id: 'r-ok-2' }))], 'date', /date is required/),
  importing('extra key', [response({ surname: 'Kowalski' })], '(record)', /Unrecognized key: "surname"/),
  importing('campaign id with SQL', [response({ campaignId: DROP })], 'campaignId', /.+/),
  importing('organisation id with SQL', [response()], 'organisationId', /organisationId must be an id/, DROP),
  importing('location with text coordinates', [response({ addressId: undefined, location: { type: 'Point', coordinates: ['19.3', '50.1'] } })], 'location', /location coordinates must be numbers/),
  importing('location out of range', [response({ location: { type: 'Point', coordinates: [19.3, 91] } })], 'location', /latitude must be between -90 and 90/),
  importing('a 5 MB id', [response({ id: FIVE_MB })], 'id', /id may contain only/),
  importing('deeply nested id', [response({ id: DEEP })], 'id', /id must be text/),
  importing('wrong enum: nuisance', [response({ nuisances: ['dragons'] })], 'nuisances', /invalid input value for enum.*nuisance.*"dragons"/),

  // delete_record.
  deleting('unknown collection', 'castles', 's-1', '(collection)', /unknown collection/),
  deleting('collection is null', null, 's-1', '(collection)', /unknown collection/),
  deleting('id is null', 'streets', null, 'id', /id must be an id/),
  ...METACHARACTER_IDS.map((id) => deleting(`id ${JSON.stringify(id).slice(0, 30)}`, 'streets', id, 'id', /id must be an id of 1 to 64/)),
  deleting('a 5 MB id', 'streets', FIVE_MB, 'id', /id must be an id/),
  deleting('organisation id with SQL', 'streets', 's-1', 'organisationId', /organisationId must be an id/, DROP),

  // campaign aggregates, every variant: k ≤ 0, severity, hexagon size and origin, enums, ids.
  ...['campaign_aggregates', 'campaign_aggregates_by_street', 'campaign_aggregates_by_area', 'campaign_aggregates_by_hex'].flatMap((rpc) => [
    aggregate(rpc, 'k = 0', { k: 0 }, '22023', /k must be a whole number from 1 to 1000/),
    aggregate(rpc, 'k = -5', { k: -5 }, '22023', /k must be a whole number from 1 to 1000/),
    aggregate(rpc, 'k = 1001', { k: 1001 }, '22023', /k must be a whole number from 1 to 1000/),
    aggregate(rpc, 'k is text', { k: 'five' }, '22P02', /invalid input syntax for type integer: "five"/),
    aggregate(rpc, 'min severity 0', { minSeverity: 0 }, '22023', /minimum severity must be 1, 2 or 3/),
    aggregate(rpc, 'min severity 4', { minSeverity: 4 }, '22023', /minimum severity must be 1, 2 or 3/),
    aggregate(rpc, 'wrong need category', { needs: '{boredom}' }, '22P02', /invalid input value for enum (public\.)?need_category: "boredom"/),
    aggregate(rpc, 'campaign id with SQL', { campaign: DROP }, '22023', /p_campaign_id must be an id/),
    aggregate(rpc, 'campaign id of 5 MB', { campaign: FIVE_MB }, '22023', /p_campaign_id must be an id/),
    aggregate(rpc, 'organisation id with SQL', { org: DROP }, '22023', /p_organisation_id must be an id/),
    aggregate(rpc, 'campaign that does not exist', { campaign: 'c-404' }, '22023', /campaign "c-404" does not exist/),
  ]),
  aggregate('campaign_aggregates', 'unknown unit', { unit: 'county' }, '22023', /unit must be street, area or hex/),
  aggregate('campaign_aggregates', 'unit with SQL', { unit: "street' or '1'='1" }, '22023', /unit must be street, area or hex/),
  ...['campaign_aggregates', 'campaign_aggregates_by_hex'].flatMap((rpc) => [
    aggregate(rpc, 'hexagon size NaN', { hexSize: 'NaN' }, '22023', /hexagon size must be between 25 and 10000 metres/),
    aggregate(rpc, 'hexagon size -250', { hexSize: -250 }, '22023', /hexagon size must be between 25 and 10000 metres/),
    aggregate(rpc, 'hexagon size Infinity', { hexSize: 'Infinity' }, '22023', /hexagon size must be between 25 and 10000 metres/),
    aggregate(rpc, 'origin NaN', { lng: 'NaN', lat: 'NaN' }, '22023', /p_origin longitude must be a number between -180 and 180/),
    aggregate(rpc, 'origin Infinity', { lng: 'Infinity', lat: 50 }, '22023', /p_origin longitude must be a number between -180 and 180/),
    aggregate(rpc, 'origin longitude 1e6', { lng: 1e6, lat: 50 }, '22023', /p_origin longitude must be a number between -180 and 180/),
    aggregate(rpc, 'origin at the pole', { lng: 19, lat: 90 }, '22023', /p_origin latitude must be a number between -85 and 85/),
    aggregate(rpc, 'origin latitude -200', { lng: 19, lat: -200 }, '22023', /p_origin latitude must be a number between -85 and 85/),
    aggregate(rpc, 'origin is text', { lng: 'east', lat: 50 }, '22P02', /invalid input syntax for type double precision: "east"/),
  ]),

  // create_share_link.
  createLink('view is text', { view: 'street' }, '22023', /view must be a JSON object/),
  createLink('view is an array', { view: [1, 'street'] }, '22023', /view must be a JSON object/),
  createLink('view without unit', { view: { v: 1 } }, '22023', /view.unit must be street, area or hex/),
  createLink('view version 2', { view: { v: 2, unit: 'street' } }, '22023', /view.v must be 1/),
  createLink('view version as text', { view: { v: '1', unit: 'street' } }, '22023', /view.v must be 1/),
  createLink('wrong unit enum', { view: { v: 1, unit: 'county' } }, '22023', /view.unit must be street, area or hex/),
  createLink('unit with SQL', { view: { v: 1, unit: DROP } }, '22023', /view.unit must be street, area or hex/),
  createLink('wrong need enum', { view: { v: 1, unit: 'street', needs: ['boredom'] } }, '22P02', /invalid input value for enum (public\.)?need_category: "boredom"/),
  createLink('needs is text', { view: { v: 1, unit: 'street', needs: 'housing' } }, '22023', /view.needs must be a list/),
  createLink('deeply nested needs', { view: { v: 1, unit: 'street', needs: DEEP } }, '22023', /view.needs must be a list of text/),
  createLink('minSeverity as text', { view: { v: 1, unit: 'street', minSeverity: '2' } }, '22023', /view.minSeverity must be 1, 2 or 3/),
  createLink('hexSizeMeters as text', { view: { v: 1, unit: 'hex', hexSizeMeters: '250' } }, '22023', /view.hexSizeMeters must be a number from 25 to 10000/),
  createLink('hexSizeMeters 0', { view: { v: 1, unit: 'hex', hexSizeMeters: 0 } }, '22023', /view.hexSizeMeters must be a number from 25 to 10000/),
  createLink('origin as text', { view: { v: 1, unit: 'hex', originLng: 'NaN', originLat: 50 } }, '22023', /view.originLng and view.originLat must be numbers/),
  createLink('origin longitude 500', { view: { v: 1, unit: 'hex', originLng: 500, originLat: 50 } }, '22023', /view.origin longitude must be a number between -180 and 180/),
  createLink('origin at the pole', { view: { v: 1, unit: 'hex', originLng: 19, originLat: 90 } }, '22023', /view.origin latitude must be a number between -85 and 85/),
  createLink('a 5 MB view', { view: { v: 1, unit: 'street', note: FIVE_MB } }, '22023', /view must be at most 16 KB/),
  // Residents' resources (issue 14): one offer or the potential index, never with needs.
  createLink('offers is text', { view: { v: 1, unit: 'street', offers: 'senior_care' } }, '22023', /view.offers must be \{"kind": "offer"/),
  createLink('offers of an unknown kind', { view: { v: 1, unit: 'street', offers: { kind: 'potential' } } }, '22023', /view.offers must be \{"kind": "offer"/),
  createLink('an offer that does not exist', { view: { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'juggling' } } }, '22P02', /invalid input value for enum (public\.)?offer: "juggling"/),
  createLink('offerId is a number', { view: { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 3 } } }, '22023', /view.offers.offerId must name one offer/),
  createLink('offer with an extra key', { view: { v: 1, unit: 'street', offers: { kind: 'offer', offerId: 'repairs', householdId: 'a-1' } } }, '22023', /view.offers.offerId must name one offer/),
  createLink('offers and needs at once', { view: { v: 1, unit: 'street', needs: ['housing'], offers: { kind: 'offer', offerId: 'repairs' } } }, '22023', /a view shows needs or offers, not both/),
  createLink('index weights all zero', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { repairs: 0 } } } }, '22023', /at least one above 0/),
  createLink('index weight 6', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { repairs: 6 } } } }, '22023', /weights must be numbers from 0 to 5/),
  createLink('index weight as text', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { repairs: '1' } } } }, '22023', /weights must be numbers from 0 to 5/),
  createLink('index weights unequal (decodable into offer counts)', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { repairs: 1, tutoring: 5 } } } }, '22023', /must be equal for every weighted offer/),
  createLink('index weights a list', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: [1, 2] } } }, '22023', /view.offers.weights must be an object/),
  createLink('index weight of an unknown offer', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { juggling: 1 } } } }, '22P02', /invalid input value for enum (public\.)?offer: "juggling"/),
  createLink('index weight keyed with SQL', { view: { v: 1, unit: 'street', offers: { kind: 'offerIndex', weights: { [DROP]: 1 } } } }, '22P02', /invalid input value for enum (public\.)?offer/),
  createLink('k = 0', { k: 0 }, '22023', /k must be a whole number from 5 to 1000/),
  createLink('k = -1', { k: -1 }, '22023', /k must be a whole number from 5 to 1000/),
  createLink('k = 4', { k: 4 }, '22023', /k must be a whole number from 5 to 1000/),
  createLink('k is text', { k: '5; drop' }, '22P02', /invalid input syntax for type integer/),
  createLink('expiry in the past', { expires: new Date(Date.now() - 86_400_000).toISOString() }, '22023', /must expire in the future and within a year/),
  createLink('expiry -infinity', { expires: '-infinity' }, '22023', /must expire in the future and within a year/),
  createLink('expiry infinity', { expires: 'infinity' }, '22023', /must expire in the future and within a year/),
  createLink('expiry null', { expires: null }, '22023', /must expire in the future and within a year/),
  createLink('expiry in two years', { expires: new Date(Date.now() + 730 * 86_400_000).toISOString() }, '22023', /within a year/),
  createLink('expiry is not a date', { expires: 'next week' }, '22007', /invalid input syntax for type timestamp with time zone/),
  createLink('campaign that does not exist', { campaign: 'c-404' }, '22023', /campaign "c-404" does not exist/),
  createLink('campaign id with SQL', { campaign: DROP }, '22023', /p_campaign_id must be an id/),
  createLink('organisation id with SQL', { org: DROP }, '22023', /p_organisation_id must be an id/),
  createLink('NUL escape in the view', { viewText: '{"v":1,"unit":"street","note":"\\u0000"}' }, '22P05', /unsupported Unicode escape sequence/),

  // list_share_links and revoke_share_link.
  raises('list_share_links', 'organisation id with SQL', planner, 'select * from public.list_share_links(p_organisation_id := $1)', [DROP], '22023', /p_organisation_id must be an id/),
  raises('list_share_links', 'organisation id null', planner, 'select * from public.list_share_links(p_organisation_id := $1)', [null], '22023', /p_organisation_id must be an id/),
  raises('list_share_links', 'a 5 MB organisation id', planner, 'select * from public.list_share_links(p_organisation_id := $1)', [FIVE_MB], '22023', /p_organisation_id must be an id/),
  raises('revoke_share_link', 'id is not a uuid', planner, 'select public.revoke_share_link(p_id := $1)', ['abc'], '22P02', /invalid input syntax for type uuid: "abc"/),
  raises('revoke_share_link', 'id with SQL', planner, 'select public.revoke_share_link(p_id := $1)', [DROP], '22P02', /invalid input syntax for type uuid/),
  raises('revoke_share_link', 'id is a number', planner, 'select public.revoke_share_link(p_id := $1)', [42], '22P02', /invalid input syntax for type uuid: "42"/),

  // load_workspace.
  raises('load_workspace', 'organisation id with SQL', planner, 'select public.load_workspace(p_organisation_id := $1) as r', [DROP], '22023', /p_organisation_id must be an id/),
  raises('load_workspace', 'organisation id null', planner, 'select public.load_workspace(p_organisation_id := $1) as r', [null], '22023', /p_organisation_id must be an id/),
  raises('load_workspace', 'organisation id $$', planner, 'select public.load_workspace(p_organisation_id := $1) as r', ['$$'], '22023', /p_organisation_id must be an id/),
  raises('load_workspace', 'a 5 MB organisation id', planner, 'select public.load_workspace(p_organisation_id := $1) as r', [FIVE_MB], '22023', /p_organisation_id must be an id/),

  // map_tile.
  ...([
    ['organisation id with SQL', [DROP, 14, 0, 0], '22023', /p_organisation_id must be an id/],
    ['zoom 23', [ORG_A, 23, 0, 0], '22023', /tile zoom must be a whole number from 0 to 22/],
    ['zoom -1', [ORG_A, -1, 0, 0], '22023', /tile zoom must be a whole number from 0 to 22/],
    ['zoom null', [ORG_A, null, 0, 0], '22023', /tile zoom must be a whole number from 0 to 22/],
    ['x beyond the zoom (z 2, x 4)', [ORG_A, 2, 4, 0], '22023', /tile x and y must be whole numbers from 0 to 2\^z - 1/],
    ['y negative', [ORG_A, 14, 9000, -1], '22023', /tile x and y must be whole numbers from 0 to 2\^z - 1/],
    ['x is text', [ORG_A, 14, 'east', 0], '22P02', /invalid input syntax for type integer: "east"/],
  ] as const).map(([what, params, code, message]) =>
    raises('map_tile', what, planner, 'select public.map_tile(p_organisation_id := $1, p_z := $2, p_x := $3, p_y := $4) as r', [...params], code, message)),
  ...([
    ['an unknown layer', ['streets', 'responses'], /tile layers must be some of areas, streets and addresses/],
    ['no layer', [], /tile layers must be some of areas, streets and addresses/],
    ['a null layer', ['streets', null], /tile layers must be some of areas, streets and addresses/],
  ] as const).map(([what, layers, message]) =>
    raises('map_tile', `layers: ${what}`, planner, 'select public.map_tile(p_organisation_id := $1, p_z := $2, p_x := $3, p_y := $4, p_layers := $5) as r', [ORG_A, 14, 0, 0, [...layers]], '22023', message)),

  // shared_aggregates and shared_view: anyone holding a token; bad tokens answer nothing, as issue 4 asks.
  // Leader contacts (issue 14): the form's joint save is all or nothing (the answer is rolled back with a bad contact).
  ...([
    ['name with markup', { name: '<b>Anna</b>' }, 'name', /name must be 2 to 100 characters without digits or markup/],
    ['phone of letters', { phone: 'zadzwoń' }, 'phone', /phone must have 9 to 15 digits/],
    ['no phone and no e-mail', { phone: undefined }, 'phone', /give a phone number or an e-mail address/],
    ['kept two years', { retainUntil: '2028-05-01' }, 'retainUntil', /at most 12 months after it/],
    ['consent on 30 February', { consentDate: '2026-02-30' }, 'consentDate', /date/],
    ['another response', { responseId: 'r-other' }, 'responseId', /another response/],
    ['name of 5 MB', { name: FIVE_MB }, '(record)', /larger than 1 MB/],
  ] as [string, Record<string, unknown>, string, RegExp][]).map(([what, changes, field, message]): Case => ({
    rpc: 'save_response_with_leader_contact', what, caller: planner,
    sql: 'select public.save_response_with_leader_contact(p_organisation_id := $1, p_response := $2::jsonb, p_contact := $3::jsonb) as r',
    params: [ORG_A, json(response({ id: 'r-lc' })), json({ id: 'lc-new', responseId: 'r-lc', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-01', retainUntil: '2027-04-30', ...changes })],
    expected: { issue: field, message },
  })),
  // A surveyor adds a contact only to answers they entered (r-3 is a colleague's): refused, nothing saved.
  {
    rpc: 'save_response_with_leader_contact', what: 'a surveyor, to a colleague\'s answers', caller: { role: 'authenticated', userId: USERS.surveyorA },
    sql: 'select public.save_response_with_leader_contact(p_organisation_id := $1, p_response := $2::jsonb, p_contact := $3::jsonb) as r',
    params: [ORG_A, json(response({ id: 'r-3' })), json({ id: 'lc-new', responseId: 'r-3', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-01', retainUntil: '2027-04-30' })],
    expected: { issue: '(record)', message: /you may not write this record in this organisation/ },
  },
  ...([DROP, '', 'x'.repeat(65)].flatMap((id): Case[] => [
    { rpc: 'delete_leader_contact', what: `id ${JSON.stringify(id).slice(0, 24)}`, caller: planner, sql: 'select public.delete_leader_contact(p_organisation_id := $1, p_id := $2) as r', params: [ORG_A, id], expected: { issue: 'id', message: /id must be an id of 1 to 64/ } },
    { rpc: 'shorten_leader_contact_retention', what: `id ${JSON.stringify(id).slice(0, 24)}`, caller: planner, sql: 'select public.shorten_leader_contact_retention(p_organisation_id := $1, p_id := $2, p_retain_until := $3) as r', params: [ORG_A, id, '2026-12-31'], expected: { issue: 'id', message: /id must be an id of 1 to 64/ } },
    raises('list_leader_contacts', `organisation id ${JSON.stringify(id).slice(0, 24)}`, planner, 'select public.list_leader_contacts(p_organisation_id := $1) as r', [id], '22023', /organisationId must be an id of 1 to 64/),
    raises('delete_expired_leader_contacts', `organisation id ${JSON.stringify(id).slice(0, 24)}`, planner, 'select public.delete_expired_leader_contacts(p_organisation_id := $1) as r', [id], '22023', /organisationId must be an id of 1 to 64/),
  ])),
  { rpc: 'delete_leader_contact', what: 'organisation id with SQL', caller: planner, sql: 'select public.delete_leader_contact(p_organisation_id := $1, p_id := $2) as r', params: [DROP, 'lc-1'], expected: { issue: 'organisationId', message: /organisationId must be an id/ } },
  { rpc: 'shorten_leader_contact_retention', what: 'date "jutro"', caller: planner, sql: 'select public.shorten_leader_contact_retention(p_organisation_id := $1, p_id := $2, p_retain_until := $3) as r', params: [ORG_A, 'lc-none', 'jutro'], expected: { issue: 'retainUntil', message: /real calendar date written YYYY-MM-DD/ } },
  { rpc: 'shorten_leader_contact_retention', what: 'a contact that does not exist', caller: planner, sql: 'select public.shorten_leader_contact_retention(p_organisation_id := $1, p_id := $2, p_retain_until := $3) as r', params: [ORG_A, 'lc-none', '2026-12-31'], expected: { issue: 'id', message: /there is no such contact/ } },
  ...TOKENS.flatMap((token): Case[] => [
    { rpc: 'shared_aggregates', what: `token ${String(token).slice(0, 24)}`, caller: anon, sql: 'select * from public.shared_aggregates(p_token := $1)', params: [token], expected: { nothing: true } },
    { rpc: 'shared_view', what: `token ${String(token).slice(0, 24)}`, caller: anon, sql: 'select public.shared_view(p_token := $1) as r', params: [token], expected: { nothing: true } },
  ]),
];

/** The error entries of a returned error value, or null when the value reports success. */
function returnedIssues(value: unknown): { field: unknown; message: unknown }[] | null {
  const v = value as { ok?: boolean; inserted?: number; issues?: []; errors?: [] } | null;
  if (v && v.ok === false && Array.isArray(v.issues)) return v.issues;
  if (v && v.inserted === 0 && Array.isArray(v.errors) && v.errors.length > 0) return v.errors;
  return null;
}

/** What went wrong with a case, or '' when it behaved. */
async function check(c: Case): Promise<string> {
  const before = await fingerprint();
  const outcome = await asCaller(db, c.caller, (tx) => attempt<{ r?: unknown }>(tx, c.sql, c.params), 'commit');
  const after = await fingerprint();
  const changed = tables.filter((t) => before[t] !== after[t]);
  const problems: string[] = changed.length > 0 ? [`changed ${changed.join(', ')}`] : [];
  const e = c.expected;
  if ('raises' in e) {
    if (outcome.ok) problems.push(`expected ${e.raises}, got ${outcome.rows.length} rows`);
    else if (outcome.error.code !== e.raises || !e.message.test(outcome.error.message)) problems.push(`expected ${e.raises} ${e.message}, got ${outcome.error.code}: ${outcome.error.message}`);
  } else if ('issue' in e) {
    if (!outcome.ok) problems.push(`expected an error value, got exception ${outcome.error.code}: ${outcome.error.message}`);
    else {
      const issues = returnedIssues(outcome.rows[0]?.r);
      if (!issues) problems.push(`expected an error value, got ${JSON.stringify(outcome.rows[0]?.r).slice(0, 200)}`);
      else if (!issues.some((i) => i.field === e.issue && typeof i.message === 'string' && e.message.test(i.message))) {
        problems.push(`expected issue ${e.issue} ${e.message}, got ${JSON.stringify(issues.slice(0, 3)).slice(0, 300)}`);
      }
    }
  } else if (!outcome.ok) {
    problems.push(`expected nothing, got exception ${outcome.error.code}: ${outcome.error.message}`);
  } else if (!(outcome.rows.length === 0 || (outcome.rows.length === 1 && outcome.rows[0]!.r === null))) {
    problems.push(`expected nothing, got ${JSON.stringify(outcome.rows).slice(0, 200)}`);
  }
  return problems.length > 0 ? `${c.rpc} / ${c.what}: ${problems.join('; ')}` : '';
}

describe('bad input to every RPC', () => {
  it('covers every public function (a new RPC without a bad-input case fails here)', async () => {
    const functions = await db.query<{ name: string }>(`
      select distinct p.proname as name from pg_proc p
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`);
    const covered = new Set(CASES.map((c) => c.rpc));
    expect(functions.map((f) => f.name).filter((name) => !covered.has(name))).toEqual([]);
    expect(functions.length).toBeGreaterThanOrEqual(14);
  });

  // One `it` per RPC, so a failure points at the function; each case committed and fingerprinted.
  for (const rpc of [...new Set(CASES.map((c) => c.rpc))]) {
    it(`${rpc}: a clear error and no change, for ${CASES.filter((c) => c.rpc === rpc).length} bad inputs`, async () => {
      const failures: string[] = [];
      for (const c of CASES.filter((x) => x.rpc === rpc)) {
        const failure = await check(c);
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    }, 240_000);
  }
});

describe('SQL metacharacters in text are data', () => {
  it('are stored verbatim by save_record and read back by load_workspace, and touch nothing else', async () => {
    const name = `O'Brien'); drop table public.streets; -- $$ \\ \\x00 %s %I`;
    const before = await fingerprint();
    const result = await asCaller(db, planner, async (tx) => {
      const [saved] = await tx.query<{ r: unknown }>('select public.save_record(p_organisation_id := $1, p_collection := $2, p_record := $3::jsonb) as r', [ORG_A, 'streets', json(street({ id: 's-meta', name }))]);
      const [loaded] = await tx.query<{ r: { streets: { id: string; name: string }[] } }>('select public.load_workspace(p_organisation_id := $1) as r', [ORG_A]);
      return { saved: saved!.r, name: loaded!.r.streets.find((s) => s.id === 's-meta')?.name };
    });
    expect(result).toEqual({ saved: { ok: true }, name });
    const after = await fingerprint();
    expect(tables.filter((t) => before[t] !== after[t])).toEqual([]); // rolled back: asCaller's default
  });
});
