import type { ExploreLayer, NeedMapResult, RankingResult } from '../../analysis/exploreSession';
import { NEED_CATEGORY_IDS, type NeedCategoryId } from '../../domain';
import { responseRateRows, sortRateRows, type ResponseRateRow } from '../common/responseRateRows';

/**
 * What the report shows, arranged from the worker's answers (the same queries as the map and the survey view,
 * so every number equals the one on screen). Pure: ordering and picking, no statistics.
 */

/** Streets listed in the report: the best-answered ones, as the survey view sorts them by default. */
export const REPORT_TOP_STREETS = 15;
/** Candidate areas listed as recommended targets. */
export const REPORT_TOP_TARGETS = 6;


/** Estates in Polish name order; streets by response rate, highest first, the first `top`. */
export function estateRateRows(layer: ExploreLayer, map: NeedMapResult): ResponseRateRow[] {
  return sortRateRows(responseRateRows(layer, map), { key: 'label', direction: 'ascending' });
}

export function topStreetRateRows(layer: ExploreLayer, map: NeedMapResult, top = REPORT_TOP_STREETS): ResponseRateRow[] {
  return sortRateRows(
    responseRateRows(layer, map).filter((r) => r.households > 0),
    { key: 'responseRate', direction: 'descending' },
  ).slice(0, top);
}

export interface ProblemRank {
  needId: NeedCategoryId;
  /** Town-wide share of answering households reporting the need (pooled, from the ranking answer). */
  rate: number;
}

/** Needs by their town-wide rate, highest first (ties in taxonomy order). */
export function problemRanking(ranking: Pick<RankingResult, 'townAverageRates'>): ProblemRank[] {
  return NEED_CATEGORY_IDS.map((needId) => ({ needId, rate: ranking.townAverageRates[needId] ?? NaN }))
    .filter((p) => Number.isFinite(p.rate))
    .sort((a, b) => b.rate - a.rate);
}


/** Cluster candidates get a number in the order they appear in the ranking: "Skupisko problemów nr 1". */
export function clusterNumbers(ranking: Pick<RankingResult, 'targets'>): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const t of ranking.targets) if (t.kind === 'cluster') numbers.set(t.id, numbers.size + 1);
  return numbers;
}
