import type { NeedMapResult, ScaleAdviceResult } from '../../analysis/exploreSession';
import { HEX_SIZE_CHOICES_METERS, type HexSizeChoice } from '../../domain/units';
import type { ExploreSettings } from '../common/exploreSettings';

/**
 * Whether to offer the planner another scale, next to the unit choice (UX.md: "Przy heksagonach 250 m większość ma
 * mniej niż 5 ankiet; 500 m zachowuje 70 % odpowiedzi", with a button). Pure: settings and the worker's answers in,
 * the sentence's numbers out, or null when the shown scale is the advised one (or nothing is known yet).
 *
 * - Hexagons: offered when the scale advice (src/analysis/scaleAdvice.ts) chose another size than the one shown.
 * - Streets, estates, districts: offered when most units with any answer hold fewer than k (suppressed), and the
 *   advice names a hexagon size; the click switches the unit to those hexagons.
 */
export type ScaleOffer =
  | { kind: 'hex_size'; shownSize: number; hiddenShare: number; advisedSize: HexSizeChoice; keptShare: number; k: number }
  | { kind: 'sparse_units'; hiddenUnits: number; unitsWithAnswers: number; advisedSize: HexSizeChoice; keptShare: number; k: number };

/**
 * Units with any answer, and those of them suppressed (fewer than k). An answer without units (a refusal's shape)
 * counts none.
 */
export function hiddenUnitCounts(needMap: Pick<NeedMapResult, 'responses' | 'suppressed'>): { unitsWithAnswers: number; hiddenUnits: number } {
  let unitsWithAnswers = 0;
  let hiddenUnits = 0;
  const units = needMap.responses?.length ?? 0;
  for (let u = 0; u < units; u++) {
    if (needMap.responses[u]! === 0) continue;
    unitsWithAnswers++;
    if (needMap.suppressed[u] === 1) hiddenUnits++;
  }
  return { unitsWithAnswers, hiddenUnits };
}

/** More than half of the units with answers are suppressed: the condition of the 'sparse_units' offer. */
export function mostUnitsHidden(needMap: Pick<NeedMapResult, 'responses' | 'suppressed'>): boolean {
  const { unitsWithAnswers, hiddenUnits } = hiddenUnitCounts(needMap);
  return unitsWithAnswers > 0 && hiddenUnits * 2 > unitsWithAnswers;
}

const isChoice = (size: number): size is HexSizeChoice => (HEX_SIZE_CHOICES_METERS as readonly number[]).includes(size);

export function scaleOffer(
  settings: Pick<ExploreSettings, 'campaignId' | 'unit' | 'hexSizeMeters'>,
  needMap: Pick<NeedMapResult, 'campaignId' | 'layerKey' | 'responses' | 'suppressed'> | null,
  layerKey: string | null,
  advice: Pick<ScaleAdviceResult, 'campaignId' | 'candidates' | 'chosen' | 'minResponses'> | null,
): ScaleOffer | null {
  if (!advice || advice.campaignId !== settings.campaignId) return null;
  const advised = advice.candidates[advice.chosen];
  if (!advised || !isChoice(advised.hexSizeMeters)) return null;
  const k = advice.minResponses;
  if (settings.unit === 'hex') {
    if (advised.hexSizeMeters === settings.hexSizeMeters) return null;
    const shown = advice.candidates.find((c) => c.hexSizeMeters === settings.hexSizeMeters);
    if (!shown) return null;
    return { kind: 'hex_size', shownSize: shown.hexSizeMeters, hiddenShare: 1 - shown.shareShown, advisedSize: advised.hexSizeMeters, keptShare: advised.shareShown, k };
  }
  // The need map must be the one of the shown unit and wave (a stale answer would count another layer's units).
  if (!needMap || needMap.campaignId !== settings.campaignId || needMap.layerKey !== layerKey) return null;
  if (!mostUnitsHidden(needMap)) return null;
  const { unitsWithAnswers, hiddenUnits } = hiddenUnitCounts(needMap);
  return { kind: 'sparse_units', hiddenUnits, unitsWithAnswers, advisedSize: advised.hexSizeMeters, keptShare: advised.shareShown, k };
}
