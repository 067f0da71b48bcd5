import { useEffect, useRef } from 'react';
import type { ScreenId } from '../../../share/viewState';
import { LANGUAGES, type Language } from '../../i18n/dictionary';
import { useT } from '../../i18n/useT';
import { setLanguage, useAppState, useAppStore } from '../appStore';
import { AccountBadge } from '../auth/AccountBadge';
import { SettingsMenu } from './SettingsMenu';
import { safeLocalStorage } from '../../../data/browserStorage';


/** Scrolls a sideways-scrolling tab strip just enough that the whole tab shows (Chromium leaves a half-hidden one as is). */
function revealTab(strip: HTMLElement, tab: HTMLElement): void {
  if (strip.scrollWidth <= strip.clientWidth) return;
  const stripBox = strip.getBoundingClientRect();
  const tabBox = tab.getBoundingClientRect();
  if (tabBox.left < stripBox.left) strip.scrollLeft += tabBox.left - stripBox.left - 8;
  else if (tabBox.right > stripBox.right) strip.scrollLeft += tabBox.right - stripBox.right + 8;
}

interface HeaderProps {
  town: string | undefined;
  onResetDemo: (() => Promise<void>) | undefined;
  /** The embedded default's open workspace; absent on Supabase. */
  workspaceId?: string | undefined;
  /** Which view the URL shows: its tab is marked current. */
  view?: ScreenId;
}

/** "CAL Map · Dębowo", the views that work today, the language switch and the settings menu. */
export function Header({ town, onResetDemo, workspaceId, view = 'map' }: HeaderProps) {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const names: Record<Language, string> = { pl: t('languagePl'), en: t('languageEn') };
  const tabsRef = useRef<HTMLElement>(null);

  // On a narrow screen the tab strip scrolls sideways: bring the current tab into sight (the strip only, never the page).
  useEffect(() => {
    const strip = tabsRef.current;
    const current = strip?.querySelector<HTMLElement>('[aria-current="page"]');
    if (strip && current) revealTab(strip, current);
  }, [view]);

  return (
    <header className="app-header">
      <h1 className="app-title">
        {t('appName')}
        {town ? ` · ${town}` : null}
      </h1>
      <nav
        ref={tabsRef}
        className="app-tabs"
        aria-label={t('navLabel')}
        onFocus={(event) => {
          if (event.target instanceof HTMLElement) revealTab(event.currentTarget, event.target);
        }}
      >
        <a className="app-tab" href="#map" aria-current={view === 'map' ? 'page' : undefined}>
          {t('tabMap')}
        </a>
        <a className="app-tab" href="#ankiety" aria-current={view === 'campaigns' ? 'page' : undefined}>
          {t('tabCampaigns')}
        </a>
        <a className="app-tab" href="#zasoby" aria-current={view === 'resources' ? 'page' : undefined}>
          {t('tabResources')}
        </a>
        <a className="app-tab" href="#ankieta" aria-current={view === 'survey' ? 'page' : undefined}>
          {t('surveyTab')}
        </a>
        <a className="app-tab" href="#programy" aria-current={view === 'programmes' ? 'page' : undefined}>
          {t('tabProgrammes')}
        </a>
        <a className="app-tab" href="#raport" aria-current={view === 'report' ? 'page' : undefined}>
          {t('tabReport')}
        </a>
      </nav>
      <div className="app-header-tools">
        <div className="lang-switch" role="group" aria-label={t('languageLabel')}>
          {LANGUAGES.map((code) => (
            <button
              key={code}
              type="button"
              className="lang-button"
              lang={code}
              aria-pressed={language === code}
              title={names[code]}
              onClick={() => setLanguage(store, code, safeLocalStorage())}
            >
              {code.toUpperCase()}
              <span className="visually-hidden"> – {names[code]}</span>
            </button>
          ))}
        </div>
        <AccountBadge />
        <SettingsMenu onResetDemo={onResetDemo} workspaceId={workspaceId} />
      </div>
    </header>
  );
}
