import { describe, expect, it } from 'vitest';
import { buildSegmentIndex } from '../../src/analysis/segmentIndex';
import { assignStreets, REASON_INVALID_LOCATION, REASON_TOO_FAR, STREET_METHOD_SNAPPED, type StreetAssignmentInput } from '../../src/analysis/streetAssignment';
import { seededRandom } from './seededRandom';

/** n bare points over a 1 km square with horizontal streets every 100 m (street unit = row), one NaN point. */
function barePoints(n: number, seed: number): StreetAssignmentInput {
  const x0s = new Float64Array(11);
  const y0s = new Float64Array(11);
  const x1s = new Float64Array(11).fill(1000);
  const y1s = new Float64Array(11);
  for (let s = 0; s <= 10; s++) y0s[s] = y1s[s] = s * 100;
  const random = seededRandom(seed);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = random() * 1200 - 100;
    ys[i] = random() * 1200 - 100;
  }
  xs[0] = Number.NaN;
  return {
    addressIndex: new Int32Array(n).fill(-1),
    addressIdGiven: new Uint8Array(n),
    ownStreetUnit: new Int32Array(n).fill(-1),
    streetIdGiven: new Uint8Array(n),
    xs,
    ys,
    hasPoint: new Uint8Array(n).fill(1),
    addressStreetUnit: new Int32Array(0),
    segmentIndex: buildSegmentIndex(x0s, y0s, x1s, y1s),
    segmentUnit: Uint32Array.from({ length: 11 }, (_, s) => s),
    maxDistanceMeters: 30,
  };
}

describe('assignStreets into reused arrays', () => {
  it('writes the same answer into the previous answer’s arrays as into fresh ones, and returns those arrays', () => {
    const first = barePoints(500, 7);
    const second = barePoints(500, 8);
    const reused = assignStreets(first);
    const { unit } = reused;
    const again = assignStreets(second, reused);
    const fresh = assignStreets(second);
    expect(again.unit).toBe(unit);
    expect(Array.from(again.unit)).toEqual(Array.from(fresh.unit));
    expect(Array.from(again.reason)).toEqual(Array.from(fresh.reason));
    expect(Array.from(again.method)).toEqual(Array.from(fresh.method));
    expect(Array.from(again.snapDistanceMeters)).toEqual(Array.from(fresh.snapDistanceMeters));
    // The mix is real: snapped, too far and invalid all occur, so stale values of the first call would show.
    expect(fresh.method.includes(STREET_METHOD_SNAPPED)).toBe(true);
    expect(fresh.reason.includes(REASON_TOO_FAR)).toBe(true);
    expect(fresh.reason[0]).toBe(REASON_INVALID_LOCATION);
  });

  it('refuses arrays of another length', () => {
    const reused = assignStreets(barePoints(10, 1));
    expect(() => assignStreets(barePoints(11, 1), reused)).toThrow(RangeError);
  });
});
