import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createEmbeddedDataSource } from '../../src/data/embedded';
import { translate } from '../../src/ui/i18n/dictionary';
import { AuthGate, hasSignIn } from '../../src/ui/shell/auth/AuthGate';
import { SupabaseAuthGate } from '../../src/ui/shell/auth/SupabaseAuthGate';
import { signInErrorMessage } from '../../src/ui/shell/auth/authMessages';
import { authReducer, createAuthController, INITIAL_AUTH_STATE, type AuthController, type AuthState } from '../../src/ui/shell/auth/authState';
import { SignInForm } from '../../src/ui/shell/auth/SignInForm';
import { validateSignIn } from '../../src/ui/shell/auth/signInValidation';
import { AppStoreContext, createAppStore, initialAppState } from '../../src/ui/shell/appStore';
import { EMAIL, SESSION_REPLY, USER_ID, replyMemberships, stubFetch, stubbedDataSource } from '../data/supabase/stubFetch';

// The adapter over a stubbed fetch (tests/data/supabase/stubFetch.ts: canned GoTrue/PostgREST replies in order).

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Every state the controller passes through, from its start. */
function record(controller: AuthController): AuthState[] {
  const seen: AuthState[] = [controller.getState()];
  controller.subscribe(() => seen.push(controller.getState()));
  return seen;
}
const statuses = (states: AuthState[]) => states.map((s) => (s.status === 'signedIn' ? `signedIn:${s.role}` : s.status));

describe('sign-in form validation', () => {
  it('asks for the e-mail first, then its shape, then the password; trims the e-mail but never the password', () => {
    expect(validateSignIn({ email: '   ', password: 'x' })).toEqual({ ok: false, error: { field: 'email', key: 'signInEmailMissing' } });
    expect(validateSignIn({ email: 'jan.kowalski', password: 'x' })).toEqual({ ok: false, error: { field: 'email', key: 'signInEmailInvalid' } });
    expect(validateSignIn({ email: 'jan @ops.pl', password: 'x' })).toEqual({ ok: false, error: { field: 'email', key: 'signInEmailInvalid' } });
    expect(validateSignIn({ email: 'jan@ops.pl', password: '' })).toEqual({ ok: false, error: { field: 'password', key: 'signInPasswordMissing' } });
    expect(validateSignIn({ email: ' jan@ops.pl\n', password: ' spacja na końcu ' })).toEqual({ ok: true, value: { email: 'jan@ops.pl', password: ' spacja na końcu ' } });
    expect(validateSignIn({ email: 42, password: null })).toEqual({ ok: false, error: { field: 'email', key: 'signInEmailMissing' } });
  });
});

describe('the sign-in state machine', () => {
  const user = { id: USER_ID, email: EMAIL };
  const other = { id: 'another-user', email: 'inna@ops.pl' };

  it('goes signed-out → signing-in → signed-in → (role) → signing-out → signed-out, keeping the e-mail for the form', () => {
    let s = authReducer(INITIAL_AUTH_STATE, { type: 'sessionChecked', user: null });
    expect(s).toEqual({ status: 'signedOut', email: '', message: null });
    s = authReducer(s, { type: 'submitted', email: EMAIL });
    expect(s).toEqual({ status: 'signingIn', email: EMAIL });
    s = authReducer(s, { type: 'signedIn', user });
    expect(s).toEqual({ status: 'signedIn', user, role: 'loading' });
    s = authReducer(s, { type: 'roleLoaded', userId: 'someone-else', role: 'admin' });
    expect(s).toMatchObject({ role: 'loading' });
    s = authReducer(s, { type: 'roleLoaded', userId: USER_ID, role: 'planner' });
    expect(s).toEqual({ status: 'signedIn', user, role: 'planner' });
    s = authReducer(s, { type: 'signOutStarted' });
    expect(s).toEqual({ status: 'signingOut', user, role: 'planner' });
    expect(authReducer(s, { type: 'signedOut', message: null })).toEqual({ status: 'signedOut', email: EMAIL, message: null });
  });

  it('returns to the form with the message when refused, and ignores what does not apply', () => {
    const signingIn: AuthState = { status: 'signingIn', email: EMAIL };
    expect(authReducer(signingIn, { type: 'refused', email: EMAIL, message: { key: 'signInWrongCredentials' } }))
      .toEqual({ status: 'signedOut', email: EMAIL, message: { key: 'signInWrongCredentials' } });
    // A second submit while signing in, or a stray sign-in result, changes nothing (same object: no re-render).
    expect(authReducer(signingIn, { type: 'submitted', email: 'x@y.pl' })).toBe(signingIn);
    const signedOut: AuthState = { status: 'signedOut', email: '', message: null };
    expect(authReducer(signedOut, { type: 'signedIn', user })).toBe(signedOut);
    expect(authReducer(INITIAL_AUTH_STATE, { type: 'submitted', email: EMAIL })).toBe(INITIAL_AUTH_STATE);
  });

  it('follows other tabs: a session that ends signs out here; a different user replaces the signed-in one', () => {
    const signedIn: AuthState = { status: 'signedIn', user, role: 'admin' };
    expect(authReducer(signedIn, { type: 'userChanged', user })).toBe(signedIn); // token refresh
    expect(authReducer(signedIn, { type: 'userChanged', user: null })).toEqual({ status: 'signedOut', email: EMAIL, message: null });
    expect(authReducer(signedIn, { type: 'userChanged', user: other })).toEqual({ status: 'signedIn', user: other, role: 'loading' });
    const signingIn: AuthState = { status: 'signingIn', email: EMAIL };
    expect(authReducer(signingIn, { type: 'userChanged', user })).toBe(signingIn); // our own sign-in finishes by its own event
  });
});

