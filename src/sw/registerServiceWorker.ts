/**
 * Registers public/sw.js (built apps only: under `vite dev` a cache-first worker would serve stale modules)
 * and, once it is active, hands it the list of same-origin files this page has already loaded, plus `alsoCache`
 * (files a later view needs), so that the very first online visit is enough to open the app and the form offline.
 * When the worker reports the cache filled, `<html data-offline-ready="true">` is set (the e2e test waits for it).
 * Failures are logged as warnings: the app works without a service worker, only not offline.
 *
 * @example if (!import.meta.hot) registerServiceWorker(import.meta.env.BASE_URL, laterAssetUrls(location.origin, import.meta.env.BASE_URL, true));
 */
export function registerServiceWorker(baseUrl: string, alsoCache: readonly string[] = []): void {
  if (!('serviceWorker' in navigator)) return;
  const start = () => {
    navigator.serviceWorker
      .register(`${baseUrl}sw.js`, { scope: baseUrl })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => warmCache(registration.active, [...loadedUrls(baseUrl), ...alsoCache]))
      .then(() => {
        document.documentElement.dataset.offlineReady = 'true';
        // A fetch that started before the worker took control and ended after the list above was made was neither
        // intercepted nor listed; one more pass a little later catches it (files already cached cost one lookup).
        window.setTimeout(() => void navigator.serviceWorker.ready.then((r) => warmCache(r.active, loadedUrls(baseUrl))), 10_000);
      })
      .catch((error: unknown) => console.warn('CAL Map will not work offline: the service worker could not be set up.', error));
  };
  // After the load event and when the browser is idle, so caching does not compete with the first paint of the map.
  const whenIdle = () => {
    // Safari has no requestIdleCallback.
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(start, { timeout: 5000 });
    else setTimeout(start, 1000);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

/** Same-origin URLs the page has fetched so far: its scripts, styles, fonts, the demo JSON and map glyphs. */
function loadedUrls(baseUrl: string): string[] {
  const origin = window.location.origin;
  const urls = new Set<string>([new URL(baseUrl, origin).href]);
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === origin) urls.add(url.origin + url.pathname + url.search);
  }
  return [...urls];
}

/** Asks the worker to cache `urls`; resolves when it answers (or after 20 s, whatever happened). */
function warmCache(worker: ServiceWorker | null, urls: readonly string[]): Promise<void> {
  if (!worker) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(resolve, 20_000);
    channel.port1.onmessage = () => {
      window.clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'warm', urls }, [channel.port2]);
  });
}
