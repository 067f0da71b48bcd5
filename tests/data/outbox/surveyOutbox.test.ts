import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DataSource, WriteResult } from '../../../src/data/dataSource';
import { createEmbeddedDataSource } from '../../../src/data/embedded';
import { createSurveyOutbox, sendOutbox } from '../../../src/data/outbox';
import type { CollectionName, CollectionRecord, LeaderContact, SurveyResponse } from '../../../src/domain';
import { deepFrozen, demoFiles, memoryReader } from '../embedded/fixtures';

const answer = (id: string, over: Partial<SurveyResponse> = {}): SurveyResponse =>
  deepFrozen<SurveyResponse>({ id, campaignId: 'camp-1', addressId: 'addr-1', date: '2026-05-04', householdSize: 2, needs: [], nuisances: ['litter'], offers: [], ...over });

/** A clock that ticks one second per call, so queue order is known. */
function tickingClock(start = Date.UTC(2026, 4, 4, 9, 0, 0)) {
  let t = start;
  return () => new Date((t += 1000));
}

const outboxOn = (factory = new IDBFactory()) => createSurveyOutbox({ indexedDB: factory, dbName: 'outbox-test', now: tickingClock() });

/** A remote DataSource stand-in that records batches and answers with what the test scripts. */
function scriptedTarget(answers: Array<(records: readonly SurveyResponse[]) => WriteResult>) {
  const batches: string[][] = [];
  const target: Pick<DataSource, 'saveRecord' | 'saveRecords' | 'saveResponseWithLeaderContact'> = {
    saveRecord: () => Promise.reject(new Error('not used')),
    saveResponseWithLeaderContact: () => Promise.reject(new Error('not used')),
    saveRecords: <C extends CollectionName>(_c: C, records: readonly CollectionRecord<C>[]) => {
      batches.push(records.map((r) => r.id));
      const next = answers.shift();
      if (!next) throw new Error('no scripted answer left');
      return Promise.resolve(next(records as readonly SurveyResponse[]));
    },
  };
  return { target, batches };
}

describe('the survey outbox (IndexedDB)', () => {
  it('queues answers oldest first, keeps one entry per id, and survives reopening', async () => {
    const factory = new IDBFactory();
    const outbox = outboxOn(factory);
    expect((await outbox.enqueue(answer('b'))).ok).toBe(true);
    expect((await outbox.enqueue(answer('a'))).ok).toBe(true);
    expect((await outbox.enqueue(answer('b', { householdSize: 5 }))).ok).toBe(true); // replaces, and is now newest
    const reopened = createSurveyOutbox({ indexedDB: factory, dbName: 'outbox-test' });
    const { entries, issues } = await reopened.read();
    expect(issues).toEqual([]);
    expect(entries.map((e) => [e.id, e.record.householdSize, e.attempts])).toEqual([
      ['a', 2, 0],
      ['b', 5, 0],
    ]);
    expect(entries[0]!.queuedAt).toBe('2026-05-04T09:00:02.000Z');
  });

  it('refuses an invalid answer with the field named, and stores nothing', async () => {
    const outbox = outboxOn();
    const bad = { ...answer('x'), householdSize: 0 };
    const result = await outbox.enqueue(bad);
    expect(result).toEqual({ ok: false, issues: [{ source: 'responses', field: 'householdSize', message: 'householdSize must be at least 1', problem: { code: 'too_small', origin: 'number', minimum: 1, inclusive: true } }] });
    expect((await outbox.read()).entries).toEqual([]);
  });

  it('refuses a name smuggled into an answer (strict schema)', async () => {
    const outbox = outboxOn();
    const withName = { ...answer('x'), name: 'Jan Kowalski' } as unknown as SurveyResponse;
    const result = await outbox.enqueue(withName);
    expect(result.ok).toBe(false);
    expect((await outbox.read()).entries).toEqual([]);
  });

  it('reports a stored entry of another format instead of using it', async () => {
    const factory = new IDBFactory();
    const outbox = outboxOn(factory);
    await outbox.enqueue(answer('ok'));
    // Write a foreign entry straight into the store, as an older app version might have.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open('outbox-test');
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('responses', 'readwrite');
      tx.objectStore('responses').put({ v: 0, id: 'old', record: {} });
      tx.oncomplete = () => resolve();
    });
    const { entries, issues } = await outbox.read();
    expect(entries.map((e) => e.id)).toEqual(['ok']);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.source === 'outbox')).toBe(true);
  });

  it('removes sent answers and counts failed attempts with their reason', async () => {
    const outbox = outboxOn();
    await outbox.enqueue(answer('a'));
    await outbox.enqueue(answer('b'));
    await outbox.markFailed(['a', 'gone'], 'offline');
    await outbox.markFailed(['a'], 'server answered 503');
    await outbox.remove(['b', 'never-there']);
    const { entries } = await outbox.read();
    expect(entries.map((e) => [e.id, e.attempts, e.lastError])).toEqual([['a', 2, 'server answered 503']]);
  });
});

