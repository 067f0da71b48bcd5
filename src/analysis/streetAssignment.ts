import { nearestSegment, type SegmentIndex } from './segmentIndex';

/**
 * Which street a response belongs to, and why not when it belongs to none. Rules, in order:
 *   1. its address's street (the address record names it);
 *   2. its own streetId;
 *   3. the street of the nearest segment within `maxDistanceMeters` of its point (the address's location when it
 *      has an address, else its own location).
 * What none of these place is kept with a reason code, so the caller can count and list it.
 */

/** Why a record is in no unit. Code = index; 0 means it is assigned. */
export const ASSIGNMENT_REASONS = [
  'assigned',
  /** addressId names no known address (and nothing else placed it). */
  'unknown_address',
  /** streetId names no known street (and nothing else placed it). */
  'unknown_street',
  /** neither address, street nor location. */
  'no_location',
  /** the point has a NaN or infinite coordinate. */
  'invalid_location',
  /** the point is farther than the maximum distance from every street segment. */
  'too_far_from_street',
  /** the point lies in no area of the layer. */
  'outside_every_area',
] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];
export const REASON_ASSIGNED = 0;
export const REASON_UNKNOWN_ADDRESS = 1;
export const REASON_UNKNOWN_STREET = 2;
export const REASON_NO_LOCATION = 3;
export const REASON_INVALID_LOCATION = 4;
export const REASON_TOO_FAR = 5;
export const REASON_OUTSIDE_AREAS = 6;

/** How an assigned response found its street. */
export const STREET_METHOD_NONE = 0;
export const STREET_METHOD_ADDRESS = 1;
export const STREET_METHOD_STREET_ID = 2;
export const STREET_METHOD_SNAPPED = 3;

export const DEFAULT_MAX_SNAP_DISTANCE_METERS = 60;

export interface StreetAssignmentInput {
  /** Per record: index of its address (-1 none), whether an addressId was given at all (1) … */
  addressIndex: Int32Array;
  addressIdGiven: Uint8Array;
  /** … the street unit of its own streetId (-1 none), whether a streetId was given at all (1) … */
  ownStreetUnit: Int32Array;
  streetIdGiven: Uint8Array;
  /** … and its point in metres (NaN when it has none; `hasPoint` tells "none" from "invalid"). */
  xs: Float64Array;
  ys: Float64Array;
  hasPoint: Uint8Array;
  /** Per address: its street unit (-1 when unknown). */
  addressStreetUnit: Int32Array;
  segmentIndex: SegmentIndex;
  segmentUnit: Uint32Array;
  maxDistanceMeters: number;
}

export interface StreetAssignment {
  /** Street unit per record, -1 when unassigned. */
  unit: Int32Array;
  /** ASSIGNMENT_REASONS code per record (0 when assigned). */
  reason: Uint8Array;
  /** STREET_METHOD_* per record. */
  method: Uint8Array;
  /** Distance to the snapped segment in metres (0 unless snapped). */
  snapDistanceMeters: Float64Array;
}

/**
 * Applies the rules to every record. O(n) plus one nearest-segment query per record that needs snapping.
 * Does not modify its input arrays. With `into` (arrays of exactly n records, e.g. the previous call's answer), the
 * answer is written there and nothing of size n is allocated: a caller that assigns again (another filter, another
 * batch of the same size) reuses its buffers instead of growing the heap by 14 bytes a record each time.
 */
export function assignStreets(input: StreetAssignmentInput, into?: StreetAssignment): StreetAssignment {
  const { addressIndex, addressIdGiven, ownStreetUnit, streetIdGiven, xs, ys, hasPoint, addressStreetUnit, segmentIndex, segmentUnit, maxDistanceMeters } = input;
  const n = addressIndex.length;
  if (into && (into.unit.length !== n || into.reason.length !== n || into.method.length !== n || into.snapDistanceMeters.length !== n)) {
    throw new RangeError(`assignStreets: the arrays to reuse hold ${into.unit.length} records, not ${n}`);
  }
  const unit = into ? into.unit.fill(-1) : new Int32Array(n).fill(-1);
  const reason = into ? into.reason.fill(0) : new Uint8Array(n);
  const method = into ? into.method.fill(0) : new Uint8Array(n);
  const snapDistanceMeters = into ? into.snapDistanceMeters.fill(0) : new Float64Array(n);
  const distance = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    const a = addressIndex[i]!;
    if (a >= 0 && addressStreetUnit[a]! >= 0) {
      unit[i] = addressStreetUnit[a]!;
      method[i] = STREET_METHOD_ADDRESS;
      continue;
    }
    if (ownStreetUnit[i]! >= 0) {
      unit[i] = ownStreetUnit[i]!;
      method[i] = STREET_METHOD_STREET_ID;
      continue;
    }
    if (hasPoint[i] === 1) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        reason[i] = REASON_INVALID_LOCATION;
        continue;
      }
      const s = nearestSegment(segmentIndex, x, y, maxDistanceMeters, distance);
      if (s >= 0) {
        unit[i] = segmentUnit[s]!;
        method[i] = STREET_METHOD_SNAPPED;
        snapDistanceMeters[i] = distance[0]!;
      } else reason[i] = REASON_TOO_FAR;
      continue;
    }
    reason[i] = addressIdGiven[i] === 1 && a < 0 ? REASON_UNKNOWN_ADDRESS : streetIdGiven[i] === 1 ? REASON_UNKNOWN_STREET : REASON_NO_LOCATION;
  }
  return { unit, reason, method, snapDistanceMeters };
}

/** The unassigned records of a layer as id and reason lists (for a diagnostics table). O(n). */
export function listUnassigned(ids: readonly string[], unit: Int32Array, reason: Uint8Array, include: Uint8Array | null = null): { ids: string[]; reasons: AssignmentReason[] } {
  const outIds: string[] = [];
  const reasons: AssignmentReason[] = [];
  for (let i = 0; i < unit.length; i++) {
    if (unit[i]! >= 0 || (include !== null && include[i] === 0)) continue;
    outIds.push(ids[i]!);
    reasons.push(ASSIGNMENT_REASONS[reason[i]!] ?? 'no_location');
  }
  return { ids: outIds, reasons };
}
