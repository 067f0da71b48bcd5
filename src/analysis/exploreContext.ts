import { defaultHexContiguityOrder, DEFAULT_STREET_CONTIGUITY_ORDER, type HotSpotInput, type HotSpotWeights, type NeedSelection, type UnitChoice } from '../domain/analysisRequest';
import type { AnalysisRefusal } from '../domain/analysisRefusal';
import type { Group } from '../domain/group';
import { NEED_CATEGORY_IDS, type NeedCategoryId, type OfferId } from '../domain/needs';
import type { Resource } from '../domain/resource';
import { prepareDataset, type DatasetInput, type PreparedDataset, type PrepareOptions } from './dataset';
import { expandWeights, hexContiguityWeights, streetContiguityWeights } from './contiguityWeights';
import { smoothRatesEmpiricalBayes, type SmoothedRates } from './empiricalBayes';
import type { GiStarResult } from './giStar';
import { hotSpotsForUnits } from './giStar';
import { localMoran, type LocalMoranResult } from './localMoran';
import { standardisedRates } from './rateInput';
import { buildSpatialWeights, type SpatialWeights, type SpatialWeightsSpec } from './spatialWeights';
import { UNIT_SUPPRESSED } from './unitAggregates';
import { compositeNeedIndex, type AnswerWeights, type NeedIndexResult } from './needIndex';
import { aggregateDataset, aggregateOffers, includeMask } from './needQueries';
import { aggregateUnits } from './aggregate';
import { helpMasks, offeringUnitPoints } from './needOfferMatching';
import { matchingKey, type NeedOfferTable } from '../domain/needOfferMatching';
import { resourceCoverageForUnits, resourcePointsFromResources, type ResourceCoverage, type ResourcePoints } from './resourceCoverage';
import { furtherAreasOfEachResource, unitOfEachResource } from './resourceUnits';
import { DEFAULT_HEX_SIZE_METERS } from '../domain/units';
import { buildStreetGraph, type StreetGraph } from './streetGraph';
import { needColumn, type UnitAggregates } from './unitAggregates';
import { unitLayer, type BuiltLayer, type UnitSpec } from './unitLayers';

/**
 * The explore facade's memory: the prepared dataset and everything derived from it that a later query can reuse.
 * Per-unit aggregates are cached per (layer, wave, minimum severity, k); smoothed rates, coverage and Gi* per
 * aggregate. A query that only changes weights or the need reads these caches: O(units × needs), no point scan.
 * Internal to the explore*.ts files; the public face is exploreSession.ts.
 */

/** What a session is built from: a Workspace fits (extra collections are ignored). Read, never modified. */
export interface ExploreInput extends DatasetInput {
  resources: readonly Resource[];
  groups?: readonly Group[];
}

/** A wave as the UI lists it, ordered by wave number then start date. */
export interface CampaignInfo {
  id: string;
  name: string;
  wave: number;
  startDate: string;
}

/** An answer or a reason the query cannot be answered (unknown wave, unknown unit…): errors are values. */
export type ExploreResult<T> = { ok: true; value: T } | { ok: false; message: string; field?: string; refusal: AnalysisRefusal };

export const explored = <T>(value: T): ExploreResult<T> => ({ ok: true, value });
/** A refusal: its code for the UI, its English for logs and tests, and the query field it concerns. */
export const refused = (refusal: AnalysisRefusal, message: string, field?: string): ExploreResult<never> => ({ ok: false, message, ...(field ? { field } : {}), refusal });

/** The refusal of a need-weight failure (needIndex's reasons). */
export const weightRefusal = (failure: Extract<NeedIndexResult<string>, { ok: false }>): AnalysisRefusal =>
  failure.reason === 'invalid_weight' ? { code: 'invalid_weight', needId: failure.needId, value: failure.value } : { code: 'all_weights_zero' };

/** Counters for tests and the bench: how often the expensive steps ran. */
export interface ExploreStats {
  /** Passes over the responses (aggregateUnits calls). */
  aggregations: number;
  giStarRuns: number;
  coverageRuns: number;
}

