import { useId } from 'react';
import { NEED_BY_ID, NUISANCE_LABELS, OFFER_LABELS, type NeedCategoryId, type NuisanceId, type OfferId } from '../../domain';
import type { ColumnMapping, ImportKind } from '../../domain/importing';
import { translate, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { FIELD_LABEL, FIELDS_OF_KIND } from './columnFields';

interface ColumnMappingTableProps {
  kind: ImportKind;
  headers: readonly string[];
  mapping: ColumnMapping;
  /** Columns that look like personal data: offered nowhere, listed with the reason. */
  personalData: readonly string[];
  language: Language;
  onChange: (field: string, column: string | undefined) => void;
}

const NONE = '';

/**
 * One select per field, pre-filled with the suggestion. Personal-data columns are disabled options with the reason in
 * their text (a disabled option cannot carry a tooltip a keyboard user reaches), and listed once more below.
 */
export function ColumnMappingTable({ kind, headers, mapping, personalData, language, onChange }: ColumnMappingTableProps) {
  const t = useT();
  const baseId = useId();
  const personal = new Set(personalData);
  const m = mapping as Record<string, unknown>;
  const perItem = kind === 'responses' ? perItemColumns(mapping, language) : [];

  return (
    <div className="import-columns">
      <table className="import-table">
        <caption className="visually-hidden">{t('importColumnsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('importColumnsField')}</th>
            <th scope="col">{t('importColumnsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {FIELDS_OF_KIND[kind].map((field) => {
            const id = `${baseId}-${field}`;
            const value = typeof m[field] === 'string' ? (m[field] as string) : NONE;
            return (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={id}>{t(FIELD_LABEL[field] ?? 'importFieldName')}</label>
                </th>
                <td>
                  <select id={id} value={value} data-field={field} onChange={(event) => onChange(field, event.target.value === NONE ? undefined : event.target.value)}>
                    <option value={NONE}>{t('importColumnNone')}</option>
                    {headers.map((header) => (
                      <option key={header} value={header} disabled={personal.has(header)}>
                        {personal.has(header) ? `${header} — ${t('importPersonalDataShort')}` : header}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {perItem.length ? (
        <div className="import-per-item">
          <p>{t('importPerItemColumns')}</p>
          <ul>
            {perItem.map(({ column, meaning }) => (
              <li key={column}>
                <span className="import-column-name">{column}</span> → {meaning}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {personalData.length ? (
        <div className="import-personal" role="note" data-testid="import-personal-data">
          <p>
            <strong>{t('importPersonalDataTitle')}</strong>
          </p>
          <ul>
            {personalData.map((column) => (
              <li key={column}>
                <span className="import-column-name">{column}</span>: {t('importPersonalDataReason')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** "Bezrobocie → Bezrobocie (potrzeba, nasilenie 0–3)": the survey's one-column-per-item mapping, in words. */
function perItemColumns(mapping: ColumnMapping, language: Language): Array<{ column: string; meaning: string }> {
  if (mapping.kind !== 'responses') return [];
  const out: Array<{ column: string; meaning: string }> = [];
  const needWord = translate(language, 'importColumnNeedWord');
  const nuisanceWord = translate(language, 'importColumnNuisanceWord');
  const offerWord = translate(language, 'importColumnOfferWord');
  for (const [column, id] of Object.entries(mapping.needColumns ?? {})) out.push({ column, meaning: `${NEED_BY_ID[id as NeedCategoryId].label[language]} (${needWord})` });
  for (const [column, id] of Object.entries(mapping.nuisanceColumns ?? {})) out.push({ column, meaning: `${NUISANCE_LABELS[id as NuisanceId][language]} (${nuisanceWord})` });
  for (const [column, id] of Object.entries(mapping.offerColumns ?? {})) out.push({ column, meaning: `${OFFER_LABELS[id as OfferId][language]} (${offerWord})` });
  return out;
}
