import { z } from 'zod';
import { Id } from './common';
import { AreaGeometry } from './geometry';
import { NeedCategoryId, OfferId } from './needs';
import { defaultNeedOfferMatching, NeedOfferMatching } from './needOfferMatching';
import { DEFAULT_HEX_SIZE_METERS, HEX_SIZE_CHOICES_METERS, hasPositiveWeight, MIN_RESPONSES, UnitKind } from './units';
import { Organisation } from './organisation';
import { Workspace } from './workspace';

/**
 * What the UI may ask the analysis worker (src/worker): the queries of the explore facade
 * (src/analysis/exploreSession.ts) and the messages that carry them. Parsed in the worker before anything runs;
 * defaults are filled in here, so the facade receives complete queries.
 */

export { DEFAULT_HEX_SIZE_METERS, UnitKind } from './units';
/** Hexagon size across flats, metres. Below 50 m a hexagon holds one building; above 5 km, a town. */
export const HexSizeMeters = z
  .number({ error: 'hexSizeMeters must be a number' })
  .min(50, { message: 'hexSizeMeters must be at least 50' })
  .max(5000, { message: 'hexSizeMeters must be at most 5000' });

/** A unit layer: `{ kind: 'hex', hexSizeMeters: 250 }`; hexSizeMeters is ignored for other kinds. */
export const UnitChoice = z.strictObject({ kind: UnitKind, hexSizeMeters: HexSizeMeters.default(DEFAULT_HEX_SIZE_METERS) });
export type UnitChoice = z.infer<typeof UnitChoice>;
export type UnitChoiceInput = z.input<typeof UnitChoice>;

/**
 * User weights per answer (sliders): needs for the need index, offers for the potential index. Absent answers weigh 0;
 * the engine normalises the weights to sum 1. `noun` words the messages: 'a need', 'an offer'.
 */
function answerWeightsInput<Ids extends z.ZodEnum>(ids: Ids, noun: string, plural: string) {
  const weight = z.number({ error: `${noun} weight must be a number` }).min(0, { message: `${noun} weight must be 0 or more` }).max(1000, { message: `${noun} weight must be at most 1000` });
  return z.partialRecord(ids, weight).refine(hasPositiveWeight, { message: `give at least one ${plural} a weight above zero`, params: { rule: 'no_weight_above_zero' } });
}

/** User weights per need (sliders); absent needs weigh 0. Normalised by the engine to sum 1. */
export const NeedWeightsInput = answerWeightsInput(NeedCategoryId, 'a need', 'need');
export type NeedWeightsInput = z.infer<typeof NeedWeightsInput>;

/** One need (its rate), or a weighted mix (the composite need index). */
export const NeedSelection = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('need'), needId: NeedCategoryId }), z.strictObject({ kind: z.literal('index'), weights: NeedWeightsInput })],
  { error: "selection must be { kind: 'need', needId } or { kind: 'index', weights }" },
);
export type NeedSelection = z.infer<typeof NeedSelection>;

/** User weights per offer for the residents' potential index; absent offers weigh 0. Normalised by the engine. */
export const OfferWeightsInput = answerWeightsInput(OfferId, 'an offer', 'offer');
export type OfferWeightsInput = z.infer<typeof OfferWeightsInput>;

/** One offer (the share of households offering it), or the weighted potential index. */
export const OfferSelection = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('offer'), offerId: OfferId }), z.strictObject({ kind: z.literal('index'), weights: OfferWeightsInput })],
  { error: "selection must be { kind: 'offer', offerId } or { kind: 'index', weights }" },
);
export type OfferSelection = z.infer<typeof OfferSelection>;

/** k: units with fewer answers have their rates suppressed (default MIN_RESPONSES = 5). */
export const MinResponses = z.int({ error: 'minResponses must be a whole number' }).min(1, { message: 'minResponses must be at least 1' }).max(100, { message: 'minResponses must be at most 100' });
/** A need counts when the household rated it at least this severe (1 some, 2 serious, 3 very serious). */
export const MinSeverity = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'minSeverity must be 1, 2 or 3' });

const filters = {
  campaignId: Id,
  minSeverity: MinSeverity.default(1),
  minResponses: MinResponses.default(MIN_RESPONSES),
};

