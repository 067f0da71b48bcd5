import { useSyncExternalStore } from 'react';
import { decodeViewState, encodeViewState, type UrlWarning } from '../../../share/urlCodec';
import { defaultViewState, type ScreenId, type ViewState } from '../../../share/viewState';

/**
 * The address bar as a store (UX.md "the URL follows every change"; STYLE.md habit 15): the decoded view state,
 * kept in step with `location.hash`. Reads on start, on `hashchange` and on `popstate` (Back); writes the
 * canonical hash with `history.replaceState` (throttled while the map moves, as maplibre-gl's hash.ts does) or
 * `history.pushState` when the screen changes, so Back returns to the previous screen.
 */

/** What the notice above the view says about the last link read. */
export type UrlNotice =
  | { kind: 'default' }
  | { kind: 'partial'; params: string[] }
  | { kind: 'unknown'; params: string[] };

export interface UrlSnapshot {
  state: ViewState;
  notice: UrlNotice | null;
  /** Bumped each time the state is read from the address (not when the app writes it): the app applies it then. */
  readTick: number;
}

/** Replace writes are throttled to one per this many ms (maplibre-gl's hash uses 300 ms). */
export const REPLACE_THROTTLE_MS = 300;

type Listener = () => void;

let snapshot: UrlSnapshot = { state: defaultViewState(), notice: null, readTick: 0 };
let started = false;
const listeners = new Set<Listener>();
let pendingTimer: ReturnType<typeof setTimeout> | null = null;
let lastReplaceAt = 0;
/** The hash last read or written: `popstate` and `hashchange` both fire for one navigation, and it is read once. */
let lastHash: string | null = null;

const currentHash = (): string => (window.location.hash === '#' ? '' : window.location.hash);

const hasWindow = (): boolean => typeof window !== 'undefined' && typeof window.location !== 'undefined';

function emit(next: UrlSnapshot): void {
  snapshot = next;
  for (const listener of [...listeners]) listener();
}

function urlWithHash(hash: string): string {
  return `${window.location.pathname}${window.location.search}${hash}`;
}

/** Writes the canonical hash now (if it differs from the address bar). */
function writeNow(mode: 'replace' | 'push'): void {
  if (pendingTimer !== null) {
    clearTimeout(pendingTimer);
    pendingTimer = null;
  }
  const hash = encodeViewState(snapshot.state);
  lastHash = hash;
  if (hash === currentHash()) return;
  try {
    if (mode === 'push') window.history.pushState(window.history.state, '', urlWithHash(hash));
    else window.history.replaceState(window.history.state, '', urlWithHash(hash));
    lastReplaceAt = Date.now();
  } catch {
    // Browsers limit history calls (e.g. 100 per 10 s in Safari): the next write catches up.
  }
}

function scheduleReplace(): void {
  if (pendingTimer !== null) return;
  const wait = Math.max(0, lastReplaceAt + REPLACE_THROTTLE_MS - Date.now());
  if (wait === 0) writeNow('replace');
  else
    pendingTimer = setTimeout(() => {
      pendingTimer = null;
      writeNow('replace');
    }, wait);
}

/** Reads `location.hash`; the old one-word hashes (`#zasoby`) change the screen and keep the rest of the view. */
function readLocation(): void {
  if (currentHash() === lastHash) return;
  lastHash = currentHash();
  const result = decodeViewState(window.location.hash);
  let state: ViewState;
  let notice: UrlNotice | null = null;
  if (!result.ok) {
    state = result.state;
    notice = { kind: 'default' };
  } else {
    state = result.legacy ? { ...snapshot.state, view: result.state.view } : result.state;
    if (result.warnings.length) notice = { kind: 'partial', params: [...new Set(result.warnings.map((w: UrlWarning) => w.param))] };
  }
  emit({ state, notice, readTick: snapshot.readTick + 1 });
  writeNow('replace');
}

/** Starts following the address bar (once; later calls do nothing). */
export function startUrlState(): void {
  if (started || !hasWindow()) return;
  started = true;
  window.addEventListener('hashchange', readLocation);
  window.addEventListener('popstate', readLocation);
  readLocation();
}

export const getUrlSnapshot = (): UrlSnapshot => {
  startUrlState();
  return snapshot;
};

export function subscribeUrl(listener: Listener): () => void {
  startUrlState();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Changes the view state and writes the address: `replace` (throttled, for map moves and settings), or `push`
 * (at once, a new history entry: a change of screen). A transition returning the same state writes nothing.
 */
export function updateUrlState(transition: (state: ViewState) => ViewState, mode: 'replace' | 'push' = 'replace'): void {
  startUrlState();
  const state = transition(snapshot.state);
  if (state === snapshot.state) return;
  emit({ ...snapshot, state });
  if (!hasWindow()) return;
  if (mode === 'push') writeNow('push');
  else scheduleReplace();
}

/**
 * Links are applied to the app (explore settings, selection, camera) this long after the last one is read: a burst
 * of Back presses or links pasted one after another costs one recompute and one map render, not one each. The
 * notice about a link is not delayed (it is part of the snapshot, emitted at once).
 */
export const URL_APPLY_DEBOUNCE_MS = 100;

/**
 * Calls `apply` once the address has been read anew (readTick moved) and no newer link came for `delayMs`. The
 * listener reads `getUrlSnapshot()` itself, so it always applies the newest link. Until it runs, `urlReadPending`
 * tells the app not to write its own (older) state over the link that waits.
 */
export function subscribeUrlReads(apply: () => void, delayMs: number = URL_APPLY_DEBOUNCE_MS): () => void {
  let seenTick = getUrlSnapshot().readTick;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = subscribeUrl(() => {
    const tick = snapshot.readTick;
    if (tick === seenTick) return;
    seenTick = tick;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      apply();
    }, delayMs);
  });
  return () => {
    off();
    if (timer !== null) clearTimeout(timer);
  };
}

/** Whether a link has been read that the caller (which applied `appliedTick` last) has not applied yet. */
export const urlReadPending = (appliedTick: number): boolean => getUrlSnapshot().readTick !== appliedTick;

/** Shows a notice about the link (e.g. ids the loaded workspace does not have), or clears it (null). */
export function setUrlNotice(notice: UrlNotice | null): void {
  if (notice === snapshot.notice) return;
  emit({ ...snapshot, notice });
}

/** The whole snapshot, following the address bar. */
export function useUrlSnapshot(): UrlSnapshot {
  return useSyncExternalStore(subscribeUrl, getUrlSnapshot, getUrlSnapshot);
}

const screenOf = (s: UrlSnapshot): ScreenId => s.state.view;
/** The screen the address shows (following links and the back button). */
export function useScreen(): ScreenId {
  const read = () => screenOf(getUrlSnapshot());
  return useSyncExternalStore(subscribeUrl, read, read);
}

/** The screen a hash names (pure): '#ankieta' → 'survey', '#map=13/50.1/19.3&v=programy' → 'programmes'. */
export const screenOfHash = (hash: string): ScreenId => decodeViewState(hash).state.view;

/** Opens a screen: a new history entry, the rest of the view kept. */
export const openScreen = (screen: ScreenId): void => updateUrlState((s) => (s.view === screen ? s : { ...s, view: screen }), 'push');
