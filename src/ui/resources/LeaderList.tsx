import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import { isAbortError } from '../../data/abort';
import { type InputIssue, type LeaderContact, type NeedCategoryId, type Workspace } from '../../domain';
import { formatCount, formatDate } from '../common/format';
import { needLabel } from '../common/viewText';
import type { Language } from '../i18n/dictionary';
import { inputIssuesText } from '../i18n/problemText';
import { useT } from '../i18n/useT';
import { NeedFilter } from '../common/NeedFilter';
import { filterByInterest, groupLeaderRows, leaderCandidateRows, type LeaderCandidateRow, type LeaderGrouping } from '../common/leaderCandidates';
import { useLeaderEstates } from '../common/useLeaderEstates';
import { analysisRefusalText } from '../i18n/analysisRefusalText';

const NO_ESTATES: ReadonlyMap<string, string> = new Map();

type ContactsState = { status: 'loading' } | { status: 'loaded'; contacts: LeaderContact[]; issues: InputIssue[] } | { status: 'failed'; issues: InputIssue[] };

/**
 * "Liderzy": the planner's list of leader candidates (households that agreed to be contacted as local leaders), by
 * street or estate, with their interests and — only where the resident gave the separate consent — the contact with
 * its consent and deletion dates. Contacts come from DataSource.loadLeaderContacts (never from the workspace, which
 * is what partners' views and exports read); expired ones are deleted before they are listed. Planners only
 * (common/audience.ts canSeeLeaderContacts; on Supabase the database's RLS answers nobody else).
 */
