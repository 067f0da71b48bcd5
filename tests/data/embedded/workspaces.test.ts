import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedDataSource, createWorkspaceRegistry, DEMO_WORKSPACE_ID, workspaceDatabaseName, type WorkspaceRegistry } from '../../../src/data/embedded';
import { workspaceIdFor } from '../../../src/data/embedded/workspaceRegistry';
import type { Street } from '../../../src/domain';
import { collections, demoFiles, memoryReader } from './fixtures';

/** A Map-backed localStorage. */
function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

let indexedDB: IDBFactory;
let registry: WorkspaceRegistry;
let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  indexedDB = new IDBFactory();
  storage = memoryStorage();
  let n = 0;
  registry = createWorkspaceRegistry({ indexedDB, storage, now: () => new Date(Date.UTC(2026, 11, 4, 10, n++)), random: () => 0.5 + n / 1000 });
});

const open = (workspaceId: string) => createEmbeddedDataSource({ workspaceId, registry, indexedDB, readDemoFile: memoryReader(demoFiles()) });

const NOWY_SACZ = { name: 'Miejski Ośrodek Pomocy Społecznej w Nowym Sączu', kind: 'MOPS', gminaTeryt: '1262011', town: 'Nowy Sącz' };

const street = (id: string, name: string): Street => ({ id, prefix: 'ul.', name, geometry: { type: 'MultiLineString', coordinates: [[[20.69, 49.62], [20.7, 49.625]]] } });

describe('workspaces in this browser', () => {
  it('makes a readable ASCII id from the centre name, with a random suffix', () => {
    expect(workspaceIdFor('Miejski Ośrodek Pomocy Społecznej w Nowym Sączu', () => 0)).toBe('miejski-osrodek-pomocy-spolecznej-w-nowy-0000');
    expect(workspaceIdFor('Łódź — MOPS', () => 0.5)).toBe('lodz-mops-i000');
    expect(workspaceIdFor('???', () => 0)).toBe('osrodek-0000');
  });

  it('starts on the demo; a new workspace is listed, validated field by field, and opens empty with its own centre', async () => {
    expect(registry.currentId()).toBe(DEMO_WORKSPACE_ID);
    const bad = await registry.create({ ...NOWY_SACZ, gminaTeryt: '12620', kind: 'bank' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.field).sort()).toEqual(['gminaTeryt', 'kind']);
    expect((await registry.list()).workspaces).toEqual([]);

    const created = await registry.create(NOWY_SACZ);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.workspace.organisation).toEqual({ id: created.workspace.id, ...NOWY_SACZ });
    expect((await registry.list()).workspaces.map((w) => w.organisation.town)).toEqual(['Nowy Sącz']);

    registry.setCurrentId(created.workspace.id);
    expect(registry.currentId()).toBe(created.workspace.id);
    const own = open(registry.currentId());
    const loaded = await own.loadWorkspace();
    expect(loaded.issues).toEqual([]);
    expect(loaded.workspace.organisation.town).toBe('Nowy Sącz');
    expect(loaded.workspace.streets).toEqual([]);
    expect(loaded.workspace.responses).toEqual([]);
    expect(workspaceDatabaseName(own.workspaceId)).toBe(`cal-map-ws-${created.workspace.id}`);
    await expect(own.resetToDemo()).rejects.toThrow(/not the demo/);
  });

  it("a workspace file's centre keeps its id when it is free, and gets a new one when it is taken or is the demo's", async () => {
    const first = await registry.create(NOWY_SACZ, undefined, 'mops-nowy-sacz');
    expect(first.ok && first.workspace.id).toBe('mops-nowy-sacz');
    const again = await registry.create(NOWY_SACZ, undefined, 'mops-nowy-sacz');
    expect(again.ok && again.workspace.id).toMatch(/^miejski-osrodek-pomocy-spolecznej-w-nowy-[0-9a-z]{4}$/);
    const demo = await registry.create(NOWY_SACZ, undefined, DEMO_WORKSPACE_ID);
    expect(demo.ok).toBe(true);
    if (!demo.ok) return;
    expect(demo.workspace.id).toMatch(/^miejski-osrodek-pomocy-spolecznej-w-nowy-[0-9a-z]{4}$/);
    expect((await registry.list()).workspaces).toHaveLength(3);
  });

  it('keeps each workspace its own: an import into one never shows in another; switching back and forth loses nothing', async () => {
    const created = await registry.create(NOWY_SACZ);
    if (!created.ok) throw new Error('create failed');
    const demo = open(DEMO_WORKSPACE_ID);
    const own = open(created.workspace.id);
    expect((await own.applyChanges({ upserts: { streets: [street('s-lwowska', 'Lwowska'), street('s-jagiellonska', 'Jagiellońska')] } })).ok).toBe(true);
    expect((await demo.saveRecord('streets', street('s-demo-extra', 'Dodatkowa'))).ok).toBe(true);

    const ownAgain = await open(created.workspace.id).loadWorkspace();
    expect(ownAgain.workspace.streets.map((s) => s.name).sort()).toEqual(['Jagiellońska', 'Lwowska']);
    const demoAgain = await open(DEMO_WORKSPACE_ID).loadWorkspace();
    expect(demoAgain.workspace.streets.length).toBe(collections.streets.length + 1);
    expect(demoAgain.workspace.streets.some((s) => s.name === 'Lwowska')).toBe(false);
    // Resetting the demo drops only the demo's changes.
    await open(DEMO_WORKSPACE_ID).resetToDemo();
    expect((await open(DEMO_WORKSPACE_ID).loadWorkspace()).workspace.streets.length).toBe(collections.streets.length);
    expect((await open(created.workspace.id).loadWorkspace()).workspace.streets).toHaveLength(2);
  });

  it('a workspace chosen earlier and no longer stored opens the demo with a notice, and the choice falls back to it', async () => {
    registry.setCurrentId('gone-1234');
    const source = open(registry.currentId());
    const loaded = await source.loadWorkspace();
    expect(loaded.issues[0]).toMatchObject({ field: '(storage)', message: 'the workspace "gone-1234" is no longer in this browser; the demo town is open' });
    expect(loaded.workspace.streets.length).toBe(collections.streets.length);
    expect(source.workspaceId).toBe(DEMO_WORKSPACE_ID);
    expect(registry.currentId()).toBe(DEMO_WORKSPACE_ID);
  });

  it('a tampered registry entry is skipped and named; a stored choice that is not an id means the demo', async () => {
    const created = await registry.create(NOWY_SACZ);
    if (!created.ok) throw new Error('create failed');
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('cal-map-workspaces', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('workspaces', 'readwrite');
        tx.objectStore('workspaces').put({ v: 1, id: 'broken', organisation: { id: 'broken', name: '', kind: 'MOPS', gminaTeryt: 'x', town: 'T' }, createdAt: 'yesterday' });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    });
    const { workspaces, issues } = await registry.list();
    expect(workspaces.map((w) => w.id)).toEqual([created.workspace.id]);
    expect(issues.map((i) => i.field).sort()).toEqual(['createdAt', 'organisation.gminaTeryt', 'organisation.name']);
    storage.setItem('calmap.workspace', '');
    expect(registry.currentId()).toBe(DEMO_WORKSPACE_ID);
  });
});
