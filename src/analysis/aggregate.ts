import { MIN_RESPONSES } from '../domain/units';
import { NEED_CATEGORY_IDS, type NeedCategoryId } from '../domain/needs';
import { UNIT_HOUSEHOLDS_UNKNOWN, UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS, UNIT_NO_HOUSEHOLDS, UNIT_SUPPRESSED, type UnitAggregates, type AggregateUnitKind } from './unitAggregates';
import { wilsonIntervalsInto } from './wilson';

/**
 * Counting responses and needs per unit: the one hot loop behind every street, area, hexagon and H3 view.
 * Needs travel as a 12-bit mask per response (bit j = NEED_CATEGORY_IDS[j]), one mask per minimum severity,
 * so the loop touches only the needs a household reported. O(responses + units × needs), no allocation per response.
 */

export const ALL_NEEDS_COUNT = NEED_CATEGORY_IDS.length;

/** Default k: units with fewer responses have their rates suppressed. */
/** k (src/domain/units.ts). */
export const DEFAULT_MIN_RESPONSES = MIN_RESPONSES;

/** The unit set a query aggregates over: which unit each response (and household) falls in. */
export interface UnitLayer {
  readonly kind: AggregateUnitKind;
  readonly unitIds: readonly string[];
  /** Per response: unit index, or -1 when it falls in none (see `reasons`). */
  readonly unitOfResponse: Int32Array;
  /** Households targeted per unit (address households located in the unit). */
  readonly households: Float64Array;
  readonly centerXs: Float64Array;
  readonly centerYs: Float64Array;
  readonly hexKeys?: Float64Array;
  readonly hexSizeMeters?: number;
  readonly areaKind?: string;
}

export interface AggregationInput {
  layer: UnitLayer;
  /** Per response: need bitmask at the chosen minimum severity. */
  needMasks: Uint16Array;
  /** Per response: 1 when the response passes the filter (campaign, date…); null means all pass. */
  include: Uint8Array | null;
  /** Need columns of the result (default all twelve, in NEED_CATEGORY_IDS order). */
  needIds?: readonly NeedCategoryId[];
  /** k (default 5). */
  minResponses?: number;
}

/**
 * Aggregates one layer. Rates use responses as the denominator (share of answering households that report the
 * need); the response rate uses households targeted. Every filtered response is either in a unit or counted in
 * `unassignedResponses`: Σ responses + unassignedResponses = totalResponses.
 */
export function aggregateUnits(input: AggregationInput): UnitAggregates {
  const { layer, needMasks, include } = input;
  const minResponses = input.minResponses ?? DEFAULT_MIN_RESPONSES;
  if (!(minResponses >= 0) || !Number.isFinite(minResponses)) throw new RangeError(`minResponses must be a number ≥ 0, got ${minResponses}`);
  const needIds = input.needIds ?? NEED_CATEGORY_IDS;
  const unitCount = layer.unitIds.length;
  const unitOf = layer.unitOfResponse;
  const n = unitOf.length;
  if (needMasks.length !== n || (include && include.length !== n)) throw new RangeError('aggregateUnits: per-response arrays differ in length');

  const responses = new Uint32Array(unitCount);
  const allCounts = new Uint32Array(unitCount * ALL_NEEDS_COUNT);
  let total = 0;
  let unassigned = 0;
  for (let i = 0; i < n; i++) {
    if (include !== null && include[i] === 0) continue;
    total++;
    const u = unitOf[i]!;
    if (u < 0) {
      unassigned++;
      continue;
    }
    responses[u]!++;
    let mask = needMasks[i]!;
    const base = u * ALL_NEEDS_COUNT;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      allCounts[base + bit]!++;
      mask &= mask - 1;
    }
  }

  const needCount = needIds.length;
  const columnBits = needIds.map((id) => {
    const bit = NEED_CATEGORY_IDS.indexOf(id);
    if (bit < 0) throw new RangeError(`unknown need category: ${id}`);
    return bit;
  });
  const needCounts = new Uint32Array(unitCount * needCount);
  const needRates = new Float64Array(unitCount * needCount);
  const responseRate = new Float64Array(unitCount);
  const flags = new Uint8Array(unitCount);
  for (let u = 0; u < unitCount; u++) {
    const r = responses[u]!;
    const h = layer.households[u]!;
    let f = 0;
    if (r < minResponses) f |= UNIT_SUPPRESSED;
    if (Number.isNaN(h)) f |= UNIT_HOUSEHOLDS_UNKNOWN;
    else if (!(h > 0)) f |= UNIT_NO_HOUSEHOLDS;
    else if (r > h) f |= UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS;
    flags[u] = f;
    responseRate[u] = Number.isNaN(h) ? Number.NaN : h > 0 ? r / h : 0;
    for (let j = 0; j < needCount; j++) {
      const count = allCounts[u * ALL_NEEDS_COUNT + columnBits[j]!]!;
      needCounts[u * needCount + j] = count;
      needRates[u * needCount + j] = r > 0 ? count / r : 0;
    }
  }
  const needLower = new Float64Array(unitCount * needCount);
  const needUpper = new Float64Array(unitCount * needCount);
  wilsonIntervalsInto(needCounts, responses, needCount, needLower, needUpper);

  const result: UnitAggregates = {
    kind: layer.kind,
    unitIds: layer.unitIds,
    unitCount,
    needIds,
    needCount,
    households: layer.households,
    responses,
    responseRate,
    needCounts,
    needRates,
    needLower,
    needUpper,
    flags,
    minResponses,
    centerXs: layer.centerXs,
    centerYs: layer.centerYs,
    totalResponses: total,
    unassignedResponses: unassigned,
    ...(layer.hexKeys ? { hexKeys: layer.hexKeys, hexSizeMeters: layer.hexSizeMeters } : {}),
    ...(layer.areaKind !== undefined ? { areaKind: layer.areaKind } : {}),
  };
  return result;
}
