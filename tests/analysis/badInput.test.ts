import { describe, expect, it } from 'vitest';
import { buildAreaRaster, locateAreas, OUTSIDE_ALL_AREAS } from '../../src/analysis/areaRaster';
import { prepareDataset, type DatasetInput } from '../../src/analysis/dataset';
import { smoothRatesEmpiricalBayes } from '../../src/analysis/empiricalBayes';
import { createExploreSession } from '../../src/analysis/exploreSession';
import { getisOrdGiStar, hotSpotsForUnits } from '../../src/analysis/giStar';
import { assignHexCells, NO_HEX_CELL } from '../../src/analysis/hexGrid';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { compositeNeedIndex, EQUAL_NEED_WEIGHTS } from '../../src/analysis/needIndex';
import { aggregateDataset, unassignedResponses } from '../../src/analysis/needQueries';
import { buildSegmentIndex, nearestSegment, snapPointsToSegments } from '../../src/analysis/segmentIndex';
import { UNIT_NO_HOUSEHOLDS, UNIT_SUPPRESSED, type UnitAggregates } from '../../src/analysis/unitAggregates';
import { ringsCentroid } from '../../src/analysis/unitLayers';
import { compareWaves } from '../../src/analysis/waveComparison';
import { NeedMapQuery } from '../../src/domain/analysisRequest';
import type { Area } from '../../src/domain/area';
import type { Street } from '../../src/domain/street';
import type { SurveyResponse } from '../../src/domain/survey';
import * as fixture from './fixtureTown';
import { deepFreeze } from './seededRandom';

/**
 * Issue 3, "Correctness", last point: bad input gives a result with diagnostics — never an exception, never NaN in
 * a numeric output except where src/analysis/README.md documents NaN ("no point", "suppressed", "unknown centre").
 * The town here is tests/analysis/fixtureTown.ts (metres around [19, 50]), changed one defect at a time.
 */

const p = createLocalProjection(...fixture.ORIGIN);
const at = (x: number, y: number): [number, number] => p.inverse(x, y);
const ring = (...xy: [number, number][]) => xy.map(([x, y]) => at(x, y));
const pointAt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: at(x, y) });
const base = { date: '2024-03-10', householdSize: 2, nuisances: [], offers: [] };
const bare = (id: string, x: number, y: number, needs: SurveyResponse['needs'] = []): SurveyResponse => ({ ...base, id, campaignId: 'w1', location: pointAt(x, y), needs });

const town = (changes: Partial<DatasetInput> = {}): DatasetInput =>
  deepFreeze({ streets: fixture.streets, addresses: fixture.addresses, areas: fixture.areas, responses: fixture.responses, campaigns: fixture.campaigns, ...changes });

/** Paths of NaN numbers in a result (typed arrays and plain numbers, recursively), minus the documented ones. */
function nanPaths(value: unknown, allowed: readonly string[] = [], path = ''): string[] {
  if (typeof value === 'number') return Number.isNaN(value) && !allowed.includes(path) ? [path] : [];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (allowed.includes(path)) return [];
    const list = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < list.length; i++) if (typeof list[i] === 'number' && Number.isNaN(list[i])) return [`${path}[${i}]`];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => nanPaths(v, allowed, `${path}[${i}]`)).map((s) => (allowed.includes(s.replace(/\[\d+\]/g, '[]')) ? '' : s)).filter(Boolean);
  if (value instanceof Map || value instanceof Set) return [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nanPaths(v, allowed, path ? `${path}.${k}` : k));
  return [];
}

/** An aggregate has no NaN anywhere (centres may be NaN only for a street without segments: documented). */
const aggregateNaN = (agg: UnitAggregates) => nanPaths({ ...agg, centerXs: undefined, centerYs: undefined });

