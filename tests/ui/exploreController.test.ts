import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setToggle, setUnit, setWeight, chooseIndex } from '../../src/ui/common/exploreSettings';
import { ExploreController } from '../../src/ui/explore/exploreController';
import type { AnalysisClient, AnalysisOutcome } from '../../src/worker/analysisClient';
import { analysisRefusalText } from '../../src/ui/i18n/analysisRefusalText';

/**
 * The explore controller with a fake worker client (every call recorded, answered by the test), animation frames the
 * test runs by hand, a clock the test sets, and fake timers for the secondary queries (SECONDARY_DELAY_MS).
 */
interface Call {
  method: string;
  query: unknown;
  channel: string | undefined;
  answer(outcome: AnalysisOutcome<unknown>): void;
  fail(error: unknown): void;
}

function fakeClient() {
  const calls: Call[] = [];
  const method = (name: string) => (query: unknown, options?: { channel?: string }) =>
    new Promise<AnalysisOutcome<unknown>>((resolve, reject) => calls.push({ method: name, query, channel: options?.channel, answer: resolve, fail: reject }));
  const client = Object.fromEntries(['layer', 'needMap', 'hotSpots', 'lisa', 'clusters', 'scaleAdvice', 'coverage'].map((m) => [m, method(m)])) as unknown as AnalysisClient;
  const of = (name: string) => calls.filter((c) => c.method === name);
  return { client, calls, of };
}

const campaigns = [
  { id: 'w1', name: 'Wiosna 2025', wave: 1, startDate: '2025-04-01' },
  { id: 'w2', name: 'Wiosna 2026', wave: 2, startDate: '2026-04-07' },
];
const ok = <T>(value: T): AnalysisOutcome<T> => ({ ok: true, value });
const settle = () => new Promise((resolve) => setImmediate(resolve));

