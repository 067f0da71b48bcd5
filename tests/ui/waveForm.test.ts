import { describe, expect, it } from 'vitest';
import { emptyWorkspace, type Workspace } from '../../src/domain';
import { buildWave, draftFromCampaign, householdsInAreas, newWaveDraft, wholeTownArea } from '../../src/ui/surveys/waveForm';
import { collections, deepFrozen, organisation } from '../data/embedded/fixtures';

/** Testowo: districts North (addr-3, 1 household on street-2) and South (addr-1 4 + addr-2 12 on street-1); one wave. */
const town: Workspace = deepFrozen({ v: 1, organisation, ...collections });
const ids = { campaignId: 'campaign-new', areaId: 'area-town-new', areaName: 'Testowo — obszar danych' };

describe('the survey-wave form', () => {
  it('suggests the next wave number, six weeks from today, door to door, every area (no estates here), and their households', () => {
    const draft = newWaveDraft(town, '2026-12-04');
    expect(draft).toMatchObject({ id: undefined, wave: String(Math.max(...collections.campaigns.map((c) => c.wave)) + 1), startDate: '2026-12-04', endDate: '2027-01-15', method: 'door_to_door', wholeTown: false });
    expect(draft.areaIds.sort()).toEqual(['area-north', 'area-south']);
    // 4 + 12 + 1 households at the three addresses, each counted once.
    expect(draft.householdsTargeted).toBe('17');
    expect(householdsInAreas(town, ['area-south'])).toBe(16);
    expect(householdsInAreas(town, ['area-north', 'area-south', 'area-north'])).toBe(17);
    expect(householdsInAreas(town, [])).toBe(0);
  });

  it('names every wrong field at once and saves nothing', () => {
    const draft = { ...newWaveDraft(town, '2026-12-04'), name: '  ', wave: '0', startDate: '2026-02-30', householdsTargeted: '12,5', areaIds: [] };
    const result = buildWave(draft, town, ids);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['areaIds', 'householdsTargeted', 'name', 'startDate', 'wave']);
    const backwards = buildWave({ ...newWaveDraft(town, '2026-12-04'), name: 'Fala zimowa', endDate: '2026-12-01' }, town, ids);
    expect(backwards.ok === false && backwards.errors).toEqual({ endDate: true });
  });

  it('builds a campaign from a valid draft, and an edit keeps its id', () => {
    const result = buildWave({ ...newWaveDraft(town, '2026-12-04'), name: 'Diagnoza 2027', householdsTargeted: ' 15 ' }, town, ids);
    expect(result).toEqual({ ok: true, area: null, campaign: expect.objectContaining({ id: 'campaign-new', name: 'Diagnoza 2027', householdsTargeted: 15, areaIds: expect.arrayContaining(['area-north', 'area-south']) }) });
    const existing = collections.campaigns[0]!;
    const edited = buildWave({ ...draftFromCampaign(existing), householdsTargeted: '20' }, town, ids);
    expect(edited.ok && edited.campaign).toEqual({ ...existing, householdsTargeted: 20 });
  });

  it('in a town with no areas, the wave covers the area its streets and addresses span (with a 100 m margin)', () => {
    const bare: Workspace = { ...emptyWorkspace(organisation), streets: [...collections.streets], addresses: [...collections.addresses] };
    const draft = newWaveDraft(bare, '2026-12-04');
    expect(draft.wholeTown).toBe(true);
    expect(draft.householdsTargeted).toBe('17');
    const result = buildWave({ ...draft, name: 'Pierwsza diagnoza' }, bare, ids);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.campaign.areaIds).toEqual(['area-town-new']);
    expect(result.area).toMatchObject({ id: 'area-town-new', name: 'Testowo — obszar danych', kind: 'custom' });
    // Every street vertex and address lies inside.
    expect(householdsInAreas({ ...bare, areas: [result.area!] }, ['area-town-new'])).toBe(17);
    // A town with nothing yet cannot say what "the whole town" is.
    expect(wholeTownArea(emptyWorkspace(organisation), 'a', 'b')).toBeNull();
    const nothing = buildWave({ ...newWaveDraft(emptyWorkspace(organisation), '2026-12-04'), name: 'X', householdsTargeted: '10' }, emptyWorkspace(organisation), ids);
    expect(nothing).toEqual({ ok: false, errors: { areaIds: true }, noExtent: true });
  });
});
