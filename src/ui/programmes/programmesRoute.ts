import { urlViewOfHash, useUrlView } from '../shell/url/urlStore';

/**
 * `#programy` (or `#programy/…`, or `…&v=programy`) opens the Local Activity Programmes view. The view name
 * 'programy' is one of the URL codec's VIEW_IDS (src/share/viewState.ts); this reads it, as tableViewRoute.ts does.
 */
export const PROGRAMMES_HASH = '#programy';

export const isProgrammesHash = (hash: string): boolean => urlViewOfHash(hash) === 'programy';

/** True while the URL shows the programmes view (following links and the back button). */
export function useProgrammesView(): boolean {
  return useUrlView() === 'programy';
}
