import type { NeedCategoryId } from '../domain/needs';

/**
 * Per-unit aggregation results, as typed arrays (struct of arrays), shared by every analysis step that works on
 * units: streets, areas, planar hexagons, H3 cells. Matrices are row-major units × needs: entry (u, j) is at
 * `u * needCount + j`, where j indexes `needIds`.
 * The same shape serves any answer list of the survey: `UnitAggregates<OfferId>` counts what households offer
 * (its "need" columns are offers), so rates, Wilson intervals, suppression, smoothing and the weighted index are
 * one code path for needs and offers.
 */

export type AggregateUnitKind = 'street' | 'area' | 'hex' | 'h3';

/** Flag bits in `UnitAggregates.flags`. */
/** Fewer than `minResponses` responses: rates are shown as "too few answers", never as numbers. */
export const UNIT_SUPPRESSED = 1;
/** No address households in the unit: responseRate is 0 and means nothing. */
export const UNIT_NO_HOUSEHOLDS = 2;
/** More responses than households (bare points in a unit with few addresses): responseRate above 1. */
export const UNIT_MORE_RESPONSES_THAN_HOUSEHOLDS = 4;
/** Some address of the unit has no household count: households and responseRate are NaN (cannot be computed). */
export const UNIT_HOUSEHOLDS_UNKNOWN = 8;

export interface UnitAggregates<Id extends string = NeedCategoryId> {
  readonly kind: AggregateUnitKind;
  /** Unit ids in unit order: street ids, area ids, `hex250:q:r` or H3 indexes. Sorted, so order-independent. */
  readonly unitIds: readonly string[];
  readonly unitCount: number;
  /** Answer columns (needs, or offers), in the answer list's order unless the caller chose a subset. */
  readonly needIds: readonly Id[];
  readonly needCount: number;
  /** Households targeted: sum of the address households located in the unit; NaN when one of them is unknown. */
  readonly households: Float64Array;
  /** Responses (households that answered) in the unit, after the query's filter. */
  readonly responses: Uint32Array;
  /** responses / households; 0 with UNIT_NO_HOUSEHOLDS when there are no households; NaN with UNIT_HOUSEHOLDS_UNKNOWN. */
  readonly responseRate: Float64Array;
  /** Responses reporting need j (at or above the query's minimum severity). units × needs. */
  readonly needCounts: Uint32Array;
  /** needCounts / responses; 0 where responses = 0. units × needs. */
  readonly needRates: Float64Array;
  /** Wilson 95 % interval of each need rate (wilson.ts); [0, 1] where responses = 0. units × needs. */
  readonly needLower: Float64Array;
  readonly needUpper: Float64Array;
  /** UNIT_* bits per unit. */
  readonly flags: Uint8Array;
  /** k: units with fewer responses are UNIT_SUPPRESSED. */
  readonly minResponses: number;
  /** Unit centre in local metres (hexagon centre, area centroid, length-weighted street midpoint); NaN if unknown. */
  readonly centerXs: Float64Array;
  readonly centerYs: Float64Array;
  /** Responses that passed the filter, and how many of them fell in no unit (so none vanish silently). */
  readonly totalResponses: number;
  readonly unassignedResponses: number;
  /** For kind 'hex': the packed cell key (hexGrid.ts) of each unit and the cell size. */
  readonly hexKeys?: Float64Array;
  readonly hexSizeMeters?: number;
  /** For kind 'area': the area kind the units belong to (a layer: one area per point). */
  readonly areaKind?: string;
}

export interface UnitNeedSummary {
  count: number;
  rate: number;
  lower: number;
  upper: number;
  /** Empirical-Bayes rate, when smoothed rates were passed to `unitSummary`. */
  smoothedRate?: number;
}

export interface UnitSummary {
  id: string;
  households: number;
  responses: number;
  responseRate: number;
  suppressed: boolean;
  noHouseholds: boolean;
  needs: Partial<Record<NeedCategoryId, UnitNeedSummary>>;
}

/**
 * One unit as a plain object (for a popup or a table row). O(needs).
 * @example unitSummary(byStreet, 3).needs.housing → { count: 4, rate: 0.4, lower: 0.168…, upper: 0.687… }
 */
export function unitSummary(agg: UnitAggregates, unit: number, smoothedRates?: Float64Array): UnitSummary {
  if (!Number.isInteger(unit) || unit < 0 || unit >= agg.unitCount) throw new RangeError(`unit ${unit} out of range 0..${agg.unitCount - 1}`);
  const needs: Partial<Record<NeedCategoryId, UnitNeedSummary>> = {};
  for (let j = 0; j < agg.needCount; j++) {
    const at = unit * agg.needCount + j;
    const entry: UnitNeedSummary = { count: agg.needCounts[at]!, rate: agg.needRates[at]!, lower: agg.needLower[at]!, upper: agg.needUpper[at]! };
    if (smoothedRates) entry.smoothedRate = smoothedRates[at]!;
    needs[agg.needIds[j]!] = entry;
  }
  const flags = agg.flags[unit]!;
  return {
    id: agg.unitIds[unit]!,
    households: agg.households[unit]!,
    responses: agg.responses[unit]!,
    responseRate: agg.responseRate[unit]!,
    suppressed: (flags & UNIT_SUPPRESSED) !== 0,
    noHouseholds: (flags & UNIT_NO_HOUSEHOLDS) !== 0,
    needs,
  };
}

/** Column index of a need in `agg.needIds`, or -1. */
export function needColumn<Id extends string>(agg: Pick<UnitAggregates<Id>, 'needIds'>, need: Id): number {
  return agg.needIds.indexOf(need);
}
