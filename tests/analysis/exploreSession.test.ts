import { describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { hexCenter } from '../../src/analysis/hexGrid';
import { wilsonInterval } from '../../src/analysis/wilson';
import { ClusterQuery, CoverageQuery, HotSpotQuery, NeedMapQuery, RankingQuery, UnitDetailQuery, WaveComparisonQuery, type NeedWeightsInput } from '../../src/domain/analysisRequest';
import { NEED_CATEGORY_IDS } from '../../src/domain/needs';
import type { Resource } from '../../src/domain/resource';
import { syntheticTown } from '../../bench/syntheticTown';
import { fixtureTown, ORIGIN } from './fixtureTown';
import { deepFreeze, seededRandom, shuffled } from './seededRandom';

const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(`expected an answer, got: ${r.message}`);
  return r.value;
};

const p = createLocalProjection(...ORIGIN);
const point = (x: number, y: number) => ({ type: 'Point' as const, coordinates: p.inverse(x, y) });
/** A housing office at (100, 10) — 10 m north of ul. Lipowa — and a health centre far away at (0, 5000). */
const resources: Resource[] = [
  { id: 'res-housing', name: 'ZGM', kind: 'housing_coop', location: point(100, 10), serves: ['housing'], coalitions: [] },
  { id: 'res-health', name: 'Przychodnia', kind: 'health_centre', location: point(0, 5000), serves: ['health'], coalitions: [] },
];

function fixtureInput(): ExploreInput {
  return deepFreeze({ ...fixtureTown(), resources, groups: [] });
}

