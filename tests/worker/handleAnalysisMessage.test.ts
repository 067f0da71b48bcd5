import { describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreSession } from '../../src/analysis/exploreSession';
import { AnalysisMessageHandler } from '../../src/worker/handleAnalysisMessage';
import type { AnalysisResponse } from '../../src/worker/protocol';
import { deepFreeze } from '../analysis/seededRandom';
import { smallWorkspace } from './smallWorkspace';

/** The real handler with a recording port and a manual scheduler: each test decides when queued work runs. */
function harness(options: { createSession?: (ws: ReturnType<typeof smallWorkspace>) => ExploreSession } = {}) {
  const answers: { message: AnalysisResponse; transfer: Transferable[] }[] = [];
  const tasks: (() => void)[] = [];
  const handler = new AnalysisMessageHandler((message, transfer) => answers.push({ message, transfer }), { schedule: (task) => tasks.push(task), ...options });
  const runTasks = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  return { handler, answers, runTasks, tasks };
}

const needMapRequest = (id: number, extra: Record<string, unknown> = {}) => ({
  type: 'needMap',
  id,
  query: { unit: { kind: 'hex' }, campaignId: 'wave-1', selection: { kind: 'index', weights: { housing: 1, health: 2 } } },
  ...extra,
});

describe('AnalysisMessageHandler (the worker logic, in Node)', () => {
  it('a bad request is answered with a value naming the field, never thrown', () => {
    const { handler, answers } = harness();
    expect(() => handler.receive({ type: 'needMap', id: 7, query: { unit: { kind: 'hex' }, campaignId: 'wave-1', selection: { kind: 'index', weights: { housing: -1 } } } })).not.toThrow();
    const [answer] = answers.map((a) => a.message);
    expect(answer).toMatchObject({ id: 7, type: 'needMap', ok: false });
    if (!answer || !('ok' in answer) || answer.ok) throw new Error('expected a refusal');
    expect(answer.issues).toContainEqual({ source: 'needMap request', field: 'query.selection.weights.housing', message: 'a need weight must be 0 or more', problem: { code: 'too_small', origin: 'number', minimum: 0, inclusive: true } });
    expect(answer).toMatchObject({ refusal: { code: 'bad_request' } });
    expect(answer.message).toContain('field query.selection.weights.housing: a need weight must be 0 or more');

    handler.receive({ type: 'hotSpots', id: 8, query: { unit: { kind: 'estate' }, campaignId: 'wave-1', selection: { kind: 'need', needId: 'housing' } } });
    expect(answers[1]!.message).toMatchObject({ id: 8, ok: false, issues: [{ field: 'query.unit', message: 'hot spots are computed over hex or street units' }] });

    handler.receive({ type: 'explode', id: 9 });
    expect(answers[2]!.message).toMatchObject({ id: 9, type: null, ok: false, issues: [{ field: 'type' }] });
    handler.receive('not even an object');
    expect(answers[3]!.message).toMatchObject({ id: null, ok: false });
  });

  it('answers a LISA request (seeded: the same answer twice) with its quadrant buffer transferred', () => {
    const { handler, answers, runTasks } = harness();
    handler.receive({ type: 'init', id: 1, workspace: deepFreeze(smallWorkspace()) });
    const lisa = (id: number) => ({ type: 'lisa', id, channel: `lisa-${id}`, query: { unit: { kind: 'hex' }, campaignId: 'wave-1', selection: { kind: 'need', needId: 'housing' }, permutations: 99 } });
    handler.receive(lisa(2));
    handler.receive(lisa(3));
    runTasks();
    const [first, second] = [answers[1]!, answers[2]!];
    if (!('ok' in first.message) || !first.message.ok || first.message.type !== 'lisa') throw new Error('expected a LISA answer');
    if (!('ok' in second.message) || !second.message.ok || second.message.type !== 'lisa') throw new Error('expected a LISA answer');
    expect(first.transfer).toContain(first.message.result.quadrant.buffer);
    expect(Array.from(second.message.result.pValues)).toEqual(Array.from(first.message.result.pValues));
    expect(first.message.result.permutations).toBe(99);
    handler.receive({ ...lisa(4), query: { ...lisa(4).query, permutations: 0 } });
    runTasks();
    expect(answers[3]!.message).toMatchObject({ id: 4, ok: false });
  });

  it('a query before init is refused as a value; after init it is answered with the transferred buffers of its typed arrays', () => {
    const { handler, answers, runTasks } = harness();
    handler.receive(needMapRequest(1));
    runTasks();
    expect(answers[0]!.message).toMatchObject({ id: 1, ok: false, message: 'no workspace is loaded in the analysis worker yet (send init first)' });

    handler.receive({ type: 'init', id: 2, workspace: deepFreeze(smallWorkspace()) });
    handler.receive(needMapRequest(3));
    runTasks();
    const init = answers[1]!.message;
    expect(init).toMatchObject({ id: 2, type: 'init', ok: true });
    expect(init.id === 2 && 'ok' in init && init.ok && init.type === 'init' && init.result.responses).toBe(900);
    const { message, transfer } = answers[2]!;
    if (!('ok' in message) || !message.ok || message.type !== 'needMap') throw new Error('expected a need map');
    const r = message.result;
    for (const array of [r.values, r.rankingValues, r.responses, r.responseRate, r.suppressed, r.uncertain, r.classOfUnit]) expect(transfer).toContain(array.buffer);
    // no smoothing, an index (no Wilson): exactly these seven arrays, each once (issue 13 added rankingValues, uncertain)
    expect(transfer).toHaveLength(7);
    // Transferring really moves them: after a structured clone with the transfer list, the originals are detached.
    const moved = structuredClone(message, { transfer });
    expect(r.values.byteLength).toBe(0);
    expect((moved as typeof message).result.values.length).toBe((moved as typeof message).result.unitCount);
  });

  it('a newer request of a channel supersedes an older one still queued: the older is answered cancelled and never runs', () => {
    let built: ExploreSession | null = null;
    const { handler, answers, runTasks } = harness({ createSession: (ws) => (built = createExploreSession(ws)) });
    handler.receive({ type: 'init', id: 1, workspace: smallWorkspace() });
    runTasks();
    handler.receive(needMapRequest(2));
    handler.receive(needMapRequest(3, { channel: 'panel' })); // another channel: not superseded
    handler.receive(needMapRequest(4));
    expect(answers.slice(1).map((a) => a.message)).toEqual([{ id: 2, cancelled: true }]);
    expect(handler.queued).toBe(2);
    runTasks();
    expect(answers.slice(2).map((a) => [a.message.id, 'ok' in a.message && a.message.ok])).toEqual([
      [3, true],
      [4, true],
    ]);
    expect(built!.stats.aggregations).toBe(1); // one wave, one layer: one pass, whatever the number of requests
  });

  it('cancel drops a queued request by id; cancelling what already ran is a no-op', () => {
    const { handler, answers, runTasks } = harness();
    handler.receive({ type: 'init', id: 1, workspace: smallWorkspace() });
    runTasks();
    handler.receive(needMapRequest(2));
    handler.receive({ type: 'cancel', id: 2 });
    handler.receive({ type: 'cancel', id: 1 });
    runTasks();
    expect(answers.slice(1).map((a) => a.message)).toEqual([{ id: 2, cancelled: true }]);
  });

  it('requests run one per task, so messages arriving in between can still supersede the rest', () => {
    const { handler, answers, tasks } = harness();
    handler.receive({ type: 'init', id: 1, workspace: smallWorkspace() });
    handler.receive(needMapRequest(2));
    expect(tasks).toHaveLength(1);
    tasks.shift()!(); // runs init only, schedules the next
    expect(answers.map((a) => a.message.id)).toEqual([1]);
    handler.receive(needMapRequest(3)); // arrives while 2 waits
    expect(answers[1]!.message).toEqual({ id: 2, cancelled: true });
    tasks.shift()!();
    expect(answers[2]!.message).toMatchObject({ id: 3, ok: true });
  });

  it('a refusal of the facade and an exception inside the engine both come back as values', () => {
    const throwing = (ws: ReturnType<typeof smallWorkspace>): ExploreSession => ({
      ...createExploreSession(ws),
      needMap: () => {
        throw new RangeError('broken invariant');
      },
    });
    const { handler, answers, runTasks } = harness({ createSession: throwing });
    handler.receive({ type: 'init', id: 1, workspace: smallWorkspace() });
    handler.receive(needMapRequest(2));
    handler.receive({ type: 'unitDetail', id: 3, query: { unit: { kind: 'street' }, unitId: 'no-such-street', campaignId: 'wave-1' } });
    handler.receive({ type: 'coverage', id: 4, query: { unit: { kind: 'street' }, campaignId: 'wave-9', needId: 'housing' } });
    runTasks();
    expect(answers[1]!.message).toEqual({ id: 2, type: 'needMap', ok: false, message: 'the analysis failed: broken invariant', issues: [], refusal: { code: 'engine_failed', reason: 'broken invariant' } });
    expect(answers[2]!.message).toMatchObject({ id: 3, ok: false, issues: [{ field: 'query.unitId', message: 'no street unit with id "no-such-street"' }] });
    expect(answers[3]!.message).toMatchObject({ id: 4, ok: false, issues: [{ field: 'query.campaignId', message: 'unknown survey wave "wave-9"' }] });
  });
});

