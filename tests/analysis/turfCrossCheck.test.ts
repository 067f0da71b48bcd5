import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bbox as turfBbox, booleanPointInPolygon, featureCollection, nearestPointOnLine, point, pointsWithinPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDataset, type PreparedDataset } from '../../src/analysis/dataset';
import { locateArea } from '../../src/analysis/areaRaster';
import { aggregateDataset } from '../../src/analysis/needQueries';
import { unitLayer } from '../../src/analysis/unitLayers';
import { ASSIGNMENT_REASONS, DEFAULT_MAX_SNAP_DISTANCE_METERS } from '../../src/analysis/streetAssignment';
import type { Area } from '../../src/domain/area';
import type { Street } from '../../src/domain/street';
import type { SurveyResponse } from '../../src/domain/survey';
import { Workspace } from '../../src/domain/workspace';

/**
 * Issue 3, "Correctness": the engine against naive @turf/turf on the committed demo town (data/demo), validated with
 * src/domain exactly as the app loads it.
 *  - Areas: responses and households per estate, district and care region counted with turf.pointsWithinPolygon
 *    (every point against every polygon, planar in [lng, lat]) vs prepareDataset + aggregateDataset (lookup raster in
 *    local metres). The local projection is affine, so containment is the same in both; counts must be identical.
 *  - Streets: bare-point responses (no address, no streetId) snapped with turf.nearestPointOnLine (great-circle
 *    distance in metres, spherical R = 6,371,008.8 m) to the nearest street within 60 m vs the engine's street
 *    assignment (planar metres in the local projection, WGS84 radii at the origin); then every address location
 *    taken as a bare point (8,112 more). Ties: a point nearest to the vertex two crossing streets share is equally
 *    near both; the engine takes the lower segment index in canonical order (= the smaller street id), and the
 *    reference does the same. The two metrics differ by < 0.5 %, so "close calls" (second street less than
 *    1 % + 1 cm farther, or the distance within that of 60 m) may go either way: they are counted, their
 *    disagreements listed and bounded; every other point must get the identical street, and the unassigned sets
 *    must be identical.
 */

const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
// data/demo is committed: a missing file fails the suite instead of skipping it.
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));

const MAX_SNAP = DEFAULT_MAX_SNAP_DISTANCE_METERS;
const TIE_METERS = 0.001;
/** 0.001° is ≥ 71 m east–west and 111 m north–south at 50° N: a street whose bbox grown by it misses a point is > 60 m away. */
const BBOX_MARGIN_DEGREES = 0.001;

interface TurfSnap {
  /** Street unit id (the smallest record id of streets sharing prefix and name), or null beyond 60 m. */
  streetId: string | null;
  meters: number;
  /** Two or more streets equally near (within 1 mm: in practice the shared vertex of a crossing). */
  tie: boolean;
  /** A tie, or within 1 % (+ 1 cm) of the 60 m limit, or the second street less than 1 % (+ 1 cm) farther than the first. */
  borderline: boolean;
}

/**
 * Naive nearest street: turf.nearestPointOnLine against every street whose grown bbox holds the point. Exact ties
 * (a point nearest to the vertex two crossing streets share) are resolved the engine's documented way: the lower
 * segment index in canonical order, i.e. the street unit with the smaller id.
 */
function turfNearestStreet(streets: readonly Street[], unitOf: ReadonlyMap<string, string>, boxes: readonly number[][], lngLat: [number, number]): TurfSnap {
  const pt = point(lngLat);
  const byUnit = new Map<string, number>();
  for (let s = 0; s < streets.length; s++) {
    const [x0, y0, x1, y1] = boxes[s]!;
    if (lngLat[0] < x0! || lngLat[0] > x1! || lngLat[1] < y0! || lngLat[1] > y1!) continue;
    const d = nearestPointOnLine(streets[s]!.geometry, pt, { units: 'meters' }).properties.pointDistance;
    const id = unitOf.get(streets[s]!.id)!;
    byUnit.set(id, Math.min(d, byUnit.get(id) ?? Infinity));
  }
  const ranked = [...byUnit].sort(([ia, a], [ib, b]) => a - b || (ia < ib ? -1 : 1));
  const [bestId, best] = ranked[0] ?? [null, Infinity];
  const tied = ranked.filter(([, d]) => d - best <= TIE_METERS).map(([id]) => id).sort();
  const gap = (ranked[tied.length]?.[1] ?? Infinity) - best;
  // Planar and great-circle metres differ by < 0.5 %: closer calls than 1 % (+ 1 cm) may go either way.
  const slack = 0.01 * best + 0.01;
  const borderline = tied.length > 1 || Math.abs(best - MAX_SNAP) < slack || (best <= MAX_SNAP + slack && gap < slack);
  return { streetId: best <= MAX_SNAP ? (tied[0] ?? bestId) : null, meters: best, tie: tied.length > 1, borderline };
}

