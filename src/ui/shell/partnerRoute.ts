/**
 * Where the partner view opens: `/s/<token>` (a share link on the Supabase adapter: the token in the PATH, never in a
 * query string, so it does not end up in Referer-carrying query logs or analytics that keep queries) or `#partner`
 * (open a package file). main.tsx reads this before anything else, so the partner view never loads the planner's
 * workspace: no demo files, no IndexedDB.
 */
export type PartnerRoute = { kind: 'link'; token: string } | { kind: 'file' };

export const PARTNER_HASH = '#partner';

const withSlash = (base: string): string => (base.endsWith('/') ? base : `${base}/`);

/**
 * The partner route of a location, or null for the planner's app.
 * @example partnerRouteOf('/s/ab12…', '', '/') → { kind: 'link', token: 'ab12…' }
 * @example partnerRouteOf('/', '#partner', '/') → { kind: 'file' }
 */
export function partnerRouteOf(pathname: string, hash: string, baseUrl: string): PartnerRoute | null {
  const prefix = `${withSlash(baseUrl)}s/`;
  if (pathname.startsWith(prefix)) {
    const token = pathname.slice(prefix.length).replace(/\/+$/, '');
    return { kind: 'link', token };
  }
  if (hash === PARTNER_HASH || hash.startsWith(`${PARTNER_HASH}/`)) return { kind: 'file' };
  return null;
}

/** The link a partner opens: `<origin><base>s/<token>`. */
export function shareLinkUrl(origin: string, baseUrl: string, token: string): string {
  return `${origin}${withSlash(baseUrl)}s/${encodeURIComponent(token)}`;
}

/**
 * The planner's app and the partner view never share a page: moving the hash into or out of `#partner` reloads, so
 * the partner view starts clean (nothing of the planner's data in memory) and the planner's app starts whole.
 */
export function reloadOnPartnerSwitch(isPartner: boolean, baseUrl: string): () => void {
  const onHashChange = () => {
    const now = partnerRouteOf(window.location.pathname, window.location.hash, baseUrl) !== null;
    if (now !== isPartner) window.location.reload();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
