import { describe, expect, it } from 'vitest';
import { createConnectivityMonitor } from '../../src/data/connectivity';

/** A hand-driven clock and network: each probe waits until the test answers it. */
function harness(browserOnline = true) {
  const timers: Array<{ at: number; callback: () => void; id: number }> = [];
  let now = 0;
  let nextId = 1;
  const probes: Array<{ url: string; init: RequestInit; answer: (ok: boolean | 'throw') => void }> = [];
  const events = new EventTarget();
  const visibility = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const state = { browserOnline };
  const monitor = createConnectivityMonitor({
    probeUrl: '/online-check.txt',
    events,
    visibility,
    isBrowserOnline: () => state.browserOnline,
    offlineRecheckMs: 5_000,
    onlineRecheckMs: 60_000,
    probeTimeoutMs: 8_000,
    fetch: (url, init) =>
      new Promise<Response>((resolve, reject) => {
        probes.push({ url, init, answer: (ok) => (ok === 'throw' ? reject(new TypeError('Failed to fetch')) : resolve(new Response('ok', { status: ok ? 200 : 503 }))) });
      }),
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimer: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > now) break;
      timers.shift();
      due.callback();
      await Promise.resolve();
    }
    await flush();
  };
  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { monitor, probes, events, visibility, state, advance, flush };
}

describe('createConnectivityMonitor', () => {
  it('probes at start with an uncached request for a fresh URL', async () => {
    const h = harness();
    expect(h.probes).toHaveLength(1);
    expect(h.probes[0]!.url).toMatch(/^\/online-check\.txt\?probe=\d+-1$/);
    expect(h.probes[0]!.init.cache).toBe('no-store');
    h.probes[0]!.answer(true);
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(true);
  });

  it('says offline when navigator.onLine lies (true) but the probe fails, and online again when a later probe passes', async () => {
    const h = harness(true);
    const seen: boolean[] = [];
    h.monitor.subscribe(() => seen.push(h.monitor.getSnapshot()));
    h.probes[0]!.answer('throw');
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(false);
    // While offline it probes again every 5 s.
    await h.advance(4_999);
    expect(h.probes).toHaveLength(1);
    await h.advance(1);
    expect(h.probes).toHaveLength(2);
    h.probes[1]!.answer(false); // the server answers 503: still not reachable
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(false);
    await h.advance(5_000);
    h.probes[2]!.answer(true);
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(true);
    expect(seen).toEqual([false, true]);
    // Online: the next probe only after a minute.
    await h.advance(59_999);
    expect(h.probes).toHaveLength(3);
    await h.advance(1);
    expect(h.probes).toHaveLength(4);
  });

  it('an offline event says offline at once; an online event probes before saying online', async () => {
    const h = harness(true);
    h.probes[0]!.answer(true);
    await h.flush();
    h.state.browserOnline = false;
    h.events.dispatchEvent(new Event('offline'));
    expect(h.monitor.getSnapshot()).toBe(false);
    h.state.browserOnline = true;
    h.events.dispatchEvent(new Event('online'));
    expect(h.monitor.getSnapshot()).toBe(false);
    expect(h.probes).toHaveLength(2);
    h.probes[1]!.answer(true);
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(true);
  });

  it('a reported failure says offline until a probe passes; concurrent checks share one probe', async () => {
    const h = harness(true);
    h.probes[0]!.answer(true);
    await h.flush();
    h.monitor.reportFailure();
    expect(h.monitor.getSnapshot()).toBe(false);
    const a = h.monitor.check();
    const b = h.monitor.check();
    expect(h.probes).toHaveLength(2);
    h.probes[1]!.answer(true);
    expect(await a).toBe(true);
    expect(await b).toBe(true);
  });

  it('a probe slower than the timeout counts as offline', async () => {
    const h = harness(true);
    expect(h.probes[0]!.init.signal?.aborted).toBe(false);
    await h.advance(8_000);
    expect(h.probes[0]!.init.signal?.aborted).toBe(true);
    h.probes[0]!.answer('throw'); // what fetch does when its signal aborts
    await h.flush();
    expect(h.monitor.getSnapshot()).toBe(false);
  });

  it('with the browser offline it does not probe at all, and stops after dispose', async () => {
    const h = harness(false);
    await h.flush();
    expect(h.probes).toHaveLength(0);
    expect(h.monitor.getSnapshot()).toBe(false);
    h.monitor.dispose();
    h.state.browserOnline = true;
    h.events.dispatchEvent(new Event('online'));
    await h.advance(120_000);
    expect(h.probes).toHaveLength(0);
  });
});
