import { Id, IsoDate, issuesFromZod, LeaderContact, type InputIssue, type SurveyResponse } from '../domain';
import { validateCollectionRecords } from './workspaceChanges';

/** Where issues about leader contacts point (the form and the planner's list word them). Shared by both adapters. */
export const LEADER_CONTACTS_SOURCE = 'leaderContacts';

/**
 * The response and its contact, validated as both adapters do before writing anything: each with its schema, and
 * the contact pointing at this response. Issues name the source (`responses`, `leaderContacts`) and the field.
 */
export function checkResponseWithContact(response: SurveyResponse, contact: LeaderContact):
  { ok: true; response: SurveyResponse; contact: LeaderContact } | { ok: false; issues: InputIssue[] } {
  const checked = validateCollectionRecords('responses', [response], false);
  const parsedContact = LeaderContact.safeParse(contact);
  const issues = [...(checked.ok ? [] : checked.issues), ...(parsedContact.success ? [] : issuesFromZod(parsedContact.error, LEADER_CONTACTS_SOURCE))];
  if (checked.ok && parsedContact.success && parsedContact.data.responseId !== checked.parsed[0]!.id) {
    issues.push({ source: LEADER_CONTACTS_SOURCE, field: 'responseId', message: 'the contact belongs to another response' });
  }
  if (!checked.ok || !parsedContact.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, response: checked.parsed[0] as SurveyResponse, contact: parsedContact.data };
}

/** A contact id, checked before anything is sent. */
export function checkContactId(id: string): { ok: true; id: string } | { ok: false; issues: InputIssue[] } {
  const validId = Id.safeParse(id);
  return validId.success ? { ok: true, id: validId.data } : { ok: false, issues: issuesFromZod(validId.error, LEADER_CONTACTS_SOURCE).map((issue) => ({ ...issue, field: 'id' })) };
}


/** A new deletion date, checked before anything is sent (the adapter checks it is sooner against the stored one). */
export function checkRetainUntil(retainUntil: string): { ok: true; retainUntil: string } | { ok: false; issues: InputIssue[] } {
  const parsed = IsoDate.safeParse(retainUntil);
  return parsed.success ? { ok: true, retainUntil: parsed.data } : { ok: false, issues: issuesFromZod(parsed.error, LEADER_CONTACTS_SOURCE).map((issue) => ({ ...issue, field: 'retainUntil' })) };
}
