import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LeaderContact, SurveyResponse } from '../../../src/domain';
import { createEmbeddedDataSource, type EmbeddedDataSource } from '../../../src/data/embedded';
import { deepFrozen, demoFiles, memoryReader } from './fixtures';

const DB_NAME = 'cal-map-leaders-test';
let indexedDB: IDBFactory;
beforeEach(() => {
  indexedDB = new IDBFactory();
});

/** The clock is the local date the expiry is judged by; 2026-06-01 unless a test moves it. */
const open = (today = '2026-06-01'): EmbeddedDataSource =>
  createEmbeddedDataSource({ dbName: DB_NAME, indexedDB, readDemoFile: memoryReader(demoFiles()), now: () => new Date(`${today}T12:00:00`) });

const response: SurveyResponse = deepFrozen({
  id: 'resp-leader', campaignId: 'camp-1', addressId: 'addr-2', date: '2026-05-04', householdSize: 2, needs: [], nuisances: [], offers: ['organising_events'],
  leaderCandidate: { consent: true, interests: ['civic_participation'] },
} as SurveyResponse);
const contact: LeaderContact = deepFrozen({ id: 'lc-1', responseId: 'resp-leader', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-04', retainUntil: '2027-05-04' });

describe('leader contacts in the embedded adapter', () => {
  it('are saved with their response in one go, and listed apart from the workspace', async () => {
    const source = open();
    expect(await source.saveResponseWithLeaderContact(response, contact)).toEqual({ ok: true });
    const { workspace } = await open().loadWorkspace();
    expect(workspace.responses.find((r) => r.id === 'resp-leader')).toEqual(response);
    // The workspace (everything maps, exports and share packages read) holds no trace of the contact.
    expect(JSON.stringify(workspace)).not.toMatch(/Anna|Nowak|600 100 200|lc-1/);
    expect(await open().loadLeaderContacts()).toEqual({ ok: true, contacts: [contact], issues: [] });
  });

  it('store neither the response nor the contact when the contact is invalid, and name the field', async () => {
    const source = open();
    const result = await source.saveResponseWithLeaderContact(response, { ...contact, phone: undefined });
    expect(result).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'phone', problem: { code: 'rule', rule: 'no_contact_channel' } }] });
    const other = await source.saveResponseWithLeaderContact(response, { ...contact, responseId: 'resp-1' });
    expect(other).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'responseId' }] });
    const { workspace } = await source.loadWorkspace();
    expect(workspace.responses.some((r) => r.id === 'resp-leader')).toBe(false);
    expect(await source.loadLeaderContacts()).toEqual({ ok: true, contacts: [], issues: [] });
  });

  it('are deleted automatically once their last day has passed: on loading the workspace and on listing', async () => {
    await open().saveResponseWithLeaderContact(response, contact);
    const shortKept = { ...contact, id: 'lc-2', responseId: 'resp-2', retainUntil: '2026-08-04' };
    await open().saveResponseWithLeaderContact({ ...response, id: 'resp-2' }, shortKept);
    // On its last day the short one is still there.
    expect(await open('2026-08-04').loadLeaderContacts()).toEqual({ ok: true, contacts: [contact, shortKept], issues: [] });
    // The next day, loading the workspace deletes it (nothing lists contacts in between).
    await open('2026-08-05').loadWorkspace();
    const raw = await readRawContacts();
    expect(raw.map((c) => (c as LeaderContact).id)).toEqual(['lc-1']);
    // A year later the other goes too, through the purge the list runs.
    expect(await open('2027-05-05').deleteExpiredLeaderContacts()).toEqual({ ok: true, deleted: 1 });
    expect(await readRawContacts()).toEqual([]);
  });

  it('are kept for a shorter time when the planner says so, never longer', async () => {
    const source = open();
    await source.saveResponseWithLeaderContact(response, contact);
    expect(await source.shortenLeaderContactRetention('lc-1', '2026-12-31')).toEqual({ ok: true });
    expect(await source.shortenLeaderContactRetention('lc-1', '2027-01-31')).toMatchObject({ ok: false, issues: [{ field: 'retainUntil', problem: { rule: 'retention_not_shorter' } }] });
    expect(await source.shortenLeaderContactRetention('lc-9', '2026-12-31')).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'id' }] });
    expect(await open().loadLeaderContacts()).toEqual({ ok: true, contacts: [{ ...contact, retainUntil: '2026-12-31' }], issues: [] });
    // The new last day counts: gone on 2027-01-01.
    expect(await open('2027-01-01').loadLeaderContacts()).toEqual({ ok: true, contacts: [], issues: [] });
  });

  it('go with one click (consent withdrawn), and with their response when it is deleted', async () => {
    const source = open();
    await source.saveResponseWithLeaderContact(response, contact);
    await source.saveResponseWithLeaderContact({ ...response, id: 'resp-2' }, { ...contact, id: 'lc-2', responseId: 'resp-2' });
    expect(await source.deleteLeaderContact('lc-1')).toEqual({ ok: true });
    expect(await source.deleteRecord('responses', 'resp-2')).toEqual({ ok: true });
    expect(await source.loadLeaderContacts()).toEqual({ ok: true, contacts: [], issues: [] });
    expect((await source.loadWorkspace()).workspace.responses.some((r) => r.id === 'resp-leader')).toBe(true);
  });

  it('are dropped with the other changes when the demo is reset, and reported when a stored one is invalid', async () => {
    const source = open();
    await source.saveResponseWithLeaderContact(response, contact);
    await source.resetToDemo();
    expect(await readRawContacts()).toEqual([]);
    await putRawContact({ ...contact, email: 'not-an-address' });
    const listed = await open().loadLeaderContacts();
    expect(listed).toMatchObject({ ok: true, contacts: [], issues: [{ source: 'browser storage', row: 0, field: 'email' }] });
  });
});

async function openRaw(): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
async function readRawContacts(): Promise<unknown[]> {
  const db = await openRaw();
  const all = await new Promise<unknown[]>((resolve, reject) => {
    const request = db.transaction('leaderContacts').objectStore('leaderContacts').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return all;
}
async function putRawContact(value: unknown): Promise<void> {
  const db = await openRaw();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('leaderContacts', 'readwrite');
    tx.objectStore('leaderContacts').put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
