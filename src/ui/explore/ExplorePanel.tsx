import type { ReactNode } from 'react';
import { NEED_CATEGORIES, OFFER_IDS, OFFER_LABELS, type NeedCategoryId, type OfferId } from '../../domain';
import { EXPLORE_SUBJECTS, MAP_UNIT_KINDS, MIN_RESPONSES, type ExploreSubject, type MapUnitKind } from '../../domain/units';

import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { canSeeHouseholdHeatmap, CURRENT_AUDIENCE } from '../common/audience';
import { HEX_SIZE_CHOICES_METERS, type HexSizeChoice } from '../../domain';
import { chooseHexSize, chooseIndex, chooseNeed, chooseOffer, chooseSubject, setCampaign, setOfferWeight, setToggle, setUnit, setWeight, type ExploreToggle } from '../common/exploreSettings';
import { MatchingPanel } from './MatchingPanel';
import { WeightSliders } from './WeightSliders';
import { shownMap } from './exploreController';
import { formatPercent } from '../common/format';
import { scaleAdviceWords } from './exploreText';
import { scaleOffer } from './scaleOffer';
import { waveLabel } from '../common/viewText';
import { useExploreController, useExploreState } from './useExplore';
import { analysisRefusalText } from '../i18n/analysisRefusalText';
import './explore.css';

export const UNIT_LABEL_KEYS: Readonly<Record<MapUnitKind, MessageKey>> = { street: 'unitStreet', estate: 'unitEstate', district: 'unitDistrict', hex: 'unitHex' };
const SUBJECT_LABEL_KEYS: Readonly<Record<ExploreSubject, MessageKey>> = { needs: 'exploreSubjectNeeds', resources: 'exploreSubjectResources', matching: 'exploreSubjectMatching' };

/**
 * "Co pokazać" (UX.md): the wave, one need or the weighted need index, the unit, and the analyses drawn over the
 * need map. Every control acts at once; the worker does the work (exploreController.ts).
 */
