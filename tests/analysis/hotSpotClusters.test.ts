import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { NeedCategoryId } from '../../src/domain/needs';
import { hexCenter, hexKey } from '../../src/analysis/hexGrid';
import { hotSpotClusters } from '../../src/analysis/hotSpotClusters';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { deepFreeze, seededRandom, shuffled } from './seededRandom';

const SIZE = 250;
const projection = createLocalProjection(18.67, 50.29);
const needIds: NeedCategoryId[] = ['unemployment', 'housing', 'loneliness_seniors'];

interface Cell { q: number; r: number; bin: number; households: number; responses: number; needs: [number, number, number] }

function aggregatesOf(cells: Cell[]) {
  return deepFreeze({
    unitCount: cells.length,
    hexKeys: Float64Array.from(cells, (c) => hexKey(c.q, c.r)),
    hexSizeMeters: SIZE,
    households: Float64Array.from(cells, (c) => c.households),
    responses: Uint32Array.from(cells, (c) => c.responses),
    needCounts: Uint32Array.from(cells.flatMap((c) => c.needs)),
    needIds,
    needCount: 3,
    giBin: Int8Array.from(cells, (c) => c.bin),
  });
}

/** Shoelace area in m² of a [lng, lat] ring mapped back to metres. */
function ringAreaMeters(ring: number[][]): number {
  const xy = ring.map(([lng, lat]) => projection.forward(lng!, lat!));
  let a = 0;
  for (let i = 0; i + 1 < xy.length; i++) a += xy[i]![0] * xy[i + 1]![1] - xy[i + 1]![0] * xy[i]![1];
  return a / 2;
}

const HEX_AREA = (Math.sqrt(3) / 2) * SIZE * SIZE; // 54 126.6 m² for 250 m across flats

const CELLS: Cell[] = [
  // group A: three mutually adjacent hot cells (0,0), (1,0) east, (0,1) north-east
  { q: 0, r: 0, bin: 3, households: 100, responses: 20, needs: [4, 10, 1] },
  { q: 1, r: 0, bin: 2, households: 80, responses: 10, needs: [6, 2, 0] },
  { q: 0, r: 1, bin: 2, households: 50, responses: 10, needs: [0, 3, 0] },
  // (−1, 0) touches A but is only 90 % significant: not part of it
  { q: -1, r: 0, bin: 1, households: 999, responses: 99, needs: [9, 9, 9] },
  // group B: two adjacent cells far away
  { q: 5, r: 5, bin: 3, households: 10, responses: 5, needs: [1, 0, 2] },
  { q: 6, r: 5, bin: 2, households: 12, responses: 5, needs: [0, 0, 3] },
  // a cold spot is never part of a hot cluster
  { q: 20, r: 0, bin: -3, households: 1, responses: 1, needs: [0, 0, 0] },
];

