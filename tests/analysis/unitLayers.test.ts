import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, featureCollection, nearestPointOnLine, point, pointsWithinPolygon, lineString } from '@turf/turf';
import { prepareDataset } from '../../src/analysis/dataset';
import { ringsCentroid, unitLayer } from '../../src/analysis/unitLayers';
import { aggregateDataset } from '../../src/analysis/needQueries';
import { publishedMemberships } from '../../src/analysis/disclosureControl';
import { syntheticTown } from '../../bench/syntheticTown';

describe('cross-checks against naive Turf on a synthetic town', () => {
  const town = syntheticTown({ seed: 4, blocks: 14, addresses: 500, responses: 2000, barePointShare: 0.6 });
  const ds = prepareDataset(town);

  it('estate counts equal turf.pointsWithinPolygon counts', () => {
    const layer = unitLayer(ds, { kind: 'area', areaKind: 'estate' });
    const points = featureCollection(
      ds.responseIds.flatMap((id, i) => (Number.isFinite(ds.responseLngs[i]!) ? [point([ds.responseLngs[i]!, ds.responseLats[i]!], { i })] : [])),
    );
    const estates = town.areas.filter((a) => a.kind === 'estate').sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(layer.unitIds).toEqual(estates.map((a) => a.id));
    estates.forEach((estate, u) => {
      const inside = pointsWithinPolygon(points, estate.geometry as Parameters<typeof pointsWithinPolygon>[1]);
      // Answers without a point are placed through their street (unitLayers.ts); turf speaks for the points only.
      let ours = 0;
      layer.unitOfResponse.forEach((r, i) => {
        if (r === u && Number.isFinite(ds.responseLngs[i]!)) ours++;
      });
      expect(ours).toBe(inside.features.length);
    });
    // And response by response.
    for (const f of points.features) {
      const i = f.properties.i;
      const u = layer.unitOfResponse[i]!;
      if (u >= 0) expect(booleanPointInPolygon(f, estates[u]!.geometry)).toBe(true);
    }
    // Street-only answers went to the estate holding most of their street's addresses (ties stay unassigned).
    let placed = 0;
    for (let i = 0; i < ds.responseIds.length; i++) {
      if (Number.isFinite(ds.responseLngs[i]!) || layer.unitOfResponse[i]! < 0) continue;
      placed++;
      const street = ds.streetAssignment.unit[i]!;
      const count = new Map<number, number>();
      for (let a = 0; a < ds.addressIds.length; a++) {
        if (ds.addressStreetUnit[a] !== street) continue;
        const e = estates.findIndex((estate) => booleanPointInPolygon([ds.addressLngs[a]!, ds.addressLats[a]!], estate.geometry));
        if (e >= 0) count.set(e, (count.get(e) ?? 0) + 1);
      }
      const most = Math.max(...count.values());
      expect(count.get(layer.unitOfResponse[i]!)).toBe(most);
    }
    expect(placed).toBe(layer.assignedByStreet);
    expect(placed).toBeGreaterThan(0);
  });

  it('bare points go to the street turf.nearestPointOnLine finds nearest (ties within 0.5 m excepted)', () => {
    const lines = town.streets.map((s) => ({ s, lines: s.geometry.coordinates.map((c) => lineString(c)) }));
    const unitOfStreet = ds.streets.unitOfStreetId;
    let checked = 0;
    for (let i = 0; i < ds.responseIds.length && checked < 300; i++) {
      if (ds.streetAssignment.method[i] !== 3) continue; // snapped bare points only
      checked++;
      const pt = point([ds.responseLngs[i]!, ds.responseLats[i]!]);
      let bestUnit = -1;
      let best = Infinity;
      let second = Infinity;
      for (const { s, lines: ls } of lines) {
        const unit = unitOfStreet.get(s.id)!;
        for (const l of ls) {
          const d = nearestPointOnLine(l, pt, { units: 'meters' }).properties.dist;
          if (d < best) {
            if (unit !== bestUnit) second = best;
            best = d;
            bestUnit = unit;
          } else if (d < second && unit !== bestUnit) second = d;
        }
      }
      if (second - best > 0.5) expect(ds.streetAssignment.unit[i]).toBe(bestUnit);
      expect(Math.abs(ds.streetAssignment.snapDistanceMeters[i]! - best)).toBeLessThan(Math.max(0.5, best * 0.005));
    }
    expect(checked).toBe(300);
  });
});

