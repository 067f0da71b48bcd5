import { describe, expect, it } from 'vitest';
import type { SelectionGeometry } from '../../src/analysis/revitalisationLimits';
import type { Area, Programme } from '../../src/domain';
import { effectiveWave, initialProgrammesState, partnersInView, programmesReducer, programmesShown, targetOf, type ProgrammesAction, type ProgrammesState } from '../../src/ui/programmes/programmesState';

const square = (x: number, y: number, d = 0.01): SelectionGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const run = (state: ProgrammesState, ...actions: ProgrammesAction[]) => actions.reduce(programmesReducer, state);
const programme = (id: string, name = id): Programme => ({ id, name, yearFrom: 2026, yearTo: 2028, goals: 'g', partnerIds: [], targetGeometry: square(0, 0) }) as unknown as Programme;

describe('"Programy" state', () => {
  const start = initialProgrammesState({ campaignId: 'w2', need: 'loneliness_seniors' }, null, 2026);

  it('opens on the link\'s wave and need; the map\'s weights win when they are usable', () => {
    expect(start).toMatchObject({ campaignId: 'w2', need: 'loneliness_seniors', kind: 'estate', selectedIds: [], draft: { yearFrom: '2026', yearTo: '2028' } });
    expect(initialProgrammesState({ campaignId: null, need: 'loneliness_seniors' }, { health: 2 }, 2026).need).toBe('mapWeights');
    expect(initialProgrammesState({ campaignId: null, need: null }, null, 2026).need).toBe('index');
  });

  it('picks and unpicks candidates; another kind of candidate clears the selection, the same kind keeps it', () => {
    const picked = run(start, { type: 'toggleCandidate', id: 'a' }, { type: 'toggleCandidate', id: 'b' }, { type: 'toggleCandidate', id: 'a' });
    expect(picked.selectedIds).toEqual(['b']);
    expect(run(picked, { type: 'chooseKind', kind: 'estate' }).selectedIds).toEqual(['b']);
    expect(run(picked, { type: 'chooseKind', kind: 'district' })).toMatchObject({ kind: 'district', selectedIds: [] });
  });

  it('clearing a drawn boundary forgets it and tells the map (a new tick)', () => {
    const drawn = run(start, { type: 'startDrawing' }, { type: 'drawn', geometry: square(0, 0) }, { type: 'stopDrawing' });
    expect(drawn).toMatchObject({ drawing: false, clearTick: 0 });
    expect(drawn.drawn).not.toBeNull();
    expect(run(drawn, { type: 'clearDrawn' })).toMatchObject({ drawn: null, clearTick: 1 });
  });

  it('a failed check keeps the draft and shows errors; a save clears the form, focuses the programme and lists it once', () => {
    const typed = run(start, { type: 'editDraft', draft: { name: 'Kolejowe' } }, { type: 'invalid', errors: { target: 'progErrTarget' as never } });
    expect(typed).toMatchObject({ draft: { name: 'Kolejowe' }, status: { kind: 'idle' }, errors: { target: 'progErrTarget' } });
    const saving = run(typed, { type: 'saving' });
    expect(saving).toMatchObject({ errors: {}, status: { kind: 'saving' } });
    const p = programme('pal-kolejowe', 'Kolejowe');
    const saved = run(saving, { type: 'saved', programme: p, year: 2027 }, { type: 'saved', programme: p, year: 2027 });
    expect(saved.saved).toEqual([p]);
    expect(saved).toMatchObject({ focusedId: 'pal-kolejowe', status: { kind: 'saved', name: 'Kolejowe' }, draft: { name: '', yearFrom: '2027' } });
    expect(run(saved, { type: 'toggleFocus', id: 'pal-kolejowe' }).focusedId).toBeNull();
    expect(run(saving, { type: 'saveFailed', reason: 'offline' }).status).toEqual({ kind: 'failed', reason: 'offline' });
  });

  it('never mutates the state it is given', () => {
    const frozen = Object.freeze({ ...start, selectedIds: Object.freeze(['a']) as readonly string[] });
    expect(() => run(frozen, { type: 'toggleCandidate', id: 'b' }, { type: 'editDraft', draft: { goals: 'x' } })).not.toThrow();
    expect(frozen.selectedIds).toEqual(['a']);
  });

  it('follows the wave asked for while it exists, else the latest', () => {
    const waves = [{ id: 'w1' }, { id: 'w2' }];
    expect(effectiveWave('w1', waves)).toBe('w1');
    expect(effectiveWave('gone', waves)).toBe('w2');
    expect(effectiveWave(null, [])).toBeNull();
  });

  it('the target is the union of the picked shapes and the drawn boundary; one picked area keeps its id', () => {
    const area = { id: 'a', geometry: square(0, 0) } as unknown as Area;
    const areas = new Map([['a', area]]);
    const shapes = [{ id: 'a', geometry: square(0, 0) }, { id: 'b', geometry: square(1, 1) }];
    expect(targetOf(shapes, [], null, areas)).toBeNull();
    expect(targetOf(shapes, ['a'], null, areas)).toEqual({ geometry: square(0, 0), targetAreaId: 'a' });
    const two = targetOf(shapes, ['a', 'b'], null, areas);
    expect(two?.targetAreaId).toBeUndefined();
    expect(two?.geometry.type).toBe('MultiPolygon');
    expect(targetOf(shapes, ['a'], square(5, 5), areas)?.targetAreaId).toBeUndefined();
  });

  it('lists the workspace\'s programmes with this session\'s saves over them', () => {
    const old = programme('p1', 'Stary');
    const renamed = programme('p1', 'Nowy');
    expect(programmesShown([old, programme('p2')], [renamed]).map((p) => p.name)).toEqual(['Nowy', 'p2']);
  });
});

describe('partners on the programme map', () => {
  const resource = (id: string, lng: number) => ({ id, name: `Instytucja ${id}`, kind: 'ngo' as const, location: { type: 'Point' as const, coordinates: [lng, 50.1] as [number, number] }, serves: [], coalitions: [] });
  const resources = [resource('r-1', 19.1), resource('r-2', 19.2), resource('r-3', 19.3)];
  const withPartners = { ...programme('p1'), partnerIds: ['r-3', 'r-1', 'gone'] };

  it('are the chosen programme\'s, else the ones ticked in the form, each at its institution', () => {
    expect(partnersInView([withPartners], 'p1', ['r-2'], resources)).toEqual([
      { id: 'r-1', name: 'Instytucja r-1', position: [19.1, 50.1] },
      { id: 'r-3', name: 'Instytucja r-3', position: [19.3, 50.1] },
    ]);
    expect(partnersInView([withPartners], null, ['r-2'], resources).map((p) => p.id)).toEqual(['r-2']);
    expect(partnersInView([withPartners], null, [], resources)).toEqual([]);
  });
});
