import { describe, expect, it } from 'vitest';
import { prepareDataset, type DatasetInput } from '../../src/analysis/dataset';
import { hexCellOf, hexUnitId } from '../../src/analysis/hexGrid';
import { aggregateDataset, unassignedResponses, type NeedQuery } from '../../src/analysis/needQueries';
import { needColumn, UNIT_HOUSEHOLDS_UNKNOWN, UNIT_NO_HOUSEHOLDS, UNIT_SUPPRESSED, type UnitAggregates } from '../../src/analysis/unitAggregates';
import { areaKinds, type UnitSpec } from '../../src/analysis/unitLayers';
import { wilsonInterval } from '../../src/analysis/wilson';
import { syntheticTown } from '../../bench/syntheticTown';
import { fixtureTown, ORIGIN } from './fixtureTown';
import { deepFreeze, seededRandom, shuffled } from './seededRandom';

describe('addresses whose household count is unknown', () => {
  it('make their unit\'s households and response rate unknown (NaN, flagged), never a count of 1', () => {
    // A1 (Lipowa, 10 households) loses its count: Lipowa's 16 becomes unknown; Polna (A2, 4 households) keeps 1/4.
    const town = fixtureTown();
    const { households: _dropped, ...a1 } = town.addresses.find((a) => a.id === 'A1')!;
    const ds = prepareDataset({ ...town, addresses: town.addresses.map((a) => (a.id === 'A1' ? a1 : a)) }, { origin: ORIGIN });
    const agg = aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['w1'], minResponses: 3 });
    expect(agg.unitIds).toEqual(['s1', 's3', 's4']);
    expect(Number.isNaN(agg.households[0]!)).toBe(true);
    expect(Number.isNaN(agg.responseRate[0]!)).toBe(true);
    expect(agg.flags[0]! & UNIT_HOUSEHOLDS_UNKNOWN).toBe(UNIT_HOUSEHOLDS_UNKNOWN);
    expect(agg.responses[0]).toBe(3); // the answers still count: only the rate cannot be computed
    expect([agg.households[1], agg.responseRate[1], agg.flags[1]! & UNIT_HOUSEHOLDS_UNKNOWN]).toEqual([4, 0.25, 0]);
  });
});

