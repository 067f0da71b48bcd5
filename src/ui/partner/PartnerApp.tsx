import type { SupabaseClient } from '@supabase/supabase-js';
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { isAbortError } from '../../data/abort';
import { loadSharedPackage } from '../../data/supabase/shareLinks';
import { readSharePackage, type SharePackage, type SharePackageRead } from '../../domain/sharePackage';
import { LANGUAGES, translate, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { issueReasonText } from '../i18n/problemText';
import { setLanguage, useAppState, useAppStore } from '../shell/appStore';
import type { PartnerRoute } from '../shell/partnerRoute';
import { formatDate } from '../common/sharing/partnerText';
import { PartnerView } from './PartnerView';
import '../common/sharing/partner.css';
import { safeLocalStorage } from '../../data/browserStorage';

type Shown =
  | { status: 'choose'; message: string | null }
  | { status: 'loading' }
  | { status: 'shown'; pkg: SharePackage }
  | { status: 'failed'; message: string; canOpenFile: boolean };


/** The partner's message for a package file that cannot be shown, or null when it can. */
export function packageProblem(read: SharePackageRead, language: Language, now: Date): string | null {
  if (!read.ok) {
    switch (read.reason) {
      case 'not-json':
        return translate(language, 'partnerReadNotJson');
      case 'not-package':
        return translate(language, 'partnerReadNotPackage');
      case 'newer':
        return translate(language, 'partnerReadNewer');
      case 'invalid':
        return translate(language, 'partnerReadInvalid', { detail: read.detail });
    }
  }
  const expires = read.value.expiresAt;
  if (expires && new Date(expires).getTime() <= now.getTime()) return translate(language, 'partnerExpired', { date: formatDate(expires, language) });
  return null;
}

/**
 * The partner's page: read-only, no sign-in. `/s/<token>` asks the centre's Supabase for the link's aggregates (anon
 * key; the RPCs are SECURITY DEFINER and answer a live token with aggregates only); `#partner` opens a package file
 * (picker or drag and drop), read here and never sent anywhere. Nothing from the planner's app is loaded.
 */
export function PartnerApp({ route, supabase }: { route: PartnerRoute; supabase: SupabaseClient | null }) {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const [shown, setShown] = useState<Shown>(() =>
    route.kind === 'file' ? { status: 'choose', message: null } : supabase ? { status: 'loading' } : { status: 'failed', message: translate(language, 'partnerLinkNeedsServer'), canOpenFile: true },
  );

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${translate(language, 'appName')} · ${translate(language, 'partnerTitle')}`;
  }, [language]);

  useEffect(() => {
    if (route.kind !== 'link' || !supabase) return;
    const controller = new AbortController();
    loadSharedPackage(supabase, route.token, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (result.ok) setShown({ status: 'shown', pkg: result.value });
        else {
          const lang = store.getState().language;
          const message =
            result.reason === 'malformed'
              ? translate(lang, 'partnerLinkMalformed')
              : result.reason === 'not-found'
                ? translate(lang, 'partnerLinkNotFound')
                : translate(lang, 'partnerLinkFailed', { reason: issueReasonText(result.issue, lang) });
          setShown({ status: 'failed', message, canOpenFile: false });
        }
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        setShown({ status: 'failed', message: translate(store.getState().language, 'partnerLinkFailed', { reason: String(error) }), canOpenFile: false });
      },
    );
    return () => controller.abort();
  }, [route, supabase, store]);

  const openFile = useCallback(
    async (file: File) => {
      const text = await file.text();
      const read = readSharePackage(text);
      const lang = store.getState().language;
      const problem = packageProblem(read, lang, new Date());
      if (problem || !read.ok) setShown({ status: 'choose', message: problem });
      else setShown({ status: 'shown', pkg: read.value });
    },
    [store],
  );

  return (
    <div className="app partner-app">
      <header className="app-header">
        <h1 className="app-title">
          {t('appName')} · {t('partnerTitle')}
        </h1>
        <div className="app-header-tools">
          <div className="lang-switch" role="group" aria-label={t('languageLabel')}>
            {LANGUAGES.map((code) => (
              <button key={code} type="button" className="lang-button" lang={code} aria-pressed={language === code} onClick={() => setLanguage(store, code, safeLocalStorage())}>
                {code.toUpperCase()}
                <span className="visually-hidden"> – {code === 'pl' ? t('languagePl') : t('languageEn')}</span>
              </button>
            ))}
          </div>
        </div>
      </header>
      <main className="partner-main">
        {shown.status === 'loading' ? <p role="status">{t('partnerLoading')}</p> : null}
        {shown.status === 'failed' ? (
          <>
            <p className="partner-error" role="alert">
              {shown.message}
            </p>
            {shown.canOpenFile ? <PackagePicker onFile={openFile} message={null} /> : null}
          </>
        ) : null}
        {shown.status === 'choose' ? <PackagePicker onFile={openFile} message={shown.message} /> : null}
        {shown.status === 'shown' ? <PartnerView pkg={shown.pkg} fromLink={route.kind === 'link'} onOpenOther={route.kind === 'file' ? () => setShown({ status: 'choose', message: null }) : undefined} /> : null}
      </main>
    </div>
  );
}

/** "Otwórz pakiet od ośrodka": a file input and a drop zone. */
function PackagePicker({ onFile, message }: { onFile: (file: File) => Promise<void>; message: string | null }) {
  const t = useT();
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const take = (file: File | undefined) => {
    if (file) void onFile(file);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };
  return (
    <section
      className="partner-picker"
      data-dragging={dragging ? 'true' : undefined}
      aria-labelledby={`${inputId}-title`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id={`${inputId}-title`}>{t('partnerOpenTitle')}</h2>
      <p>{t('partnerOpenIntro')}</p>
      <label className="partner-file-label" htmlFor={inputId}>
        {t('partnerOpenTitle')}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="partner-file-input"
        type="file"
        accept="application/json,.json"
        onChange={(event) => {
          take(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <p className="partner-drop-hint" aria-hidden="true">
        {t('partnerDropHere')}
      </p>
      {message ? (
        <p className="partner-error" role="alert">
          {message}
        </p>
      ) : null}
    </section>
  );
}
