import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId, type OfferId } from '../../domain';
import type { CampaignInfo } from '../../analysis/exploreSession';
import type { MatchingQueryInput, NeedMapQueryInput, NeedSelection, OfferMapQueryInput, OfferSelection } from '../../domain/analysisRequest';
import type { ExploreView } from '../../map/exploreLayers';
import { DEFAULT_HEX_SIZE_METERS, DEFAULT_MATCH_DISTANCE_METERS, hasPositiveWeight, MIN_RESPONSES, positiveWeights, WEIGHT_MAX, type ExploreSubject, type HexSizeChoice, type MapUnitKind, type MatchDistance } from '../../domain/units';

/**
 * What the planner chose in "Co pokazać" (UX.md): the wave, one need or the weighted need index, the unit, and
 * the overlays. Pure values and transitions; the controller (exploreController.ts) turns them into worker queries.
 */
export interface ExploreSettings {
  /** null until the workspace's waves are known; then the latest wave. */
  campaignId: string | null;
  /** What the map shows: needs, residents' resources (offers), or one need matched with help nearby. */
  subject: ExploreSubject;
  /** Resources: the offer shown, or the potential index (weighted by `offerWeights`). */
  offer: OfferId | 'index';
  /** Slider positions 0–5 per offer for the potential index (the engine normalises them to sum 1); all 1 at first. */
  offerWeights: Readonly<Record<OfferId, number>>;
  /** Matching: "within reach", metres along the streets. */
  matchMeters: MatchDistance;
  mode: 'need' | 'index';
  needId: NeedCategoryId;
  /** Slider positions 0–5 per need (the engine normalises them to sum 1). */
  weights: Readonly<Record<NeedCategoryId, number>>;
  unit: MapUnitKind;
  /** Size of the hexagons (the hexagon unit, hot spots and clusters over hexagons); scale advice offers another. */
  hexSizeMeters: HexSizeChoice;
  hotSpots: boolean;
  /** Local Moran's I clusters and outliers (LISA) as the map's colours; exclusive with hot spots. */
  lisa: boolean;
  clusters: boolean;
  gaps: boolean;
  heatmap: boolean;
}

/** Every offer at 1: the potential index's default (every kind of help counts the same). */
export const EQUAL_OFFER_SLIDERS: Readonly<Record<OfferId, number>> = Object.freeze(Object.fromEntries(OFFER_IDS.map((id) => [id, 1])) as Record<OfferId, number>);

export const initialExploreSettings = (): ExploreSettings => ({
  campaignId: null,
  subject: 'needs',
  offer: 'index',
  offerWeights: EQUAL_OFFER_SLIDERS,
  matchMeters: DEFAULT_MATCH_DISTANCE_METERS,
  mode: 'need',
  needId: 'loneliness_seniors',
  weights: Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1])) as Record<NeedCategoryId, number>,
  unit: 'street',
  hexSizeMeters: DEFAULT_HEX_SIZE_METERS,
  hotSpots: false,
  lisa: false,
  clusters: false,
  gaps: false,
  heatmap: false,
});

/** Hot spots are computed over hexagons or streets only (Gi* needs comparable, contiguous units), and on needs only. */
export const hotSpotsApply = (s: ExploreSettings): boolean => s.subject === 'needs' && s.hotSpots && (s.unit === 'hex' || s.unit === 'street');
/** LISA (Anselin 1995) over the same contiguous units; never at once with hot spots (both colour the map). */
export const lisaApply = (s: ExploreSettings): boolean => s.subject === 'needs' && s.lisa && !s.hotSpots && (s.unit === 'hex' || s.unit === 'street');

/** The latest wave unless the chosen one still exists (after a reload the chosen wave may be gone). */
export function withCampaigns(s: ExploreSettings, campaigns: readonly CampaignInfo[]): ExploreSettings {
  if (s.campaignId && campaigns.some((c) => c.id === s.campaignId)) return s;
  const latest = [...campaigns].sort((a, b) => a.wave - b.wave || a.startDate.localeCompare(b.startDate)).at(-1);
  const campaignId = latest?.id ?? null;
  return campaignId === s.campaignId ? s : { ...s, campaignId };
}

