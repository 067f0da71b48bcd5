import type { Dispatch } from 'react';
import type { Resource } from '../../domain';
import type { useT } from '../i18n/useT';
import type { DraftField, ProgrammeDraft } from './programmeDraft';
import type { ProgrammesAction, ProgrammesState } from './programmesState';

interface ProgrammeFormProps {
  state: ProgrammesState;
  dispatch: Dispatch<ProgrammesAction>;
  partners: readonly Resource[];
  onSave: () => void;
  t: ReturnType<typeof useT>;
}

/** The programme's name, years, goals and partners; errors shown by each field, named for screen readers. */
export function ProgrammeForm({ state, dispatch, partners, onSave, t }: ProgrammeFormProps) {
  const { draft, errors, status } = state;
  const edit = (change: Partial<ProgrammeDraft>) => dispatch({ type: 'editDraft', draft: change });
  const errorId = (field: DraftField) => `programme-${field}-error`;
  const fieldError = (field: DraftField) => {
    const key = errors[field];
    return key ? (
      <p id={errorId(field)} className="field-error">
        {t(key)}
      </p>
    ) : null;
  };
  return (
    <section aria-labelledby="programmes-form-title">
      <h3 id="programmes-form-title">{t('progFormTitle')}</h3>
      <form className="programmes-form" onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }} noValidate>
        {fieldError('target')}
        <div className="form-field">
          <label htmlFor="programme-name">{t('progName')}</label>
          <input id="programme-name" className="text-input" value={draft.name} onChange={(e) => edit({ name: e.target.value })} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? errorId('name') : undefined} />
          {fieldError('name')}
        </div>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor="programme-year-from">{t('progYearFrom')}</label>
            <input id="programme-year-from" className="text-input" inputMode="numeric" value={draft.yearFrom} onChange={(e) => edit({ yearFrom: e.target.value })} aria-invalid={errors.yearFrom ? true : undefined} aria-describedby={errors.yearFrom ? errorId('yearFrom') : undefined} />
            {fieldError('yearFrom')}
          </div>
          <div className="form-field">
            <label htmlFor="programme-year-to">{t('progYearTo')}</label>
            <input id="programme-year-to" className="text-input" inputMode="numeric" value={draft.yearTo} onChange={(e) => edit({ yearTo: e.target.value })} aria-invalid={errors.yearTo ? true : undefined} aria-describedby={errors.yearTo ? errorId('yearTo') : undefined} />
            {fieldError('yearTo')}
          </div>
        </div>
        <div className="form-field">
          <label htmlFor="programme-goals">{t('progGoals')}</label>
          <textarea id="programme-goals" className="text-input" rows={3} value={draft.goals} onChange={(e) => edit({ goals: e.target.value })} aria-invalid={errors.goals ? true : undefined} aria-describedby={errors.goals ? errorId('goals') : undefined} />
          {fieldError('goals')}
        </div>
        <fieldset className="form-field programmes-partners">
          <legend>{t('progPartners')}</legend>
          <div className="programmes-partner-list">
            {partners.map((r) => (
              <label key={r.id}>
                <input
                  type="checkbox"
                  value={r.id}
                  checked={draft.partnerIds.includes(r.id)}
                  onChange={(e) => edit({ partnerIds: e.target.checked ? [...draft.partnerIds, r.id] : draft.partnerIds.filter((id) => id !== r.id) })}
                />
                {r.name}
              </label>
            ))}
          </div>
          {fieldError('partnerIds')}
        </fieldset>
        <button type="submit" className="button-primary" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('progSaving') : t('progSave')}
        </button>
        <p role="status" className={status.kind === 'failed' ? 'field-error' : undefined}>
          {status.kind === 'saved' ? t('progSaved', { name: status.name }) : status.kind === 'failed' ? t('progSaveFailed', { reason: status.reason }) : ''}
        </p>
      </form>
    </section>
  );
}
