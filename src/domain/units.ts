import { z } from 'zod';
import type { NeedCategoryId } from './needs';

/**
 * The words every layer uses for the units a need map is drawn on, and the thresholds that go with them. One place:
 * the analysis requests (analysisRequest.ts), the URL (src/share), the map's layers (src/map), the screens (src/ui)
 * and the share packages read these names and numbers from here; the SQL functions carry the same k and hexagon size
 * (checked by supabase/tests).
 */

/** Unit layers a planner picks on the map: streets, estates, districts, or the planar hexagon grid. */
export const MAP_UNIT_KINDS = ['street', 'estate', 'district', 'hex'] as const;
export const MapUnitKind = z.enum(MAP_UNIT_KINDS);
export type MapUnitKind = z.infer<typeof MapUnitKind>;

/** Unit layers the engine aggregates on: the map's, and care regions (an area kind some centres use). */
export const UNIT_KINDS = ['street', 'estate', 'district', 'care_region', 'hex'] as const;
export const UnitKind = z.enum(UNIT_KINDS, { error: `unit kind must be one of: ${UNIT_KINDS.join(', ')}` });
export type UnitKind = z.infer<typeof UnitKind>;

/** k: a unit with fewer answers than this has its rates suppressed (never shown, never shared). */
export const MIN_RESPONSES = 5;

/** The hexagon size across flats, metres, of a map that says nothing else. */
export const DEFAULT_HEX_SIZE_METERS = 250;

/**
 * The hexagon sizes a planner chooses from (and scale advice compares): 250 m shows a block, 500 m a neighbourhood,
 * 1 km a district. A sparse survey (~3 answers per 250 m hexagon) is hidden at 250 m and readable at 500 m.
 */
export const HEX_SIZE_CHOICES_METERS = [250, 500, 1000] as const;
export const HexSizeChoice = z.union(HEX_SIZE_CHOICES_METERS.map((size) => z.literal(size)), { error: `hexagon size must be one of: ${HEX_SIZE_CHOICES_METERS.join(', ')} m` });
export type HexSizeChoice = z.infer<typeof HexSizeChoice>;

/**
 * What the explore map shows (issue 14): needs, residents' resources (what households offer), or needs matched with
 * help ("gdzie potrzeba, a gdzie pomoc").
 */
export const EXPLORE_SUBJECTS = ['needs', 'resources', 'matching'] as const;
export const ExploreSubject = z.enum(EXPLORE_SUBJECTS);
export type ExploreSubject = z.infer<typeof ExploreSubject>;

/** "Within reach" choices of the matching view, metres of walking along the streets (800 m ≈ ten minutes). */
export const MATCH_DISTANCE_CHOICES_METERS = [400, 800, 1200] as const;
export const MatchDistance = z.union(MATCH_DISTANCE_CHOICES_METERS.map((d) => z.literal(d)), { error: `distance must be one of: ${MATCH_DISTANCE_CHOICES_METERS.join(', ')} m` });
export type MatchDistance = z.infer<typeof MatchDistance>;
export const DEFAULT_MATCH_DISTANCE_METERS: MatchDistance = 800;

/** The largest weight a need (or an offer, in the potential index) gets from the index sliders (the URL carries the same bound). */
export const WEIGHT_MAX = 5;

/** The needs (or offers) a weighted index uses: those weighing more than zero (absent ones weigh zero). */
export function positiveWeights<Id extends string = NeedCategoryId>(weights: Partial<Record<Id, number>>): Partial<Record<Id, number>> {
  const kept: Partial<Record<Id, number>> = {};
  for (const [id, w] of Object.entries(weights) as [Id, number | undefined][]) if (w !== undefined && w > 0) kept[id] = w;
  return kept;
}

/** Whether an index can be computed: at least one need weighs more than zero. */
export const hasPositiveWeight = (weights: Partial<Record<string, number>>): boolean => Object.values(weights).some((w) => (w ?? 0) > 0);
