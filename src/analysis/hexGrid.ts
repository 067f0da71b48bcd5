/**
 * A planar hexagonal grid in local metres (x east, y north; see localProjection.ts), for fast interactive binning.
 *
 * Pointy-top hexagons (a corner points north) in axial coordinates (q, r) as in Amit Patel's "Hexagonal Grids"
 * (redblobgames.com/grids/hexagons). `sizeMeters` is the distance across flats, i.e. the east–west width of a
 * cell and the distance between neighbouring centres; the circumradius is sizeMeters / √3 and a cell's area is
 * (√3 / 2) · sizeMeters².
 *   centre(q, r) = (sizeMeters · (q + r/2),  sizeMeters · (√3/2) · r)
 * A point's cell is found by inverting that map and rounding in cube coordinates (x = q, z = r, y = −q − r):
 * two multiplications and three roundings per point, no geometry library, no allocation in the bulk functions.
 */

const SQRT3 = Math.sqrt(3);
const SQRT3_2 = SQRT3 / 2;

/** Keys pack q and r with this offset into 26 bits each; |q|, |r| must stay below 2^25. */
const HEX_KEY_OFFSET = 2 ** 25;
const HEX_KEY_SPAN = 2 ** 26;

/** The key of "no cell": the point had a NaN or infinite coordinate, or lay outside the packable range. */
export const NO_HEX_CELL = -1;
/** Axial sentinel written by `assignHexAxial` for points with no cell. */
export const NO_HEX_AXIAL = -2147483648;

/** Default cell size: 250 m across flats. */
import { DEFAULT_HEX_SIZE_METERS } from '../domain/units';

export { DEFAULT_HEX_SIZE_METERS };

/** Axial neighbour offsets in counter-clockwise order starting east: E, NE, NW, W, SW, SE. */
const NEIGHBOUR_DQ = [1, 0, -1, -1, 0, 1] as const;
const NEIGHBOUR_DR = [0, 1, 1, 0, -1, -1] as const;

function checkSize(sizeMeters: number): void {
  if (!(sizeMeters > 0) || !Number.isFinite(sizeMeters)) throw new RangeError(`hex size must be a positive number of metres, got ${sizeMeters}`);
}

/**
 * Packs axial (q, r) into one non-negative safe integer: (q + 2^25) · 2^26 + (r + 2^25).
 * Returns NO_HEX_CELL when q or r are not integers within ±2^25.
 * @example hexKey(0, 0) === 2 ** 25 * 2 ** 26 + 2 ** 25
 */
export function hexKey(q: number, r: number): number {
  const qo = q + HEX_KEY_OFFSET;
  const ro = r + HEX_KEY_OFFSET;
  if (!(qo >= 0 && qo < HEX_KEY_SPAN && ro >= 0 && ro < HEX_KEY_SPAN) || !Number.isInteger(q) || !Number.isInteger(r)) return NO_HEX_CELL;
  return qo * HEX_KEY_SPAN + ro;
}

/** Axial q of a key made by `hexKey`. */
export function hexKeyQ(key: number): number {
  return Math.floor(key / HEX_KEY_SPAN) - HEX_KEY_OFFSET;
}

/** Axial r of a key made by `hexKey`. */
export function hexKeyR(key: number): number {
  return (key % HEX_KEY_SPAN) - HEX_KEY_OFFSET;
}

/** Unpacks a key into [q, r]. Throws on NO_HEX_CELL (a caller bug: check the key first). */
export function unpackHexKey(key: number): [q: number, r: number] {
  if (!(key >= 0) || !Number.isSafeInteger(key)) throw new RangeError(`not a hex key: ${key}`);
  return [hexKeyQ(key), hexKeyR(key)];
}

/**
 * The axial cell containing the point (x, y) in metres, for cells `sizeMeters` across flats.
 * Non-finite coordinates give [NaN, NaN].
 * @example hexCellOf(0, 0, 250) → [0, 0];  hexCellOf(250, 0, 250) → [1, 0];  hexCellOf(125, 216.5, 250) → [0, 1]
 */
export function hexCellOf(x: number, y: number, sizeMeters: number = DEFAULT_HEX_SIZE_METERS): [q: number, r: number] {
  checkSize(sizeMeters);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [NaN, NaN];
  const rf = y / (sizeMeters * SQRT3_2);
  const qf = x / sizeMeters - rf / 2;
  return cubeRound(qf, rf);
}

/** Rounds fractional axial coordinates to the containing cell (round all three cube coordinates, fix the worst). */
function cubeRound(qf: number, rf: number): [number, number] {
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  // `+ 0` turns −0 into 0 so that equal cells compare equal with Object.is as well.
  return [q + 0, r + 0];
}

/** Centre of cell (q, r) in metres. @example hexCenter(1, 1, 250) → [375, 216.50…] */
export function hexCenter(q: number, r: number, sizeMeters: number = DEFAULT_HEX_SIZE_METERS): [x: number, y: number] {
  checkSize(sizeMeters);
  return [sizeMeters * (q + r / 2), sizeMeters * SQRT3_2 * r];
}