describe('sending the outbox', () => {
  it('sends everything in one batch, oldest first, and empties the outbox', async () => {
    const outbox = outboxOn();
    await outbox.enqueue(answer('first'));
    await outbox.enqueue(answer('second'));
    const { target, batches } = scriptedTarget([() => ({ ok: true })]);
    const report = await sendOutbox(outbox, target);
    expect(batches).toEqual([['first', 'second']]);
    expect(report.sent.map((r) => r.id)).toEqual(['first', 'second']);
    expect(report.failedIds).toEqual([]);
    expect((await outbox.read()).entries).toEqual([]);
  });

  it('keeps everything when the network fails, with the reason, for the next round', async () => {
    const outbox = outboxOn();
    await outbox.enqueue(answer('a'));
    await outbox.enqueue(answer('b'));
    const { target } = scriptedTarget([() => ({ ok: false, issues: [{ source: 'network', field: '(request)', message: 'Failed to fetch' }] })]);
    const report = await sendOutbox(outbox, target);
    expect(report.sent).toEqual([]);
    expect(report.failedIds.sort()).toEqual(['a', 'b']);
    const { entries } = await outbox.read();
    expect(entries.map((e) => [e.id, e.attempts, e.lastError])).toEqual([
      ['a', 1, 'network, field (request): Failed to fetch'],
      ['b', 1, 'network, field (request): Failed to fetch'],
    ]);
  });

  it('isolates an answer the server rejects (row 1 of 3) and sends the other two', async () => {
    const outbox = outboxOn();
    for (const id of ['a', 'b', 'c']) await outbox.enqueue(answer(id));
    const { target, batches } = scriptedTarget([
      () => ({ ok: false, issues: [{ source: 'responses', row: 1, field: 'addressId', message: 'no such address' }] }),
      () => ({ ok: true }),
    ]);
    const report = await sendOutbox(outbox, target);
    expect(batches).toEqual([['a', 'b', 'c'], ['a', 'c']]);
    expect(report.sent.map((r) => r.id)).toEqual(['a', 'c']);
    expect(report.failedIds).toEqual(['b']);
    const { entries } = await outbox.read();
    expect(entries.map((e) => [e.id, e.lastError])).toEqual([['b', 'responses row 2, field addressId: no such address']]);
  });

  it('keeps everything when the DataSource throws (not an abort)', async () => {
    const outbox = outboxOn();
    await outbox.enqueue(answer('a'));
    const target: Pick<DataSource, 'saveRecord' | 'saveRecords' | 'saveResponseWithLeaderContact'> = {
      saveRecord: () => Promise.reject(new Error('not used')),
      saveResponseWithLeaderContact: () => Promise.reject(new Error('not used')),
      saveRecords: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const report = await sendOutbox(outbox, target);
    expect(report.failedIds).toEqual(['a']);
    expect((await outbox.read()).entries.map((e) => e.lastError)).toEqual(['Failed to fetch']);
  });

  it('does nothing with an empty outbox', async () => {
    const { target, batches } = scriptedTarget([]);
    expect(await sendOutbox(outboxOn(), target)).toEqual({ sent: [], failedIds: [], issues: [] });
    expect(batches).toEqual([]);
  });

  it('lands in the embedded DataSource: the answer appears in the loaded workspace', async () => {
    const factory = new IDBFactory();
    const outbox = createSurveyOutbox({ indexedDB: factory });
    const dataSource = createEmbeddedDataSource({ indexedDB: factory, dbName: 'embedded-test', readDemoFile: memoryReader(demoFiles()) });
    const before = (await dataSource.loadWorkspace()).workspace.responses.length;
    await outbox.enqueue(answer('door-1'));
    const report = await sendOutbox(outbox, dataSource);
    expect(report.sent.map((r) => r.id)).toEqual(['door-1']);
    const { workspace } = await dataSource.loadWorkspace();
    expect(workspace.responses.length).toBe(before + 1);
    expect(workspace.responses.find((r) => r.id === 'door-1')?.nuisances).toEqual(['litter']);
    expect((await outbox.read()).entries).toEqual([]);
  });
});

describe('answers with a leader contact', () => {
  const contact = (responseId: string, over: Partial<LeaderContact> = {}): LeaderContact =>
    deepFrozen<LeaderContact>({ id: `lc-${responseId}`, responseId, name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-04', retainUntil: '2027-05-04', ...over });

  it('wait with their contact and reach the DataSource together, apart from the workspace', async () => {
    const outbox = outboxOn();
    expect((await outbox.enqueue(answer('plain'))).ok).toBe(true);
    expect((await outbox.enqueue(answer('leader'), undefined, contact('leader'))).ok).toBe(true);
    expect((await outbox.read()).entries.map((e) => [e.id, e.leaderContact?.name])).toEqual([['plain', undefined], ['leader', 'Anna Nowak']]);
    const indexedDB = new IDBFactory();
    const target = createEmbeddedDataSource({ dbName: 'outbox-target', indexedDB, readDemoFile: memoryReader(demoFiles()), now: () => new Date('2026-06-01T12:00:00') });
    const report = await sendOutbox(outbox, target);
    expect(report.sent.map((r) => r.id)).toEqual(['plain', 'leader']);
    expect((await outbox.read()).entries).toEqual([]);
    expect(await target.loadLeaderContacts()).toEqual({ ok: true, contacts: [contact('leader')], issues: [] });
    expect(JSON.stringify((await target.loadWorkspace()).workspace)).not.toContain('Anna');
  });

  it('are refused with their answer when the contact is invalid, or belongs to another answer', async () => {
    const outbox = outboxOn();
    expect(await outbox.enqueue(answer('leader'), undefined, contact('leader', { phone: '12' }))).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'phone' }] });
    expect(await outbox.enqueue(answer('leader'), undefined, contact('other'))).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'responseId' }] });
    expect((await outbox.read()).entries).toEqual([]);
  });

  it('stay queued with their contact when the DataSource refuses them, while the others are sent', async () => {
    const outbox = outboxOn();
    await outbox.enqueue(answer('leader'), undefined, contact('leader'));
    await outbox.enqueue(answer('plain'));
    const { target, batches } = scriptedTarget([() => ({ ok: true })]);
    const refusing = { ...target, saveResponseWithLeaderContact: () => Promise.resolve<WriteResult>({ ok: false, issues: [{ source: 'leaderContacts', field: '(record)', message: 'you may not write this record in this organisation' }] }) };
    const report = await sendOutbox(outbox, refusing);
    expect(batches).toEqual([['plain']]);
    expect(report.failedIds).toEqual(['leader']);
    const { entries } = await outbox.read();
    expect(entries.map((e) => [e.id, e.leaderContact?.id, e.lastError])).toEqual([['leader', 'lc-leader', 'leaderContacts, field (record): you may not write this record in this organisation']]);
  });
});
