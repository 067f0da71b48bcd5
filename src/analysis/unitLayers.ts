import { latLngToCell, cellToLatLng, isValidCell } from 'h3-js';
import type { UnitLayer } from './aggregate';
import { buildAreaRaster, locateAreas, overlapMemberships, type AreaRaster, type OverlapMemberships } from './areaRaster';
import type { PreparedDataset } from './dataset';
import { assignHexAxial, DEFAULT_HEX_SIZE_METERS, hexCenter, hexKey, hexUnitId, NO_HEX_AXIAL } from './hexGrid';
import { REASON_INVALID_LOCATION, REASON_NO_LOCATION, REASON_OUTSIDE_AREAS, type AssignmentReason, ASSIGNMENT_REASONS } from './streetAssignment';

/**
 * Unit layers over a prepared dataset: which street, area, hexagon or H3 cell each response and each address
 * falls in, plus households and centres per unit. Built on first use and cached in the dataset, because they
 * depend only on geometry, never on the query's wave, need or threshold.
 * The unit set is every unit of the layer that holds an address or a response (streets and areas: all of
 * them), so two waves aggregated over one layer have the same units in the same order.
 */

export type UnitSpec =
  | { kind: 'street' }
  /** One layer of areas of one kind (estate, district, care_region, custom). */
  | { kind: 'area'; areaKind: string }
  | { kind: 'hex'; sizeMeters?: number }
  /** H3 cells through h3-js (res 0–15; 9 is about 175 m across). Slow to build (~0.6 M points/s): not interactive. */
  | { kind: 'h3'; resolution: number };

export interface BuiltLayer extends UnitLayer {
  /** ASSIGNMENT_REASONS code per response (0 when assigned). */
  readonly reasonOfResponse: Uint8Array;
  /** For area layers: the raster used for point-in-polygon, for reuse (e.g. candidate areas in ranking). */
  readonly raster?: AreaRaster;
  /** For area layers: responses without a usable point placed through their street (see buildAreaLayer). */
  readonly assignedByStreet?: number;
}

function layerKey(spec: UnitSpec): string {
  switch (spec.kind) {
    case 'street':
      return 'street';
    case 'area':
      return `area:${spec.areaKind}`;
    case 'hex':
      return `hex:${spec.sizeMeters ?? DEFAULT_HEX_SIZE_METERS}`;
    case 'h3':
      return `h3:${spec.resolution}`;
  }
}

/** The layer for `spec`, built once per dataset. */
export function unitLayer(ds: PreparedDataset, spec: UnitSpec): BuiltLayer {
  const key = layerKey(spec);
  const cached = ds.layerCache.get(key) as BuiltLayer | undefined;
  if (cached) return cached;
  let layer: BuiltLayer;
  switch (spec.kind) {
    case 'street':
      layer = buildStreetLayer(ds);
      break;
    case 'area':
      layer = buildAreaLayer(ds, spec.areaKind);
      break;
    case 'hex':
      layer = buildHexLayer(ds, spec.sizeMeters ?? DEFAULT_HEX_SIZE_METERS);
      break;
    case 'h3':
      layer = buildH3Layer(ds, spec.resolution);
      break;
  }
  ds.layerCache.set(key, layer);
  return layer;
}

/** Area kinds present in the dataset, sorted. */
export function areaKinds(ds: PreparedDataset): string[] {
  return [...new Set(ds.areas.map((a) => a.kind))].sort();
}

function pointReason(ds: PreparedDataset, i: number): number {
  return ds.responseHasPoint[i] === 1 ? REASON_INVALID_LOCATION : REASON_NO_LOCATION;
}

function buildStreetLayer(ds: PreparedDataset): BuiltLayer {
  const unitCount = ds.streets.unitIds.length;
  const households = new Float64Array(unitCount);
  for (let a = 0; a < ds.addressIds.length; a++) {
    const u = ds.addressStreetUnit[a]!;
    if (u >= 0) households[u]! += ds.addressHouseholds[a]!;
  }
  return {
    kind: 'street',
    unitIds: ds.streets.unitIds,
    unitOfResponse: ds.streetAssignment.unit,
    reasonOfResponse: ds.streetAssignment.reason,
    households,
    centerXs: ds.streets.centerXs,
    centerYs: ds.streets.centerYs,
  };
}

