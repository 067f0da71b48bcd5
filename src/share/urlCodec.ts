import { EXPLORE_SUBJECTS, HexSizeChoice, MapUnitKind, MatchDistance, WEIGHT_MAX } from '../domain/units';
import { NEED_CATEGORY_IDS, NeedCategoryId, OFFER_IDS, OfferId } from '../domain';
import {
  BASE_LAYER_IDS,
  coordinatePrecision,
  BaseLayerId,
  defaultViewState,
  LanguageId,
  MapPosition,
  normalizeViewState,
  OfferChoice,
  type OfferWeights,
  OVERLAY_IDS,
  OverlayId,
  RecordId,
  roundMapPosition,
  roundWeight,
  SelectionKind,
  VIEW_STATE_VERSION,
  SCREEN_IDS,
  SCREEN_URL_WORDS,
  SUBJECT_URL_WORDS,
  type ScreenId,
  ViewState,
  type Weights,
} from './viewState';

/**
 * The URL hash ⇄ ViewState codec (STYLE.md habit 15). The hash is OpenStreetMap's `#map=zoom/lat/lon` followed by
 * `&`-separated parameters, defaults left out, always in this order:
 *
 *   #map=15.2/50.151235/19.302109&v=zasoby&wave=campaign-2026-w2&w=unemployment:2,addiction:1&unit=hex&hex=500
 *    &show=zasoby&ow=senior_care:2,tutoring:1&layers=hotspots,clusters&hide=addresses&sel=street:street-polna&lang=en
 *
 * - `map`    zoom (2 decimals) / latitude / longitude, decimals by zoom as maplibre-gl's hash.ts writes them
 * - `v`      the screen: mapa (default, left out) | ankiety | zasoby | ankieta | import | programy | raport
 * - `wave`   the survey campaign id; `need` one need category; `w` the composite index's weights (0–5, needs left
 *            out weigh 0; `w` present means the index is shown, `need` is then the remembered single need)
 * - `unit`   street | estate | district | hex;  `hex` hexagon size 250 (default, left out) | 500 | 1000 m
 * - `show`   potrzeby (default, left out) | zasoby (residents' resources) | dopasowanie (needs matched with help);
 *            `offer` the offer shown in zasoby (an offer id, or `index` for the potential index); `ow` the
 *            potential index's weights per offer, written like `w` (`ow=senior_care:2,tutoring:0.5`; 0–5, offers left
 *            out weigh 0; absent means every offer weighs 1); `within` the matching view's distance 400 | 800 | 1200 m
 * - `layers` overlays on;  `hide` base layer groups hidden
 * - `sel`    the selected feature `kind:id`;  `lang` pl | en
 *
 * Ids are percent-encoded. The old hashes `#ankieta`, `#zasoby`, `#ankiety`, `#import` and `#map` still open their
 * screen (`legacy: true`: the app keeps the rest of its view). Nothing secret is ever written here.
 */

/** A part of a link that was not understood and was left out, e.g. { param: 'unit', value: 'moon' }. */
export interface UrlWarning {
  param: string;
  /** The raw text that was dropped (shortened to 60 characters). */
  value: string;
  reason: string;
}

export type DecodeResult =
  | { ok: true; state: ViewState; warnings: UrlWarning[]; legacy: boolean }
  | { ok: false; state: ViewState; message: string };

/** Longer hashes are not read at all (a real one is a few hundred characters). */
export const MAX_HASH_LENGTH = 4000;

/** URL word → screen: each screen's word (SCREEN_URL_WORDS), and `map`, the skip link's and the map tab's `#map`. */
const SCREEN_OF_WORD: ReadonlyMap<string, ScreenId> = new Map([...SCREEN_IDS.map((id) => [SCREEN_URL_WORDS[id], id] as const), ['map', 'map']]);

const NUMBER = /^-?\d{1,4}(?:\.\d{1,20})?$/;

/** A number with at most `decimals` decimals, never in exponent notation ("50.15", not "5.015e1"). */
const fixed = (n: number, decimals: number): string => (decimals > 0 ? n.toFixed(decimals).replace(/\.?0+$/, '') : n.toFixed(0));

const shorten = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** Percent-encodes an id for the hash; a string encodeURIComponent refuses (lone surrogates) is never valid. */
const encodeId = (id: string): string => encodeURIComponent(id);

function parseMap(raw: string): MapPosition | string {
  const parts = raw.split('/');
  if (parts.length !== 3) return 'expected zoom/lat/lon';
  if (!parts.every((p) => NUMBER.test(p))) return 'not a number';
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  const parsed = MapPosition.safeParse({ zoom, lat, lon });
  return parsed.success ? roundMapPosition(parsed.data) : 'out of range';
}

/**
 * `id:weight,…` of the need index (`w`, ids of needs) or the potential index (`ow`, ids of offers). An item with an
 * unknown id or a weight outside 0–5 is dropped with a warning ("unknown offer", "weight must be 0–5"); the rest is kept.
 */
