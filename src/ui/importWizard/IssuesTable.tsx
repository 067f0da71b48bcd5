import { useState } from 'react';
import type { ImportIssue } from '../../data/import';
import type { Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { issueText } from './issueText';
import { sortedIssues } from './wizardState';

/** Rows drawn at first; a long list is one click away (the pipeline lists at most 1,000). */
const FIRST_ROWS = 200;

interface IssuesTableProps {
  issues: readonly ImportIssue[];
  errorCount: number;
  warningCount: number;
  language: Language;
}

/**
 * Every problem of the plan: row as in the spreadsheet, column, value, reason. Values are text nodes, never HTML
 * (STYLE.md habit 8): a cell holding "<script>" shows those characters.
 */
export function IssuesTable({ issues, errorCount, warningCount, language }: IssuesTableProps) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  if (issues.length === 0) return <p className="import-ok">{t('importNoProblems')}</p>;
  const sorted = sortedIssues(issues);
  const shown = showAll ? sorted : sorted.slice(0, FIRST_ROWS);
  return (
    <div className="import-issues" data-testid="import-issues">
      <p>
        {errorCount > 0 ? <strong className="import-error-text">{t('importErrorCount', { count: errorCount })}</strong> : null}
        {errorCount > 0 && warningCount > 0 ? ' · ' : null}
        {warningCount > 0 ? <span>{t('importWarningCount', { count: warningCount })}</span> : null}
      </p>
      <div className="import-table-scroll" tabIndex={0} role="region" aria-label={t('importIssuesTitle')}>
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">{t('importIssueSeverity')}</th>
              <th scope="col">{t('importIssueRow')}</th>
              <th scope="col">{t('importIssueColumn')}</th>
              <th scope="col">{t('importIssueValue')}</th>
              <th scope="col">{t('importIssueReason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((issue, index) => (
              <tr key={index} className={issue.severity === 'error' ? 'import-row-error' : 'import-row-warning'}>
                <td>{issue.severity === 'error' ? t('importSeverityError') : t('importSeverityWarning')}</td>
                <td>{issue.displayRow ?? '—'}</td>
                <td>{issue.column ?? '—'}</td>
                <td className="import-value">{issue.value ?? ''}</td>
                <td>{issueText(issue, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? (
        <button type="button" className="button-secondary" onClick={() => setShowAll(true)}>
          {t('importShowAllIssues', { count: sorted.length })}
        </button>
      ) : null}
    </div>
  );
}
