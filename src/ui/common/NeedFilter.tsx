import { NEED_CATEGORIES, type NeedCategoryId } from '../../domain';
import type { Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';

/** A table filter by need: "any" (null) or one need category, in the taxonomy's order (inventory, leaders list). */
export function NeedFilter({ id, label, value, onChange, language }: { id: string; label: string; value: NeedCategoryId | null; onChange: (need: NeedCategoryId | null) => void; language: Language }) {
  const t = useT();
  return (
    <div className="filter-field">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select-input" value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as NeedCategoryId | null)}>
        <option value="">{t('invAny')}</option>
        {NEED_CATEGORIES.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