export const setCampaign = (s: ExploreSettings, campaignId: string): ExploreSettings => (s.campaignId === campaignId ? s : { ...s, campaignId });
export const chooseNeed = (s: ExploreSettings, needId: NeedCategoryId): ExploreSettings => (s.mode === 'need' && s.needId === needId ? s : { ...s, mode: 'need', needId });
export const chooseIndex = (s: ExploreSettings): ExploreSettings => (s.mode === 'index' ? s : { ...s, mode: 'index' });
/** Needs, residents' resources or matching; matching shows one need (the one chosen, or the index's heaviest). */
export function chooseSubject(s: ExploreSettings, subject: ExploreSubject): ExploreSettings {
  if (s.subject === subject) return s;
  return subject === 'matching' ? { ...s, subject, mode: 'need', needId: gapNeed(s) } : { ...s, subject };
}
export const chooseOffer = (s: ExploreSettings, offer: OfferId | 'index'): ExploreSettings => (s.offer === offer ? s : { ...s, offer });
export const setMatchDistance = (s: ExploreSettings, matchMeters: MatchDistance): ExploreSettings => (s.matchMeters === matchMeters ? s : { ...s, matchMeters });
export const setUnit = (s: ExploreSettings, unit: MapUnitKind): ExploreSettings => (s.unit === unit ? s : { ...s, unit });
/** Hexagons of this size become the unit (the scale advice's one click, or the size select). */
export const chooseHexSize = (s: ExploreSettings, hexSizeMeters: HexSizeChoice): ExploreSettings => (s.unit === 'hex' && s.hexSizeMeters === hexSizeMeters ? s : { ...s, unit: 'hex', hexSizeMeters });

/** A slider's value: clamped to 0…WEIGHT_MAX, rounded to a tenth. */
const sliderWeight = (weight: number): number => Math.round(Math.min(WEIGHT_MAX, Math.max(0, Number.isFinite(weight) ? weight : 0)) * 10) / 10;

/** A need index slider moved. */
export function setWeight(s: ExploreSettings, needId: NeedCategoryId, weight: number): ExploreSettings {
  const value = sliderWeight(weight);
  return s.weights[needId] === value ? s : { ...s, weights: { ...s.weights, [needId]: value } };
}

/** A potential index slider moved. */
export function setOfferWeight(s: ExploreSettings, offerId: OfferId, weight: number): ExploreSettings {
  const value = sliderWeight(weight);
  return s.offerWeights[offerId] === value ? s : { ...s, offerWeights: { ...s.offerWeights, [offerId]: value } };
}

export type ExploreToggle = 'hotSpots' | 'lisa' | 'clusters' | 'gaps' | 'heatmap';
/** Switches an overlay; hot spots and LISA both colour the units, so switching one on switches the other off. */
export function setToggle(s: ExploreSettings, toggle: ExploreToggle, on: boolean): ExploreSettings {
  if (s[toggle] === on) return s;
  const next = { ...s, [toggle]: on };
  if (on && toggle === 'hotSpots') next.lisa = false;
  if (on && toggle === 'lisa') next.hotSpots = false;
  return next;
}

/** At least one weight above 0 (the engine refuses an all-zero index). */
export const weightsUsable = (s: ExploreSettings): boolean => hasPositiveWeight(s.weights);
/** At least one offer weighs more than 0 (the engine refuses an all-zero potential index). */
export const offerWeightsUsable = (s: ExploreSettings): boolean => hasPositiveWeight(s.offerWeights);
/** Whether the potential index weighs every offer the same (the default, said as "all resources, equal weights"). */
export const offerWeightsEqual = (weights: Partial<Record<OfferId, number>>): boolean => {
  const first = weights[OFFER_IDS[0]] ?? 0;
  return first > 0 && OFFER_IDS.every((id) => (weights[id] ?? 0) === first);
};