describe('empty sets', () => {
  it('no responses, no areas, no streets, no addresses: every layer is empty, nothing throws', () => {
    const ds = prepareDataset(town({ streets: [], addresses: [], areas: [], responses: [] }));
    expect(ds.projection.originLng).toBe(0); // no coordinates at all: the documented fallback origin
    for (const spec of [{ kind: 'street' }, { kind: 'area', areaKind: 'estate' }, { kind: 'hex' }] as const) {
      const agg = aggregateDataset(ds, spec);
      expect({ units: agg.unitCount, total: agg.totalResponses, unassigned: agg.unassignedResponses }).toEqual({ units: 0, total: 0, unassigned: 0 });
      expect(aggregateNaN(agg)).toEqual([]);
      const index = compositeNeedIndex(agg, EQUAL_NEED_WEIGHTS);
      expect(index.ok && index.index.length).toBe(0);
      const gi = hotSpotsForUnits(agg, new Float64Array(0), { weights: { kind: 'kNearest', k: 8 } });
      expect(gi.diagnostics).toEqual([{ code: 'too_few_units', count: 0, message: 'the hot-spot test needs at least 3 units with values, found 0' }]);
      expect(smoothRatesEmpiricalBayes(agg).rates.length).toBe(0);
    }
  });

  it('no responses: units exist with zero counts, suppressed, rates 0 and Wilson [0, 1] — not 0/0', () => {
    const ds = prepareDataset(town({ responses: [] }));
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' });
    expect([...agg.unitIds]).toEqual(['E1', 'E2']);
    expect([...agg.responses]).toEqual([0, 0]);
    expect([...agg.flags]).toEqual([UNIT_SUPPRESSED, UNIT_SUPPRESSED]);
    expect([...agg.needRates.slice(0, 12)]).toEqual(new Array(12).fill(0));
    expect([agg.needLower[0], agg.needUpper[0]]).toEqual([0, 1]);
    // E1 holds A2 (4 households) and A3 (6); E2 holds A1 (10): response rate 0 / h = 0.
    expect([...agg.households]).toEqual([10, 10]);
    expect([...agg.responseRate]).toEqual([0, 0]);
    expect(aggregateNaN(agg)).toEqual([]);
    const eb = smoothRatesEmpiricalBayes(agg);
    expect(nanPaths(eb)).toEqual([]);
  });

  it('no areas: an area layer of a kind that does not exist has no units; every response is unassigned, with reasons', () => {
    const ds = prepareDataset(town({ areas: [] }));
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' });
    expect(agg.unitCount).toBe(0);
    expect(agg.unassignedResponses).toBe(agg.totalResponses);
    const { ids, reasons } = unassignedResponses(ds, { kind: 'area', areaKind: 'estate' });
    expect(ids.length).toBe(fixture.responses.length);
    // r3, r7 have only a streetId (s4 / unknown), r6 an unknown address, r10 nothing: no point; r9 has a NaN point.
    const byId = Object.fromEntries(ids.map((id, i) => [id, reasons[i]]));
    expect(byId).toMatchObject({ r1: 'outside_every_area', r3: 'no_location', r6: 'no_location', r9: 'invalid_location', r10: 'no_location' });
  });

  it('no streets: bare points are too far from every street, responses naming a street are unknown_street', () => {
    const ds = prepareDataset(town({ streets: [] }));
    const agg = aggregateDataset(ds, { kind: 'street' });
    expect(agg.unitCount).toBe(0);
    expect(agg.unassignedResponses).toBe(fixture.responses.length);
    const counts = ds.diagnostics.streetReasonCounts;
    expect(counts.assigned).toBe(0);
    expect(counts.too_far_from_street).toBeGreaterThan(0);
    expect(ds.diagnostics.addressesWithoutStreet).toEqual(['A1', 'A2', 'A3', 'A4']);
    const r3 = ds.responseIds.indexOf('r3');
    expect(ds.diagnostics.unassignedToStreet.reasons[ds.diagnostics.unassignedToStreet.ids.indexOf('r3')]).toBe('unknown_street');
    expect(r3).toBeGreaterThanOrEqual(0);
  });

  it('the explore facade on an empty workspace answers with values or messages, never throws', () => {
    const session = createExploreSession({ streets: [], addresses: [], areas: [], responses: [], campaigns: [], resources: [], groups: [] });
    expect(session.summary().campaigns).toEqual([]);
    const map = session.needMap(NeedMapQuery.parse({ unit: { kind: 'hex', hexSizeMeters: 250 }, campaignId: 'w1', selection: { kind: 'index', weights: { housing: 1 } } }));
    expect(map).toMatchObject({ ok: false, message: 'unknown survey wave "w1"' });
  });

  it('the explore facade with every unit suppressed: NaN only where documented (values, smoothed and ranking values, intervals)', () => {
    const session = createExploreSession({ ...town(), resources: [], groups: [] });
    for (const selection of [{ kind: 'need', needId: 'housing' }, { kind: 'index', weights: { housing: 1, health: 2 } }] as const) {
      const map = session.needMap(NeedMapQuery.parse({ unit: { kind: 'street' }, campaignId: 'w1', minResponses: 100, selection, smoothing: 'empiricalBayes' }));
      if (!map.ok) throw new Error(map.message);
      expect(map.value.suppressed.length).toBeGreaterThan(0); // every() of nothing would be true
      expect([...map.value.suppressed].every((s) => s === 1)).toBe(true);
      expect([...map.value.values].every(Number.isNaN)).toBe(true);
      expect(nanPaths(map.value, ['values', 'smoothedValues', 'rankingValues', 'lower', 'upper', 'centers'])).toEqual([]);
    }
  });
});

