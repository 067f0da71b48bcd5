import { urlViewOfHash, useUrlView } from '../shell/url/urlStore';

/**
 * `#raport` (or `…&v=raport`) opens the printable "Mapa zasobów i potrzeb". The view name 'raport' is one of the
 * URL codec's VIEW_IDS (src/share/viewState.ts); this reads it, as tableViewRoute.ts and programmesRoute.ts do.
 */
export const REPORT_HASH = '#raport';

export const isReportHash = (hash: string): boolean => urlViewOfHash(hash) === 'raport';

/** 'report' while the URL shows the report, else null (following links and the back button). */
export function useReportRoute(): 'report' | null {
  return useUrlView() === 'raport' ? 'report' : null;
}
