import { z } from 'zod';
import type { InputIssue, ServerAction, ServerMessage } from '../../domain';

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

/** English names of the actions, for the log message every issue still carries (tests and the console read it). */
const ACTION_LOG: Readonly<Record<ServerAction, string>> = {
  load_workspace: "loading your centre's data",
  read_role: 'reading your role',
  save: 'saving',
  import: 'importing',
  delete: 'deleting',
  save_changes: 'saving the changes',
  list_share_links: 'listing share links',
  create_share_link: 'creating a share link',
  revoke_share_link: 'revoking a share link',
  open_partner_link: 'opening the partner link',
  read_shared_figures: 'reading the shared figures',
  load_leader_contacts: 'loading the leader contacts',
  save_leader_contact: 'saving the answers with the contact',
  delete_leader_contact: 'deleting the contact',
  purge_leader_contacts: 'deleting expired leader contacts',
  shorten_leader_contact: 'changing when a contact is deleted',
  read_map_tile: 'loading a map tile',
};

/** An issue from the server side: coded for the UI (`server`), with its English log text as `message`. */
export function serverSideIssue(field: string, server: ServerMessage, message: string, source: string = SERVER_SOURCE): InputIssue {
  return { source, field, message, server };
}

/**
 * One issue for a failed request. `action` names the request (worded by the UI, logged in English).
 * @example serverIssue({ code: '42501', message: 'permission denied for function save_record' }, 403, 'save')
 *          → { source: 'supabase', field: '(permission)', server: { code: 'not_allowed', action: 'save', tag: '42501' },
 *              message: 'saving: you are not allowed to do this in this centre (42501)' }
 */
export function serverIssue(error: ServerError | null | undefined, status: number, action: ServerAction): InputIssue {
  const what = ACTION_LOG[action];
  const code = typeof error?.code === 'string' ? error.code : '';
  const message = typeof error?.message === 'string' ? clip(error.message) : 'no message';
  const tag = code || (status ? `HTTP ${status}` : '');
  const tagText = tag ? ` (${tag})` : '';
  if (status === 0 || /^(FetchError|TypeError)\b/.test(message)) {
    return serverSideIssue('(network)', { code: 'unreachable', action, detail: message }, `${what}: the server could not be reached (${message}); check the connection and try again`);
  }
  if (status === 401 || code === 'PGRST301' || code === 'PGRST302' || code === 'PGRST303') {
    return serverSideIssue('(session)', { code: 'session_expired', action, tag }, `${what}: you are not signed in or your session has expired; sign in again${tagText}`);
  }
  if (status === 403 || code === '42501') {
    return serverSideIssue('(permission)', { code: 'not_allowed', action, tag }, `${what}: you are not allowed to do this in this centre${tagText}`);
  }
  if (code === 'PGRST202' || code === '42883') {
    return serverSideIssue('(server)', { code: 'missing_function', action, tag }, `${what}: the database lacks a function the app needs; apply supabase/migrations to it${tagText}`);
  }
  const details = typeof error?.details === 'string' && error.details ? `; ${clip(error.details)}` : '';
  const hint = typeof error?.hint === 'string' && error.hint ? clip(error.hint) : '';
  return serverSideIssue('(server)', { code: 'refused', action, detail: `${message}${details}`, tag, hint }, `${what}: the server refused the request: ${message}${details}${tagText}.${hint ? ` Hint: ${hint}` : ''}`);
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
export function malformedReplyIssue(action: ServerAction, error: z.ZodError): InputIssue {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.map(String).join('.') : '(reply)';
  const detail = first?.message ?? 'invalid';
  return serverSideIssue('(server)', { code: 'reply_not_understood', action, where, detail }, `${ACTION_LOG[action]}: the server's reply was not understood (${where}: ${detail}); are supabase/migrations applied?`);
}
