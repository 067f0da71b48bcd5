import { IDBFactory, IDBObjectStore as FakeIDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataSource, WorkspaceChanges } from '../../../src/data/dataSource';
import { createEmbeddedDataSource } from '../../../src/data/embedded';
import { demoFiles, memoryReader } from '../embedded/fixtures';
import { commitImport, planImport } from './planHelpers';

/**
 * commitImport writes a whole plan with ONE DataSource.applyChanges call, so an OSM export's streets and the
 * addresses of its buildings are stored together or not at all (issue 7: "no partial import").
 */

afterEach(() => {
  vi.restoreAllMocks();
});

/** An Overpass-style export inside the embedded fixture town: two named streets and two buildings on ul. Lipowa. */
const osmExport = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'way/1', properties: { highway: 'residential', name: 'Lipowa' }, geometry: { type: 'LineString', coordinates: [[19.001, 50.006], [19.009, 50.006]] } },
    { type: 'Feature', id: 'way/2', properties: { highway: 'residential', name: 'Klonowa' }, geometry: { type: 'LineString', coordinates: [[19.001, 50.007], [19.009, 50.007]] } },
    { type: 'Feature', id: 'node/3', properties: { 'addr:street': 'Lipowa', 'addr:housenumber': '1' }, geometry: { type: 'Point', coordinates: [19.002, 50.0061] } },
    { type: 'Feature', id: 'node/4', properties: { 'addr:street': 'Lipowa', 'addr:housenumber': '3' }, geometry: { type: 'Point', coordinates: [19.004, 50.0061] } },
  ],
});

async function osmPlan(source: DataSource) {
  const { workspace } = await source.loadWorkspace();
  const plan = await planImport('streets', osmExport, { idPrefix: 't' }, workspace, { fileName: 'lipowa.geojson' });
  expect(plan.ok).toBe(true);
  expect(plan.records.streets.map((s) => s.id)).toEqual(['street-lipowa', 'street-klonowa']);
  expect(plan.records.addresses).toHaveLength(2);
  return plan;
}

const openEmbedded = () => createEmbeddedDataSource({ dbName: 'commit-import', indexedDB: new IDBFactory(), readDemoFile: memoryReader(demoFiles()) });

describe('commitImport', () => {
  it('sends streets and addresses in one applyChanges call', async () => {
    const calls: WorkspaceChanges[] = [];
    const embedded = openEmbedded();
    const recording: DataSource = { ...embedded, applyChanges: async (changes) => (calls.push(changes), { ok: true }) };
    const plan = await osmPlan(embedded);
    expect(await commitImport(plan, recording)).toEqual({ ok: true });
    expect(calls).toEqual([{ upserts: { streets: plan.records.streets, addresses: plan.records.addresses } }]);
  });

  it('stores streets and their addresses in the embedded store', async () => {
    const source = openEmbedded();
    const plan = await osmPlan(source);
    expect(await commitImport(plan, source)).toEqual({ ok: true });
    const { workspace } = await source.loadWorkspace();
    // The fixture town has street-1 and street-2, addr-1 … addr-3.
    expect(workspace.streets.map((s) => s.id)).toEqual(['street-1', 'street-2', 'street-klonowa', 'street-lipowa']); // new ones in store (id) order
    expect(workspace.addresses.filter((a) => a.streetId === 'street-lipowa').map((a) => a.houseNumber).sort()).toEqual(['1', '3']);
  });

  it('a failure while writing the addresses leaves the streets unwritten too', async () => {
    const source = openEmbedded();
    const plan = await osmPlan(source);
    // Entries are put streets first; the 4th put is the second address (2 streets, then 2 addresses).
    const original = FakeIDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (++puts === 4) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    const result = await commitImport(plan, source);
    expect(result).toEqual({ ok: false, issues: [{ source: 'browser storage', field: '(storage)', message: 'the change could not be saved in this browser (The quota has been exceeded.); nothing was saved' }] });
    expect(puts).toBe(4);
    vi.restoreAllMocks();
    const { workspace } = await source.loadWorkspace();
    expect(workspace.streets.map((s) => s.id)).toEqual(['street-1', 'street-2']);
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-2', 'addr-3']);
  });

  it('a refusal of one address (the adapter validates again) stores nothing, and names the collection and row', async () => {
    const source = openEmbedded();
    const plan = await osmPlan(source);
    const tampered = { ...plan, records: { ...plan.records, addresses: [plan.records.addresses[0]!, { ...plan.records.addresses[1]!, households: -3 }] } };
    const result = await commitImport(tampered, source);
    expect(!result.ok && result.issues.map((i) => `${i.source} ${i.row} ${i.field}`)).toEqual(['addresses 1 households']);
    expect((await source.loadWorkspace()).workspace.streets.map((s) => s.id)).toEqual(['street-1', 'street-2']);
  });

  it('refuses a plan with errors without writing, and commits an empty plan without a call', async () => {
    const calls: WorkspaceChanges[] = [];
    const embedded = openEmbedded();
    const recording: DataSource = { ...embedded, applyChanges: async (changes) => (calls.push(changes), { ok: true }) };
    const { workspace } = await embedded.loadWorkspace();
    const bad = await planImport('responses', 'Adres,Data\nNowhere 5,2025-05-05\n', { campaignId: 'camp-1' }, workspace);
    expect(bad.ok).toBe(false);
    const refused = await commitImport(bad, recording);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues.length).toBeGreaterThan(0);
    const empty = { ...(await osmPlan(embedded)), records: { streets: [], addresses: [], resources: [], responses: [] } };
    expect(await commitImport(empty, recording)).toEqual({ ok: true });
    expect(calls).toEqual([]);
  });
});
