import { buildPointIndex, bruteForceNearest, NearestNeighbourSearch } from './nearestNeighbours';

/**
 * Spatial weights for local statistics, stored as compressed sparse rows (CSR): the neighbours of
 * unit i are neighbours[offsets[i] .. offsets[i + 1]) with weights in the same slots.
 * Built once per geometry and reused across needs and waves (the geometry does not change when the
 * values do).
 */
export interface SpatialWeights {
  /** Number of units (rows). */
  readonly size: number;
  /** Length size + 1. */
  readonly offsets: Uint32Array;
  /** Column (unit) indices, ascending within each row. */
  readonly neighbours: Uint32Array;
  readonly weights: Float64Array;
}

export type SpatialWeightsSpec =
  /** Binary: w_ij = 1 when the centroids are at most `thresholdMeters` apart (ArcGIS FIXED_DISTANCE_BAND). */
  | { kind: 'distanceBand'; thresholdMeters: number; rowStandardise?: boolean }
  /**
   * Binary: w_ij = 1 for the k nearest other units (ArcGIS K_NEAREST_NEIGHBORS), and every unit tied with the
   * k-th: a row can be longer than k (on a hexagon grid k = 8 gives the 6 of ring 1 plus all 6 of ring 2 at 433 m).
   */
  | { kind: 'kNearest'; k: number; rowStandardise?: boolean };

export interface BuildWeightsOptions {
  /** Gi* counts the focal unit as its own neighbour (w_ii = 1); Gi and Moran's I do not. Default true. */
  includeSelf?: boolean;
  /** 'index' (kdbush; default) or 'bruteForce' (O(n²) scan: the reference for tests and the bench). */
  search?: 'index' | 'bruteForce';
}

/**
 * Builds weights over planar centroids `xs`, `ys` (metres; read only). Row standardisation divides
 * every weight in a row by the row's sum (each row then sums to 1); off by default because binary
 * weights are what Getis & Ord (1992) define and what ArcGIS recommends for Gi*.
 * Cost: O(n log n) to index plus O(n · (k + log n)) for kNN, O(n · (neighbours + log n)) for a band.
 * @example buildSpatialWeights(xs, ys, { kind: 'kNearest', k: 8 }) // each row: self + 8 nearest
 */
