import { LANGUAGES, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { setLanguage, useAppState, useAppStore } from '../store/appStore';
import { AccountBadge } from '../auth/AccountBadge';
import { SettingsMenu } from './SettingsMenu';

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

interface HeaderProps {
  town: string | undefined;
  onResetDemo: (() => Promise<void>) | undefined;
  /** Which view the URL shows: its tab is marked current. */
  view?: 'map' | 'survey' | 'import' | 'campaigns' | 'resources' | 'report' | 'programmes';
}

/** "CAL Map · Dębowo", the views that work today, the language switch and the settings menu. */
export function Header({ town, onResetDemo, view = 'map' }: HeaderProps) {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const names: Record<Language, string> = { pl: t('languagePl'), en: t('languageEn') };

  return (
    <header className="app-header">
      <h1 className="app-title">
        {t('appName')}
        {town ? ` · ${town}` : null}
      </h1>
      <nav className="app-tabs" aria-label={t('navLabel')}>
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
              onClick={() => setLanguage(store, code, safeStorage())}
            >
              {code.toUpperCase()}
              <span className="visually-hidden"> – {names[code]}</span>
            </button>
          ))}
        </div>
        <AccountBadge />
        <SettingsMenu onResetDemo={onResetDemo} />
      </div>
    </header>
  );
}
