import { createContext, useContext } from 'react';
import type { AuthState } from './authState';

/** What the header needs of a signed-in session: who, which role, and how to sign out. Null with the embedded adapter. */
export interface SignedInSession {
  state: Extract<AuthState, { status: 'signedIn' | 'signingOut' }>;
  signOut(): void;
}

export const AuthContext = createContext<SignedInSession | null>(null);

/** The signed-in session, or null when there is no sign-in (the embedded demo). */
export function useSignedInSession(): SignedInSession | null {
  return useContext(AuthContext);
}
