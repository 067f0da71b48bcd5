import { describe, expect, it } from 'vitest';
import type { NeedMapResult } from '../../src/analysis/exploreSession';
import { initialExploreSettings, type ExploreSettings } from '../../src/ui/common/exploreSettings';
import type { ExploreState } from '../../src/ui/explore/exploreController';
import { legendModel } from '../../src/ui/explore/export/mapLegend';
import { deepFreeze } from '../analysis/seededRandom';

const campaigns = [{ id: 'w1', name: 'Wiosna 2025', wave: 1, startDate: '2025-04-01' }, { id: 'w2', name: 'Wiosna 2026', wave: 2, startDate: '2026-04-07' }];
/** A need map's classes: by default each class spans its edges (classMin/classMax = the breaks either side). */
const classes = (breaks: number[], ranges?: { classMin: number[]; classMax: number[] }): Pick<NeedMapResult, 'breaks' | 'classMin' | 'classMax'> => ({ breaks, classMin: ranges?.classMin ?? breaks.slice(0, -1), classMax: ranges?.classMax ?? breaks.slice(1) });
const results = (needMap: Pick<NeedMapResult, 'breaks'> | null, more: Partial<ExploreState['results']> = {}): ExploreState['results'] =>
  ({ layer: null, needMap: needMap && 'classMin' in needMap ? needMap : needMap ? classes(needMap.breaks) : null, offerMap: null, matching: null, hotSpots: null, lisa: null, clusters: null, coverage: null, scaleAdvice: null, error: null, needMapRequestedAt: 0, ...more }) as ExploreState['results'];
const state = (settings: Partial<ExploreSettings>, needMap: Pick<NeedMapResult, 'breaks'> | null = null, more: Partial<ExploreState['results']> = {}): ExploreState =>
  deepFreeze({ settings: { ...initialExploreSettings(), campaignId: 'w2', ...settings }, campaigns, results: results(needMap, more), ready: true });

// The explore palette: YlOrRd for need classes (light = low), ArcGIS Gi_Bin colours for hot and cold spots.
const YL_OR_RD = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const SUPPRESSED_EN = { colour: '#cfcfcf', label: 'grey, hatched: too few answers (<5)', hatched: true };

