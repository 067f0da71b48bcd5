import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { issuesFromZod, LeaderContact, type InputIssue, type SurveyResponse } from '../../domain';
import type { LeaderContactsResult, PurgeResult, WriteResult } from '../dataSource';
import { abortError } from '../abort';
import { LEADER_CONTACTS_SOURCE } from '../leaderContactChecks';
import { ApplyChangesReply } from './applyChangesRpc';
import { malformedReplyIssue, serverIssue, serverSideIssue, SERVER_SOURCE } from './serverIssues';

/**
 * The leader contacts on Supabase (supabase/migrations/20250601001300_leader_contacts.sql): the table
 * `leader_contacts`, read and written only by the centre's admins and planners (RLS), through the RPCs
 * list_leader_contacts (deletes the expired ones first), save_response_with_leader_contact (all or nothing),
 * delete_leader_contact and delete_expired_leader_contacts. Every reply is parsed; every failure is an InputIssue.
 */

async function call(client: SupabaseClient, fn: string, args: Record<string, unknown>, signal: AbortSignal | undefined) {
  let request = client.rpc(fn, args);
  if (signal) request = request.abortSignal(signal);
  const reply = await request;
  if (signal?.aborted) throw abortError();
  return reply;
}

/** Reads the centre's contacts; a stored row that fails the schema is reported and left out. */
export async function listLeaderContacts(client: SupabaseClient, organisationId: string, signal: AbortSignal | undefined): Promise<LeaderContactsResult> {
  const what = 'load_leader_contacts' as const;
  const { data, error, status } = await call(client, 'list_leader_contacts', { p_organisation_id: organisationId }, signal);
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const rows = z.array(z.unknown()).safeParse(data);
  if (!rows.success) return { ok: false, issues: [malformedReplyIssue(what, rows.error)] };
  const contacts: LeaderContact[] = [];
  const issues: InputIssue[] = [];
  rows.data.forEach((row, index) => {
    const parsed = LeaderContact.safeParse(row);
    if (parsed.success) contacts.push(parsed.data);
    else issues.push(...issuesFromZod(parsed.error, LEADER_CONTACTS_SOURCE, index));
  });
  return { ok: true, contacts, issues };
}

/** The household's answers and the contact in one database transaction (the RPC); both checked already. */
export async function saveResponseWithLeaderContact(
  client: SupabaseClient,
  organisationId: string,
  response: SurveyResponse,
  contact: LeaderContact,
  signal: AbortSignal | undefined,
): Promise<WriteResult> {
  const what = 'save_leader_contact' as const;
  const { data, error, status } = await call(client, 'save_response_with_leader_contact', {
    p_organisation_id: organisationId,
    p_response: response,
    p_contact: contact,
  }, signal);
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const reply = ApplyChangesReply.safeParse(data);
  if (!reply.success) return { ok: false, issues: [malformedReplyIssue(what, reply.error)] };
  if (reply.data.ok) return { ok: true };
  const refused = (reply.data.issues ?? []).map((issue): InputIssue => ({ source: issue.collection ?? SERVER_SOURCE, field: issue.field, message: issue.message }));
  return { ok: false, issues: refused.length ? refused : [serverSideIssue('(record)', { code: 'refused_without_reason', action: what }, 'saving the answers with the contact: the server refused it without saying why')] };
}

export async function deleteLeaderContact(client: SupabaseClient, organisationId: string, id: string, signal: AbortSignal | undefined): Promise<WriteResult> {
  const what = 'delete_leader_contact' as const;
  const { data, error, status } = await call(client, 'delete_leader_contact', { p_organisation_id: organisationId, p_id: id }, signal);
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const reply = ApplyChangesReply.safeParse(data);
  if (!reply.success) return { ok: false, issues: [malformedReplyIssue(what, reply.error)] };
  if (reply.data.ok) return { ok: true };
  return { ok: false, issues: (reply.data.issues ?? []).map((issue) => ({ source: LEADER_CONTACTS_SOURCE, field: issue.field, message: issue.message })) };
}

export async function deleteExpiredLeaderContacts(client: SupabaseClient, organisationId: string, signal: AbortSignal | undefined): Promise<PurgeResult> {
  const what = 'purge_leader_contacts' as const;
  const { data, error, status } = await call(client, 'delete_expired_leader_contacts', { p_organisation_id: organisationId }, signal);
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const deleted = z.number().int().min(0).safeParse(data);
  if (!deleted.success) return { ok: false, issues: [malformedReplyIssue(what, deleted.error)] };
  return { ok: true, deleted: deleted.data };
}

export async function shortenLeaderContactRetention(client: SupabaseClient, organisationId: string, id: string, retainUntil: string, signal: AbortSignal | undefined): Promise<WriteResult> {
  const what = 'shorten_leader_contact' as const;
  const { data, error, status } = await call(client, 'shorten_leader_contact_retention', { p_organisation_id: organisationId, p_id: id, p_retain_until: retainUntil }, signal);
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const reply = ApplyChangesReply.safeParse(data);
  if (!reply.success) return { ok: false, issues: [malformedReplyIssue(what, reply.error)] };
  if (reply.data.ok) return { ok: true };
  return { ok: false, issues: (reply.data.issues ?? []).map((issue) => ({ source: LEADER_CONTACTS_SOURCE, field: issue.field, message: issue.message })) };
}