describe('ringsCentroid', () => {
  it('is the area-weighted centroid, holes subtracted', () => {
    // Square [0, 10]² (area 100, centroid (5, 5)) minus a clockwise hole [0, 2] × [0, 2] (area 4, centroid (1, 1)):
    // ((100·5 − 4·1) / 96, same) = (5.1667, 5.1667).
    const outer = Float64Array.of(0, 0, 10, 0, 10, 10, 0, 10, 0, 0);
    const hole = Float64Array.of(0, 0, 0, 2, 2, 2, 2, 0, 0, 0);
    const [x, y] = ringsCentroid([outer, hole]);
    expect(x).toBeCloseTo(496 / 96, 12);
    expect(y).toBeCloseTo(496 / 96, 12);
    expect(ringsCentroid([Float64Array.of(1, 1, 3, 3, 1, 1)])).toEqual([5 / 3, 5 / 3]); // zero area: mean vertex
  });

  it('counts an answer and a household in every estate that holds it where two estates overlap, as the server does', () => {
    const town = syntheticTown({ seed: 4, blocks: 14, addresses: 500, responses: 2000, barePointShare: 0.6 });
    const first = town.areas.find((a) => a.kind === 'estate' && a.geometry.type === 'Polygon')!;
    const ring = (first.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const width = Math.max(...ring.map((p) => p[0]!)) - Math.min(...ring.map((p) => p[0]!));
    // A copy moved east by half its width: the two share a strip (an estate drawn twice, a little apart).
    const overlapping = { ...first, id: 'estate-zz-overlap', name: 'Nakładka', geometry: { type: 'Polygon' as const, coordinates: [ring.map(([x, y]) => [x! + width / 2, y!] as [number, number])] } };
    const withOverlap = { ...town, areas: [...town.areas, overlapping] };
    const ods = prepareDataset(withOverlap);
    const estates = withOverlap.areas.filter((a) => a.kind === 'estate').sort((a, b) => (a.id < b.id ? -1 : 1));
    const layer = unitLayer(ods, { kind: 'area', areaKind: 'estate' });
    expect(layer.unitIds).toEqual(estates.map((a) => a.id));
    const campaign = withOverlap.campaigns[0]!.id;
    const agg = aggregateDataset(ods, { kind: 'area', areaKind: 'estate' }, { campaignIds: [campaign], minResponses: 1 });
    // Brute force: every point answer of the wave in every estate turf finds it in; answers without a point where the
    // layer placed them (by their street); households of every address in every estate holding it.
    const responses = new Array<number>(estates.length).fill(0);
    const households = new Array<number>(estates.length).fill(0);
    const campaignIndex = ods.campaignIds.indexOf(campaign);
    let inBoth = 0;
    for (let i = 0; i < ods.responseIds.length; i++) {
      if (ods.responseCampaign[i] !== campaignIndex) continue;
      if (!Number.isFinite(ods.responseLngs[i]!)) {
        if (layer.unitOfResponse[i]! >= 0) responses[layer.unitOfResponse[i]!]!++;
        continue;
      }
      const holding = estates.flatMap((estate, u) => (booleanPointInPolygon([ods.responseLngs[i]!, ods.responseLats[i]!], estate.geometry) ? [u] : []));
      for (const u of holding) responses[u]!++;
      if (holding.includes(estates.indexOf(first)) && holding.includes(estates.indexOf(overlapping))) inBoth++;
    }
    for (let a = 0; a < ods.addressIds.length; a++) {
      estates.forEach((estate, u) => {
        if (booleanPointInPolygon([ods.addressLngs[a]!, ods.addressLats[a]!], estate.geometry)) households[u]! += ods.addressHouseholds[a]!;
      });
    }
    expect(inBoth).toBeGreaterThan(10);
    expect([...agg.responses]).toEqual(responses);
    expect([...agg.households]).toEqual(households);
    // The disclosure model places such an answer in both estates too.
    const members = publishedMemberships(ods, campaign, () => false, null, new Map());
    const both = members.filter((m) => m.units.includes(`area:${first.id}`) && m.units.includes('area:estate-zz-overlap'));
    expect(both.length).toBe(inBoth);
  });
});