describe('AnalysisMessageHandler: a large town\'s vector tiles (src/map/townTiles.ts)', () => {
  const tileAt = (lng: number, lat: number, z: number) => {
    const n = 2 ** z;
    const r = (lat * Math.PI) / 180;
    return { z, x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
  };

  it('answers a tile ahead of queued analyses, from the workspace of its key, with the bytes transferred; one asked before its init waits for it', () => {
    const { handler, answers, runTasks } = harness();
    const ws = deepFreeze(smallWorkspace());
    const [lng, lat] = ws.addresses[0]!.location.coordinates;
    const at = tileAt(lng, lat, 14);
    // Before the init: it waits (nothing answered yet).
    handler.receive({ type: 'tile', id: 1, channel: 'tile-1', query: { key: 5, source: 'addresses', ...at } });
    expect(answers).toHaveLength(0);
    handler.receive({ type: 'init', id: 2, workspace: ws, tileKey: 5 });
    // Answered at once, before the init's session is built (the queue has not run).
    expect(answers).toHaveLength(1);
    const tile = answers[0]!;
    if (!('ok' in tile.message) || !tile.message.ok || tile.message.type !== 'tile') throw new Error('expected a tile');
    expect(tile.message.id).toBe(1);
    expect(tile.message.result.byteLength).toBeGreaterThan(0);
    expect(tile.transfer).toEqual([tile.message.result.buffer]);
    // The bytes hold the first address's id (a vector tile keeps its strings as UTF-8).
    expect(new TextDecoder().decode(tile.message.result)).toContain(ws.addresses[0]!.id);
    handler.receive({ type: 'tile', id: 3, channel: 'tile-3', query: { key: 5, source: 'streets', ...at } });
    expect(answers).toHaveLength(2);
    expect(answers[1]!.message).toMatchObject({ id: 3, type: 'tile', ok: true });
    runTasks();
    expect(answers[2]!.message).toMatchObject({ id: 2, type: 'init', ok: true });
  });

  it('a newer init drops the old tiles: an older key is answered empty, a bad tile is refused as a bad request', () => {
    const { handler, answers } = harness();
    const ws = deepFreeze(smallWorkspace());
    const [lng, lat] = ws.addresses[0]!.location.coordinates;
    const at = tileAt(lng, lat, 14);
    handler.receive({ type: 'init', id: 1, workspace: ws, tileKey: 5 });
    handler.receive({ type: 'init', id: 2, workspace: ws, tileKey: 6 });
    handler.receive({ type: 'tile', id: 3, query: { key: 5, source: 'addresses', ...at } });
    const stale = answers.at(-1)!.message;
    if (!('ok' in stale) || !stale.ok || stale.type !== 'tile') throw new Error('expected a tile');
    expect(stale.result.byteLength).toBe(0);
    handler.receive({ type: 'tile', id: 4, query: { key: 6, source: 'addresses', ...at } });
    expect(answers.at(-1)!.message).toMatchObject({ id: 4, type: 'tile', ok: true });
    handler.receive({ type: 'tile', id: 5, query: { key: 6, source: 'addresses', z: 15, x: 0, y: 0 } });
    expect(answers.at(-1)!.message).toMatchObject({ id: 5, ok: false, refusal: { code: 'bad_request' }, issues: [{ field: 'query.z' }] });
    handler.receive({ type: 'tile', id: 6, query: { key: 6, source: 'addresses', z: 1, x: 2, y: 0 } });
    expect(answers.at(-1)!.message).toMatchObject({ id: 6, ok: false, refusal: { code: 'bad_request' }, issues: [{ field: 'query.x' }] });
    // A tile waiting for a key not loaded yet can be cancelled.
    handler.receive({ type: 'tile', id: 7, query: { key: 9, source: 'streets', ...at } });
    handler.receive({ type: 'cancel', id: 7 });
    expect(answers.at(-1)!.message).toEqual({ id: 7, cancelled: true });
  });
});
