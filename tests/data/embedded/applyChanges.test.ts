import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBObjectStore as FakeIDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Address, Street } from '../../../src/domain';
import { createEmbeddedDataSource, type EmbeddedDataSource } from '../../../src/data/embedded';
import { collections, copy, deepFrozen, demoFiles, memoryReader } from './fixtures';

/**
 * applyChanges on the embedded adapter: everything validated before the IndexedDB transaction opens, then ONE
 * readwrite transaction over the overlay store; a failure inside it (a put that throws, the browser aborting it,
 * the user's abort) leaves the store exactly as it was. Failures are forced with spies on fake-indexeddb's classes.
 */

const DB_NAME = 'cal-map-apply-changes';
let indexedDB: IDBFactory;
beforeEach(() => {
  indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const open = (): EmbeddedDataSource => createEmbeddedDataSource({ dbName: DB_NAME, indexedDB, readDemoFile: memoryReader(demoFiles()) });

const newStreet: Street = deepFrozen({ id: 'street-lipowa', prefix: 'ul.', name: 'Lipowa', geometry: { type: 'MultiLineString', coordinates: [[[19.001, 50.006], [19.009, 50.006]]] } });
const newAddresses: Address[] = deepFrozen([
  { id: 'addr-lipowa-1', streetId: 'street-lipowa', houseNumber: '1', location: { type: 'Point', coordinates: [19.002, 50.006] }, households: 3 },
  { id: 'addr-lipowa-2', streetId: 'street-lipowa', houseNumber: '2', location: { type: 'Point', coordinates: [19.003, 50.006] }, households: 5 },
]);

/** The overlay entries as stored, `collection/id op`, sorted (the store's key order). */
async function stored(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME); // the current version: the adapter may have upgraded it
    request.onupgradeneeded = () => request.result.createObjectStore('overlay', { keyPath: ['collection', 'id'] });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const entries = await new Promise<{ collection: string; id: string; op: string }[]>((resolve, reject) => {
    const request = db.transaction('overlay', 'readonly').objectStore('overlay').getAll();
    request.onsuccess = () => resolve(request.result as { collection: string; id: string; op: string }[]);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return entries.map((e) => `${e.collection}/${e.id} ${e.op}`);
}

/** Counts readwrite transactions opened from now on. */
function countWriteTransactions(): { count: number } {
  const counter = { count: 0 };
  const original = FakeIDBDatabase.prototype.transaction;
  vi.spyOn(FakeIDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<typeof original>) {
    if (args[1] === 'readwrite') counter.count++;
    return original.apply(this, args);
  });
  return counter;
}

/** Runs `onPut(n)` before the n-th put (1-based) from now on; it may throw to make that put throw. */
function beforeEachPut(onPut: (n: number, store: IDBObjectStore) => void): void {
  const original = FakeIDBObjectStore.prototype.put;
  let n = 0;
  vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
    onPut(++n, this);
    return original.apply(this, args);
  });
}

