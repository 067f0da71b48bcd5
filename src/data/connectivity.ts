/**
 * Whether this device can reach the app's own server right now.
 *
 * `navigator.onLine` only says that some network interface is up: a phone on a captive Wi-Fi, in a basement with one
 * bar, or a browser reloaded while offline (seen in headless Chromium) can say `true` while every request fails. So
 * the answer here is `navigator.onLine` AND the last probe succeeded: a tiny uncached GET of `probeUrl` (a static
 * file the service worker never caches). The probe runs at start, on the browser's `online` event, when the page
 * becomes visible, when the app reports a failed request, and on a timer: every `offlineRecheckMs` while offline
 * (to notice the signal coming back) and every `onlineRecheckMs` while online. An `offline` event or a failed
 * request says "offline" at once; only a successful probe says "online" again.
 *
 * @example
 * const monitor = createConnectivityMonitor({ probeUrl: `${import.meta.env.BASE_URL}online-check.txt` });
 * monitor.subscribe(() => console.log(monitor.getSnapshot() ? 'online' : 'offline'));
 */
export interface ConnectivityMonitor {
  /** true while the server answered the last probe and the browser has a network. */
  getSnapshot(): boolean;
  subscribe(listener: () => void): () => void;
  /** Probes now (joins a probe already running); resolves to the new state. */
  check(): Promise<boolean>;
  /** A request to the server failed for a network reason: offline now, and a probe will tell when it is back. */
  reportFailure(): void;
  dispose(): void;
}

export interface ConnectivityOptions {
  probeUrl: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Where `online`/`offline`/`visibilitychange` events come from; default `window` (and `document`). */
  events?: EventTarget;
  visibility?: EventTarget & { visibilityState?: string };
  isBrowserOnline?: () => boolean;
  offlineRecheckMs?: number;
  onlineRecheckMs?: number;
  /** A probe slower than this counts as offline (one bar of signal is not enough to send answers). */
  probeTimeoutMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const OFFLINE_RECHECK_MS = 5_000;
export const ONLINE_RECHECK_MS = 60_000;
export const PROBE_TIMEOUT_MS = 8_000;

export function createConnectivityMonitor(options: ConnectivityOptions): ConnectivityMonitor {
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const events = options.events ?? (typeof window === 'undefined' ? undefined : window);
  const visibility = options.visibility ?? (typeof document === 'undefined' ? undefined : document);
  const isBrowserOnline = options.isBrowserOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const offlineRecheckMs = options.offlineRecheckMs ?? OFFLINE_RECHECK_MS;
  const onlineRecheckMs = options.onlineRecheckMs ?? ONLINE_RECHECK_MS;
  const probeTimeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const listeners = new Set<() => void>();
  let probeOk = true;
  let online = isBrowserOnline();
  let running: Promise<boolean> | null = null;
  let timer: unknown = null;
  let disposed = false;
  let probeCount = 0;

  const set = (next: boolean) => {
    if (next === online) return;
    online = next;
    for (const listener of [...listeners]) listener();
  };
  const recompute = () => set(isBrowserOnline() && probeOk);

  const arm = () => {
    if (disposed) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void check();
    }, online ? onlineRecheckMs : offlineRecheckMs);
  };

  const probe = async (): Promise<boolean> => {
    if (!isBrowserOnline()) return false;
    const controller = new AbortController();
    const timeout = setTimer(() => controller.abort(), probeTimeoutMs);
    try {
      probeCount += 1;
      // A fresh query string and no-store: neither the HTTP cache nor the service worker may answer for the server.
      const separator = options.probeUrl.includes('?') ? '&' : '?';
      const response = await doFetch(`${options.probeUrl}${separator}probe=${Date.now()}-${probeCount}`, { cache: 'no-store', signal: controller.signal });
      return response.ok;
    } catch {
      return false;
    } finally {
      clearTimer(timeout);
    }
  };

  const check = (): Promise<boolean> => {
    if (running) return running;
    running = probe().then((ok) => {
      running = null;
      if (disposed) return online;
      probeOk = ok;
      recompute();
      arm();
      return online;
    });
    return running;
  };

  const onOffline = () => {
    recompute();
    arm();
  };
  const onOnline = () => void check();
  const onVisibility = () => {
    if (visibility?.visibilityState !== 'hidden') void check();
  };
  events?.addEventListener('offline', onOffline);
  events?.addEventListener('online', onOnline);
  visibility?.addEventListener('visibilitychange', onVisibility);
  void check();

  return {
    getSnapshot: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check,
    reportFailure() {
      probeOk = false;
      recompute();
      arm();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      events?.removeEventListener('offline', onOffline);
      events?.removeEventListener('online', onOnline);
      visibility?.removeEventListener('visibilitychange', onVisibility);
      listeners.clear();
    },
  };
}
