import { useId, useState, type FormEvent } from 'react';
import { LANGUAGES } from '../../i18n/dictionary';
import { useT } from '../../i18n/useT';
import { setLanguage, useAppState, useAppStore } from '../appStore';
import type { AuthState } from './authState';
import { safeLocalStorage } from '../../../data/browserStorage';


interface SignInFormProps {
  state: Extract<AuthState, { status: 'signedOut' | 'signingIn' }>;
  onSubmit(input: { email: string; password: string }): void;
}

/**
 * E-mail, password, "Zaloguj się". Messages are dictionary strings rendered as text (a server's reason included),
 * never as HTML. The field a message belongs to is marked invalid and described by it.
 */
export function SignInForm({ state, onSubmit }: SignInFormProps) {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const id = useId();
  const [email, setEmail] = useState(state.email);
  const [password, setPassword] = useState('');
  const busy = state.status === 'signingIn';
  const message = state.status === 'signedOut' ? state.message : null;
  const messageId = `${id}-message`;
  const invalid = (field: 'email' | 'password') => (message && (message.field === field || (!message.field && field === 'password')) ? true : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) onSubmit({ email, password });
  };

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <div className="auth-lang" role="group" aria-label={t('languageLabel')}>
          {LANGUAGES.map((code) => (
            <button key={code} type="button" className="auth-lang-button" lang={code} aria-pressed={language === code} onClick={() => setLanguage(store, code, safeLocalStorage())}>
              {code.toUpperCase()}
            </button>
          ))}
        </div>
        <h1 id={`${id}-title`} className="auth-title">{t('signInTitle')}</h1>
        <p className="auth-intro">{t('signInIntro')}</p>
        <label className="auth-label" htmlFor={`${id}-email`}>{t('signInEmail')}</label>
        <input
          id={`${id}-email`}
          className="auth-input"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={invalid('email')}
          aria-describedby={message ? messageId : undefined}
          disabled={busy}
          required
        />
        <label className="auth-label" htmlFor={`${id}-password`}>{t('signInPassword')}</label>
        <input
          id={`${id}-password`}
          className="auth-input"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={invalid('password')}
          aria-describedby={message ? messageId : undefined}
          disabled={busy}
          required
        />
        {message ? (
          <p id={messageId} className="auth-message" role="alert">
            {t(message.key, message.params)}
          </p>
        ) : null}
        <button type="submit" className="auth-submit" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('signInProgress') : t('signInSubmit')}
        </button>
      </form>
    </main>
  );
}
