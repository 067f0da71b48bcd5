import { useId, useMemo, useState } from 'react';
import { streetLabel, type Street } from '../../domain';
import { useT } from '../i18n/useT';
import { focusFeature, useAppStore } from '../shell/appStore';

/** Polish-aware, case-insensitive comparison key. */
const key = (text: string) => text.toLocaleLowerCase('pl').trim();

/** Picks the street the planner means: an exact label, else the first whose label or name starts with, else contains, the query. */
export function matchStreet(streets: readonly Street[], query: string): Street | undefined {
  const q = key(query);
  if (!q) return undefined;
  const labelled = streets.map((s) => ({ street: s, label: key(streetLabel(s)), name: key(s.name) }));
  return (
    labelled.find((s) => s.label === q || s.name === q) ??
    labelled.find((s) => s.label.startsWith(q) || s.name.startsWith(q)) ??
    labelled.find((s) => s.label.includes(q))
  )?.street;
}

/** Keyboard way to select a street (the map itself needs a pointer): type, pick from the list or press Enter. */
export function StreetSearch({ streets }: { streets: readonly Street[] }) {
  const t = useT();
  const store = useAppStore();
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const labels = useMemo(() => [...new Set(streets.map(streetLabel))].sort((a, b) => a.localeCompare(b, 'pl')), [streets]);

  const choose = (value: string, exactOnly: boolean) => {
    const street = exactOnly ? streets.find((s) => streetLabel(s) === value) : matchStreet(streets, value);
    if (street) {
      setNotFound(null);
      focusFeature(store, { kind: 'street', id: street.id });
    } else if (!exactOnly) {
      setNotFound(value);
    }
  };

  return (
    <form
      className="street-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        choose(query, false);
      }}
    >
      <label htmlFor={inputId} className="section-title">
        {t('findStreet')}
      </label>
      <input
        id={inputId}
        type="search"
        className="text-input"
        list={listId}
        autoComplete="off"
        aria-describedby={hintId}
        value={query}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setQuery(value);
          setNotFound(null);
          // Picking an entry of the datalist fills the exact label: select it at once.
          choose(value, true);
        }}
      />
      <datalist id={listId}>
        {labels.map((label) => (
          <option key={label} value={label} />
        ))}
      </datalist>
      <p id={hintId} className="hint" aria-live="polite">
        {notFound ? t('findStreetNone', { query: notFound }) : t('findStreetHint')}
      </p>
    </form>
  );
}
