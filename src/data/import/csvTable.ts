import Papa from 'papaparse';
import { CSV_DELIMITERS } from '../../domain/importing';
import type { IssueCollector } from './importIssues';
import { importMessage } from './importMessages';

export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** A CSV file as rows of cells. Row i of `rows` is file row `rowNumbers[i]` (0-based; the header is row 0). */
export interface CsvTable {
  headers: string[];
  rows: string[][];
  /** 0-based file row of each data row; empty lines are skipped but still counted, so numbers match the spreadsheet. */
  rowNumbers: number[];
}

/**
 * Guesses the delimiter from the header row, where decimal commas cannot confuse it (a `;` file from Polish Excel has
 * `19,5` in its data rows). The candidate seen most often outside quotes wins; ties go to the order `;` `,` tab `|`.
 * A header with none of them is one column. O(header length).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break; // first non-empty line read
    } else if (!inQuotes && (CSV_DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const d of [';', ',', '\t', '|'] as const) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/**
 * Parses CSV text with papaparse (RFC 4180 quoting: `"a;b"`, `""` for a quote, line breaks inside quotes).
 * The first non-empty row is the header; headers are trimmed, empty ones named "column N", repeated ones suffixed " (2)".
 * Problems go to `issues` with the spreadsheet row. Never throws. O(text length).
 */
export function readCsv(text: string, issues: IssueCollector, options: { delimiter?: CsvDelimiter } = {}): { table: CsvTable; delimiter: CsvDelimiter } {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false });
  for (const error of parsed.errors.slice(0, 50)) {
    const row = typeof error.row === 'number' ? error.row : undefined;
    const message =
      error.code === 'MissingQuotes'
        ? importMessage('csv_unclosed_quote')
        : error.code === 'InvalidQuotes'
          ? importMessage('csv_stray_quote')
          : importMessage('csv_unreadable', { reason: error.message });
    issues.error('(file)', message, row === undefined ? {} : { row, displayRow: row + 1 });
  }
  const all = parsed.data;
  let headerIndex = 0;
  while (headerIndex < all.length && isBlankRow(all[headerIndex]!)) headerIndex++;
  const table: CsvTable = { headers: [], rows: [], rowNumbers: [] };
  if (headerIndex >= all.length) {
    issues.error('(file)', importMessage('file_empty'));
    return { table, delimiter };
  }
  const seen = new Map<string, number>();
  table.headers = all[headerIndex]!.map((raw, i) => {
    let name = String(raw).replace(/^\uFEFF/, '').trim();
    if (name === '') name = `column ${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) {
      issues.warning('(columns)', importMessage('duplicate_column', { name, count }), { row: headerIndex, displayRow: headerIndex + 1, column: name });
      name = `${name} (${count})`;
    }
    return name;
  });
  for (let i = headerIndex + 1; i < all.length; i++) {
    const cells = all[i]!;
    if (isBlankRow(cells)) continue;
    if (cells.length > table.headers.length && cells.slice(table.headers.length).some((c) => c.trim() !== '')) {
      issues.error('(row)', importMessage('row_cell_count', { cells: cells.length, columns: table.headers.length }), { row: i, displayRow: i + 1, value: cells.join(delimiter) });
    }
    table.rows.push(cells);
    table.rowNumbers.push(i);
  }
  return { table, delimiter };
}
