import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, RESOURCE_KINDS, type Address, type Resource } from '../../../src/domain';
import { createEmbeddedDataSource, type EmbeddedDataSource } from '../../../src/data/embedded';
import { collections, copy, deepFrozen, demoFiles, memoryReader, organisation } from './fixtures';

const DB_NAME = 'cal-map-test';

/** Each test gets its own IndexedDB (a fresh factory), so no state leaks between tests. */
let indexedDB: IDBFactory;
beforeEach(() => {
  indexedDB = new IDBFactory();
});

const open = (): EmbeddedDataSource => createEmbeddedDataSource({ dbName: DB_NAME, indexedDB, readDemoFile: memoryReader(demoFiles()) });

const newResource: Resource = deepFrozen({
  id: 'res-library',
  name: 'Biblioteka Miejska',
  kind: 'library',
  location: { type: 'Point', coordinates: [19.006, 50.006] },
  serves: ['civic_participation'],
  coalitions: [],
});

/** Writes raw values into the overlay store, bypassing validation: what an older version or a curious user might leave. */
async function writeRaw(values: unknown[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME); // the current version: the adapter may have upgraded it
    request.onupgradeneeded = () => request.result.createObjectStore('overlay', { keyPath: ['collection', 'id'] });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('overlay', 'readwrite');
    values.forEach((value) => tx.objectStore('overlay').put(value));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function countStored(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME); // the current version: the adapter may have upgraded it
    request.onupgradeneeded = () => request.result.createObjectStore('overlay', { keyPath: ['collection', 'id'] });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const count = await new Promise<number>((resolve, reject) => {
    const request = db.transaction('overlay', 'readonly').objectStore('overlay').count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return count;
}

describe('embedded DataSource', () => {
  it('loads the demo town with no changes and no issues', async () => {
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace).toEqual({ v: 1, organisation, ...collections });
    expect(open().kind).toBe('embedded');
  });

  it('keeps a saved record across a new DataSource on the same database', async () => {
    expect(await open().saveRecord('resources', newResource)).toEqual({ ok: true });
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace.resources.map((r) => r.id)).toEqual(['res-school', 'res-library']);
    expect(workspace.resources[1]).toEqual(newResource);
  });

  it('replaces a demo record in place when one with its id is saved', async () => {
    const source = open();
    const edited: Address = deepFrozen({ ...copy(collections.addresses[1]!), households: 14 });
    expect(await source.saveRecord('addresses', edited)).toEqual({ ok: true });
    const { workspace } = await source.loadWorkspace();
    expect(workspace.addresses.map((a) => [a.id, a.households])).toEqual([['addr-1', 4], ['addr-2', 14], ['addr-3', 1]]);
  });

  it('stores what the schema outputs (trimmed text), not the raw input', async () => {
    const source = open();
    expect(await source.saveRecord('resources', deepFrozen({ ...copy(newResource), name: '  Biblioteka Miejska  ' }))).toEqual({ ok: true });
    const { workspace } = await source.loadWorkspace();
    expect(workspace.resources[1]!.name).toBe('Biblioteka Miejska');
  });

  it('rejects an invalid record with issues naming the field and stores nothing', async () => {
    const source = open();
    const invalid = deepFrozen({ ...copy(newResource), kind: 'castle', location: { type: 'Point', coordinates: [19.006, 95] } }) as unknown as Resource;
    expect(await source.saveRecord('resources', invalid)).toEqual({
      ok: false,
      issues: [
        { source: 'resources', field: 'kind', message: expect.stringMatching(/^resource kind must be one of: ops, kis, school, /) as unknown as string, problem: { code: 'not_one_of', values: [...RESOURCE_KINDS] } },
        { source: 'resources', field: 'location.coordinates.1', message: 'latitude must be between -90 and 90', problem: { code: 'rule', rule: 'latitude_range' } },
      ],
    });
    expect(await countStored()).toBe(0);
    expect((await source.loadWorkspace()).workspace.resources.map((r) => r.id)).toEqual(['res-school']);
  });

  it('rejects an unknown collection name', async () => {
    const result = await open().saveRecord('houses' as 'addresses', collections.addresses[0]!);
    expect(result).toEqual({
      ok: false,
      issues: [{ source: 'houses', field: '(collection)', message: 'unknown collection; expected one of: areas, streets, addresses, campaigns, responses, resources, groups, programmes, events' }],
    });
  });

  it('hides a demo record after deleteRecord, also for a new DataSource', async () => {
    expect(await open().deleteRecord('addresses', 'addr-2')).toEqual({ ok: true });
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-3']);
  });

  it('treats deleting what is not there as done, and rejects an invalid id', async () => {
    const source = open();
    expect(await source.deleteRecord('events', 'no-such-event')).toEqual({ ok: true });
    expect(await source.deleteRecord('events', 'bad id!')).toEqual({
      ok: false,
      issues: [{ source: 'events', field: 'id', message: 'id may contain only letters, digits and . _ : -', problem: { code: 'bad_format', format: 'regex' } }],
    });
  });

  it('deletes a record the user created', async () => {
    const source = open();
    await source.saveRecord('resources', newResource);
    await source.deleteRecord('resources', 'res-library');
    expect((await source.loadWorkspace()).workspace.resources.map((r) => r.id)).toEqual(['res-school']);
  });

  it('restores the demo town on resetToDemo', async () => {
    const source = open();
    await source.saveRecord('resources', newResource);
    await source.deleteRecord('addresses', 'addr-1');
    await source.resetToDemo();
    expect(await countStored()).toBe(0);
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace).toEqual({ v: 1, organisation, ...collections });
  });

  it('reports and skips a tampered record in browser storage, loading the rest', async () => {
    await open().saveRecord('resources', newResource);
    const tampered = { ...copy(collections.addresses[0]!), households: 'many' };
    await writeRaw([{ v: 1, collection: 'addresses', id: 'addr-1', op: 'upsert', record: tampered }]);
    const { workspace, issues } = await open().loadWorkspace();
    // Store order is by key [collection, id]: addresses/addr-1 is row 0, resources/res-library row 1.
    expect(issues).toEqual([
      { source: 'browser storage', row: 0, field: 'households', message: 'households must be a whole number (saved addresses record "addr-1"; skipped)', problem: { code: 'wrong_type', expected: 'number' } },
    ]);
    expect(workspace.addresses).toEqual(collections.addresses); // the demo record shows, not the tampered one
    expect(workspace.resources.map((r) => r.id)).toEqual(['res-school', 'res-library']);
  });

  it('reports stored entries of an unknown format version, a bad envelope, and a record filed under another id', async () => {
    await writeRaw([
      { v: 2, collection: 'areas', id: 'a-future', op: 'upsert', record: {} },
      { v: 1, collection: 'castles', id: 'c-1', op: 'delete' },
      { v: 1, collection: 'resources', id: 'res-other', op: 'upsert', record: newResource },
      { v: 1, collection: 'streets', id: 'street-9', op: 'upsert' },
    ]);
    const { workspace, issues } = await open().loadWorkspace();
    expect(issues).toEqual([
      { source: 'browser storage', row: 0, field: 'v', message: 'a saved change has format version 2, which this version of CAL Map cannot read; it was skipped' },
      {
        source: 'browser storage',
        row: 1,
        field: 'collection',
        message: 'collection must be one of: areas, streets, addresses, campaigns, responses, resources, groups, programmes, events; this saved change was skipped',
        problem: { code: 'not_one_of', values: [...COLLECTION_NAMES] },
      },
      { source: 'browser storage', row: 2, field: 'id', message: 'saved resources record is filed under id "res-other" but says "res-library"; it was skipped' },
      { source: 'browser storage', row: 3, field: '(record)', message: 'Invalid input: expected object, received undefined (saved streets record "street-9"; skipped)', problem: { code: 'wrong_type', expected: 'object' } },
    ]);
    expect(workspace.resources.map((r) => r.id)).toEqual(['res-school']);
    expect(workspace.areas).toEqual(collections.areas);
  });

  it('saveRecords writes a valid batch in one go', async () => {
    const batch = deepFrozen([copy(newResource), { ...copy(newResource), id: 'res-church', name: 'Parafia św. Józefa', kind: 'parish' as const }]);
    expect(await open().saveRecords('resources', batch)).toEqual({ ok: true });
    expect((await open().loadWorkspace()).workspace.resources.map((r) => r.id)).toEqual(['res-school', 'res-church', 'res-library']);
  });

  it('saveRecords is all-or-nothing: one bad record means nothing is written, and its row is named', async () => {
    const batch = deepFrozen([
      copy(newResource),
      { ...copy(newResource), id: 'res-church', serves: ['weather'] },
      { ...copy(newResource), id: 'res-club', name: 'Klub' },
    ]) as unknown as Resource[];
    const result = await open().saveRecords('resources', batch);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(({ source, row, field }) => ({ source, row, field }))).toEqual([{ source: 'resources', row: 1, field: 'serves.0' }]);
    expect(await countStored()).toBe(0);
  });

  it('saveRecords rejects a batch that repeats an id', async () => {
    const batch = deepFrozen([copy(newResource), { ...copy(newResource), name: 'Biblioteka (kopia)' }]);
    expect(await open().saveRecords('resources', batch)).toEqual({
      ok: false,
      issues: [{ source: 'resources', row: 1, field: 'id', message: 'id "res-library" already appears in row 1 of this batch' }],
    });
    expect(await countStored()).toBe(0);
  });

  it('rejects every call with an AbortError when the signal is already aborted, storing nothing', async () => {
    const source = open();
    const aborted = AbortSignal.abort();
    const calls = [
      source.loadWorkspace(aborted),
      source.saveRecord('resources', newResource, aborted),
      source.saveRecords('resources', [newResource], aborted),
      source.deleteRecord('addresses', 'addr-1', aborted),
      source.resetToDemo(aborted),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(await countStored()).toBe(0);
  });

  it('aborts a write that has not committed yet: nothing is stored', async () => {
    const source = open();
    await source.loadWorkspace(); // the database is open, so the write reaches the transaction
    const controller = new AbortController();
    const saving = source.saveRecords('resources', [newResource], controller.signal);
    controller.abort();
    await expect(saving).rejects.toMatchObject({ name: 'AbortError' });
    expect(await countStored()).toBe(0);
  });

  it('hands out frozen records so a caller cannot corrupt the cached demo town', async () => {
    const source = open();
    const { workspace } = await source.loadWorkspace();
    expect(() => {
      (workspace.addresses[0] as { households: number }).households = 99;
    }).toThrow(TypeError);
    expect((await source.loadWorkspace()).workspace.addresses[0]!.households).toBe(4);
  });

  it('with preloadDemo reads the demo files once, at creation, and the first load waits for those reads (issue #16)', async () => {
    const read: string[] = [];
    const reader = memoryReader(demoFiles());
    const source = createEmbeddedDataSource({ dbName: DB_NAME, indexedDB, preloadDemo: true, readDemoFile: async (name, signal) => (read.push(name), reader(name, signal)) });
    const filesRead = read.length;
    expect(filesRead).toBeGreaterThan(COLLECTION_NAMES.length); // every collection file and the organisation, asked for already
    const loaded = await source.loadWorkspace();
    expect(read).toHaveLength(filesRead);
    expect(loaded.issues).toEqual([]);
    expect(loaded.workspace.streets).toEqual(collections.streets);
    // An aborted first load only stops its own wait: the next one gets the same files without reading them again.
    const again = createEmbeddedDataSource({ dbName: DB_NAME, indexedDB, preloadDemo: true, readDemoFile: reader });
    await expect(again.loadWorkspace(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect((await again.loadWorkspace()).workspace.addresses).toEqual(collections.addresses);
  });

  it('still opens the demo without IndexedDB, and says writes cannot be kept', async () => {
    const source = createEmbeddedDataSource({ readDemoFile: memoryReader(demoFiles()), indexedDB: undefined });
    // Node has no global indexedDB, so the default factory is absent too.
    const { workspace, issues } = await source.loadWorkspace();
    expect(workspace.addresses).toEqual(collections.addresses);
    expect(issues).toEqual([
      { source: 'browser storage', field: '(storage)', message: 'your saved changes could not be read (this browser offers no IndexedDB storage); showing the demo town without them' },
    ]);
    expect(await source.saveRecord('resources', newResource)).toEqual({
      ok: false,
      issues: [{ source: 'browser storage', field: '(storage)', message: 'the change could not be saved in this browser (this browser offers no IndexedDB storage); nothing was saved' }],
    });
  });
});
