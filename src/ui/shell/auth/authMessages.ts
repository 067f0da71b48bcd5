import type { MessageKey } from '../../i18n/dictionary';

/** A message for the sign-in screen: a dictionary key and its parameters (translated when shown). */
export interface AuthMessage {
  key: MessageKey;
  params?: Readonly<Record<string, string>>;
  field?: 'email' | 'password';
}

/**
 * The adapter's sign-in messages (src/data/supabase/session.ts signInMessage, English) as dictionary keys, so the form
 * speaks Polish or English. A message the adapter may add later still shows, as the reason of `signInFailed`.
 * tests/ui/authSignIn.test.ts drives the adapter over a stubbed fetch, so a changed wording there fails a test here.
 */
export function signInErrorMessage(adapterMessage: string): AuthMessage {
  const exact: Record<string, MessageKey> = {
    'wrong e-mail or password': 'signInWrongCredentials',
    'confirm your e-mail address first (see the link in the message you were sent)': 'signInNotConfirmed',
    "this account is blocked; ask your centre's admin": 'signInBlocked',
    'too many attempts; wait a minute and try again': 'signInRateLimited',
    'enter your e-mail and password': 'signInEmailMissing',
  };
  const key = exact[adapterMessage];
  if (key) return { key };
  if (adapterMessage.startsWith('the server could not be reached')) return { key: 'signInUnreachable' };
  const reason = adapterMessage.startsWith('sign-in failed: ') ? adapterMessage.slice('sign-in failed: '.length) : adapterMessage;
  return { key: 'signInFailed', params: { reason } };
}
