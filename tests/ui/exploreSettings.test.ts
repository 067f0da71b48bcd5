import { describe, expect, it } from 'vitest';
import type { CampaignInfo, ExploreLayer, NeedMapResult } from '../../src/analysis/exploreSession';
import { chooseHexSize, chooseIndex, chooseOffer, chooseSubject, exploreView, gapNeed, hotSpotsApply, initialExploreSettings, matchingQuery, needMapQuery, offerMapQuery, setMatchDistance, setOfferWeight, setUnit, setWeight, sharedOfferSelection, withCampaigns } from '../../src/ui/common/exploreSettings';
import { EQUAL_OFFER_WEIGHTS } from '../../src/analysis/needIndex';
import { settingsFromUrl, urlFromSettings } from '../../src/ui/explore/exploreUrlSync';
import { defaultViewState } from '../../src/share/viewState';
import { decodeViewState, encodeViewState } from '../../src/share/urlCodec';
import { OFFER_IDS } from '../../src/domain';
import { selectionText } from '../../src/ui/common/sharing/partnerText';
import { potentialWeightsOf } from '../../src/ui/common/plannerView';
import { topUnitsSummary, unitIndexOf, unitTooltip } from '../../src/ui/explore/exploreText';
import { classLabels, legendTitle } from '../../src/ui/common/viewText';
import { formatP } from '../../src/ui/common/format';
import { pickOrder } from '../../src/ui/common/map/MapView';

const WAVES: CampaignInfo[] = [
  { id: 'w2', name: 'fala 2', wave: 2, startDate: '2026-04-13' } as CampaignInfo,
  { id: 'w1', name: 'fala 1', wave: 1, startDate: '2025-04-07' } as CampaignInfo,
];

describe('explore settings', () => {
  it('start on the latest wave, keep a chosen wave that still exists', () => {
    const s = withCampaigns(initialExploreSettings(), WAVES);
    expect(s.campaignId).toBe('w2');
    expect(withCampaigns({ ...s, campaignId: 'w1' }, WAVES).campaignId).toBe('w1');
    expect(withCampaigns({ ...s, campaignId: 'gone' }, WAVES).campaignId).toBe('w2');
  });

  it('clamp weights to 0–5, refuse an all-zero index, and show gaps for the heaviest need', () => {
    let s = chooseIndex(withCampaigns(initialExploreSettings(), WAVES));
    s = setWeight(s, 'health', 9);
    expect(s.weights.health).toBe(5);
    expect(gapNeed(s)).toBe('health');
    expect(setWeight(s, 'health', 5)).toBe(s); // no change, same object: no worker call
    for (const id of Object.keys(s.weights)) s = setWeight(s, id as never, 0);
    expect(needMapQuery(s)).toBeNull();
  });

  it('compute hot spots over streets and hexagons only', () => {
    const s = { ...withCampaigns(initialExploreSettings(), WAVES), hotSpots: true };
    expect(hotSpotsApply(s)).toBe(true);
    expect(hotSpotsApply(setUnit(s, 'estate'))).toBe(false);
    expect(needMapQuery(setUnit(s, 'hex'))).toEqual({ unit: { kind: 'hex', hexSizeMeters: 250 }, campaignId: 'w2', selection: { kind: 'need', needId: 'loneliness_seniors' }, minResponses: 5 });
  });

  it('pick the unit shown first after resources, addresses and cluster outlines', () => {
    expect(pickOrder('hex').map((l) => l.kind)).toEqual(['resource', 'address', 'cluster', 'hex', 'street', 'street', 'estate', 'district']);
  });
});

