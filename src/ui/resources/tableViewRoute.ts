import type { ViewId } from '../../share/viewState';
import { urlViewOfHash, useUrlView } from '../shell/url/urlStore';

/** URL hashes of the table views: `#ankiety` (survey campaigns) and `#zasoby` (inventory); `#zasoby/…` and `…&v=zasoby` also open it. */
export const CAMPAIGNS_HASH = '#ankiety';
export const RESOURCES_HASH = '#zasoby';

export type TableView = 'campaigns' | 'resources';

const tableViewOf = (view: ViewId): TableView | null => (view === 'ankiety' ? 'campaigns' : view === 'zasoby' ? 'resources' : null);

/** The table view a hash asks for, or null for any other view (the map, the survey form). Read by the URL codec (src/share). */
export function tableViewOfHash(hash: string): TableView | null {
  return tableViewOf(urlViewOfHash(hash));
}

/** The table view the URL hash shows now (following links and the back button), or null. */
export function useTableView(): TableView | null {
  return tableViewOf(useUrlView());
}
