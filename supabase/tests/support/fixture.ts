import type { Database } from './database';

/**
 * A tiny town whose aggregates can be checked by hand, for two centres. Centre B reuses centre A's ids
 * (district-n, s-1, a-1, c-1, r-1 …) to prove that keys and foreign keys are per organisation.
 *
 *   lng 19.300 … 19.320, lat 50.100 … 50.110; district-n north of lat 50.105, district-s south of it.
 *   s-1 ul. Słoneczna at lat 50.1075 (north), s-2 ul. Polna at lat 50.1025 (south), s-3 ul. Krótka at lat 50.1040.
 *   a-1 (10 households) and a-2 (5) on s-1, a-3 (8) on s-2.
 *
 * Campaign c-1 of centre A, housing severities per response ("-" = no housing answer):
 *   r-1 … r-6  at address a-1 (s-1, district-n): 3, 2, 1, -, -, 2      -> 6 responses, housing≥1: 4, housing≥2: 3
 *   r-7 … r-9  street s-2 only, no point:        2, -, 1             -> s-2; no hexagon; district-s (s-2's addresses)
 *   r-10, r-11 bare points 22 m north of s-2:    -, 3                 -> assigned to s-2 (within 60 m), district-s
 *   r-12       bare point 167 m from any street: 2                    -> no street, district-n
 * So by street: s-1 6 (housing 4), s-2 5 (housing 3), s-3 0; by area: district-n 7 (housing 5), district-s 5 (housing 3).
 */
export const ORG_A = 'ops-a';
export const ORG_B = 'ops-b';

export const USERS = {
  adminA: '00000000-0000-4000-8000-00000000000a',
  plannerA: '00000000-0000-4000-8000-00000000000b',
  surveyorA: '00000000-0000-4000-8000-00000000000c',
  partnerA: '00000000-0000-4000-8000-00000000000d',
  adminB: '00000000-0000-4000-8000-00000000000e',
  outsider: '00000000-0000-4000-8000-00000000000f',
  newcomer: '00000000-0000-4000-8000-000000000010',
} as const;

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const line = (lat: number, from: number, to: number) => ({ type: 'MultiLineString', coordinates: [[[from, lat], [to, lat]]] });

export const organisation = (id: string) => ({ id, name: `Ośrodek Pomocy Społecznej ${id}`, kind: 'OPS', gminaTeryt: '1203011', town: 'Libiąż' });

const housing = (severity: number | null) => (severity === null ? [] : [{ category: 'housing', severity }]);
const response = (id: string, where: Record<string, unknown>, severity: number | null) => ({
  id,
  campaignId: 'c-1',
  ...where,
  date: '2025-05-12',
  householdSize: 3,
  needs: [...housing(severity), { category: 'loneliness_seniors', severity: 1 }],
  nuisances: ['litter'],
  offers: [],
});

