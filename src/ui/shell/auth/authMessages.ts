import type { SignInFailure } from '../../../data/supabase';
import type { MessageKey } from '../../i18n/dictionary';

/** A message for the sign-in screen: a dictionary key and its parameters (translated when shown). */
export interface AuthMessage {
  key: MessageKey;
  params?: Readonly<Record<string, string>>;
  field?: 'email' | 'password';
}

/** Why the adapter refused a sign-in (src/data/supabase/session.ts, coded), as a dictionary key with the server's own detail. */
export function signInErrorMessage(failure: SignInFailure): AuthMessage {
  switch (failure.code) {
    case 'wrong_credentials':
      return { key: 'signInWrongCredentials' };
    case 'not_confirmed':
      return { key: 'signInNotConfirmed' };
    case 'blocked':
      return { key: 'signInBlocked' };
    case 'rate_limited':
      return { key: 'signInRateLimited' };
    case 'missing':
      return { key: 'signInEmailMissing' };
    case 'unreachable':
      return { key: 'signInUnreachable' };
    case 'failed':
      return { key: 'signInFailed', params: { reason: failure.detail } };
  }
}