describe('points outside every area', () => {
  it('are counted as unassigned with the reason outside_every_area, and Σ units + unassigned = total', () => {
    const responses = [bare('in-e1', 100, 100), bare('in-e2', 400, 100), bare('far-1', 3000, 3000), bare('far-2', -900, 100)];
    const ds = prepareDataset(town({ responses }));
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' });
    expect([...agg.responses]).toEqual([1, 1]);
    expect({ total: agg.totalResponses, unassigned: agg.unassignedResponses }).toEqual({ total: 4, unassigned: 2 });
    expect(unassignedResponses(ds, { kind: 'area', areaKind: 'estate' })).toEqual({ ids: ['far-1', 'far-2'], reasons: ['outside_every_area', 'outside_every_area'] });
  });
});

describe('degenerate and self-intersecting polygons', () => {
  const estate = (id: string, coordinates: [number, number][][]): Area => ({ id, name: id, kind: 'estate', geometry: { type: 'Polygon', coordinates } });

  it('a zero-area ring (collinear), a ring of one repeated point and a two-vertex ring contain nothing; the good estate still counts', () => {
    const areas = [
      estate('flat', [ring([0, 0], [100, 0], [200, 0], [0, 0])]),
      estate('dot', [ring([50, 50], [50, 50], [50, 50], [50, 50])]),
      estate('stick', [ring([0, 0], [0, 100])]),
      estate('good', [ring([-50, -50], [250, -50], [250, 250], [-50, 250], [-50, -50])]),
    ];
    const responses = [bare('on-flat', 100, 0), bare('on-dot', 50, 50), bare('inside-good', 100, 100)];
    const ds = prepareDataset(town({ areas, responses }));
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' });
    expect([...agg.unitIds]).toEqual(['dot', 'flat', 'good', 'stick']);
    // The first two points also lie inside 'good'; the degenerate areas claim none of them.
    expect([...agg.responses]).toEqual([0, 0, 3, 0]);
    expect(aggregateNaN(agg)).toEqual([]);
    // Centres stay finite: the mean vertex for zero-area rings (unitLayers.ringsCentroid's documented fallback).
    expect([...agg.centerXs].every(Number.isFinite)).toBe(true);
    expect(ringsCentroid([Float64Array.of(0, 0, 100, 0, 200, 0, 0, 0)])).toEqual([75, 0]);
  });

  it('a bow-tie (self-intersecting) estate counts both lobes by the even-odd rule, deterministically', () => {
    // (0,0) → (200,200) → (200,0) → (0,200) → (0,0): lobes left (x < 100) and right (x > 100), crossing at (100, 100).
    const areas = [estate('bowtie', [ring([0, 0], [200, 200], [200, 0], [0, 200], [0, 0])])];
    const responses = [bare('left-lobe', 20, 100), bare('right-lobe', 180, 100), bare('above-crossing', 100, 160), bare('below-crossing', 100, 40)];
    const ds = prepareDataset(town({ areas, responses }));
    const agg = aggregateDataset(ds, { kind: 'area', areaKind: 'estate' });
    expect([...agg.responses]).toEqual([2]);
    expect(unassignedResponses(ds, { kind: 'area', areaKind: 'estate' }).ids).toEqual(['above-crossing', 'below-crossing']);
    // The lobes' signed areas cancel (+20,000 and −20,000 m²), so the centroid falls back to the mean vertex: of the
    // five listed vertices, closing one included, (0+200+200+0+0)/5 = 80 on each axis, in the fixture's metres.
    const [x, y] = ds.projection.forward(...at(80, 80));
    expect(agg.centerXs[0]).toBeCloseTo(x, 6);
    expect(agg.centerYs[0]).toBeCloseTo(y, 6);
  });
});