describe('hotSpotClusters', () => {
  it('merges two separated groups into two clusters with closed outlines around their cells', () => {
    const agg = aggregatesOf(CELLS);
    const keysBefore = agg.hexKeys.slice();
    const { clusters, clusterOfUnit } = hotSpotClusters(agg, agg.giBin, projection);
    expect(agg.hexKeys).toEqual(keysBefore); // typed arrays cannot be frozen: compare instead
    expect(clusters).toHaveLength(2);
    expect(Array.from(clusterOfUnit)).toEqual([0, 0, 0, -1, 1, 1, -1]);
    const [a, b] = clusters;
    expect(a!.units).toEqual([0, 2, 1]); // by cell key: (0,0) < (0,1) < (1,0)
    expect(a!.id).toBe('hotcluster:0:0');
    // households 100 + 80 + 50 = 230; responses 20 + 10 + 10 = 40
    expect([a!.cells, a!.households, a!.responses]).toEqual([3, 230, 40]);
    // needs: unemployment 4+6+0 = 10 (rate 0.25), housing 10+2+3 = 15 (0.375), seniors 1 (0.025)
    expect(a!.topNeeds).toEqual([
      { needId: 'housing', count: 15, rate: 0.375 },
      { needId: 'unemployment', count: 10, rate: 0.25 },
      { needId: 'loneliness_seniors', count: 1, rate: 0.025 },
    ]);
    expect(b!.topNeeds.map((n) => n.needId)).toEqual(['loneliness_seniors', 'unemployment']); // housing: nobody

    for (const [cluster, cellCount] of [[a!, 3], [b!, 2]] as const) {
      expect(cluster.geometry.type).toBe('Polygon');
      const rings = cluster.geometry.coordinates as number[][][];
      expect(rings).toHaveLength(1);
      const ring = rings[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]); // closed
      // A union of c hexagons has 6c − 2·(shared edges) edges: A 3 cells, 3 shared → 12 corners; B 1 shared → 10
      expect(ring.length - 1).toBe(cellCount === 3 ? 12 : 10);
      // counter-clockwise, and its area is exactly the cells' area
      expect(ringAreaMeters(ring)).toBeCloseTo(cellCount * HEX_AREA, 3);
      for (const u of cluster.units) {
        const [x, y] = hexCenter(CELLS[u]!.q, CELLS[u]!.r, SIZE);
        expect(booleanPointInPolygon(projection.inverse(x, y), cluster.geometry)).toBe(true);
      }
    }
    const [ox, oy] = hexCenter(-1, 0, SIZE);
    expect(booleanPointInPolygon(projection.inverse(ox, oy), a!.geometry)).toBe(false);
  });

  it('a ring of six hot cells around a quiet one is one polygon with a hole', () => {
    const ring: Cell[] = [[1, 0], [0, 1], [-1, 1], [-1, 0], [0, -1], [1, -1]].map(([q, r]) => ({ q: q!, r: r!, bin: 2, households: 1, responses: 1, needs: [1, 0, 0] }));
    const cells = [...ring, { q: 0, r: 0, bin: 0, households: 1, responses: 1, needs: [0, 0, 0] } as Cell];
    const agg = aggregatesOf(cells);
    const { clusters } = hotSpotClusters(agg, agg.giBin, projection);
    expect(clusters).toHaveLength(1);
    const rings = clusters[0]!.geometry.coordinates as number[][][];
    expect(rings).toHaveLength(2);
    expect(ringAreaMeters(rings[0]!)).toBeCloseTo(7 * HEX_AREA, 2); // outer: counter-clockwise, 7 cells' worth
    expect(ringAreaMeters(rings[1]!)).toBeCloseTo(-HEX_AREA, 2); // hole: clockwise, one cell
    expect(booleanPointInPolygon(projection.inverse(0, 0), clusters[0]!.geometry)).toBe(false);
    expect(booleanPointInPolygon(projection.inverse(...hexCenter(1, 0, SIZE)), clusters[0]!.geometry)).toBe(true);
  });

  it('minBin is configurable; the result does not depend on the unit order (property)', () => {
    const agg = aggregatesOf(CELLS);
    expect(hotSpotClusters(agg, agg.giBin, projection, { minBin: 3 }).clusters.map((c) => c.cells)).toEqual([1, 1]);
    expect(hotSpotClusters(agg, agg.giBin, projection, { minBin: 1 }).clusters.map((c) => c.cells)).toEqual([4, 2]);
    const random = seededRandom(4);
    const reference = hotSpotClusters(agg, agg.giBin, projection).clusters;
    for (let trial = 0; trial < 10; trial++) {
      const permuted = shuffled(CELLS, random);
      const p = aggregatesOf(permuted);
      const clusters = hotSpotClusters(p, p.giBin, projection).clusters;
      expect(clusters.map((c) => [c.id, c.households, c.responses, c.topNeeds, c.geometry])).toEqual(reference.map((c) => [c.id, c.households, c.responses, c.topNeeds, c.geometry]));
    }
  });

  it('no hot cells → no clusters; refuses non-hexagon aggregates', () => {
    const agg = aggregatesOf(CELLS.map((c) => ({ ...c, bin: 0 })));
    expect(hotSpotClusters(agg, agg.giBin, projection).clusters).toEqual([]);
    expect(() => hotSpotClusters({ ...agg, hexKeys: undefined }, agg.giBin, projection)).toThrow();
  });
});
