import { useSyncExternalStore } from 'react';
import { useHashView, type AppView } from '../surveyForm/useHashView';

/** The URL hash that opens the import wizard (and the workspace export / load). */
export const IMPORT_HASH = '#import';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** `#import` (or `#import/...`) opens the wizard. */
export function isImportHash(hash: string): boolean {
  return hash === IMPORT_HASH || hash.startsWith(`${IMPORT_HASH}/`);
}

/** The view the URL asks for: the import wizard, or whatever the other views' hash says. */
export function useAppView(): AppView | 'import' {
  const other = useHashView();
  const importing = useSyncExternalStore(subscribe, () => isImportHash(window.location.hash));
  return importing ? 'import' : other;
}