describe('explore facade on the fixture town (hand-checked)', () => {
  const session = createExploreSession(fixtureInput(), { origin: ORIGIN });
  const street = { kind: 'street' as const, hexSizeMeters: 250 };

  it('the street layer: ids, labels, merged records, households; once, fresh arrays', () => {
    const layer = session.layer(street);
    expect(layer.key).toBe('street');
    expect(layer.unitIds).toEqual(['s1', 's3', 's4']);
    expect(layer.labels).toEqual(['ul. Lipowa', 'ul. Polna', 'ul. Krótka']);
    expect(layer.streetIds).toEqual([['s1', 's2'], ['s3'], ['s4']]);
    // Lipowa: A1 10 + A3 6 (snapped, 20 m) = 16; Polna: A2 4; Krótka: none.
    expect(Array.from(layer.households)).toEqual([16, 4, 0]);
    expect(session.layer(street).households).not.toBe(layer.households);
  });

  it('need map of housing in wave w1 with k = 3: rates, Wilson, suppression, classes, the response balance', () => {
    const map = value(session.needMap(NeedMapQuery.parse({ unit: street, campaignId: 'w1', minResponses: 3, selection: { kind: 'need', needId: 'housing' } })));
    // Lipowa: r1 (housing 3), r4 (unemployment), r8 (housing 2) → 2 of 3. Polna (1 answer) and Krótka (1) are below k = 3.
    expect(map.values[0]).toBeCloseTo(2 / 3, 12);
    expect(Number.isNaN(map.values[1]!)).toBe(true);
    expect(Array.from(map.suppressed)).toEqual([0, 1, 1]);
    expect(map.lower![0]).toBeCloseTo(wilsonInterval(2, 3).lower, 12);
    expect(map.upper![0]).toBeCloseTo(wilsonInterval(2, 3).upper, 12);
    expect(Array.from(map.responses)).toEqual([3, 1, 1]);
    expect(map.responseRate[0]).toBe(3 / 16);
    // One shown value: one class (issue 13: classes never repeat — it used to be five classes "67–67 %"), the unit
    // in it; the two suppressed ones have no class and are counted for their own legend row.
    expect(map.breaks).toEqual([2 / 3, 2 / 3]);
    expect(map.classCount).toBe(1);
    expect(map.suppressedCount).toBe(2);
    expect(Array.from(map.classOfUnit)).toEqual([0, 255, 255]);
    // Wave w1 has 10 responses: 5 on streets + 5 unassigned (unknown address, unknown street, too far, no point, NaN).
    expect(map.totalResponses).toBe(10);
    expect(map.unassignedResponses).toBe(5);
    expect(map.weights).toEqual({ housing: 1 });
  });

  it('hexagons are named by the street nearest their centre (brute force over the fixture lines), numbered when they share it', () => {
    const hex = { kind: 'hex' as const, hexSizeMeters: 250 };
    const layer = session.layer(hex);
    // The fixture's streets in metres (fixtureTown.ts): Lipowa y = 0, x 0…400 (two records, one street); Polna x = 0,
    // y 0…300; Krótka y = 1000, x 0…200.
    const lines: [string, number, number, number, number][] = [['ul. Lipowa', 0, 0, 400, 0], ['ul. Polna', 0, 0, 0, 300], ['ul. Krótka', 0, 1000, 200, 1000]];
    const distance = (x: number, y: number, [, ax, ay, bx, by]: (typeof lines)[number]) => {
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
    };
    expect(layer.unitIds.length).toBeGreaterThan(2);
    expect(new Set(layer.labels).size).toBe(layer.labels.length);
    const perStreet = new Map<string, number>();
    layer.unitIds.forEach((id, u) => {
      const [, q, r] = id.split(':').map(Number);
      const [x, y] = hexCenter(q!, r!, 250);
      const nearest = [...lines].sort((a, b) => distance(x, y, a) - distance(x, y, b))[0]!;
      const expected = distance(x, y, nearest) <= 250 ? nearest[0] : id;
      expect(layer.labels[u]!.split(' · ')[0], id).toBe(expected);
      perStreet.set(expected, (perStreet.get(expected) ?? 0) + 1);
    });
    // A street shared by several hexagons numbers them; a street with one hexagon keeps its bare name.
    for (const [label, count] of perStreet) if (count === 1) expect(layer.labels).toContain(label);
    // The details panel names the hexagon the same way.
    const u = layer.labels.findIndex((l) => l.startsWith('ul. '));
    const detail = value(session.unitDetail(UnitDetailQuery.parse({ unit: hex, unitId: layer.unitIds[u], campaignId: 'w1' })));
    expect(detail.label).toBe(layer.labels[u]);
  });

  it('composite index housing 3 : unemployment 1 on Lipowa = 0.75 · 2/3 + 0.25 · 1/3; no Wilson for an index', () => {
    const map = value(session.needMap(NeedMapQuery.parse({ unit: street, campaignId: 'w1', minResponses: 3, selection: { kind: 'index', weights: { housing: 3, unemployment: 1 } } })));
    expect(map.values[0]).toBeCloseTo(0.75 * (2 / 3) + 0.25 * (1 / 3), 12);
    expect(map.lower).toBeNull();
    expect(map.weights).toEqual({ housing: 0.75, unemployment: 0.25 });
  });

  it('re-weighting reuses the cached aggregate: no second pass over the responses', () => {
    const s = createExploreSession(fixtureInput(), { origin: ORIGIN });
    const q = (weights: NeedWeightsInput) => NeedMapQuery.parse({ unit: street, campaignId: 'w1', selection: { kind: 'index', weights } });
    value(s.needMap(q({ housing: 1 })));
    expect(s.stats.aggregations).toBe(1);
    for (let i = 1; i <= 20; i++) value(s.needMap(q({ housing: i, unemployment: 21 - i, health: 1 })));
    value(s.needMap(NeedMapQuery.parse({ unit: street, campaignId: 'w1', selection: { kind: 'need', needId: 'health' }, smoothing: 'empiricalBayes' })));
    expect(s.stats.aggregations).toBe(1);
    value(s.needMap(NeedMapQuery.parse({ unit: street, campaignId: 'w2', selection: { kind: 'need', needId: 'health' } })));
    expect(s.stats.aggregations).toBe(2); // another wave is another pass
  });

  it('coverage: the housing office stands on Lipowa (10 m from its line), so 0 m; health is 5 km away, beyond 800 m', () => {
    const housing = value(session.coverage(CoverageQuery.parse({ unit: street, campaignId: 'w1', minResponses: 3, needId: 'housing', network: false })));
    // The office at (100, 10) is 10 m from Lipowa's line, within the 60 m an answer snaps over: it stands on the
    // street, so it is at 0 m from it (not the 100.5 m to Lipowa's centre (200, 0)), and leaves no gap there.
    expect(housing.straightMeters[0]).toBe(0);
    expect(housing.gapScores[0]).toBe(0);
    expect(Number.isNaN(housing.gapScores[1]!)).toBe(true); // suppressed: unknown, not zero need
    expect(housing.uncovered[0]).toBe(0);
    const youth = value(session.coverage(CoverageQuery.parse({ unit: street, campaignId: 'w1', needId: 'children_youth_leisure', network: false })));
    expect(youth.straightMeters[0]).toBe(Infinity);
    expect(youth.needsWithoutResource).toContain('children_youth_leisure');
    expect(Array.from(youth.uncovered)).toEqual([1, 1, 1]);
  });

  it('unit detail of Lipowa: counts, needs with intervals, the nearby office, change since w… (w1 is first: none)', () => {
    const d = value(session.unitDetail(UnitDetailQuery.parse({ unit: street, unitId: 's1', campaignId: 'w1', minResponses: 3, network: false })));
    expect(d.label).toBe('ul. Lipowa');
    expect([d.households, d.responses, d.suppressed]).toEqual([16, 3, false]);
    const housing = d.needs.find((n) => n.needId === 'housing')!;
    expect(housing.count).toBe(2);
    expect(housing.lower).toBeCloseTo(wilsonInterval(2, 3).lower, 12);
    // The office at (100, 10) is 10 m from the segment y = 0; the health centre is 5 km away, beyond 500 m.
    expect(d.resources.map((r) => [r.id, Math.round(r.distanceMeters * 1000) / 1000])).toEqual([['res-housing', 10]]);
    expect(d.sincePrevious).toBeNull();
    expect(d.uncoveredNeeds).toContain('health');
  });

  it('unit detail in w2 compares with w1 on a unit with enough answers in both', () => {
    const d = value(session.unitDetail(UnitDetailQuery.parse({ unit: street, unitId: 's1', campaignId: 'w2', minResponses: 2, network: false })));
    // w2 on Lipowa: r11 (housing), r12 → 1 of 2; w1: 2 of 3. Change −1/6.
    expect(d.sincePrevious!.campaignId).toBe('w1');
    const housing = d.sincePrevious!.needs.find((n) => n.needId === 'housing')!;
    expect(housing.change).toBeCloseTo(1 / 2 - 2 / 3, 12);
    expect(d.sincePrevious!.comparable).toBe(true);
    // Significance is corrected across the 12 needs shown (BH): q ≥ p, significant ⇔ q ≤ 0.05.
    expect(d.sincePrevious!.testedNeeds).toBe(12);
    for (const n of d.sincePrevious!.needs) {
      expect(n.qValue!).toBeGreaterThanOrEqual(n.pValue!);
      expect(n.significant).toBe(n.qValue! <= 0.05);
    }
  });

  it('errors are values naming the field: unknown wave, unknown unit', () => {
    const wave = session.needMap(NeedMapQuery.parse({ unit: street, campaignId: 'w9', selection: { kind: 'need', needId: 'housing' } }));
    expect(wave).toEqual({ ok: false, message: 'unknown survey wave "w9"', field: 'campaignId', refusal: { code: 'unknown_wave', campaignId: 'w9' } });
    const unit = session.unitDetail(UnitDetailQuery.parse({ unit: street, unitId: 'nope', campaignId: 'w1' }));
    expect(unit.ok).toBe(false);
    expect(!unit.ok && unit.field).toBe('unitId');
    const change = session.compareWaves(WaveComparisonQuery.parse({ unit: street, beforeCampaignId: 'w1', afterCampaignId: 'w0', selection: { kind: 'need', needId: 'housing' } }));
    expect(!change.ok && change.field).toBe('afterCampaignId');
  });
});