export interface ExploreContext {
  readonly ds: PreparedDataset;
  readonly input: ExploreInput;
  readonly campaigns: readonly CampaignInfo[];
  readonly stats: ExploreStats;
  aggregates(unit: UnitChoice, campaignId: string, minSeverity: 1 | 2 | 3, minResponses: number): UnitAggregates;
  /** What households offer per unit (the same responses, k and suppression as `aggregates`), cached. */
  offerAggregates(unit: UnitChoice, campaignId: string, minResponses: number): UnitAggregates<OfferId>;
  layer(unit: UnitChoice): BuiltLayer;
  /** Empirical-Bayes rates of an aggregate, smoothed globally (units × needs), cached. */
  smoothedRates(agg: UnitAggregates<string>): Float64Array;
  /** The whole global EB smoothing (rates, means, between-unit variances), cached. */
  smoothing(agg: UnitAggregates<string>): SmoothedRates;
  resourcePoints(): ResourcePoints;
  streetGraph(): StreetGraph;
  coverage(agg: UnitAggregates, thresholdMeters: number, network: boolean): ResourceCoverage;
  /**
   * Households offering help matching each need (needOfferMatching.ts helpMasks), per unit: need columns, the same
   * responses and k as `aggregates`. Cached per (layer, wave, k, table).
   */
  helpAggregates(unit: UnitChoice, campaignId: string, minResponses: number, table: NeedOfferTable): UnitAggregates;
  /** Distances from the units of `agg` to the nearest unit of `help` offering matching help, cached per help aggregate. */
  helpCoverage(agg: UnitAggregates, help: UnitAggregates, thresholdMeters: number, network: boolean): ResourceCoverage;
  giStar(agg: UnitAggregates, selection: NeedSelection, options: LocalStatisticOptions): ExploreResult<GiStarResult>;
  /** Local Moran's I of a selection (suppressed units left out), cached per aggregate and options. */
  localMoran(agg: UnitAggregates, selection: NeedSelection, options: LocalStatisticOptions): ExploreResult<LocalMoranResult>;
  /** Values a local statistic runs on (rateInput.ts), suppressed units included (callers mask them). */
  localInput(agg: UnitAggregates, selection: NeedSelection, input: HotSpotInput): ExploreResult<Float64Array>;
  /** Spatial weights for a query over an aggregate's units (no self entries), or a refusal. Contiguity is cached per layer. */
  spatialWeights(agg: UnitAggregates, weights: HotSpotWeights): ExploreResult<SpatialWeights | SpatialWeightsSpec>;
  /** Unit index by id for a layer. */
  unitIndex(unit: UnitChoice, unitId: string): number;
}

/** The options every local statistic (Gi*, LISA) of the facade takes, as the query schemas fill them in. */
export interface LocalStatisticOptions {
  spatialWeights: HotSpotWeights;
  alpha: number;
  permutations: number;
  seed: number;
  input: HotSpotInput;
}

export function unitSpecOf(unit: UnitChoice): UnitSpec {
  switch (unit.kind) {
    case 'street':
      return { kind: 'street' };
    case 'hex':
      return { kind: 'hex', sizeMeters: unit.hexSizeMeters };
    default:
      return { kind: 'area', areaKind: unit.kind };
  }
}

/** "street", "estate", "hex:250": the key the main thread files a layer under. */
export function layerKeyOf(unit: UnitChoice): string {
  return unit.kind === 'hex' ? `hex:${unit.hexSizeMeters}` : unit.kind;
}

