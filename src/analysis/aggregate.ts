import { MIN_RESPONSES } from '../domain/units';
import { NEED_CATEGORY_IDS, type NeedCategoryId } from '../domain/needs';
import { UNIT_HOUSEHOLDS_UNKNOWN, UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS, UNIT_NO_HOUSEHOLDS, UNIT_SUPPRESSED, type UnitAggregates, type AggregateUnitKind } from './unitAggregates';
import { wilsonIntervalsInto } from './wilson';

/**
 * Counting responses and answers per unit: the one hot loop behind every street, area, hexagon and H3 view.
 * Answers travel as a mask of at most 16 bits per response, bit j = the j-th id of the answer list: needs
 * (NEED_CATEGORY_IDS, one mask per minimum severity) or what households offer (OFFER_IDS). The loop touches only
 * the answers a household gave. O(responses + units × columns), no allocation per response.
 */

export const ALL_NEEDS_COUNT = NEED_CATEGORY_IDS.length;

/** Default k: units with fewer responses have their rates suppressed. */
/** k (src/domain/units.ts). */
export const DEFAULT_MIN_RESPONSES = MIN_RESPONSES;

/** The unit set a query aggregates over: which unit each response (and household) falls in. */
export interface UnitLayer {
  readonly kind: AggregateUnitKind;
  readonly unitIds: readonly string[];
  /** Per response: unit index, or -1 when it falls in none (see `reasons`); in an area layer, the lowest of its areas. */
  readonly unitOfResponse: Int32Array;
  /**
   * Area layers whose areas overlap: the further areas a response lies in (pairs, response order), counted in each of
   * them as on the server. Absent or empty when no areas overlap.
   */
  readonly alsoInUnits?: { readonly point: Int32Array; readonly area: Int32Array };
  /** Households targeted per unit (address households located in the unit). */
  readonly households: Float64Array;
  readonly centerXs: Float64Array;
  readonly centerYs: Float64Array;
  readonly hexKeys?: Float64Array;
  readonly hexSizeMeters?: number;
  readonly areaKind?: string;
}

export interface AggregationInput<Id extends string = NeedCategoryId> {
  layer: UnitLayer;
  /** Per response: answer bitmask (bit j = answerIds[j]), for needs at the chosen minimum severity. */
  needMasks: Uint16Array;
  /** Per response: 1 when the response passes the filter (campaign, date…); null means all pass. */
  include: Uint8Array | null;
  /** The answer list the mask bits index (default NEED_CATEGORY_IDS; OFFER_IDS for what households offer). */
  answerIds?: readonly Id[];
  /** Columns of the result (default the whole answer list, in its order). */
  needIds?: readonly Id[];
  /** k (default 5). */
  minResponses?: number;
}

/**
 * Aggregates one layer. Rates use responses as the denominator (share of answering households that report the
 * need); the response rate uses households targeted. Every filtered response is either in a unit or counted in
 * `unassignedResponses`: Σ responses + unassignedResponses = totalResponses, plus, where areas of the layer overlap,
 * a response once more for each further area it lies in (`alsoInUnits`).
 */
export function aggregateUnits(input: AggregationInput): UnitAggregates;
export function aggregateUnits<Id extends string>(input: AggregationInput<Id> & { answerIds: readonly Id[] }): UnitAggregates<Id>;
export function aggregateUnits(input: AggregationInput<string>): UnitAggregates<string> {
  const { layer, needMasks, include } = input;
  const minResponses = input.minResponses ?? DEFAULT_MIN_RESPONSES;
  if (!(minResponses >= 0) || !Number.isFinite(minResponses)) throw new RangeError(`minResponses must be a number ≥ 0, got ${minResponses}`);
  const answerIds: readonly string[] = input.answerIds ?? NEED_CATEGORY_IDS;
  if (answerIds.length > 16) throw new RangeError('at most 16 answers fit a 16-bit answer mask');
  const answerCount = answerIds.length;
  const needIds = input.needIds ?? answerIds;
  const unitCount = layer.unitIds.length;
  const unitOf = layer.unitOfResponse;
  const n = unitOf.length;
  if (needMasks.length !== n || (include && include.length !== n)) throw new RangeError('aggregateUnits: per-response arrays differ in length');

  const responses = new Uint32Array(unitCount);
  const allCounts = new Uint32Array(unitCount * answerCount);
  let total = 0;
  let unassigned = 0;
  /** Response i counted in unit u: its count and one per answer bit it gave. */
  const count = (i: number, u: number) => {
    responses[u]!++;
    let mask = needMasks[i]!;
    const base = u * answerCount;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      allCounts[base + bit]!++;
      mask &= mask - 1;
    }
  };
  for (let i = 0; i < n; i++) {
    if (include !== null && include[i] === 0) continue;
    total++;
    const u = unitOf[i]!;
    if (u < 0) unassigned++;
    else count(i, u);
  }
  // Where areas overlap, a response counts in each area it lies in.
  const also = layer.alsoInUnits;
  if (also) {
    for (let k = 0; k < also.point.length; k++) {
      const i = also.point[k]!;
      if (include === null || include[i] !== 0) count(i, also.area[k]!);
    }
  }

  const needCount = needIds.length;
  const columnBits = needIds.map((id) => {
    const bit = answerIds.indexOf(id);
    if (bit < 0) throw new RangeError(`unknown answer column: ${id}`);
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
      const count = allCounts[u * answerCount + columnBits[j]!]!;
      needCounts[u * needCount + j] = count;
      needRates[u * needCount + j] = r > 0 ? count / r : 0;
    }
  }
  const needLower = new Float64Array(unitCount * needCount);
  const needUpper = new Float64Array(unitCount * needCount);
  wilsonIntervalsInto(needCounts, responses, needCount, needLower, needUpper);

  const result: UnitAggregates<string> = {
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
