import { dataExtentRing } from '../../analysis/dataExtent';
import { pointInGeometry } from '../../analysis/pointInArea';
import { SurveyCampaign, type Area, type SurveyMethod, type Workspace } from '../../domain';

/**
 * The survey-wave form (create and edit a fala badania) as a pure controller: the draft the inputs edit, its
 * defaults for a new wave, the households the chosen areas hold, and the check that turns a draft into a
 * SurveyCampaign with errors by field.
 */

export interface WaveDraft {
  /** undefined for a new wave. */
  id: string | undefined;
  name: string;
  startDate: string;
  endDate: string;
  method: SurveyMethod;
  wave: string;
  householdsTargeted: string;
  areaIds: string[];
  /** A new wave in a town with no areas yet: create one "whole data extent" area for it. */
  wholeTown: boolean;
}

export type WaveField = 'name' | 'startDate' | 'endDate' | 'method' | 'wave' | 'householdsTargeted' | 'areaIds';
export type WaveErrors = Partial<Record<WaveField, true>>;

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A new wave: the next number, today for 6 weeks, door to door, over every estate (or every area when none is an estate). */
export function newWaveDraft(workspace: Workspace, today: string): WaveDraft {
  const next = workspace.campaigns.reduce((max, c) => Math.max(max, c.wave), 0) + 1;
  const estates = workspace.areas.filter((a) => a.kind === 'estate');
  const areaIds = (estates.length ? estates : workspace.areas).map((a) => a.id);
  const draft: WaveDraft = {
    id: undefined,
    name: '',
    startDate: today,
    endDate: addDays(today, 42),
    method: 'door_to_door',
    wave: String(next),
    householdsTargeted: '',
    areaIds,
    wholeTown: workspace.areas.length === 0,
  };
  const households = householdsInAreas(workspace, areaIds, draft.wholeTown);
  return { ...draft, householdsTargeted: households > 0 ? String(households) : '' };
}

export function draftFromCampaign(campaign: SurveyCampaign): WaveDraft {
  return {
    id: campaign.id,
    name: campaign.name,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    method: campaign.method,
    wave: String(campaign.wave),
    householdsTargeted: String(campaign.householdsTargeted),
    areaIds: [...campaign.areaIds],
    wholeTown: false,
  };
}

/**
 * Households at addresses inside any of the areas (each address once, however many chosen areas hold it), or at
 * every address with `wholeTown`. O(addresses × areas).
 */
export function householdsInAreas(workspace: Workspace, areaIds: readonly string[], wholeTown = false): number {
  // An address without a count makes the total unknown (NaN): the form then leaves the field for the user to fill.
  if (wholeTown) return workspace.addresses.reduce((sum, a) => sum + (a.households ?? Number.NaN), 0);
  const areas = workspace.areas.filter((a) => areaIds.includes(a.id));
  let total = 0;
  for (const address of workspace.addresses) {
    const [lng, lat] = address.location.coordinates;
    if (areas.some((area) => pointInGeometry(lng, lat, area.geometry))) total += address.households ?? Number.NaN;
  }
  return total;
}

/** The area a "whole town" wave covers: everything the town's data spans (streets and addresses), with 100 m to spare. */
export function wholeTownArea(workspace: Workspace, id: string, name: string): Area | null {
  const lngs: number[] = [];
  const lats: number[] = [];
  const add = ([lng, lat]: readonly number[]) => {
    lngs.push(lng!);
    lats.push(lat!);
  };
  for (const street of workspace.streets) for (const line of street.geometry.coordinates) line.forEach(add);
  for (const address of workspace.addresses) add(address.location.coordinates);
  const ring = dataExtentRing(lngs, lats, 100);
  return ring ? { id, name, kind: 'custom', geometry: { type: 'Polygon', coordinates: [ring] } } : null;
}

export type WaveResult = { ok: true; campaign: SurveyCampaign; area: Area | null } | { ok: false; errors: WaveErrors; noExtent?: true };

/** Checks the draft with the domain schema; errors name the fields (their words come from the dictionary). */
export function buildWave(draft: WaveDraft, workspace: Workspace, ids: { campaignId: string; areaId: string; areaName: string }): WaveResult {
  let area: Area | null = null;
  let areaIds = draft.areaIds;
  if (draft.wholeTown && !draft.id) {
    area = wholeTownArea(workspace, ids.areaId, ids.areaName);
    if (!area) return { ok: false, errors: { areaIds: true }, noExtent: true };
    areaIds = [area.id];
  }
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  const parsed = SurveyCampaign.safeParse({
    id: draft.id ?? ids.campaignId,
    name: draft.name,
    areaIds,
    startDate: draft.startDate,
    endDate: draft.endDate,
    householdsTargeted: whole(draft.householdsTargeted),
    method: draft.method,
    wave: whole(draft.wave),
  });
  if (parsed.success) return { ok: true, campaign: parsed.data, area };
  const errors: WaveErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (['name', 'startDate', 'endDate', 'method', 'wave', 'householdsTargeted', 'areaIds'].includes(field)) errors[field as WaveField] = true;
  }
  return { ok: false, errors };
}