export function needSelection(s: ExploreSettings): NeedSelection {
  if (s.mode === 'need') return { kind: 'need', needId: s.needId };
  return { kind: 'index', weights: positiveWeights(s.weights) };
}

/** The needs the view shows: the chosen need, or every need weighing more than zero in the index (taxonomy order). */
export const selectedNeeds = (s: ExploreSettings): NeedCategoryId[] => (s.mode === 'need' ? [s.needId] : NEED_CATEGORY_IDS.filter((id) => s.weights[id] > 0));

/** The need gaps are shown for: the chosen need, or the heaviest need of the index (first in taxonomy order on ties). */
export function gapNeed(s: ExploreSettings): NeedCategoryId {
  if (s.mode === 'need') return s.needId;
  let best: NeedCategoryId = NEED_CATEGORY_IDS[0];
  for (const id of NEED_CATEGORY_IDS) if (s.weights[id] > s.weights[best]) best = id;
  return best;
}

export const unitChoice = (unit: MapUnitKind, hexSizeMeters: number = DEFAULT_HEX_SIZE_METERS) => (unit === 'hex' ? { kind: 'hex' as const, hexSizeMeters } : { kind: unit });

export function needMapQuery(s: ExploreSettings): NeedMapQueryInput | null {
  if (!s.campaignId || s.subject === 'resources' || (s.mode === 'index' && !weightsUsable(s))) return null;
  return { unit: unitChoice(s.unit, s.hexSizeMeters), campaignId: s.campaignId, selection: needSelection(s), minResponses: MIN_RESPONSES };
}

export function offerSelection(s: ExploreSettings): OfferSelection {
  return s.offer === 'index' ? { kind: 'index', weights: positiveWeights(s.offerWeights) } : { kind: 'offer', offerId: s.offer };
}

/**
 * What a partner package or share link of the resources mode shows: the offer, or the potential index over the
 * offers weighing more than 0, each weighing 1. Never the planner's unequal weights: with them a unit's published
 * index could be decoded into small offer counts (domain/sharePackage.ts ShareLinkOffers, supabase/README.md).
 * @example sharedOfferSelection({ …, offer: 'index', offerWeights: { senior_care: 5, cooking: 0, … } }) → { kind: 'index', weights: { senior_care: 1, … } }
 */
export function sharedOfferSelection(s: ExploreSettings): OfferSelection {
  const shown = offerSelection(s);
  return shown.kind === 'offer' ? shown : { kind: 'index', weights: Object.fromEntries(Object.keys(shown.weights).map((id) => [id, 1])) };
}

/** The residents' resources map, in the resources mode only (none while every offer weighs 0). */
export function offerMapQuery(s: ExploreSettings): OfferMapQueryInput | null {
  if (!s.campaignId || s.subject !== 'resources' || (s.offer === 'index' && !offerWeightsUsable(s))) return null;
  return { unit: unitChoice(s.unit, s.hexSizeMeters), campaignId: s.campaignId, selection: offerSelection(s), minResponses: MIN_RESPONSES };
}

/** Needs matched with help for the chosen need, in the matching view only. */
export function matchingQuery(s: ExploreSettings): MatchingQueryInput | null {
  if (!s.campaignId || s.subject !== 'matching') return null;
  return { unit: unitChoice(s.unit, s.hexSizeMeters), campaignId: s.campaignId, needId: s.needId, thresholdMeters: s.matchMeters, minResponses: MIN_RESPONSES };
}

export const exploreView = (s: ExploreSettings): ExploreView => ({
  active: s.campaignId !== null,
  unit: s.unit,
  colourMode: hotSpotsApply(s) ? 'hotSpots' : lisaApply(s) ? 'lisa' : s.subject === 'resources' ? 'offers' : 'need',
  gaps: s.subject === 'matching' || (s.subject === 'needs' && s.gaps),
  help: s.subject === 'matching',
  clusters: s.clusters,
  heatmap: s.heatmap,
});