describe('explore words', () => {
  const layer = { key: 'street', kind: 'street', unitIds: ['s1', 's2', 's3'], labels: ['ul. Polna', 'ul. Słoneczna', 'ul. Krótka'], streetIds: [['s1'], ['s2', 's9'], ['s3']] } as unknown as ExploreLayer;
  const needMap = { values: new Float64Array([0.51, 0.58, NaN]), responses: new Uint32Array([45, 61, 3]) } as unknown as NeedMapResult;

  it('say what the colour means with the need and the wave', () => {
    expect(legendTitle(withCampaigns(initialExploreSettings(), WAVES), WAVES[0], 'pl')).toBe('Odsetek gospodarstw wskazujących: Samotność i potrzeby seniorów, fala 2 (2026)');
  });

  it('label the quantile classes in percent', () => {
    expect(classLabels([0, 0.1, 0.2, 0.3, 0.4, 0.54], 'en')).toEqual(['0–10%', '10–20%', '20–30%', '30–40%', '40–54%']);
    expect(classLabels([0, 0.1], 'pl')).toEqual(['0–10\u00a0%']); // Polish: a non-breaking space before the sign
  });

  const pl = (v: number) => `${Math.round(v * 100)}\u00a0%`; // Polish: "58 %", a non-breaking space before the sign

  it('give every number its base, and hide small bases', () => {
    expect(unitTooltip(layer, needMap, 1, 'pl')).toBe(`ul. Słoneczna · ${pl(0.58)} z 61 ankiet`);
    expect(unitTooltip(layer, needMap, 2, 'pl')).toBe('ul. Krótka · za mało odpowiedzi (3)');
    expect(unitIndexOf(layer, 's9')).toBe(1); // a merged street record finds its unit
  });

  // Issue 13: each unit says on how many answers it rests, and the order follows the EB-shrunk value, so a small
  // street's 60 % from 5 answers does not lead the list.
  it('summarise the top units for screen readers, ranked by the shrunk value, with their base; suppressed left out', () => {
    expect(topUnitsSummary(layer, needMap, 'pl')).toBe(`Najwyższa potrzeba: ul. Słoneczna ${pl(0.58)} z 61 ankiet, ul. Polna ${pl(0.51)} z 45 ankiet.`);
    const small = { values: new Float64Array([0.51, 0.6, NaN]), rankingValues: new Float64Array([0.49, 0.31, NaN]), responses: new Uint32Array([45, 5, 3]) } as unknown as NeedMapResult;
    expect(topUnitsSummary(layer, small, 'pl')).toBe(`Najwyższa potrzeba: ul. Polna ${pl(0.51)} z 45 ankiet, ul. Słoneczna ${pl(0.6)} z 5 ankiet.`);
    expect(formatP('pl', 0.0004)).toBe('p < 0,001');
    expect(formatP('pl', 0.0321)).toBe('p = 0,032');
  });
});

describe('hot spots and LISA colour the units: one at a time', () => {
  it('switching one on switches the other off; LISA applies to streets and hexagons only', async () => {
    const { initialExploreSettings, lisaApply, hotSpotsApply, setToggle, setUnit, exploreView } = await import('../../src/ui/common/exploreSettings');
    let s = setUnit(initialExploreSettings(), 'hex');
    s = setToggle(s, 'hotSpots', true);
    expect(exploreView(s).colourMode).toBe('hotSpots');
    s = setToggle(s, 'lisa', true);
    expect([s.hotSpots, s.lisa, hotSpotsApply(s), lisaApply(s), exploreView(s).colourMode]).toEqual([false, true, false, true, 'lisa']);
    s = setToggle(s, 'hotSpots', true);
    expect([s.hotSpots, s.lisa, exploreView(s).colourMode]).toEqual([true, false, 'hotSpots']);
    const estate = setUnit(setToggle(setToggle(s, 'hotSpots', false), 'lisa', true), 'estate');
    expect([lisaApply(estate), exploreView(estate).colourMode]).toEqual([false, 'need']);
    // Switching one off leaves the other as it was.
    expect(setToggle(setToggle(s, 'hotSpots', false), 'lisa', false).hotSpots).toBe(false);
  });
});

describe('hexagon size (scale advice) in the settings and the link', () => {
  it('one click makes hexagons of the advised size the unit, queries use it, and the link keeps it', () => {
    const start = { ...initialExploreSettings(), campaignId: 'w1' };
    const chosen = chooseHexSize(start, 500);
    expect([chosen.unit, chosen.hexSizeMeters]).toEqual(['hex', 500]);
    expect(chooseHexSize(chosen, 500)).toBe(chosen);
    expect(needMapQuery(chosen)?.unit).toEqual({ kind: 'hex', hexSizeMeters: 500 });
    const url = urlFromSettings(defaultViewState(), chosen);
    expect([url.unit, url.hex]).toEqual(['hex', 500]);
    expect(urlFromSettings(defaultViewState(), start).hex).toBeNull(); // the default 250 m is left out
    expect(settingsFromUrl(start, url)).toMatchObject({ unit: 'hex', hexSizeMeters: 500 });
  });
});