describe('aggregateDataset on the fixture town (wave w1)', () => {
  const ds = prepareDataset(fixtureTown(), { origin: ORIGIN });
  const w1: NeedQuery = { campaignIds: ['w1'], minResponses: 3 };

  it('per street: households, responses, response rate, need counts, rates and Wilson intervals', () => {
    const agg = aggregateDataset(ds, { kind: 'street' }, w1);
    expect(agg.unitIds).toEqual(['s1', 's3', 's4']);
    // Lipowa: households A1 10 + A3 6 = 16; responses r1, r4, r8 = 3; response rate 3/16 = 0.1875.
    expect(Array.from(agg.households)).toEqual([16, 4, 0]);
    expect(Array.from(agg.responses)).toEqual([3, 1, 1]);
    expect(agg.responseRate[0]).toBe(0.1875);
    expect(agg.responseRate[1]).toBe(0.25);
    const housing = needColumn(agg, 'housing');
    // Lipowa housing: r1 (severity 3) and r8 (severity 2) → 2 of 3; Wilson(2, 3).
    expect(agg.needCounts[0 * agg.needCount + housing]).toBe(2);
    expect(agg.needRates[0 * agg.needCount + housing]).toBeCloseTo(2 / 3, 12);
    expect(agg.needLower[housing]).toBeCloseTo(wilsonInterval(2, 3).lower, 12);
    expect(agg.needUpper[housing]).toBeCloseTo(wilsonInterval(2, 3).upper, 12);
    // k = 3: Lipowa shown, Polna and Krótka suppressed; Krótka also has no households.
    expect(Array.from(agg.flags)).toEqual([0, UNIT_SUPPRESSED, UNIT_SUPPRESSED | UNIT_NO_HOUSEHOLDS]);
    expect(agg.totalResponses).toBe(10);
    expect(agg.unassignedResponses).toBe(5);
  });

  it('minimum severity 2 drops needs reported as "some" only', () => {
    const agg = aggregateDataset(ds, { kind: 'street' }, { ...w1, minSeverity: 2 });
    const at = (need: Parameters<typeof needColumn>[1]) => agg.needCounts[needColumn(agg, need)];
    expect(at('housing')).toBe(2); // r1 (3), r8 (2)
    expect(at('health')).toBe(0); // r1 health was severity 1
    expect(at('unemployment')).toBe(1); // r4 (2)
  });

  it('per estate: points through the polygon index; unplaceable responses are listed with reasons', () => {
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' }, w1);
    expect(agg.unitIds).toEqual(['E1', 'E2']);
    // E1 = [−50, 250]²: r2 (A2), r4, r5, r8 (A3) → 4; E2: r1 (A1) → 1. Households E1: A2 4 + A3 6; E2: A1 10.
    expect(Array.from(agg.responses)).toEqual([4, 1]);
    expect(Array.from(agg.households)).toEqual([10, 10]);
    expect(agg.unassignedResponses).toBe(5);
    expect(unassignedResponses(ds, { kind: 'area', areaKind: 'estate' }, w1)).toEqual({
      ids: ['r3', 'r6', 'r7', 'r9', 'r10'],
      reasons: ['no_location', 'no_location', 'no_location', 'invalid_location', 'no_location'],
    });
    expect(areaKinds(ds)).toEqual(['district', 'estate']);
  });

  it('answers naming only a street go to the area with most of its addresses; an address tie goes by households', () => {
    const town = fixtureTown();
    const base = { date: '2024-03-10', householdSize: 2, nuisances: [], offers: [], campaignId: 'w1', needs: [] };
    // Polna (s3): its only address A2 is in E1 → E1. Lipowa (s1 + s2): A1 in E2 (10 households) and A3 in E1
    // (6 households, snapped to Lipowa): one address each, so households decide → E2. Krótka (s4, r3): no address
    // in any estate → stays unassigned, as before.
    const extra = [{ ...base, id: 'r13', streetId: 's3' }, { ...base, id: 'r14', streetId: 's1' }];
    const withStreetOnly = prepareDataset({ ...town, responses: [...town.responses, ...extra] }, { origin: ORIGIN });
    const agg = aggregateDataset(withStreetOnly, { kind: 'area', areaKind: 'estate' }, w1);
    expect(agg.unitIds).toEqual(['E1', 'E2']);
    expect(Array.from(agg.responses)).toEqual([4 + 1, 1 + 1]);
    expect(unassignedResponses(withStreetOnly, { kind: 'area', areaKind: 'estate' }, w1).ids).toEqual(['r3', 'r6', 'r7', 'r9', 'r10']);
  });

  it('per 250 m hexagon: the unit ids are the cells of the points', () => {
    const agg = aggregateDataset(ds, { kind: 'hex', sizeMeters: 250 }, w1);
    const cell = (x: number, y: number) => hexUnitId(...hexCellOf(x, y, 250), 250);
    const expected = new Map<string, number>();
    for (const [x, y] of [[300, 15], [10, 150], [150, 40], [150, 100], [100, -20]]) expected.set(cell(x!, y!), (expected.get(cell(x!, y!)) ?? 0) + 1);
    const got = new Map(agg.unitIds.map((id, u) => [id, agg.responses[u]!] as const).filter(([, r]) => r > 0));
    expect(got).toEqual(expected);
    // A4 at (5000, 5000) is a unit with households but no responses: units do not depend on the filter.
    expect(agg.unitIds).toContain(cell(5000, 5000));
  });

  it('per H3 cell at resolution 9', () => {
    const agg = aggregateDataset(ds, { kind: 'h3', resolution: 9 }, w1);
    let sum = 0;
    for (const r of agg.responses) sum += r;
    expect(sum + agg.unassignedResponses).toBe(10);
    expect(agg.unassignedResponses).toBe(5);
    expect(agg.unitIds.every((id) => /^89[0-9a-f]{13}$/.test(id))).toBe(true);
  });

  it('without a campaign filter counts both waves; an unknown campaign id matches nothing', () => {
    expect(aggregateDataset(ds, { kind: 'street' }).totalResponses).toBe(12);
    expect(aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['nope'] }).totalResponses).toBe(0);
  });

  it('rejects a bad severity or k as a caller bug', () => {
    expect(() => aggregateDataset(ds, { kind: 'street' }, { minSeverity: 4 as 1 })).toThrow(RangeError);
    expect(() => aggregateDataset(ds, { kind: 'street' }, { minResponses: -1 })).toThrow(RangeError);
  });
});

const SPECS: UnitSpec[] = [{ kind: 'street' }, { kind: 'area', areaKind: 'estate' }, { kind: 'area', areaKind: 'district' }, { kind: 'hex', sizeMeters: 250 }, { kind: 'hex', sizeMeters: 90 }, { kind: 'h3', resolution: 9 }];
const QUERIES: NeedQuery[] = [{}, { campaignIds: ['wave-1'] }, { campaignIds: ['wave-2'], minSeverity: 3 }];

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Only what a user sees: ids, counts, households, rates, intervals and flags. */
function snapshot(agg: UnitAggregates) {
  return {
    unitIds: agg.unitIds,
    households: Array.from(agg.households),
    responses: Array.from(agg.responses),
    needCounts: Array.from(agg.needCounts),
    needRates: Array.from(agg.needRates),
    needLower: Array.from(agg.needLower),
    flags: Array.from(agg.flags),
    unassigned: agg.unassignedResponses,
  };
}