function buildAreaLayer(ds: PreparedDataset, areaKind: string): BuiltLayer {
  const areas = ds.areas.filter((a) => a.kind === areaKind);
  const raster = buildAreaRaster(areas.map((a) => a.rings));
  const n = ds.responseIds.length;
  const unitOfResponse = new Int32Array(n);
  locateAreas(raster, ds.responseXs, ds.responseYs, unitOfResponse);
  // Where areas of the kind overlap, a point lies in each of them (as on the server, private.areas_at).
  const alsoInUnits = overlapMemberships(raster, ds.responseXs, ds.responseYs, unitOfResponse);
  const addressArea = new Int32Array(ds.addressIds.length);
  locateAreas(raster, ds.addressXs, ds.addressYs, addressArea);
  const addressAlso = overlapMemberships(raster, ds.addressXs, ds.addressYs, addressArea);
  const areaOfStreet = majorityAreaOfStreets(ds, addressArea, areas.length, addressAlso);
  const reasonOfResponse = new Uint8Array(n);
  let assignedByStreet = 0;
  for (let i = 0; i < n; i++) {
    if (unitOfResponse[i]! >= 0) continue;
    const hasPoint = Number.isFinite(ds.responseXs[i]!) && Number.isFinite(ds.responseYs[i]!);
    const street = ds.streetAssignment.unit[i]!;
    if (!hasPoint && street >= 0 && areaOfStreet[street]! >= 0) {
      unitOfResponse[i] = areaOfStreet[street]!;
      assignedByStreet++;
      continue;
    }
    reasonOfResponse[i] = hasPoint ? REASON_OUTSIDE_AREAS : pointReason(ds, i);
  }
  const households = new Float64Array(areas.length);
  for (let a = 0; a < addressArea.length; a++) if (addressArea[a]! >= 0) households[addressArea[a]!]! += ds.addressHouseholds[a]!;
  for (let k = 0; k < addressAlso.point.length; k++) households[addressAlso.area[k]!]! += ds.addressHouseholds[addressAlso.point[k]!]!;
  const centerXs = new Float64Array(areas.length);
  const centerYs = new Float64Array(areas.length);
  areas.forEach((area, u) => {
    const [x, y] = ringsCentroid(area.rings);
    centerXs[u] = x;
    centerYs[u] = y;
  });
  return {
    kind: 'area', areaKind, unitIds: areas.map((a) => a.id), unitOfResponse, reasonOfResponse, households, centerXs, centerYs, raster, assignedByStreet,
    ...(alsoInUnits.point.length ? { alsoInUnits } : {}),
  };
}

/**
 * The area of each street unit for answers that name a street but have no point: the area holding most of the
 * street's addresses; a tie in addresses goes to the area with more households there; a tie in both (or a street
 * with no address in any area) gives −1 — the answer stays unassigned rather than being placed by an arbitrary
 * rule. O(addresses + streets × areas touched).
 */
export function majorityAreaOfStreets(ds: PreparedDataset, addressArea: Int32Array, areaCount: number, addressAlso?: OverlapMemberships): Int32Array {
  const streetCount = ds.streets.unitIds.length;
  const tallies = new Map<number, { addresses: number; households: number }>();
  const count = (a: number, area: number) => {
    const street = ds.addressStreetUnit[a]!;
    if (street < 0 || area < 0) return;
    const key = street * areaCount + area;
    const tally = tallies.get(key) ?? { addresses: 0, households: 0 };
    tally.addresses++;
    tally.households += ds.addressHouseholds[a]! || 0; // unknown counts weigh 0 in the tie-break, as SQL's sum skips nulls
    tallies.set(key, tally);
  };
  for (let a = 0; a < addressArea.length; a++) count(a, addressArea[a]!);
  // An address where areas overlap counts for each of them (as in SQL's street_majority_areas).
  if (addressAlso) for (let k = 0; k < addressAlso.point.length; k++) count(addressAlso.point[k]!, addressAlso.area[k]!);
  const best = new Int32Array(streetCount).fill(-1);
  const bestAddresses = new Float64Array(streetCount);
  const bestHouseholds = new Float64Array(streetCount);
  const tied = new Uint8Array(streetCount);
  for (const [key, tally] of tallies) {
    const street = Math.floor(key / areaCount);
    const area = key - street * areaCount;
    const better = tally.addresses > bestAddresses[street]! || (tally.addresses === bestAddresses[street]! && tally.households > bestHouseholds[street]!);
    const same = tally.addresses === bestAddresses[street]! && tally.households === bestHouseholds[street]!;
    if (best[street] === -1 || better) {
      best[street] = area;
      bestAddresses[street] = tally.addresses;
      bestHouseholds[street] = tally.households;
      tied[street] = 0;
    } else if (same) tied[street] = 1;
  }
  for (let s = 0; s < streetCount; s++) if (tied[s]) best[s] = -1;
  return best;
}