export function LeaderList({ dataSource, workspace, language }: { dataSource: DataSource; workspace: Workspace | null; language: Language }) {
  const t = useT();
  const [state, setState] = useState<ContactsState>({ status: 'loading' });
  const [grouping, setGrouping] = useState<LeaderGrouping>('street');
  const [need, setNeed] = useState<NeedCategoryId | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const load = useCallback(
    (signal?: AbortSignal) =>
      dataSource.loadLeaderContacts(signal).then(
        (result) => setState(result.ok ? { status: 'loaded', contacts: result.contacts, issues: result.issues } : { status: 'failed', issues: result.issues }),
        (error: unknown) => {
          if (!isAbortError(error)) setState({ status: 'failed', issues: [{ source: 'leaderContacts', field: '(storage)', message: String(error) }] });
        },
      ),
    [dataSource],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Each answer's estate as the engine counts it (the map's and the report's rule), from the analysis worker.
  const placed = useLeaderEstates(workspace, 'resources:leaderEstates');
  const estates = placed.status === 'ready' ? placed.estates : NO_ESTATES;
  const rows = useMemo(() => (workspace ? leaderCandidateRows(workspace, state.status === 'loaded' ? state.contacts : [], estates) : []), [workspace, state, estates]);
  const shown = useMemo(() => filterByInterest(rows, need), [rows, need]);
  const groups = useMemo(() => groupLeaderRows(shown, grouping), [shown, grouping]);
  const withContact = shown.filter((r) => r.contact !== null).length;

  const shorten = async (contact: LeaderContact, retainUntil: string) => {
    const result = await dataSource.shortenLeaderContactRetention(contact.id, retainUntil);
    if (!result.ok) {
      setNotice(t('leadersShortenFailed', { reason: inputIssuesText(result.issues, language) }));
      return;
    }
    setState((s) => (s.status === 'loaded' ? { ...s, contacts: s.contacts.map((c) => (c.id === contact.id ? { ...c, retainUntil } : c)) } : s));
    setNotice(t('leadersShortened', { date: formatDate(language, retainUntil) }));
  };

  const remove = async (contact: LeaderContact) => {
    setDeleting(contact.id);
    const result = await dataSource.deleteLeaderContact(contact.id);
    setDeleting(null);
    if (!result.ok) {
      setNotice(t('leadersDeleteFailed', { reason: inputIssuesText(result.issues, language) }));
      return;
    }
    setState((s) => (s.status === 'loaded' ? { ...s, contacts: s.contacts.filter((c) => c.id !== contact.id) } : s));
    setNotice(t('leadersDeleted'));
  };

  return (
    <section className="leaders" aria-labelledby="leaders-title" data-testid="leaders">
      <h3 id="leaders-title" className="leaders-title">
        {t('leadersTitle')}
      </h3>
      <p className="leaders-privacy">{t('leadersPrivacy')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend className="filter-label">{t('leadersGroupBy')}</legend>
          {(['street', 'estate'] as const).map((g) => (
            <label key={g} className="segmented-option">
              <input type="radio" name="leaders-grouping" value={g} checked={grouping === g} onChange={() => setGrouping(g)} />
              <span>{t(g === 'street' ? 'leadersByStreet' : 'leadersByEstate')}</span>
            </label>
          ))}
        </fieldset>
        <NeedFilter id="leaders-need" label={t('leadersInterest')} value={need} onChange={setNeed} language={language} />
        <p className="filter-count" role="status" data-testid="leaders-count">
          {t('leadersCount', { count: formatCount(language, shown.length), contacts: formatCount(language, withContact) })}
        </p>
      </form>
      {state.status === 'loading' || placed.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {placed.status === 'failed' ? (
        <p className="notice-warning" role="alert">
          {t('leadersEstatesFailed', { reason: analysisRefusalText(placed.failure, language) })}
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <p className="notice-error" role="alert">
          {t('leadersLoadFailed', { reason: inputIssuesText(state.issues, language) })}
        </p>
      ) : null}
      {state.status === 'loaded' && state.issues.length ? <p className="notice-warning">{inputIssuesText(state.issues, language)}</p> : null}
      <p className="leaders-notice" role="status">
        {notice}
      </p>
      {groups.length === 0 && state.status !== 'loading' && placed.status !== 'loading' ? <p className="table-empty">{t('leadersEmpty')}</p> : null}
      {/* Until the engine has placed the answers, no group is drawn: an estate group must never change under the reader. */}
      {(placed.status === 'loading' ? [] : groups).map((group) => (
        <div key={group.id ?? '(none)'} className="leaders-group">
          <table className="data-table" data-testid="leaders-table">
            <caption>
              {(group.name ?? t(grouping === 'street' ? 'leadersNoStreet' : 'leadersNoEstate')) + ' — ' + t('leadersGroupCount', { count: formatCount(language, group.rows.length) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('leadersColPlace')}</th>
                <th scope="col">{t('leadersColInterests')}</th>
                <th scope="col">{t('leadersColContact')}</th>
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row) => (
                <LeaderRow key={row.responseId} row={row} grouping={grouping} language={language} deleting={deleting === row.contact?.id} onDelete={remove} onShorten={shorten} />
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function LeaderRow({
  row,
  grouping,
  language,
  deleting,
  onDelete,
  onShorten,
}: {
  row: LeaderCandidateRow;
  grouping: LeaderGrouping;
  language: Language;
  deleting: boolean;
  onDelete: (c: LeaderContact) => void;
  onShorten: (c: LeaderContact, retainUntil: string) => void;
}) {
  const t = useT();
  const other = grouping === 'street' ? row.estateName : row.streetName;
  return (
    <tr data-response={row.responseId}>
      <th scope="row">
        {row.place ?? <span className="muted">{t('leadersNoStreet')}</span>}
        {other && grouping === 'street' ? <span className="leaders-sub">{t('leadersEstateOf', { estate: other })}</span> : null}
        <span className="leaders-sub">{t('leadersAnswered', { date: formatDate(language, row.date) })}</span>
      </th>
      <td>
        {row.interests.length ? (
          <ul className="tag-list">
            {row.interests.map((n) => (
              <li key={n} className="tag">
                {needLabel(n, language)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t('leadersNoInterests')}</span>
        )}
      </td>
      <td>
        {row.contact ? (
          <div className="leaders-contact" data-testid="leader-contact-cell">
            <strong>{row.contact.name}</strong>
            {row.contact.phone ? <span>{t('leadersPhone', { phone: row.contact.phone })}</span> : null}
            {row.contact.email ? <span>{t('leadersEmail', { email: row.contact.email })}</span> : null}
            <span className="leaders-sub">{t('leadersConsent', { date: formatDate(language, row.contact.consentDate) })}</span>
            <span className="leaders-sub">{t('leadersRetention', { date: formatDate(language, row.contact.retainUntil) })}</span>
            <ShortenRetention contact={row.contact} onShorten={onShorten} />
            <button type="button" className="button-secondary leaders-delete" disabled={deleting} onClick={() => row.contact && onDelete(row.contact)}>
              {t('leadersDelete', { name: row.contact.name })}
            </button>
          </div>
        ) : (
          <span className="muted">{t('leadersNoContact')}</span>
        )}
      </td>
    </tr>
  );
}

/** "Usuń wcześniej": a date no later than the current one; the adapters refuse a later one too. */
function ShortenRetention({ contact, onShorten }: { contact: LeaderContact; onShorten: (c: LeaderContact, retainUntil: string) => void }) {
  const t = useT();
  const id = useId();
  const [date, setDate] = useState(contact.retainUntil);
  return (
    <form
      className="leaders-shorten"
      onSubmit={(event) => {
        event.preventDefault();
        if (date && date !== contact.retainUntil) onShorten(contact, date);
      }}
    >
      <label htmlFor={id} className="leaders-sub">
        {t('leadersShortenLabel')}
      </label>
      <input id={id} type="date" className="text-input" value={date} max={contact.retainUntil} min={contact.consentDate} onChange={(event) => setDate(event.currentTarget.value)} />
      <button type="submit" className="button-secondary">
        {t('leadersShorten')}
      </button>
    </form>
  );
}
