import { describe, expect, it } from 'vitest';
import { geometryAreaSquareMeters } from '../../src/analysis/revitalisationLimits';
import type { Address, Area, PolygonGeometry } from '../../src/domain';
import { changeInWords, draftToProgramme, emptyDraft, programmeIdFor, programmeSlug, townTotals, type ProgrammeDraft } from '../../src/ui/programmes/programmeDraft';
import { rankingQueryFor } from '../../src/ui/programmes/programmeRanking';
import { usableWeights, weightsFor } from '../../src/ui/common/plannerView';

const square = (x0: number, y0: number, side: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]],
});
const target = Object.freeze({ geometry: square(19.3, 50.15, 0.01), targetAreaId: 'estate-gornicze' });
const good: ProgrammeDraft = Object.freeze({ name: '  Razem na osiedlu ', yearFrom: '2026', yearTo: '2028', goals: 'Klub seniora\n\n  Wolontariat młodzieży  \n', partnerIds: Object.freeze(['res-mops']) });

describe('draftToProgramme (validated by the Programme schema)', () => {
  it('builds the record: trimmed name, years as numbers, one goal per non-empty line', () => {
    const outcome = draftToProgramme(good, target, 'pal-razem-na-osiedlu');
    expect(outcome).toEqual({
      ok: true,
      programme: { id: 'pal-razem-na-osiedlu', name: 'Razem na osiedlu', yearFrom: 2026, yearTo: 2028, targetAreaId: 'estate-gornicze', targetGeometry: target.geometry, goals: ['Klub seniora', 'Wolontariat młodzieży'], partnerIds: ['res-mops'] },
    });
  });

  it('names each refused field with its message key: no name, end before start, no goals, no target', () => {
    const bad = draftToProgramme({ ...good, name: ' ', yearFrom: '2028', yearTo: '2026', goals: '\n' }, null, 'pal-x');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.name).toBe('progErrName');
    expect(bad.errors.goals).toBe('progErrGoals');
    expect(bad.errors.target).toBe('progErrTarget');
    // the year order is checked by a refine that runs only once the object's fields parse: checked on its own below
    const order = draftToProgramme({ ...good, yearFrom: '2028', yearTo: '2026' }, target, 'pal-x');
    expect(order.ok ? null : order.errors).toEqual({ yearTo: 'progErrYearTo' });
    const notAYear = draftToProgramme({ ...good, yearFrom: 'dwa tysiące' }, target, 'pal-x');
    expect(notAYear.ok ? null : notAYear.errors).toEqual({ yearFrom: 'progErrYear' });
  });

  it('a drawn boundary (no area id) is saved without targetAreaId', () => {
    const outcome = draftToProgramme(good, { geometry: square(0, 0, 1) }, 'pal-a');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.programme.targetGeometry).toEqual(square(0, 0, 1));
    expect('targetAreaId' in outcome.programme).toBe(false);
  });

  it('emptyDraft runs three years from the given one', () => {
    expect(emptyDraft(2026)).toEqual({ name: '', yearFrom: '2026', yearTo: '2028', goals: '', partnerIds: [] });
  });
});

describe('programme ids', () => {
  it('slugs Polish names to ASCII', () => {
    expect(programmeSlug('Kolejowe – nasze wspólne podwórko')).toBe('kolejowe-nasze-wspolne-podworko');
    expect(programmeSlug('Łąka, żółć i źdźbło')).toBe('laka-zolc-i-zdzblo');
    expect(programmeSlug('!!!')).toBe('program');
  });
  it('never reuses a taken id: -2, -3…', () => {
    expect(programmeIdFor('Razem', new Set())).toBe('pal-razem');
    expect(programmeIdFor('Razem', new Set(['pal-razem', 'pal-razem-2']))).toBe('pal-razem-3');
  });
});

describe('townTotals', () => {
  it('measures the town by its districts and lists every address with its households', () => {
    const areas = [
      { id: 'd1', kind: 'district', name: 'A', geometry: square(0, 0, 0.01) },
      { id: 'd2', kind: 'district', name: 'B', geometry: square(0.01, 0, 0.01) },
      { id: 'e1', kind: 'estate', name: 'E', geometry: square(0, 0, 0.005) },
    ] as unknown as Area[];
    const addresses = [
      { id: 'a1', streetId: 's', houseNumber: '1', households: 8, location: { type: 'Point', coordinates: [0.001, 0.002] } },
      { id: 'a2', streetId: 's', houseNumber: '2', households: 3, location: { type: 'Point', coordinates: [0.015, 0.002] } },
    ] as unknown as Address[];
    const totals = townTotals({ areas, addresses });
    expect(totals.areaBasis).toBe('districts');
    // two equal squares side by side: twice one square; the estate inside is not added again
    expect(totals.townAreaSquareMeters / geometryAreaSquareMeters(square(0, 0, 0.01))).toBeCloseTo(2, 6);
    expect(Array.from(totals.points.households)).toEqual([8, 3]);
    expect(Array.from(totals.points.lngs)).toEqual([0.001, 0.015]);
  });
});

describe('ranking query', () => {
  it('equal weights for the index, a single weight for one need, the map weights when asked (zeros dropped)', () => {
    expect(Object.values(weightsFor('index'))).toEqual(Array(12).fill(1));
    expect(weightsFor('housing')).toEqual({ housing: 1 });
    const map = usableWeights({ housing: 2, unemployment: 0 });
    expect(map).toEqual({ housing: 2 });
    expect(weightsFor('mapWeights', map)).toEqual({ housing: 2 });
    expect(usableWeights({ housing: 0 })).toBeNull();
    expect(rankingQueryFor('w2', 'housing', 'district')).toEqual({ campaignId: 'w2', weights: { housing: 1 }, candidates: ['district'], minResponses: 5, limit: 50 });
  });
});

describe('changeInWords', () => {
  it('rounds the change to a tenth of a point and says its direction (significance is the engine\'s)', () => {
    // 0.18 → 0.12: −6.0 points
    expect(changeInWords(0.12 - 0.18)).toEqual({ direction: 'down', points: 6 });
    expect(changeInWords(0.0123)).toEqual({ direction: 'up', points: 1.2 });
    expect(changeInWords(0.0004)).toEqual({ direction: 'same', points: 0 });
  });
});
