import { NEED_CATEGORY_IDS, type NeedAnswer, type NeedCategoryId, type NuisanceId, type OfferId, type SurveyCampaign, type SurveyResponse } from '../../src/domain';
import { pointAt, type XY } from './frame';
import { ESTATES, PLANTED_STREET, type Housing } from './layout';
import { clusterBump, needProbability } from './clusters';
import type { AddressPlan } from './addresses';
import type { Rng } from './prng';
import { plantedOfferProbability } from './offers';

export interface WavePlan {
  wave: 1 | 2;
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  method: SurveyCampaign['method'];
  /** Share of households answering, by estate; the planted street and the largest estate are set apart. */
  rate: (estateId: string, housing: Housing) => number;
  plantedStreetRate: number;
}

/** Target response rates: ul. Obieżowa ~70 %, Osiedle Górnicze ~20 % (as in Libiąż 2008–2009), others 10–15 %. */
export const WAVES: WavePlan[] = [
  {
    wave: 1,
    id: 'campaign-2025-w1',
    name: 'Mapa zasobów i potrzeb Dębowa – fala 1 (wiosna 2025)',
    startDate: '2025-04-07',
    endDate: '2025-05-23',
    method: 'door_to_door',
    rate: (estateId, housing) => (estateId === 'estate-gornicze' ? 0.198 : housing === 'blocks' ? 0.1 : housing === 'tenements' ? 0.16 : 0.13),
    plantedStreetRate: 0.7,
  },
  {
    wave: 2,
    id: 'campaign-2026-w2',
    name: 'Mapa zasobów i potrzeb Dębowa – fala 2 (wiosna 2026)',
    startDate: '2026-04-13',
    endDate: '2026-05-29',
    method: 'mixed',
    rate: (estateId, housing) => (estateId === 'estate-gornicze' ? 0.21 : housing === 'blocks' ? 0.11 : housing === 'tenements' ? 0.15 : 0.12),
    plantedStreetRate: 0.68,
  },
];

const housingOf = (estateId: string): Housing => ESTATES.find((e) => e.id === estateId)!.housing;

export function buildCampaigns(addresses: AddressPlan[]): SurveyCampaign[] {
  const householdsTargeted = addresses.reduce((s, a) => s + a.record.households, 0);
  return WAVES.map((w) => ({
    id: w.id,
    name: w.name,
    areaIds: ESTATES.map((e) => e.id),
    startDate: w.startDate,
    endDate: w.endDate,
    householdsTargeted,
    method: w.method,
    wave: w.wave,
  }));
}

/**
 * One response per sampled household. Each sampling unit (an estate, or the planted street) answers at
 * its rate exactly: k = round(rate × households) households drawn without replacement, so no household
 * answers twice in a wave. About 3 % of responses keep only the street and 2 % only a point near the
 * building (as when a volunteer notes no house number), to exercise street assignment later. `rateScale`
 * multiplies every rate (capped at 95 %), for a city-sized town with more answers per address.
 */
export function buildResponses(addresses: AddressPlan[], plantedStreetId: string, volunteerStreetId: string, rng: Rng, rateScale = 1): SurveyResponse[] {
  const out: SurveyResponse[] = [];
  for (const w of WAVES) {
    const r = rng.fork(w.id);
    const units = new Map<string, { rate: number; slots: number[] }>();
    addresses.forEach((a, i) => {
      const planted = a.record.streetId === plantedStreetId;
      const key = planted ? `street:${PLANTED_STREET.name}` : a.estateId;
      // rateScale (a city-sized town, data/town/city.ts) raises every rate, never past 95 %; 1 leaves them as they are.
      const rate = planted ? w.plantedStreetRate : w.rate(a.estateId, housingOf(a.estateId));
      const unit = units.get(key) ?? { rate: rateScale === 1 ? rate : Math.min(0.95, rate * rateScale), slots: [] };
      for (let h = 0; h < a.record.households; h++) unit.slots.push(i);
      units.set(key, unit);
    });
    const chosen: number[] = [];
    for (const unit of units.values()) for (const k of r.sample(unit.slots.length, Math.round(unit.rate * unit.slots.length))) chosen.push(unit.slots[k]!);
    chosen.sort((a, b) => a - b);
    const days = daysBetween(w.startDate, w.endDate);
    chosen.forEach((i, n) => {
      const a = addresses[i]!;
      const locate = r.weighted([0.95, 0.03, 0.02]);
      const where =
        locate === 0
          ? { addressId: a.record.id }
          : locate === 1
            ? { streetId: a.record.streetId }
            : { location: pointAt([a.xy[0] + r.range(-6, 6), a.xy[1] + r.range(-6, 6)]) };
      out.push({
        id: `response-w${w.wave}-${String(n + 1).padStart(5, '0')}`,
        campaignId: w.id,
        ...where,
        date: addDays(w.startDate, r.int(0, days)),
        ...answers(a.xy, housingOf(a.estateId), w.wave, r, a.record.streetId === volunteerStreetId),
      });
    });
  }
  return out;
}