function parseWeights<Id extends string>(
  raw: string,
  schema: { safeParse(v: unknown): { success: true; data: Id } | { success: false } },
  noun: 'need' | 'offer',
  warn: (value: string, reason: string) => void,
): Partial<Record<Id, number>> {
  const weights: Partial<Record<Id, number>> = {};
  if (raw === '') return weights;
  for (const item of raw.split(',')) {
    const colon = item.indexOf(':');
    const id = schema.safeParse(colon < 0 ? item : item.slice(0, colon));
    const text = colon < 0 ? '' : item.slice(colon + 1);
    const value = NUMBER.test(text) ? Number(text) : NaN;
    if (!id.success) warn(item, `unknown ${noun}`);
    else if (!(value >= 0 && value <= WEIGHT_MAX)) warn(item, `weight must be 0–${WEIGHT_MAX}`);
    else if (roundWeight(value) > 0) weights[id.data] = roundWeight(value);
  }
  return weights;
}

/** `id:weight,…` in the order of `ids` (the state is normalised: weights rounded, zeros left out). */
const formatWeights = <Id extends string>(ids: readonly Id[], weights: Partial<Record<Id, number>>): string =>
  ids.filter((id) => weights[id] !== undefined).map((id) => `${id}:${weights[id]}`).join(',');

function parseList<T extends string>(raw: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, warn: (value: string, reason: string) => void): T[] {
  const out: T[] = [];
  if (raw === '') return out;
  for (const item of raw.split(',')) {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
    else warn(item, 'unknown name');
  }
  return out;
}

const KNOWN_PARAMS = new Set(['map', 'v', 'wave', 'need', 'w', 'unit', 'hex', 'show', 'offer', 'ow', 'within', 'layers', 'hide', 'sel', 'lang', 'ver']);

/**
 * Reads a URL hash (with or without the leading `#`). Never throws. A fully understood hash gives `ok: true` and
 * no warnings; parts that are not understood are dropped one by one (`warnings`), the rest is kept; when nothing
 * usable is left, `ok: false` with the default view. Ids are checked for their shape only: whether the wave or
 * street exists is for the app to check once the workspace is loaded.
 *
 * Example: decodeViewState('#map=14/50.15/19.3&unit=hex') → { ok: true, state: { …, map: { zoom: 14, lat: 50.15, lon: 19.3 }, unit: 'hex' }, warnings: [] }
 */
export function decodeViewState(hash: unknown): DecodeResult {
  try {
    return decode(hash);
  } catch (error) {
    return { ok: false, state: defaultViewState(), message: `unreadable link (${error instanceof Error ? error.message : String(error)})` };
  }
}

