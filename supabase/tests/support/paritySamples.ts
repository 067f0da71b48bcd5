import { TOWN_A, organisation } from './fixture';

/**
 * Valid and invalid records per collection, fed both to the zod schema and to the SQL INSERT
 * (private.upsert_record, the path of save_record, import and seed). `valid` is what both must answer.
 */
export interface ParitySample {
  collection: string;
  name: string;
  record: unknown;
  valid: boolean;
}

const base = (collection: string): Record<string, unknown> => ({ ...(TOWN_A[collection]![0] as Record<string, unknown>) });
const withField = (collection: string, changes: Record<string, unknown>): Record<string, unknown> => ({ ...base(collection), id: 'sample-1', ...changes });
const without = (collection: string, key: string) => {
  const record = withField(collection, {});
  delete record[key];
  return record;
};
const square = (w: number, s: number, size: number) => [[[w, s], [w + size, s], [w + size, s + size], [w, s + size], [w, s]]];

const samples: [string, string, unknown, boolean][] = [
  ['areas', 'valid polygon', withField('areas', {}), true],
  ['areas', 'valid multipolygon', withField('areas', { geometry: { type: 'MultiPolygon', coordinates: [square(19.3, 50.1, 0.01), square(19.33, 50.1, 0.01)] } }), true],
  ['areas', 'valid with parent', withField('areas', { parentId: 'district-s', kind: 'estate' }), true],
  ['areas', 'id with a space', withField('areas', { id: 'bad id' }), false],
  ['areas', 'id of 65 characters', withField('areas', { id: 'x'.repeat(65) }), false],
  ['areas', 'id with SQL metacharacters', withField('areas', { id: "x'; drop table areas; --" }), false],
  ['areas', 'blank name', withField('areas', { name: '   ' }), false],
  ['areas', 'name of 201 characters', withField('areas', { name: 'n'.repeat(201) }), false],
  ['areas', 'name padded with spaces', withField('areas', { name: '  Osiedle  ' }), true],
  ['areas', 'unknown kind', withField('areas', { kind: 'village' }), false],
  ['areas', 'unclosed ring', withField('areas', { geometry: { type: 'Polygon', coordinates: [[[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.11]]] } }), false],
  ['areas', 'ring of 3 positions', withField('areas', { geometry: { type: 'Polygon', coordinates: [[[19.3, 50.1], [19.31, 50.1], [19.3, 50.1]]] } }), false],
  ['areas', 'longitude 200', withField('areas', { geometry: { type: 'Polygon', coordinates: square(200, 50.1, 0.01) } }), false],
  ['areas', 'line instead of polygon', withField('areas', { geometry: { type: 'LineString', coordinates: [[19.3, 50.1], [19.31, 50.1]] } }), false],
  ['areas', 'unknown key', withField('areas', { population: 1200 }), false],
  ['areas', 'missing geometry', without('areas', 'geometry'), false],
  ['streets', 'valid', withField('streets', {}), true],
  ['streets', 'unknown prefix', withField('streets', { prefix: 'ulica' }), false],
  ['streets', 'line of one position', withField('streets', { geometry: { type: 'MultiLineString', coordinates: [[[19.3, 50.1]]] } }), false],
  ['streets', 'empty MultiLineString', withField('streets', { geometry: { type: 'MultiLineString', coordinates: [] } }), false],
  ['streets', 'latitude 91', withField('streets', { geometry: { type: 'MultiLineString', coordinates: [[[19.3, 91], [19.31, 50]]] } }), false],
  ['addresses', 'valid', withField('addresses', {}), true],
  ['addresses', 'house number 12A/3b', withField('addresses', { houseNumber: '12A/3b' }), true],
  ['addresses', 'house number with spaces around', withField('addresses', { houseNumber: ' 12 ' }), true],
  ['addresses', 'house number 0', withField('addresses', { houseNumber: '0' }), false],
  ['addresses', 'house number 12-14', withField('addresses', { houseNumber: '12-14' }), false],
  ['addresses', 'households 0', withField('addresses', { households: 0 }), false],
  ['addresses', 'households 1001', withField('addresses', { households: 1001 }), false],
  ['addresses', 'households 2.5', withField('addresses', { households: 2.5 }), false],
  ['addresses', 'households as text', withField('addresses', { households: '3' }), false],
  ['addresses', 'point with elevation', withField('addresses', { location: { type: 'Point', coordinates: [19.3, 50.1, 230] } }), true],
  ['addresses', 'point latitude -91', withField('addresses', { location: { type: 'Point', coordinates: [19.3, -91] } }), false],
  ['addresses', 'point with one number', withField('addresses', { location: { type: 'Point', coordinates: [19.3] } }), false],
  ['campaigns', 'valid', withField('campaigns', {}), true],
  ['campaigns', 'one-day campaign', withField('campaigns', { startDate: '2025-05-01', endDate: '2025-05-01' }), true],
  ['campaigns', 'end before start', withField('campaigns', { startDate: '2025-05-02', endDate: '2025-05-01' }), false],
  ['campaigns', '30 February', withField('campaigns', { endDate: '2025-02-30', startDate: '2025-01-01' }), false],
  ['campaigns', 'date without leading zeros', withField('campaigns', { startDate: '2025-5-1' }), false],
  ['campaigns', 'no areas', withField('campaigns', { areaIds: [] }), false],
  ['campaigns', 'wave 0', withField('campaigns', { wave: 0 }), false],
  ['campaigns', 'unknown method', withField('campaigns', { method: 'email' }), false],
  ['responses', 'valid', withField('responses', {}), true],
  ['responses', 'valid with leader candidate', withField('responses', { leaderCandidate: { consent: true, interests: ['housing'] } }), true],
  ['responses', 'located by a bare point', { ...without('responses', 'addressId'), location: { type: 'Point', coordinates: [19.31, 50.1027] } }, true],
  ['responses', 'no address, street or point', without('responses', 'addressId'), false],
  ['responses', 'need category twice', withField('responses', { needs: [{ category: 'housing', severity: 1 }, { category: 'housing', severity: 2 }] }), false],
  ['responses', 'severity 4', withField('responses', { needs: [{ category: 'housing', severity: 4 }] }), false],
  ['responses', 'severity as text', withField('responses', { needs: [{ category: 'housing', severity: '2' }] }), false],
  ['responses', 'unknown need', withField('responses', { needs: [{ category: 'boredom', severity: 1 }] }), false],
  ['responses', 'household of 21', withField('responses', { householdSize: 21 }), false],
  ['responses', 'a name (personal data)', withField('responses', { name: 'Jan Kowalski' }), false],
  ['responses', 'leader without consent', withField('responses', { leaderCandidate: { consent: false, interests: [] } }), false],
  ['responses', 'nuisance twice', withField('responses', { nuisances: ['litter', 'litter'] }), false],
  ['responses', 'unknown offer', withField('responses', { offers: ['money'] }), false],
  ['resources', 'valid', withField('resources', {}), true],
  ['resources', 'valid with declaration', withField('resources', { partnershipDeclaredOn: '2024-02-29', address: 'ul. Szkolna 4' }), true],
  ['resources', 'unknown need served', withField('resources', { serves: ['boredom'] }), false],
  ['resources', 'month 13', withField('resources', { partnershipDeclaredOn: '2024-13-01' }), false],
  ['resources', 'blank coalition', withField('resources', { coalitions: [' '] }), false],
  ['resources', 'address of 501 characters', withField('resources', { address: 'a'.repeat(501) }), false],
  ['groups', 'valid', withField('groups', {}), true],
  ['groups', 'valid, ended', withField('groups', { activeTo: 2024 }), true],
  ['groups', 'no target needs', withField('groups', { targetNeeds: [] }), false],
  ['groups', 'ended before it started', withField('groups', { activeTo: 2019 }), false],
  ['groups', 'year 1989', withField('groups', { activeFrom: 1989 }), false],
  ['programmes', 'valid', withField('programmes', {}), true],
  ['programmes', 'yearTo before yearFrom', withField('programmes', { yearTo: 2024 }), false],
  ['programmes', 'no goals', withField('programmes', { goals: [] }), false],
  ['programmes', 'bad partner id', withField('programmes', { partnerIds: ['bad id'] }), false],
  ['events', 'valid', withField('events', {}), true],
  ['events', 'empty programme', withField('events', { programme: [] }), true],
  ['events', 'negative participants', withField('events', { participants: -1 }), false],
  ['events', 'unknown kind', withField('events', { kind: 'concert' }), false],
  ['organisation', 'valid', { ...organisation('ops-new') }, true],
  ['organisation', 'TERYT type 6', { ...organisation('ops-new'), gminaTeryt: '1203016' }, false],
  ['organisation', 'TERYT of 6 digits', { ...organisation('ops-new'), gminaTeryt: '120301' }, false],
  ['organisation', 'unknown kind', { ...organisation('ops-new'), kind: 'PCPR' }, false],
];

export const PARITY_SAMPLES: readonly ParitySample[] = samples.map(([collection, name, record, valid]) => ({ collection, name, record, valid }));

/**
 * Where SQL is deliberately stricter than zod: PostGIS's ST_IsValid rejects a self-intersecting ("bow-tie")
 * polygon that zod's structural checks accept. Rejecting it in the database is right (area tests would be
 * wrong on it); the domain schema may adopt the check later.
 */
export const SQL_STRICTER_SAMPLES: readonly ParitySample[] = [
  {
    collection: 'areas',
    name: 'self-intersecting bow-tie polygon',
    record: withField('areas', { geometry: { type: 'Polygon', coordinates: [[[19.3, 50.1], [19.31, 50.11], [19.31, 50.1], [19.3, 50.11], [19.3, 50.1]]] } }),
    valid: false,
  },
];