/** Need map: a value per unit of one layer for one wave. */
export const NeedMapQuery = z.strictObject({
  unit: UnitChoice,
  ...filters,
  selection: NeedSelection,
  /** Also return empirical-Bayes smoothed values (Marshall 1991), and colour by them when 'empiricalBayes'. */
  smoothing: z.enum(['none', 'empiricalBayes'], { error: 'smoothing must be none or empiricalBayes' }).default('none'),
});
export type NeedMapQuery = z.infer<typeof NeedMapQuery>;
export type NeedMapQueryInput = z.input<typeof NeedMapQuery>;

/** Residents' resources map: what households offer, per unit of one layer for one wave (same k as needs). */
export const OfferMapQuery = z.strictObject({
  unit: UnitChoice,
  campaignId: Id,
  minResponses: MinResponses.default(MIN_RESPONSES),
  selection: OfferSelection,
  smoothing: z.enum(['none', 'empiricalBayes'], { error: 'smoothing must be none or empiricalBayes' }).default('none'),
});
export type OfferMapQuery = z.infer<typeof OfferMapQuery>;
export type OfferMapQueryInput = z.input<typeof OfferMapQuery>;

/**
 * Neighbourhoods for hot spots and LISA. 'contiguity' (default): hexagons within `order` rings (default: about
 * 500 m — two rings, 18 hexagons, at 250 m; one ring from 500 m up) or streets meeting at a junction within `order` steps (default 1);
 * exact integer relations, so input order and rounding never change them. 'kNearest': the k nearest units, plus any
 * tied with the k-th (a ring is never cut). 'distanceBand': every unit within the distance.
 */
export const HotSpotWeights = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('contiguity'), order: z.int().min(1, { message: 'order must be at least 1' }).max(5, { message: 'order must be at most 5' }).optional() }),
    z.strictObject({ kind: z.literal('kNearest'), k: z.int().min(1, { message: 'k must be at least 1' }).max(64, { message: 'k must be at most 64' }) }),
    z.strictObject({ kind: z.literal('distanceBand'), thresholdMeters: z.number().min(1, { message: 'thresholdMeters must be at least 1' }).max(20_000, { message: 'thresholdMeters must be at most 20000' }) }),
  ],
  { error: "spatialWeights must be { kind: 'contiguity', order? }, { kind: 'kNearest', k } or { kind: 'distanceBand', thresholdMeters }" },
);
export type HotSpotWeights = z.infer<typeof HotSpotWeights>;
export const DEFAULT_HOT_SPOT_WEIGHTS: HotSpotWeights = { kind: 'contiguity' };
/**
 * Contiguity order when none is given: hexagons within about 500 m (two rings at 250 m, one ring from 500 m up — a
 * planted cluster has a radius of 300–450 m), one junction step for streets.
 */
export const DEFAULT_HEX_NEIGHBOURHOOD_METERS = 500;
export const defaultHexContiguityOrder = (hexSizeMeters: number): number => Math.max(1, Math.round(DEFAULT_HEX_NEIGHBOURHOOD_METERS / hexSizeMeters));
export const DEFAULT_STREET_CONTIGUITY_ORDER = 1;

/** What Gi* and LISA are computed on (src/analysis/rateInput.ts): EB-smoothed rates by default. */
export const RATE_INPUT_NAMES = ['empiricalBayes', 'standardised', 'raw'] as const;
export const HotSpotInput = z.enum(RATE_INPUT_NAMES, { error: `input must be one of: ${RATE_INPUT_NAMES.join(', ')}` });
export type HotSpotInput = z.infer<typeof HotSpotInput>;

const hotSpotOptions = {
  /** Gi* spatial weights (named apart from the need weights of an index). */
  spatialWeights: HotSpotWeights.default(DEFAULT_HOT_SPOT_WEIGHTS),
  /** FDR level for `significantFdr` (Benjamini–Hochberg); Gi_Bin classes always use 90/95/99 %. */
  alpha: z.number().gt(0, { message: 'alpha must be above 0' }).max(0.2, { message: 'alpha must be at most 0.2' }).default(0.05),
  /** Conditional permutations for the p-values (999; 9,999 on request); 0 = normal approximation (not advised). */
  permutations: z.int({ error: 'permutations must be a whole number' }).min(0, { message: 'permutations must be 0 or more' }).max(99_999, { message: 'permutations must be at most 99999' }).default(999),
  /** Seed of the permutations: the same seed gives the same answer. */
  seed: z.int({ error: 'seed must be a whole number' }).min(0).max(2 ** 31 - 1).default(20261204),
  input: HotSpotInput.default('empiricalBayes'),
};