describe('embedded applyChanges', () => {
  it('stores streets, their addresses and deletions in one transaction, for a new DataSource too', async () => {
    const writes = countWriteTransactions();
    const result = await open().applyChanges({ upserts: { addresses: newAddresses, streets: [newStreet] }, deletes: { events: ['ev-1'], responses: ['resp-2'] } });
    expect(result).toEqual({ ok: true });
    expect(writes.count).toBe(1);
    expect(await stored()).toEqual([
      'addresses/addr-lipowa-1 upsert', 'addresses/addr-lipowa-2 upsert', 'events/ev-1 delete', 'responses/resp-2 delete', 'streets/street-lipowa upsert',
    ]);
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace.streets.map((s) => s.id)).toEqual(['street-1', 'street-2', 'street-lipowa']);
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-2', 'addr-3', 'addr-lipowa-1', 'addr-lipowa-2']);
    expect(workspace.events).toEqual([]);
    expect(workspace.responses.map((r) => r.id)).toEqual(['resp-1']);
  });

  it('validates everything before the transaction opens: a bad row in the second collection writes nothing', async () => {
    const source = open();
    expect(await source.saveRecord('streets', { ...copy(collections.streets[0]!), name: 'Słoneczna Nowa' })).toEqual({ ok: true });
    const writes = countWriteTransactions();
    const badAddress = deepFrozen({ ...copy(newAddresses[1]!), households: -1 });
    const result = await source.applyChanges({ upserts: { streets: [newStreet], addresses: [newAddresses[0]!, badAddress] }, deletes: { events: ['bad id!'] } });
    expect(result).toEqual({
      ok: false,
      issues: [
        { source: 'addresses', row: 1, field: 'households', message: expect.any(String) as unknown as string, problem: { code: 'too_small', origin: 'number', minimum: 1, inclusive: true } },
        { source: 'events', row: 0, field: 'id', message: 'id may contain only letters, digits and . _ : -', problem: { code: 'bad_format', format: 'regex' } },
      ],
    });
    expect(writes.count).toBe(0);
    expect(await stored()).toEqual(['streets/street-1 upsert']);
  });

  it('refuses an id both saved and deleted, an unknown collection and a list that is not one', async () => {
    const result = await open().applyChanges({ upserts: { streets: [newStreet], castles: [] } as never, deletes: { streets: ['street-lipowa'], areas: 'area-north' } as never });
    expect(!result.ok && result.issues.map((i) => `${i.source} ${i.row ?? '-'} ${i.field}`)).toEqual([
      'castles - (collection) in upserts', 'areas - (deletes)', 'streets 0 id',
    ]);
    expect(await stored()).toEqual([]);
    expect(await open().applyChanges({ upserts: {}, deletes: { events: [] } })).toEqual({ ok: true });
    expect(await open().applyChanges(null as never)).toEqual({ ok: false, issues: [{ source: 'changes', field: '(changes)', message: 'changes must be an object with upserts and deletes' }] });
  });

  it('a put that throws in the middle of the transaction aborts it: the earlier puts are undone', async () => {
    const source = open();
    expect(await source.saveRecord('resources', { ...copy(collections.resources[0]!), name: 'SP nr 1 (po remoncie)' })).toEqual({ ok: true });
    const before = await stored();
    beforeEachPut((n) => {
      // The third entry (after the street and the first address were put): what a DataCloneError looks like.
      if (n === 3) throw new DOMException('The object could not be cloned.', 'DataCloneError');
    });
    const result = await source.applyChanges({ upserts: { streets: [newStreet], addresses: newAddresses }, deletes: { events: ['ev-1'] } });
    expect(result).toEqual({
      ok: false,
      issues: [{ source: 'browser storage', field: '(storage)', message: 'the change could not be saved in this browser (The object could not be cloned.); nothing was saved' }],
    });
    vi.restoreAllMocks();
    expect(await stored()).toEqual(before);
    const { workspace } = await open().loadWorkspace();
    expect(workspace.streets.map((s) => s.id)).toEqual(['street-1', 'street-2']);
    expect(workspace.events.map((e) => e.id)).toEqual(['ev-1']);
  });

  it('when the browser aborts the transaction after some puts (storage full), nothing of it is kept', async () => {
    const source = open();
    beforeEachPut((n, store) => {
      if (n === 2) store.transaction.abort();
    });
    const result = await source.applyChanges({ upserts: { streets: [newStreet], addresses: newAddresses } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ source: 'browser storage', field: '(storage)', message: expect.stringMatching(/nothing was saved$/) });
    vi.restoreAllMocks();
    expect(await stored()).toEqual([]);
  });

  it('an abort during the transaction rejects with an AbortError and keeps nothing', async () => {
    const controller = new AbortController();
    beforeEachPut((n) => {
      if (n === 2) controller.abort();
    });
    await expect(open().applyChanges({ upserts: { streets: [newStreet], addresses: newAddresses } }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    vi.restoreAllMocks();
    expect(await stored()).toEqual([]);
    const aborted = new AbortController();
    aborted.abort();
    await expect(open().applyChanges({ upserts: { streets: [newStreet] } }, aborted.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('never mutates what it is given', async () => {
    const changes = deepFrozen({ upserts: { streets: [{ ...copy(newStreet), name: '  Lipowa  ' }] }, deletes: { events: ['ev-1'] } });
    expect(await open().applyChanges(changes)).toEqual({ ok: true });
    expect((await open().loadWorkspace()).workspace.streets[2]!.name).toBe('Lipowa');
  });
});