describe('NaN coordinates inside typed arrays', () => {
  it('point in area, hexagon and nearest segment skip NaN points and say so', () => {
    const xs = Float64Array.of(100, NaN, 100, Infinity);
    const ys = Float64Array.of(100, 100, NaN, 0);
    const raster = buildAreaRaster([[Float64Array.of(0, 0, 200, 0, 200, 200, 0, 200, 0, 0)]]);
    const areaOut = new Int32Array(4);
    expect(locateAreas(raster, xs, ys, areaOut)).toBe(3);
    expect([...areaOut]).toEqual([0, OUTSIDE_ALL_AREAS, OUTSIDE_ALL_AREAS, OUTSIDE_ALL_AREAS]);
    const keys = assignHexCells(xs, ys, 250);
    expect([...keys.slice(1)]).toEqual([NO_HEX_CELL, NO_HEX_CELL, NO_HEX_CELL]);
    const index = buildSegmentIndex(Float64Array.of(0, NaN), Float64Array.of(0, 0), Float64Array.of(200, 50), Float64Array.of(0, 0));
    expect(nearestSegment(index, NaN, 10, 60)).toBe(-1);
    expect(nearestSegment(index, 50, 10, 60)).toBe(0); // the NaN segment 1 is left out of the index
    const segOut = new Int32Array(4);
    expect(snapPointsToSegments(index, Float64Array.of(50, NaN, 50, 50), Float64Array.of(10, 10, NaN, 500), 60, segOut)).toBe(3);
    expect([...segOut]).toEqual([0, -1, -1, -1]);
  });

  it('a NaN vertex in an area ring is dropped, not propagated', () => {
    const raster = buildAreaRaster([[Float64Array.of(0, 0, 200, 0, NaN, 100, 200, 200, 0, 200, 0, 0)]]);
    const out = new Int32Array(2);
    locateAreas(raster, Float64Array.of(100, 300), Float64Array.of(100, 100), out);
    expect([...out]).toEqual([0, OUTSIDE_ALL_AREAS]);
  });

  it('a response with a NaN coordinate is invalid_location in every layer and never reaches a unit', () => {
    const responses = [bare('ok', 100, 40), { ...base, id: 'nan', campaignId: 'w1', location: { type: 'Point' as const, coordinates: [NaN, 50] as [number, number] }, needs: [] }];
    const ds = prepareDataset(town({ responses }));
    for (const spec of [{ kind: 'street' }, { kind: 'area', areaKind: 'estate' }, { kind: 'hex' }] as const) {
      const agg = aggregateDataset(ds, spec);
      expect({ spec: spec.kind, total: agg.totalResponses, unassigned: agg.unassignedResponses }).toEqual({ spec: spec.kind, total: 2, unassigned: 1 });
      expect(unassignedResponses(ds, spec)).toEqual({ ids: ['nan'], reasons: ['invalid_location'] });
      expect(aggregateNaN(agg)).toEqual([]);
    }
  });

  it('Gi* leaves units with NaN centres or values out, with a diagnostic, and no NaN in z or p', () => {
    const xs = Float64Array.of(0, 100, 200, 300, NaN, 500);
    const ys = new Float64Array(6);
    const values = Float64Array.of(1, 2, 3, NaN, 5, 6);
    const gi = getisOrdGiStar(xs, ys, values, { weights: { kind: 'kNearest', k: 2 } });
    expect([...gi.computed]).toEqual([1, 1, 1, 0, 0, 1]);
    expect(gi.diagnostics[0]).toMatchObject({ code: 'units_not_computed', count: 2 });
    expect(nanPaths(gi)).toEqual([]);
  });
});

describe('streets with no name', () => {
  it('each unnamed record is its own street, listed in the diagnostics, and gets its points', () => {
    const streets: Street[] = [
      ...fixture.streets,
      { id: 'u1', prefix: 'ul.', name: '', geometry: { type: 'MultiLineString', coordinates: [ring([0, 2000], [200, 2000])] } },
      { id: 'u2', prefix: 'ul.', name: '   ', geometry: { type: 'MultiLineString', coordinates: [ring([0, 3000], [200, 3000])] } },
    ];
    const responses = [bare('near-u1', 100, 2010), bare('near-u2', 100, 3020)];
    const ds = prepareDataset(town({ streets, responses }));
    expect(ds.diagnostics.unnamedStreetIds).toEqual(['u1', 'u2']);
    const agg = aggregateDataset(ds, { kind: 'street' });
    expect([...agg.unitIds]).toEqual(['s1', 's3', 's4', 'u1', 'u2']);
    expect([...agg.responses]).toEqual([0, 0, 0, 1, 1]);
    expect(aggregateNaN(agg)).toEqual([]);
  });
});

