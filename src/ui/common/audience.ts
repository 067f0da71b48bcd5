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

/** Leader candidates' contacts (names, phones, e-mails) are for the centre's planners only (issue 14). */
export const canSeeLeaderContacts = (audience: Audience): boolean => audience === 'planner';

/**
 * Whether the door-to-door form may ask for a leader's contact: on the embedded default (no sign-in, `role` null) the
 * user is the centre's planner; on Supabase admins and planners write contacts, and a surveyor adds the contact with
 * the answers they enter (RLS; they never read one back). Partners enter no answers.
 */
export const mayRecordLeaderContacts = (role: string | null): boolean => role === null || role === 'admin' || role === 'planner' || role === 'surveyor';
