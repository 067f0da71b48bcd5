/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's state as the UI needs it: whether this build works offline, and whether a newer build has
 * been installed and waits for the user's "reload" (vite.config.ts: registerType 'prompt').
 */
export interface ServiceWorkerStatus {
  /** Every file of the running build is in the offline cache. */
  offlineReady: boolean;
  /** A new deployment is installed and waiting; `applyUpdate()` switches to it and reloads the page. */
  updateReady: boolean;
}

/** How often an open app asks the server whether a new build was deployed (also on each return to the tab). */
const UPDATE_CHECK_MS = 30 * 60_000;

let status: ServiceWorkerStatus = { offlineReady: false, updateReady: false };
const listeners = new Set<() => void>();
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;

function setStatus(patch: Partial<ServiceWorkerStatus>): void {
  status = { ...status, ...patch };
  // The e2e tests and a curious developer can read it from the page.
  document.documentElement.dataset.offlineReady = String(status.offlineReady);
  document.documentElement.dataset.updateReady = String(status.updateReady);
  for (const listener of [...listeners]) listener();
}

export const getServiceWorkerStatus = (): ServiceWorkerStatus => status;

export function subscribeServiceWorkerStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Switches to the waiting build and reloads. The outbox (IndexedDB) and the user's data are untouched; the caller
 * decides when (the survey form waits until no answer is being typed).
 */
export async function applyServiceWorkerUpdate(): Promise<void> {
  await updateServiceWorker?.(true);
}

/**
 * Registers the generated service worker (built apps only: under `vite dev` a caching worker would serve stale
 * modules). After the load event and when the browser is idle, so precaching does not compete with the first map.
 * Failures are logged as warnings: the app works without a service worker, only not offline.
 *
 * @example if (!import.meta.hot) registerServiceWorker();
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const start = () => {
    updateServiceWorker = registerSW({
      immediate: true,
      onOfflineReady: () => setStatus({ offlineReady: true }),
      onNeedRefresh: () => setStatus({ updateReady: true }),
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        // A page opened under an already installed worker: onOfflineReady fired on the first visit, not now.
        if (registration.active && navigator.serviceWorker.controller) setStatus({ offlineReady: true });
        const checkForUpdate = () => {
          if (navigator.onLine) registration.update().catch(() => undefined);
        };
        window.setInterval(checkForUpdate, UPDATE_CHECK_MS);
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') checkForUpdate();
        });
        window.addEventListener('online', checkForUpdate);
      },
      onRegisterError: (error: unknown) => console.warn('CAL Map will not work offline: the service worker could not be set up.', error),
    });
    // The hand-written worker of earlier builds kept its files in "calmap-v1"; Workbox does not know that cache.
    if ('caches' in window) void caches.delete('calmap-v1').catch(() => undefined);
  };
  const whenIdle = () => {
    // Safari has no requestIdleCallback.
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(start, { timeout: 5000 });
    else setTimeout(start, 1000);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
