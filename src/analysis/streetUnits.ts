import type { Street } from '../domain/street';
import type { LocalProjection } from './localProjection';

/**
 * Streets as analysis units: street records sharing a prefix and a name in one town are one street (a town's
 * "ul. Słoneczna" may arrive as several records, one per OSM way or import row). Each unit keeps its segments in
 * local metres, in a canonical order (units sorted by id; records by id; lines and vertices as given), so the
 * nearest-segment tie-break and everything downstream are independent of the input order.
 */

export interface StreetUnits {
  /** Unit ids, sorted: the smallest street-record id of each merged group. */
  readonly unitIds: readonly string[];
  /** "ul. Słoneczna" per unit (the first record's spelling). */
  readonly labels: readonly string[];
  /** Street-record id → unit index. */
  readonly unitOfStreetId: ReadonlyMap<string, number>;
  /** Segments in metres and the unit each belongs to. */
  readonly x0s: Float64Array;
  readonly y0s: Float64Array;
  readonly x1s: Float64Array;
  readonly y1s: Float64Array;
  readonly segmentUnit: Uint32Array;
  /** Per unit: total length in metres and the length-weighted mean of segment midpoints (NaN with no segments). */
  readonly lengthMeters: Float64Array;
  readonly centerXs: Float64Array;
  readonly centerYs: Float64Array;
  readonly diagnostics: StreetUnitDiagnostics;
}

export interface StreetUnitDiagnostics {
  /** Groups of more than one record merged into one street. */
  merged: { unitId: string; streetIds: string[] }[];
  /** Records with an empty name: each is kept as its own street, never merged with another unnamed one. */
  unnamedStreetIds: string[];
  /** Vertex pairs left out because a coordinate was not a finite number. */
  skippedSegments: number;
  /** Street records with the same id; the first (in id order of content) is used. */
  duplicateStreetIds: string[];
}

/** The merge key: prefix plus the name with spacing and case normalised (Polish collation rules for case). */
export function streetMergeKey(street: Pick<Street, 'prefix' | 'name'>): string {
  const name = String(street.name ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');
  return name === '' ? '' : `${street.prefix}|${name}`;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups street records into units and projects their segments. O(vertices). Does not mutate `streets`.
 * @example buildStreetUnits([{ id: 's2', prefix: 'ul.', name: 'Leśna', … }, { id: 's1', prefix: 'ul.', name: ' leśna ', … }], p)
 *          → unitIds ['s1'], unitOfStreetId s1 → 0, s2 → 0
 */
export function buildStreetUnits(streets: readonly Street[], projection: LocalProjection): StreetUnits {
  const records = [...streets].sort((a, b) => byString(a.id, b.id));
  const groups = new Map<string, Street[]>();
  const unnamedStreetIds: string[] = [];
  const duplicateStreetIds: string[] = [];
  const seen = new Set<string>();
  for (const street of records) {
    if (seen.has(street.id)) {
      duplicateStreetIds.push(street.id);
      continue;
    }
    seen.add(street.id);
    const key = streetMergeKey(street);
    if (key === '') unnamedStreetIds.push(street.id);
    const groupKey = key === '' ? `\u0000unnamed|${street.id}` : key;
    const group = groups.get(groupKey);
    if (group) group.push(street);
    else groups.set(groupKey, [street]);
  }
  // Each group's id is its first (smallest) record id; units are ordered by that id.
  const ordered = [...groups.values()].sort((a, b) => byString(a[0]!.id, b[0]!.id));
  const unitIds = ordered.map((g) => g[0]!.id);
  const labels = ordered.map((g) => `${g[0]!.prefix} ${String(g[0]!.name ?? '').trim()}`.trim());
  const unitOfStreetId = new Map<string, number>();
  const merged: StreetUnitDiagnostics['merged'] = [];
  ordered.forEach((group, unit) => {
    for (const street of group) unitOfStreetId.set(street.id, unit);
    if (group.length > 1) merged.push({ unitId: unitIds[unit]!, streetIds: group.map((s) => s.id) });
  });

  let segmentCount = 0;
  for (const group of ordered) {
    for (const street of group) for (const line of street.geometry?.coordinates ?? []) segmentCount += Math.max(0, line.length - 1);
  }
  const x0s = new Float64Array(segmentCount);
  const y0s = new Float64Array(segmentCount);
  const x1s = new Float64Array(segmentCount);
  const y1s = new Float64Array(segmentCount);
  const segmentUnit = new Uint32Array(segmentCount);
  const unitCount = ordered.length;
  const lengthMeters = new Float64Array(unitCount);
  const sumX = new Float64Array(unitCount);
  const sumY = new Float64Array(unitCount);
  let s = 0;
  let skippedSegments = 0;
  ordered.forEach((group, unit) => {
    for (const street of group) {
      for (const line of street.geometry?.coordinates ?? []) {
        for (let i = 0; i + 1 < line.length; i++) {
          const [ax, ay] = projection.forward(line[i]![0], line[i]![1]);
          const [bx, by] = projection.forward(line[i + 1]![0], line[i + 1]![1]);
          if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) {
            skippedSegments++;
            continue;
          }
          x0s[s] = ax;
          y0s[s] = ay;
          x1s[s] = bx;
          y1s[s] = by;
          segmentUnit[s] = unit;
          s++;
          const length = Math.hypot(bx - ax, by - ay);
          lengthMeters[unit]! += length;
          sumX[unit]! += (length * (ax + bx)) / 2;
          sumY[unit]! += (length * (ay + by)) / 2;
        }
      }
    }
  });
  const centerXs = new Float64Array(unitCount);
  const centerYs = new Float64Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    centerXs[u] = lengthMeters[u]! > 0 ? sumX[u]! / lengthMeters[u]! : NaN;
    centerYs[u] = lengthMeters[u]! > 0 ? sumY[u]! / lengthMeters[u]! : NaN;
  }
  return {
    unitIds,
    labels,
    unitOfStreetId,
    x0s: x0s.subarray(0, s),
    y0s: y0s.subarray(0, s),
    x1s: x1s.subarray(0, s),
    y1s: y1s.subarray(0, s),
    segmentUnit: segmentUnit.subarray(0, s),
    lengthMeters,
    centerXs,
    centerYs,
    diagnostics: { merged, unnamedStreetIds, skippedSegments, duplicateStreetIds },
  };
}
