import { z } from 'zod';
import { Id, issuesFromZod, LeaderContact, SurveyResponse, type InputIssue } from '../../domain';
import { abortError, raceAbort, throwIfAborted } from '../abort';

/**
 * The door-to-door outbox: survey answers saved on the phone and not yet accepted by the DataSource.
 * One IndexedDB object store keyed by the response id, so queueing the same answer twice keeps one entry.
 * Every entry carries `v: 1` (STYLE.md habit 14) and is validated again when read: the store may hold entries
 * written by an older version of the app.
 */

export const OutboxEntry = z.strictObject({
  v: z.literal(1),
  id: Id,
  record: SurveyResponse,
  /**
   * The contact of a leader candidate who gave the separate consent: it waits with its answers and is sent with them
   * in one all-or-nothing call (DataSource.saveResponseWithLeaderContact), then leaves the phone with them.
   */
  leaderContact: LeaderContact.optional(),
  /** When the volunteer saved it, ISO 8601 (UTC). */
  queuedAt: z.iso.datetime(),
  /** Sending attempts that failed so far. */
  attempts: z.int().min(0),
  /** Why the last attempt failed, in words, if one did. */
  lastError: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** What a read of the outbox yields: the valid entries in the order they were saved, and every problem met. */
export interface OutboxContents { entries: OutboxEntry[]; issues: InputIssue[] }

export interface SurveyOutbox {
  /**
   * Queues an answer (validated with the SurveyResponse schema first), with the leader contact that belongs to it if
   * any (validated too; both or neither are queued); replaces a queued answer with the same id.
   */
  enqueue(record: SurveyResponse, signal?: AbortSignal, leaderContact?: LeaderContact): Promise<{ ok: true; entry: OutboxEntry } | { ok: false; issues: InputIssue[] }>;
  /** Every queued answer, oldest first. Invalid stored entries are reported as issues and left in place. */
  read(signal?: AbortSignal): Promise<OutboxContents>;
  /** Removes answers by id (sent ones); removing what is not there is not an error. One transaction. */
  remove(ids: readonly string[], signal?: AbortSignal): Promise<void>;
  /** Counts one more failed attempt and its reason for each of `ids` still queued. One transaction. */
  markFailed(ids: readonly string[], reason: string, signal?: AbortSignal): Promise<void>;
}

export interface SurveyOutboxOptions {
  /** Default: the browser's `indexedDB`. Tests pass fake-indexeddb's `new IDBFactory()`. */
  indexedDB?: IDBFactory;
  /** Default `cal-map-outbox`: a database of its own, so the embedded overlay's schema version is untouched. */
  dbName?: string;
  /** Clock for `queuedAt`; tests pass a fixed one. */
  now?: () => Date;
}

export const DEFAULT_OUTBOX_DB_NAME = 'cal-map-outbox';
export const OUTBOX_STORE = 'responses';
export const OUTBOX_SOURCE = 'outbox';
const DATABASE_VERSION = 1;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the browser storage request failed'));
  });
}

function openOutboxDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX_STORE)) db.createObjectStore(OUTBOX_STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the browser storage could not be opened'));
    request.onblocked = () => reject(new Error('the browser storage is held by another tab of an older CAL Map; close it and reload'));
  });
}

/** Runs `write` in one readwrite transaction; resolves once committed. An abort before the commit stores nothing. */
function writeTransaction(db: IDBDatabase, write: (store: IDBObjectStore) => void, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  return new Promise<void>((resolve, reject) => {
    const transaction = db.transaction(OUTBOX_STORE, 'readwrite');
    const onAbort = () => {
      try {
        transaction.abort();
      } catch {
        // Already finished: the events below tell the outcome.
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    transaction.oncomplete = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    transaction.onabort = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortError() : (transaction.error ?? new Error('the browser cancelled the write')));
    };
    try {
      write(transaction.objectStore(OUTBOX_STORE));
    } catch (error) {
      onAbort();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Creates the outbox over IndexedDB. The database opens on first use; a failed open is retried on the next call.
 *
 * @example
 * const outbox = createSurveyOutbox();
 * await outbox.enqueue(response);
 * const { entries } = await outbox.read(); // entries[0].record === response (parsed)
 */
export function createSurveyOutbox(options: SurveyOutboxOptions = {}): SurveyOutbox {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const name = options.dbName ?? DEFAULT_OUTBOX_DB_NAME;
  const now = options.now ?? (() => new Date());
  let database: Promise<IDBDatabase> | undefined;

  function getDatabase(signal?: AbortSignal): Promise<IDBDatabase> {
    if (!factory) return Promise.reject(new Error('this browser offers no IndexedDB storage'));
    if (!database) {
      const opening = openOutboxDatabase(factory, name).then((db) => {
        db.onversionchange = () => {
          db.close();
          if (database === opening) database = undefined;
        };
        return db;
      });
      opening.catch(() => {
        if (database === opening) database = undefined;
      });
      database = opening;
    }
    return raceAbort(database, signal);
  }

  async function readRaw(signal?: AbortSignal): Promise<unknown[]> {
    throwIfAborted(signal);
    const db = await getDatabase(signal);
    const store = db.transaction(OUTBOX_STORE, 'readonly').objectStore(OUTBOX_STORE);
    return raceAbort(requestResult<unknown[]>(store.getAll()), signal);
  }

  return {
    async enqueue(record, signal, leaderContact) {
      const parsed = SurveyResponse.safeParse(record);
      const contact = leaderContact === undefined ? undefined : LeaderContact.safeParse(leaderContact);
      if (!parsed.success || (contact && !contact.success)) {
        return { ok: false, issues: [...(parsed.success ? [] : issuesFromZod(parsed.error, 'responses')), ...(contact && !contact.success ? issuesFromZod(contact.error, 'leaderContacts') : [])] };
      }
      if (contact && contact.data.responseId !== parsed.data.id) return { ok: false, issues: [{ source: 'leaderContacts', field: 'responseId', message: 'the contact belongs to another response' }] };
      const entry: OutboxEntry = { v: 1, id: parsed.data.id, record: parsed.data, ...(contact ? { leaderContact: contact.data } : {}), queuedAt: now().toISOString(), attempts: 0 };
      const db = await getDatabase(signal);
      await writeTransaction(db, (store) => store.put(entry), signal);
      return { ok: true, entry };
    },

    async read(signal) {
      const raw = await readRaw(signal);
      const entries: OutboxEntry[] = [];
      const issues: InputIssue[] = [];
      raw.forEach((value, row) => {
        const parsed = OutboxEntry.safeParse(value);
        if (parsed.success) entries.push(parsed.data);
        else issues.push(...issuesFromZod(parsed.error, OUTBOX_SOURCE, row));
      });
      // Keys are ids (random UUIDs), so store order says nothing: sort by when the volunteer saved them.
      entries.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
      return { entries, issues };
    },

    async remove(ids, signal) {
      if (ids.length === 0) return;
      const db = await getDatabase(signal);
      await writeTransaction(db, (store) => ids.forEach((id) => store.delete(id)), signal);
    },

    async markFailed(ids, reason, signal) {
      if (ids.length === 0) return;
      const db = await getDatabase(signal);
      await writeTransaction(
        db,
        (store) => {
          for (const id of ids) {
            const request = store.get(id);
            request.onsuccess = () => {
              const parsed = OutboxEntry.safeParse(request.result);
              if (parsed.success) store.put({ ...parsed.data, attempts: parsed.data.attempts + 1, lastError: reason });
            };
          }
        },
        signal,
      );
    },
  };
}
