import { describe, expect, it } from 'vitest';
import { createAnalysisClient } from '../../src/worker/analysisClient';
import { inProcessWorker } from './inProcessWorker';
import { smallWorkspace } from './smallWorkspace';

const fakeWorker = inProcessWorker;

const query = (weights: Record<string, number>) => ({ unit: { kind: 'street' as const }, campaignId: 'wave-1', selection: { kind: 'index' as const, weights } });

describe('createAnalysisClient with the real handler behind a fake worker', () => {
  it('init sends the workspace once; layers are fetched once; a need map arrives with typed arrays', async () => {
    const { worker, sent } = fakeWorker();
    const client = createAnalysisClient(() => worker);
    const init = await client.init(smallWorkspace());
    expect(init.ok && init.value.campaigns.map((c) => c.id)).toEqual(['wave-1', 'wave-2']);
    const [a, b] = await Promise.all([client.layer({ kind: 'street' }), client.layer({ kind: 'street' })]);
    expect(a).toBe(b);
    expect(sent.filter((m) => (m as { type: string }).type === 'layer')).toHaveLength(1);
    const map = await client.needMap(query({ housing: 1 }));
    if (!map.ok || !a.ok) throw new Error('expected answers');
    expect(map.value.values).toBeInstanceOf(Float64Array);
    expect(map.value.unitCount).toBe(a.value.unitIds.length);
    expect(sent.filter((m) => (m as { type: string }).type === 'init')).toHaveLength(1);
    // Later requests carry queries only, never the workspace again.
    expect(sent.slice(1).every((m) => !('workspace' in (m as object)))).toBe(true);
  });

  it('abort rejects at once with an AbortError, tells the worker, and ignores the late answer', async () => {
    const { worker, sent } = fakeWorker();
    const client = createAnalysisClient(() => worker);
    await client.init(smallWorkspace());
    const controller = new AbortController();
    const pending = client.needMap(query({ housing: 1 }), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pending).rejects.toBeInstanceOf(DOMException);
    const id = (sent[sent.length - 2] as { id: number }).id;
    expect(sent[sent.length - 1]).toEqual({ type: 'cancel', id });
    // An already aborted signal never sends anything.
    const before = sent.length;
    await expect(client.needMap(query({ housing: 1 }), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent.length).toBe(before);
    // The client keeps working afterwards.
    expect((await client.needMap(query({ health: 1 }))).ok).toBe(true);
  });

  it('a new request on a channel aborts the previous one: a burst of weight changes resolves only the last', async () => {
    const { worker } = fakeWorker();
    const client = createAnalysisClient(() => worker);
    await client.init(smallWorkspace());
    const burst = [1, 2, 3, 4, 5].map((w) => client.needMap(query({ housing: w, health: 1 })));
    const settled = await Promise.allSettled(burst);
    expect(settled.slice(0, 4).every((s) => s.status === 'rejected' && (s.reason as DOMException).name === 'AbortError')).toBe(true);
    const last = settled[4]!;
    // weights 5 : 1 → 5/6 and 1/6; a rejected or failed last answer fails here instead of skipping the check.
    expect(last.status === 'fulfilled' && last.value).toMatchObject({ ok: true, value: { weights: { housing: 5 / 6, health: 1 / 6 } } });
    // Different channels do not cancel each other.
    const [map, panel] = await Promise.all([client.needMap(query({ housing: 1 })), client.needMap(query({ health: 1 }), { channel: 'panel' })]);
    expect([map.ok, panel.ok]).toEqual([true, true]);
  });

  it('a bad query comes back as a value naming the field', async () => {
    const { worker } = fakeWorker();
    const client = createAnalysisClient(() => worker);
    await client.init(smallWorkspace());
    const answer = await client.needMap({ ...query({ housing: 1 }), minResponses: 0 });
    expect(answer).toMatchObject({ ok: false, issues: [{ field: 'query.minResponses', message: 'minResponses must be at least 1' }] });
  });

  it('dispose rejects what is pending with an AbortError', async () => {
    const { worker } = fakeWorker();
    const client = createAnalysisClient(() => worker);
    const init = client.init(smallWorkspace());
    client.dispose();
    await expect(init).rejects.toMatchObject({ name: 'AbortError' });
  });
});
