import { EXPLORE_SUBJECTS, HEX_SIZE_CHOICES_METERS, MAP_UNIT_KINDS, MATCH_DISTANCE_CHOICES_METERS } from '../../src/domain/units';
import { describe, expect, it } from 'vitest';
import { NEED_CATEGORY_IDS, OFFER_IDS } from '../../src/domain';
import { decodeViewState, encodeViewState, MAX_HASH_LENGTH } from '../../src/share/urlCodec';
import {
  BASE_LAYER_IDS,
  coordinatePrecision,
  defaultViewState,
  LANGUAGE_IDS,
  MAX_LATITUDE,
  normalizeViewState,
  OVERLAY_IDS,
  SELECTION_KINDS,
  SCREEN_IDS,
  SCREEN_URL_WORDS,
  screenHash,
  ViewState,
  type OfferWeights,
  type Weights,
} from '../../src/share/viewState';
import { seededRandom as prng } from '../analysis/seededRandom';


const ID_CHARS = ['a', 'z', '0', '9', '-', '_', '.', ':', ',', '&', '=', '#', '%', '/', '?', ' ', '+', 'ą', 'ż', 'Ł', '€', '😀', '<', '>', '"', "'"];

function randomState(r: () => number): ViewState {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(f: () => T): T | null => (r() < 0.5 ? null : f());
  const id = () => Array.from({ length: 1 + Math.floor(r() * 24) }, () => pick(ID_CHARS)).join('');
  const subset = <T>(xs: readonly T[]) => xs.filter(() => r() < 0.4);
  const weights = (): Weights => {
    const w: Weights = {};
    for (const need of NEED_CATEGORY_IDS) if (r() < 0.5) w[need] = Math.round(r() * 50) / 10;
    return w;
  };
  const offerWeights = (): OfferWeights => {
    const w: OfferWeights = {};
    for (const offer of OFFER_IDS) if (r() < 0.5) w[offer] = Math.round(r() * 50) / 10;
    return w;
  };
  return {
    view: pick(SCREEN_IDS),
    map: maybe(() => ({ zoom: r() * 24, lat: (r() * 2 - 1) * MAX_LATITUDE, lon: (r() * 2 - 1) * 180 })),
    campaignId: maybe(id),
    need: maybe(() => pick(NEED_CATEGORY_IDS)),
    weights: maybe(weights),
    unit: maybe(() => pick(MAP_UNIT_KINDS)),
    hex: maybe(() => pick(HEX_SIZE_CHOICES_METERS)),
    show: maybe(() => pick(EXPLORE_SUBJECTS)),
    offer: maybe(() => pick([...OFFER_IDS, 'index' as const])),
    offerWeights: maybe(offerWeights),
    within: maybe(() => pick(MATCH_DISTANCE_CHOICES_METERS)),
    layers: subset(OVERLAY_IDS),
    hidden: subset(BASE_LAYER_IDS),
    selection: maybe(() => ({ kind: pick(SELECTION_KINDS), id: id() })),
    lang: maybe(() => pick(LANGUAGE_IDS)),
  };
}

