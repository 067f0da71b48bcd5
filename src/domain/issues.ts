import type { z } from 'zod';

/** One problem found in user-supplied input, located precisely enough to fix it. */
export interface InputIssue {
  /** Where the record came from: a file, a collection, a form. */
  source: string;
  /** 0-based index of the record in its source, when it is one of many. */
  row?: number;
  /** Dotted path of the field inside the record, e.g. `geometry.coordinates.0.3`. */
  field: string;
  message: string;
}

/** Turns a zod error into issues that name the field. */
export function issuesFromZod(error: z.ZodError, source: string, row?: number): InputIssue[] {
  return error.issues.map((issue) => ({
    source,
    ...(row === undefined ? {} : { row }),
    field: issue.path.length ? issue.path.map(String).join('.') : '(record)',
    message: issue.message,
  }));
}

/** "responses row 12, field needs.0.severity: severity must be 1, 2 or 3" */
export function formatIssue(issue: InputIssue): string {
  const where = issue.row === undefined ? issue.source : `${issue.source} row ${issue.row + 1}`;
  return `${where}, field ${issue.field}: ${issue.message}`;
}
