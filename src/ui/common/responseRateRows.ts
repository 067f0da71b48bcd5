import { polishCollator, type SortDirection, type SortOrder } from './table/tableSort';

/**
 * Rows of the response-rate table of one wave: one per street or estate, with the households the worker counted
 * in the unit, the answers it assigned there and its rate. Nothing is computed here but the table's order and the
 * colour class of the map: fixed edges, so a class means the same in every wave and town, set where door-to-door
 * response rates lie (10–20 % is usual in CAL surveys; 30 % and more is a street that took part well).
 */

/** What the worker's layer holds (see ExploreLayer). */
export interface RateLayer { unitIds: readonly string[]; labels: readonly string[]; households: ArrayLike<number> }
/** What the worker's need map holds per unit (see NeedMapResult); `responseRate` = responses / households. */
export interface RateAnswer { responses: ArrayLike<number>; responseRate: ArrayLike<number> }

export interface ResponseRateRow {
  unitId: string;
  label: string;
  households: number;
  responses: number;
  /**
   * Share of the unit's households that answered; null when the unit has no households (nothing to divide by) or
   * their number is unknown (`households` NaN: an address of the unit came without a count).
   */
  responseRate: number | null;
  /** 0–4 (see RESPONSE_RATE_CLASS_EDGES), NO_RATE_CLASS when there is no rate. */
  rateClass: number;
}

/** Class edges of the map: below 10 %, 10–15 %, 15–20 %, 20–30 %, 30 % and more. */
export const RESPONSE_RATE_CLASS_EDGES = [0.1, 0.15, 0.2, 0.3] as const;
export const NO_RATE_CLASS = 255;

/** 0 for rates below 10 %, …, 4 for 30 % and more; NO_RATE_CLASS for null or NaN. */
export function responseRateClass(rate: number | null): number {
  if (rate === null || !Number.isFinite(rate)) return NO_RATE_CLASS;
  let c = 0;
  while (c < RESPONSE_RATE_CLASS_EDGES.length && rate >= RESPONSE_RATE_CLASS_EDGES[c]!) c++;
  return c;
}

/** Joins a layer and a wave's answer unit by unit (the worker keeps both in one unit order). O(units). */
export function responseRateRows(layer: RateLayer, answer: RateAnswer): ResponseRateRow[] {
  if (answer.responses.length !== layer.unitIds.length) throw new Error(`layer has ${layer.unitIds.length} units, the answer ${answer.responses.length}`);
  return layer.unitIds.map((unitId, u) => {
    const households = layer.households[u]!;
    const responseRate = households > 0 ? answer.responseRate[u]! : null;
    return { unitId, label: layer.labels[u]!, households, responses: answer.responses[u]!, responseRate, rateClass: responseRateClass(responseRate) };
  });
}

export const RATE_SORT_KEYS = ['label', 'households', 'responses', 'responseRate'] as const;
export type RateSortKey = (typeof RATE_SORT_KEYS)[number];

/**
 * Sorted copy: labels in Polish order ("ul. Łąkowa" after "ul. Lipowa", numbers as numbers), numbers by value;
 * units with no rate last in both directions; ties by label.
 */
export function sortRateRows(rows: readonly ResponseRateRow[], order: SortOrder<RateSortKey>): ResponseRateRow[] {
  const sign = order.direction === ('ascending' satisfies SortDirection) ? 1 : -1;
  const byLabel = (a: ResponseRateRow, b: ResponseRateRow) => polishCollator.compare(a.label, b.label) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);
  return [...rows].sort((a, b) => {
    switch (order.key) {
      case 'label':
        return sign * byLabel(a, b);
      case 'households':
        if (Number.isNaN(a.households) || Number.isNaN(b.households)) return Number.isNaN(a.households) === Number.isNaN(b.households) ? byLabel(a, b) : Number.isNaN(a.households) ? 1 : -1;
        return sign * (a.households - b.households) || byLabel(a, b);
      case 'responses':
        return sign * (a.responses - b.responses) || byLabel(a, b);
      case 'responseRate':
        if (a.responseRate === null || b.responseRate === null) return a.responseRate === b.responseRate ? byLabel(a, b) : a.responseRate === null ? 1 : -1;
        return sign * (a.responseRate - b.responseRate) || byLabel(a, b);
    }
  });
}
