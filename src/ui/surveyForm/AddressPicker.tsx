import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Address } from '../../domain';
import type { LayerGroup } from '../../map/layers';
import type { MapData } from '../../map/mapData';
import { useT } from '../i18n/useT';
import { MapView } from '../common/map/MapView';
import type { FeatureRef } from '../shell/appStore';
import { addressLabel, searchStreets, splitQuery, type AddressDirectory } from './addressDirectory';

export type PickMode = 'list' | 'map';

interface AddressPickerProps {
  directory: AddressDirectory;
  /** Answers in the chosen wave per address id (shown on the house-number buttons). */
  answersByAddress: ReadonlyMap<string, number>;
  streetId: string | null;
  onStreet: (streetId: string | null) => void;
  onAddress: (address: Address) => void;
  mode: PickMode;
  onMode: (mode: PickMode) => void;
  mapData: MapData | null;
}

/** On the small map only what a volunteer walks by: estates for orientation, streets and address dots. */
const FORM_MAP_GROUPS: Readonly<Record<LayerGroup, boolean>> = { districts: false, estates: true, streets: true, addresses: true, resources: false };

/**
 * Street first, then house number: from a searchable list (Polish order) or by tapping the map. Tapping a street
 * opens its house numbers below the map (address dots are small for a finger); tapping a dot picks the address.
 */
export function AddressPicker({ directory, answersByAddress, streetId, onStreet, onAddress, mode, onMode, mapData }: AddressPickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [focus, setFocus] = useState<{ ref: FeatureRef; tick: number } | null>(null);
  const searchId = useId();
  const hintId = useId();
  const street = streetId ? directory.streetById.get(streetId) : undefined;
  const matches = useMemo(() => searchStreets(directory, query), [directory, query]);
  const mapRef = useRef<HTMLDivElement>(null);

  const numbersRef = useRef<HTMLDivElement>(null);
  const [scrollToNumbers, setScrollToNumbers] = useState(false);

  // Choosing the map brings it on screen: on a phone it starts below the fold.
  useEffect(() => {
    if (mode === 'map') mapRef.current?.scrollIntoView({ block: 'start' });
  }, [mode]);

  // Choosing a street from the list brings its house numbers up (not on the map: the map should stay in view).
  useEffect(() => {
    if (!scrollToNumbers) return;
    numbersRef.current?.scrollIntoView({ block: 'start' });
    setScrollToNumbers(false);
  }, [scrollToNumbers, streetId]);

  const chooseStreet = (id: string) => {
    onStreet(id);
    setFocus((f) => ({ ref: { kind: 'street', id }, tick: (f?.tick ?? 0) + 1 }));
  };

  const onMapSelect = (ref: FeatureRef | null) => {
    if (!ref) return;
    if (ref.kind === 'address') {
      const address = directory.addressById.get(ref.id);
      if (address) onAddress(address);
    } else if (ref.kind === 'street' && directory.streetById.has(ref.id)) {
      chooseStreet(ref.id);
    }
  };

  const describe = (ref: FeatureRef): string | undefined => {
    if (ref.kind === 'street') return directory.streetById.get(ref.id)?.label;
    if (ref.kind === 'address') {
      const address = directory.addressById.get(ref.id);
      return address ? addressLabel(directory, address) : undefined;
    }
    return undefined;
  };

  /** Enter in the search: "polna 12" goes straight to the address when the street is unambiguous. */
  const submitSearch = () => {
    const { houseNumber } = splitQuery(query);
    const first = matches[0];
    if (!first) return;
    if (matches.length === 1 || houseNumber) {
      const address = houseNumber ? first.addresses.find((a) => a.houseNumber.toUpperCase() === houseNumber) : undefined;
      if (address) onAddress(address);
      else chooseStreet(first.street.id);
    }
  };

  return (
    <section className="survey-card" aria-labelledby={`${searchId}-title`}>
      <h2 id={`${searchId}-title`} className="survey-section-title">
        {t('surveyAddress')}
      </h2>
      <div className="survey-segmented" role="group" aria-label={t('surveyPickHow')}>
        {(['list', 'map'] as const).map((m) => (
          <button key={m} type="button" className="survey-segment" aria-pressed={mode === m} onClick={() => onMode(m)}>
            {m === 'list' ? t('surveyPickList') : t('surveyPickMap')}
          </button>
        ))}
      </div>

      {mode === 'map' ? (
        <>
          <p className="hint">{t('surveyMapHint')}</p>
          <div className="survey-map" ref={mapRef}>
            <MapView
              mapData={mapData}
              visibleGroups={FORM_MAP_GROUPS}
              selection={streetId ? { kind: 'street', id: streetId } : null}
              focus={focus}
              onSelect={onMapSelect}
              describe={describe}
            />
          </div>
        </>
      ) : null}

      {street ? (
        <div className="survey-numbers" ref={numbersRef}>
          <div className="survey-numbers-head">
            <h3 className="survey-subtitle">{t('surveyHouseNumbers', { street: street.label })}</h3>
            <button type="button" className="button-secondary survey-small-button" onClick={() => onStreet(null)}>
              {t('surveyOtherStreet')}
            </button>
          </div>
          <p className="hint survey-numbers-legend">{t('surveyNumbersLegend')}</p>
          <ul className="survey-number-grid">
            {street.addresses.map((address) => {
              const count = answersByAddress.get(address.id) ?? 0;
              return (
                <li key={address.id}>
                  <button
                    type="button"
                    className="survey-number"
                    data-answered={count > 0}
                    aria-label={count > 0 ? t('surveyHouseNumberAnswered', { number: address.houseNumber, count }) : address.houseNumber}
                    onClick={() => onAddress(address)}
                  >
                    {address.houseNumber}
                    {count > 0 ? (
                      <span className="survey-number-count" aria-hidden="true">
                        ✓{count}
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : mode === 'list' ? (
        <form
          role="search"
          className="survey-search"
          onSubmit={(event) => {
            event.preventDefault();
            submitSearch();
          }}
        >
          <label htmlFor={searchId} className="survey-label">
            {t('surveySearchStreet')}
          </label>
          <input
            id={searchId}
            type="search"
            className="text-input survey-input"
            autoComplete="off"
            autoCapitalize="words"
            enterKeyHint="search"
            aria-describedby={hintId}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <p id={hintId} className="hint" aria-live="polite">
            {query.trim() && matches.length === 0 ? t('surveyNoStreet', { query: query.trim() }) : t('surveySearchHint')}
          </p>
          <ul className="survey-street-list" aria-label={t('surveyStreetList')}>
            {matches.map((entry) => (
              <li key={entry.street.id}>
                <button
                  type="button"
                  className="survey-street"
                  onClick={() => {
                    chooseStreet(entry.street.id);
                    setScrollToNumbers(true);
                  }}
                >
                  {entry.label}
                  <span className="survey-chevron" aria-hidden="true">
                    ›
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </form>
      ) : null}
    </section>
  );
}