/**
 * Area-weighted centroid of rings (shoelace; holes, being wound the other way in GeoJSON, subtract). Falls back to
 * the mean vertex for degenerate (zero-area) rings, and to NaN with no vertices.
 */
export function ringsCentroid(rings: readonly Float64Array[]): [number, number] {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (const ring of rings) {
    const m = Math.floor(ring.length / 2);
    for (let i = 0; i < m; i++) {
      const x0 = ring[2 * i]!;
      const y0 = ring[2 * i + 1]!;
      const j = (i + 1) % m;
      const x1 = ring[2 * j]!;
      const y1 = ring[2 * j + 1]!;
      if (!Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(x1) || !Number.isFinite(y1)) continue;
      const cross = x0 * y1 - x1 * y0;
      twiceArea += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
      sx += x0;
      sy += y0;
      count++;
    }
  }
  if (Math.abs(twiceArea) > 1e-9) return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
  return count > 0 ? [sx / count, sy / count] : [NaN, NaN];
}

/**
 * Hexagons. Fast path: axial (q, r) of every point, then a dense window over the occupied (q, r) range maps a cell
 * to its unit with one array read (a town of 20 km at 250 m is a ~100 × 100 window). A window that would be
 * huge (points scattered far apart) falls back to a Map from packed key to unit.
 */
function buildHexLayer(ds: PreparedDataset, sizeMeters: number): BuiltLayer {
  const n = ds.responseIds.length;
  const m = ds.addressIds.length;
  const rq = new Int32Array(n);
  const rr = new Int32Array(n);
  const aq = new Int32Array(m);
  const ar = new Int32Array(m);
  assignHexAxial(ds.responseXs, ds.responseYs, sizeMeters, rq, rr);
  assignHexAxial(ds.addressXs, ds.addressYs, sizeMeters, aq, ar);
  const { unitOfResponse, unitOfAddress, keys } = indexHexCells(rq, rr, aq, ar);
  const unitCount = keys.length;
  const households = new Float64Array(unitCount);
  for (let a = 0; a < m; a++) if (unitOfAddress[a]! >= 0) households[unitOfAddress[a]!]! += ds.addressHouseholds[a]!;
  const reasonOfResponse = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (unitOfResponse[i]! < 0) reasonOfResponse[i] = pointReason(ds, i);
  const centerXs = new Float64Array(unitCount);
  const centerYs = new Float64Array(unitCount);
  const unitIds: string[] = new Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const q = Math.floor(keys[u]! / 2 ** 26) - 2 ** 25;
    const r = (keys[u]! % 2 ** 26) - 2 ** 25;
    const [x, y] = hexCenter(q, r, sizeMeters);
    centerXs[u] = x;
    centerYs[u] = y;
    unitIds[u] = hexUnitId(q, r, sizeMeters);
  }
  return { kind: 'hex', unitIds, unitOfResponse, reasonOfResponse, households, centerXs, centerYs, hexKeys: keys, hexSizeMeters: sizeMeters };
}

/**
 * Dense indexing of occupied hex cells: returns units sorted by packed key, and the unit of every point.
 * O(points + window cells). Exported for the bench.
 */
