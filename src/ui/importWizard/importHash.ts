import { useHashView, type AppView } from '../surveyForm/useHashView';
import { urlViewOfHash, useUrlView } from '../shell/url/urlStore';

/** The URL hash that opens the import wizard (and the workspace export / load). */
export const IMPORT_HASH = '#import';

/** `#import` (or `#import/...`, or `…&v=import`) opens the wizard. Read by the URL codec (src/share). */
export function isImportHash(hash: string): boolean {
  return urlViewOfHash(hash) === 'import';
}

/** The view the URL asks for: the import wizard, or whatever the other views' hash says. */
export function useAppView(): AppView | 'import' {
  const other = useHashView();
  return useUrlView() === 'import' ? 'import' : other;
}
