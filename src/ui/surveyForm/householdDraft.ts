import {
  LeaderContact,
  latestRetainUntil,
  NEED_CATEGORY_IDS,
  NUISANCE_IDS,
  OFFER_IDS,
  SurveyResponse,
  type NeedCategoryId,
  type NuisanceId,
  type OfferId,
  type Severity,
} from '../../domain';
import type { MessageKey } from '../i18n/dictionary';

/**
 * What the volunteer has ticked for one household, as the form holds it. The answers carry no name, phone or free
 * text (SurveyResponse is a strict schema). Only a resident who wants to be a local leader AND gives a second,
 * separate consent may leave a name and a phone or e-mail: they become a LeaderContact, stored apart from the answers.
 */
export interface HouseholdDraft {
  /** As typed (the stepper writes digits); parsed on save. */
  householdSize: string;
  severities: Readonly<Partial<Record<NeedCategoryId, Severity>>>;
  nuisances: readonly NuisanceId[];
  offers: readonly OfferId[];
  leaderConsent: boolean;
  leaderInterests: readonly NeedCategoryId[];
  /** The separate consent to store a name and a phone or e-mail; asked only after leaderConsent. */
  contactConsent: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export const EMPTY_DRAFT: HouseholdDraft = Object.freeze({
  householdSize: '',
  severities: Object.freeze({}),
  nuisances: Object.freeze([]) as readonly NuisanceId[],
  offers: Object.freeze([]) as readonly OfferId[],
  leaderConsent: false,
  leaderInterests: Object.freeze([]) as readonly NeedCategoryId[],
  contactConsent: false,
  contactName: '',
  contactPhone: '',
  contactEmail: '',
});

/** The form's fields; every error is shown next to one of them. */
export type DraftField =
  | 'campaignId' | 'addressId' | 'householdSize' | 'needs' | 'nuisances' | 'offers' | 'leaderCandidate' | 'date' | 'id'
  | 'contactName' | 'contactPhone' | 'contactEmail';

/** Errors by field as dictionary keys, so they read in the volunteer's language. */
export type DraftErrors = Partial<Record<DraftField, MessageKey>>;

export interface ResponseContext {
  id: string;
  campaignId: string;
  addressId: string | undefined;
  /** YYYY-MM-DD, the volunteer's local date (also the day of the contact consent). */
  date: string;
  /** The id a leader contact gets, if the resident leaves one. */
  contactId: string;
}

const ERROR_KEY_OF_FIELD: Readonly<Record<DraftField, MessageKey>> = {
  campaignId: 'surveyErrorCampaign',
  addressId: 'surveyErrorAddress',
  householdSize: 'surveyErrorHouseholdSize',
  needs: 'surveyErrorNeeds',
  nuisances: 'surveyErrorList',
  offers: 'surveyErrorList',
  leaderCandidate: 'surveyErrorConsent',
  date: 'surveyErrorDate',
  id: 'surveyErrorId',
  contactName: 'surveyErrorContactName',
  contactPhone: 'surveyErrorContactPhone',
  contactEmail: 'surveyErrorContactEmail',
};

/** A LeaderContact field as the form's field. */
const CONTACT_FIELD: Readonly<Record<string, DraftField>> = { name: 'contactName', phone: 'contactPhone', email: 'contactEmail' };

/** Whether the form asks for (and saves) a contact: both consents given. */
export const wantsContact = (draft: HouseholdDraft): boolean => draft.leaderConsent && draft.contactConsent;

const isDraftField = (value: unknown): value is DraftField => typeof value === 'string' && Object.hasOwn(ERROR_KEY_OF_FIELD, value);

/** Adds or removes `item`, keeping the taxonomy's order (so equal answers give equal arrays). */
export function toggleInOrder<T extends string>(order: readonly T[], selected: readonly T[], item: T): T[] {
  const next = new Set(selected);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return order.filter((id) => next.has(id));
}

/** "3" → 3; anything that is not plain digits → NaN (the schema then rejects it). */
export function parseHouseholdSize(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export { localIsoDate } from '../../domain';

/**
 * Maps the draft to a SurveyResponse and validates it with the domain schema. Needs, nuisances and offers come
 * out in taxonomy order; a leader candidate is recorded only when consent is ticked (interests without consent
 * are dropped). Errors name the form field. Pure; never mutates its inputs.
 *
 * @example buildSurveyResponse({ ...EMPTY_DRAFT, householdSize: '2' }, { id, campaignId: 'w1', addressId: 'a1', date: '2026-05-04' })
 *   // → { ok: true, response: { id, campaignId: 'w1', addressId: 'a1', date: '2026-05-04', householdSize: 2, needs: [], ... } }
 */
export function buildSurveyResponse(
  draft: HouseholdDraft,
  context: ResponseContext,
): { ok: true; response: SurveyResponse; contact?: LeaderContact } | { ok: false; errors: DraftErrors } {
  const candidate = {
    id: context.id,
    campaignId: context.campaignId,
    ...(context.addressId === undefined ? {} : { addressId: context.addressId }),
    date: context.date,
    householdSize: parseHouseholdSize(draft.householdSize),
    needs: NEED_CATEGORY_IDS.flatMap((category) => {
      const severity = draft.severities[category];
      return severity === undefined ? [] : [{ category, severity }];
    }),
    nuisances: NUISANCE_IDS.filter((id) => draft.nuisances.includes(id)),
    offers: OFFER_IDS.filter((id) => draft.offers.includes(id)),
    ...(draft.leaderConsent
      ? { leaderCandidate: { consent: true as const, interests: NEED_CATEGORY_IDS.filter((id) => draft.leaderInterests.includes(id)) } }
      : {}),
  };
  const parsed = SurveyResponse.safeParse(candidate);
  const contact = wantsContact(draft) ? buildLeaderContact(draft, context) : undefined;
  if (parsed.success && (contact === undefined || contact.ok)) {
    return { ok: true, response: parsed.data, ...(contact?.ok ? { contact: contact.contact } : {}) };
  }
  const errors: DraftErrors = contact && !contact.ok ? { ...contact.errors } : {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const head = issue.path[0];
    // The schema's "needs an addressId, a streetId or a location" points at addressId: the volunteer picks an address.
    const field: DraftField = isDraftField(head) ? head : 'addressId';
    errors[field] ??= ERROR_KEY_OF_FIELD[field];
  }
  // zod runs the object-level "needs an address" check only when every field passed; the volunteer should
  // learn about both problems at once.
  if (context.addressId === undefined) errors.addressId ??= ERROR_KEY_OF_FIELD.addressId;
  return { ok: false, errors };
}

/**
 * The contact a resident consented to leave, with the consent date of the answers and the longest retention the
 * domain allows (12 months; a planner may shorten it later). Empty phone or e-mail fields are left out. Errors name
 * the form field; "neither phone nor e-mail" points at the phone. Pure.
 */
export function buildLeaderContact(draft: HouseholdDraft, context: ResponseContext): { ok: true; contact: LeaderContact } | { ok: false; errors: DraftErrors } {
  const phone = draft.contactPhone.trim();
  const email = draft.contactEmail.trim();
  const parsed = LeaderContact.safeParse({
    id: context.contactId,
    responseId: context.id,
    name: draft.contactName,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    consentDate: context.date,
    retainUntil: latestRetainUntil(context.date),
  });
  if (parsed.success) return { ok: true, contact: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = CONTACT_FIELD[String(issue.path[0])];
    if (!field) continue; // ids and dates come from the app, not the volunteer: the response's own check reports them
    const noChannel = issue.code === 'custom' && (issue.params as { rule?: unknown } | undefined)?.rule === 'no_contact_channel';
    errors[field] ??= noChannel ? 'surveyErrorContactChannel' : ERROR_KEY_OF_FIELD[field];
  }
  return { ok: false, errors };
}
