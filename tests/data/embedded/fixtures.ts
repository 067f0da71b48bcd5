import type { CollectionName, CollectionRecord, Organisation, PolygonGeometry } from '../../../src/domain';
import type { ReadDemoFile } from '../../../src/data/embedded';

/** A tiny valid demo town: every collection present, ids chosen to be easy to read in assertions. */
export const organisation: Organisation = deepFrozen<Organisation>({ id: 'ops-test', name: 'OPS Testowo', kind: 'OPS', gminaTeryt: '1206011', town: 'Testowo' });

const square = (lng: number, lat: number, size: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});
const point = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] as [number, number] });

type Collections = { [C in CollectionName]: CollectionRecord<C>[] };

export const collections: Collections = deepFrozen<Collections>({
  areas: [
    { id: 'area-north', name: 'Północ', kind: 'district', geometry: square(19.0, 50.01, 0.01) },
    { id: 'area-south', name: 'Południe', kind: 'district', geometry: square(19.0, 50.0, 0.01) },
  ],
  streets: [
    { id: 'street-1', prefix: 'ul.', name: 'Słoneczna', geometry: { type: 'MultiLineString', coordinates: [[[19.001, 50.001], [19.009, 50.001]]] } },
    { id: 'street-2', prefix: 'al.', name: 'Jana Pawła II', geometry: { type: 'MultiLineString', coordinates: [[[19.001, 50.011], [19.009, 50.011]]] } },
  ],
  addresses: [
    { id: 'addr-1', streetId: 'street-1', houseNumber: '1', location: point(19.002, 50.001), households: 4 },
    { id: 'addr-2', streetId: 'street-1', houseNumber: '3A', location: point(19.004, 50.001), households: 12 },
    { id: 'addr-3', streetId: 'street-2', houseNumber: '10/2', location: point(19.004, 50.011), households: 1 },
  ],
  campaigns: [
    { id: 'camp-1', name: 'Diagnoza 2025', areaIds: ['area-north', 'area-south'], startDate: '2025-03-01', endDate: '2025-04-30', householdsTargeted: 17, method: 'door_to_door', wave: 1 },
  ],
  responses: [
    { id: 'resp-1', campaignId: 'camp-1', addressId: 'addr-1', date: '2025-03-10', householdSize: 3, needs: [{ category: 'housing', severity: 2 }], nuisances: ['litter'], offers: [] },
    { id: 'resp-2', campaignId: 'camp-1', streetId: 'street-2', date: '2025-03-12', householdSize: 1, needs: [], nuisances: [], offers: ['cooking'], leaderCandidate: { consent: true, interests: ['loneliness_seniors'] } },
  ],
  resources: [{ id: 'res-school', name: 'Szkoła Podstawowa nr 1', kind: 'school', location: point(19.005, 50.005), address: 'ul. Słoneczna 5', serves: ['children_youth_leisure'], coalitions: [] }],
  groups: [{ id: 'grp-seniors', name: 'Klub Seniora', kind: 'senior_club', meetingPlaceId: 'res-school', location: point(19.005, 50.005), targetNeeds: ['loneliness_seniors'], activeFrom: 2019 }],
  programmes: [{ id: 'pal-1', name: 'PAL Północ', yearFrom: 2025, yearTo: 2027, targetAreaId: 'area-north', targetGeometry: square(19.0, 50.01, 0.01), goals: ['Aktywizacja seniorów'], partnerIds: ['res-school'] }],
  events: [{ id: 'ev-1', name: 'Festyn sąsiedzki', kind: 'festival', date: '2025-06-14', location: point(19.005, 50.005), placeName: 'Boisko szkolne', programme: ['Gry dla dzieci'], participants: 120 }],
});

/** The fixture town as the files of data/demo/, text by file name. */
export function demoFiles(): Record<string, string> {
  const files: Record<string, string> = { 'organisation.json': JSON.stringify(organisation) };
  for (const [collection, records] of Object.entries(collections)) files[`${collection}.json`] = JSON.stringify(records);
  return files;
}

/** A ReadDemoFile over in-memory texts; a name that is absent rejects as fs does. */
export function memoryReader(files: Record<string, string>): ReadDemoFile {
  return async (fileName) => {
    const text = files[fileName];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${fileName}'`);
    return text;
  };
}

/** Recursively freezes a value so a test proves the code under test never mutates it. */
export function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFrozen((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Plain deep copy for building variants of the fixtures. */
export const copy = <T>(value: T): T => structuredClone(value);
