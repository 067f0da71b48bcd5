import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, polygon } from '@turf/turf';
import {
  assignHexAxial,
  assignHexCells,
  hexCellOf,
  hexCenter,
  hexDistance,
  hexKey,
  hexNeighbourKeys,
  hexNeighbours,
  hexPolygon,
  hexUnitId,
  NO_HEX_AXIAL,
  NO_HEX_CELL,
  unpackHexKey,
} from '../../src/analysis/hexGrid';
import { seededRandom } from './seededRandom';

const S = 250;
const ROW = (S * Math.sqrt(3)) / 2; // 216.506… m between rows of centres

/** The cell whose centre is nearest, by brute force over a window of candidate cells. */
function nearestCentreCell(x: number, y: number, size: number): [number, number] {
  const r0 = Math.round(y / ((size * Math.sqrt(3)) / 2));
  const q0 = Math.round(x / size - r0 / 2);
  let best: [number, number] = [0, 0];
  let bestD = Infinity;
  for (let dq = -3; dq <= 3; dq++) {
    for (let dr = -3; dr <= 3; dr++) {
      const [cx, cy] = hexCenter(q0 + dq, r0 + dr, size);
      const d = Math.hypot(x - cx, y - cy);
      if (d < bestD) {
        bestD = d;
        best = [q0 + dq, r0 + dr];
      }
    }
  }
  return best;
}

describe('hexCellOf and hexCenter', () => {
  it('places known points: centres x = s·(q + r/2), y = s·(√3/2)·r', () => {
    expect(hexCellOf(0, 0, S)).toEqual([0, 0]);
    expect(hexCellOf(250, 0, S)).toEqual([1, 0]); // one cell east
    expect(hexCellOf(124, 0, S)).toEqual([0, 0]); // 124 m from (0,0), 126 m from (250,0)
    expect(hexCellOf(126, 0, S)).toEqual([1, 0]);
    expect(hexCellOf(125, ROW, S)).toEqual([0, 1]); // centre of (0, 1) is (125, 216.5)
    expect(hexCellOf(-125, -ROW, S)).toEqual([0, -1]);
    expect(hexCellOf(-1000, 2 * ROW, S)).toEqual([-5, 2]); // centre (250·(−5 + 1), 433) = (−1000, 433)
    expect(hexCenter(1, 1, S)).toEqual([375, ROW]);
    expect(hexCellOf(NaN, 0, S)).toEqual([NaN, NaN]);
  });

  it('matches the nearest cell centre (the hexagon is the Voronoi cell of its centre) on random points', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 5000; i++) {
      const x = (random() - 0.5) * 20_000;
      const y = (random() - 0.5) * 20_000;
      const size = [100, 250, 333.3][i % 3]!;
      expect(hexCellOf(x, y, size)).toEqual(nearestCentreCell(x, y, size));
    }
  });
});

describe('keys', () => {
  it('pack and unpack, including negative coordinates', () => {
    for (const [q, r] of [[0, 0], [-1, 5], [123456, -987654], [-(2 ** 25), 2 ** 25 - 1]] as const) {
      const key = hexKey(q, r);
      expect(Number.isSafeInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(unpackHexKey(key)).toEqual([q, r]);
    }
    expect(hexKey(2 ** 25, 0)).toBe(NO_HEX_CELL);
    expect(hexKey(0.5, 0)).toBe(NO_HEX_CELL);
    expect(() => unpackHexKey(NO_HEX_CELL)).toThrow(RangeError);
  });

  it('name units with their size', () => {
    expect(hexUnitId(-3, 7, 250)).toBe('hex250:-3:7');
  });
});

describe('hexNeighbours', () => {
  it('are six distinct cells at distance 1 whose centres are one cell size away', () => {
    const ns = hexNeighbours(2, -3);
    expect(ns).toHaveLength(6);
    expect(new Set(ns.map(([q, r]) => `${q},${r}`)).size).toBe(6);
    const [cx, cy] = hexCenter(2, -3, S);
    for (const [q, r] of ns) {
      expect(hexDistance(2, -3, q, r)).toBe(1);
      const [nx, ny] = hexCenter(q, r, S);
      expect(Math.hypot(nx - cx, ny - cy)).toBeCloseTo(S, 9);
    }
  });

  it('are symmetric: b is a neighbour of a exactly when a is a neighbour of b', () => {
    for (let q = -2; q <= 2; q++) {
      for (let r = -2; r <= 2; r++) {
        for (const [nq, nr] of hexNeighbours(q, r)) {
          expect(hexNeighbours(nq, nr)).toContainEqual([q, r]);
        }
      }
    }
  });

  it('agree with the key-based version', () => {
    const keys = Array.from(hexNeighbourKeys(hexKey(4, -1)));
    expect(keys).toEqual(hexNeighbours(4, -1).map(([q, r]) => hexKey(q, r)));
  });
});

describe('hexPolygon', () => {
  it('is a closed ring of 6 corners at the circumradius s/√3 with area (√3/2)·s²', () => {
    const ring = hexPolygon(3, -2, S);
    expect(ring).toHaveLength(7);
    expect(ring[6]).toEqual(ring[0]);
    const [cx, cy] = hexCenter(3, -2, S);
    for (const [x, y] of ring) expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(S / Math.sqrt(3), 9);
    let twiceArea = 0; // shoelace; positive means counter-clockwise
    for (let i = 0; i < 6; i++) twiceArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(twiceArea / 2).toBeCloseTo((Math.sqrt(3) / 2) * S * S, 6); // 54 126.6 m² for 250 m
  });

  it('contains its centre, and every point inside it belongs to the cell', () => {
    const random = seededRandom(3);
    for (let k = 0; k < 20; k++) {
      const q = Math.floor(random() * 40) - 20;
      const r = Math.floor(random() * 40) - 20;
      const ring = hexPolygon(q, r, S);
      const shape = polygon([ring]);
      const [cx, cy] = hexCenter(q, r, S);
      expect(booleanPointInPolygon([cx, cy], shape)).toBe(true);
      for (let i = 0; i < 200; i++) {
        const x = cx + (random() - 0.5) * S * 1.2;
        const y = cy + (random() - 0.5) * S * 1.2;
        if (booleanPointInPolygon([x, y], shape, { ignoreBoundary: true })) expect(hexCellOf(x, y, S)).toEqual([q, r]);
      }
    }
  });
});

describe('bulk assignment', () => {
  it('assignHexCells and assignHexAxial match hexCellOf on random points; NaN gets no cell', () => {
    const random = seededRandom(9);
    const n = 10_000;
    const xs = Float64Array.from({ length: n }, () => (random() - 0.5) * 30_000);
    const ys = Float64Array.from({ length: n }, () => (random() - 0.5) * 30_000);
    xs[17] = NaN;
    ys[99] = Infinity;
    const keys = assignHexCells(xs, ys, S);
    const qs = new Int32Array(n);
    const rs = new Int32Array(n);
    expect(assignHexAxial(xs, ys, S, qs, rs)).toBe(2);
    for (let i = 0; i < n; i++) {
      if (i === 17 || i === 99) {
        expect(keys[i]).toBe(NO_HEX_CELL);
        expect(qs[i]).toBe(NO_HEX_AXIAL);
        continue;
      }
      const [q, r] = nearestCentreCell(xs[i]!, ys[i]!, S);
      expect(keys[i]).toBe(hexKey(q, r));
      expect([qs[i], rs[i]]).toEqual([q, r]);
    }
  });

  it('rejects a non-positive size', () => {
    expect(() => assignHexCells(new Float64Array(1), new Float64Array(1), 0)).toThrow(RangeError);
  });
});
