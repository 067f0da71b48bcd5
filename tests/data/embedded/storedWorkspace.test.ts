import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedDataSource, createWorkspaceRegistry, type WorkspaceRegistry } from '../../../src/data/embedded';
import { openOverlayDatabase, OVERLAY_STORE, SNAPSHOT_STORE } from '../../../src/data/embedded/overlayDatabase';
import { unpackStoredWorkspace } from '../../../src/data/embedded/storedWorkspace';
import { onStoredFormRead, takeStoredForm } from '../../../src/data/embedded/storedForm';
import type { StoredWorkspace } from '../../../src/data/embedded/storedWorkspace';
import { packCollection, restoreSnapshots } from '../../../src/data/embedded/workspaceSnapshot';
import { workspaceDatabaseName } from '../../../src/data/embedded/workspaceRegistry';
import { Workspace, type Street } from '../../../src/domain';
import { AnalysisMessageHandler } from '../../../src/worker/handleAnalysisMessage';
import type { AnalysisResponse } from '../../../src/worker/protocol';
import { smallWorkspace } from '../../worker/smallWorkspace';
import { demoFiles, memoryReader } from './fixtures';

let indexedDB: IDBFactory;
let registry: WorkspaceRegistry;
beforeEach(() => {
  indexedDB = new IDBFactory();
  const values = new Map<string, string>();
  registry = createWorkspaceRegistry({ indexedDB, storage: { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) } });
});

const open = (workspaceId: string) => createEmbeddedDataSource({ workspaceId, registry, indexedDB, readDemoFile: memoryReader(demoFiles()) });

/** A workspace of its own holding the small test town (its organisation in the registry). */
async function storedTown(): Promise<{ id: string; town: Workspace }> {
  const town = smallWorkspace();
  const { id: organisationId, ...organisation } = town.organisation;
  const created = await registry.create(organisation, undefined, organisationId);
  if (!created.ok) throw new Error('create failed');
  const source = open(created.workspace.id);
  const { v: _v, organisation: _o, ...records } = town;
  expect(await source.storeNewWorkspace(records)).toEqual({ ok: true });
  // As stored: every record as its schema outputs it (names trimmed).
  return { id: created.workspace.id, town: Workspace.parse({ ...town, organisation: created.workspace.organisation }) };
}

/** Rewrites one stored snapshot's bytes (a damaged or tampered store). */
async function tamper(workspaceId: string, collection: string, change: (records: Array<Record<string, unknown>>) => void): Promise<void> {
  const db = await openOverlayDatabase(indexedDB, workspaceDatabaseName(workspaceId));
  const snapshot = await new Promise<{ bytes: ArrayBuffer }>((resolve) => {
    const request = db.transaction(SNAPSHOT_STORE).objectStore(SNAPSHOT_STORE).get(collection);
    request.onsuccess = () => resolve(request.result as { bytes: ArrayBuffer });
  });
  const records = JSON.parse(new TextDecoder().decode(snapshot.bytes)) as Array<Record<string, unknown>>;
  change(records);
  const bytes = new TextEncoder().encode(JSON.stringify(records)).buffer;
  await new Promise<void>((resolve) => {
    const tx = db.transaction(SNAPSHOT_STORE, 'readwrite');
    tx.objectStore(SNAPSHOT_STORE).put({ ...snapshot, bytes });
    tx.oncomplete = () => resolve();
  });
  db.close();
}

const street = (id: string, name: string): Street => ({ id, prefix: 'ul.', name, geometry: { type: 'MultiLineString', coordinates: [[[20.69, 49.62], [20.7, 49.625]]] } });

