import { abortError, raceAbort, throwIfAborted } from '../abort';
import type { OverlayEntry } from './overlayEntry';

/**
 * A minimal promise wrapper over the raw IndexedDB API for the overlay of the user's changes:
 * one object store keyed by [collection, id], so saving a record twice keeps one entry.
 * Reads cannot be cancelled in IndexedDB, so an abort only drops their result; a write transaction
 * that has not committed yet is aborted for real (nothing is stored).
 */

export const OVERLAY_STORE = 'overlay';
/** Schema version of the IndexedDB database (object stores), not of the entries (those carry `v`). */
const DATABASE_VERSION = 1;

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
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the browser storage could not be opened'));
    request.onblocked = () => reject(new Error('the browser storage is held by another tab of an older CAL Map; close it and reload'));
  });
}

/** Every stored entry, unvalidated (they may have been written by another version): validate before use. */
export function readStoredEntries(db: IDBDatabase, signal?: AbortSignal): Promise<unknown[]> {
  throwIfAborted(signal);
  const store = db.transaction(OVERLAY_STORE, 'readonly').objectStore(OVERLAY_STORE);
  return raceAbort(requestResult<unknown[]>(store.getAll()), signal);
}

/**
 * Runs `write` in ONE readwrite transaction and resolves when it has committed: all of it is stored or none.
 * An abort before the commit aborts the transaction and rejects with an AbortError.
 */
function writeTransaction(db: IDBDatabase, write: (store: IDBObjectStore) => void, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  return new Promise<void>((resolve, reject) => {
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction(OVERLAY_STORE, 'readwrite');
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
      write(transaction.objectStore(OVERLAY_STORE));
    } catch (error) {
      // e.g. a DataCloneError from put(): abort so nothing of this batch is stored, and report this error.
      transaction.onabort = () => settle(() => reject(error instanceof Error ? error : new Error(String(error))));
      onAbort();
    }
  });
}

/** Stores entries (replacing those with the same [collection, id]) in one transaction. */
export function putEntries(db: IDBDatabase, entries: readonly OverlayEntry[], signal?: AbortSignal): Promise<void> {
  return writeTransaction(db, (store) => entries.forEach((entry) => store.put(entry)), signal);
}

/** Removes every entry: the workspace becomes the demo town again. */
export function clearEntries(db: IDBDatabase, signal?: AbortSignal): Promise<void> {
  return writeTransaction(db, (store) => store.clear(), signal);
}
