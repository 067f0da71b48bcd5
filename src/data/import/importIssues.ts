import type { z } from 'zod';
import { fieldProblemOf, type FieldProblem, type InputIssue } from '../../domain';
import { importMessage, importMessageLogText, type ImportMessage } from './importMessages';

export { IMPORT_MESSAGE_CODES, type ImportMessage, type ImportMessageCode } from './importMessages';

/**
 * One problem found while planning an import. Extends the domain's InputIssue, whose `message` keeps a log form of the
 * code (`row_cell_count {"cells":5,"columns":4}`) for `formatIssue` and tests; the UI words `msg` or `problem`.
 * `row` is the 0-based index in the file with the CSV header as row 0, hence formatIssue's "row N" is the spreadsheet row.
 */
export interface ImportIssue extends InputIssue {
  severity: 'error' | 'warning';
  /** 1-based, as the user sees it: CSV = spreadsheet row (header = 1, first data row = 2); GeoJSON = feature number (first = 1). */
  displayRow?: number;
  /** The column header as written in the file, a GeoJSON property key, or `geometry`. */
  column?: string;
  /** The offending value as text, at most 120 characters. Plain text: render it as text, never as HTML. */
  value?: string;
  /**
   * What happened, as a code with parameters (importMessages.ts). Absent only when the domain's `problem` says it
   * (a record schema refused a field) or, in the area import, its own `areaCode` does.
   */
  msg?: ImportMessage;
  /** A warning whose row is left out of the import (onUnmatched: skip); counted as rejected for the partial import. */
  rowLeftOut?: true;
}

/** Fields of problems with the whole file, even when they point at the header row. */
const FILE_LEVEL_FIELD = /^(\(file\)|\(columns\)|\(crs\)|\(kind\)|columnMapping|campaignId|settings)/;

/** Errors kept per rejected row (a row rarely has more worth reading). */
const MAX_ISSUES_PER_ROW = 4;

/** Issues listed before the rest are only counted, so a wholly broken 100,000-row file yields a readable list. */
export const MAX_LISTED_ISSUES = 1000;
const MAX_VALUE_CHARS = 120;

export function valueText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Where an issue is; `value` may be anything the file held (shown as text). */
export interface IssueWhere {
  row?: number;
  displayRow?: number;
  column?: string;
  value?: unknown;
}

function located({ value, ...rest }: IssueWhere): Partial<Pick<ImportIssue, 'row' | 'displayRow' | 'column' | 'value'>> {
  return value === undefined ? rest : { ...rest, value: valueText(value) };
}

/** Collects issues, keeps the first MAX_LISTED_ISSUES and counts every error (so a capped list still blocks the import). */
export class IssueCollector {
  readonly listed: ImportIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  /** Errors without a row (file, columns, coordinate system, campaign): they block even a partial import. */
  fileErrorCount = 0;
  /** Every row (0-based file row) with an error or left out, with its first issues: the rejected rows of a partial import. */
  readonly rejectedRows = new Map<number, ImportIssue[]>();
  private unlisted = 0;

  constructor(readonly source: string) {}

  add(issue: Omit<ImportIssue, 'source'> & { source?: string }): void {
    if (issue.severity === 'error') this.errorCount++;
    else this.warningCount++;
    const fileLevel = issue.row === undefined || FILE_LEVEL_FIELD.test(issue.field);
    if (issue.severity === 'error' && fileLevel) this.fileErrorCount++;
    if ((issue.severity === 'error' || issue.rowLeftOut) && issue.row !== undefined && !fileLevel) {
      const list = this.rejectedRows.get(issue.row);
      const full: ImportIssue = { source: issue.source ?? this.source, ...issue };
      if (full.value !== undefined) full.value = valueText(full.value);
      if (!list) this.rejectedRows.set(issue.row, [full]);
      else if (list.length < MAX_ISSUES_PER_ROW) list.push(full);
    }
    if (this.listed.length >= MAX_LISTED_ISSUES) {
      this.unlisted++;
      return;
    }
    const full: ImportIssue = { source: issue.source ?? this.source, ...issue };
    if (full.value !== undefined) full.value = valueText(full.value);
    this.listed.push(full);
  }

  error(field: string, msg: ImportMessage, where: IssueWhere = {}): void {
    this.add({ severity: 'error', field, message: importMessageLogText(msg), msg, ...located(where) });
  }

  /** A warning; `rowLeftOut` when its row is not imported (counted as rejected for the partial import). */
  warning(field: string, msg: ImportMessage, where: IssueWhere = {}, rowLeftOut?: true): void {
    this.add({ severity: 'warning', field, message: importMessageLogText(msg), msg, ...located(where), ...(rowLeftOut ? { rowLeftOut } : {}) });
  }

  /** An error a domain schema found (`problem` from zod; `message` its English, for logs). */
  problem(field: string, problem: FieldProblem, message: string, where: IssueWhere = {}): void {
    this.add({ severity: 'error', field, message, problem, ...located(where) });
  }

  /** Zod issues of one record, each naming its field; `columnOf` turns a field path into the file's column header. */
  fromZod(error: z.ZodError, where: { row?: number; displayRow?: number }, columnOf?: (field: string) => string | undefined, valueOf?: (field: string) => unknown): void {
    for (const issue of error.issues) {
      const field = issue.path.length ? issue.path.map(String).join('.') : '(record)';
      const column = columnOf?.(field);
      const value = valueOf?.(field);
      this.add({ severity: 'error', field, message: issue.message, problem: fieldProblemOf(issue), ...where, ...(column === undefined ? {} : { column }), ...(value === undefined ? {} : { value: valueText(value) }) });
    }
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** The listed issues, plus one saying how many more there were. */
  finish(): ImportIssue[] {
    if (this.unlisted === 0) return this.listed;
    const msg = importMessage('more_not_listed', { count: this.unlisted });
    return [...this.listed, { source: this.source, severity: this.errorCount > 0 ? 'error' : 'warning', field: '(file)', message: importMessageLogText(msg), msg }];
  }
}
