import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/analysis/dataset';
import { STREET_METHOD_ADDRESS, STREET_METHOD_SNAPPED, STREET_METHOD_STREET_ID } from '../../src/analysis/streetAssignment';
import { fixtureTown, ORIGIN } from './fixtureTown';

describe('prepareDataset on the fixture town', () => {
  const town = fixtureTown();
  const ds = prepareDataset(town, { origin: ORIGIN });
  const unitOf = (responseId: string) => ds.streets.unitIds[ds.streetAssignment.unit[ds.responseIds.indexOf(responseId)]!];

  it('merges s1 and s2 ("Lipowa", "lipowa ") into one street with id s1', () => {
    expect(ds.streets.unitIds).toEqual(['s1', 's3', 's4']);
    expect(ds.diagnostics.mergedStreets).toEqual([{ unitId: 's1', streetIds: ['s1', 's2'] }]);
    expect(ds.streets.lengthMeters[0]).toBeCloseTo(400, 6);
  });

  it('assigns by address, by street id, and by the nearest segment within 60 m', () => {
    expect(unitOf('r1')).toBe('s1'); // A1 names s2, merged into s1
    expect(ds.streetAssignment.method[0]).toBe(STREET_METHOD_ADDRESS);
    expect(unitOf('r2')).toBe('s3');
    expect(unitOf('r3')).toBe('s4');
    expect(ds.streetAssignment.method[2]).toBe(STREET_METHOD_STREET_ID);
    expect(unitOf('r4')).toBe('s1'); // (150, 40): 40 m from Lipowa, 150 m from Polna
    expect(ds.streetAssignment.method[3]).toBe(STREET_METHOD_SNAPPED);
    expect(ds.streetAssignment.snapDistanceMeters[3]).toBeCloseTo(40, 6);
    expect(unitOf('r8')).toBe('s1'); // A3's street is unknown; its point (100, −20) is 20 m from Lipowa
    expect(ds.addressStreetUnit[2]).toBe(0);
  });

  it('lists what it cannot assign, with reasons, and counts every response once', () => {
    expect(ds.diagnostics.unassignedToStreet).toEqual({
      ids: ['r5', 'r6', 'r7', 'r9', 'r10'],
      reasons: ['too_far_from_street', 'unknown_address', 'unknown_street', 'invalid_location', 'no_location'],
    });
    const c = ds.diagnostics.streetReasonCounts;
    expect(c.assigned + c.too_far_from_street + c.unknown_address + c.unknown_street + c.invalid_location + c.no_location).toBe(12);
    expect(c.assigned).toBe(7);
    expect(ds.diagnostics.addressesWithoutStreet).toEqual(['A4']); // 5 km from any street
  });

  it('sorts campaigns and encodes needs as masks per minimum severity', () => {
    expect(ds.campaignIds).toEqual(['w1', 'w2']);
    // r1: housing (bit 2) severity 3, health (bit 8) severity 1.
    expect(ds.needMasksBySeverity[0][0]).toBe((1 << 2) | (1 << 8));
    expect(ds.needMasksBySeverity[1][0]).toBe(1 << 2);
    expect(ds.needMasksBySeverity[2][0]).toBe(1 << 2);
  });

  it('takes the projection origin from the data bounding box when none is given', () => {
    const auto = prepareDataset(town);
    // Data spans x 0 … 5000 m, y −20 … 5000 m (A4 is the far corner); the origin is its centre, not [19, 50].
    expect(auto.projection.originLng).toBeGreaterThan(19);
    expect(auto.streetAssignment.unit).toEqual(ds.streetAssignment.unit);
  });

  it('copes with empty input', () => {
    const empty = prepareDataset({ streets: [], addresses: [], areas: [], responses: [], campaigns: [] });
    expect(empty.streets.unitIds).toEqual([]);
    expect(empty.diagnostics.unassignedToStreet.ids).toEqual([]);
  });
});
