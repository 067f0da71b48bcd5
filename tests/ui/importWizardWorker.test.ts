import { describe, expect, it } from 'vitest';
import { createImportClient, type ImportWorkerLike } from '../../src/worker/importClient';
import { ImportMessageHandler } from '../../src/worker/importWorkerHandler';
import type { ImportWorkerResponse } from '../../src/worker/importProtocol';
import { deepFreeze, townWorkspace } from '../data/import/fixtures';

/** A Worker stand-in: the real handler, in this thread, with structured cloning both ways as postMessage does. */
function fakeWorker(log: unknown[] = []): ImportWorkerLike & { terminated: boolean } {
  const fake: ImportWorkerLike & { terminated: boolean } = {
    onmessage: null,
    terminated: false,
    postMessage(message: unknown) {
      log.push(message);
      void handler.receive(message);
    },
    terminate() {
      fake.terminated = true;
    },
  };
  const handler = new ImportMessageHandler((message) => {
    // Deliver asynchronously, as a real worker does.
    setTimeout(() => fake.onmessage?.({ data: structuredClone(message) } as MessageEvent), 0);
  });
  return fake;
}

/** 6,000 survey rows on the town's addresses: three chunks of 2,000, so three progress reports before the end. */
function surveyCsv(rows: number): string {
  const lines = ['Adres;Data;Liczba osób;Bezrobocie'];
  const addresses = ['al. Jana Pawła II 12A', 'ul. Lubelska 5', 'ul. Lubelska 7', 'ul. 3 Maja 1'];
  for (let i = 0; i < rows; i++) lines.push(`${addresses[i % addresses.length]};05.05.2025;${1 + (i % 4)};${i % 4}`);
  return lines.join('\n');
}

describe('the import worker and its client', () => {
  it('plans in the worker, reports progress with counts, and sends the workspace once', async () => {
    const log: unknown[] = [];
    const client = createImportClient(() => fakeWorker(log));
    const workspace = deepFreeze(townWorkspace());
    const progress: Array<[number, number]> = [];
    const file = new Blob([surveyCsv(6000)]);
    const outcome = await client.plan(
      { kind: 'responses', file, fileName: 'ankiety.csv', settings: { campaignId: 'campaign-2025-w1' }, workspace },
      { onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.plan.ok).toBe(true);
    expect(outcome.plan.records.responses).toHaveLength(6000);
    expect(outcome.plan.matchReport).toMatchObject({ total: 6000, matched: 6000, rate: 1 });
    expect(progress).toEqual([[2000, 6000], [4000, 6000], [6000, 6000], [6000, 6000]]);
    // Every answer sits on its matched address: 6,000 preview points, all in the town.
    expect(outcome.preview.fromRecords).toBe(true);
    expect(outcome.preview.pointTotal).toBe(6000);
    expect(outcome.preview.points).toHaveLength(2 * 5000); // sampled to MAX_PREVIEW_POINTS

    await client.plan({ kind: 'responses', file, fileName: 'ankiety.csv', settings: { campaignId: 'campaign-2025-w1' }, workspace });
    const plans = log.filter((m): m is { type: 'plan'; workspace?: unknown } => (m as { type: string }).type === 'plan');
    expect(plans.map((m) => m.workspace !== undefined)).toEqual([true, false]);
    client.dispose();
  });

  it('shows where a wrong coordinate system puts the points, even though the plan has errors', async () => {
    const client = createImportClient(() => fakeWorker());
    // WGS84 numbers, but the user says EPSG:2180: every point lands far from Chełm (and outside Poland).
    const file = new Blob(['Nazwa;Rodzaj;Lon;Lat\nBiblioteka;biblioteka;23,4712;51,1402\n']);
    const outcome = await client.plan({ kind: 'resources', file, fileName: 'zasoby.csv', settings: { crs: { code: 'EPSG:2180', axisOrder: 'xy' } }, workspace: townWorkspace() });
    // The worker answers (ok), and its plan is the one that fails: a failing worker must not pass for a failing plan.
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.plan.ok).toBe(false);
    expect(outcome.preview.fromRecords).toBe(false);
    expect(outcome.preview.points).toHaveLength(2);
    const [lng, lat] = outcome.preview.points;
    expect(Math.abs(lng! - 23.47) + Math.abs(lat! - 51.14)).toBeGreaterThan(3);
    client.dispose();
  });

  it('cancels: an aborted plan rejects with AbortError, and a newer plan cancels the older one', async () => {
    const log: unknown[] = [];
    const client = createImportClient(() => fakeWorker(log));
    const request = { kind: 'responses' as const, file: new Blob([surveyCsv(6000)]), fileName: 'a.csv', settings: { campaignId: 'campaign-2025-w1' }, workspace: townWorkspace() };
    const controller = new AbortController();
    const aborted = client.plan(request, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const first = client.plan(request);
    const second = client.plan(request);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect((await second).ok).toBe(true);
    expect(log.filter((m) => (m as { type: string }).type === 'cancel')).toHaveLength(2);
    client.dispose();
    await expect(client.plan(request)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('drops messages that do not fit the protocol, both ways', async () => {
    const posted: ImportWorkerResponse[] = [];
    const handler = new ImportMessageHandler((m) => posted.push(m));
    await handler.receive({ type: 'plan', id: 1, kind: 'resources', file: 'not a blob', fileName: 'x', settings: {} });
    await handler.receive({ type: 'explode' });
    expect(posted).toEqual([]);
    // A plan before any workspace was sent is answered as a failure value, not an exception.
    await handler.receive({ type: 'plan', id: 2, kind: 'resources', file: new Blob(['a']), fileName: 'x', settings: {} });
    expect(posted).toEqual([{ type: 'failed', id: 2, message: 'the import worker has no workspace yet' }]);

    const worker = fakeWorker();
    const client = createImportClient(() => worker);
    const pending = client.plan({ kind: 'resources', file: new Blob(['Nazwa;Lon;Lat\nA;23,47;51,14\n']), fileName: 'z.csv', settings: {}, workspace: townWorkspace() });
    worker.onmessage?.({ data: { type: 'planned', id: 1, plan: 'forged' } } as MessageEvent); // fails the schema: ignored
    expect((await pending).ok).toBe(true);
    client.dispose();
    expect(worker.terminated).toBe(true);
  });
});
