import type { ExploreLayer, NeedMapResult, NeighbourhoodDescription, OfferMapResult, ScaleAdviceResult, UnitLocalPattern } from '../../analysis/exploreSession';
import { translate, type Language, type MessageKey } from '../i18n/dictionary';
import { formatDecimal, formatP, formatPercent, LOCALE } from '../common/format';

/**
 * The explore map in words: legend titles, class labels, tooltips and the screen-reader summary. Pure functions of
 * the settings and the worker's answers, so the words are tested without a browser.
 */

const locale = (language: Language) => LOCALE[language];
/** Shares on the map and in its panels are whole percentages: 0.4312 → "43 %" (pl) / "43%" (en). */
const pct0 = (language: Language, share: number) => formatPercent(language, share, 0);

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
export function unitTooltip(layer: ExploreLayer, needMap: NeedMapResult | OfferMapResult, unit: number, language: Language): string {
  const responses = needMap.responses[unit] ?? 0;
  const value = needMap.values[unit] ?? NaN;
  const shown = Number.isFinite(value)
    ? translate(language, 'tooltipRate', { rate: pct0(language, value), responses })
    : translate(language, 'tooltipSuppressed', { responses });
  return `${layer.labels[unit] ?? ''} · ${shown}`;
}

/**
 * For screen readers and the summary: "Najwyższa potrzeba: ul. X 58 % z 40 ankiet, …" — the `count` units ranked by
 * their empirical-Bayes value (a rate from 5 answers is shrunk toward the town mean, so 3 of 5 does not lead on noise),
 * each with its own rate and the answers it rests on; ties by label.
 */
export function topUnitsSummary(layer: ExploreLayer, needMap: NeedMapResult | OfferMapResult, language: Language, count = 5, topKey: MessageKey = 'exploreSummaryTop'): string {
  const order: number[] = [];
  const rank = needMap.rankingValues ?? needMap.values;
  needMap.values.forEach((v, u) => {
    if (Number.isFinite(v) && Number.isFinite(rank[u]!)) order.push(u);
  });
  if (order.length === 0) return translate(language, 'exploreSummaryNone');
  order.sort((a, b) => rank[b]! - rank[a]! || (layer.labels[a] ?? '').localeCompare(layer.labels[b] ?? '', locale(language)));
  const list = order
    .slice(0, count)
    .map((u) => `${layer.labels[u]} ${translate(language, 'tooltipRate', { rate: pct0(language, needMap.values[u]!), responses: needMap.responses[u]! })}`)
    .join(', ');
  return translate(language, topKey, { list });
}

/** The neighbourhood a local statistic used, in words: "the 18 hexagons within two rings". */
export function neighbourhoodWords(n: NeighbourhoodDescription, t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string): string {
  switch (n.kind) {
    case 'hexRings':
      // Polish counts: "w promieniu 1 pierścieni" is wrong; one ring gets its own sentence.
      return t((n.order ?? 1) === 1 ? 'neighbourhoodHexRing' : 'neighbourhoodHexRings', { order: n.order ?? 1, count: 3 * (n.order ?? 1) * ((n.order ?? 1) + 1) });
    case 'streetJunctions':
      return t((n.order ?? 1) === 1 ? 'neighbourhoodStreetsOneStep' : 'neighbourhoodStreets', { order: n.order ?? 1, mean: Math.round(n.meanNeighbours * 10) / 10 });
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
  const q = (value: number) => formatP(language, value, 'q');
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
  const pct = (v: number) => pct0(language, v);
  const why =
    advice.reason === 'hot_spots_found'
      ? t('scaleWhyHotSpots', { share: pct(chosen.shareInSpots) })
      : advice.reason === 'clearest_autocorrelation'
        ? t('scaleWhyMoran', { moran: formatDecimal(language, chosen.moran.moranI, 2), p: formatP(language, chosen.moran.pValue) })
        : t('scaleWhyNone');
  if (chosen.hexSizeMeters === shownHexSizeMeters) return t('scaleAdviceKeep', { size: shownHexSizeMeters, shown: pct(shown.shareShown), why });
  return t('scaleAdviceOther', { size: shownHexSizeMeters, hidden: pct(1 - shown.shareShown), k: advice.minResponses, better: chosen.hexSizeMeters, kept: pct(chosen.shareShown), why });
}