export function buildSpatialWeights(xs: Float64Array, ys: Float64Array, spec: SpatialWeightsSpec, options: BuildWeightsOptions = {}): SpatialWeights {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError('buildSpatialWeights: xs and ys differ in length');
  const includeSelf = options.includeSelf ?? true;
  const brute = options.search === 'bruteForce';
  const offsets = new Uint32Array(n + 1);
  let neighbours: Uint32Array<ArrayBuffer>;

  if (spec.kind === 'kNearest') {
    if (!Number.isInteger(spec.k) || spec.k < 1) throw new RangeError(`k must be a positive integer, got ${spec.k}`);
    const k = Math.min(spec.k, Math.max(0, n - 1));
    let capacity = Math.max(16, n * (k + 1 + (includeSelf ? 1 : 0)));
    neighbours = new Uint32Array(capacity);
    let used = 0;
    const index = !brute && k > 0 ? buildPointIndex(xs, ys) : null;
    const search = index ? new NearestNeighbourSearch(index, k) : null;
    const scratchIds = new Uint32Array(Math.max(k, 1));
    const scratchD2 = new Float64Array(Math.max(k, 1));
    let row = new Uint32Array(64);
    for (let i = 0; i < n; i++) {
      offsets[i] = used;
      let found = 0;
      if (k > 0) {
        const kFound = search ? search.query(xs[i]!, ys[i]!, i) : bruteForceNearest(xs, ys, xs[i]!, ys[i]!, k, i, scratchIds, scratchD2);
        if (kFound > 0) {
          // Complete the ring: every unit as near as the k-th (within 1e−9 relative, far below any real gap and far
          // above rounding) is in, so a tie is never cut by the order of the input or the last bit of a distance.
          const kthD2 = search ? search.distancesSquared[kFound - 1]! : scratchD2[kFound - 1]!;
          const radius = Math.sqrt(kthD2) * (1 + 1e-9) + 1e-9;
          if (index) {
            found = index.withinInto(xs[i]!, ys[i]!, radius, row);
            if (found > row.length) {
              row = new Uint32Array(found * 2);
              found = index.withinInto(xs[i]!, ys[i]!, radius, row);
            }
          } else {
            const r2 = radius * radius;
            for (let j = 0; j < n; j++) {
              const dx = xs[j]! - xs[i]!;
              const dy = ys[j]! - ys[i]!;
              if (dx * dx + dy * dy <= r2) {
                if (found === row.length) row = grow(row, found);
                row[found++] = j;
              }
            }
          }
        }
      }
      if (used + found + 1 > capacity) {
        capacity = Math.max(capacity * 2, used + found + 1);
        neighbours = grow(neighbours, used, capacity);
      }
      let selfSeen = false;
      for (let j = 0; j < found; j++) {
        const id = row[j]!;
        if (id === i) selfSeen = true;
        if (id !== i || includeSelf) neighbours[used++] = id;
      }
      if (includeSelf && !selfSeen) neighbours[used++] = i;
      sortRange(neighbours, offsets[i]!, used);
    }
    offsets[n] = used;
    neighbours = neighbours.slice(0, used);
  } else {
    const threshold = spec.thresholdMeters;
    if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new RangeError(`thresholdMeters must be a finite number ≥ 0, got ${threshold}`);
    const t2 = threshold * threshold;
    let capacity = Math.max(16, n * 8);
    neighbours = new Uint32Array(capacity);
    let used = 0;
    const index = brute ? null : buildPointIndex(xs, ys);
    let row = new Uint32Array(Math.max(16, n > 0 ? 64 : 0));
    for (let i = 0; i < n; i++) {
      offsets[i] = used;
      let found = 0;
      if (index) {
                // A typed array ignores writes past its end while the count keeps going: retry larger.
        found = index.withinInto(xs[i]!, ys[i]!, threshold, row);
        if (found > row.length) {
          row = new Uint32Array(found * 2);
          found = index.withinInto(xs[i]!, ys[i]!, threshold, row);
        }
      } else {
        for (let j = 0; j < n; j++) {
          const dx = xs[j]! - xs[i]!;
          const dy = ys[j]! - ys[i]!;
          if (dx * dx + dy * dy <= t2) {
            if (found === row.length) row = grow(row, found);
            row[found++] = j;
          }
        }
      }
      if (used + found > capacity) {
        capacity = Math.max(capacity * 2, used + found);
        neighbours = grow(neighbours, used, capacity);
      }
      for (let j = 0; j < found; j++) {
        const id = row[j]!;
        if (id !== i || includeSelf) neighbours[used++] = id;
      }
      sortRange(neighbours, offsets[i]!, used);
    }
    offsets[n] = used;
    neighbours = neighbours.slice(0, used);
  }

  const weights = new Float64Array(neighbours.length).fill(1);
  if (spec.rowStandardise) {
    for (let i = 0; i < n; i++) {
      const count = offsets[i + 1]! - offsets[i]!;
      if (count > 0) weights.fill(1 / count, offsets[i]!, offsets[i + 1]!);
    }
  }
  return { size: n, offsets, neighbours, weights };
}

/** Insertion sort of a[from, to): rows are short (k + 1 or a band's neighbours), and a subarray view per row would allocate. */
function sortRange(a: Uint32Array, from: number, to: number): void {
  if (to - from > 32) {
    a.subarray(from, to).sort(); // a wide distance band: O(m log m) beats insertion sort's O(m²)
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function grow(a: Uint32Array, used: number, capacity = a.length * 2): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(capacity);
  b.set(a.subarray(0, used));
  return b;
}
