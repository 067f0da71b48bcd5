import { urlViewOfHash, useUrlView } from '../shell/url/urlStore';

/** The URL hash that opens the door-to-door form directly (a link volunteers can bookmark on the phone). */
export const SURVEY_HASH = '#ankieta';

export type AppView = 'map' | 'survey';

/** `#ankieta` (or `#ankieta/...`, or `…&v=ankieta`) shows the survey form; any other hash shows the map. Read by the URL codec (src/share). */
export function viewOfHash(hash: string): AppView {
  return urlViewOfHash(hash) === 'ankieta' ? 'survey' : 'map';
}

/** The view the URL hash asks for, following hash changes (links, back button). */
export function useHashView(): AppView {
  return useUrlView() === 'ankieta' ? 'survey' : 'map';
}
