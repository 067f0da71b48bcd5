import { useId } from 'react';
import type { UnknownValue } from '../../data/import';
import { NEED_CATEGORIES, NUISANCE_IDS, NUISANCE_LABELS, OFFER_IDS, OFFER_LABELS, RESOURCE_KINDS } from '../../domain';
import { IGNORED_VALUE, type ValueMapping, type ValueMappingField } from '../../domain/importing';
import { RESOURCE_KIND_LABELS, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { VALUE_FIELD_KEYS } from './issueText';

/** The categories a value of a field can mean, labelled in the user's language. */
export function categoryOptions(field: ValueMappingField, language: Language): { id: string; label: string }[] {
  if (field === 'needs') return NEED_CATEGORIES.map((n) => ({ id: n.id, label: n.label[language] }));
  if (field === 'nuisances') return NUISANCE_IDS.map((id) => ({ id, label: NUISANCE_LABELS[id][language] }));
  if (field === 'offers') return OFFER_IDS.map((id) => ({ id, label: OFFER_LABELS[id][language] }));
  return RESOURCE_KINDS.map((id) => ({ id, label: RESOURCE_KIND_LABELS[id][language] }));
}

/** The decisions "accept all suggestions" makes: every listed value not yet decided that has a suggestion. */
export function suggestedEntries(values: readonly UnknownValue[], mapping: ValueMapping | undefined): { field: ValueMappingField; folded: string; category: string }[] {
  return values
    .filter((v) => v.suggestions[0] !== undefined && (mapping?.[v.field] as Record<string, string> | undefined)?.[v.folded] === undefined)
    .map((v) => ({ field: v.field, folded: v.folded, category: v.suggestions[0]! }));
}

interface ValueMappingPanelProps {
  values: readonly UnknownValue[];
  mapping: ValueMapping | undefined;
  organisationName: string;
  language: Language;
  onMap: (entries: { field: ValueMappingField; folded: string; category: string | undefined }[]) => void;
  onForget: () => void;
}

const NONE = '';

/**
 * The value-mapping step (issue 12): each distinct unknown value of a need / nuisance / offer column once, with how
 * many rows hold it and a suggestion; the user says what it means. Values are text nodes, never HTML.
 */
export function ValueMappingPanel({ values, mapping, organisationName, language, onMap, onForget }: ValueMappingPanelProps) {
  const t = useT();
  const baseId = useId();
  const acceptable = suggestedEntries(values, mapping);
  const remembered = mapping ? Object.values(mapping).reduce((n, entries) => n + Object.keys(entries).length, 0) : 0;
  return (
    <section className="import-section" aria-labelledby={`${baseId}-h`} data-testid="import-values">
      <h3 id={`${baseId}-h`}>{t('importStepValues')}</h3>
      <p className="import-note">{t('importValuesIntro', { name: organisationName })}</p>
      {acceptable.length ? (
        <p>
          <button type="button" className="button-secondary" data-testid="import-values-accept" onClick={() => onMap(acceptable)}>
            {t('importValuesAccept', { count: acceptable.length })}
          </button>
        </p>
      ) : null}
      <div className="import-table-scroll" tabIndex={0} role="region" aria-label={t('importValuesCaption')}>
        <table className="import-table">
          <caption className="visually-hidden">{t('importValuesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importValuesValue')}</th>
              <th scope="col">{t('importValuesField')}</th>
              <th scope="col">{t('importValuesCount')}</th>
              <th scope="col">{t('importValuesCategory')}</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, index) => {
              const id = `${baseId}-${index}`;
              const options = categoryOptions(v.field, language);
              const chosen = (mapping?.[v.field] as Record<string, string> | undefined)?.[v.folded] ?? NONE;
              const suggestion = options.find((o) => o.id === v.suggestions[0]);
              return (
                <tr key={`${v.field}-${v.folded}`}>
                  <th scope="row" className="import-value">
                    <label htmlFor={id}>{v.value}</label>
                  </th>
                  <td>{t(VALUE_FIELD_KEYS[v.field])}</td>
                  <td>{v.count}</td>
                  <td>
                    <select id={id} value={chosen} data-testid="import-value-select" onChange={(event) => onMap([{ field: v.field, folded: v.folded, category: event.target.value === NONE ? undefined : event.target.value }])}>
                      <option value={NONE}>{t('importValuesChoose')}</option>
                      {options.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.label}
                        </option>
                      ))}
                      {/* A kind of institution is never "none": its list has "Inny" (what a stored "ignore" imports as). */}
                      {v.field === 'resourceKinds' && chosen !== IGNORED_VALUE ? null : <option value={IGNORED_VALUE}>{t('importValuesIgnore')}</option>}
                    </select>
                    {suggestion && chosen === NONE ? <div className="import-note">{t('importValuesSuggestion', { label: suggestion.label })}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {remembered > 0 ? (
        <p className="import-note">
          {t('importValuesMapped', { count: remembered })}{' '}
          <button type="button" className="button-link" onClick={onForget}>
            {t('importValuesForget')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