let frames: Array<() => void>;
let now: number;
function controller(): ExploreController {
  frames = [];
  now = 1000;
  return new ExploreController((cb) => frames.push(cb), () => {}, () => now, 150);
}
const runFrame = () => frames.shift()!();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ExploreController: settings in, worker queries out, latest answers kept', () => {
  it('on attach picks the latest wave and asks for the layer and the need map at once, nothing else by default', () => {
    const c = controller();
    const { client, calls } = fakeClient();
    c.attach(client, campaigns, 1);
    expect(c.getState()).toMatchObject({ ready: true, campaigns, settings: { campaignId: 'w2', unit: 'street', mode: 'need', needId: 'loneliness_seniors' } });
    expect(calls.map((x) => [x.method, x.query, x.channel])).toEqual([
      ['layer', { kind: 'street' }, undefined],
      ['needMap', { unit: { kind: 'street' }, campaignId: 'w2', selection: { kind: 'need', needId: 'loneliness_seniors' }, minResponses: 5 }, 'explore:needMap'],
    ]);
    vi.advanceTimersByTime(1000); // no overlay is on, streets shown: the secondary round asks nothing
    expect(calls).toHaveLength(2);
    c.attach(client, campaigns, 1); // the same worker and workspace again: nothing new
    expect(calls).toHaveLength(2);
  });

  it('a dragged slider costs one need map per animation frame, with the latest weights (leading edge)', () => {
    const c = controller();
    const { client, of } = fakeClient();
    c.attach(client, campaigns, 1);
    runFrame(); // the frame after attach: nothing waiting
    c.update(chooseIndex); // leading edge: sent at once
    expect(of('needMap')).toHaveLength(2);
    for (const w of [1.5, 2, 2.5, 3]) c.update((s) => setWeight(s, 'housing', w));
    expect(of('needMap')).toHaveLength(2); // within the same frame: waiting
    runFrame();
    expect(of('needMap')).toHaveLength(3);
    expect((of('needMap')[2]!.query as { selection: { weights: Record<string, number> } }).selection.weights.housing).toBe(3);
    runFrame(); // nothing changed since: no query
    expect(frames).toHaveLength(0);
    expect(of('needMap')).toHaveLength(3);
  });

  it('a switch that does not change a query (the heatmap) sends nothing; the unit asks for its layer once', () => {
    const c = controller();
    const { client, of, calls } = fakeClient();
    c.attach(client, campaigns, 1);
    runFrame();
    c.update((s) => setToggle(s, 'heatmap', true));
    runFrame();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(2); // the heatmap asks nothing
    c.update((s) => setUnit(s, 'hex'));
    expect(of('layer').map((x) => x.query)).toEqual([{ kind: 'street' }, { kind: 'hex', hexSizeMeters: 250 }]);
  });

  it('on streets the scale advice is asked only when the need map hides most units; on hexagons always', async () => {
    const c = controller();
    const { client, of } = fakeClient();
    c.attach(client, campaigns, 1);
    // Three streets with answers, one hidden: no advice wanted.
    of('needMap')[0]!.answer(ok({ responses: new Uint32Array([6, 7, 2, 0]), suppressed: new Uint8Array([0, 0, 1, 0]) }));
    await settle();
    vi.advanceTimersByTime(1000);
    expect(of('scaleAdvice')).toHaveLength(0);
    // Another need: two of three streets with answers hidden: the advice is asked, once.
    runFrame();
    c.update((s) => ({ ...s, needId: 'health' }));
    of('needMap')[1]!.answer(ok({ responses: new Uint32Array([6, 3, 2, 0]), suppressed: new Uint8Array([0, 1, 1, 0]) }));
    await settle();
    vi.advanceTimersByTime(1000);
    expect(of('scaleAdvice').map((x) => x.query)).toEqual([{ campaignId: 'w2', selection: { kind: 'need', needId: 'health' }, minResponses: 5 }]);
    // Hexagons: the advice follows in the secondary round whatever the need map says (the same wave and need: no new call).
    c.update((s) => setUnit(s, 'hex'));
    vi.advanceTimersByTime(1000);
    expect(of('scaleAdvice')).toHaveLength(1);
    runFrame();
    c.update((s) => ({ ...s, needId: 'housing' }));
    vi.advanceTimersByTime(1000);
    expect(of('scaleAdvice')).toHaveLength(2);
  });

  it('keeps the answer to the latest question: an older need map arriving late is dropped', async () => {
    const c = controller();
    const { client, of } = fakeClient();
    c.attach(client, campaigns, 1);
    runFrame();
    now = 2000;
    c.update((s) => ({ ...s, needId: 'health' }));
    const [older, newer] = of('needMap');
    newer!.answer(ok({ tag: 'health' }));
    await settle();
    older!.answer(ok({ tag: 'loneliness' }));
    await settle();
    expect(c.getState().results.needMap).toEqual({ tag: 'health' });
    expect(c.getState().results.needMapRequestedAt).toBe(2000); // the input behind the map shown, for the re-colour timing
  });

  it('hot spots are asked 150 ms after the last input, on their channel, and cleared without a call when switched off', async () => {
    const c = controller();
    const { client, of } = fakeClient();
    c.attach(client, campaigns, 1);
    runFrame();
    c.update((s) => setToggle(s, 'hotSpots', true));
    vi.advanceTimersByTime(149);
    expect(of('hotSpots')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(of('hotSpots').map((x) => [x.query, x.channel])).toEqual([
      [{ unit: { kind: 'street' }, campaignId: 'w2', selection: { kind: 'need', needId: 'loneliness_seniors' }, minResponses: 5 }, 'explore:hotSpots'],
    ]);
    of('hotSpots')[0]!.answer(ok({ tag: 'gi' }));
    await settle();
    expect(c.getState().results.hotSpots).toEqual({ tag: 'gi' });
    runFrame();
    c.update((s) => setToggle(s, 'hotSpots', false));
    vi.advanceTimersByTime(150);
    expect(of('hotSpots')).toHaveLength(1);
    expect(c.getState().results.hotSpots).toBeNull();
  });

  it('a refusal is kept as the worker’s code (worded when shown); an abort (a newer request won) is not an error; a crash is', async () => {
    const c = controller();
    const { client, of } = fakeClient();
    c.attach(client, campaigns, 1);
    const refusal = { code: 'all_weights_zero' } as const;
    of('needMap')[0]!.answer({ ok: false, message: 'give at least one need a weight above zero', issues: [], refusal });
    await settle();
    expect(c.getState().results.error).toEqual({ refusal, issues: [] });
    expect(analysisRefusalText(c.getState().results.error!, 'pl')).toBe('wszystkie wagi potrzeb są zerowe: nadaj co najmniej jednej potrzebie wagę większą od zera');
    of('layer')[0]!.fail(new DOMException('aborted', 'AbortError'));
    await settle();
    expect(c.getState().results.error).toEqual({ refusal, issues: [] });
    runFrame();
    c.update((s) => ({ ...s, needId: 'health' }));
    of('needMap')[1]!.fail(new Error('worker crashed'));
    await settle();
    expect(c.getState().results.error).toEqual({ refusal: { code: 'engine_failed', reason: 'worker crashed' }, issues: [] });
  });

  it('after detach nothing is asked, and answers still on their way are dropped', async () => {
    const c = controller();
    const { client, calls, of } = fakeClient();
    const heard = vi.fn();
    c.subscribe(heard);
    c.attach(client, campaigns, 1);
    c.detach();
    expect(c.getState().ready).toBe(false);
    const told = heard.mock.calls.length;
    of('needMap')[0]!.answer(ok({ tag: 'late' }));
    await settle();
    expect(c.getState().results.needMap).toBeNull();
    expect(heard.mock.calls.length).toBe(told);
    c.update((s) => ({ ...s, needId: 'health' }));
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(2);
  });
});