/** Gi* hot spots over hexagons or streets. */
export const HotSpotQuery = z.strictObject({
  unit: UnitChoice.refine((u) => u.kind === 'hex' || u.kind === 'street', { message: 'hot spots are computed over hex or street units', params: { rule: 'hot_spot_units' } }),
  ...filters,
  selection: NeedSelection,
  ...hotSpotOptions,
});
export type HotSpotQuery = z.infer<typeof HotSpotQuery>;
export type HotSpotQueryInput = z.input<typeof HotSpotQuery>;

/** Local Moran's I (LISA): High-High, Low-Low and the spatial outliers High-Low, Low-High, over hexagons or streets. */
export const LisaQuery = HotSpotQuery;
export type LisaQuery = HotSpotQuery;
export type LisaQueryInput = HotSpotQueryInput;

/** Scale advice: global Moran's I and the share of answers shown at each hexagon size (src/analysis/scaleAdvice.ts). */
export const ScaleAdviceQuery = z.strictObject({
  ...filters,
  selection: NeedSelection,
  hexSizes: z.array(HexSizeMeters).min(1, { message: 'give at least one hexagon size' }).max(6, { message: 'at most 6 hexagon sizes' }).default([...HEX_SIZE_CHOICES_METERS]),
  permutations: z.int().min(1).max(9999).default(999),
  seed: z.int().min(0).max(2 ** 31 - 1).default(20261204),
});
export type ScaleAdviceQuery = z.infer<typeof ScaleAdviceQuery>;
export type ScaleAdviceQueryInput = z.input<typeof ScaleAdviceQuery>;

/** "High need" households for DBSCAN: reporting a selected need at `minSeverity` or above. */
export const DbscanOptions = z.strictObject({
  epsMeters: z.number().min(10, { message: 'epsMeters must be at least 10' }).max(2000, { message: 'epsMeters must be at most 2000' }).default(200),
  minPoints: z.int().min(2, { message: 'minPoints must be at least 2' }).max(500, { message: 'minPoints must be at most 500' }).default(10),
  minSeverity: MinSeverity.default(2),
});
export type DbscanOptions = z.infer<typeof DbscanOptions>;

/** Problem clusters: touching hot hexagons (Gi_Bin ≥ minBin after FDR), and DBSCAN over high-need households. */
export const ClusterQuery = z.strictObject({
  hexSizeMeters: HexSizeMeters.default(DEFAULT_HEX_SIZE_METERS),
  ...filters,
  selection: NeedSelection,
  ...hotSpotOptions,
  minBin: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'minBin must be 1, 2 or 3' }).default(2),
  dbscan: DbscanOptions.default({ epsMeters: 200, minPoints: 10, minSeverity: 2 }),
});
export type ClusterQuery = z.infer<typeof ClusterQuery>;
export type ClusterQueryInput = z.input<typeof ClusterQuery>;

const coverageOptions = {
  /** "Within reach", metres (default 800 m, about ten minutes' walk). */
  thresholdMeters: z.number().min(50, { message: 'thresholdMeters must be at least 50' }).max(20_000, { message: 'thresholdMeters must be at most 20000' }).default(800),
  /** Distances along the street network (true, default) or in a straight line. */
  network: z.boolean({ error: 'network must be true or false' }).default(true),
};

/** Resource coverage and gaps per unit for one need. */
export const CoverageQuery = z.strictObject({ unit: UnitChoice, ...filters, needId: NeedCategoryId, ...coverageOptions });
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export type CoverageQueryInput = z.input<typeof CoverageQuery>;

/**
 * Needs matched with help: for one need, per unit, the walking distance to the nearest unit where residents offer
 * matching help and to the nearest institution serving the need, and the gap units (need clearly above the town's,
 * neither within `thresholdMeters`). `matching` defaults to the table in needOfferMatching.ts.
 */
