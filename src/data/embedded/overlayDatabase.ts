import { abortError, raceAbort, throwIfAborted } from '../abort';
import type { OverlayEntry } from './overlayEntry';

/**
 * A minimal promise wrapper over the raw IndexedDB API for the overlay of the user's changes:
 * one object store keyed by [collection, id], so saving a record twice keeps one entry; and, apart from it,
 * the leader candidates' contacts (LEADER_CONTACT_STORE, keyed by id), which are never part of the workspace.
 * Reads cannot be cancelled in IndexedDB, so an abort only drops their result; a write transaction
 * that has not committed yet is aborted for real (nothing is stored).
 */

export const OVERLAY_STORE = 'overlay';
/** Leader contacts (src/domain/leaderContact.ts): a store of their own, so reading the workspace never reads them. */
export const LEADER_CONTACT_STORE = 'leaderContacts';
/** Index of LEADER_CONTACT_STORE by the response a contact belongs to (deleting a response deletes its contact). */
export const LEADER_CONTACT_BY_RESPONSE = 'byResponse';
/**
 * A centre's own town stored compactly, one record per collection (workspaceSnapshot.ts), keyed by the collection;
 * the overlay's entries apply on top of it.
 */
export const SNAPSHOT_STORE = 'snapshot';
/**
 * Schema version of the IndexedDB database (object stores), not of the entries (those carry `v`). 2: leader contacts;
 * 3: the snapshot store.
 */
const DATABASE_VERSION = 3;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the browser storage request failed'));
  });
}

/** Opens (creating or upgrading) the overlay database. Rejects with the browser's error, e.g. a VersionError. */
export function openOverlayDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DATABASE_VERSION);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OVERLAY_STORE)) db.createObjectStore(OVERLAY_STORE, { keyPath: ['collection', 'id'] });
      if (!db.objectStoreNames.contains(SNAPSHOT_STORE)) db.createObjectStore(SNAPSHOT_STORE, { keyPath: 'collection' });
      if (!db.objectStoreNames.contains(LEADER_CONTACT_STORE)) {
        db.createObjectStore(LEADER_CONTACT_STORE, { keyPath: 'id' }).createIndex(LEADER_CONTACT_BY_RESPONSE, 'responseId');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the browser storage could not be opened'));
    request.onblocked = () => reject(new Error('the browser storage is held by another tab of an older CAL Map; close it and reload'));
  });
}

/** Every stored entry, unvalidated (they may have been written by another version): validate before use. */
export function readStoredEntries(db: IDBDatabase, signal?: AbortSignal): Promise<unknown[]> {
  return readAll(db, OVERLAY_STORE, signal);
}

/** How many records each store holds (one read transaction). */
export function countRecords(db: IDBDatabase, storeNames: readonly string[], signal?: AbortSignal): Promise<number[]> {
  throwIfAborted(signal);
  const transaction = db.transaction([...storeNames], 'readonly');
  return raceAbort(Promise.all(storeNames.map((name) => requestResult<number>(transaction.objectStore(name).count()))), signal);
}

/** Every record of one store, unvalidated. */
export function readAll(db: IDBDatabase, storeName: string, signal?: AbortSignal): Promise<unknown[]> {
  throwIfAborted(signal);
  const store = db.transaction(storeName, 'readonly').objectStore(storeName);
  return raceAbort(requestResult<unknown[]>(store.getAll()), signal);
}

/**
 * Runs `write` in ONE readwrite transaction and resolves when it has committed: all of it is stored or none.
 * An abort before the commit aborts the transaction and rejects with an AbortError.
 */
function writeTransaction(db: IDBDatabase, write: (store: IDBObjectStore) => void, signal?: AbortSignal): Promise<void> {
  return writeStores(db, [OVERLAY_STORE], (stores) => write(stores[0]!), signal);
}

/**
 * Runs `write` over `storeNames` in ONE readwrite transaction (all stored or none), resolving once committed.
 * An abort before the commit aborts the transaction and rejects with an AbortError.
 */
