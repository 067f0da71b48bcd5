import { describe, expect, it } from 'vitest';
import type { Address, Area, Resource, Street } from '../../src/domain';
import { buildPlaceIndex, searchPlaces } from '../../src/ui/explore/placeSearch';

const line = { type: 'LineString', coordinates: [[19.3, 50.15], [19.31, 50.15]] };
const square = { type: 'Polygon', coordinates: [[[19.3, 50.15], [19.31, 50.15], [19.31, 50.16], [19.3, 50.15]]] };
const street = (id: string, name: string, prefix = 'ul.'): Street => ({ id, name, prefix, geometry: line }) as unknown as Street;
const address = (id: string, streetId: string, houseNumber: string): Address => ({ id, streetId, houseNumber, households: 1, location: { type: 'Point', coordinates: [19.3, 50.15] } }) as unknown as Address;
const area = (id: string, name: string, kind: Area['kind']): Area => ({ id, name, kind, geometry: square }) as unknown as Area;
const resource = (id: string, name: string): Resource => ({ id, name, kind: 'ops', serves: [], coalitions: [], location: { type: 'Point', coordinates: [19.3, 50.15] } }) as unknown as Resource;

const town = {
  streets: [street('s-polna-1', 'Polna'), street('s-polna-2', 'Polna'), street('s-gorn', 'Górnicza'), street('s-jp2', 'Jana Pawła II', 'al.'), street('s-lesna', 'Leśna')],
  addresses: [address('a-p12', 's-polna-2', '12'), address('a-p12a', 's-polna-1', '12A'), address('a-p2', 's-polna-1', '2'), address('a-g12', 's-gorn', '12')],
  areas: [area('e-gorn', 'Osiedle Górnicze', 'estate'), area('d-stare', 'Stare Miasto', 'district'), area('c-1', 'Rejon 1', 'care_region')],
  resources: [resource('r-mops', 'Miejski Ośrodek Pomocy Społecznej w Dębowie'), resource('r-kis', 'Klub Integracji Społecznej przy MOPS w Dębowie'), resource('r-sp2', 'Szkoła Podstawowa nr 2 im. Górników')],
};
const index = buildPlaceIndex(town);
const labels = (q: string) => searchPlaces(index, q).map((p) => `${p.kind}:${p.label}`);

describe('place search', () => {
  it('finds estates, districts and resources, not only streets, forgiving Polish letters and case', () => {
    expect(labels('Osiedle Górnicze')[0]).toBe('estate:Osiedle Górnicze');
    expect(labels('gornicze')[0]).toBe('estate:Osiedle Górnicze');
    // An institution by its abbreviation (initials of its capitalised words) first, then one naming it.
    expect(labels('MOPS')).toEqual(['resource:Miejski Ośrodek Pomocy Społecznej w Dębowie', 'resource:Klub Integracji Społecznej przy MOPS w Dębowie']);
    expect(labels('stare miasto')).toEqual(['district:Stare Miasto']);
    expect(labels('lesna')).toEqual(['street:ul. Leśna']);
    // Care regions are not places on the map screen.
    expect(labels('rejon')).toEqual([]);
  });

  it('ranks exact names first, then names and words that start with the query, then the rest', () => {
    // "gorn": the street Górnicza starts with it, the estate's second word too, the school's last word contains it.
    expect(labels('gorn')).toEqual(['street:ul. Górnicza', 'estate:Osiedle Górnicze', 'resource:Szkoła Podstawowa nr 2 im. Górników']);
    expect(labels('pawla')).toEqual(['street:al. Jana Pawła II']);
  });

  it('a street drawn as several records is one place, and knows all its records', () => {
    expect(labels('polna')).toEqual(['street:ul. Polna']);
    expect(index.segmentsOf.get('s-polna-2')).toEqual(['s-polna-1', 's-polna-2']);
    expect(index.segmentsOf.get('s-gorn')).toEqual(['s-gorn']);
  });

  it('"Polna 12" is an address on any record of the street; the house number must match whole', () => {
    expect(labels('Polna 12')).toEqual(['address:ul. Polna 12']);
    expect(labels('polna 12a')).toEqual(['address:ul. Polna 12A']);
    expect(labels('ul. polna 2')).toEqual(['address:ul. Polna 2']);
    expect(searchPlaces(index, 'Polna 12')[0]).toEqual({ kind: 'address', id: 'a-p12', label: 'ul. Polna 12' });
    expect(labels('Polna 99')).toEqual([]);
    expect(labels('Górnicza 12')).toEqual(['address:ul. Górnicza 12']);
  });

  it('nothing for an empty query or nothing known; at most `limit` places', () => {
    expect(searchPlaces(index, '   ')).toEqual([]);
    expect(searchPlaces(index, 'zzz')).toEqual([]);
    expect(searchPlaces(index, 'o', 2)).toHaveLength(2);
  });
});