describe('explore settings: residents’ resources and matching (issue 14)', () => {
  it('ask the worker for the map of the mode shown, and nothing else colours the units', () => {
    const s = withCampaigns(initialExploreSettings(), WAVES);
    expect(offerMapQuery(s)).toBeNull();
    expect(matchingQuery(s)).toBeNull();
    const resources = chooseOffer(chooseSubject(s, 'resources'), 'senior_care');
    expect(needMapQuery(resources)).toBeNull(); // the need map is not computed while offers colour the map
    expect(offerMapQuery(resources)).toEqual({ unit: { kind: 'street' }, campaignId: 'w2', selection: { kind: 'offer', offerId: 'senior_care' }, minResponses: 5 });
    expect(offerMapQuery(chooseOffer(resources, 'index'))?.selection).toEqual({ kind: 'index', weights: EQUAL_OFFER_WEIGHTS });
    expect(hotSpotsApply({ ...resources, hotSpots: true })).toBe(false);
    expect(exploreView(resources).gaps).toBe(false);
  });

  it('the matching view shows one need: the index’s heaviest need when coming from the index', () => {
    let s = chooseIndex(withCampaigns(initialExploreSettings(), WAVES));
    s = setWeight(s, 'children_youth_leisure', 5);
    const m = setMatchDistance(chooseSubject(s, 'matching'), 1200);
    expect(m.mode).toBe('need');
    expect(m.needId).toBe('children_youth_leisure');
    expect(matchingQuery(m)).toEqual({ unit: { kind: 'street' }, campaignId: 'w2', needId: 'children_youth_leisure', thresholdMeters: 1200, minResponses: 5 });
    expect(needMapQuery(m)?.selection).toEqual({ kind: 'need', needId: 'children_youth_leisure' });
    expect(exploreView(m)).toMatchObject({ gaps: true, help: true, colourMode: 'need' });
    expect(legendTitle(m, WAVES[0], 'pl')).toContain('Czas wolny dzieci i młodzieży');
  });

  it('go to the link and back: show, offer and distance, defaults left out', () => {
    const s = withCampaigns(initialExploreSettings(), WAVES);
    const resources = chooseOffer(chooseSubject(s, 'resources'), 'tutoring');
    const url = urlFromSettings(defaultViewState(), resources);
    expect([url.show, url.offer, url.within]).toEqual(['resources', 'tutoring', null]);
    expect(settingsFromUrl(s, url, WAVES)).toMatchObject({ subject: 'resources', offer: 'tutoring' });
    const matching = setMatchDistance(chooseSubject(s, 'matching'), 400);
    const back = settingsFromUrl(s, urlFromSettings(defaultViewState(), matching), WAVES);
    expect([back.subject, back.matchMeters, back.mode]).toEqual(['matching', 400, 'need']);
    expect(urlFromSettings(defaultViewState(), s)).toMatchObject({ show: null, offer: null, within: null });
    expect(legendTitle(resources, WAVES[0], 'pl')).toBe('Odsetek gospodarstw oferujących: Korepetycje, fala 2 (2026)');
  });
});

