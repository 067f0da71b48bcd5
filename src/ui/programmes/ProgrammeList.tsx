import type { Dispatch } from 'react';
import type { CampaignInfo } from '../../analysis/exploreSession';
import type { Programme } from '../../domain';
import type { useT } from '../i18n/useT';
import { ProgrammeWaves } from './ProgrammeWaves';
import type { ProgrammesAction, ProgrammesState } from './programmesState';

interface ProgrammeListProps {
  state: ProgrammesState;
  dispatch: Dispatch<ProgrammesAction>;
  programmes: readonly Programme[];
  campaigns: readonly CampaignInfo[];
  t: ReturnType<typeof useT>;
}

/** Saved programmes; "Pokaż" draws one on the map and compares its area across waves. */
export function ProgrammeList({ state, dispatch, programmes, campaigns, t }: ProgrammeListProps) {
  return (
    <section aria-labelledby="programmes-list-title">
      <h3 id="programmes-list-title">{t('progListTitle')}</h3>
      {programmes.length === 0 ? <p>{t('progListEmpty')}</p> : null}
      <ul className="plain-list programmes-list" data-testid="programmes-list">
        {programmes.map((p) => (
          <li key={p.id} data-id={p.id} className={p.id === state.focusedId ? 'is-selected' : undefined}>
            <strong>{p.name}</strong> · {t('progYears', { from: String(p.yearFrom), to: String(p.yearTo) })} · {t('progPartnersCount', { count: p.partnerIds.length })}
            <button type="button" className="button-link" aria-pressed={p.id === state.focusedId} onClick={() => dispatch({ type: 'toggleFocus', id: p.id })}>
              {t('progShow')}
            </button>
            {p.id === state.focusedId ? <ProgrammeWaves programme={p} campaigns={campaigns} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
