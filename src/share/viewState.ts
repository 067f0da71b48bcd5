import { z } from 'zod';
import { ExploreSubject, HexSizeChoice, MapUnitKind, MatchDistance, NEED_CATEGORY_IDS, NeedCategoryId, OFFER_IDS, OfferId, WEIGHT_MAX, type ExploreSubject as ExploreSubjectId } from '../domain';

/**
 * The view a link reopens (issue 6 part 2, STYLE.md habit 15): which screen, where the map is, and what the explore
 * panel shows. Pure data, parsed with zod; written to and read from the URL hash by `encodeViewState` /
 * `decodeViewState` (urlCodec.ts). No React, no MapLibre: the UI glue lives in src/ui/shell/url/.
 *
 * Format version 1 (VIEW_STATE_VERSION). A future format adds `ver=2` to the hash; a hash without `ver` is version 1.
 */
export const VIEW_STATE_VERSION = 1;

/** The app's screens: the one name each has in code. */
export const SCREEN_IDS = ['map', 'campaigns', 'resources', 'survey', 'import', 'programmes', 'report'] as const;
export const ScreenId = z.enum(SCREEN_IDS);
export type ScreenId = z.infer<typeof ScreenId>;

/**
 * The word a link uses for each screen (`#v=programy`, and the one-word hashes `#ankieta`, `#zasoby` volunteers
 * bookmark): Polish, because people read and type them. The only place the two names meet.
 */
export const SCREEN_URL_WORDS: Readonly<Record<ScreenId, string>> = {
  map: 'mapa',
  campaigns: 'ankiety',
  resources: 'zasoby',
  survey: 'ankieta',
  import: 'import',
  programmes: 'programy',
  report: 'raport',
};

/** The hash that opens a screen: `#mapa`, `#ankiety`, … (a one-word link the codec reads; the app rewrites it canonically). */
export const screenHash = (screen: ScreenId): string => `#${SCREEN_URL_WORDS[screen]}`;


/** The word a link uses for what the map shows (`show=zasoby`); needs, the default, are left out. */
export const SUBJECT_URL_WORDS: Readonly<Record<ExploreSubjectId, string>> = { needs: 'potrzeby', resources: 'zasoby', matching: 'dopasowanie' };

/** The offer shown in the residents' resources mode: one offer, or 'index' (the potential index over all offers). */
export const OfferChoice = z.union([OfferId, z.literal('index')]);
export type OfferChoice = z.infer<typeof OfferChoice>;

/** Overlays of the explore map that can be switched on (written in this order). */
export const OVERLAY_IDS = ['hotspots', 'clusters', 'gaps', 'heatmap', 'lisa'] as const;
export const OverlayId = z.enum(OVERLAY_IDS);
export type OverlayId = z.infer<typeof OverlayId>;

/** Base layer groups of the town map; all are shown unless the URL hides them (written in this order). */
export const BASE_LAYER_IDS = ['districts', 'estates', 'streets', 'addresses', 'resources'] as const;
export const BaseLayerId = z.enum(BASE_LAYER_IDS);
export type BaseLayerId = z.infer<typeof BaseLayerId>;

/** Kinds of a selected feature (the map's FeatureKind). */
export const SELECTION_KINDS = ['estate', 'street', 'address', 'resource', 'district', 'hex', 'cluster'] as const;
export const SelectionKind = z.enum(SELECTION_KINDS);
export type SelectionKind = z.infer<typeof SelectionKind>;

export const LANGUAGE_IDS = ['pl', 'en'] as const;
export const LanguageId = z.enum(LANGUAGE_IDS);

export const MIN_ZOOM = 0;
export const MAX_ZOOM = 24;
/** Web Mercator's latitude limit (degrees). */
export const MAX_LATITUDE = 85.051129;
/** Ids (waves, streets, …) are free text from the workspace; this long at most in a link. */
export const MAX_ID_LENGTH = 200;

