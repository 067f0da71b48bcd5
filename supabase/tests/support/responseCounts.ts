import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR, type Database } from './database';

/**
 * The response counts kept at write time (migration 20250601001600) checked against the responses, and the previous
 * disclosed_units (grouping the responses on every call) as a reference: shared by responseCounts.test.ts (random
 * writes) and concurrentWrites.test.ts (two writers at once).
 */

// The counts as the triggers should keep them, recomputed from the responses.
export const EXPECTED_HOMES = `
  select r.organisation_id::text, r.campaign_id::text, coalesce(r.street_no, 0) as street_no, r.area_nos, r.hex_q is not null as has_cell,
         coalesce(r.hex_q, 0) as cell_q, coalesce(r.hex_r, 0) as cell_r, r.home, count(*)::bigint as responses
  from public.survey_responses r group by 1, 2, 3, 4, 5, 6, 7, 8`;
const EXPECTED_MASKS = `
  select r.organisation_id::text, r.campaign_id::text, coalesce(r.street_no, 0) as street_no, r.area_nos, r.hex_q is not null as has_cell,
         coalesce(r.hex_q, 0) as cell_q, coalesce(r.hex_r, 0) as cell_r, m.kind, m.mask, count(*)::bigint as responses
  from public.survey_responses r
  cross join lateral (values (1::smallint, r.need_mask_1), (2::smallint, r.need_mask_2), (3::smallint, r.need_mask_3),
    (0::smallint, (select coalesce(bit_or(1 << (array_position(enum_range(null::public.offer), o) - 1)), 0) from unnest(r.offers) as o))) as m (kind, mask)
  where m.mask <> 0
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9`;
const EXPECTED_KEYS = `
  select h.organisation_id, h.campaign_id, h.street_no, h.area_nos, h.has_cell, h.cell_q, h.cell_r, sum(h.responses)::bigint, count(*)::bigint, max(h.responses)::bigint
  from (${EXPECTED_HOMES}) as h group by 1, 2, 3, 4, 5, 6, 7`;
const EXPECTED_SPREAD = `
  select h.organisation_id, h.campaign_id, h.home, count(*)::bigint from (${EXPECTED_HOMES}) as h group by 1, 2, 3`;
const STORED_HOMES = 'select organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, home, responses from private.response_home_counts';
const STORED_MASKS = 'select organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, kind, mask, responses from private.response_mask_counts';
const STORED_KEYS = 'select organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, responses, homes, largest_home from private.response_key_counts';
const STORED_SPREAD = 'select organisation_id, campaign_id, home, combinations from private.response_home_spread';
export const TABLES: [string, string, string][] = [
  ['home', EXPECTED_HOMES, STORED_HOMES], ['mask', EXPECTED_MASKS, STORED_MASKS], ['key', EXPECTED_KEYS, STORED_KEYS], ['spread', EXPECTED_SPREAD, STORED_SPREAD],
];

/** Rows in one table and not the other (both ways, with multiplicity): empty when the counts are right. */
export async function countMismatches(db: Database): Promise<string[]> {
  const out: string[] = [];
  for (const [name, expected, stored] of TABLES) {
    const rows = await db.query<{ side: string; row: string }>(`select 'missing' as side, x::text as row from ((${expected}) except all (${stored})) as x
      union all select 'extra', y::text from ((${stored}) except all (${expected})) as y`);
    out.push(...rows.map((r) => `${name} ${r.side} ${r.row}`));
  }
  return out;
}

/** Creates reference.disclosed_units: migration 20250601001400's text, which grouped the responses themselves. */
export async function createReferenceDisclosure(db: Database): Promise<void> {
  const previous = readFileSync(join(MIGRATIONS_DIR, '20250601001400_partner_aggregates_scale.sql'), 'utf8');
  const start = previous.indexOf('create or replace function private.disclosed_units(');
  const end = previous.indexOf('\n$$;', start);
  if (start < 0 || end < 0) throw new Error('disclosed_units not found in migration 20250601001400');
  await db.exec(`create schema reference; ${previous.slice(start, end + 4).replace('function private.disclosed_units(', 'function reference.disclosed_units(')}`);
}

/** A partner's request: campaign, needs, minimum severity, k, offers (needs or offers null). */
export type DisclosureRequest = readonly [campaign: string, needs: string | null, minSeverity: number, k: number, offers: string | null];

/**
 * The units where the pattern a link reads (private.disclosed_units_cached: over the stored structure if current, else
 * built and stored) differs from reference.disclosed_units (createReferenceDisclosure), named with the request. A
 * request with no units at all is a difference too (nothing would be compared).
 */
export async function cachedDisclosureDifferences(db: Database, organisation: string, request: DisclosureRequest): Promise<string[]> {
  const call = (fn: string) => db.query<Record<string, unknown>>(`select * from ${fn}($1, $2, $3::public.need_category[], $4, $5, $6::public.offer[])
    order by unit_kind, unit_id collate "C"`, [organisation, ...request]);
  const expected = (await call('reference.disclosed_units')).map((u) => JSON.stringify(u));
  const actual = (await call('private.disclosed_units_cached')).map((u) => JSON.stringify(u));
  const named = JSON.stringify(request);
  if (expected.length === 0) return [`${named}: no units at all (nothing compared)`];
  return [...expected.filter((u) => !actual.includes(u)).map((u) => `${named} missing ${u}`), ...actual.filter((u) => !expected.includes(u)).map((u) => `${named} extra ${u}`)];
}
