import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionApi } from '../../../data/supabase';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../appStore';
import { AuthContext, type SignedInSession } from './authContext';
import { createAuthController } from './authState';
import { SignInForm } from './SignInForm';
import './auth.css';

/**
 * The Supabase adapter's sign-in (AuthGate.tsx): the form before a session, the app after it. A chunk of its own, so
 * the embedded default (no sign-in) never loads the form, its checks and the session controller.
 */
export function SupabaseAuthGate({ session, children }: { session: SessionApi; children: ReactNode }) {
  const t = useT();
  const store = useAppStore();
  const controller = useMemo(() => createAuthController(session), [session]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);

  useEffect(() => {
    controller.start();
    return () => controller.dispose();
  }, [controller]);

  // Signed out: forget the previous user's workspace, so nothing of it stays in memory or shows to the next user.
  useEffect(() => {
    if (state.status === 'signedOut') store.setState((s) => (s.load.status === 'loading' && s.selection === null ? s : { ...s, selection: null, load: { status: 'loading' } }));
  }, [state.status, store]);

  const signedIn: SignedInSession | null = useMemo(
    () => (state.status === 'signedIn' || state.status === 'signingOut' ? { state, signOut: () => void controller.signOut() } : null),
    [state, controller],
  );

  if (state.status === 'checking') {
    return (
      <main className="auth-screen">
        <p role="status" className="auth-status">{t('signInChecking')}</p>
      </main>
    );
  }
  if (state.status === 'signedOut' || state.status === 'signingIn') {
    return <SignInForm state={state} onSubmit={(input) => void controller.signIn(input)} />;
  }
  return <AuthContext.Provider value={signedIn}>{children}</AuthContext.Provider>;
}