/** Workspace collections of centre A, in insertion order. */
export const TOWN_A: Record<string, unknown[]> = {
  areas: [
    { id: 'district-n', name: 'Północ', kind: 'district', geometry: box(19.3, 50.105, 19.32, 50.11) },
    { id: 'district-s', name: 'Południe', kind: 'district', geometry: box(19.3, 50.1, 19.32, 50.105) },
  ],
  streets: [
    { id: 's-1', prefix: 'ul.', name: 'Słoneczna', geometry: line(50.1075, 19.301, 19.319) },
    { id: 's-2', prefix: 'ul.', name: 'Polna', geometry: line(50.1025, 19.301, 19.319) },
    { id: 's-3', prefix: 'ul.', name: 'Krótka', geometry: line(50.104, 19.305, 19.306) },
  ],
  addresses: [
    { id: 'a-1', streetId: 's-1', houseNumber: '1', location: point(19.305, 50.1076), households: 10 },
    { id: 'a-2', streetId: 's-1', houseNumber: '2A', location: point(19.31, 50.1076), households: 5 },
    { id: 'a-3', streetId: 's-2', houseNumber: '7/3', location: point(19.305, 50.1024), households: 8 },
  ],
  campaigns: [
    { id: 'c-1', name: 'Diagnoza 2025', areaIds: ['district-n', 'district-s'], startDate: '2025-05-01', endDate: '2025-06-30', householdsTargeted: 23, method: 'door_to_door', wave: 1 },
  ],
  responses: [
    ...[3, 2, 1, null, null, 2].map((s, i) => response(`r-${i + 1}`, { addressId: 'a-1' }, s)),
    ...[2, null, 1].map((s, i) => response(`r-${i + 7}`, { streetId: 's-2' }, s)),
    response('r-10', { location: point(19.31, 50.1027) }, null),
    response('r-11', { location: point(19.312, 50.1027) }, 3),
    response('r-12', { location: point(19.3195, 50.109) }, 2),
  ],
  resources: [
    { id: 'res-1', name: 'Szkoła Podstawowa nr 1', kind: 'school', location: point(19.306, 50.106), serves: ['children_youth_leisure'], coalitions: [] },
  ],
  groups: [
    { id: 'g-1', name: 'Klub Seniora', kind: 'senior_club', meetingPlaceId: 'res-1', location: point(19.306, 50.106), targetNeeds: ['loneliness_seniors'], activeFrom: 2020 },
  ],
  programmes: [
    { id: 'p-1', name: 'PAL Północ', yearFrom: 2025, yearTo: 2027, targetAreaId: 'district-n', targetGeometry: box(19.3, 50.105, 19.32, 50.11), goals: ['Integracja seniorów'], partnerIds: ['res-1'] },
  ],
  events: [
    { id: 'e-1', name: 'Festyn sąsiedzki', kind: 'festival', date: '2025-06-14', location: point(19.307, 50.107), placeName: 'Boisko szkolne', programme: ['Gry dla dzieci'], participants: 120 },
  ],
};

/** Centre B: one of everything, with centre A's ids. */
export const TOWN_B: Record<string, unknown[]> = Object.fromEntries(
  Object.entries(TOWN_A).map(([collection, records]) => [collection, collection === 'areas' ? records.slice(0, 2) : records.slice(0, 1)]),
);

/** Responses of centre A entered by surveyorA (the rest were imported by staff). */
export const SURVEYOR_A_RESPONSES = ['r-1', 'r-2'];

/** Loads both centres, their users and memberships, as the migration owner (RLS does not apply). */
export async function loadFixture(db: Database): Promise<void> {
  for (const [org, town] of [[ORG_A, TOWN_A], [ORG_B, TOWN_B]] as const) {
    await db.query('insert into public.organisations select * from private.organisation_from_json($1)', [JSON.stringify(organisation(org))]);
    for (const [collection, records] of Object.entries(town)) {
      for (const record of records) {
        await db.query('select private.upsert_record($1, $2, $3)', [org, collection, JSON.stringify(record)]);
      }
    }
  }
  await db.query(`insert into auth.users (id) select unnest($1::uuid[])`, [Object.values(USERS)]);
  const memberships: [string, string, string][] = [
    [USERS.adminA, ORG_A, 'admin'],
    [USERS.plannerA, ORG_A, 'planner'],
    [USERS.surveyorA, ORG_A, 'surveyor'],
    [USERS.partnerA, ORG_A, 'partner'],
    [USERS.adminB, ORG_B, 'admin'],
  ];
  for (const [user, org, role] of memberships) {
    await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [user, org, role]);
  }
  await db.query('update public.survey_responses set created_by = $1 where organisation_id = $2 and id = any($3)', [USERS.surveyorA, ORG_A, SURVEYOR_A_RESPONSES]);
  await db.query('update public.survey_responses set created_by = $1 where organisation_id = $2', [USERS.adminB, ORG_B]);
  // One share link per centre (its token is unknown to everyone: only a hash of a random value is stored).
  await db.query(`insert into public.share_links (organisation_id, campaign_id, token_sha256, view, expires_at)
    select o, 'c-1', sha256(convert_to(gen_random_uuid()::text, 'UTF8')), '{"v":1,"unit":"street"}', now() + interval '30 days'
    from unnest($1::text[]) as o`, [[ORG_A, ORG_B]]);
}
