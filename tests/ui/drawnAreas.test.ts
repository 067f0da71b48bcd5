import { describe, expect, it } from 'vitest';
import type { Area, SurveyCampaign, Workspace } from '../../src/domain';
import { deleteArea, saveAreaDraft } from '../../src/ui/importWizard/drawnAreas';
import { deepFreeze } from '../analysis/seededRandom';

const square = (lng: number, lat: number, size: number): Area['geometry'] => ({ type: 'Polygon', coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]] });
const district: Area = { id: 'area-dzielnica-centrum', name: 'Centrum', kind: 'district', geometry: square(20.6, 49.6, 0.1) };
const estate: Area = { id: 'area-osiedle-lakowe', name: 'Łąkowe', kind: 'estate', parentId: district.id, geometry: square(20.62, 49.62, 0.01) };
const wave = { id: 'w1', name: 'Diagnoza 2027', areaIds: [estate.id] } as SurveyCampaign;
const town = deepFreeze({ areas: [district, estate], campaigns: [wave] }) as Pick<Workspace, 'areas' | 'campaigns'>;

describe('saveAreaDraft', () => {
  it('gives a new area an id from its kind and name, one upsert to save and one delete to undo', () => {
    const saved = saveAreaDraft({ name: '  Zielone Wzgórze ', kind: 'estate', geometry: square(20.64, 49.62, 0.01) }, town);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(saved.area).toMatchObject({ id: 'area-osiedle-zielone-wzgorze', name: 'Zielone Wzgórze', kind: 'estate' });
    expect(saved.changes).toEqual({ upserts: { areas: [saved.area] } });
    expect(saved.undo).toEqual({ deletes: { areas: ['area-osiedle-zielone-wzgorze'] } });
  });

  it('names the field of every problem: empty or taken name (folded), no boundary, a broken ring', () => {
    expect(saveAreaDraft({ name: ' ', kind: 'estate', geometry: square(20.64, 49.62, 0.01) }, town)).toEqual({ ok: false, errors: { name: 'name_empty' } });
    expect(saveAreaDraft({ name: 'lakowe', kind: 'estate', geometry: square(20.64, 49.62, 0.01) }, town)).toEqual({ ok: false, errors: { name: 'name_taken' } });
    // The same name as another kind is fine: a care region may be called like an estate.
    expect(saveAreaDraft({ name: 'Łąkowe', kind: 'care_region', geometry: square(20.64, 49.62, 0.01) }, town).ok).toBe(true);
    expect(saveAreaDraft({ name: 'Nowe', kind: 'estate' }, town)).toEqual({ ok: false, errors: { geometry: 'geometry_invalid' } });
    const open = { type: 'Polygon', coordinates: [[[20.64, 49.62], [20.65, 49.62], [20.65, 49.63]]] } as Area['geometry'];
    expect(saveAreaDraft({ name: 'Nowe', kind: 'estate', geometry: open }, town)).toMatchObject({ ok: false, errors: { geometry: 'geometry_invalid' } });
  });

  it('an edit keeps the id, the boundary and the parent; its undo restores the old name and kind', () => {
    const saved = saveAreaDraft({ id: estate.id, name: 'Łąkowe Południe', kind: 'care_region' }, town);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(saved.area).toEqual({ ...estate, name: 'Łąkowe Południe', kind: 'care_region' });
    expect(saved.undo).toEqual({ upserts: { areas: [estate] } });
  });
});

describe('deleteArea', () => {
  it('refuses while a wave covers the area, naming the wave', () => {
    expect(deleteArea(estate.id, town)).toEqual({ ok: false, waves: ['Diagnoza 2027'] });
  });

  it('deletes a district and takes it off its estates in one change; the undo brings both back', () => {
    const deletion = deleteArea(district.id, town);
    if (!deletion.ok) throw new Error('refused');
    const { parentId: _parent, ...orphan } = estate;
    expect(deletion.changes).toEqual({ deletes: { areas: [district.id] }, upserts: { areas: [orphan] } });
    expect(deletion.undo).toEqual({ upserts: { areas: [district, estate] } });
  });
});
