import type { AggregateRow } from './aggregateRows';
import { toCsv, type CsvOptions } from './csvFormat';

/**
 * Column names of the aggregate export: short, ASCII, stable (a planner's spreadsheet formulas refer to them);
 * their meaning is in the file name and in the report. Shares are 0–1, not percentages.
 */
export const AGGREGATE_COLUMNS = ['unit_id', 'name', 'households', 'responses', 'response_rate', 'value', 'wilson_lower', 'wilson_upper', 'suppressed'] as const;

/** The aggregate rows as CSV (suppressed units: empty survey numbers, suppressed = 1). */
export function aggregatesCsv(rows: readonly AggregateRow[], options?: CsvOptions): string {
  return toCsv(
    AGGREGATE_COLUMNS,
    rows.map((r) => [r.unitId, r.label, r.households, r.responses, r.responseRate, r.value, r.lower, r.upper, r.suppressed]),
    options,
  );
}
