import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultViewState } from '../../src/share/viewState';

type UrlStore = typeof import('../../src/ui/shell/url/urlStore');

/**
 * The address bar as a store, in Node: a window with just what urlStore touches (location, history, hashchange and
 * popstate). History calls change location.hash as a browser's do, without firing hashchange. The store keeps its
 * state in the module: each test imports a fresh copy.
 */
function fakeWindow(hash: string) {
  const location = { pathname: '/cal/', search: '?x=1', hash };
  const writes: Array<[mode: 'push' | 'replace', url: string]> = [];
  const listeners: Record<string, Array<() => void>> = {};
  const history = {
    state: null,
    pushState: (_state: unknown, _title: string, url: string) => {
      writes.push(['push', url]);
      location.hash = new URL(url, 'http://127.0.0.1').hash;
    },
    replaceState: (_state: unknown, _title: string, url: string) => {
      writes.push(['replace', url]);
      location.hash = new URL(url, 'http://127.0.0.1').hash;
    },
  };
  const fire = (type: string) => (listeners[type] ?? []).forEach((listener) => listener());
  const window = { location, history, addEventListener: (type: string, listener: () => void) => (listeners[type] ??= []).push(listener) };
  /** A link followed or typed: the hash changes and the browser fires popstate, then hashchange. */
  const navigate = (next: string) => {
    location.hash = next;
    fire('popstate');
    fire('hashchange');
  };
  return { window, writes, navigate };
}

let browser: ReturnType<typeof fakeWindow>;
let store: UrlStore;
async function open(hash: string): Promise<void> {
  browser = fakeWindow(hash);
  vi.stubGlobal('window', browser.window);
  vi.resetModules();
  store = await import('../../src/ui/shell/url/urlStore');
  store.startUrlState(); // as the app's first render does (useUrlSnapshot)
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('urlStore: the view state follows the address bar', () => {
  it('reads the link it starts on; a canonical link is not written again', async () => {
    await open('#map=14/50.15/19.3&v=ankiety&wave=w-2');
    expect(store.getUrlSnapshot()).toEqual({ state: { ...defaultViewState(), view: 'campaigns', campaignId: 'w-2', map: { zoom: 14, lat: 50.15, lon: 19.3 } }, notice: null, readTick: 1 });
    expect(browser.writes).toEqual([]);
  });

  it('an unusable link opens the default view, says so, and rewrites the address (the default view is the bare path)', async () => {
    await open('#map=1e400/NaN/x');
    expect(store.getUrlSnapshot()).toEqual({ state: defaultViewState(), notice: { kind: 'default' }, readTick: 1 });
    expect(browser.writes).toEqual([['replace', '/cal/?x=1']]);
  });

  it('keeps the valid part of a link and names the dropped parameters once each', async () => {
    await open('#map=14/abc/19.3&unit=moon&wave=w-1&layers=hotspots,lasers&unit=sun');
    const { state, notice } = store.getUrlSnapshot();
    expect(state).toMatchObject({ campaignId: 'w-1', layers: ['hotspots'], map: null, unit: null });
    expect(notice).toEqual({ kind: 'partial', params: ['map', 'unit', 'layers'] });
    expect(browser.writes).toEqual([['replace', '/cal/?x=1#wave=w-1&layers=hotspots']]);
  });

  it('an old one-word link (#zasoby) changes the screen and keeps the rest of the view', async () => {
    await open('#wave=w-2&need=health');
    browser.navigate('#zasoby');
    expect(store.getUrlSnapshot().state).toMatchObject({ view: 'resources', campaignId: 'w-2', need: 'health' });
    expect(store.getUrlSnapshot().readTick).toBe(2); // popstate and hashchange of one navigation: read once
    expect(browser.writes.at(-1)).toEqual(['replace', '/cal/?x=1#v=zasoby&wave=w-2&need=health']);
  });

  it('throttles replace writes to one per 300 ms, writing the latest state; a push goes at once and cancels the wait', async () => {
    await open('');
    const setWave = (wave: string) => store.updateUrlState((s) => ({ ...s, campaignId: wave }));
    setWave('w-1'); // nothing written for 300 ms before: at once
    expect(browser.writes).toEqual([['replace', '/cal/?x=1#wave=w-1']]);
    vi.advanceTimersByTime(100);
    setWave('w-2');
    setWave('w-3');
    vi.advanceTimersByTime(199); // 299 ms after the first write
    expect(browser.writes).toHaveLength(1);
    vi.advanceTimersByTime(1); // 300 ms: the latest state only
    expect(browser.writes).toEqual([['replace', '/cal/?x=1#wave=w-1'], ['replace', '/cal/?x=1#wave=w-3']]);
    setWave('w-4'); // waits until 600 ms…
    store.openScreen('campaigns'); // …but a change of screen is a new history entry now, with the latest state
    expect(browser.writes.at(-1)).toEqual(['push', '/cal/?x=1#v=ankiety&wave=w-4']);
    vi.advanceTimersByTime(1000);
    expect(browser.writes).toHaveLength(3);
    expect(store.getUrlSnapshot().readTick).toBe(1); // the app's own writes are not reads
  });

  it('a transition that returns the same state writes and tells nothing', async () => {
    await open('#v=zasoby');
    const heard = vi.fn();
    store.subscribeUrl(heard);
    store.updateUrlState((s) => s);
    store.openScreen('resources');
    vi.advanceTimersByTime(1000);
    expect(heard).not.toHaveBeenCalled();
    expect(browser.writes).toEqual([]);
  });

  it('applies a burst of links once, 100 ms after the last, and says a link is pending until then', async () => {
    await open('');
    const applied: Array<string | null> = [];
    store.subscribeUrlReads(() => applied.push(store.getUrlSnapshot().state.campaignId));
    const appliedTick = store.getUrlSnapshot().readTick;
    browser.navigate('#wave=a');
    vi.advanceTimersByTime(50);
    browser.navigate('#wave=b');
    vi.advanceTimersByTime(50);
    browser.navigate('#wave=c');
    expect(store.getUrlSnapshot().readTick).toBe(appliedTick + 3);
    expect(store.urlReadPending(appliedTick)).toBe(true);
    vi.advanceTimersByTime(99);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual(['c']);
    expect(store.urlReadPending(store.getUrlSnapshot().readTick)).toBe(false);
  });

  it('sets and clears the notice; names the screen of a hash (#import, #raport, v=…)', async () => {
    await open('');
    store.setUrlNotice({ kind: 'unknown', params: ['wave'] });
    expect(store.getUrlSnapshot().notice).toEqual({ kind: 'unknown', params: ['wave'] });
    store.setUrlNotice(null);
    expect(store.getUrlSnapshot().notice).toBeNull();
    // Screens have English ids in code and Polish words in the URL.
    expect(store.screenOfHash('#ankieta')).toBe('survey');
    expect(store.screenOfHash('#v=raport&wave=w-1')).toBe('report');
    expect(['#import', '#import/streets', '#wave=w-1&v=import'].map(store.screenOfHash)).toEqual(['import', 'import', 'import']);
    expect(['', '#importy', '#raport=1', '#<script>'].map(store.screenOfHash)).toEqual(['map', 'map', 'map', 'map']);
  });
});