/** Whether a string is well-formed UTF-16 (encodeURIComponent would refuse a lone surrogate). */
function wellFormed(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

/** An id from the workspace: non-empty, no control characters. */
export const RecordId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
  .refine(wellFormed, 'no lone surrogates');

/** The map camera: zoom (MapLibre zoom levels), latitude and longitude in degrees (WGS 84). */
export const MapPosition = z.strictObject({
  zoom: z.number().min(MIN_ZOOM).max(MAX_ZOOM),
  lat: z.number().min(-MAX_LATITUDE).max(MAX_LATITUDE),
  lon: z.number().min(-180).max(180),
});
export type MapPosition = z.infer<typeof MapPosition>;

/** Index weights, 0–5 in tenths per need; needs not listed weigh 0. */
export const Weights = z.partialRecord(NeedCategoryId, z.number().min(0).max(WEIGHT_MAX));
export type Weights = z.infer<typeof Weights>;

/** Potential index weights, 0–5 in tenths per offer; offers not listed weigh 0. */
export const OfferWeights = z.partialRecord(OfferId, z.number().min(0).max(WEIGHT_MAX));
export type OfferWeights = z.infer<typeof OfferWeights>;

export const Selection = z.strictObject({ kind: SelectionKind, id: RecordId });
export type Selection = z.infer<typeof Selection>;

const sortedUnique = <T extends string>(order: readonly T[]) => (values: readonly T[]) => order.filter((id) => values.includes(id));

/**
 * Everything a link carries. `null` means "not said": the app keeps its default (the town fitted into view, the
 * latest wave, the first unit, the stored language). `weights` non-null means the composite index is shown
 * (`need` is then the need remembered for the single-need mode); otherwise the single need `need`.
 */
export const ViewState = z.strictObject({
  view: ScreenId,
  map: MapPosition.nullable(),
  /** The survey wave (a campaign id); the link writes it as `wave=`. */
  campaignId: RecordId.nullable(),
  need: NeedCategoryId.nullable(),
  weights: Weights.nullable(),
  unit: MapUnitKind.nullable(),
  /** Hexagon size in metres (HEX_SIZE_CHOICES_METERS) for the hexagon unit, hot spots and clusters; null = 250 m. */
  hex: HexSizeChoice.nullable(),
  /** What the map shows: needs (null, the default), residents' resources, or needs matched with help. */
  show: ExploreSubject.nullable(),
  /** Resources mode: the offer shown, or the potential index; null = the index. */
  offer: OfferChoice.nullable(),
  /** The potential index's weights; null = every offer weighs 1. */
  offerWeights: OfferWeights.nullable(),
  /** Matching view: "within reach" in metres; null = 800. */
  within: MatchDistance.nullable(),
  /** Overlays switched on, in OVERLAY_IDS order. */
  layers: z.array(OverlayId).transform(sortedUnique(OVERLAY_IDS)),
  /** Base layer groups hidden, in BASE_LAYER_IDS order. */
  hidden: z.array(BaseLayerId).transform(sortedUnique(BASE_LAYER_IDS)),
  selection: Selection.nullable(),
  lang: LanguageId.nullable(),
});
export type ViewState = z.infer<typeof ViewState>;

/** The view of an empty hash: the map, the town fitted into view, nothing chosen. A fresh object each call. */
export const defaultViewState = (): ViewState => ({
  view: 'map',
  map: null,
  campaignId: null,
  need: null,
  weights: null,
  unit: null,
  hex: null,
  show: null,
  offer: null,
  offerWeights: null,
  within: null,
  layers: [],
  hidden: [],
  selection: null,
  lang: null,
});

/**
 * Decimal places of latitude and longitude worth writing at `zoom`: about one pixel (maplibre-gl's hash.ts).
 * Example: zoom 12.5 → 5, zoom 17 → 6.
 */
export const coordinatePrecision = (zoom: number): number => Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));

const roundTo = (value: number, decimals: number): number => {
  const m = 10 ** decimals;
  return Math.round(value * m) / m || 0; // `|| 0`: no negative zero
};

/**
 * The camera as a link writes it: zoom to 2 decimals, lat/lon to `coordinatePrecision(zoom)` decimals, clamped to
 * the valid ranges. Idempotent. Example: { zoom: 12.4567, lat: 50.123456, lon: 19.3 } → { zoom: 12.46, lat: 50.12346, lon: 19.3 }.
 */
export function roundMapPosition(p: MapPosition): MapPosition {
  const zoom = roundTo(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, p.zoom)), 2);
  const decimals = coordinatePrecision(zoom);
  const lat = roundTo(Math.min(MAX_LATITUDE, Math.max(-MAX_LATITUDE, p.lat)), decimals);
  const lon = roundTo(Math.min(180, Math.max(-180, p.lon)), decimals);
  return { zoom, lat: Math.min(MAX_LATITUDE, Math.max(-MAX_LATITUDE, lat)), lon };
}

/** A weight as a link writes it: clamped to 0–5, in tenths. */
export const roundWeight = (w: number): number => roundTo(Math.min(WEIGHT_MAX, Math.max(0, Number.isFinite(w) ? w : 0)), 1);

/** Weights as a link writes them: in tenths, zeros left out, in the order of `ids`. */
function roundedWeights<Id extends string>(ids: readonly Id[], weights: Partial<Record<Id, number>>): Partial<Record<Id, number>> {
  const out: Partial<Record<Id, number>> = {};
  for (const id of ids) {
    const w = weights[id];
    if (w !== undefined && roundWeight(w) > 0) out[id] = roundWeight(w);
  }
  return out;
}

/**
 * The state exactly as it comes back from its link: camera and weights rounded, weights of 0 left out, lists in
 * canonical order. `decodeViewState(encodeViewState(s)).state` deep-equals `normalizeViewState(s)`.
 */
export function normalizeViewState(s: ViewState): ViewState {
  return {
    ...s,
    map: s.map ? roundMapPosition(s.map) : null,
    weights: s.weights ? roundedWeights(NEED_CATEGORY_IDS, s.weights) : null,
    offerWeights: s.offerWeights ? roundedWeights(OFFER_IDS, s.offerWeights) : null,
    show: s.show === 'needs' ? null : s.show,
    layers: sortedUnique(OVERLAY_IDS)(s.layers),
    hidden: sortedUnique(BASE_LAYER_IDS)(s.hidden),
  };
}