/** The six neighbours of (q, r) as [q, r] pairs, counter-clockwise from east. Symmetric: b ∈ N(a) ⇔ a ∈ N(b). */
export function hexNeighbours(q: number, r: number): [q: number, r: number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < 6; i++) out.push([q + NEIGHBOUR_DQ[i]!, r + NEIGHBOUR_DR[i]!]);
  return out;
}

/** Keys of the six neighbours of a key, written into `out` (length ≥ 6) without allocating; returns `out`. */
export function hexNeighbourKeys(key: number, out: Float64Array = new Float64Array(6)): Float64Array {
  const q = hexKeyQ(key);
  const r = hexKeyR(key);
  for (let i = 0; i < 6; i++) out[i] = hexKey(q + NEIGHBOUR_DQ[i]!, r + NEIGHBOUR_DR[i]!);
  return out;
}

/** Hex distance in cells between two axial cells (0 for the same cell, 1 for neighbours). */
export function hexDistance(q1: number, r1: number, q2: number, r2: number): number {
  const dq = q1 - q2;
  const dr = r1 - r2;
  return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
}

/**
 * The cell's boundary in metres: a closed ring of 7 [x, y] positions (the first repeated last), counter-clockwise,
 * starting at the corner 30° north of east. Map it through `LocalProjection.inverse` for GeoJSON.
 */
export function hexPolygon(q: number, r: number, sizeMeters: number = DEFAULT_HEX_SIZE_METERS): [x: number, y: number][] {
  const [cx, cy] = hexCenter(q, r, sizeMeters);
  const radius = sizeMeters / SQRT3;
  const ring: [number, number][] = [];
  for (let i = 0; i <= 6; i++) {
    const angle = (Math.PI / 180) * (30 + 60 * (i % 6));
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return ring;
}

/**
 * Bulk: the packed cell key of every point (xs[i], ys[i]) in metres; NO_HEX_CELL for non-finite points.
 * O(n), no allocation beyond the result (pass `out` to reuse one).
 * @example assignHexCells(Float64Array.of(0, 250), Float64Array.of(0, 0), 250) → Float64Array [hexKey(0,0), hexKey(1,0)]
 */
export function assignHexCells(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sizeMeters: number = DEFAULT_HEX_SIZE_METERS,
  out: Float64Array = new Float64Array(xs.length),
): Float64Array {
  checkSize(sizeMeters);
  const n = xs.length;
  if (ys.length !== n || out.length < n) throw new RangeError('assignHexCells: array lengths differ');
  const invRowStep = 1 / (sizeMeters * SQRT3_2);
  const invSize = 1 / sizeMeters;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const rf = y * invRowStep;
    const qf = x * invSize - rf * 0.5;
    const sf = -qf - rf;
    let q = Math.round(qf);
    let r = Math.round(rf);
    const s = Math.round(sf);
    const dq = Math.abs(q - qf);
    const dr = Math.abs(r - rf);
    const ds = Math.abs(s - sf);
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    const qo = q + HEX_KEY_OFFSET;
    const ro = r + HEX_KEY_OFFSET;
    // NaN fails every comparison, so non-finite points land here too.
    out[i] = qo >= 0 && qo < HEX_KEY_SPAN && ro >= 0 && ro < HEX_KEY_SPAN ? qo * HEX_KEY_SPAN + ro : NO_HEX_CELL;
  }
  return out;
}

/**
 * Bulk, unpacked: writes axial qs[i], rs[i] for every point; NO_HEX_AXIAL in both for non-finite points or cells
 * beyond ±2^30. Returns the number of points with no cell. The aggregation fast path uses this to index a dense
 * (q, r) window instead of hashing keys.
 */
export function assignHexAxial(xs: ArrayLike<number>, ys: ArrayLike<number>, sizeMeters: number, qs: Int32Array, rs: Int32Array): number {
  checkSize(sizeMeters);
  const n = xs.length;
  if (ys.length !== n || qs.length < n || rs.length < n) throw new RangeError('assignHexAxial: array lengths differ');
  const invRowStep = 1 / (sizeMeters * SQRT3_2);
  const invSize = 1 / sizeMeters;
  const limit = 2 ** 30;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const rf = ys[i]! * invRowStep;
    const qf = xs[i]! * invSize - rf * 0.5;
    const sf = -qf - rf;
    let q = Math.round(qf);
    let r = Math.round(rf);
    const s = Math.round(sf);
    const dq = Math.abs(q - qf);
    const dr = Math.abs(r - rf);
    const ds = Math.abs(s - sf);
    if (dq > dr && dq > ds) q = -r - s;
    else if (dr > ds) r = -q - s;
    if (q > -limit && q < limit && r > -limit && r < limit) {
      qs[i] = q;
      rs[i] = r;
    } else {
      qs[i] = NO_HEX_AXIAL;
      rs[i] = NO_HEX_AXIAL;
      missing++;
    }
  }
  return missing;
}

/** A stable, URL- and SQL-safe unit id for a cell, naming its size: `hex250:-3:7`. */
export function hexUnitId(q: number, r: number, sizeMeters: number = DEFAULT_HEX_SIZE_METERS): string {
  return `hex${sizeMeters}:${q}:${r}`;
}
