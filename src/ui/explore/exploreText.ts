import type { CampaignInfo, ExploreLayer, NeedMapResult, NeighbourhoodDescription, ScaleAdviceResult, UnitLocalPattern } from '../../analysis/exploreSession';
import { NEED_BY_ID, NEED_CATEGORY_IDS, type NeedCategoryId } from '../../domain';
import { translate, type Language, type MessageKey } from '../i18n/dictionary';
import type { ExploreSettings } from '../common/exploreSettings';

/**
 * The explore map in words: legend titles, class labels, tooltips and the screen-reader summary. Pure functions of
 * the settings and the worker's answers, so the words are tested without a browser.
 */

const locale = (language: Language) => (language === 'pl' ? 'pl-PL' : 'en-GB');

/** 0.4312 → "43 %" (pl) / "43%" (en); `digits` decimals. NaN → "–". */
export function formatPercent(value: number, language: Language, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(locale(language), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** "fala 2 (2026)". */
export function waveLabel(campaign: CampaignInfo, language: Language): string {
  return translate(language, 'exploreWaveOption', { wave: String(campaign.wave), year: campaign.startDate.slice(0, 4) });
}

/** What the colour means, in words: "Odsetek gospodarstw wskazujących: Samotność i potrzeby seniorów, fala 2 (2026)". */
export function legendTitle(settings: ExploreSettings, campaign: CampaignInfo | undefined, language: Language): string {
  const wave = campaign ? waveLabel(campaign, language) : '';
  if (settings.mode === 'need') return translate(language, 'legendNeedTitle', { need: NEED_BY_ID[settings.needId].label[language], wave });
  const needs = NEED_CATEGORY_IDS.filter((id) => settings.weights[id] > 0)
    .map((id) => `${NEED_BY_ID[id].label[language].toLocaleLowerCase(locale(language))} ×${formatWeight(settings.weights[id], language)}`)
    .join(', ');
  return translate(language, 'legendIndexTitle', { needs, wave });
}

const formatWeight = (w: number, language: Language) => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(w);

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
    const [a, b] = [formatPercent(lo, language, digits), formatPercent(hi, language, digits)];
    labels.push(a === b ? b : `${a.replace(/\s?%$/, '')}–${b}`);
  }
  return labels;
}

/** unit id (and, for street units, every merged street record id) → unit index; cached per layer. O(units) once. */
const indexCache = new WeakMap<ExploreLayer, Map<string, number>>();
export function unitIndexOf(layer: ExploreLayer, id: string): number | undefined {
  let index = indexCache.get(layer);
  if (!index) {
    index = new Map();
    layer.unitIds.forEach((unitId, u) => index!.set(unitId, u));
    layer.streetIds?.forEach((ids, u) => ids.forEach((streetId) => index!.set(streetId, u)));
    indexCache.set(layer, index);
  }
  return index.get(id);
}

/** Tooltip: "ul. Słoneczna · 43 % z 61 ankiet" or "ul. Słoneczna · za mało odpowiedzi (3)". */
export function unitTooltip(layer: ExploreLayer, needMap: NeedMapResult, unit: number, language: Language): string {
  const responses = needMap.responses[unit] ?? 0;
  const value = needMap.values[unit] ?? NaN;
  const shown = Number.isFinite(value)
    ? translate(language, 'tooltipRate', { rate: formatPercent(value, language), responses })
    : translate(language, 'tooltipSuppressed', { responses });
  return `${layer.labels[unit] ?? ''} · ${shown}`;
}

/**
 * For screen readers and the summary: "Najwyższa potrzeba: ul. X 58 % z 40 ankiet, …" — the `count` units ranked by
 * their empirical-Bayes value (a rate from 5 answers is shrunk toward the town mean, so 3 of 5 does not lead on noise),
 * each with its own rate and the answers it rests on; ties by label.
 */
export function topUnitsSummary(layer: ExploreLayer, needMap: NeedMapResult, language: Language, count = 5): string {
  const order: number[] = [];
  const rank = needMap.rankingValues ?? needMap.values;
  needMap.values.forEach((v, u) => {
    if (Number.isFinite(v) && Number.isFinite(rank[u]!)) order.push(u);
  });
  if (order.length === 0) return translate(language, 'exploreSummaryNone');
  order.sort((a, b) => rank[b]! - rank[a]! || (layer.labels[a] ?? '').localeCompare(layer.labels[b] ?? '', locale(language)));
  const list = order
    .slice(0, count)
    .map((u) => `${layer.labels[u]} ${translate(language, 'tooltipRate', { rate: formatPercent(needMap.values[u]!, language), responses: needMap.responses[u]! })}`)
    .join(', ');
  return translate(language, 'exploreSummaryTop', { list });
}

