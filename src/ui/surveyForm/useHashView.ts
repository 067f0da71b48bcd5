import { useSyncExternalStore } from 'react';

/** The URL hash that opens the door-to-door form directly (a link volunteers can bookmark on the phone). */
export const SURVEY_HASH = '#ankieta';

export type AppView = 'map' | 'survey';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** `#ankieta` (or `#ankieta/...`) shows the survey form; any other hash shows the map. */
export function viewOfHash(hash: string): AppView {
  return hash === SURVEY_HASH || hash.startsWith(`${SURVEY_HASH}/`) ? 'survey' : 'map';
}

/** The view the URL hash asks for, following hash changes (links, back button). */
export function useHashView(): AppView {
  return useSyncExternalStore(subscribe, () => viewOfHash(window.location.hash));
}