export const MatchingQuery = z.strictObject({
  unit: UnitChoice,
  ...filters,
  needId: NeedCategoryId,
  ...coverageOptions,
  matching: NeedOfferMatching.default(defaultNeedOfferMatching),
});
export type MatchingQuery = z.infer<typeof MatchingQuery>;
export type MatchingQueryInput = z.input<typeof MatchingQuery>;

export const CANDIDATE_KINDS = ['estate', 'district', 'care_region', 'cluster'] as const;
export const CandidateKind = z.enum(CANDIDATE_KINDS, { error: `candidate kind must be one of: ${CANDIDATE_KINDS.join(', ')}` });
export type CandidateKind = z.infer<typeof CandidateKind>;

/** Target ranking for Local Activity Programmes over candidate areas. */
export const RankingQuery = z.strictObject({
  ...filters,
  weights: NeedWeightsInput,
  candidates: z.array(CandidateKind).min(1, { message: 'choose at least one kind of candidate area' }).default(['estate', 'cluster']),
  /** Hexagons and Gi* options for the cluster candidates. */
  hexSizeMeters: HexSizeMeters.default(DEFAULT_HEX_SIZE_METERS),
  ...hotSpotOptions,
  ...coverageOptions,
  limit: z.int().min(1).max(500).default(50),
});
export type RankingQuery = z.infer<typeof RankingQuery>;
export type RankingQueryInput = z.input<typeof RankingQuery>;

/** Change per unit between two waves (after − before). */
export const WaveComparisonQuery = z
  .strictObject({
    unit: UnitChoice,
    beforeCampaignId: Id,
    afterCampaignId: Id,
    selection: NeedSelection,
    minSeverity: MinSeverity.default(1),
    minResponses: MinResponses.default(MIN_RESPONSES),
  })
  .refine((q) => q.beforeCampaignId !== q.afterCampaignId, { message: 'compare two different waves', path: ['afterCampaignId'], params: { rule: 'same_waves' } });
export type WaveComparisonQuery = z.infer<typeof WaveComparisonQuery>;
export type WaveComparisonQueryInput = z.input<typeof WaveComparisonQuery>;

/** Change between two waves inside any boundary (a programme's area drawn by hand), need by need. */
export const AreaWaveComparisonQuery = z
  .strictObject({
    geometry: AreaGeometry,
    beforeCampaignId: Id,
    afterCampaignId: Id,
    minSeverity: MinSeverity.default(1),
    minResponses: MinResponses.default(MIN_RESPONSES),
  })
  .refine((q) => q.beforeCampaignId !== q.afterCampaignId, { message: 'compare two different waves', path: ['afterCampaignId'], params: { rule: 'same_waves' } });
export type AreaWaveComparisonQuery = z.infer<typeof AreaWaveComparisonQuery>;
export type AreaWaveComparisonQueryInput = z.input<typeof AreaWaveComparisonQuery>;

/** Everything the panel shows about one unit. */
export const UnitDetailQuery = z.strictObject({
  unit: UnitChoice,
  unitId: Id,
  ...filters,
  /** Resources and groups within this distance of the unit are listed (default 500 m). */
  nearbyMeters: z.number().min(0, { message: 'nearbyMeters must be 0 or more' }).max(10_000, { message: 'nearbyMeters must be at most 10000' }).default(500),
  ...coverageOptions,
  /** The need or index shown: for hexagons and streets the panel then says how the unit stands against its
   * neighbourhood (LISA quadrant and Gi* class, both after FDR, with the hot-spot defaults). */
  selection: NeedSelection.optional(),
});
export type UnitDetailQuery = z.infer<typeof UnitDetailQuery>;
export type UnitDetailQueryInput = z.input<typeof UnitDetailQuery>;

/**
 * Which unit of a layer each response is counted in (the engine's assignment), for lists kept outside the engine
 * that must place answers as the map does: the leader candidates per estate.
 */
export const ResponseUnitsQuery = z.strictObject({
  unit: UnitChoice,
  responseIds: z.array(Id, { error: 'responseIds must be a list of ids' }).max(1_000_000, { message: 'at most 1000000 response ids' }),
});
export type ResponseUnitsQuery = z.infer<typeof ResponseUnitsQuery>;
export type ResponseUnitsQueryInput = z.input<typeof ResponseUnitsQuery>;