describe('a centre\'s own town stored whole (one snapshot per collection)', () => {
  it('reads back exactly the town stored, with changes made later on top, and keeps one record per collection', async () => {
    const { id, town } = await storedTown();
    const source = open(id);
    expect((await source.saveRecord('streets', street('s-nowa', 'Nowa'))).ok).toBe(true);
    const loaded = await source.loadWorkspace();
    expect(loaded.issues).toEqual([]);
    expect(loaded.workspace).toEqual({ ...town, streets: [...town.streets, street('s-nowa', 'Nowa')] });

    const db = await openOverlayDatabase(indexedDB, workspaceDatabaseName(id));
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction(SNAPSHOT_STORE).objectStore(SNAPSHOT_STORE).count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    expect(count).toBe(Object.keys(town).filter((k) => Array.isArray(town[k as keyof Workspace]) && (town[k as keyof Workspace] as unknown[]).length > 0).length);
  });

  it('bytes that no longer match their digest are validated record by record: a bad record is named and left out, the rest load', async () => {
    const { id, town } = await storedTown();
    await tamper(id, 'streets', (records) => {
      records[1]!.name = '';
    });
    const loaded = await open(id).loadWorkspace();
    expect(loaded.workspace.streets.map((s) => s.id)).toEqual(town.streets.filter((_, i) => i !== 1).map((s) => s.id));
    expect(loaded.issues).toEqual([expect.objectContaining({ source: 'browser storage (streets)', row: 1, field: 'name' })]);
    // Changed bytes that are still valid are read as they are now (validated), not as they were.
    await tamper(id, 'addresses', (records) => {
      records[0]!.households = 7;
    });
    expect((await open(id).loadWorkspace()).workspace.addresses[0]!.households).toBe(7);
  });

  it('an unreadable snapshot is reported and skipped; the other collections load', async () => {
    const packed = await packCollection('streets', smallWorkspace().streets);
    const restored = await restoreSnapshots([{ v: 2, collection: 'areas', bytes: new ArrayBuffer(2), sha256: '' }, packed, { ...packed }]);
    expect(restored.collections.streets).toEqual(smallWorkspace().streets);
    expect(restored.trusted).toBe(1);
    expect(restored.issues.map((i) => i.row)).toEqual([0, 2]);
  });

  it('refuses to store a town into the demo or into a workspace that holds records, and stores nothing when a record is invalid', async () => {
    const { id } = await storedTown();
    expect((await open(id).storeNewWorkspace({ streets: [street('s-x', 'X')] })).ok).toBe(false);
    expect((await open('demo').storeNewWorkspace({ streets: [street('s-x', 'X')] })).ok).toBe(false);

    const created = await registry.create({ name: 'OPS Inny', kind: 'OPS', gminaTeryt: '1206011', town: 'Inny' });
    if (!created.ok) throw new Error('create failed');
    const bad = await open(created.workspace.id).storeNewWorkspace({ streets: [street('s-a', 'A'), { ...street('s-b', 'B'), name: '' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ source: 'streets', row: 1, field: 'name' });
    expect((await open(created.workspace.id).loadWorkspace()).workspace.streets).toEqual([]);
  });

  it('the analysis worker builds the same workspace from the stored form (bytes transferred) as from the workspace itself', async () => {
    const { id } = await storedTown();
    const source = open(id);
    expect((await source.saveRecord('streets', street('s-nowa', 'Nowa'))).ok).toBe(true);
    const loaded = await source.loadWorkspace();
    const stored = takeStoredForm(loaded.workspace);
    expect(stored).toBeDefined();
    expect(takeStoredForm(loaded.workspace)).toBeUndefined();
    expect((await unpackStoredWorkspace(structuredClone(stored!))).workspace).toEqual(loaded.workspace);

    const answers: AnalysisResponse[] = [];
    const fromStored = new AnalysisMessageHandler((message) => answers.push(message));
    fromStored.receive(structuredClone({ type: 'initStored', id: 1, stored }, { transfer: stored!.snapshots.map((s) => s.bytes) }));
    fromStored.receive({ type: 'layer', id: 2, query: { kind: 'street' } });
    await fromStored.idle();
    const whole = new AnalysisMessageHandler((message) => answers.push(message));
    whole.receive({ type: 'init', id: 1, workspace: loaded.workspace });
    whole.receive({ type: 'layer', id: 2, query: { kind: 'street' } });
    whole.runPending();
    expect(answers).toHaveLength(4);
    expect(answers[0]).toMatchObject({ id: 1, type: 'init', ok: true });
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[1]).toEqual(answers[3]);
    expect(stored!.snapshots.every((s) => s.bytes.byteLength === 0)).toBe(true); // detached: handed over, not copied
  });

  it('a load hands the stored form to the worker (announceStoredForm) once read: the form remembered, and the same workspace', async () => {
    const { id } = await storedTown();
    const source = open(id);
    expect((await source.saveRecord('streets', street('s-nowa', 'Nowa'))).ok).toBe(true);
    const heard: Array<Promise<{ stored: StoredWorkspace; workspace: Workspace }>> = [];
    // The worker's side, as useAnalysis wires it: the bytes transferred at once (detached here), the workspace unpacked.
    onStoredFormRead((stored) => {
      const received = structuredClone(stored, { transfer: stored.snapshots.map((s) => s.bytes) });
      heard.push(unpackStoredWorkspace(received).then(({ workspace }) => ({ stored, workspace })));
    });
    try {
      const loaded = await source.loadWorkspace();
      expect(heard).toHaveLength(1);
      const worker = await heard[0]!;
      expect(worker.workspace).toEqual(loaded.workspace);
      expect(worker.workspace.streets.at(-1)).toEqual(street('s-nowa', 'Nowa')); // the change on top, in both
      // The form remembered with the workspace is the one announced (its bytes went to the worker).
      const stored = takeStoredForm(loaded.workspace);
      expect(stored).toBe(worker.stored);
      expect(stored!.snapshots.every((s) => s.bytes.byteLength === 0)).toBe(true);
      // A compaction reads the town again: not a load, so nothing goes to the worker.
      expect(await source.compactStorage()).toEqual({ compacted: 0 });
      expect(heard).toHaveLength(1);
    } finally {
      onStoredFormRead(null);
    }
    // Without a listener (no worker yet) the form stays whole for the load's own hand-over.
    const again = await open(id).loadWorkspace();
    expect(takeStoredForm(again.workspace)!.snapshots.every((s) => s.bytes.byteLength > 0)).toBe(true);
  });
});

describe('a town built change by change (the import wizard) is stored compactly afterwards (compactStorage)', () => {
  const many = (n: number, prefix = 's-') => Array.from({ length: n }, (_, i) => street(`${prefix}${i}`, `Ulica ${i}`));
  const openOwn = (workspaceId: string) => createEmbeddedDataSource({ workspaceId, registry, indexedDB, readDemoFile: memoryReader(demoFiles()), compactAfterLoad: false });
  async function emptyTown(): Promise<string> {
    const created = await registry.create({ name: 'OPS Nowe', kind: 'OPS', gminaTeryt: '1206011', town: 'Nowe' });
    if (!created.ok) throw new Error('create failed');
    return created.workspace.id;
  }
  async function storeCounts(id: string): Promise<{ overlay: number; snapshots: number }> {
    const db = await openOverlayDatabase(indexedDB, workspaceDatabaseName(id));
    const count = (store: string) => new Promise<number>((resolve) => {
      const request = db.transaction(store).objectStore(store).count();
      request.onsuccess = () => resolve(request.result);
    });
    const counts = { overlay: await count(OVERLAY_STORE), snapshots: await count(SNAPSHOT_STORE) };
    db.close();
    return counts;
  }

  it('folds 2,500 entries and their deletions into one snapshot per collection; the town reads back the same, changes land on top', async () => {
    const id = await emptyTown();
    const source = openOwn(id);
    expect((await source.applyChanges({ upserts: { streets: many(2500) } })).ok).toBe(true);
    expect((await source.applyChanges({ upserts: { streets: [street('s-7', 'Siódma poprawiona')] }, deletes: { streets: ['s-8'] } })).ok).toBe(true);
    const before = await source.loadWorkspace();
    expect(await storeCounts(id)).toEqual({ overlay: 2500, snapshots: 0 });

    expect(await source.compactStorage()).toEqual({ compacted: 2500 });
    expect(await storeCounts(id)).toEqual({ overlay: 0, snapshots: 1 });
    const after = await openOwn(id).loadWorkspace();
    expect(after.issues).toEqual([]);
    expect(after.workspace).toEqual(before.workspace);
    expect(after.workspace.streets.find((s) => s.id === 's-7')?.name).toBe('Siódma poprawiona');
    expect(after.workspace.streets.some((s) => s.id === 's-8')).toBe(false);
    // Read back from the snapshot with its digest checked, as a stored town is (the analysis worker gets its bytes).
    expect(takeStoredForm(after.workspace)?.snapshots.map((s) => s.collection)).toEqual(['streets']);

    expect((await openOwn(id).saveRecord('streets', street('s-nowa', 'Nowa'))).ok).toBe(true);
    expect((await openOwn(id).loadWorkspace()).workspace.streets.at(-1)).toEqual(street('s-nowa', 'Nowa'));
    expect(await openOwn(id).compactStorage()).toEqual({ compacted: 0 }); // one entry: left as it is
  });

  it('loses no write made while it runs: writes wait for it (one storage lock), and land on top', async () => {
    const id = await emptyTown();
    const source = openOwn(id);
    expect((await source.applyChanges({ upserts: { streets: many(2100) } })).ok).toBe(true);
    // Started together: the compaction reads, rebuilds and replaces the store; the write of an existing street must
    // not be folded away or overwritten by the older copy.
    // The write starts while the compaction is reading and rebuilding (it takes longer than the pause).
    const compacting = source.compactStorage();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [compaction, write] = await Promise.all([compacting, source.saveRecord('streets', street('s-3', 'Trzecia nowa'))]);
    expect(write.ok).toBe(true);
    expect(compaction.compacted).toBeGreaterThanOrEqual(2100);
    const after = await openOwn(id).loadWorkspace();
    expect(after.workspace.streets).toHaveLength(2100);
    expect(after.workspace.streets.find((s) => s.id === 's-3')?.name).toBe('Trzecia nowa');
  });

  it('leaves the store as it is when something stored cannot be read (folding it in would lose it), and for the demo', async () => {
    const id = await emptyTown();
    const source = openOwn(id);
    expect((await source.applyChanges({ upserts: { streets: many(2100) } })).ok).toBe(true);
    const db = await openOverlayDatabase(indexedDB, workspaceDatabaseName(id));
    await new Promise<void>((resolve) => {
      const tx = db.transaction(OVERLAY_STORE, 'readwrite');
      tx.objectStore(OVERLAY_STORE).put({ v: 1, collection: 'streets', id: 's-zly', op: 'upsert', record: { id: 's-zly', name: '' } });
      tx.oncomplete = () => resolve();
    });
    db.close();
    expect(await source.compactStorage()).toEqual({ compacted: 0 });
    expect(await storeCounts(id)).toEqual({ overlay: 2101, snapshots: 0 });
    expect(await open('demo').compactStorage()).toEqual({ compacted: 0 });
  });
});
