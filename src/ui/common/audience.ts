/**
 * Who is looking at the map. Household-level layers (the household heatmap) are for the centre's planners only,
 * never for partners (UX.md "Partner view": aggregates only). This is the one place that rule lives; a partner
 * view, when it comes, renders with audience 'partner'.
 */
export type Audience = 'planner' | 'partner';

/** The app today has only the planner's screen. */
export const CURRENT_AUDIENCE: Audience = 'planner';

export const canSeeHouseholdHeatmap = (audience: Audience): boolean => audience === 'planner';

/** Raw survey answers (one row per household) leave the app only by a planner's hand, inside the centre (GDPR). */
export const canExportRawAnswers = (audience: Audience): boolean => audience === 'planner';
