import { z } from 'zod';
import type { InputIssue } from '../../domain';

/**
 * What goes wrong between the app and Supabase, as InputIssues a user can act on: the network, the session, a
 * permission, a missing migration, or the server's own refusal (PostgREST's error JSON {code, message, details, hint}).
 * supabase-js never throws for these (it resolves with `{ data: null, error, status }`); this module words them.
 */

export const SERVER_SOURCE = 'supabase';

/** PostgREST's error body, and what supabase-js makes of a failed fetch (status 0, code ''). */
export interface ServerError {
  code?: string | undefined;
  message?: string | undefined;
  details?: string | null | undefined;
  hint?: string | null | undefined;
}

const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * One issue for a failed request. `what` names the request for the message ("loading the workspace").
 * @example serverIssue({ code: '42501', message: 'permission denied for function save_record' }, 403, 'saving')
 *          → { source: 'supabase', field: '(permission)', message: 'saving: you are not allowed to do this … (42501)' }
 */
export function serverIssue(error: ServerError | null | undefined, status: number, what: string): InputIssue {
  const code = typeof error?.code === 'string' ? error.code : '';
  const message = typeof error?.message === 'string' ? clip(error.message) : 'no message';
  const tag = code ? ` (${code})` : status ? ` (HTTP ${status})` : '';
  if (status === 0 || /^(FetchError|TypeError)\b/.test(message)) {
    return { source: SERVER_SOURCE, field: '(network)', message: `${what}: the server could not be reached (${message}); check the connection and try again` };
  }
  if (status === 401 || code === 'PGRST301' || code === 'PGRST302' || code === 'PGRST303') {
    return { source: SERVER_SOURCE, field: '(session)', message: `${what}: you are not signed in or your session has expired; sign in again${tag}` };
  }
  if (status === 403 || code === '42501') {
    return { source: SERVER_SOURCE, field: '(permission)', message: `${what}: you are not allowed to do this in this centre${tag}` };
  }
  if (code === 'PGRST202' || code === '42883') {
    return { source: SERVER_SOURCE, field: '(server)', message: `${what}: the database lacks a function the app needs; apply supabase/migrations to it${tag}` };
  }
  const details = typeof error?.details === 'string' && error.details ? `; ${clip(error.details)}` : '';
  const hint = typeof error?.hint === 'string' && error.hint ? ` Hint: ${clip(error.hint)}` : '';
  return { source: SERVER_SOURCE, field: '(server)', message: `${what}: the server refused the request: ${message}${details}${tag}.${hint}` };
}

/** The reply of save_record, delete_record and save_records: `{ok}` or `{ok: false, issues: [{row?, field, message}]}`. */
export const WriteReply = z.object({
  ok: z.boolean(),
  issues: z
    .array(z.object({ row: z.number().int().min(0).nullable().optional(), field: z.string(), message: z.string() }))
    .optional(),
});
export type WriteReply = z.infer<typeof WriteReply>;

/** An issue for a reply the server sent that is not the shape the migrations promise. */
export function malformedReplyIssue(what: string, error: z.ZodError): InputIssue {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.map(String).join('.') : '(reply)';
  return { source: SERVER_SOURCE, field: '(server)', message: `${what}: the server's reply was not understood (${where}: ${first?.message ?? 'invalid'}); are supabase/migrations applied?` };
}