describe('the sign-in controller over the Supabase adapter (stubbed fetch)', () => {
  it('starts signed out without a request when there is no stored session', async () => {
    const stub = stubFetch();
    const controller = createAuthController(stubbedDataSource(stub));
    const seen = record(controller);
    controller.start();
    await settle();
    expect(statuses(seen)).toEqual(['checking', 'signedOut']);
    expect(stub.requests).toEqual([]);
    controller.dispose();
  });

  it('refuses a form without a password before sending anything', async () => {
    const stub = stubFetch();
    const controller = createAuthController(stubbedDataSource(stub));
    controller.start();
    await settle();
    await controller.signIn({ email: EMAIL, password: '' });
    expect(controller.getState()).toEqual({ status: 'signedOut', email: EMAIL, message: { key: 'signInPasswordMissing', field: 'password' } });
    expect(stub.requests).toEqual([]);
    controller.dispose();
  });

  it('signs in, then reads the role: signed-out → signing-in → signed-in (loading) → signed-in (planner)', async () => {
    const stub = stubFetch();
    const controller = createAuthController(stubbedDataSource(stub));
    const seen = record(controller);
    controller.start();
    await settle();
    stub.reply({ status: 200, json: SESSION_REPLY });
    replyMemberships(stub, [{ organisation_id: 'ops-a', role: 'planner' }]);
    await controller.signIn({ email: ` ${EMAIL} `, password: 'correct horse battery staple' });
    await settle();
    expect(statuses(seen)).toEqual(['checking', 'signedOut', 'signingIn', 'signedIn:loading', 'signedIn:planner']);
    expect(controller.getState()).toEqual({ status: 'signedIn', user: { id: USER_ID, email: EMAIL }, role: 'planner' });
    expect(stub.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['POST /auth/v1/token', 'GET /rest/v1/memberships']);
    expect(stub.requests[0]!.body).toMatchObject({ email: EMAIL, password: 'correct horse battery staple' });

    stub.reply({ status: 204 });
    await controller.signOut();
    expect(controller.getState()).toEqual({ status: 'signedOut', email: EMAIL, message: null });
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', path: '/auth/v1/logout?scope=local' });
    controller.dispose();
  });

  it('says "no centre" for an account without membership', async () => {
    const stub = stubFetch();
    const controller = createAuthController(stubbedDataSource(stub));
    controller.start();
    await settle();
    stub.reply({ status: 200, json: SESSION_REPLY });
    replyMemberships(stub, []);
    await controller.signIn({ email: EMAIL, password: 'pw' });
    await settle();
    expect(controller.getState()).toMatchObject({ status: 'signedIn', role: 'none' });
    controller.dispose();
  });

  const refusals: [string, Parameters<ReturnType<typeof stubFetch>['reply']>[0], string, string][] = [
    ['wrong password', { status: 400, json: { code: 'invalid_credentials', error_code: 'invalid_credentials', msg: 'Invalid login credentials' } },
      'Nieprawidłowy e-mail lub hasło.', 'Wrong e-mail or password.'],
    ['e-mail not confirmed', { status: 400, json: { code: 'email_not_confirmed', error_code: 'email_not_confirmed', msg: 'Email not confirmed' } },
      'Najpierw potwierdź adres e-mail (link jest w wysłanej do Ciebie wiadomości).', 'Confirm your e-mail address first (the link is in the message you were sent).'],
    ['too many attempts', { status: 429, json: { code: 'over_request_rate_limit', error_code: 'over_request_rate_limit', msg: 'Rate limit' } },
      'Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.', 'Too many attempts. Wait a minute and try again.'],
    ['network down', { networkError: 'fetch failed' },
      'Nie udało się połączyć z serwerem. Sprawdź połączenie i spróbuj ponownie.', 'The server could not be reached. Check the connection and try again.'],
    ['an unknown server error', { status: 500, json: { code: 'unexpected_failure', error_code: 'unexpected_failure', msg: 'Database error querying schema' } },
      'Nie udało się zalogować: Database error querying schema', 'Sign-in failed: Database error querying schema'],
  ];
  for (const [what, reply, pl, en] of refusals) {
    it(`shows the adapter's message in Polish and English: ${what}`, async () => {
      const stub = stubFetch();
      const controller = createAuthController(stubbedDataSource(stub));
      const seen = record(controller);
      controller.start();
      await settle();
      stub.reply(reply);
      await controller.signIn({ email: EMAIL, password: 'wrong' });
      expect(statuses(seen)).toEqual(['checking', 'signedOut', 'signingIn', 'signedOut']);
      const state = controller.getState();
      if (state.status !== 'signedOut' || !state.message) throw new Error(`expected a refusal, got ${state.status}`);
      expect(state.email).toBe(EMAIL);
      expect(translate('pl', state.message.key, state.message.params)).toBe(pl);
      expect(translate('en', state.message.key, state.message.params)).toBe(en);
      controller.dispose();
    });
  }
});

