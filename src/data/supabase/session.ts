import type { SupabaseClient, User } from '@supabase/supabase-js';
import { z } from 'zod';
import { Id, type InputIssue } from '../../domain';
import { raceAbort, throwIfAborted, abortError } from '../abort';
import { malformedReplyIssue, serverIssue, serverSideIssue } from './serverIssues';

/**
 * Sign-in, sign-out, the signed-in user and their role in a centre, for the Supabase adapter. The UI's sign-in form
 * talks to these through the SupabaseDataSource; nothing here throws for a wrong password or a dead network (the
 * results say why), and an abort rejects with an AbortError.
 */

/** Roles of supabase/migrations …_organisations_memberships.sql (public.member_role). */
export const MEMBER_ROLES = ['admin', 'planner', 'surveyor', 'partner'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface SignedInUser {
  id: string;
  email: string | null;
}

export interface Membership {
  organisationId: string;
  role: MemberRole;
}

/** Why a sign-in failed, as a code the UI words (shell/auth/authMessages.ts); `detail` is the server's or browser's own text. */
export type SignInFailure =
  | { code: 'wrong_credentials' | 'not_confirmed' | 'blocked' | 'rate_limited' | 'missing' }
  | { code: 'unreachable' | 'failed'; detail: string };
/** `message` is English, for logs and tests; the UI words `failure`. */
export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; message: string; failure: SignInFailure };
export type SignOutResult = { ok: true } | { ok: false; message: string };
/** The caller's memberships, sorted by organisation id; `current` is the one the adapter reads and writes. */
export type MembershipResult = { ok: true; memberships: Membership[]; current: Membership | null } | { ok: false; issues: InputIssue[] };

const MembershipRow = z.object({ organisation_id: Id, role: z.enum(MEMBER_ROLES) });

const userOf = (user: Pick<User, 'id' | 'email'>): SignedInUser => ({ id: user.id, email: user.email ?? null });

/** Why a sign-in failed (GoTrue error codes, https://supabase.com/docs/guides/auth/debugging/error-codes), with its log text. */
function signInFailure(error: { code?: string | undefined; status?: number | undefined; message: string }): { message: string; failure: SignInFailure } {
  switch (error.code) {
    case 'invalid_credentials':
      return { message: 'wrong e-mail or password', failure: { code: 'wrong_credentials' } };
    case 'email_not_confirmed':
      return { message: 'confirm your e-mail address first (see the link in the message you were sent)', failure: { code: 'not_confirmed' } };
    case 'user_banned':
      return { message: "this account is blocked; ask your centre's admin", failure: { code: 'blocked' } };
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return { message: 'too many attempts; wait a minute and try again', failure: { code: 'rate_limited' } };
  }
  if (!error.status) return { message: `the server could not be reached (${error.message}); check the connection and try again`, failure: { code: 'unreachable', detail: error.message } };
  return { message: `sign-in failed: ${error.message}`, failure: { code: 'failed', detail: error.message } };
}

export interface SessionApi {
  signIn(email: string, password: string, signal?: AbortSignal): Promise<SignInResult>;
  signOut(signal?: AbortSignal): Promise<SignOutResult>;
  /** The signed-in user from the stored session (no request), or null. */
  currentUser(signal?: AbortSignal): Promise<SignedInUser | null>;
  /** The caller's memberships (GET /rest/v1/memberships, own rows) and the one in use. */
  membership(signal?: AbortSignal): Promise<MembershipResult>;
  /** Calls `listener` on sign-in, sign-out and token refresh; returns the unsubscribe function. */
  onUserChange(listener: (user: SignedInUser | null) => void): () => void;
}

/**
 * The session half of the adapter over one supabase-js client. `organisationId` pins the centre when a user belongs
 * to several; otherwise the first membership by organisation id is used. Memberships are cached per user.
 */
export function createSessionApi(client: SupabaseClient, organisationId?: string): SessionApi {
  let cached: { userId: string; result: Extract<MembershipResult, { ok: true }> } | undefined;

  async function currentUser(signal?: AbortSignal): Promise<SignedInUser | null> {
    throwIfAborted(signal);
    const { data } = await raceAbort(client.auth.getSession(), signal);
    return data.session ? userOf(data.session.user) : null;
  }

  return {
    async signIn(email, password, signal) {
      throwIfAborted(signal);
      if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password) return { ok: false, message: 'enter your e-mail and password', failure: { code: 'missing' } };
      const { data, error } = await raceAbort(client.auth.signInWithPassword({ email: email.trim(), password }), signal);
      if (error || !data.user) return { ok: false, ...signInFailure(error ?? { message: 'no user in the reply', status: 200 }) };
      cached = undefined;
      return { ok: true, user: userOf(data.user) };
    },

    async signOut(signal) {
      throwIfAborted(signal);
      cached = undefined;
      // scope 'local': forget this browser's session even when the server cannot be told.
      const { error } = await raceAbort(client.auth.signOut({ scope: 'local' }), signal);
      return error ? { ok: false, message: `signed out here, but the server could not be told (${error.message})` } : { ok: true };
    },

    currentUser,

    async membership(signal) {
      const user = await currentUser(signal);
      if (!user) return { ok: false, issues: [serverSideIssue('(session)', { code: 'not_signed_in' }, 'you are not signed in; sign in to see your centre\'s data')] };
      if (cached?.userId === user.id) return cached.result;
      let query = client.from('memberships').select('organisation_id,role').eq('user_id', user.id).order('organisation_id');
      if (signal) query = query.abortSignal(signal);
      const { data, error, status } = await query;
      if (signal?.aborted) throw abortError();
      if (error) return { ok: false, issues: [serverIssue(error, status, 'read_role')] };
      const rows = z.array(MembershipRow).safeParse(data);
      if (!rows.success) return { ok: false, issues: [malformedReplyIssue('read_role', rows.error)] };
      const memberships = rows.data.map((row) => ({ organisationId: row.organisation_id, role: row.role }));
      const current = (organisationId === undefined ? memberships[0] : memberships.find((m) => m.organisationId === organisationId)) ?? null;
      const result = { ok: true as const, memberships, current };
      cached = { userId: user.id, result };
      return result;
    },

    onUserChange(listener) {
      const { data } = client.auth.onAuthStateChange((_event, session) => {
        cached = undefined;
        listener(session ? userOf(session.user) : null);
      });
      return () => data.subscription.unsubscribe();
    },
  };
}