/** A need's label in the current language. */
export const needLabel = (id: NeedCategoryId, language: Language): string => NEED_BY_ID[id].label[language];

/** "350 m" / "1,2 km"; Infinity → null (no resource at all). */
export function formatDistance(meters: number, language: Language): string | null {
  if (!Number.isFinite(meters)) return null;
  if (meters < 1000) return translate(language, 'metres', { value: Math.round(meters / 10) * 10 });
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(meters / 1000)} km`;
}

/** "p = 0,003" / "p < 0,001" (Polish decimal comma); `symbol` 'q' for a BH-corrected value. */
export function formatP(p: number, language: Language, symbol: 'p' | 'q' = 'p'): string {
  if (p < 0.001) return `${symbol} < ${new Intl.NumberFormat(locale(language)).format(0.001)}`;
  return `${symbol} = ${new Intl.NumberFormat(locale(language), { maximumFractionDigits: 3, minimumFractionDigits: 3 }).format(p)}`;
}

/** The neighbourhood a local statistic used, in words: "the 18 hexagons within two rings". */
export function neighbourhoodWords(n: NeighbourhoodDescription, t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string): string {
  switch (n.kind) {
    case 'hexRings':
      return t('neighbourhoodHexRings', { order: n.order ?? 1, count: 3 * (n.order ?? 1) * ((n.order ?? 1) + 1) });
    case 'streetJunctions':
      return t('neighbourhoodStreets', { order: n.order ?? 1, mean: Math.round(n.meanNeighbours * 10) / 10 });
    case 'kNearest':
      return t('neighbourhoodKNearest', { k: n.k ?? 0, mean: Math.round(n.meanNeighbours * 10) / 10 });
    case 'distanceBand':
      return t('neighbourhoodBand', { meters: n.thresholdMeters ?? 0, mean: Math.round(n.meanNeighbours * 10) / 10 });
  }
}

/**
 * One sentence on how a unit stands against its neighbourhood: the LISA quadrant after FDR (a spatial outlier is
 * named as such), else the Gi* class, else "no significant difference" — with its q-value, never a lone p.
 */
export function localPatternWords(p: UnitLocalPattern, t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string, language: Language): string {
  const q = (value: number) => formatP(value, language, 'q');
  switch (p.lisaQuadrant) {
    case 1:
      return t('patternHighHigh', { q: q(p.lisaQValue) });
    case 2:
      return t('patternLowLow', { q: q(p.lisaQValue) });
    case 3:
      return t('patternLowHigh', { q: q(p.lisaQValue) });
    case 4:
      return t('patternHighLow', { q: q(p.lisaQValue) });
    case 6:
      return t('patternIsolated');
  }
  if (p.giBinFdr >= 2) return t('patternHotOnly', { q: q(p.giQValue) });
  if (p.giBinFdr <= -2) return t('patternColdOnly', { q: q(p.giQValue) });
  return t('patternNone');
}

/**
 * Scale advice in words for the hexagon map shown at `shownHexSizeMeters`: how many answers the shown size keeps, and
 * either "this size is the right one" or which size shows the pattern better and why; null without advice.
 */
export function scaleAdviceWords(advice: ScaleAdviceResult, shownHexSizeMeters: number, t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string, language: Language): string | null {
  const chosen = advice.candidates[advice.chosen];
  const shown = advice.candidates.find((c) => c.hexSizeMeters === shownHexSizeMeters);
  if (!chosen || !shown || !advice.reason) return null;
  const pct = (v: number) => formatPercent(v, language);
  const why =
    advice.reason === 'hot_spots_found'
      ? t('scaleWhyHotSpots', { share: pct(chosen.shareInSpots) })
      : advice.reason === 'clearest_autocorrelation'
        ? t('scaleWhyMoran', { moran: new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(chosen.moran.moranI), p: formatP(chosen.moran.pValue, language) })
        : t('scaleWhyNone');
  if (chosen.hexSizeMeters === shownHexSizeMeters) return t('scaleAdviceKeep', { size: shownHexSizeMeters, shown: pct(shown.shareShown), why });
  return t('scaleAdviceOther', { size: shownHexSizeMeters, hidden: pct(1 - shown.shareShown), k: advice.minResponses, better: chosen.hexSizeMeters, kept: pct(chosen.shareShown), why });
}