describe('the potential index’s weights (issue 14)', () => {
  const resources = chooseSubject(withCampaigns(initialExploreSettings(), WAVES), 'resources');

  it('start with every offer at 1; a slider is clamped to 0–5 in tenths; the worker gets the offers above 0', () => {
    expect(OFFER_IDS.every((id) => resources.offerWeights[id] === 1)).toBe(true);
    let s = setOfferWeight(resources, 'senior_care', 7);
    expect(s.offerWeights.senior_care).toBe(5);
    expect(setOfferWeight(s, 'senior_care', 5)).toBe(s); // no change, same object: no worker call
    s = setOfferWeight(setOfferWeight(s, 'tutoring', 0), 'sports', 0.26);
    const weights = Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) as Record<string, number>;
    weights.senior_care = 5;
    delete weights.tutoring;
    weights.sports = 0.3;
    expect(offerMapQuery(s)?.selection).toEqual({ kind: 'index', weights });
    // Shared (partner package, share link): the chosen offers, each weighing 1 — never the unequal weights.
    expect(sharedOfferSelection(s)).toEqual({ kind: 'index', weights: Object.fromEntries(Object.keys(weights).map((id) => [id, 1])) });
    expect(sharedOfferSelection(chooseOffer(s, 'repairs'))).toEqual({ kind: 'offer', offerId: 'repairs' });
    // One offer shown: the weights are kept for later but do not reach the query.
    expect(offerMapQuery(chooseOffer(s, 'repairs'))?.selection).toEqual({ kind: 'offer', offerId: 'repairs' });
    // Every offer at 0: no query (the engine would refuse it), as with the need index.
    for (const id of OFFER_IDS) s = setOfferWeight(s, id, 0);
    expect(offerMapQuery(s)).toBeNull();
  });

  it('go to the link as `ow` only when not the default, and come back from it in a fresh page', () => {
    const s = setOfferWeight(setOfferWeight(resources, 'senior_care', 3), 'childcare', 0);
    const url = urlFromSettings(defaultViewState(), s);
    const hash = encodeViewState(url);
    expect(hash).toBe('#wave=w2&show=zasoby&ow=volunteering_time:1,repairs:1,senior_care:3,cooking:1,tutoring:1,it_skills:1,arts_crafts:1,sports:1,transport:1,organising_events:1,garden_greenery:1');
    const decoded = decodeViewState(hash);
    const fresh = settingsFromUrl(initialExploreSettings(), decoded.state, WAVES);
    expect(fresh.offerWeights).toEqual(s.offerWeights);
    expect(offerMapQuery(fresh)).toEqual(offerMapQuery(s));
    // The default (every offer 1), one offer shown, or another subject: no `ow`.
    expect(urlFromSettings(defaultViewState(), resources).offerWeights).toBeNull();
    expect(urlFromSettings(defaultViewState(), chooseOffer(s, 'repairs')).offerWeights).toBeNull();
    expect(urlFromSettings(defaultViewState(), chooseSubject(s, 'needs')).offerWeights).toBeNull();
    // A link without `ow` means every offer 1, whatever the sliders were.
    expect(settingsFromUrl(s, { ...decoded.state, offerWeights: null }, WAVES).offerWeights).toEqual(resources.offerWeights);
  });

  it('say which weights are in use: in the legend, the partner package and the report', () => {
    expect(legendTitle(resources, WAVES[0], 'pl')).toBe('Wskaźnik potencjału mieszkańców (średni odsetek gospodarstw oferujących pomoc, wszystkie zasoby po równo), fala 2 (2026)');
    let s = resources;
    for (const id of OFFER_IDS) s = setOfferWeight(s, id, 0);
    s = setOfferWeight(setOfferWeight(s, 'senior_care', 2), 'tutoring', 0.5);
    expect(legendTitle(s, WAVES[0], 'pl')).toBe('Wskaźnik potencjału mieszkańców (ważony odsetek gospodarstw oferujących pomoc; wagi: pomoc seniorom ×2, korepetycje ×0,5), fala 2 (2026)');
    expect(legendTitle(s, WAVES[0], 'en')).toContain('weights: help for seniors ×2, tutoring ×0.5');
    // Every offer at 2 weighs them equally: said as equal.
    let two = resources;
    for (const id of OFFER_IDS) two = setOfferWeight(two, id, 2);
    expect(legendTitle(two, WAVES[0], 'pl')).toContain('wszystkie zasoby po równo');
    // The partner view words a package's index (main's words: shares of the total weight, or "all equally").
    const view = { campaignName: null, wave: 2, unit: 'estate' as const, minSeverity: 1 as const, selection: { kind: 'offerIndex' as const, weights: { senior_care: 1, tutoring: 1 } } };
    expect(selectionText(view, 'pl')).toBe('Wskaźnik potencjału mieszkańców: średni odsetek gospodarstw oferujących pomoc (wagi: pomoc seniorom 50\u00a0%, korepetycje 50\u00a0%)');
    expect(selectionText({ ...view, selection: { kind: 'offerIndex', weights: Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) } }, 'pl')).toContain('wszystkie po równo');
    // The report: the link's weights above 0, else every offer 1.
    expect(potentialWeightsOf({ senior_care: 2, tutoring: 0 })).toEqual({ senior_care: 2 });
    expect(potentialWeightsOf(null)).toEqual(Object.fromEntries(OFFER_IDS.map((id) => [id, 1])));
    expect(potentialWeightsOf({})).toEqual(Object.fromEntries(OFFER_IDS.map((id) => [id, 1])));
  });
});
