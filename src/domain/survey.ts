import { z } from 'zod';
import { Id, IsoDate, Name } from './common';
import { PointGeometry } from './geometry';
import { NeedCategoryId, NuisanceId, OfferId } from './needs';

export const SURVEY_METHODS = ['door_to_door', 'paper_drop', 'online', 'phone', 'mixed'] as const;
export const SurveyMethod = z.enum(SURVEY_METHODS, { error: `survey method must be one of: ${SURVEY_METHODS.join(', ')}` });
export type SurveyMethod = z.infer<typeof SurveyMethod>;

/** A survey wave (fala badania) over one or more areas. */
export const SurveyCampaign = z
  .strictObject({
    id: Id,
    name: Name,
    /** Areas the campaign covers. */
    areaIds: z.array(Id).min(1, { message: 'a campaign covers at least one area' }),
    startDate: IsoDate,
    endDate: IsoDate,
    householdsTargeted: z.int().min(1, { message: 'householdsTargeted must be at least 1' }),
    method: SurveyMethod,
    /** Ordinal of the wave in a series that repeats the same questionnaire (1, 2, ...). */
    wave: z.int().min(1, { message: 'wave must be 1 or more' }),
  })
  .refine((c) => c.endDate >= c.startDate, { message: 'endDate must not be before startDate', path: ['endDate'], params: { rule: 'end_before_start' } });
export type SurveyCampaign = z.infer<typeof SurveyCampaign>;

/** Severity of a need as the household rates it: 1 = some, 2 = serious, 3 = very serious. */
export const Severity = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'severity must be 1, 2 or 3' });
export type Severity = z.infer<typeof Severity>;

export const NeedAnswer = z.strictObject({ category: NeedCategoryId, severity: Severity });
export type NeedAnswer = z.infer<typeof NeedAnswer>;

const unique = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;

/**
 * One household's answers. Deliberately has no name, phone or free-text field:
 * strict parsing rejects any extra key, so nothing that identifies a person can be stored.
 * It is located by its address, or by its street, or by a bare point (assigned to the nearest street later).
 */
export const SurveyResponse = z
  .strictObject({
    id: Id,
    campaignId: Id,
    addressId: Id.optional(),
    streetId: Id.optional(),
    location: PointGeometry.optional(),
    date: IsoDate,
    householdSize: z.int({ error: 'householdSize must be a whole number' }).min(1, { message: 'householdSize must be at least 1' }).max(20, { message: 'householdSize must be at most 20' }),
    needs: z.array(NeedAnswer).max(12).refine((ns) => unique(ns.map((n) => n.category)), { message: 'each need category may appear once', params: { rule: 'repeated_item' } }),
    nuisances: z.array(NuisanceId).refine(unique, { message: 'each nuisance may appear once', params: { rule: 'repeated_item' } }),
    offers: z.array(OfferId).refine(unique, { message: 'each offered resource may appear once', params: { rule: 'repeated_item' } }),
    /** Present only when the household agreed to be contacted as a possible local leader. */
    leaderCandidate: z
      .strictObject({
        consent: z.literal(true, { error: 'a leader candidate is recorded only with consent' }),
        interests: z.array(NeedCategoryId).refine(unique, { message: 'each interest may appear once', params: { rule: 'repeated_item' } }),
      })
      .optional(),
  })
  .refine((r) => r.addressId !== undefined || r.streetId !== undefined || r.location !== undefined, {
    message: 'a response needs an addressId, a streetId or a location',
    path: ['addressId'],
    params: { rule: 'no_location' },
  });
export type SurveyResponse = z.infer<typeof SurveyResponse>;