describe('explore facade: properties on a seeded synthetic town', () => {
  const town = syntheticTown({ seed: 11, blocks: 12, addresses: 1500, responses: 4000 });
  const input = (): ExploreInput => ({ ...town, resources: [], groups: [] });
  const hex = { kind: 'hex' as const, hexSizeMeters: 250 };

  it('re-weighting equals a full recompute from the points, for 30 random weight sets on each layer', () => {
    const random = seededRandom(3);
    const cached = createExploreSession(input());
    for (const unit of [hex, { kind: 'street' as const, hexSizeMeters: 250 }, { kind: 'estate' as const, hexSizeMeters: 250 }]) {
      for (let t = 0; t < 30; t++) {
        const weights: NeedWeightsInput = {};
        for (const id of NEED_CATEGORY_IDS) if (random() < 0.5) weights[id] = Math.round(random() * 10);
        weights.housing = (weights.housing ?? 0) + 1; // never all zero
        const q = NeedMapQuery.parse({ unit, campaignId: 'wave-1', selection: { kind: 'index', weights } });
        const fast = value(cached.needMap(q));
        const full = value(createExploreSession(input()).needMap(q)); // prepares and aggregates from scratch
        expect(Array.from(fast.values)).toEqual(Array.from(full.values));
        expect(Array.from(fast.classOfUnit)).toEqual(Array.from(full.classOfUnit));
        expect(fast.breaks).toEqual(full.breaks);
      }
    }
    expect(cached.stats.aggregations).toBe(3);
  });

  it('results do not depend on the order of the input records', () => {
    const random = seededRandom(8);
    const a = createExploreSession(input());
    const b = createExploreSession(deepFreeze({ ...town, streets: shuffled(town.streets, random), addresses: shuffled(town.addresses, random), areas: shuffled(town.areas, random), responses: shuffled(town.responses, random), resources: [], groups: [] }));
    const selection = { kind: 'index' as const, weights: { housing: 2, health: 1, unemployment: 1 } };
    for (const unit of [hex, { kind: 'street' as const, hexSizeMeters: 250 }, { kind: 'district' as const, hexSizeMeters: 250 }]) {
      expect(b.layer(unit).unitIds).toEqual(a.layer(unit).unitIds);
      const q = NeedMapQuery.parse({ unit, campaignId: 'wave-2', selection, smoothing: 'empiricalBayes' });
      const [ma, mb] = [value(a.needMap(q)), value(b.needMap(q))];
      expect(Array.from(mb.responses)).toEqual(Array.from(ma.responses));
      expect(Array.from(mb.suppressed)).toEqual(Array.from(ma.suppressed));
      const close = (x: number, y: number) => (Number.isNaN(x) ? Number.isNaN(y) : Math.abs(x - y) < 1e-12);
      for (let u = 0; u < ma.unitCount; u++) {
        // Sums over a shuffled order may differ in the last bit; the counts behind them are identical.
        expect(close(mb.values[u]!, ma.values[u]!)).toBe(true);
        expect(close(mb.smoothedValues![u]!, ma.smoothedValues![u]!)).toBe(true);
      }
    }
    const hq = HotSpotQuery.parse({ unit: hex, campaignId: 'wave-1', selection });
    expect(Array.from(value(b.hotSpots(hq)).giBinFdr)).toEqual(Array.from(value(a.hotSpots(hq)).giBinFdr));
    const cq = ClusterQuery.parse({ campaignId: 'wave-1', selection, minBin: 1, dbscan: { epsMeters: 120, minPoints: 6, minSeverity: 1 } });
    const [ca, cb] = [value(a.clusters(cq)), value(b.clusters(cq))];
    expect(cb.clusters.map((c) => [c.id, c.cells, c.responses])).toEqual(ca.clusters.map((c) => [c.id, c.cells, c.responses]));
    expect(cb.dbscan.clusters.map((c) => c.count)).toEqual(ca.dbscan.clusters.map((c) => c.count));
    expect(ca.dbscan.clusters.length).toBeGreaterThan(0);
    const rq = RankingQuery.parse({ campaignId: 'wave-1', weights: selection.weights, candidates: ['estate', 'district'], network: false });
    expect(value(b.ranking(rq)).targets.map((t) => t.id)).toEqual(value(a.ranking(rq)).targets.map((t) => t.id));
  });

  it('every response of a wave is counted once: Σ units + unassigned = the wave, on every layer', () => {
    const s = createExploreSession(input());
    const inWave = town.responses.filter((r) => r.campaignId === 'wave-1').length;
    for (const kind of ['street', 'estate', 'district', 'hex'] as const) {
      const map = value(s.needMap(NeedMapQuery.parse({ unit: { kind }, campaignId: 'wave-1', selection: { kind: 'need', needId: 'housing' } })));
      expect(map.totalResponses).toBe(inWave);
      expect(map.responses.reduce((a, b) => a + b, 0) + map.unassignedResponses).toBe(inWave);
    }
  });
});

describe('need map uncertainty (value-by-alpha)', () => {
  it('marks a shown value whose 95 % interval is wider than 30 points', () => {
    const session = createExploreSession({ ...fixtureTown(), resources: [], groups: [] }, { origin: ORIGIN });
    const map = session.needMap(NeedMapQuery.parse({ unit: { kind: 'street' }, campaignId: 'w1', minResponses: 3, selection: { kind: 'need', needId: 'housing' } }));
    if (!map.ok) throw new Error(map.message);
    // Lipowa: 2 of 3 → Wilson [0.208, 0.939], 73 points wide: uncertain. Suppressed units are not marked.
    expect(map.value.upper![0]! - map.value.lower![0]!).toBeGreaterThan(0.3);
    expect(Array.from(map.value.uncertain)).toEqual([1, 0, 0]);
  });
});
