import type { ImportIssue } from './importIssues';
import type { ImportPlan } from './planImport';

/**
 * The rows a partial import left out, as a CSV the user fixes in Excel and imports again (issue 12): Polish Excel's
 * dialect — `;` between cells, CRLF, UTF-8 with a byte order mark (Excel then reads Polish letters right) — the
 * file's own headers and cells unchanged, and one more column with the reason. Cells are quoted when they hold `;`,
 * `"`, or a line break (RFC 4180). Re-importing the fixed file adds only these rows: answers already imported are
 * recognised by content (responseFingerprint). O(rejected cells).
 */
export const REJECTED_CSV_BOM = '\uFEFF';

const quoted = (cell: string): string => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * @param reasonHeader the reason column's header, in the user's language ("Powód odrzucenia")
 * @param reasonOf words one issue ("wiersz 12, kolumna Ulica: nie ma takiej ulicy"), in the user's language
 * @example rejectedRowsCsv(plan, 'Powód', (i) => i.message) → '\uFEFFUlica;Nr;Powód\r\nLutaków Rodziny;26;…\r\n'
 */
export function rejectedRowsCsv(plan: Pick<ImportPlan, 'partial'>, reasonHeader: string, reasonOf: (issue: ImportIssue) => string): string {
  const { headers, rejected } = plan.partial;
  const header = [...headers, uniqueHeader(reasonHeader, headers)];
  const lines = [header.map(quoted).join(';')];
  for (const row of rejected) {
    const cells = headers.map((_, j) => row.cells[j] ?? '');
    const reason = row.issues.map(reasonOf).join(' | ');
    lines.push([...cells, reason].map(quoted).join(';'));
  }
  return `${REJECTED_CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** The reason column must not take the name of a column of the file (it would be read back as that column). */
function uniqueHeader(wanted: string, headers: readonly string[]): string {
  let name = wanted;
  for (let n = 2; headers.includes(name); n++) name = `${wanted} (${n})`;
  return name;
}