describe('a unit with zero households', () => {
  it('is flagged UNIT_NO_HOUSEHOLDS with response rate 0, not Infinity or NaN', () => {
    // s4 (ul. Krótka) has no address: 0 households, but r3 names it.
    const ds = prepareDataset(town());
    const agg = aggregateDataset(ds, { kind: 'street' }, { minResponses: 1 });
    const s4 = agg.unitIds.indexOf('s4');
    expect({ households: agg.households[s4], responses: agg.responses[s4], rate: agg.responseRate[s4], noHouseholds: (agg.flags[s4]! & UNIT_NO_HOUSEHOLDS) !== 0 }).toEqual({ households: 0, responses: 1, rate: 0, noHouseholds: true });
    expect(aggregateNaN(agg)).toEqual([]);
  });
});

describe('k larger than any unit', () => {
  it('suppresses every unit; Gi*, EB smoothing and wave comparison answer without NaN', () => {
    const ds = prepareDataset(town());
    const agg = aggregateDataset(ds, { kind: 'street' }, { minResponses: 1000 });
    expect(agg.unitCount).toBeGreaterThan(0); // every() of nothing would be true
    expect([...agg.flags].every((f) => (f & UNIT_SUPPRESSED) !== 0)).toBe(true);
    const index = compositeNeedIndex(agg, EQUAL_NEED_WEIGHTS);
    expect(index.ok).toBe(true);
    const gi = hotSpotsForUnits(agg, index.ok ? index.index : new Float64Array(agg.unitCount), { weights: { kind: 'kNearest', k: 8 } });
    expect(gi.unitsComputed).toBe(0);
    expect(gi.diagnostics.map((d) => [d.code, d.count])).toEqual([['units_not_computed', agg.unitCount], ['too_few_units', 0]]);
    expect(nanPaths(gi)).toEqual([]);
    expect(nanPaths(smoothRatesEmpiricalBayes(agg))).toEqual([]);
    const before = aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['w1'], minResponses: 1000 });
    const after = aggregateDataset(ds, { kind: 'street' }, { campaignIds: ['w2'], minResponses: 1000 });
    const change = compareWaves(before, after, { minResponses: 1000 });
    expect([...change.suppressed].every((s) => s === 1)).toBe(true);
  });
});

describe('all-zero weights', () => {
  it('is an answer asking for a need, not a division by zero', () => {
    const agg = aggregateDataset(prepareDataset(town()), { kind: 'street' });
    expect(compositeNeedIndex(agg, { housing: 0, health: 0 })).toEqual({ ok: false, reason: 'all_weights_zero', message: 'all need weights are zero: give at least one need a weight above zero' });
    expect(compositeNeedIndex(agg, {})).toMatchObject({ ok: false, reason: 'all_weights_zero' });
    expect(compositeNeedIndex(agg, { housing: Number.NaN })).toMatchObject({ ok: false, reason: 'invalid_weight' });
  });
});

describe('Gi* with too few units or no variation', () => {
  const xs = Float64Array.of(0, 100, 200, 300);
  const ys = new Float64Array(4);

  it('fewer than 3 units: too_few_units, z 0, p 1, nothing significant', () => {
    const gi = getisOrdGiStar(xs.slice(0, 2), ys.slice(0, 2), Float64Array.of(1, 5), { weights: { kind: 'kNearest', k: 1 } });
    expect(gi.diagnostics).toEqual([{ code: 'too_few_units', count: 2, message: 'the hot-spot test needs at least 3 units with values, found 2' }]);
    expect({ z: [...gi.zScores], p: [...gi.pValues], q: [...gi.qValues], bins: [...gi.giBinFdr] }).toEqual({ z: [0, 0], p: [1, 1], q: [1, 1], bins: [0, 0] });
  });

  it('constant values: no_variation, z 0, p 1', () => {
    const gi = getisOrdGiStar(xs, ys, Float64Array.of(0.3, 0.3, 0.3, 0.3), { weights: { kind: 'distanceBand', thresholdMeters: 150 } });
    expect(gi.diagnostics.map((d) => d.code)).toEqual(['no_variation']);
    expect({ z: [...gi.zScores], p: [...gi.pValues], computed: [...gi.computed] }).toEqual({ z: [0, 0, 0, 0], p: [1, 1, 1, 1], computed: [0, 0, 0, 0] });
  });

  it('all-zero values (no one reports the need) are no variation too', () => {
    const gi = getisOrdGiStar(xs, ys, new Float64Array(4), { weights: { kind: 'kNearest', k: 2 } });
    expect(gi.diagnostics.map((d) => d.code)).toEqual(['no_variation']);
    expect(nanPaths(gi)).toEqual([]);
  });
});
