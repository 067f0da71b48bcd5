import { describe, expect, it } from 'vitest';
import type { Address, Street, SurveyCampaign } from '../../src/domain';
import {
  addressLabel,
  buildAddressDirectory,
  compareHouseNumbers,
  defaultCampaign,
  todayAgainstWave,
  nextAddressOnStreet,
  searchKey,
  searchStreets,
  splitQuery,
} from '../../src/ui/surveyForm/addressDirectory';

const line: Street['geometry'] = { type: 'MultiLineString', coordinates: [[[19, 50], [19.001, 50]]] };
const street = (id: string, prefix: Street['prefix'], name: string): Street => ({ id, prefix, name, geometry: line });
const address = (id: string, streetId: string, houseNumber: string): Address => ({ id, streetId, houseNumber, households: 1, location: { type: 'Point', coordinates: [19, 50] } });

const streets = [
  street('s-zeg', 'ul.', 'Żeglarska'),
  street('s-lesna', 'ul.', 'Leśna'),
  street('s-jp2', 'al.', 'Jana Pawła II'),
  street('s-lakowa', 'ul.', 'Łąkowa'),
  street('s-zab', 'ul.', 'Zabłocie'),
  street('s-empty', 'ul.', 'Bez Adresów'),
  street('s-slon', 'os.', 'Słoneczne'),
  street('s-szk', 'ul.', 'Szkolna'),
];
const addresses = [
  address('l10', 's-lesna', '10'),
  address('l2a', 's-lesna', '2A'),
  address('l2', 's-lesna', '2'),
  address('l12-3', 's-lesna', '12/3'),
  address('l12', 's-lesna', '12'),
  ...['s-zeg', 's-jp2', 's-lakowa', 's-zab', 's-slon', 's-szk'].map((s) => address(`${s}-1`, s, '1')),
];
const directory = buildAddressDirectory(Object.freeze(streets), Object.freeze(addresses));

describe('the volunteer address book', () => {
  it('orders streets by name in Polish collation (Ł after L, Ś after S, Ż after Z), prefixes ignored, streets without addresses left out', () => {
    expect(directory.streets.map((e) => e.label)).toEqual(['al. Jana Pawła II', 'ul. Leśna', 'ul. Łąkowa', 'os. Słoneczne', 'ul. Szkolna', 'ul. Zabłocie', 'ul. Żeglarska']);
  });

  it('orders house numbers as they stand on the street: 2, 2A, 10, 12, 12/3', () => {
    expect(directory.streetById.get('s-lesna')!.addresses.map((a) => a.houseNumber)).toEqual(['2', '2A', '10', '12', '12/3']);
    expect(compareHouseNumbers('9', '10')).toBeLessThan(0);
  });

  it('finds streets without Polish letters and case, name-start matches first', () => {
    expect(searchKey('  ŁĄKOWA  Żeglarska ')).toBe('lakowa zeglarska');
    expect(searchStreets(directory, 'lesna').map((e) => e.street.id)).toEqual(['s-lesna']);
    expect(searchStreets(directory, 'lak').map((e) => e.street.id)).toEqual(['s-lakowa']);
    expect(searchStreets(directory, 'sz').map((e) => e.street.id)).toEqual(['s-szk']);
    // "z" starts Zabłocie and Żeglarska (ż → z), then occurs inside "Słoneczne" (cz) and "Szkolna", in directory order.
    expect(searchStreets(directory, 'z').map((e) => e.street.id)).toEqual(['s-zab', 's-zeg', 's-slon', 's-szk']);
    expect(searchStreets(directory, 'Leśna 12').map((e) => e.street.id)).toEqual(['s-lesna']);
    expect(searchStreets(directory, '')).toHaveLength(7);
  });

  it('splits a trailing house number off the query', () => {
    expect(splitQuery('Leśna 12a')).toEqual({ street: 'Leśna', houseNumber: '12A' });
    expect(splitQuery('Jana Pawła II 12/3')).toEqual({ street: 'Jana Pawła II', houseNumber: '12/3' });
    expect(splitQuery('Jana Pawła II')).toEqual({ street: 'Jana Pawła II' });
  });

  it('gives the next house on the same street, and nothing after the last', () => {
    expect(nextAddressOnStreet(directory, 'l2')?.houseNumber).toBe('2A');
    expect(nextAddressOnStreet(directory, 'l12')?.houseNumber).toBe('12/3');
    expect(nextAddressOnStreet(directory, 'l12-3')).toBeUndefined();
    expect(addressLabel(directory, addresses[0]!)).toBe('ul. Leśna 10');
  });
});

describe('the default wave', () => {
  const campaign = (id: string, startDate: string, endDate: string, wave: number): SurveyCampaign => ({
    id, name: id, areaIds: ['e1'], startDate, endDate, householdsTargeted: 10, method: 'door_to_door', wave,
  });
  const campaigns = [campaign('w1', '2025-04-07', '2025-05-23', 1), campaign('w2', '2026-04-13', '2026-05-29', 2)];

  it('is the one running today, else the latest to start', () => {
    expect(defaultCampaign(campaigns, '2025-05-01')?.id).toBe('w1');
    expect(defaultCampaign(campaigns, '2026-11-23')?.id).toBe('w2');
    expect(defaultCampaign([], '2026-11-23')).toBeUndefined();
  });

  it('says whether today is before, inside or after the chosen wave (first and last day inside)', () => {
    const wave = { startDate: '2026-04-13', endDate: '2026-05-29' };
    expect(todayAgainstWave(wave, '2026-04-12')).toBe('before');
    expect(todayAgainstWave(wave, '2026-04-13')).toBeNull();
    expect(todayAgainstWave(wave, '2026-05-29')).toBeNull();
    expect(todayAgainstWave(wave, '2026-12-05')).toBe('after');
  });
});
