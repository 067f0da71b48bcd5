import type { NeedMapQuery, NeedSelection, OfferMapQuery, OfferSelection, UnitChoice, UnitKind } from '../domain/analysisRequest';
import type { NeedCategoryId, OfferId } from '../domain/needs';
import { hexCenter, hexKeyQ, hexKeyR, hexPolygon } from './hexGrid';
import { nearestSegment } from './segmentIndex';
import { distinctClassBreaks } from './exploreClassBreaks';
import { answerValues, checkCampaign, explored, layerKeyOf, needChoice, weightsByNeed, type AnswerChoice, type ExploreContext, type ExploreResult } from './exploreContext';
import { needColumn, UNIT_SUPPRESSED, type UnitAggregates } from './unitAggregates';

/**
 * The unit layer the main thread receives once per kind (and hexagon size), and the need map it colours with.
 * Every later result is a set of typed arrays indexed by this layer's unit order.
 */

export interface ExploreLayer {
  /** "street", "estate", "district", "care_region", "hex:250". */
  key: string;
  kind: UnitKind;
  /** Set for kind 'hex'. */
  hexSizeMeters?: number;
  /** Unit ids in unit order: street unit ids (the smallest merged record id), area ids, "hex250:q:r". */
  unitIds: string[];
  /** "ul. Słoneczna", the area's name, or for a hexagon the street nearest its centre ("ul. Polna", "ul. Polna · 2"). */
  labels: string[];
  /** Households targeted per unit (address households in the unit); the same for every wave. */
  households: Float64Array;
  /** Unit centre per unit, [lng, lat] interleaved (unitCount × 2); NaN when unknown. */
  centers: Float64Array;
  /** Streets only: the Street record ids merged into each unit (the workspace holds their geometry). */
  streetIds?: string[][];
  /** Hexagons only: 6 corners per unit, [lng, lat] interleaved (unitCount × 12), counter-clockwise, ring not closed. */
  hexCorners?: Float64Array;
}

/**
 * The layer for a unit choice. Fresh arrays on every call (so a caller may transfer them). O(units); hexagon
 * corners O(units) through the projection.
 */
export function exploreLayer(context: ExploreContext, unit: UnitChoice): ExploreLayer {
  const built = context.layer(unit);
  const { ds } = context;
  const n = built.unitIds.length;
  const centers = new Float64Array(n * 2);
  for (let u = 0; u < n; u++) {
    const x = built.centerXs[u]!;
    const y = built.centerYs[u]!;
    const [lng, lat] = Number.isFinite(x) && Number.isFinite(y) ? ds.projection.inverse(x, y) : [NaN, NaN];
    centers[2 * u] = lng;
    centers[2 * u + 1] = lat;
  }
  const layer: ExploreLayer = { key: layerKeyOf(unit), kind: unit.kind, unitIds: [...built.unitIds], labels: [], households: built.households.slice(), centers };
  if (unit.kind === 'street') {
    layer.labels = [...ds.streets.labels];
    const streetIds: string[][] = built.unitIds.map(() => []);
    for (const [streetId, u] of ds.streets.unitOfStreetId) streetIds[u]!.push(streetId);
    for (const ids of streetIds) ids.sort();
    layer.streetIds = streetIds;
  } else if (unit.kind === 'hex') {
    layer.hexSizeMeters = unit.hexSizeMeters;
    layer.labels = hexLabels(context, built.hexKeys!, built.unitIds, unit.hexSizeMeters);
    const corners = new Float64Array(n * 12);
    const keys = built.hexKeys!;
    for (let u = 0; u < n; u++) {
      const ring = hexPolygon(hexKeyQ(keys[u]!), hexKeyR(keys[u]!), unit.hexSizeMeters);
      for (let c = 0; c < 6; c++) {
        const [lng, lat] = ds.projection.inverse(ring[c]![0], ring[c]![1]);
        corners[u * 12 + 2 * c] = lng;
        corners[u * 12 + 2 * c + 1] = lat;
      }
    }
    layer.hexCorners = corners;
  } else {
    const nameOf = new Map(ds.areas.map((a) => [a.id, a.name]));
    layer.labels = built.unitIds.map((id) => nameOf.get(id) ?? id);
  }
  return layer;
}

/**
 * A hexagon named as a planner would find it: the street nearest its centre (within the hexagon's size), numbered
 * when several hexagons share the street ("ul. Polna · 1", "ul. Polna · 2", west to east, then south to north); the
 * raw id only when no street comes that close (an empty field). Public geography only: no answer decides a label.
 */