describe('URL view state codec', () => {
  it('keeps the hexagon size the scale advice chose, and refuses a size the app does not offer', () => {
    const state: ViewState = { ...defaultViewState(), unit: 'hex', hex: 500 };
    expect(encodeViewState(state)).toBe('#unit=hex&hex=500');
    expect(decodeViewState('#unit=hex&hex=500')).toMatchObject({ ok: true, state: { unit: 'hex', hex: 500 }, warnings: [] });
    const odd = decodeViewState('#unit=hex&hex=333');
    expect(odd).toMatchObject({ ok: true, state: { hex: null }, warnings: [{ param: 'hex', value: '333', reason: 'unknown hexagon size' }] });
  });

  it('writes the OSM map part and the parameters in canonical order, defaults left out', () => {
    const state: ViewState = {
      ...defaultViewState(),
      view: 'resources',
      map: { zoom: 15.2345, lat: 50.151234567, lon: 19.3021094 },
      campaignId: 'campaign-2026-w2',
      weights: { unemployment: 2, addiction: 1 },
      unit: 'hex',
      layers: ['clusters', 'hotspots'],
      hidden: ['addresses'],
      selection: { kind: 'street', id: 'street-polna' },
      lang: 'en',
    };
    expect(encodeViewState(state)).toBe('#map=15.23/50.151235/19.302109&v=zasoby&wave=campaign-2026-w2&w=unemployment:2,addiction:1&unit=hex&layers=hotspots,clusters&hide=addresses&sel=street:street-polna&lang=en');
    expect(encodeViewState(defaultViewState())).toBe('');
    expect(encodeViewState({ ...defaultViewState(), view: 'survey' })).toBe('#v=ankieta');
  });

  it('rounds coordinates by zoom as maplibre-gl does', () => {
    expect(coordinatePrecision(12.5)).toBe(5);
    expect(coordinatePrecision(17)).toBe(6);
    expect(encodeViewState({ ...defaultViewState(), map: { zoom: 3, lat: 50.123456, lon: 19.98765 } })).toBe('#map=3/50.12/19.99');
    expect(encodeViewState({ ...defaultViewState(), map: { zoom: 24, lat: 0.00000001, lon: -0.000000001 } })).toBe('#map=24/0.00000001/0');
  });

  it('reads its own output, the old one-word hashes and OSM links', () => {
    const r = decodeViewState('#map=14/50.15/19.3&unit=hex&need=addiction');
    expect(r).toEqual({ ok: true, legacy: false, warnings: [], state: { ...defaultViewState(), map: { zoom: 14, lat: 50.15, lon: 19.3 }, unit: 'hex', need: 'addiction' } });
    for (const [hash, view] of [['#ankieta', 'survey'], ['#ankieta/w2', 'survey'], ['#zasoby', 'resources'], ['#zasoby/res-1', 'resources'], ['#ankiety', 'campaigns'], ['#import', 'import'], ['#map', 'map'], ['#mapa', 'map'], ['#programy', 'programmes'], ['#programy/x', 'programmes'], ['#raport', 'report'], ['ankieta', 'survey']] as const) {
      const d = decodeViewState(hash);
      expect(d.ok && d.legacy && d.state.view).toBe(view);
    }
    expect(decodeViewState('')).toEqual({ ok: true, legacy: false, warnings: [], state: defaultViewState() });
    // A word that only starts like a screen's is not that screen.
    for (const hash of ['#ankietax', '#zasobyx']) expect(decodeViewState(hash).state.view).toBe('map');
  });

  it('names each screen once in code and once in the URL: every screen round-trips through its Polish word', () => {
    expect(new Set(Object.values(SCREEN_URL_WORDS)).size).toBe(SCREEN_IDS.length);
    for (const screen of SCREEN_IDS) {
      const hash = encodeViewState({ ...defaultViewState(), view: screen });
      expect(hash).toBe(screen === 'map' ? '' : `#v=${SCREEN_URL_WORDS[screen]}`);
      expect(decodeViewState(hash).state.view).toBe(screen);
      expect(decodeViewState(screenHash(screen)).state.view).toBe(screen);
      expect(decodeViewState(`#map=13/50.1/19.3&v=${SCREEN_URL_WORDS[screen]}`).state.view).toBe(screen);
    }
    // The code's English names are not URL words: a link says `v=programy`, never `v=programmes`.
    const english = decodeViewState('#unit=hex&v=programmes');
    expect(english.ok && english.warnings.map((w) => w.value)).toEqual(['programmes']);
    expect(english.state.view).toBe('map');
  });

  it('keeps the valid part of a partly malformed link and says what it dropped', () => {
    const r = decodeViewState('#map=14/abc/19.3&unit=moon&wave=campaign-2025-w1&layers=hotspots,lasers&zzz=1&need=addiction&need=housing');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state).toEqual({ ...defaultViewState(), campaignId: 'campaign-2025-w1', layers: ['hotspots'], need: 'addiction' });
    expect(r.warnings.map((w) => w.param)).toEqual(['map', 'unit', 'layers', 'zzz', 'need']);
  });

  it('opens the default view when nothing in the link is usable', () => {
    for (const hash of ['#map=1e400/NaN/x', '#<script>alert(1)</script>', '#%E0%A4%A', '#v=%', '#' + 'a='.repeat(3000), 42, null, '#constructor', '#v=constructor', '#sel=__proto__:x&__proto__=1']) {
      const r = decodeViewState(hash);
      expect(r.ok, String(hash)).toBe(false);
      expect(r.state).toEqual(defaultViewState());
    }
    expect(decodeViewState('#' + 'x'.repeat(MAX_HASH_LENGTH + 1)).ok).toBe(false);
  });

  it('round-trips thousands of random valid states (decode ∘ encode = identity after rounding)', () => {
    const r = prng(20260101);
    for (let i = 0; i < 5000; i++) {
      const state = randomState(r);
      expect(ViewState.safeParse(state).success).toBe(true);
      const hash = encodeViewState(state);
      const decoded = decodeViewState(hash);
      if (!decoded.ok || decoded.warnings.length) throw new Error(`case ${i}: ${hash} → ${JSON.stringify(decoded)}`);
      const expected = normalizeViewState(state);
      expect(decoded.state, `case ${i}: ${hash}`).toEqual(expected);
      // Canonical: the decoded state writes the same hash, and the rounding moved the camera by less than a pixel's worth.
      expect(encodeViewState(decoded.state)).toBe(hash);
      if (state.map && decoded.state.map) {
        const tolerance = 0.5 * 10 ** -coordinatePrecision(decoded.state.map.zoom) + 1e-12;
        expect(Math.abs(decoded.state.map.lat - Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, state.map.lat)))).toBeLessThanOrEqual(tolerance + 1e-9);
        expect(Math.abs(decoded.state.map.lon - state.map.lon)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(decoded.state.map.zoom - state.map.zoom)).toBeLessThanOrEqual(0.005 + 1e-12);
      }
    }
  });

  it('never throws on 5,000 malformed strings and always returns a valid state', () => {
    const r = prng(7);
    const valid = encodeViewState({ ...randomState(prng(3)), view: 'resources', map: { zoom: 15, lat: 50.15, lon: 19.3 }, selection: { kind: 'street', id: 'ul. Polna' } });
    const pieces = ['#', '&', '=', 'map=', '/', '%', '%2', '%E0%A4%A', '%00', 'NaN', 'Infinity', '-', '1e308', '99999999999999999999', '<script>alert(1)</script>', 'v=', 'w=', ':', ',', 'sel=', 'wave=', '\u0000', '\ud800', '😀', 'ą', '__proto__', 'constructor', 'unit=hex', 'layers=', 'hotspots', '..', '\n', ' '];
    const generators: Array<() => string> = [
      () => String.fromCharCode(...Array.from({ length: Math.floor(r() * 80) }, () => Math.floor(r() * 0x10000))),
      () => Array.from({ length: Math.floor(r() * 12) }, () => pieces[Math.floor(r() * pieces.length)]!).join(''),
      () => valid.slice(0, Math.floor(r() * valid.length)),
      () => valid.replace(/\d/g, (d) => (r() < 0.2 ? pieces[Math.floor(r() * pieces.length)]! : d)),
      () => `#map=${(r() - 0.5) * 10 ** Math.floor(r() * 40)}/${(r() - 0.5) * 1e6}/${r() < 0.5 ? 'NaN' : '-1e309'}`,
      () => valid.split('&').sort(() => r() - 0.5).join('&') + '&' + valid,
      () => '#' + encodeURIComponent(valid).slice(0, Math.floor(r() * 100)),
    ];
    const outcomes = { refused: 0, partly: 0, clean: 0 };
    for (let i = 0; i < 5000; i++) {
      const hash = generators[i % generators.length]!();
      let result;
      try {
        result = decodeViewState(hash);
      } catch (error) {
        throw new Error(`threw on ${JSON.stringify(hash)}: ${String(error)}`, { cause: error });
      }
      expect(ViewState.safeParse(result.state).success, JSON.stringify(hash)).toBe(true);
      if (!result.ok) expect(result.state).toEqual(defaultViewState());
      outcomes[!result.ok ? 'refused' : result.warnings.length > 0 ? 'partly' : 'clean'] += 1;
      // What was read can always be written again and reads back the same.
      const again = decodeViewState(encodeViewState(result.state));
      expect(again.ok && again.state).toEqual(normalizeViewState(result.state));
    }
    // The conditional checks above ran on each kind of outcome, not on none of them.
    console.log(`malformed links: ${JSON.stringify(outcomes)}`);
    expect(Math.min(outcomes.refused, outcomes.partly, outcomes.clean)).toBeGreaterThan(100);
  });
});