/* Worker messages: each request has an id (the client's counter); queries travel on a channel (default: the
   request type), where a newer request supersedes an older one still waiting. */

export const RequestId = z.int({ error: 'id must be a whole number' }).min(0, { message: 'id must be 0 or more' });
export const Channel = z.string({ error: 'channel must be text' }).min(1).max(64, { message: 'channel must be at most 64 characters' });

const request = <T extends string, Q extends z.ZodType>(type: T, query: Q) =>
  z.strictObject({ type: z.literal(type), id: RequestId, channel: Channel.optional(), query });

/**
 * One vector tile of a large town's streets or addresses (src/map/townTiles.ts), cut from the workspace loaded with
 * `tileKey` = `key`; zoom 0–14 (MapLibre draws closer zooms from zoom 14's tiles).
 */
export const TileQuery = z
  .strictObject({
    key: RequestId,
    source: z.enum(['streets', 'addresses'], { error: 'source must be streets or addresses' }),
    z: z.int({ error: 'z must be a whole number' }).min(0).max(14, { message: 'z must be 0–14' }),
    x: z.int({ error: 'x must be a whole number' }).min(0),
    y: z.int({ error: 'y must be a whole number' }).min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z', path: ['x'] });
export type TileQuery = z.infer<typeof TileQuery>;

export const ANALYSIS_REQUEST_TYPES = ['init', 'initStored', 'cancel', 'tile', 'layer', 'needMap', 'offerMap', 'matching', 'hotSpots', 'lisa', 'scaleAdvice', 'clusters', 'coverage', 'ranking', 'compareWaves', 'compareArea', 'unitDetail', 'responseUnits'] as const;
export type AnalysisRequestType = (typeof ANALYSIS_REQUEST_TYPES)[number];

export const AnalysisRequest = z.discriminatedUnion(
  'type',
  [
    /** Loads a workspace (once per data load); later queries run against it. */
    z.strictObject({ type: z.literal('init'), id: RequestId, workspace: Workspace, tileKey: RequestId.optional() }),
    /**
     * Loads a centre's own town in the form it is stored in (src/data/embedded/storedWorkspace.ts): the worker builds
     * the workspace itself from the snapshots' bytes (transferred), each checked against the digest written with it
     * or validated record by record, and the entries on top (validated); answered as `init`.
     */
    z.strictObject({
      type: z.literal('initStored'),
      id: RequestId,
      stored: z.strictObject({ organisation: Organisation, snapshots: z.array(z.unknown()), overlay: z.array(z.unknown()) }),
      /** The key `tile` requests name this workspace by (townTiles.ts); absent: no tiles are asked of it. */
      tileKey: RequestId.optional(),
    }),
    /** Asks to drop the request `id` if it has not started; a started computation finishes and is ignored. */
    z.strictObject({ type: z.literal('cancel'), id: RequestId }),
    /** A vector tile, answered as soon as the workspace of `query.key` is there, ahead of any queued analysis. */
    request('tile', TileQuery),
    request('layer', UnitChoice),
    request('needMap', NeedMapQuery),
    request('offerMap', OfferMapQuery),
    request('matching', MatchingQuery),
    request('hotSpots', HotSpotQuery),
    request('lisa', LisaQuery),
    request('scaleAdvice', ScaleAdviceQuery),
    request('clusters', ClusterQuery),
    request('coverage', CoverageQuery),
    request('ranking', RankingQuery),
    request('compareWaves', WaveComparisonQuery),
    request('compareArea', AreaWaveComparisonQuery),
    request('unitDetail', UnitDetailQuery),
    request('responseUnits', ResponseUnitsQuery),
  ],
  { error: `type must be one of: ${ANALYSIS_REQUEST_TYPES.join(', ')}` },
);
export type AnalysisRequest = z.infer<typeof AnalysisRequest>;
export type AnalysisRequestInput = z.input<typeof AnalysisRequest>;
export type AnalysisQueryRequest = Exclude<AnalysisRequest, { type: 'init' | 'initStored' | 'cancel' | 'tile' }>;
export type TileRequest = Extract<AnalysisRequest, { type: 'tile' }>;