function decode(hash: unknown): DecodeResult {
  if (typeof hash !== 'string') return { ok: false, state: defaultViewState(), message: 'not a text' };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { ok: true, state: defaultViewState(), warnings: [], legacy: false };
  if (body.length > MAX_HASH_LENGTH) return { ok: false, state: defaultViewState(), message: `link longer than ${MAX_HASH_LENGTH} characters` };

  // The old one-word hashes (`#ankieta`, `#zasoby/…`), and `#map` (the skip link and the map tab).
  const legacy = /^([a-z]+)(?:\/.*)?$/s.exec(body);
  if (legacy && !body.includes('=')) {
    const view = SCREEN_OF_WORD.get(legacy[1]!);
    if (view) return { ok: true, state: { ...defaultViewState(), view }, warnings: [], legacy: true };
  }

  const state = defaultViewState();
  const warnings: UrlWarning[] = [];
  const seen = new Set<string>();
  let understood = 0;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const warn = (value: string, reason: string) => warnings.push({ param: shorten(key), value: shorten(value), reason });
    if (!KNOWN_PARAMS.has(key)) {
      warn(rawValue, 'unknown parameter');
      continue;
    }
    if (seen.has(key)) {
      warn(rawValue, 'repeated parameter (the first one is used)');
      continue;
    }
    seen.add(key);
    const before = warnings.length;
    const value = key === 'sel' ? rawValue : safeDecode(rawValue);
    if (value === null) {
      warn(rawValue, 'broken percent-encoding');
      continue;
    }
    switch (key) {
      case 'map': {
        const map = parseMap(value);
        if (typeof map === 'string') warn(value, map);
        else state.map = map;
        break;
      }
      case 'v': {
        const view = SCREEN_OF_WORD.get(value);
        if (view) state.view = view;
        else warn(value, 'unknown view');
        break;
      }
      case 'wave': {
        const wave = RecordId.safeParse(value);
        if (wave.success) state.campaignId = wave.data;
        else warn(value, 'not an id');
        break;
      }
      case 'need': {
        const need = NeedCategoryId.safeParse(value);
        if (need.success) state.need = need.data;
        else warn(value, 'unknown need');
        break;
      }
      case 'w':
        state.weights = parseWeights<NeedCategoryId>(value, NeedCategoryId, 'need', warn) satisfies Weights;
        break;
      case 'ow':
        state.offerWeights = parseWeights<OfferId>(value, OfferId, 'offer', warn) satisfies OfferWeights;
        break;
      case 'unit': {
        const unit = MapUnitKind.safeParse(value);
        if (unit.success) state.unit = unit.data;
        else warn(value, 'unknown unit');
        break;
      }
      case 'hex': {
        const hex = HexSizeChoice.safeParse(/^\d{1,5}$/.test(value) ? Number(value) : value);
        if (hex.success) state.hex = hex.data;
        else warn(value, 'unknown hexagon size');
        break;
      }
      case 'show': {
        const subject = EXPLORE_SUBJECTS.find((id) => SUBJECT_URL_WORDS[id] === value);
        if (subject) state.show = subject;
        else warn(value, 'unknown map subject');
        break;
      }
      case 'offer': {
        const offer = OfferChoice.safeParse(value);
        if (offer.success) state.offer = offer.data;
        else warn(value, 'unknown offer');
        break;
      }
      case 'within': {
        const within = MatchDistance.safeParse(/^\d{1,5}$/.test(value) ? Number(value) : value);
        if (within.success) state.within = within.data;
        else warn(value, 'unknown distance');
        break;
      }
      case 'layers':
        state.layers = parseList(value, OverlayId, warn);
        break;
      case 'hide':
        state.hidden = parseList(value, BaseLayerId, warn);
        break;
      case 'sel': {
        const colon = value.indexOf(':');
        const kind = SelectionKind.safeParse(value.slice(0, Math.max(0, colon)));
        const id = colon < 0 ? null : safeDecode(value.slice(colon + 1));
        const parsedId = RecordId.safeParse(id);
        if (kind.success && parsedId.success) state.selection = { kind: kind.data, id: parsedId.data };
        else warn(value, 'expected kind:id');
        break;
      }
      case 'lang': {
        const lang = LanguageId.safeParse(value);
        if (lang.success) state.lang = lang.data;
        else warn(value, 'unknown language');
        break;
      }
      case 'ver':
        if (value !== String(VIEW_STATE_VERSION)) warn(value, `unknown format version (read as ${VIEW_STATE_VERSION})`);
        break;
    }
    if (warnings.length === before) understood += 1;
  }

  const parsed = ViewState.safeParse(state);
  if (!parsed.success) return { ok: false, state: defaultViewState(), message: `invalid view state: ${parsed.error.issues[0]?.message ?? ''}` };
  if (understood === 0 && warnings.length > 0) return { ok: false, state: defaultViewState(), message: `nothing usable in the link (${warnings.map((w) => w.param).join(', ')})` };
  return { ok: true, state: parsed.data, warnings, legacy: false };
}

/**
 * Writes the canonical hash of a view (with the leading `#`, or '' for the default view). Rounds the camera by zoom,
 * leaves out defaults; equal views give equal strings. The state is parsed first: an invalid one throws (a bug).
 *
 * Example: encodeViewState({ ...defaultViewState(), map: { zoom: 14.123, lat: 50.15013, lon: 19.30021 }, unit: 'hex' })
 *          → '#map=14.12/50.15013/19.30021&unit=hex'
 */
export function encodeViewState(input: ViewState): string {
  const s = normalizeViewState(ViewState.parse(input));
  const parts: string[] = [];
  if (s.map) parts.push(`map=${fixed(s.map.zoom, 2)}/${fixed(s.map.lat, coordinatePrecision(s.map.zoom))}/${fixed(s.map.lon, coordinatePrecision(s.map.zoom))}`);
  if (s.view !== 'map') parts.push(`v=${SCREEN_URL_WORDS[s.view]}`);
  if (s.campaignId !== null) parts.push(`wave=${encodeId(s.campaignId)}`);
  if (s.need !== null) parts.push(`need=${s.need}`);
  if (s.weights !== null) parts.push(`w=${formatWeights(NEED_CATEGORY_IDS, s.weights)}`);
  if (s.unit !== null) parts.push(`unit=${s.unit}`);
  if (s.hex !== null) parts.push(`hex=${s.hex}`);
  if (s.show !== null && s.show !== 'needs') parts.push(`show=${SUBJECT_URL_WORDS[s.show]}`);
  if (s.offer !== null) parts.push(`offer=${s.offer}`);
  if (s.offerWeights !== null) parts.push(`ow=${formatWeights(OFFER_IDS, s.offerWeights)}`);
  if (s.within !== null) parts.push(`within=${s.within}`);
  if (s.layers.length) parts.push(`layers=${OVERLAY_IDS.filter((id) => s.layers.includes(id)).join(',')}`);
  if (s.hidden.length) parts.push(`hide=${BASE_LAYER_IDS.filter((id) => s.hidden.includes(id)).join(',')}`);
  if (s.selection) parts.push(`sel=${s.selection.kind}:${encodeId(s.selection.id)}`);
  if (s.lang !== null) parts.push(`lang=${s.lang}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
