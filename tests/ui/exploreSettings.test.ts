import { describe, expect, it } from 'vitest';
import type { CampaignInfo, ExploreLayer, NeedMapResult } from '../../src/analysis/exploreSession';
import { chooseHexSize, chooseIndex, chooseOffer, chooseSubject, exploreView, gapNeed, hotSpotsApply, initialExploreSettings, matchingQuery, needMapQuery, offerMapQuery, setMatchDistance, setUnit, setWeight, withCampaigns } from '../../src/ui/common/exploreSettings';
import { EQUAL_OFFER_WEIGHTS } from '../../src/analysis/needIndex';
import { settingsFromUrl, urlFromSettings } from '../../src/ui/explore/exploreUrlSync';
import { defaultViewState } from '../../src/share/viewState';
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