/** Street record id → unit id, grouped by prefix + trimmed, case-folded name (the rule of issue 3, part 1, written independently). */
function streetUnitIds(streets: readonly Street[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const s of streets) {
    const key = `${s.prefix}|${s.name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl')}`;
    groups.set(key, [...(groups.get(key) ?? []), s.id]);
  }
  const out = new Map<string, string>();
  for (const ids of groups.values()) {
    const unit = [...ids].sort()[0]!;
    for (const id of ids) out.set(id, unit);
  }
  return out;
}

describe('the demo town against naive @turf/turf', () => {
  let workspace: Workspace;
  let ds: PreparedDataset;
  /** Each response's point: its address's location, else its own (as the engine defines it). */
  let responsePoints: ReturnType<typeof point<{ id: string; campaignId: string }>>[];

  beforeAll(() => {
    workspace = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, read(f)])) });
    ds = prepareDataset(workspace);
    const addressById = new Map(workspace.addresses.map((a) => [a.id, a]));
    responsePoints = [];
    for (const r of workspace.responses) {
      const at = (r.addressId !== undefined ? addressById.get(r.addressId)?.location : undefined) ?? r.location;
      if (at) responsePoints.push(point(at.coordinates as [number, number], { id: r.id, campaignId: r.campaignId }));
    }
  });

  it('has the data the comparisons need', () => {
    expect(workspace.responses.length).toBe(5831);
    expect(workspace.areas.map((a) => a.kind).sort().join(',')).toMatch(/^(care_region,){8}(district,){4}(estate,){14}estate$/);
    expect(workspace.responses.filter((r) => !r.addressId && !r.streetId && r.location).length).toBe(110);
  });

  // Points exactly on an area's edge: turf counts them inside (ignoreBoundary false), the engine's even-odd test puts
  // them on either side (src/analysis/areaRaster.ts says so). The demo town has two such addresses, on the edge of
  // estate-dabrowka (1 household each); they are checked apart, everything else must match exactly.
  const EXPECTED_BOUNDARY_POINTS: Record<string, string[]> = { estate: ['addr-cypriana-norwida-1', 'addr-cypriana-norwida-2'], district: [], care_region: [] };

  for (const kind of ['estate', 'district', 'care_region'] as const) {
    it(`counts responses and households per ${kind} exactly as turf.pointsWithinPolygon does`, () => {
      const areas = workspace.areas.filter((a) => a.kind === kind).sort((a, b) => (a.id < b.id ? -1 : 1));
      const agg = aggregateDataset(ds, { kind: 'area', areaKind: kind });
      expect([...agg.unitIds]).toEqual(areas.map((a) => a.id));
      const onEdge = (p: [number, number]) => areas.some((a) => booleanPointInPolygon(p, a.geometry) !== booleanPointInPolygon(p, a.geometry, { ignoreBoundary: true }));
      const located = workspace.addresses.filter((a) => a.location);
      const boundaryAddresses = located.filter((a) => onEdge(a.location!.coordinates as [number, number]));
      expect(boundaryAddresses.map((a) => a.id)).toEqual(EXPECTED_BOUNDARY_POINTS[kind]);
      expect(responsePoints.filter((p) => onEdge(p.geometry.coordinates as [number, number]))).toEqual([]);
      const boundaryIds = new Set(boundaryAddresses.map((a) => a.id));
      const everyPoint = featureCollection(responsePoints);
      const addressPoints = featureCollection(located.filter((a) => !boundaryIds.has(a.id)).map((a) => point(a.location!.coordinates as [number, number], { households: a.households ?? 0 })));
      const wave = workspace.campaigns[0]!.id;
      const aggWave = aggregateDataset(ds, { kind: 'area', areaKind: kind }, { campaignIds: [wave] });
      // The engine's households of the boundary addresses, wherever it put them (at most one area each).
      const engineBoundaryHouseholds = new Float64Array(areas.length);
      const raster = unitLayer(ds, { kind: 'area', areaKind: kind }).raster!;
      for (const a of boundaryAddresses) {
        const [x, y] = ds.projection.forward(...(a.location!.coordinates as [number, number]));
        const u = locateArea(raster, x, y);
        if (u >= 0) engineBoundaryHouseholds[u]! += a.households ?? 0;
      }
      // Answers with no point are placed through their street (the area with most of its addresses, unitLayers.ts):
      // not a point-in-polygon question, so they are taken out here and checked in needQueries.test.ts / demoTown.
      const layer = unitLayer(ds, { kind: 'area', areaKind: kind });
      const byStreet = new Float64Array(areas.length);
      const byStreetWave = new Float64Array(areas.length);
      for (let i = 0; i < ds.responseIds.length; i++) {
        const u = layer.unitOfResponse[i]!;
        if (u < 0 || Number.isFinite(ds.responseXs[i]!)) continue;
        byStreet[u]!++;
        if (ds.campaignIds[ds.responseCampaign[i]!] === wave) byStreetWave[u]!++;
      }
      let inSomeArea = 0;
      areas.forEach((area: Area, u) => {
        const inside = pointsWithinPolygon(everyPoint, area.geometry).features;
        const households = pointsWithinPolygon(addressPoints, area.geometry).features.reduce((sum, f) => sum + f.properties.households, 0);
        expect({ area: area.id, responses: agg.responses[u]! - byStreet[u]!, households: agg.households[u]! - engineBoundaryHouseholds[u]!, wave: aggWave.responses[u]! - byStreetWave[u]! }).toEqual({
          area: area.id,
          responses: inside.length,
          households,
          wave: inside.filter((f) => f.properties.campaignId === wave).length,
        });
        inSomeArea += inside.length;
      });
      // No point is in two areas of one kind (else turf would count it twice), and nothing is lost.
      const placedByStreet = byStreet.reduce((a, b) => a + b, 0);
      expect(inSomeArea + placedByStreet + agg.unassignedResponses).toBe(agg.totalResponses);
      expect(agg.totalResponses).toBe(workspace.responses.length);
      const outsideTurf = responsePoints.filter((p) => !areas.some((a) => booleanPointInPolygon(p, a.geometry))).length;
      expect(agg.unassignedResponses).toBe(outsideTurf + (workspace.responses.length - responsePoints.length) - placedByStreet);
      expect(placedByStreet).toBe(layer.assignedByStreet);
    });
  }

  /** Runs both snappers over bare points; returns what the assertions need. */
  function compareSnapping(points: { id: string; lngLat: [number, number] }[]) {
    const responses: SurveyResponse[] = points.map((p) => ({ id: p.id, campaignId: workspace.campaigns[0]!.id, date: '2025-05-01', householdSize: 1, needs: [], nuisances: [], offers: [], location: { type: 'Point', coordinates: p.lngLat } }));
    // Same records as the app (origin = centre of the data's bbox), responses replaced by the bare points.
    const bare = prepareDataset({ ...workspace, responses }, { origin: [ds.projection.originLng, ds.projection.originLat] });
    const unitOf = streetUnitIds(workspace.streets);
    const boxes = workspace.streets.map((s) => {
      const [x0, y0, x1, y1] = turfBbox(s.geometry);
      return [x0 - BBOX_MARGIN_DEGREES, y0 - BBOX_MARGIN_DEGREES, x1 + BBOX_MARGIN_DEGREES, y1 + BBOX_MARGIN_DEGREES];
    });
    const mismatches: string[] = [];
    const borderline: string[] = [];
    let ties = 0;
    let closeCalls = 0;
    let maxCloseCallDifference = 0;
    const turfUnassigned: string[] = [];
    let maxRelativeDistanceError = 0;
    points.forEach((p, i) => {
      const turf = turfNearestStreet(workspace.streets, unitOf, boxes, p.lngLat);
      const unit = bare.streetAssignment.unit[i]!;
      const engineId = unit >= 0 ? bare.streets.unitIds[unit]! : null;
      if (turf.streetId === null) turfUnassigned.push(p.id);
      if (turf.tie) ties++;
      if (turf.borderline) closeCalls++;
      if (engineId !== turf.streetId && turf.borderline) {
        const engineMeters = bare.streetAssignment.snapDistanceMeters[i]!;
        borderline.push(`${p.id}: turf ${turf.streetId} ${turf.meters.toFixed(2)} m, engine ${engineId} ${engineMeters.toFixed(2)} m`);
        // A close call: the engine's street is as near (within the metric difference) as turf's.
        maxCloseCallDifference = Math.max(maxCloseCallDifference, Math.abs(engineMeters - turf.meters) / turf.meters);
        return;
      }
      if (engineId !== turf.streetId) mismatches.push(`${p.id}: turf ${turf.streetId} at ${turf.meters.toFixed(2)} m, engine ${engineId} at ${bare.streetAssignment.snapDistanceMeters[i]!.toFixed(2)} m`);
      else if (engineId !== null) maxRelativeDistanceError = Math.max(maxRelativeDistanceError, Math.abs(bare.streetAssignment.snapDistanceMeters[i]! - turf.meters) / Math.max(turf.meters, 1));
    });
    const engineUnassigned = bare.diagnostics.unassignedToStreet;
    return { mismatches, borderline, ties, closeCalls, maxCloseCallDifference, turfUnassigned, engineUnassigned, maxRelativeDistanceError };
  }

  it('snaps the 110 bare-point responses to the same streets as turf.nearestPointOnLine (≤ 60 m), and leaves the same ones unassigned', () => {
    const points = workspace.responses.filter((r) => !r.addressId && !r.streetId && r.location).map((r) => ({ id: r.id, lngLat: r.location!.coordinates as [number, number] }));
    const result = compareSnapping(points);
    // 6 points sit nearest to a crossing's shared vertex (exact ties, resolved to the smaller street id by both),
    // 1 more is a close call (closeCalls counts both); none differs.
    expect({ ties: result.ties, closeCalls: result.closeCalls, differing: result.borderline }).toEqual({ ties: 6, closeCalls: 7, differing: [] });
    expect(result.mismatches).toEqual([]);
    expect(result.engineUnassigned.ids).toEqual(result.turfUnassigned);
    expect(new Set(result.engineUnassigned.reasons)).toEqual(new Set(result.turfUnassigned.length > 0 ? ['too_far_from_street'] : []));
    // Planar local metres vs great-circle metres: < 0.5 % apart (the projection's stated error within 10 km).
    expect(result.maxRelativeDistanceError).toBeLessThan(0.005);
    // The same responses inside the full demo dataset: identical street ids to the bare-point run above.
    const byId = new Map(ds.responseIds.map((id, i) => [id, i]));
    for (const id of result.turfUnassigned) expect(ASSIGNMENT_REASONS[ds.streetAssignment.reason[byId.get(id)!]!]).toBe('too_far_from_street');
  });

  it('snaps every address location, taken as a bare point, to the same street as turf (8,112 points)', () => {
    const points = workspace.addresses.filter((a) => a.location).map((a) => ({ id: `at-${a.id}`, lngLat: a.location!.coordinates as [number, number] }));
    expect(points.length).toBe(8112);
    const result = compareSnapping(points);
    // Addresses sit 8–20 m off a street, many near a corner: 58 ties within 1 mm in turf's metric and 55 more close
    // calls (two streets within 1 % of each other). 9 of these 113 go to the other street, each at a distance
    // within 0.5 % of turf's: the spherical vs planar metric, not a different answer. Everything else: equal.
    expect({ ties: result.ties, closeCalls: result.closeCalls, differing: result.borderline.length }).toEqual({ ties: 58, closeCalls: 113, differing: 9 });
    expect(result.maxCloseCallDifference).toBeLessThan(0.005);
    expect(result.mismatches).toEqual([]);
    expect(result.engineUnassigned.ids).toEqual(result.turfUnassigned);
    expect(result.maxRelativeDistanceError).toBeLessThan(0.005);
  });
});
