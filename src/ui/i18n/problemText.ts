import type { FieldProblem, InputIssue } from '../../domain';
import { translate, type Language } from './dictionary';
import { serverMessageText } from './serverMessageText';

/**
 * The domain's coded problems and issues in the user's language (STYLE.md habit 20): the one place that turns a
 * FieldProblem into words, used by every view that shows an InputIssue (notices, forms, the import wizard, analysis
 * refusals). Pure; the result is text, never HTML.
 */

const TYPE_KEYS = {
  number: 'problemTypeNumber',
  int: 'problemTypeInt',
  string: 'problemTypeString',
  boolean: 'problemTypeBoolean',
  array: 'problemTypeArray',
  object: 'problemTypeObject',
} as const;

/** "wartość musi wynosić co najmniej 1" / "the value must be at least 1". */
export function problemText(problem: FieldProblem, language: Language): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  switch (problem.code) {
    case 'wrong_type':
      return problem.expected in TYPE_KEYS ? t(TYPE_KEYS[problem.expected as keyof typeof TYPE_KEYS]) : t('problemTypeOther', { expected: problem.expected });
    case 'too_small':
      if (problem.origin === 'string') return problem.minimum <= 1 ? t('problemNonEmpty') : t('problemMinLength', { minimum: problem.minimum });
      if (problem.origin === 'array') return t('problemMinItems', { minimum: problem.minimum });
      return t(problem.inclusive ? 'problemMinNumber' : 'problemAboveNumber', { minimum: problem.minimum });
    case 'too_big':
      if (problem.origin === 'string') return t('problemMaxLength', { maximum: problem.maximum });
      if (problem.origin === 'array') return t('problemMaxItems', { maximum: problem.maximum });
      return t(problem.inclusive ? 'problemMaxNumber' : 'problemBelowNumber', { maximum: problem.maximum });
    case 'not_one_of':
      return t('problemNotOneOf', { values: problem.values.join(', ') });
    case 'bad_format':
      if (problem.format === 'date') return t('problemFormatDate');
      if (problem.format === 'datetime') return t('problemFormatDatetime');
      return t('problemFormatOther', { format: problem.format });
    case 'unknown_keys':
      return t('problemUnknownKeys', { keys: problem.keys.join(', ') });
    case 'rule':
      return t(`problemRule_${problem.rule}`);
    case 'invalid':
      return t('problemInvalid');
  }
}

/**
 * An issue in words: "responses, wiersz 12, pole needs.0.severity: wartość musi być jedną z: 1, 2, 3". The place keeps
 * the source and field as the data names them (they locate the problem); the problem is translated. An issue without
 * a coded problem (a server's or the browser's own words) shows its message.
 */
export function inputIssueText(issue: InputIssue, language: Language): string {
  const where =
    issue.row === undefined
      ? translate(language, 'issueWhere', { source: issue.source, field: issue.field })
      : translate(language, 'issueWhereRow', { source: issue.source, row: issue.row + 1, field: issue.field });
  return translate(language, 'issueLine', { where, problem: issueReasonText(issue, language) });
}

/**
 * What is wrong, without the place: the coded problem or server failure in the user's language, else the issue's own
 * message (the browser's words). For a sentence like "Nie udało się utworzyć linku: {reason}".
 */
export function issueReasonText(issue: InputIssue, language: Language): string {
  if (issue.problem) return problemText(issue.problem, language);
  if (issue.server) return serverMessageText(issue.server, language);
  return issue.message;
}

/** Several issues, as one line for a notice. */
export function inputIssuesText(issues: readonly InputIssue[], language: Language): string {
  return issues.map((issue) => inputIssueText(issue, language)).join('; ');
}