describe('the PNG legend (legendModel) lists what the on-screen legend does', () => {
  it('is empty before a wave is chosen', () => {
    expect(legendModel(state({ campaignId: null }), 'en')).toBeNull();
  });

  it('one need: the need and wave as title, classes highest first in YlOrRd, then the hatched "too few answers"', () => {
    // Breaks 0, 10, 20, 30, 40, 50 % → five classes "0–10%" … "40–50%"; the darkest colour is the highest class.
    const legend = legendModel(state({ mode: 'need', needId: 'loneliness_seniors' }, { breaks: [0, 0.1, 0.2, 0.3, 0.4, 0.5] }), 'en');
    expect(legend).toEqual({
      title: "Share of households reporting: Loneliness and seniors' needs, wave 2 (2026)",
      rows: [
        { colour: YL_OR_RD[4], label: '40–50%' },
        { colour: YL_OR_RD[3], label: '30–40%' },
        { colour: YL_OR_RD[2], label: '20–30%' },
        { colour: YL_OR_RD[1], label: '10–20%' },
        { colour: YL_OR_RD[0], label: '0–10%' },
        SUPPRESSED_EN,
      ],
    });
  });

  it('prints each class\'s own range, as the on-screen legend does (not the quantile edges between classes)', () => {
    // The demo's wave 2 unemployment over estates: edges 10 % and 8.5 % fall between units; the units' values
    // run 11–14 % and 8.8–9.8 %, and the screen says so — the image must too.
    const map = classes([0.036, 0.045, 0.06, 0.085, 0.1, 0.14], { classMin: [0.036, 0.05, 0.06, 0.088, 0.11], classMax: [0.045, 0.057, 0.08, 0.098, 0.14] });
    const legend = legendModel(state({ mode: 'need', needId: 'unemployment' }, map), 'pl')!;
    expect(legend.rows.slice(0, 2).map((r) => r.label)).toEqual(['11–14\u00a0%', '8,8–9,8\u00a0%']);
  });

  it('in Polish, with three classes: percent signs after a no-break space, the k of suppression in the label', () => {
    const legend = legendModel(state({ mode: 'need', needId: 'health', campaignId: 'w1' }, { breaks: [0.05, 0.1, 0.25, 0.4] }), 'pl')!;
    expect(legend.title).toBe('Odsetek gospodarstw wskazujących: Zdrowie, fala 1 (2025)');
    expect(legend.rows).toEqual([
      { colour: YL_OR_RD[2], label: '25–40\u00a0%' },
      { colour: YL_OR_RD[1], label: '10–25\u00a0%' },
      { colour: YL_OR_RD[0], label: '5–10\u00a0%' },
      { colour: '#cfcfcf', label: 'szaro, kreskowane: za mało odpowiedzi (<5)', hatched: true },
    ]);
  });

  it('hot spots over streets: the seven Gi_Bin classes from hot 99 % to cold 99 %, titled with the subject in lower case', () => {
    const legend = legendModel(state({ hotSpots: true, unit: 'street', mode: 'need', needId: 'health' }, { breaks: [0, 0.5, 1] }), 'en');
    expect(legend).toEqual({
      title: 'Hot and cold spots (Gi*, FDR-corrected): share of households reporting: Health, wave 2 (2026)',
      rows: [
        { colour: '#d62f27', label: 'hot spot, 99 % confidence' },
        { colour: '#ed7551', label: 'hot spot, 95 % confidence' },
        { colour: '#fab984', label: 'hot spot, 90 % confidence' },
        { colour: '#f7f7f2', label: 'not significant' },
        { colour: '#c0ccbe', label: 'cold spot, 90 % confidence' },
        { colour: '#849eba', label: 'cold spot, 95 % confidence' },
        { colour: '#4575b5', label: 'cold spot, 99 % confidence' },
        SUPPRESSED_EN,
      ],
    });
  });

  it('hot spots switched on over estates do not apply (Gi* needs streets or hexagons): the need classes stay', () => {
    const legend = legendModel(state({ hotSpots: true, unit: 'estate', mode: 'need', needId: 'health' }, { breaks: [0, 0.5, 1] }), 'en')!;
    expect(legend.title).toBe('Share of households reporting: Health, wave 2 (2026)');
    expect(legend.rows.map((r) => r.label)).toEqual(['50–100%', '0–50%', SUPPRESSED_EN.label]);
  });

  it('residents\' resources: the classes of the offer map (not the need map behind it), in ColorBrewer Greens', () => {
    const offerMap = classes([0, 0.02, 0.05, 0.1]) as ExploreState['results']['offerMap'];
    const legend = legendModel(state({ subject: 'resources', offer: 'senior_care' }, { breaks: [0, 0.5, 1] }, { offerMap }), 'en')!;
    expect(legend.rows).toEqual([
      { colour: '#74c476', label: '5–10%' },
      { colour: '#bae4b3', label: '2–5%' },
      { colour: '#edf8e9', label: '0–2%' },
      SUPPRESSED_EN,
    ]);
  });

  it("LISA over streets: GeoDa's classes with the count of units in each, as on screen", () => {
    const lisa = { counts: { highHigh: 4, lowLow: 2, lowHigh: 1, highLow: 0 } } as unknown as ExploreState['results']['lisa'];
    const legend = legendModel(state({ lisa: true, unit: 'street', mode: 'need', needId: 'health' }, { breaks: [0, 0.5, 1] }, { lisa }), 'en')!;
    expect(legend.title).toBe("Clusters and outliers (local Moran's I, FDR-corrected): share of households reporting: Health, wave 2 (2026)");
    expect(legend.rows.map((r) => [r.colour, r.label])).toEqual([
      ['#d62f27', 'high among high (a cluster of need) (4)'],
      ['#4575b5', expect.stringMatching(/\(2\)$/)],
      ['#f4a582', expect.stringMatching(/\(0\)$/)],
      ['#a6bddb', expect.stringMatching(/\(1\)$/)],
      ['#eeeeea', 'not significant'],
      ['#cfcfcf', SUPPRESSED_EN.label],
    ]);
  });

  it('the need index: the weighted needs in the title; before the need map arrives, only the suppressed row', () => {
    const weights = Object.fromEntries(Object.keys(initialExploreSettings().weights).map((id) => [id, 0]));
    const legend = legendModel(state({ mode: 'index', weights: { ...weights, housing: 2, health: 0.5 } as ExploreSettings['weights'] }), 'en');
    expect(legend).toEqual({ title: 'Need index (weighted mean of household shares: housing ×2, health ×0.5), wave 2 (2026)', rows: [SUPPRESSED_EN] });
  });
});