export function writeStores(db: IDBDatabase, storeNames: readonly string[], write: (stores: IDBObjectStore[]) => void, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  return new Promise<void>((resolve, reject) => {
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([...storeNames], 'readwrite');
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const onAbort = () => {
      try {
        transaction.abort();
      } catch {
        // Already committed or finished: the outcome events below tell the truth.
      }
    };
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    transaction.oncomplete = () => settle(resolve);
    transaction.onabort = () =>
      settle(() => reject(signal?.aborted ? abortError() : (transaction.error ?? new Error('the browser cancelled the write'))));
    try {
      write(storeNames.map((name) => transaction.objectStore(name)));
    } catch (error) {
      // e.g. a DataCloneError from put(): abort so nothing of this batch is stored, and report this error.
      transaction.onabort = () => settle(() => reject(error instanceof Error ? error : new Error(String(error))));
      onAbort();
    }
  });
}

/**
 * Replaces the whole stored town by `snapshots` in ONE transaction: every snapshot written, every overlay entry
 * removed, or nothing changed (compaction of a town whose changes piled up as entries; leader contacts untouched).
 * The caller holds the storage lock and built `snapshots` from exactly what is stored.
 */
export function replaceWithSnapshots(db: IDBDatabase, snapshots: readonly unknown[], signal?: AbortSignal): Promise<void> {
  return writeStores(db, [OVERLAY_STORE, SNAPSHOT_STORE], ([overlay, stored]) => {
    stored!.clear();
    snapshots.forEach((snapshot) => stored!.put(snapshot));
    overlay!.clear();
  }, signal);
}

/**
 * Stores entries (replacing those with the same [collection, id]) in one transaction. A tombstone of a response
 * also deletes the leader contact of that response in the same transaction.
 */
export function putEntries(db: IDBDatabase, entries: readonly OverlayEntry[], signal?: AbortSignal): Promise<void> {
  const deletedResponses = entries.filter((entry) => entry.collection === 'responses' && entry.op === 'delete').map((entry) => entry.id);
  if (deletedResponses.length === 0) return writeTransaction(db, (store) => entries.forEach((entry) => store.put(entry)), signal);
  return writeStores(db, [OVERLAY_STORE, LEADER_CONTACT_STORE], ([overlay, contacts]) => {
    entries.forEach((entry) => overlay!.put(entry));
    deleteContactsOfResponses(contacts!, deletedResponses);
  }, signal);
}

/** Inside a readwrite transaction of LEADER_CONTACT_STORE: deletes the contacts of these responses. */
export function deleteContactsOfResponses(contacts: IDBObjectStore, responseIds: readonly string[]): void {
  const index = contacts.index(LEADER_CONTACT_BY_RESPONSE);
  for (const responseId of responseIds) {
    const keys = index.getAllKeys(responseId);
    keys.onsuccess = () => keys.result.forEach((key) => contacts.delete(key));
  }
}

/** Removes every entry and every leader contact (they belong to the user's responses): the workspace becomes the demo town again. */
export function clearEntries(db: IDBDatabase, signal?: AbortSignal): Promise<void> {
  return writeStores(db, [OVERLAY_STORE, LEADER_CONTACT_STORE], (stores) => stores.forEach((store) => store.clear()), signal);
}

/**
 * Deletes, in one transaction, every stored leader contact whose last day (`retainUntil`, YYYY-MM-DD) is before
 * `today`, and resolves with how many went. A stored value without a readable date is kept (and reported by
 * whoever reads it). O(contacts).
 */
export async function deleteExpiredContacts(db: IDBDatabase, today: string, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  await writeStores(db, [LEADER_CONTACT_STORE], ([contacts]) => {
    const cursor = contacts!.openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      const retainUntil = (at.value as { retainUntil?: unknown } | null)?.retainUntil;
      if (typeof retainUntil === 'string' && retainUntil < today) {
        at.delete();
        deleted += 1;
      }
      at.continue();
    };
  }, signal);
  return deleted;
}