export function ExplorePanel({ legend }: { legend?: ReactNode } = {}) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const controller = useExploreController();
  const state = useExploreState();
  if (!controller || !state || state.campaigns.length === 0) return null;
  const { settings, campaigns, results } = state;
  const campaignsByWave = [...campaigns].sort((a, b) => a.wave - b.wave);
  const hotSpotsPossible = settings.unit === 'hex' || settings.unit === 'street';
  const busy = shownMap(state) === null && results.error === null;
  const offer = settings.subject === 'resources' ? null : scaleOffer(settings, results.needMap, results.layer?.key ?? null, results.scaleAdvice);
  const unitWords = t(UNIT_LABEL_KEYS[settings.unit]);

  const toggle = (name: ExploreToggle, key: MessageKey, disabled = false, hint?: string) => (
    <label className="layer-toggle">
      <input type="checkbox" name={`explore-${name}`} data-explore-toggle={name} checked={settings[name] && !disabled} disabled={disabled} onChange={(e) => controller.update((s) => setToggle(s, name, e.currentTarget.checked))} />
      <span>
        {t(key)}
        {hint ? <span className="hint explore-hint">{hint}</span> : null}
      </span>
    </label>
  );

  /** The one-need select: the need map's need, or the need the matching view matches with help. */
  const needSelect = (labelKey: MessageKey) => (
    <>
      <label className="field-label" htmlFor="explore-need">
        {t(labelKey)}
      </label>
      <select id="explore-need" className="select-input" value={settings.needId} onChange={(e) => controller.update((s) => chooseNeed(s, e.currentTarget.value as NeedCategoryId))}>
        {NEED_CATEGORIES.map((n) => (
          <option key={n.id} value={n.id}>
            {n.label[language]}
          </option>
        ))}
      </select>
    </>
  );

  return (
    <section className="explore-panel" aria-labelledby="explore-title">
      <h3 id="explore-title" className="visually-hidden">
        {t('exploreWhat')}
      </h3>
      <label className="field-label" htmlFor="explore-wave">
        {t('exploreWave')}
      </label>
      <select id="explore-wave" className="select-input" value={settings.campaignId ?? ''} onChange={(e) => controller.update((s) => setCampaign(s, e.currentTarget.value))}>
        {campaignsByWave.map((c) => (
          <option key={c.id} value={c.id}>
            {waveLabel(c, language)}
          </option>
        ))}
      </select>

      <fieldset className="segmented segmented-stacked" data-testid="explore-subject">
        <legend className="field-label">{t('exploreSubject')}</legend>
        {EXPLORE_SUBJECTS.map((subject) => (
          <label key={subject}>
            <input type="radio" name="explore-subject" value={subject} checked={settings.subject === subject} onChange={() => controller.update((s) => chooseSubject(s, subject))} />
            <span>{t(SUBJECT_LABEL_KEYS[subject])}</span>
          </label>
        ))}
      </fieldset>

      {settings.subject === 'resources' ? (
        <>
          <label className="field-label" htmlFor="explore-offer">
            {t('exploreOffer')}
          </label>
          <select id="explore-offer" className="select-input" value={settings.offer} aria-describedby="explore-offer-hint" onChange={(e) => controller.update((s) => chooseOffer(s, e.currentTarget.value as OfferId | 'index'))}>
            <option value="index">{t('exploreOfferIndex')}</option>
            {OFFER_IDS.map((id) => (
              <option key={id} value={id}>
                {OFFER_LABELS[id][language]}
              </option>
            ))}
          </select>
          <p className="hint" id="explore-offer-hint">
            {t('exploreOfferHint', { k: MIN_RESPONSES })}
          </p>
          {settings.offer === 'index' ? (
            <WeightSliders
              legend={t('exploreOfferWeights')}
              hint={t('exploreWeightsHint')}
              hintId="explore-offer-weights-hint"
              zeroWarning={t('exploreOfferWeightsZero')}
              items={OFFER_IDS.map((id) => ({ id, label: OFFER_LABELS[id][language] }))}
              values={settings.offerWeights}
              idPrefix="offer-weight-"
              dataName="offer"
              testId="explore-offer-weights"
              onChange={(id, weight) => controller.update((s) => setOfferWeight(s, id, weight))}
            />
          ) : null}
        </>
      ) : settings.subject === 'matching' ? (
        <>
          {needSelect('exploreMatchNeed')}
          <MatchingPanel />
        </>
      ) : (
      <>
      <fieldset className="segmented">
        <legend className="field-label">{t('exploreWhat')}</legend>
        <label>
          <input type="radio" name="explore-mode" value="need" checked={settings.mode === 'need'} onChange={() => controller.update((s) => chooseNeed(s, s.needId))} />
          <span>{t('exploreModeNeed')}</span>
        </label>
        <label>
          <input type="radio" name="explore-mode" value="index" checked={settings.mode === 'index'} onChange={() => controller.update(chooseIndex)} />
          <span>{t('exploreModeIndex')}</span>
        </label>
      </fieldset>

      {settings.mode === 'need' ? (
        <>
          {needSelect('exploreNeed')}
        </>
      ) : (
        <WeightSliders
          legend={t('exploreWeights')}
          hint={t('exploreWeightsHint')}
          hintId="explore-what-hint"
          zeroWarning={t('exploreWeightsZero')}
          items={NEED_CATEGORIES.map((n) => ({ id: n.id, label: n.label[language] }))}
          values={settings.weights}
          idPrefix="weight-"
          dataName="need"
          onChange={(id, weight) => controller.update((s) => setWeight(s, id, weight))}
        />
      )}
      </>
      )}

      <fieldset className="segmented">
        <legend className="field-label">{t('exploreUnit')}</legend>
        {MAP_UNIT_KINDS.map((unit) => (
          <label key={unit}>
            <input type="radio" name="explore-unit" value={unit} checked={settings.unit === unit} onChange={() => controller.update((s) => setUnit(s, unit))} />
            <span>{t(UNIT_LABEL_KEYS[unit])}</span>
          </label>
        ))}
      </fieldset>
      {settings.unit === 'hex' ? (
        <div className="field explore-hex-size">
          <label className="field-label" htmlFor="explore-hex-size">
            {t('exploreHexSize')}
          </label>
          <select
            id="explore-hex-size"
            className="select-input"
            data-testid="explore-hex-size"
            value={settings.hexSizeMeters}
            onChange={(e) => {
              const size = Number(e.currentTarget.value) as HexSizeChoice;
              controller.update((s) => chooseHexSize(s, size));
            }}
          >
            {HEX_SIZE_CHOICES_METERS.map((size) => (
              <option key={size} value={size}>
                {t('exploreHexSizeOption', { size })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {offer ? (
        <div className="scale-offer" data-testid="scale-offer">
          <p aria-live="polite">
            {offer.kind === 'hex_size'
              ? (results.scaleAdvice && scaleAdviceWords(results.scaleAdvice, settings.hexSizeMeters, t, language)) ??
                t('scaleOfferHex', { size: offer.shownSize, hidden: formatPercent(language, offer.hiddenShare, 0), k: offer.k, better: offer.advisedSize, kept: formatPercent(language, offer.keptShare, 0) })
              : t('scaleOfferUnits', { unit: unitWords.toLocaleLowerCase(language), hidden: offer.hiddenUnits, units: offer.unitsWithAnswers, k: offer.k, better: offer.advisedSize, kept: formatPercent(language, offer.keptShare, 0) })}
          </p>
          <button type="button" className="button-secondary" data-testid="scale-offer-use" onClick={() => controller.update((s) => chooseHexSize(s, offer.advisedSize))}>
            {t('scaleOfferUse', { size: offer.advisedSize })}
          </button>
        </div>
      ) : null}

      {/* The legend right under the choices it explains: visible without scrolling on a 1366×768 laptop. */}
      {legend}

      {settings.subject === 'needs' ? (
      <fieldset className="layer-list">
        <legend className="field-label">{t('exploreAnalyses')}</legend>
        {toggle('hotSpots', 'toggleHotSpots', !hotSpotsPossible, hotSpotsPossible ? undefined : t('hotSpotsUnitHint'))}
        {toggle('lisa', 'toggleLisa', !hotSpotsPossible, hotSpotsPossible ? t('lisaHint') : t('hotSpotsUnitHint'))}
        {toggle('clusters', 'toggleClusters')}
        {toggle('gaps', 'toggleGaps')}
        {canSeeHouseholdHeatmap(CURRENT_AUDIENCE) ? toggle('heatmap', 'toggleHeatmap', false, t('heatmapPlannersOnly')) : null}
      </fieldset>
      ) : null}
      <p className="hint explore-status" role="status" aria-live="polite">
        {results.error ? t('exploreError', { message: analysisRefusalText(results.error, language) }) : busy ? t('exploreWorking') : ''}
      </p>
    </section>
  );
}