describe('URL view state: residents’ resources and matching (issue 14)', () => {
  it('writes and reads what the map shows, the offer and the distance', () => {
    const state: ViewState = { ...defaultViewState(), show: 'matching', need: 'children_youth_leisure', within: 1200 };
    expect(encodeViewState(state)).toBe('#need=children_youth_leisure&show=dopasowanie&within=1200');
    const back = decodeViewState('#show=zasoby&offer=senior_care');
    expect(back.ok && back.state.show).toBe('resources');
    expect(back.ok && back.state.offer).toBe('senior_care');
    expect(encodeViewState({ ...defaultViewState(), show: 'needs' })).toBe('');
    const bad = decodeViewState('#show=moon&offer=flying&within=900&unit=hex');
    expect(bad.ok && bad.warnings.map((w) => w.param)).toEqual(['show', 'offer', 'within']);
    expect(bad.ok && [bad.state.show, bad.state.offer, bad.state.within]).toEqual([null, null, null]);
  });
});

describe('URL view state: the potential index’s weights (`ow`)', () => {
  it('writes the weights after the offer, in OFFER_IDS order, in tenths, zeros left out, and reads them back', () => {
    const state: ViewState = { ...defaultViewState(), show: 'resources', offer: 'index', offerWeights: { tutoring: 0.5, senior_care: 2, repairs: 0, it_skills: 1.26 } };
    const hash = encodeViewState(state);
    // OFFER_IDS order (senior_care, tutoring, it_skills); 1.26 is written in tenths (1.3); repairs at 0 is left out.
    expect(hash).toBe('#show=zasoby&offer=index&ow=senior_care:2,tutoring:0.5,it_skills:1.3');
    const back = decodeViewState(hash);
    expect(back).toEqual({ ok: true, legacy: false, warnings: [], state: { ...state, offerWeights: { senior_care: 2, tutoring: 0.5, it_skills: 1.3 } } });
    expect(encodeViewState({ ...defaultViewState(), offerWeights: {} })).toBe('#ow=');
    expect(decodeViewState('#ow=').ok && (decodeViewState('#ow=') as { state: ViewState }).state.offerWeights).toEqual({});
  });

  it('refuses an unknown offer, a need in place of an offer, and weights outside 0–5, keeping the rest, with a reason each', () => {
    const r = decodeViewState('#show=zasoby&ow=senior_care:2,flying:1,unemployment:1,tutoring:7,sports:-1,repairs:abc,childcare:1.5');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.offerWeights).toEqual({ senior_care: 2, childcare: 1.5 });
    expect(r.warnings).toEqual([
      { param: 'ow', value: 'flying:1', reason: 'unknown offer' },
      { param: 'ow', value: 'unemployment:1', reason: 'unknown offer' },
      { param: 'ow', value: 'tutoring:7', reason: 'weight must be 0–5' },
      { param: 'ow', value: 'sports:-1', reason: 'weight must be 0–5' },
      { param: 'ow', value: 'repairs:abc', reason: 'weight must be 0–5' },
    ]);
    // An offer id in the need index's `w` is refused the same way: the two lists never mix.
    const mixed = decodeViewState('#unit=hex&w=senior_care:1,housing:2');
    expect(mixed.ok && mixed.state.weights).toEqual({ housing: 2 });
    expect(mixed.ok && mixed.warnings).toEqual([{ param: 'w', value: 'senior_care:1', reason: 'unknown need' }]);
    // Nothing usable at all: the default view, with a message naming the parameter.
    expect(decodeViewState('#ow=flying:1')).toMatchObject({ ok: false, message: 'nothing usable in the link (ow)' });
  });
});