export function indexHexCells(rq: Int32Array, rr: Int32Array, aq: Int32Array, ar: Int32Array): { unitOfResponse: Int32Array; unitOfAddress: Int32Array; keys: Float64Array } {
  let qMin = Infinity;
  let qMax = -Infinity;
  let rMin = Infinity;
  let rMax = -Infinity;
  const scan = (qs: Int32Array, rs: Int32Array) => {
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i]!;
      if (q === NO_HEX_AXIAL) continue;
      const r = rs[i]!;
      if (q < qMin) qMin = q;
      if (q > qMax) qMax = q;
      if (r < rMin) rMin = r;
      if (r > rMax) rMax = r;
    }
  };
  scan(rq, rr);
  scan(aq, ar);
  const unitOfResponse = new Int32Array(rq.length).fill(-1);
  const unitOfAddress = new Int32Array(aq.length).fill(-1);
  if (qMin > qMax) return { unitOfResponse, unitOfAddress, keys: new Float64Array(0) };
  const width = qMax - qMin + 1;
  const height = rMax - rMin + 1;
  if (width * height <= 1 << 24) {
    // Packed keys grow with q first, then r: walking the window q-major gives units in key order.
    const window = new Int32Array(width * height).fill(-1);
    const mark = (qs: Int32Array, rs: Int32Array) => {
      for (let i = 0; i < qs.length; i++) if (qs[i] !== NO_HEX_AXIAL) window[(qs[i]! - qMin) * height + (rs[i]! - rMin)] = 0;
    };
    mark(rq, rr);
    mark(aq, ar);
    let unitCount = 0;
    for (let c = 0; c < window.length; c++) if (window[c] === 0) window[c] = unitCount++;
    const keys = new Float64Array(unitCount);
    for (let c = 0; c < window.length; c++) {
      const u = window[c]!;
      if (u >= 0) keys[u] = hexKey(Math.floor(c / height) + qMin, (c % height) + rMin);
    }
    const lookup = (qs: Int32Array, rs: Int32Array, out: Int32Array) => {
      for (let i = 0; i < qs.length; i++) if (qs[i] !== NO_HEX_AXIAL) out[i] = window[(qs[i]! - qMin) * height + (rs[i]! - rMin)]!;
    };
    lookup(rq, rr, unitOfResponse);
    lookup(aq, ar, unitOfAddress);
    return { unitOfResponse, unitOfAddress, keys };
  }
  const seen = new Set<number>();
  for (const [qs, rs] of [[rq, rr], [aq, ar]] as const) for (let i = 0; i < qs.length; i++) if (qs[i] !== NO_HEX_AXIAL) seen.add(hexKey(qs[i]!, rs[i]!));
  const keys = Float64Array.from(seen).sort();
  const unitOfKey = new Map<number, number>();
  keys.forEach((k, u) => unitOfKey.set(k, u));
  for (const [qs, rs, out] of [[rq, rr, unitOfResponse], [aq, ar, unitOfAddress]] as const) {
    for (let i = 0; i < qs.length; i++) if (qs[i] !== NO_HEX_AXIAL) out[i] = unitOfKey.get(hexKey(qs[i]!, rs[i]!))!;
  }
  return { unitOfResponse, unitOfAddress, keys };
}

function buildH3Layer(ds: PreparedDataset, resolution: number): BuiltLayer {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) throw new RangeError(`H3 resolution must be an integer 0–15, got ${resolution}`);
  const cellOf = (lng: number, lat: number): string | null => (Number.isFinite(lng) && Number.isFinite(lat) ? latLngToCell(lat, lng, resolution) : null);
  const n = ds.responseIds.length;
  const m = ds.addressIds.length;
  const responseCells: (string | null)[] = new Array(n);
  const addressCells: (string | null)[] = new Array(m);
  const all = new Set<string>();
  for (let i = 0; i < n; i++) {
    const c = cellOf(ds.responseLngs[i]!, ds.responseLats[i]!);
    responseCells[i] = c;
    if (c) all.add(c);
  }
  for (let a = 0; a < m; a++) {
    const c = cellOf(ds.addressLngs[a]!, ds.addressLats[a]!);
    addressCells[a] = c;
    if (c) all.add(c);
  }
  const unitIds = [...all].filter(isValidCell).sort();
  const unitOf = new Map(unitIds.map((id, u) => [id, u]));
  const unitOfResponse = new Int32Array(n).fill(-1);
  const reasonOfResponse = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = responseCells[i] ? unitOf.get(responseCells[i]!) : undefined;
    if (u === undefined) reasonOfResponse[i] = pointReason(ds, i);
    else unitOfResponse[i] = u;
  }
  const households = new Float64Array(unitIds.length);
  for (let a = 0; a < m; a++) {
    const u = addressCells[a] ? unitOf.get(addressCells[a]!) : undefined;
    if (u !== undefined) households[u]! += ds.addressHouseholds[a]!;
  }
  const centerXs = new Float64Array(unitIds.length);
  const centerYs = new Float64Array(unitIds.length);
  unitIds.forEach((id, u) => {
    const [lat, lng] = cellToLatLng(id);
    const [x, y] = ds.projection.forward(lng, lat);
    centerXs[u] = x;
    centerYs[u] = y;
  });
  return { kind: 'h3', unitIds, unitOfResponse, reasonOfResponse, households, centerXs, centerYs };
}

/** Reason names for a layer's unassigned responses, e.g. for a diagnostics table. */
export function reasonName(code: number): AssignmentReason {
  return ASSIGNMENT_REASONS[code] ?? 'no_location';
}
