import type { MemberRole, SessionApi, SignedInUser } from '../../../data/supabase';
import { signInErrorMessage, type AuthMessage } from './authMessages';
import { validateSignIn } from './signInValidation';

/** The role shown beside the e-mail: still loading, unknown (could not be read), none (no centre yet), or the role. */
export type RoleState = MemberRole | 'loading' | 'unknown' | 'none';

/**
 * The sign-in screen's states (Supabase adapter only):
 *   checking ─(no session)→ signedOut ─submit→ signingIn ─ok→ signedIn ─sign out→ signingOut → signedOut
 *   checking ─(session)──────────────────────────────────────→ signedIn        signingIn ─refused→ signedOut (message)
 * A sign-in or sign-out in another tab arrives as `userChanged`.
 */
export type AuthState =
  | { status: 'checking' }
  | { status: 'signedOut'; email: string; message: AuthMessage | null }
  | { status: 'signingIn'; email: string }
  | { status: 'signedIn'; user: SignedInUser; role: RoleState }
  | { status: 'signingOut'; user: SignedInUser; role: RoleState };

export type AuthEvent =
  | { type: 'sessionChecked'; user: SignedInUser | null }
  | { type: 'refused'; email: string; message: AuthMessage }
  | { type: 'submitted'; email: string }
  | { type: 'signedIn'; user: SignedInUser }
  | { type: 'roleLoaded'; userId: string; role: RoleState }
  | { type: 'signOutStarted' }
  | { type: 'signedOut'; message: AuthMessage | null }
  | { type: 'userChanged'; user: SignedInUser | null };

export const INITIAL_AUTH_STATE: AuthState = { status: 'checking' };

const signedOut = (email = '', message: AuthMessage | null = null): AuthState => ({ status: 'signedOut', email, message });

/** The next state; the same object when the event does not apply (so subscribers are not woken for nothing). */
export function authReducer(state: AuthState, event: AuthEvent): AuthState {
  switch (event.type) {
    case 'sessionChecked':
      if (state.status !== 'checking') return state;
      return event.user ? { status: 'signedIn', user: event.user, role: 'loading' } : signedOut();
    case 'refused':
      return state.status === 'signedOut' || state.status === 'signingIn' ? signedOut(event.email, event.message) : state;
    case 'submitted':
      return state.status === 'signedOut' ? { status: 'signingIn', email: event.email } : state;
    case 'signedIn':
      return state.status === 'signingIn' ? { status: 'signedIn', user: event.user, role: 'loading' } : state;
    case 'roleLoaded':
      return state.status === 'signedIn' && state.user.id === event.userId && state.role !== event.role ? { ...state, role: event.role } : state;
    case 'signOutStarted':
      return state.status === 'signedIn' ? { status: 'signingOut', user: state.user, role: state.role } : state;
    case 'signedOut':
      return state.status === 'signingOut' ? signedOut(state.user.email ?? '', event.message) : state;
    case 'userChanged': {
      // Our own sign-in and sign-out finish through their own events; this is for other tabs and expired sessions.
      if (state.status === 'signingIn' || state.status === 'signingOut' || state.status === 'checking') return state;
      if (!event.user) return state.status === 'signedIn' ? signedOut(state.user.email ?? '') : state;
      if (state.status === 'signedIn' && state.user.id === event.user.id) return state;
      return { status: 'signedIn', user: event.user, role: 'loading' };
    }
  }
}

export interface AuthController {
  getState(): AuthState;
  subscribe(listener: () => void): () => void;
  /** Reads the stored session and starts listening for changes; call once per mount (dispose undoes it). */
  start(): void;
  signIn(input: { email: unknown; password: unknown }): Promise<void>;
  signOut(): Promise<void>;
  /** Stops listening and aborts what is in flight (an abort is not an error). */
  dispose(): void;
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/**
 * Drives the sign-in states over the adapter's session API (signIn, signOut, currentUser, membership, onUserChange).
 * Never throws: wrong passwords, dead networks and unreadable roles become states with messages.
 */
export function createAuthController(session: SessionApi): AuthController {
  let state: AuthState = INITIAL_AUTH_STATE;
  const listeners = new Set<() => void>();
  let running: AbortController | null = null;
  let stopListening: (() => void) | null = null;
  let roleRequestedFor: string | null = null;

  function dispatch(event: AuthEvent): void {
    const next = authReducer(state, event);
    if (next === state) return;
    state = next;
    listeners.forEach((listener) => listener());
    if (state.status === 'signedIn' && state.role === 'loading' && roleRequestedFor !== state.user.id) void loadRole(state.user.id);
    if (state.status === 'signedOut') roleRequestedFor = null;
  }

  async function loadRole(userId: string): Promise<void> {
    roleRequestedFor = userId;
    const signal = running?.signal;
    try {
      const result = await session.membership(signal);
      dispatch({ type: 'roleLoaded', userId, role: !result.ok ? 'unknown' : result.current ? result.current.role : 'none' });
    } catch (error) {
      if (!isAbort(error)) dispatch({ type: 'roleLoaded', userId, role: 'unknown' });
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    start() {
      running?.abort();
      running = new AbortController();
      const { signal } = running;
      stopListening?.();
      stopListening = session.onUserChange((user) => dispatch({ type: 'userChanged', user }));
      session.currentUser(signal).then(
        (user) => dispatch({ type: 'sessionChecked', user }),
        (error: unknown) => {
          if (!isAbort(error)) dispatch({ type: 'sessionChecked', user: null });
        },
      );
    },

    async signIn(input) {
      if (state.status !== 'signedOut') return;
      const email = typeof input.email === 'string' ? input.email : '';
      const checked = validateSignIn(input);
      if (!checked.ok) {
        dispatch({ type: 'refused', email, message: { key: checked.error.key, field: checked.error.field } });
        return;
      }
      dispatch({ type: 'submitted', email: checked.value.email });
      try {
        const result = await session.signIn(checked.value.email, checked.value.password, running?.signal);
        if (result.ok) dispatch({ type: 'signedIn', user: result.user });
        else dispatch({ type: 'refused', email: checked.value.email, message: signInErrorMessage(result.failure) });
      } catch (error) {
        if (!isAbort(error)) dispatch({ type: 'refused', email: checked.value.email, message: signInErrorMessage({ code: 'failed', detail: error instanceof Error ? error.message : String(error) }) });
      }
    },

    async signOut() {
      if (state.status !== 'signedIn') return;
      dispatch({ type: 'signOutStarted' });
      try {
        const result = await session.signOut(running?.signal);
        dispatch({ type: 'signedOut', message: result.ok ? null : { key: 'signOutFailed', params: { reason: result.message } } });
      } catch (error) {
        if (!isAbort(error)) dispatch({ type: 'signedOut', message: { key: 'signOutFailed', params: { reason: error instanceof Error ? error.message : String(error) } } });
      }
    },

    dispose() {
      running?.abort();
      running = null;
      stopListening?.();
      stopListening = null;
      roleRequestedFor = null;
    },
  };
}