describe('the sign-in screen', () => {
  const withStore = (element: ReturnType<typeof createElement>, language: 'pl' | 'en' = 'pl') => {
    const store = createAppStore({ ...initialAppState(undefined), language });
    return renderToStaticMarkup(createElement(AppStoreContext.Provider, { value: store }, element));
  };

  it('renders e-mail, password and "Zaloguj się", and a server\'s reason as text, never as HTML', () => {
    const reason = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const message = signInErrorMessage({ code: 'failed', detail: reason });
    const html = withStore(createElement(SignInForm, { state: { status: 'signedOut', email: EMAIL, message }, onSubmit: () => {} }));
    expect(html).toContain('type="email"');
    expect(html).toContain('type="password"');
    expect(html).toContain('>Zaloguj się</button>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Nie udało się zalogować: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<img|<script/);
  });

  it('says "Signing in…" and disables the form while signing in, in English', () => {
    const html = withStore(createElement(SignInForm, { state: { status: 'signingIn', email: EMAIL }, onSubmit: () => {} }), 'en');
    expect(html).toContain('Signing in…');
    expect(html.match(/disabled=""/g)?.length).toBe(3); // e-mail, password, button
  });

  it('changes nothing with the embedded adapter: no sign-in, the app as it was', () => {
    const embedded = createEmbeddedDataSource();
    expect(hasSignIn(embedded)).toBe(false);
    expect(hasSignIn(stubbedDataSource(stubFetch()))).toBe(true);
    const html = withStore(createElement(AuthGate, { dataSource: embedded, children: createElement('p', null, 'the app') }));
    expect(html).toBe('<p>the app</p>');
  });

  it('with the Supabase adapter, shows no app before the session is known', () => {
    // AuthGate loads the sign-in part (SupabaseAuthGate) as a chunk of its own: nothing of the app before it is there.
    expect(withStore(createElement(AuthGate, { dataSource: stubbedDataSource(stubFetch()), children: createElement('p', null, 'the app') }))).not.toContain('the app');
    const html = withStore(createElement(SupabaseAuthGate, { session: stubbedDataSource(stubFetch()), children: createElement('p', null, 'the app') }));
    expect(html).toContain('role="status"');
    expect(html).toContain('Sprawdzanie, czy jesteś zalogowany…');
    expect(html).not.toContain('the app');
  });
});
