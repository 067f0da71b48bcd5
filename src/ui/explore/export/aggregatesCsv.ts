import type { AggregateRow } from './aggregateRows';
import { toCsv, type CsvOptions } from './csvFormat';

/** The columns of the aggregate export, in order. */
export const AGGREGATE_COLUMNS = ['unitId', 'name', 'households', 'responses', 'responseRate', 'value', 'lower', 'upper', 'suppressed'] as const;
export type AggregateColumn = (typeof AGGREGATE_COLUMNS)[number];

/** A share 0–1 as a percentage with two decimals (0.70588 → 70.59); null stays empty. */
const percent = (share: number | null): number | null => (share === null ? null : Math.round(share * 10000) / 100);

/**
 * The aggregate rows as CSV a planner opens and reads: column names in words of the UI language, the measure and the
 * wave named in the value's column ("Samotność i potrzeby seniorów, fala 2 (2026) [%]"), rates as percentages
 * (two decimals; a decimal comma in the Polish Excel format), counts as counts. Suppressed units: empty survey
 * numbers and 1 in the last column.
 */
export function aggregatesCsv(rows: readonly AggregateRow[], header: Readonly<Record<AggregateColumn, string>>, options?: CsvOptions): string {
  return toCsv(
    AGGREGATE_COLUMNS.map((c) => header[c]),
    rows.map((r) => [r.unitId, r.label, r.households, r.responses, percent(r.responseRate), percent(r.value), percent(r.lower), percent(r.upper), r.suppressed]),
    options,
  );
}
