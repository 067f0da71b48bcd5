import type { MessageKey } from '../../i18n/dictionary';

/** What the sign-in form sends, once checked: the e-mail trimmed, the password exactly as typed. */
export type SignInInput = { email: string; password: string };

/** A problem the person can fix: the field it belongs to and the dictionary key of its message. */
export type SignInFieldError = { field: 'email' | 'password'; key: MessageKey };

// Deliberately loose: the server decides what an account is; this only catches a slip before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/**
 * Checks the sign-in form before anything is sent: e-mail present and shaped like one, password present.
 * The password is never trimmed (spaces may be part of it).
 *
 * @example validateSignIn({ email: ' ala@ops.pl ', password: 'x' }) // { ok: true, value: { email: 'ala@ops.pl', password: 'x' } }
 */
export function validateSignIn(input: { email: unknown; password: unknown }): { ok: true; value: SignInInput } | { ok: false; error: SignInFieldError } {
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email) return { ok: false, error: { field: 'email', key: 'signInEmailMissing' } };
  if (!EMAIL_SHAPE.test(email)) return { ok: false, error: { field: 'email', key: 'signInEmailInvalid' } };
  if (!password) return { ok: false, error: { field: 'password', key: 'signInPasswordMissing' } };
  return { ok: true, value: { email, password } };
}
