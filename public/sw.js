/* CAL Map service worker: after one online visit, the app and the door-to-door form open with no network.
 *
 * Hand-written on purpose (no Workbox): the rules are few.
 * - Page loads (navigations): network first, so a new deployment is picked up at once; the cached page when the
 *   network fails or takes longer than NAVIGATION_TIMEOUT_MS (a phone on one bar of signal should not stare at a
 *   white screen). Every page of this SPA is the same index.html, cached under the scope URL.
 * - Everything else from this origin (hashed JS and CSS, the demo town's JSON, fonts, map glyphs): cache first.
 *   Vite gives built assets content hashes, so a cached file never goes stale; a new build asks for new names.
 * - Other origins (an online basemap, Supabase) are not touched: they have their own caching and auth.
 * - On first install the page is not controlled yet and has already loaded its files, so the page sends the list
 *   of what it loaded (performance resource entries) and the worker caches exactly that ("warm" message).
 * Answers themselves never pass through here: they live in IndexedDB (the outbox), not in HTTP caches.
 */
const CACHE = 'calmap-v1';
const NAVIGATION_TIMEOUT_MS = 4000;
const SCOPE = new URL(self.registration.scope);
const APP_SHELL = SCOPE.href; // index.html, under the scope URL

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(APP_SHELL, { cache: 'reload' })))
      .catch(() => undefined) // offline at install: the first online navigation caches it
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('calmap-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

const isCacheable = (request) => {
  if (request.method !== 'GET' || request.headers.has('range')) return false;
  const url = new URL(request.url);
  return url.origin === SCOPE.origin && url.href.startsWith(SCOPE.href) && !url.pathname.endsWith('/sw.js');
};

async function putIfOk(cache, key, response) {
  // Opaque or error answers are not kept: a cached 404 would outlive the outage that caused it.
  if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
  return response;
}

async function networkFirstPage(request) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then((response) => putIfOk(cache, APP_SHELL, response));
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, undefined));
  let response;
  try {
    response = await Promise.race([fromNetwork, timeout]);
    if (response && response.ok) return response;
  } catch {
    // Offline: fall through to the cache.
  }
  // Offline, too slow, or the server is down (502/503 from a proxy): the cached page works better than an error.
  const cached = await cache.match(APP_SHELL);
  if (cached) return cached;
  return response ?? fromNetwork; // nothing cached yet: let the browser show what the network gave
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  return putIfOk(cache, request, response);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!isCacheable(request)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirstPage(request));
  else event.respondWith(cacheFirst(request));
});

/** { type: 'warm', urls: [...] } from the page: cache what it loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'warm' || !Array.isArray(data.urls)) return;
  const port = event.ports[0];
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      const urls = data.urls.filter((url) => typeof url === 'string' && isCacheable(new Request(url)));
      let cached = 0;
      await Promise.all(
        urls.map(async (url) => {
          if (await cache.match(url)) {
            cached += 1;
            return;
          }
          try {
            // force-cache: a file the page has just downloaded is usually still in the HTTP cache; do not fetch it twice.
            const response = await fetch(url, { cache: 'force-cache' });
            if (response.ok && response.type === 'basic') {
              await cache.put(url, response);
              cached += 1;
            }
          } catch {
            // One missing file must not stop the rest.
          }
        }),
      );
      port?.postMessage({ type: 'warmed', cached, asked: urls.length });
    }),
  );
});