type Answers = Pick<SurveyResponse, 'householdSize' | 'needs' | 'nuisances' | 'offers' | 'leaderCandidate'>;

const SIZE_WEIGHTS: Record<Housing, number[]> = {
  houses: [0.14, 0.27, 0.22, 0.23, 0.1, 0.04],
  tenements: [0.36, 0.3, 0.16, 0.11, 0.05, 0.02],
  blocks: [0.27, 0.32, 0.2, 0.14, 0.05, 0.02],
};

/** Nuisances and the needs that make them likelier (households that name addiction see drinking outside). */
const NUISANCE_MODEL: Array<[NuisanceId, number, NeedCategoryId[], number]> = [
  ['litter', 0.1, ['neglected_public_space', 'addiction'], 0.3],
  ['noise', 0.07, ['safety'], 0.15],
  ['vandalism', 0.05, ['safety', 'neglected_public_space', 'children_youth_leisure'], 0.25],
  ['poor_lighting', 0.08, ['safety', 'neglected_public_space'], 0.3],
  ['drinking_in_public', 0.05, ['addiction', 'safety'], 0.35],
  ['stray_dogs', 0.04, [], 0],
  ['traffic', 0.08, [], 0],
  ['no_playground', 0.05, ['children_youth_leisure'], 0.4],
  ['broken_pavements', 0.09, ['neglected_public_space', 'disability'], 0.3],
  ['no_parking', 0.06, [], 0],
  ['damp_buildings', 0.03, ['housing'], 0.45],
  ['no_shops', 0.04, ['loneliness_seniors'], 0.1],
];

const OFFER_BASE: Record<OfferId, number> = {
  volunteering_time: 0.1, repairs: 0.07, childcare: 0.05, senior_care: 0.05, cooking: 0.06, tutoring: 0.04,
  it_skills: 0.04, arts_crafts: 0.05, sports: 0.05, transport: 0.04, organising_events: 0.04, garden_greenery: 0.06,
};

function answers(p: XY, housing: Housing, wave: 1 | 2, r: Rng, onVolunteerStreet: boolean): Answers {
  const needs: NeedAnswer[] = [];
  for (const category of NEED_CATEGORY_IDS) {
    if (!r.chance(needProbability(category, p, housing, wave))) continue;
    const w = clusterBump(category, p, wave).influence;
    const severity = ([1, 2, 3] as const)[r.weighted([1 - 0.38 - (0.12 + 0.35 * w), 0.38, 0.12 + 0.35 * w])]!;
    needs.push({ category, severity });
  }
  const named = new Set(needs.map((n) => n.category));
  let householdSize = r.weighted(SIZE_WEIGHTS[housing]) + 1;
  if (named.has('loneliness_seniors')) householdSize = r.chance(0.65) ? 1 : 2;
  else if (named.has('children_youth_leisure')) householdSize = Math.max(householdSize, r.int(3, 5));
  const nuisances: NuisanceId[] = [];
  for (const [id, base, linked, boost] of NUISANCE_MODEL) {
    let prob = base + (linked.some((n) => named.has(n)) ? boost : 0);
    if (id === 'no_parking' && housing !== 'houses') prob += 0.12;
    if (id === 'no_shops' && housing === 'houses') prob += 0.06;
    if (r.chance(prob)) nuisances.push(id);
  }
  const offers = (Object.keys(OFFER_BASE) as OfferId[]).filter((id) => {
    const young = householdSize >= 3;
    const factor = id === 'senior_care' && named.has('loneliness_seniors') ? 0.3 : id === 'childcare' && young ? 1.5 : 1;
    return r.chance(plantedOfferProbability(id, OFFER_BASE[id] * factor, p, onVolunteerStreet));
  });
  const out: Answers = { householdSize, needs, nuisances, offers };
  if (r.chance(0.025)) {
    const pool = needs.length ? needs.map((n) => n.category) : [r.pick(NEED_CATEGORY_IDS)];
    out.leaderCandidate = { consent: true, interests: r.shuffle(pool).slice(0, r.int(1, 2)) };
  }
  return out;
}

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
