import type { CampaignInfo } from '../../analysis/exploreSession';
import { NEED_BY_ID, NEED_CATEGORY_IDS, OFFER_IDS, OFFER_LABELS, type NeedCategoryId, type OfferId } from '../../domain';
import { translate, type Language } from '../i18n/dictionary';
import { offerWeightsEqual, type ExploreSettings } from './exploreSettings';
import type { NeedChoice, NeedWeights } from './plannerView';
import { formatDecimal, formatPercent, LOCALE } from './format';

/**
 * The planner's current view in words, the same on every screen (map legend, "Programy", the report, exports, share
 * packages): which wave, which need or index, and the colour classes.
 */

const locale = (language: Language) => LOCALE[language];

/** A need's label in the current language. */
export const needLabel = (id: NeedCategoryId, language: Language): string => NEED_BY_ID[id].label[language];

/** "fala 2 (2026)". */
export function waveLabel(campaign: CampaignInfo, language: Language): string {
  return translate(language, 'exploreWaveOption', { wave: String(campaign.wave), year: campaign.startDate.slice(0, 4) });
}

/** What the colour means, in words: "Odsetek gospodarstw wskazujących: Samotność i potrzeby seniorów, fala 2 (2026)". */
export function legendTitle(settings: ExploreSettings, campaign: CampaignInfo | undefined, language: Language): string {
  const wave = campaign ? waveLabel(campaign, language) : '';
  if (settings.subject === 'resources') {
    if (settings.offer !== 'index') return translate(language, 'legendOfferTitle', { offer: OFFER_LABELS[settings.offer][language], wave });
    return potentialIndexText(settings.offerWeights, language, wave);
  }
  if (settings.mode === 'need' || settings.subject === 'matching') return translate(language, 'legendNeedTitle', { need: NEED_BY_ID[settings.needId].label[language], wave });
  return translate(language, 'legendIndexTitle', { needs: weightedNeedsText(settings.weights, language), wave });
}

/** "bezrobocie ×2, zdrowie ×0,5": the needs weighing more than 0, in taxonomy order. */
function weightedNeedsText(weights: NeedWeights, language: Language): string {
  return NEED_CATEGORY_IDS.filter((id) => (weights[id] ?? 0) > 0)
    .map((id) => `${NEED_BY_ID[id].label[language].toLocaleLowerCase(locale(language))} ×${formatWeight(weights[id]!, language)}`)
    .join(', ');
}

/** "pomoc seniorom ×2, korepetycje ×0,5": the offers weighing more than 0, in OFFER_IDS order. */
function weightedOffersText(weights: Partial<Record<OfferId, number>>, language: Language): string {
  return OFFER_IDS.filter((id) => (weights[id] ?? 0) > 0)
    .map((id) => `${OFFER_LABELS[id][language].toLocaleLowerCase(locale(language))} ×${formatWeight(weights[id]!, language)}`)
    .join(', ');
}

/**
 * The potential index in words, with the weights in use (map legend, report, partner package): "…, wszystkie zasoby po
 * równo, fala 2 (2026)" or "…; wagi: pomoc seniorom ×2, korepetycje ×1, fala 2 (2026)". `wave` may be ''.
 */
export function potentialIndexText(weights: Partial<Record<OfferId, number>>, language: Language, wave: string): string {
  return offerWeightsEqual(weights) ? translate(language, 'legendPotentialTitle', { wave }) : translate(language, 'legendPotentialWeightedTitle', { offers: weightedOffersText(weights, language), wave });
}

/** The view "Programy" and the report follow, in words: "Bezrobocie"; "indeks potrzeb (wszystkie potrzeby, równe wagi)"; "indeks potrzeb z wagami z mapy: bezrobocie ×2". */
export function needChoiceText(need: NeedChoice, mapWeights: NeedWeights | null, language: Language): string {
  if (need !== 'index' && need !== 'mapWeights') return NEED_BY_ID[need].label[language];
  if (need === 'index' || !mapWeights) return translate(language, 'viewIndexEqual');
  return translate(language, 'viewIndexWeighted', { needs: weightedNeedsText(mapWeights, language) });
}

const formatWeight = (w: number, language: Language) => formatDecimal(language, w, Number.isInteger(w) ? 0 : 1);

/**
 * Class labels: "12–18 %", or "0 %" for a class of one value. Values are shares (0–1). With `ranges` (each class's
 * smallest and largest value, as the need map gives them) rows never overlap; from edges alone a class runs from its
 * lower edge (exclusive) to its upper edge. With fewer than 2 edges (nothing to classify) no labels.
 */
export function classLabels(breaks: readonly number[], language: Language, ranges?: { classMin: readonly number[]; classMax: readonly number[] }): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) {
    const lo = ranges?.classMin[i] ?? breaks[i]!;
    const hi = ranges?.classMax[i] ?? breaks[i + 1]!;
    const digits = hi - lo < 0.02 ? 1 : 0;
    const [a, b] = [formatPercent(language, lo, digits), formatPercent(language, hi, digits)];
    labels.push(a === b ? b : `${a.replace(/\s?%$/, '')}–${b}`);
  }
  return labels;
}
