import type { Database } from './database';
import { organisation } from './fixture';

/**
 * A small estate whose disclosure-control outcome can be worked out by hand (supabase/tests/disclosure.test.ts).
 *
 *   estate-e: lon 19.3990 … 19.4010, lat 50.1996 … 50.2004 (about 143 m × 89 m), centroid (19.4, 50.2); it is the
 *   centre's first area, so the fixed grid is 250 m at (19.4, 50.2) and every point of the estate lies in cell "0,0"
 *   (≤ 72 m from the origin; a 250 m cell reaches 125 m across flats). estate-far: an empty box 1 km east.
 *   Streets s-a … s-e run east-west inside the estate; address x<i> stands on street s-x at lon 19.3992 + i·0.0001.
 *
 * Campaign c-1 (primary rules), housing answers ("need" = housing at severity 2):
 *   s-a  a1 … a7 one response each, 1 with the need         7 responses, 7 homes -> listed; need 1 < 5: band 0–4
 *   s-b  b1 … b10 one each, 5 with the need                  10 responses, need 5, complement 5 -> exact 5 of 10
 *   s-c  c1 twice, c2 once                                   3 responses < 5 -> not listed
 *   s-d  d1 13 times, d2 … d5 once                           17 responses, 5 homes, d1 holds 13 > ¾·17 -> dominance
 *   s-e  e1 three times, e2 three times                      6 responses from 2 homes < 5 -> not listed
 *   estate-e = cell "0,0" = all 43 responses, need 6 (complement 37) -> exact 6 of 43
 *   Secondary: s-c, s-d and s-e are all protected and their atoms lie in the same published cells (estate-e, cell
 *   0,0), so none of them is recoverable — only their sum (43 − 7 − 10 = 26) is. Nothing more is hidden.
 *
 * Campaign c-2 (secondary suppression):
 *   s-a  a1 … a6 once, 3 with the need;  s-b  b1 … b10 once, 5 with the need;  s-c  c1 twice, c2 once, 1 with the need
 *   estate-e = cell "0,0" = 19 responses, need 9. s-c (3 < 5) is protected; published s-a, s-b and the estate would
 *   give s-c = 19 − 6 − 10 = 3. The greedy hides the smaller sibling s-a (6 responses; hiding s-b costs 10, hiding the
 *   estate or the cell alone does not help): a partner sees s-b (5 of 10), estate-e and cell 0,0 (9 of 19).
 */
export const ORG_D = 'ops-d';
export const USERS_D = {
  planner: '00000000-0000-4000-8000-0000000000d0',
  partner: '00000000-0000-4000-8000-0000000000d1',
  surveyor: '00000000-0000-4000-8000-0000000000d2',
  outsider: '00000000-0000-4000-8000-0000000000d3',
} as const;

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const STREET_LAT: Record<string, number> = { a: 50.1997, b: 50.19985, c: 50.2, d: 50.20015, e: 50.2003 };

const HOUSING = [{ category: 'housing', severity: 2 }];

/** Responses per campaign: [street letter, address number, how many responses, how many of them with the need]. */
const PLAN: Record<string, [string, number, number, number][]> = {
  'c-1': [
    ...Array.from({ length: 7 }, (_, i): [string, number, number, number] => ['a', i + 1, 1, i === 0 ? 1 : 0]),
    ...Array.from({ length: 10 }, (_, i): [string, number, number, number] => ['b', i + 1, 1, i < 5 ? 1 : 0]),
    ['c', 1, 2, 0], ['c', 2, 1, 0],
    ['d', 1, 13, 0], ['d', 2, 1, 0], ['d', 3, 1, 0], ['d', 4, 1, 0], ['d', 5, 1, 0],
    ['e', 1, 3, 0], ['e', 2, 3, 0],
  ],
  'c-2': [
    ...Array.from({ length: 6 }, (_, i): [string, number, number, number] => ['a', i + 1, 1, i < 3 ? 1 : 0]),
    ...Array.from({ length: 10 }, (_, i): [string, number, number, number] => ['b', i + 1, 1, i < 5 ? 1 : 0]),
    ['c', 1, 2, 1], ['c', 2, 1, 0],
  ],
};

export async function loadDisclosureFixture(db: Database): Promise<void> {
  await db.query('insert into public.organisations select * from private.organisation_from_json($1)', [JSON.stringify(organisation(ORG_D))]);
  const records: [string, unknown][] = [
    ['areas', { id: 'estate-e', name: 'Osiedle E', kind: 'estate', geometry: box(19.399, 50.1996, 19.401, 50.2004) }],
    ['areas', { id: 'estate-far', name: 'Osiedle Daleko', kind: 'estate', geometry: box(19.413, 50.1996, 19.415, 50.2004) }],
  ];
  for (const [letter, lat] of Object.entries(STREET_LAT)) {
    records.push(['streets', { id: `s-${letter}`, prefix: 'ul.', name: `Ulica ${letter.toUpperCase()}`, geometry: { type: 'MultiLineString', coordinates: [[[19.3991, lat], [19.4009, lat]]] } }]);
    for (let i = 1; i <= 13; i++) {
      records.push(['addresses', { id: `${letter}${i}`, streetId: `s-${letter}`, houseNumber: String(i), location: { type: 'Point', coordinates: [19.3992 + i * 0.0001, lat] }, households: 1 }]);
    }
  }
  for (const campaign of Object.keys(PLAN)) {
    records.push(['campaigns', { id: campaign, name: `Diagnoza ${campaign}`, areaIds: ['estate-e'], startDate: '2025-05-01', endDate: '2025-06-30', householdsTargeted: 65, method: 'door_to_door', wave: Number(campaign.slice(2)) }]);
  }
  for (const [campaign, plan] of Object.entries(PLAN)) {
    let n = 0;
    for (const [letter, i, count, withNeed] of plan) {
      for (let j = 0; j < count; j++) {
        n += 1;
        records.push(['responses', {
          id: `${campaign}-r${n}`, campaignId: campaign, addressId: `${letter}${i}`, date: '2025-05-12', householdSize: 2,
          needs: j < withNeed ? HOUSING : [], nuisances: [], offers: [],
        }]);
      }
    }
  }
  for (const [collection, record] of records) {
    await db.query('select private.upsert_record($1, $2, $3)', [ORG_D, collection, JSON.stringify(record)]);
  }
  await db.query(`insert into auth.users (id) select unnest($1::uuid[]) on conflict do nothing`, [Object.values(USERS_D)]);
  for (const [user, role] of [[USERS_D.planner, 'planner'], [USERS_D.partner, 'partner'], [USERS_D.surveyor, 'surveyor']] as const) {
    await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [user, ORG_D, role]);
  }
}
