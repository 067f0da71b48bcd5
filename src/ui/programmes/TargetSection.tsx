import type { Dispatch } from 'react';
import type { RevitalisationCheck } from '../../analysis/revitalisationLimits';
import { formatDecimal, formatPercent } from '../common/format';
import type { Language } from '../i18n/dictionary';
import type { useT } from '../i18n/useT';
import type { TownTotals } from './programmeDraft';
import type { ProgrammesAction, ProgrammesState } from './programmesState';

interface TargetSectionProps {
  state: ProgrammesState;
  dispatch: Dispatch<ProgrammesAction>;
  selectedNames: readonly string[];
  limits: RevitalisationCheck | null;
  totals: TownTotals | null;
  language: Language;
  t: ReturnType<typeof useT>;
}

/** The target as chosen (picked rows and a drawn boundary) checked against the revitalisation act's limits. */
export function TargetSection({ state, dispatch, selectedNames, limits, totals, language, t }: TargetSectionProps) {
  const km2 = (m2: number) => formatDecimal(language, m2 / 1e6, 2);
  return (
    <section aria-labelledby="programmes-selection-title" className="programmes-selection" data-testid="programmes-limits">
      <h3 id="programmes-selection-title">{t('progSelectionTitle')}</h3>
      <div className="programmes-draw">
        {state.drawing ? (
          <>
            <p role="status">{t('progDrawing')}</p>
            <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'stopDrawing' })}>
              {t('progDrawCancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'startDrawing' })} data-testid="programmes-draw">
            {t('progDraw')}
          </button>
        )}
        {state.drawn && !state.drawing ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => dispatch({ type: 'clearDrawn' })}
          >
            {t('progDrawClear')}
          </button>
        ) : null}
      </div>
      {selectedNames.length === 0 ? <p>{t('progSelectionNone')}</p> : <p>{t('progSelectionOf', { names: selectedNames.join(', ') })}</p>}
      {limits && totals ? (
        <div className={`programmes-limits ${limits.withinLimits ? 'is-pass' : 'is-fail'}`} aria-live="polite">
          <h4>{t('progLimitsTitle')}</h4>
          <ul className="plain-list">
            <li data-testid="limit-area">
              <span className="limit-mark" aria-hidden="true">{limits.areaWithinLimit ? '✓' : '✗'}</span>
              {t('progLimitArea', { share: formatPercent(language, limits.areaShare, 1) })} — <strong>{t(limits.areaWithinLimit ? 'progLimitPass' : 'progLimitFail')}</strong>
            </li>
            <li data-testid="limit-residents">
              <span className="limit-mark" aria-hidden="true">{limits.residentsWithinLimit ? '✓' : '✗'}</span>
              {t('progLimitResidents', { share: formatPercent(language, limits.residentShare, 1) })} — <strong>{t(limits.residentsWithinLimit ? 'progLimitPass' : 'progLimitFail')}</strong>
            </li>
          </ul>
          <p className="programmes-verdict" data-testid="limits-verdict">
            <strong>{t(limits.withinLimits ? 'progLimitsOk' : 'progLimitsFail')}</strong>
          </p>
          <p className="hint">
            {t(totals.areaBasis === 'districts' ? 'progLimitsBasis' : 'progLimitsBasisEstates', { area: km2(limits.townAreaSquareMeters), households: limits.households, total: limits.townHouseholds })}
          </p>
        </div>
      ) : null}
    </section>
  );
}