describe('properties on synthetic towns', () => {
  for (const seed of [1, 2, 3]) {
    const town = syntheticTown({ seed, blocks: 12, addresses: 600, responses: 1500, barePointShare: 0.4 });
    // A few broken records: unknown address, unknown street, NaN point, far away point, unknown campaign.
    const broken = [
      { ...town.responses[0]!, id: 'bad-address', addressId: 'no-such-address' },
      { ...town.responses[1]!, id: 'bad-street', addressId: undefined, location: undefined, streetId: 'no-such-street' },
      { ...town.responses[2]!, id: 'nan-point', addressId: undefined, location: { type: 'Point' as const, coordinates: [NaN, 50] as [number, number] } },
      { ...town.responses[3]!, id: 'far-point', addressId: undefined, location: { type: 'Point' as const, coordinates: [20, 51] as [number, number] } },
      { ...town.responses[4]!, id: 'bad-campaign', campaignId: 'no-such-wave' },
    ];
    const input: DatasetInput = deepFreeze({ ...town, responses: [...town.responses, ...broken] });
    const before = JSON.stringify(input);
    const ds = prepareDataset(input);

    it(`every response is counted exactly once, in every layer and filter (seed ${seed})`, () => {
      for (const spec of SPECS) {
        for (const query of QUERIES) {
          const agg = aggregateDataset(ds, spec, query);
          expect(sum(agg.responses) + agg.unassignedResponses).toBe(agg.totalResponses);
          expect(unassignedResponses(ds, spec, query).ids).toHaveLength(agg.unassignedResponses);
          // Needs can never outnumber the responses of their unit.
          for (let u = 0; u < agg.unitCount; u++) for (let j = 0; j < agg.needCount; j++) expect(agg.needCounts[u * agg.needCount + j]).toBeLessThanOrEqual(agg.responses[u]!);
          expect(agg.needRates.every(Number.isFinite) && agg.needLower.every(Number.isFinite) && agg.responseRate.every(Number.isFinite)).toBe(true);
        }
      }
      const all = aggregateDataset(ds, { kind: 'street' });
      expect(all.totalResponses).toBe(1505);
      expect(sum(aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['wave-1'] }).responses) + sum(aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['wave-2'] }).responses)).toBe(
        sum(all.responses) - (ds.streetAssignment.unit[ds.responseIds.indexOf('bad-campaign')]! >= 0 ? 1 : 0),
      );
      expect(ds.diagnostics.responsesWithUnknownCampaign).toEqual(['bad-campaign']);
      const reasons = ds.diagnostics.unassignedToStreet;
      expect(reasons.reasons[reasons.ids.indexOf('nan-point')]).toBe('invalid_location');
      expect(reasons.reasons[reasons.ids.indexOf('far-point')]).toBe('too_far_from_street');
      expect(reasons.reasons[reasons.ids.indexOf('bad-street')]).toBe('unknown_street');
    });

    it(`households are distributed once: each layer's households sum to the located addresses' (seed ${seed})`, () => {
      const total = sum(input.addresses.map((a) => a.households ?? Number.NaN));
      expect(sum(aggregateDataset(ds, { kind: 'hex' }).households)).toBe(total);
      expect(sum(aggregateDataset(ds, { kind: 'h3', resolution: 10 }).households)).toBe(total);
      expect(sum(aggregateDataset(ds, { kind: 'area', areaKind: 'district' }).households)).toBe(total); // districts cover the town
    });

    it(`aggregates do not depend on the order of any input collection (seed ${seed})`, () => {
      const random = seededRandom(seed * 101);
      const shuffledInput: DatasetInput = deepFreeze({
        streets: shuffled(input.streets, random),
        addresses: shuffled(input.addresses, random),
        areas: shuffled(input.areas, random),
        campaigns: shuffled(input.campaigns, random),
        responses: shuffled(input.responses, random),
      });
      const other = prepareDataset(shuffledInput);
      for (const spec of SPECS) for (const query of QUERIES) expect(snapshot(aggregateDataset(other, spec, query))).toEqual(snapshot(aggregateDataset(ds, spec, query)));
      expect([...other.diagnostics.unassignedToStreet.ids].sort()).toEqual([...ds.diagnostics.unassignedToStreet.ids].sort());
    });

    it(`leaves its frozen input untouched (seed ${seed})`, () => {
      expect(JSON.stringify(input)).toBe(before);
      expect(Object.isFrozen(input.responses[0]!.needs)).toBe(true);
    });
  }
});
