import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Workspace } from '../../domain';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { focusFeature, useAppStore } from '../shell/appStore';
import type { Place, PlaceKind } from './placeSearch';

/** The search itself (folding names, ranking): loaded when the box is first used, not with the first paint (issue #16). */
const loadSearch = () => import('./placeSearch');
type SearchModule = Awaited<ReturnType<typeof loadSearch>>;

const KIND_KEYS: Readonly<Record<PlaceKind, MessageKey>> = {
  street: 'placeKindStreet',
  address: 'placeKindAddress',
  estate: 'placeKindEstate',
  district: 'placeKindDistrict',
  resource: 'placeKindResource',
};

/**
 * "Znajdź na mapie", keyboard first (the map itself needs a pointer): a combobox over streets, addresses, estates,
 * districts and resources (placeSearch.ts). Arrows move through the list, Enter opens the place (the first one when
 * none is highlighted), Esc closes the list. The chosen place is selected and brought into view.
 */
export function PlaceSearch({ workspace }: { workspace: Pick<Workspace, 'streets' | 'addresses' | 'areas' | 'resources'> }) {
  const t = useT();
  const store = useAppStore();
  const [query, setQuery] = useState('');
  // Built on the first key pressed, not at first paint (folding every address name costs tens of milliseconds).
  const wanted = query.trim() !== '';
  const [search, setSearch] = useState<SearchModule | null>(null);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if ((wanted || focused) && !search) void loadSearch().then((module) => setSearch(module));
  }, [wanted, focused, search]);
  const index = useMemo(() => (wanted && search ? search.buildPlaceIndex(workspace) : null), [workspace, wanted, search]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [notFound, setNotFound] = useState<string | null>(null);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const results = useMemo(() => (index && search ? search.searchPlaces(index, query) : []), [index, search, query]);
  const showList = open && results.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const choose = (place: Place) => {
    setQuery(place.label);
    setOpen(false);
    setActive(-1);
    setNotFound(null);
    focusFeature(store, { kind: place.kind, id: place.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const n = results.length;
      const down = event.key === 'ArrowDown';
      setActive((i) => (down ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const place = results[active] ?? results[0];
      const asked = query.trim();
      if (place) choose(place);
      else if (asked && !index) {
        // Enter before the search has loaded: answer once it has, for what was typed.
        void loadSearch().then((module) => {
          const first = module.searchPlaces(module.buildPlaceIndex(workspace), asked)[0];
          if (first) choose(first);
          else setNotFound(asked);
        });
      } else if (asked) setNotFound(asked);
    } else if (event.key === 'Escape' && showList) {
      // The list closes; the map's selection (which Esc also clears) stays.
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="street-search place-search" role="search">
      <label htmlFor={inputId} className="section-title">
        {t('findPlace')}
      </label>
      <input
        id={inputId}
        type="search"
        className="text-input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 && active < results.length ? optionId(active) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setOpen(true);
          setActive(-1);
          setNotFound(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={t('findPlaceResults')} className="place-search-list" hidden={!showList}>
        {results.map((place, i) => (
          <li
            key={`${place.kind}:${place.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(place);
            }}
          >
            <span className="place-search-label">{place.label}</span> <span className="place-search-kind">{t(KIND_KEYS[place.kind])}</span>
          </li>
        ))}
      </ul>
      <p id={hintId} className="hint" aria-live="polite">
        {notFound ? t('findPlaceNone', { query: notFound }) : t('findPlaceHint')}
      </p>
    </div>
  );
}
