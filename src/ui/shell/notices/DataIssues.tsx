import { useState } from 'react';
import type { InputIssue } from '../../../domain';
import { inputIssueText } from '../../i18n/problemText';
import { useT } from '../../i18n/useT';
import { useAppState } from '../appStore';

/** How many issues are listed before "and N more": enough to act on, short enough to read. */
const LISTED_ISSUES = 8;

/**
 * A visible, plain notice of the records that were left out (from loadWorkspace), while the rest of the
 * data is on the map. Issue text is rendered as text, never as HTML.
 */
export function DataIssues({ issues }: { issues: readonly InputIssue[] }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const [dismissed, setDismissed] = useState(false);
  if (issues.length === 0 || dismissed) return null;
  const listed = issues.slice(0, LISTED_ISSUES);
  return (
    <section className="notice notice-warning" role="alert" aria-labelledby="data-issues-title" data-testid="data-issues">
      <div className="notice-head">
        <h2 id="data-issues-title" className="notice-title">
          <span aria-hidden="true">⚠ </span>
          {t('issuesTitle', { count: issues.length })}
        </h2>
        <button type="button" className="button-link" onClick={() => setDismissed(true)}>
          {t('dismiss')}
        </button>
      </div>
      <p>{t('issuesIntro')}</p>
      <ul className="notice-list">
        {listed.map((issue, i) => (
          <li key={i}>
            <code>{inputIssueText(issue, language)}</code>
          </li>
        ))}
        {issues.length > listed.length ? <li>{t('issuesMore', { count: issues.length - listed.length })}</li> : null}
      </ul>
    </section>
  );
}
