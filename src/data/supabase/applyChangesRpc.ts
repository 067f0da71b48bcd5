import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { InputIssue } from '../../domain';
import type { WriteResult } from '../dataSource';
import { abortError } from '../abort';
import type { ValidatedChanges } from '../workspaceChanges';
import { malformedReplyIssue, serverIssue, serverSideIssue, SERVER_SOURCE } from './serverIssues';

/**
 * DataSource.applyChanges on Supabase: one call of the apply_changes RPC
 * (apply_changes in supabase/migrations/20250601000800_record_rpcs.sql), which writes everything in one transaction under the
 * caller's RLS, or nothing. The changes reach it already validated (workspaceChanges.ts); the server checks again.
 */

/** At most this many records and ids together in one call (the RPC's own limit, as for save_records). */
export const MAX_CHANGES_PER_CALL = 10_000;

/** The RPC's reply: `{ok: true, saved, deleted}` or `{ok: false, issues: [{collection?, row?, field, message}]}`. */
export const ApplyChangesReply = z.object({
  ok: z.boolean(),
  issues: z
    .array(z.object({
      collection: z.string().nullable().optional(),
      row: z.number().int().min(0).nullable().optional(),
      field: z.string(),
      message: z.string(),
    }))
    .optional(),
});

/** The RPC's argument: non-empty lists only, by collection, as `{upserts: {streets: […]}, deletes: {addresses: […]}}`. */
export function applyChangesPayload(changes: ValidatedChanges): { upserts: Record<string, unknown[]>; deletes: Record<string, string[]> } {
  return {
    upserts: Object.fromEntries(changes.upserts.map(({ collection, records }) => [collection, records])),
    deletes: Object.fromEntries(changes.deletes.map(({ collection, ids }) => [collection, ids])),
  };
}

const WHAT = 'save_changes' as const;

/** Calls apply_changes and reads its reply; every failure is an InputIssue. An abort rejects with an AbortError. */
export async function callApplyChanges(client: SupabaseClient, organisationId: string, changes: ValidatedChanges, signal: AbortSignal | undefined): Promise<WriteResult> {
  let call = client.rpc('apply_changes', { p_organisation_id: organisationId, p_changes: applyChangesPayload(changes) });
  if (signal) call = call.abortSignal(signal);
  const { data, error, status } = await call;
  if (signal?.aborted) throw abortError();
  if (error) return { ok: false, issues: [serverIssue(error, status, WHAT)] };
  const reply = ApplyChangesReply.safeParse(data);
  if (!reply.success) return { ok: false, issues: [malformedReplyIssue(WHAT, reply.error)] };
  if (reply.data.ok) return { ok: true };
  const issues = (reply.data.issues ?? []).map((issue): InputIssue => ({
    source: issue.collection ?? SERVER_SOURCE,
    ...(typeof issue.row === 'number' ? { row: issue.row } : {}),
    field: issue.field,
    message: issue.message,
  }));
  return { ok: false, issues: issues.length ? issues : [serverSideIssue('(changes)', { code: 'refused_without_reason', action: WHAT }, 'saving the changes: the server refused them without saying why; nothing was saved')] };
}