export function hexLabels(context: ExploreContext, keys: ArrayLike<number>, unitIds: readonly string[], hexSizeMeters: number): string[] {
  const { ds } = context;
  const street = unitIds.map((_, u) => {
    const [x, y] = hexCenter(hexKeyQ(keys[u]!), hexKeyR(keys[u]!), hexSizeMeters);
    const segment = nearestSegment(ds.segmentIndex, x, y, hexSizeMeters);
    return segment < 0 ? null : (ds.streets.labels[ds.streets.segmentUnit[segment]!] ?? null);
  });
  const byStreet = new Map<string, number[]>();
  street.forEach((label, u) => {
    if (label !== null) byStreet.set(label, [...(byStreet.get(label) ?? []), u]);
  });
  const labels = unitIds.map((id, u) => street[u] ?? id);
  for (const [label, units] of byStreet) {
    if (units.length < 2) continue;
    const centre = (u: number) => hexCenter(hexKeyQ(keys[u]!), hexKeyR(keys[u]!), hexSizeMeters);
    units.sort((a, b) => centre(a)[0] - centre(b)[0] || centre(a)[1] - centre(b)[1]);
    units.forEach((u, k) => (labels[u] = `${label} · ${k + 1}`));
  }
  return labels;
}

/** A shown value whose 95 % interval is wider than this (30 percentage points) is drawn as uncertain. */
export const UNCERTAIN_INTERVAL_WIDTH = 0.3;

/**
 * A map of one answer list (needs, or what households offer) over a layer: `S` is the selection the query made,
 * `Id` the answer ids its weights are keyed by. NeedMapResult and OfferMapResult are the two instances.
 */
export interface AnswerMapResult<S, Id extends string> {
  layerKey: string;
  campaignId: string;
  selection: S;
  unitCount: number;
  /** The need's rate or the composite index per unit, in [0, 1]; NaN where suppressed (not shown, so not sent). */
  values: Float64Array;
  /** Empirical-Bayes smoothed values (NaN where suppressed), or null when smoothing is 'none'. */
  smoothedValues: Float64Array | null;
  /**
   * Empirical-Bayes values always (NaN where suppressed), for ordering "highest need" lists: a rate from 5 answers is
   * shrunk toward the town mean, so it does not lead a ranking on noise (Marshall 1991).
   */
  rankingValues: Float64Array;
  /** Wilson 95 % interval of a single need's rate (NaN where suppressed); null for the composite index, which is not a proportion. */
  lower: Float64Array | null;
  upper: Float64Array | null;
  responses: Uint32Array;
  /** responses / households (0 where the unit has no households). */
  responseRate: Float64Array;
  /** 1 where the unit has fewer than k responses. */
  suppressed: Uint8Array;
  /**
   * 1 where the value is shown but uncertain: its 95 % interval is wider than UNCERTAIN_INTERVAL_WIDTH (30 points).
   * One need: the Wilson interval; an index: Σⱼ wⱼ (upperⱼ − lowerⱼ), the width if the needs moved together (an upper
   * bound). The map draws these lighter (value-by-alpha), so 2 of 6 answers does not look as solid as 40 of 120.
   */
  uncertain: Uint8Array;
  /** Class 0 … classCount − 1 of the coloured value (smoothed when smoothing is on), 255 where suppressed. */
  classOfUnit: Uint8Array;
  /**
   * classCount + 1 edges over the non-suppressed values (min, then each class's upper value), strictly increasing
   * after the first; [] when none. Quantile classes that never repeat (exploreClassBreaks.ts distinctClassBreaks).
   */
  breaks: number[];
  /** How many classes (≤ 5; fewer when the values have few levels), and each class's smallest and largest value. */
  classCount: number;
  classMin: number[];
  classMax: number[];
  /** Units drawn as suppressed (their own hatched class in the legend). */
  suppressedCount: number;
  /** The weights used (normalised to sum 1), by need. */
  weights: Partial<Record<Id, number>>;
  minResponses: number;
  /** Responses of the wave, and how many of them fell in no unit of the layer: Σ responses + unassigned = total. */
  totalResponses: number;
  unassignedResponses: number;
}

export type NeedMapResult = AnswerMapResult<NeedSelection, NeedCategoryId>;
export type OfferMapResult = AnswerMapResult<OfferSelection, OfferId>;

