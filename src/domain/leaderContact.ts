import { z } from 'zod';
import { Id, IsoDate } from './common';
import { issuesFromZod, type InputIssue } from './issues';

/**
 * How long a leader candidate's contact is kept after the resident's consent (GDPR art. 5(1)(e), storage
 * limitation): a year covers one Local Activity Programme's recruitment round. The planner may set it shorter,
 * never longer. The contact is deleted automatically the day after `retainUntil`.
 */
export const LEADER_CONTACT_RETENTION_MONTHS = 12;

/** A person's name as the resident gives it: trimmed, 2–100 characters, no markup or digits. */
export const PersonName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(2, { message: 'name must be at least 2 characters' })
  .max(100, { message: 'name must be at most 100 characters' })
  .regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, { message: 'name may contain only letters, spaces, dots, apostrophes and hyphens' });

/**
 * A phone number as written on a doorstep: digits with optional spaces or hyphens, an optional leading "+"
 * (international prefix). Kept as written, trimmed; 9 to 15 digits (a Polish number has 9, E.164 allows 15).
 */
export const PhoneNumber = z
  .string({ error: 'phone must be text' })
  .trim()
  .regex(/^\+?[0-9][0-9 -]*[0-9]$/, { message: 'phone may contain only digits, spaces, hyphens and a leading +' })
  .refine((text) => {
    const digits = text.replace(/\D/g, '').length;
    return digits >= 9 && digits <= 15;
  }, { message: 'phone must have 9 to 15 digits', params: { rule: 'phone_digits' } });

export const EmailAddress = z.string({ error: 'e-mail must be text' }).trim().max(254, { message: 'e-mail must be at most 254 characters' }).pipe(z.email({ error: 'e-mail must look like name@example.pl' }));

/** `YYYY-MM-DD` + `months` calendar months; a day the target month lacks becomes its last day (2026-08-31 + 6 → 2027-02-28). Pure. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** The default and the latest retention date for a consent given on `consentDate`: 12 months later. */
export const latestRetainUntil = (consentDate: string): string => addMonths(consentDate, LEADER_CONTACT_RETENTION_MONTHS);

/**
 * The contact of a leader candidate (lider lokalny) who agreed, in a separate explicit consent on the form, to be
 * contacted. Kept APART from the household's SurveyResponse (which carries no name or phone): it is not part of the
 * Workspace, so no aggregate, export, share package or partner view can reach it; only a planner's list reads it.
 * `responseId` ties it to the response (deleting the response deletes the contact).
 *
 * @example
 * LeaderContact.parse({ id: 'lc-1', responseId: 'r-1', name: 'Anna Nowak', phone: '600 100 200',
 *   consentDate: '2026-05-04', retainUntil: '2027-05-04' });
 */
export const LeaderContact = z
  .strictObject({
    id: Id,
    responseId: Id,
    name: PersonName,
    phone: PhoneNumber.optional(),
    email: EmailAddress.optional(),
    /** The day the resident gave the consent to store the contact. */
    consentDate: IsoDate,
    /** The last day the contact is kept: consentDate < retainUntil ≤ consentDate + 12 months. */
    retainUntil: IsoDate,
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'give a phone number or an e-mail address', path: ['phone'], params: { rule: 'no_contact_channel' } })
  .refine((c) => c.retainUntil > c.consentDate && c.retainUntil <= latestRetainUntil(c.consentDate), {
    message: `retainUntil must be after the consent date and at most ${LEADER_CONTACT_RETENTION_MONTHS} months after it`,
    path: ['retainUntil'],
    params: { rule: 'retention_out_of_range' },
  });
export type LeaderContact = z.infer<typeof LeaderContact>;

/** Whether the contact must be gone on `today` (YYYY-MM-DD): its last day, `retainUntil`, has passed. Pure. */
export const isLeaderContactExpired = (contact: Pick<LeaderContact, 'retainUntil'>, today: string): boolean => contact.retainUntil < today;

/**
 * The contact kept only until `retainUntil` (YYYY-MM-DD), which may only come sooner: the planner shortens the
 * retention, never extends it past what the resident was told. Issues (source `leaderContacts`) name `retainUntil`. Pure.
 *
 * @example shortenRetention(contact, '2026-09-30') // → { ok: true, contact: { ...contact, retainUntil: '2026-09-30' } }
 */
export function shortenRetention(contact: LeaderContact, retainUntil: string): { ok: true; contact: LeaderContact } | { ok: false; issues: InputIssue[] } {
  const parsed = LeaderContact.safeParse({ ...contact, retainUntil });
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, 'leaderContacts') };
  if (parsed.data.retainUntil > contact.retainUntil) {
    return { ok: false, issues: [{ source: 'leaderContacts', field: 'retainUntil', message: 'the retention may only be shortened', problem: { code: 'rule', rule: 'retention_not_shorter' } }] };
  }
  return { ok: true, contact: parsed.data };
}
