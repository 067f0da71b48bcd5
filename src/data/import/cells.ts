/**
 * Spreadsheet cells → values, with Polish conventions: decimal comma ("19,25"), spaces as thousands separators,
 * dates DD.MM.YYYY, yes/no as tak/nie/x. Each returns undefined for an empty cell and `Number.NaN` / `null` for a cell
 * that holds something unreadable, so callers can say which.
 */

/** "19,25" → 19.25; "6 542 396,52" → 6542396.52; "" → undefined; "abc", "NaN", "Infinity", "1e999" → NaN. */
export function parseNumberCell(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  let text = cell.trim();
  if (text === '') return undefined;
  text = text.replace(/[\s\u00a0\u202f]/g, '');
  if (/^[+-]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Whole number cell ("3", "3,0") → 3; "2,5" or text → NaN. */
export function parseIntegerCell(cell: string | undefined): number | undefined {
  const value = parseNumberCell(cell);
  if (value === undefined) return undefined;
  return Number.isInteger(value) ? value : Number.NaN;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Date cell → "YYYY-MM-DD" (not checked for existence here; the schema rejects 2025-02-30).
 * Accepts 2025-05-05, 2025-05-05 10:00, 5.05.2025, 05/05/2025, 05-05-2025, 5.05.25 (→ 2025). Returns null for anything else.
 */
export function parseDateCell(cell: string | undefined): string | null | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const text = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s.*)?$/.exec(text);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return `${year}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  }
  return null;
}

const YES = new Set(['1', 'tak', 't', 'x', 'yes', 'y', 'true', 'prawda', '✓', '✔', 'v']);
const NO = new Set(['0', 'nie', 'n', 'no', 'false', 'fałsz', 'falsz', '-', '–']);

/** tak / x / 1 / yes → true; nie / 0 / no / - → false; empty → undefined; anything else → null. */
export function parseYesNoCell(cell: string | undefined): boolean | null | undefined {
  if (cell === undefined) return undefined;
  const text = cell.trim().toLowerCase();
  if (text === '') return undefined;
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

/** "a, b; c | d" → ["a", "b", "c", "d"]. `commas: false` splits only on ; | and line breaks (names may hold commas). */
export function splitListCell(cell: string | undefined, commas = true): string[] {
  if (cell === undefined) return [];
  return cell
    .split(commas ? /[;,|\n\r]+/ : /[;|\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
