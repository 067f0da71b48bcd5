/**
 * CSV the way Polish Excel opens it with a double click (RFC 4180 otherwise): `;` between fields (Excel in a
 * Polish locale splits on the list separator, which is `;` because `,` is the decimal sign), a UTF-8 byte-order
 * mark (without it Excel reads "Dębowo" as "DÄ™bowo"), CRLF line ends, and optionally decimal commas.
 * Pure: strings in, a string out.
 */
export interface CsvOptions {
  separator: ';' | ',';
  /** 0,25 instead of 0.25 (only with the `;` separator: with `,` it would split the number). */
  decimalComma: boolean;
  /** Start with U+FEFF. */
  bom: boolean;
}

export const POLISH_EXCEL_CSV: CsvOptions = { separator: ';', decimalComma: true, bom: true };

export type CsvCell = string | number | boolean | null;

/** Six decimals at most (a rate to 0.0001 %), no trailing zeros, no exponent: 0.1 → "0.1", 1e-7 → "0". */
function formatNumber(value: number, decimalComma: boolean): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Number(value.toFixed(6)));
  const plain = text.includes('e') ? value.toFixed(6).replace(/\.?0+$/, '') : text;
  const normalised = plain === '-0' ? '0' : plain;
  return decimalComma ? normalised.replace('.', ',') : normalised;
}

/**
 * One field: numbers formatted, null → empty, booleans → 1/0; text quoted when it holds the separator, a quote,
 * a line break or edge spaces (inner quotes doubled). Text starting with = + - @ gets a leading apostrophe so a
 * spreadsheet never runs a name someone imported as a formula (OWASP "CSV injection").
 */
export function csvField(cell: CsvCell, options: CsvOptions): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  if (typeof cell === 'number') return formatNumber(cell, options.decimalComma && options.separator === ';');
  let text = cell;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(options.separator) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows joined with CRLF (a final CRLF after the last row). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = POLISH_EXCEL_CSV): string {
  const line = (cells: readonly CsvCell[]) => cells.map((c) => csvField(c, options)).join(options.separator);
  return (options.bom ? '\ufeff' : '') + [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