/**
 * Need map for one layer and wave. The aggregate is cached per (layer, wave, severity, k): changing the need,
 * the weights or the smoothing costs O(units × needs) plus the O(units log units) class breaks.
 * @example needMap(ctx, { unit: { kind: 'hex', hexSizeMeters: 250 }, campaignId: 'w1', selection: { kind: 'index', weights: { housing: 2, health: 1 } }, … })
 */
export function needMap(context: ExploreContext, query: NeedMapQuery): ExploreResult<NeedMapResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  return answerMap(context, agg, needChoice(query.selection), query);
}

/**
 * What households offer, mapped like needs: the share offering one kind of help, or the potential index (a weighted
 * mean of offer shares, like the need index); the same units, Wilson intervals, suppression at k and classes.
 * @example offerMap(ctx, { unit: { kind: 'street', hexSizeMeters: 250 }, campaignId: 'w1', selection: { kind: 'offer', offerId: 'senior_care' }, … })
 */
export function offerMap(context: ExploreContext, query: OfferMapQuery): ExploreResult<OfferMapResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  const agg = context.offerAggregates(query.unit, query.campaignId, query.minResponses);
  const choice: AnswerChoice<OfferId> = query.selection.kind === 'offer' ? { column: query.selection.offerId } : { weights: query.selection.weights };
  return answerMap(context, agg, choice, query);
}

/** The map of any answer list over its cached aggregate. O(units × columns) plus the class breaks. */
function answerMap<S, Id extends string>(
  context: ExploreContext,
  agg: UnitAggregates<Id>,
  choice: AnswerChoice<Id>,
  query: { unit: UnitChoice; campaignId: string; selection: S; smoothing: 'none' | 'empiricalBayes' },
): ExploreResult<AnswerMapResult<S, Id>> {
  const raw = answerValues(agg, choice);
  if (!raw.ok) return raw;
  const n = agg.unitCount;
  const suppressed = new Uint8Array(n);
  for (let u = 0; u < n; u++) suppressed[u] = agg.flags[u]! & UNIT_SUPPRESSED ? 1 : 0;
  const mask = (v: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let u = 0; u < n; u++) out[u] = suppressed[u] ? NaN : v[u]!;
    return out;
  };
  const values = mask(raw.value.values);
  const smoothed = answerValues(agg, choice, context.smoothedRates(agg));
  if (!smoothed.ok) return smoothed;
  const rankingValues = mask(smoothed.value.values);
  const smoothedValues: Float64Array | null = query.smoothing === 'empiricalBayes' ? rankingValues.slice() : null;
  let lower: Float64Array | null = null;
  let upper: Float64Array | null = null;
  if ('column' in choice) {
    const j = needColumn(agg, choice.column);
    lower = new Float64Array(n);
    upper = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      lower[u] = suppressed[u] ? NaN : agg.needLower[u * agg.needCount + j]!;
      upper[u] = suppressed[u] ? NaN : agg.needUpper[u * agg.needCount + j]!;
    }
  }
  const uncertain = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    if (suppressed[u]) continue;
    let width = 0;
    for (let j = 0; j < agg.needCount; j++) {
      const w = raw.value.normalisedWeights[j]!;
      if (w > 0) width += w * (agg.needUpper[u * agg.needCount + j]! - agg.needLower[u * agg.needCount + j]!);
    }
    uncertain[u] = width > UNCERTAIN_INTERVAL_WIDTH ? 1 : 0;
  }
  const { edges, classOfUnit, classCount, classMin, classMax } = distinctClassBreaks(smoothedValues ?? values);
  let suppressedCount = 0;
  for (let u = 0; u < n; u++) suppressedCount += suppressed[u]!;
  return explored({
    layerKey: layerKeyOf(query.unit),
    campaignId: query.campaignId,
    selection: query.selection,
    unitCount: n,
    values,
    smoothedValues,
    rankingValues,
    lower,
    upper,
    responses: agg.responses.slice(),
    responseRate: agg.responseRate.slice(),
    suppressed,
    uncertain,
    classOfUnit,
    breaks: edges,
    classCount,
    classMin,
    classMax,
    suppressedCount,
    weights: weightsByNeed(agg.needIds, raw.value.normalisedWeights),
    minResponses: agg.minResponses,
    totalResponses: agg.totalResponses,
    unassignedResponses: agg.unassignedResponses,
  });
}