const campaignOrder = (a: CampaignInfo, b: CampaignInfo): number => a.wave - b.wave || (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createExploreContext(input: ExploreInput, options: PrepareOptions = {}): ExploreContext {
  const ds = prepareDataset(input, options);
  const campaigns = input.campaigns.map((c) => ({ id: c.id, name: c.name, wave: c.wave, startDate: c.startDate })).sort(campaignOrder);
  const stats: ExploreStats = { aggregations: 0, giStarRuns: 0, coverageRuns: 0 };
  const aggregateCache = new Map<string, UnitAggregates>();
  const offerCache = new Map<string, UnitAggregates<OfferId>>();
  const smoothedCache = new WeakMap<UnitAggregates<string>, SmoothedRates>();
  const contiguityCache = new Map<string, SpatialWeights>();
  const coverageCache = new WeakMap<UnitAggregates, Map<string, ResourceCoverage>>();
  const helpCache = new Map<string, UnitAggregates>();
  const helpCoverageCache = new WeakMap<UnitAggregates, WeakMap<UnitAggregates, Map<string, ResourceCoverage>>>();
  const giCache = new WeakMap<UnitAggregates, Map<string, GiStarResult>>();
  const lisaCache = new WeakMap<UnitAggregates, Map<string, LocalMoranResult>>();
  const unitIndexCache = new Map<string, Map<string, number>>();
  let points: ResourcePoints | null = null;
  let graph: StreetGraph | null = null;

  const context: ExploreContext = {
    ds,
    input,
    campaigns,
    stats,
    layer: (unit) => unitLayer(ds, unitSpecOf(unit)),
    aggregates(unit, campaignId, minSeverity, minResponses) {
      const key = `${layerKeyOf(unit)}|${campaignId}|${minSeverity}|${minResponses}`;
      let agg = aggregateCache.get(key);
      if (!agg) {
        agg = aggregateDataset(ds, unitSpecOf(unit), { campaignIds: [campaignId], minSeverity, minResponses });
        stats.aggregations++;
        aggregateCache.set(key, agg);
      }
      return agg;
    },
    offerAggregates(unit, campaignId, minResponses) {
      const key = `${layerKeyOf(unit)}|${campaignId}|${minResponses}`;
      let agg = offerCache.get(key);
      if (!agg) {
        agg = aggregateOffers(ds, unitSpecOf(unit), { campaignIds: [campaignId], minResponses });
        stats.aggregations++;
        offerCache.set(key, agg);
      }
      return agg;
    },
    smoothedRates: (agg) => context.smoothing(agg).rates,
    smoothing(agg) {
      let smoothed = smoothedCache.get(agg);
      if (!smoothed) {
        smoothed = smoothRatesEmpiricalBayes(agg);
        smoothedCache.set(agg, smoothed);
      }
      return smoothed;
    },
    localInput(agg, selection, input) {
      if (input === 'raw') return mapValues(selectionValues(agg, selection));
      if (input === 'empiricalBayes') return mapValues(selectionValues(agg, selection, context.smoothing(agg).rates));
      const raw = selectionValues(agg, selection);
      if (!raw.ok) return raw;
      return explored(standardisedRates(agg, context.smoothing(agg), raw.value.normalisedWeights));
    },
    spatialWeights(agg, weights) {
      if (weights.kind !== 'contiguity') return explored(weights);
      if (agg.kind === 'hex' && agg.hexKeys) {
        const order = weights.order ?? defaultHexContiguityOrder(agg.hexSizeMeters ?? 250);
        const key = `hex:${agg.hexSizeMeters}|${order}`;
        let w = contiguityCache.get(key);
        if (!w || w.size !== agg.unitCount) {
          w = hexContiguityWeights(agg.hexKeys, order);
          contiguityCache.set(key, w);
        }
        return explored(w);
      }
      if (agg.kind === 'street') {
        const order = weights.order ?? DEFAULT_STREET_CONTIGUITY_ORDER;
        const key = `street|${order}`;
        let w = contiguityCache.get(key);
        if (!w) {
          w = streetContiguityWeights(context.streetGraph(), ds.streets.segmentUnit, ds.streets.unitIds.length, order);
          contiguityCache.set(key, w);
        }
        return explored(w);
      }
      return refused({ code: 'contiguity_for_areas' }, 'contiguity neighbours exist for hexagons and streets; choose k nearest or a distance band for areas', 'spatialWeights');
    },
    resourcePoints() {
      points ??= resourcePointsFromResources(input.resources, NEED_CATEGORY_IDS, ds.projection);
      return points;
    },
    streetGraph() {
      // The dataset's street units hold the segments in canonical order already: no second projection pass.
      graph ??= buildStreetGraph(ds.streets.x0s, ds.streets.y0s, ds.streets.x1s, ds.streets.y1s);
      return graph;
    },
    coverage(agg, thresholdMeters, network) {
      let byOptions = coverageCache.get(agg);
      if (!byOptions) coverageCache.set(agg, (byOptions = new Map()));
      const key = `${thresholdMeters}|${network}`;
      let coverage = byOptions.get(key);
      if (!coverage) {
        const resources = context.resourcePoints();
        const raster = agg.kind === 'area' && agg.areaKind ? context.layer({ kind: agg.areaKind as UnitChoice['kind'], hexSizeMeters: DEFAULT_HEX_SIZE_METERS }).raster : undefined;
        const unitOfResource = unitOfEachResource(resources, agg, { ...(raster ? { raster } : {}), segmentIndex: ds.segmentIndex, segmentUnit: ds.streets.segmentUnit });
        const alsoInUnits = furtherAreasOfEachResource(resources, unitOfResource, agg.kind === 'area' ? raster : undefined);
        coverage = resourceCoverageForUnits(agg, resources, { thresholdMeters, unitOfResource, alsoInUnits, ...(network ? { graph: context.streetGraph() } : {}) });
        stats.coverageRuns++;
        byOptions.set(key, coverage);
      }
      return coverage;
    },
    helpAggregates(unit, campaignId, minResponses, table) {
      const key = `${layerKeyOf(unit)}|${campaignId}|${minResponses}|${matchingKey(table)}`;
      let help = helpCache.get(key);
      if (!help) {
        help = aggregateUnits({ layer: unitLayer(ds, unitSpecOf(unit)), needMasks: helpMasks(ds.offerMasks, table), include: includeMask(ds, { campaignIds: [campaignId] }), minResponses });
        stats.aggregations++;
        helpCache.set(key, help);
      }
      return help;
    },
    helpCoverage(agg, help, thresholdMeters, network) {
      let byHelp = helpCoverageCache.get(agg);
      if (!byHelp) helpCoverageCache.set(agg, (byHelp = new WeakMap()));
      let byOptions = byHelp.get(help);
      if (!byOptions) byHelp.set(help, (byOptions = new Map()));
      const key = `${thresholdMeters}|${network}`;
      let found = byOptions.get(key);
      if (!found) {
        found = resourceCoverageForUnits(agg, offeringUnitPoints(help), { thresholdMeters, ...(network ? { graph: context.streetGraph() } : {}) });
        stats.coverageRuns++;
        byOptions.set(key, found);
      }
      return found;
    },
    giStar(agg, selection, options) {
      let byOptions = giCache.get(agg);
      if (!byOptions) giCache.set(agg, (byOptions = new Map()));
      const key = `${selectionKey(selection)}|${localOptionsKey(options)}`;
      let gi = byOptions.get(key);
      if (!gi) {
        const values = context.localInput(agg, selection, options.input);
        if (!values.ok) return values;
        const weights = context.spatialWeights(agg, options.spatialWeights);
        if (!weights.ok) return weights;
        gi = hotSpotsForUnits(agg, values.value, { weights: weights.value, alpha: options.alpha, permutations: options.permutations, seed: options.seed });
        stats.giStarRuns++;
        byOptions.set(key, gi);
      }
      return explored(gi);
    },
    localMoran(agg, selection, options) {
      let byOptions = lisaCache.get(agg);
      if (!byOptions) lisaCache.set(agg, (byOptions = new Map()));
      const key = `${selectionKey(selection)}|${localOptionsKey(options)}`;
      let found = byOptions.get(key);
      if (!found) {
        const input = context.localInput(agg, selection, options.input);
        if (!input.ok) return input;
        const values = Float64Array.from(input.value, (v, u) => (agg.flags[u]! & UNIT_SUPPRESSED ? Number.NaN : v));
        const spec = context.spatialWeights(agg, options.spatialWeights);
        if (!spec.ok) return spec;
        let weights: SpatialWeights;
        if ('offsets' in spec.value) weights = spec.value;
        else {
          // k nearest / distance band among the units that take part (a suppressed unit is nobody's neighbour).
          const keep = Uint32Array.from([...values.keys()].filter((u) => Number.isFinite(values[u]!) && Number.isFinite(agg.centerXs[u]!)));
          const xs = Float64Array.from(keep, (u) => agg.centerXs[u]!);
          const ys = Float64Array.from(keep, (u) => agg.centerYs[u]!);
          weights = expandWeights(buildSpatialWeights(xs, ys, spec.value, { includeSelf: false }), keep, agg.unitCount);
        }
        found = localMoran(values, weights, { permutations: Math.max(99, options.permutations), seed: options.seed, alpha: options.alpha });
        byOptions.set(key, found);
      }
      return explored(found);
    },
    unitIndex(unit, unitId) {
      const key = layerKeyOf(unit);
      let index = unitIndexCache.get(key);
      if (!index) {
        index = new Map(context.layer(unit).unitIds.map((id, u) => [id, u]));
        unitIndexCache.set(key, index);
      }
      return index.get(unitId) ?? -1;
    },
  };
  return context;
}

/** A canonical string of local-statistic options, for cache keys. */
export function localOptionsKey(o: LocalStatisticOptions): string {
  const w = o.spatialWeights;
  const weights = w.kind === 'contiguity' ? `contiguity:${w.order ?? 'default'}` : w.kind === 'kNearest' ? `knn:${w.k}` : `band:${w.thresholdMeters}`;
  return `${weights}|${o.alpha}|${o.permutations}|${o.seed}|${o.input}`;
}

const mapValues = (r: ExploreResult<SelectionValues>): ExploreResult<Float64Array> => (r.ok ? explored(r.value.values) : r);

/** A canonical string of a selection (weights in need order), for cache keys. */
export function selectionKey(selection: NeedSelection): string {
  if (selection.kind === 'need') return `need:${selection.needId}`;
  return `index:${NEED_CATEGORY_IDS.map((id) => selection.weights[id] ?? 0).join(',')}`;
}

/** The needs a selection involves (weight above 0), in NEED_CATEGORY_IDS order. */
export function selectedNeeds(selection: NeedSelection): NeedCategoryId[] {
  if (selection.kind === 'need') return [selection.needId];
  return NEED_CATEGORY_IDS.filter((id) => (selection.weights[id] ?? 0) > 0);
}

export interface SelectionValues {
  /** Per unit: the need's rate, or the composite index (a weighted mean of rates, in [0, 1]). */
  values: Float64Array;
  /** Weights used per need column of agg.needIds (one 1 for a single need). */
  normalisedWeights: Float64Array;
}

/** One answer column (a need, an offer) or a weighted index over the columns: what a map colours. */
export type AnswerChoice<Id extends string> = { column: Id } | { weights: AnswerWeights<Id> };

/** The answer choice of a need selection. */
export const needChoice = (selection: NeedSelection): AnswerChoice<NeedCategoryId> => (selection.kind === 'need' ? { column: selection.needId } : { weights: selection.weights });

/**
 * Per-unit values of a selection from cached rates (raw, or the `rates` given, e.g. smoothed). O(units × needs).
 * Suppressed units keep their value here; callers mask them before anything leaves the facade.
 */
export function selectionValues(agg: UnitAggregates, selection: NeedSelection, rates?: Float64Array): ExploreResult<SelectionValues> {
  return answerValues(agg, needChoice(selection), rates);
}

/** `selectionValues` for any answer list (needs, offers). */
export function answerValues<Id extends string>(agg: UnitAggregates<Id>, choice: AnswerChoice<Id>, rates?: Float64Array): ExploreResult<SelectionValues> {
  if ('weights' in choice) {
    const index = compositeNeedIndex(agg, choice.weights, rates ? { rates } : {});
    if (!index.ok) return refused(weightRefusal(index), index.message, 'selection.weights');
    return explored({ values: index.index, normalisedWeights: index.normalisedWeights });
  }
  const j = needColumn(agg, choice.column);
  if (j < 0) return refused({ code: 'need_not_aggregated', needId: choice.column }, `answer ${choice.column} is not among the aggregated columns`, 'selection.needId');
  const source = rates ?? agg.needRates;
  const values = new Float64Array(agg.unitCount);
  for (let u = 0; u < agg.unitCount; u++) values[u] = source[u * agg.needCount + j]!;
  const normalisedWeights = new Float64Array(agg.needCount);
  normalisedWeights[j] = 1;
  return explored({ values, normalisedWeights });
}

/** The campaign, or a refusal naming the field. */
export function checkCampaign(context: ExploreContext, campaignId: string, field = 'campaignId'): ExploreResult<CampaignInfo> {
  const campaign = context.campaigns.find((c) => c.id === campaignId);
  return campaign ? explored(campaign) : refused({ code: 'unknown_wave', campaignId }, `unknown survey wave "${campaignId}"`, field);
}

/** The wave before `campaignId` in the series (lower wave number, or same number and earlier start), or null. */
export function previousCampaign(context: ExploreContext, campaignId: string): CampaignInfo | null {
  const at = context.campaigns.findIndex((c) => c.id === campaignId);
  return at > 0 ? context.campaigns[at - 1]! : null;
}

/** Weights per need id, from weights per need column. */
export function weightsByNeed<Id extends string>(needIds: readonly Id[], weights: Float64Array): Partial<Record<Id, number>> {
  const out: Partial<Record<Id, number>> = {};
  needIds.forEach((id, j) => {
    if (weights[j]! > 0) out[id] = weights[j]!;
  });
  return out;
}
