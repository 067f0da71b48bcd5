import { useSyncExternalStore } from 'react';

/** URL hashes of the table views: `#ankiety` (survey campaigns) and `#zasoby` (inventory); `#zasoby/…` also opens it. */
export const CAMPAIGNS_HASH = '#ankiety';
export const RESOURCES_HASH = '#zasoby';

export type TableView = 'campaigns' | 'resources';

const matches = (hash: string, prefix: string) => hash === prefix || hash.startsWith(`${prefix}/`);

/** The table view a hash asks for, or null for any other view (the map, the survey form). */
export function tableViewOfHash(hash: string): TableView | null {
  if (matches(hash, CAMPAIGNS_HASH)) return 'campaigns';
  if (matches(hash, RESOURCES_HASH)) return 'resources';
  return null;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The table view the URL hash shows now (following links and the back button), or null. */
export function useTableView(): TableView | null {
  return useSyncExternalStore(subscribe, () => tableViewOfHash(window.location.hash));
}
