import { COLLECTION_NAMES, emptyWorkspace, Id, issuesFromZod, LeaderContact, localIsoDate, shortenRetention, type CollectionName, type CollectionRecord, type InputIssue, type Organisation, type SurveyResponse, type Workspace } from '../../domain';
import type { DataSource, LeaderContactsResult, LoadedWorkspace, PurgeResult, WorkspaceChanges, WriteResult } from '../dataSource';
import type { FirstPaintMap } from '../firstPaint';
import { isCollectionName, unknownCollectionIssue, validateChanges, validateCollectionRecords as validateRecords } from '../workspaceChanges';
import { abortError, isAbortError, raceAbort, throwIfAborted } from '../abort';
import { deepFreeze } from './deepFreeze';
import { loadDemoWorkspace, type LoadedDemo, type ReadDemoFile, type TrustDemoFile } from './demoLoader';
import {
  clearEntries,
  countRecords,
  deleteExpiredContacts,
  LEADER_CONTACT_STORE,
  OVERLAY_STORE,
  openOverlayDatabase,
  putEntries,
  readAll,
  readStoredEntries,
  replaceWithSnapshots,
  SNAPSHOT_STORE,
  writeStores,
} from './overlayDatabase';
import type { DecodedSnapshots, RestoredSnapshots } from './workspaceSnapshot';
import type { StoredWorkspace } from './storedWorkspace';
import { announceStoredForm, rememberStoredForm } from './storedForm';
import { restoreLeaderContacts } from './leaderContactStore';
import { checkContactId, checkResponseWithContact, LEADER_CONTACTS_SOURCE } from '../leaderContactChecks';
import { applyOverlay, restoreOverlayEntries, STORAGE_SOURCE, type OverlayEntry } from './overlayEntry';
import { DEMO_WORKSPACE_ID, workspaceDatabaseName, type WorkspaceRegistry } from './workspaceRegistry';

export interface EmbeddedDataSourceOptions {
  /**
   * Which workspace of this browser (workspaceRegistry.ts): the demo town (default) or a centre's own town, which
   * starts empty (its organisation from the registry) and keeps its records in a database of its own.
   */
  workspaceId?: string;
  /** Where own workspaces are listed; needed for any workspace but the demo. */
  registry?: WorkspaceRegistry;
  /** IndexedDB database name; tests pass their own. Default: the workspace's (`cal-map` for the demo). */
  dbName?: string;
  /** Reads a demo file's text by name (`areas.json`). Default: fetch of the Vite asset bundled from data/demo/. */
  readDemoFile?: ReadDemoFile;
  /** Default: the browser's `indexedDB`. Without one the demo still loads and writes report that nothing can be kept. */
  indexedDB?: IDBFactory;
  /** The clock that says which leader contacts have expired (their local date); tests pass a fixed one. */
  now?: () => Date;
  /**
   * The demo town's map as the build made it (demoMapAsset.ts, loaded by createDataSource), drawn before the demo
   * workspace is loaded. Offered as `firstPaint` only while the demo is open and read from the build's own files.
   */
  demoMap?: FirstPaintMap | null;
  /**
   * Start reading the demo town's files and opening its IndexedDB database now, while the page renders, rather than
   * when the workspace is first loaded (the app's adapter, createDataSource; issue #16). Only while the demo is open.
   */
  preloadDemo?: boolean;
  /** false: a load never schedules compactStorage by itself (tests that call it themselves). Default true. */
  compactAfterLoad?: boolean;
}

/**
 * The embedded adapter always offers batch saves, so callers holding it need no `?.`. `resetToDemo` drops the
 * changes of the demo workspace; an own workspace has no demo to return to (switch workspaces instead).
 */
export type EmbeddedDataSource = DataSource &
  Required<Pick<DataSource, 'saveRecords' | 'resetToDemo'>> & {
    /** The workspace this instance reads and writes (DEMO_WORKSPACE_ID for the demo town). */
    readonly workspaceId: string;
    /**
     * Stores a whole town into this centre's own workspace while it is still empty (a workspace file opened as a
     * new workspace): every record validated first (issues name collection, row and field; nothing is stored on any),
     * then written compactly, one snapshot per collection (workspaceSnapshot.ts), in one transaction. Refused for
     * the demo and for a workspace that holds anything already.
     */
    storeNewWorkspace(collections: Partial<{ [C in CollectionName]: readonly CollectionRecord<C>[] }>, signal?: AbortSignal): Promise<WriteResult>;
    /**
     * Rewrites a centre's own town whose changes piled up as single entries (a town built with the import wizard:
     * 100k answers are 100k entries, each parsed with zod on every reopen) into one snapshot per collection, in one
     * transaction, under the storage lock that every write of every tab takes. Leaves the store as it is when there
     * are fewer than COMPACT_MIN_ENTRIES entries, for the demo, and when anything stored could not be read (it would
     * be lost). The load schedules it by itself once the town is shown; returns how many entries were folded in.
     */
    compactStorage(signal?: AbortSignal): Promise<{ compacted: number }>;
  };

/** From this many stored change entries on, a centre's own town is rewritten as snapshots (compactStorage). */
export const COMPACT_MIN_ENTRIES = 2000;
/** How long after its load a town is compacted: after the first map and the first statistics, not during them. */
const COMPACT_DELAY_MS = 5000;

export const DEFAULT_DB_NAME = 'cal-map';

const reasonOf = (error: unknown): string =>
  error instanceof Error || error instanceof DOMException ? error.message || error.name : String(error);

const storageIssue = (message: string): InputIssue => ({ source: STORAGE_SOURCE, field: '(storage)', message });



/** The default reader is imported lazily so that Node (tests, bench) never evaluates Vite's import.meta.glob. */
const readBundledDemoFile: ReadDemoFile = async (fileName, signal) => (await import('./bundledDemoFiles')).readBundledDemoFile(fileName, signal);
const isBuildValidated: TrustDemoFile = async (fileName, text) => (await import('./buildValidated')).isBuildValidated(fileName, text);

/**
 * The browser adapter: the demo town from data/demo/ with the user's changes from IndexedDB on top.
 * The demo is parsed once per instance and cached with its records deep-frozen; treat loaded records as immutable.
 *
 * @example
 * const source = createEmbeddedDataSource();
 * const { workspace, issues } = await source.loadWorkspace(controller.signal);
 * const result = await source.saveRecord('resources', resource, controller.signal);
 * if (!result.ok) showIssues(result.issues.map(formatIssue));
 */
export function createEmbeddedDataSource(options: EmbeddedDataSourceOptions = {}): EmbeddedDataSource {
  let workspaceId = options.workspaceId ?? DEMO_WORKSPACE_ID;
  let dbName = options.dbName ?? (options.workspaceId === undefined ? DEFAULT_DB_NAME : workspaceDatabaseName(workspaceId));
  const readDemoFile = options.readDemoFile ?? readBundledDemoFile;
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const today = () => localIsoDate((options.now ?? (() => new Date()))());

  let demoCache: LoadedDemo | undefined;
  let demoLoading: Promise<LoadedDemo> | undefined;
  let database: Promise<IDBDatabase> | undefined;

  /**
   * Reads the demo once for every caller: started at creation with `preloadDemo`, else by the first load. Not tied to
   * a caller's signal (an abort stops that caller's wait, and the next load finds the files read).
   */
  function startDemoLoad(): Promise<LoadedDemo> {
    // The bundled files the build validated are recognised by their digest and not validated again (issue #16).
    demoLoading ??= loadDemoWorkspace(readDemoFile, undefined, options.readDemoFile ? undefined : isBuildValidated).then(
      (loaded) => {
        deepFreeze(loaded.workspace);
        // A file that could not be read (offline, server hiccup) may be there next time; an invalid one will not change.
        if (loaded.unreadFiles.length === 0) demoCache = loaded;
        else demoLoading = undefined;
        return loaded;
      },
      (error: unknown) => {
        demoLoading = undefined;
        throw error;
      },
    );
    return demoLoading;
  }

  async function loadDemo(signal?: AbortSignal): Promise<LoadedDemo> {
    if (demoCache) return demoCache;
    return raceAbort(startDemoLoad(), signal);
  }

  function getDatabase(signal?: AbortSignal): Promise<IDBDatabase> {
    if (!factory) return Promise.reject(new Error('this browser offers no IndexedDB storage'));
    if (!database) {
      const opening = openOverlayDatabase(factory, dbName).then((db) => {
        const forget = () => {
          if (database === opening) database = undefined;
        };
        // Another tab upgrading the database, or the browser closing it: reopen on the next call.
        db.onversionchange = () => {
          db.close();
          forget();
        };
        db.onclose = forget;
        return db;
      });
      opening.catch(() => {
        if (database === opening) database = undefined; // let a later call retry
      });
      database = opening;
    }
    return raceAbort(database, signal);
  }

  /**
   * Runs `write` under this database's storage lock: every write of the overlay or the snapshots, in every tab
   * (Web Locks), and compaction, which reads, rebuilds and replaces the whole store, never interleave. Where the
   * browser has no Web Locks (and in Node), writes of this instance are chained instead.
   */
  let localChain: Promise<unknown> = Promise.resolve();
  function withStorageLock<T>(write: () => Promise<T>): Promise<T> {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (locks) return locks.request(`calmap-storage:${dbName}`, write);
    const run = localChain.then(write, write);
    localChain = run.catch(() => undefined);
    return run;
  }

  async function readOverlay(signal?: AbortSignal): Promise<{ entries: OverlayEntry[]; issues: InputIssue[] }> {
    try {
      const stored = await readStoredEntries(await getDatabase(signal), signal);
      const restored = restoreOverlayEntries(stored);
      deepFreeze(restored.entries);
      return restored;
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw abortError();
      return { entries: [], issues: [storageIssue(`your saved changes could not be read (${reasonOf(error)}); showing the demo town without them`)] };
    }
  }

  /** The own workspace's snapshots, read and decoded (digest-checked); a storage failure is an issue, never an exception. */
  async function readSnapshots(signal?: AbortSignal): Promise<{ decoded: DecodedSnapshots; parse: (decoded: DecodedSnapshots) => RestoredSnapshots }> {
    try {
      // The snapshot code loads with a centre's own town only: the demo never needs it (the first chunk, issue #16).
      const [{ decodeSnapshots, parseDecodedSnapshots }, stored] = await Promise.all([import('./workspaceSnapshot'), readAll(await getDatabase(signal), SNAPSHOT_STORE, signal)]);
      return { decoded: await decodeSnapshots(stored), parse: parseDecodedSnapshots };
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw abortError();
      const issues = [storageIssue(`the stored town could not be read (${reasonOf(error)})`)];
      return { decoded: { texts: [], snapshots: [], issues }, parse: () => ({ collections: {}, snapshots: [], trusted: 0, issues }) };
    }
  }

  /**
   * A centre's own town as stored: its snapshots (a town stored whole) first, then the entries of later changes on
   * top. `announce` (the load): the stored form is offered to the analysis worker (storedForm.ts) once read and
   * decoded, before this thread parses it, so both build the workspace at the same time.
   */
  async function readOwnTown(organisation: Organisation, signal?: AbortSignal, announce = false): Promise<{ workspace: Workspace; snapshot: RestoredSnapshots; overlay: { entries: OverlayEntry[]; issues: InputIssue[] }; stored: StoredWorkspace }> {
    const [{ decoded, parse }, overlay] = await Promise.all([readSnapshots(signal), readOverlay(signal)]);
    throwIfAborted(signal);
    const stored: StoredWorkspace = { organisation, snapshots: decoded.snapshots, overlay: overlay.entries };
    if (announce && decoded.snapshots.length > 0) announceStoredForm(stored);
    const snapshot = parse(decoded);
    return { workspace: applyOverlay({ ...emptyWorkspace(organisation), ...snapshot.collections }, overlay.entries), snapshot, overlay, stored };
  }

  async function writeEntries(entries: readonly OverlayEntry[], signal?: AbortSignal): Promise<WriteResult> {
    try {
      const db = await getDatabase(signal);
      await withStorageLock(() => putEntries(db, entries, signal));
      return { ok: true };
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw abortError();
      return { ok: false, issues: [storageIssue(`the change could not be saved in this browser (${reasonOf(error)}); nothing was saved`)] };
    }
  }

  /** Deletes expired leader contacts; a failure is an issue, never an exception (except an abort). */
  async function purgeExpired(signal?: AbortSignal): Promise<PurgeResult> {
    if (!factory) return { ok: true, deleted: 0 };
    try {
      return { ok: true, deleted: await deleteExpiredContacts(await getDatabase(signal), today(), signal) };
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw abortError();
      return { ok: false, issues: [storageIssue(`expired leader contacts could not be deleted (${reasonOf(error)}); they will be on the next load`)] };
    }
  }

  const upserts = (collection: CollectionName, parsed: readonly CollectionRecord<CollectionName>[]): OverlayEntry[] =>
    parsed.map((record) => ({ v: 1, collection, id: record.id, op: 'upsert', record }));

  if (options.preloadDemo && workspaceId === DEMO_WORKSPACE_ID) {
    // A failure is met again, and reported, by the load itself.
    startDemoLoad().catch(() => {});
    if (factory) getDatabase().catch(() => {});
  }

  const self: EmbeddedDataSource = {
    kind: 'embedded',

    get workspaceId() {
      return workspaceId;
    },

    async loadWorkspace(signal?: AbortSignal): Promise<LoadedWorkspace> {
      throwIfAborted(signal);
      if (workspaceId !== DEMO_WORKSPACE_ID) {
        const own = await options.registry?.get(workspaceId, signal).catch((error: unknown) => {
          if (isAbortError(error) || signal?.aborted) throw abortError();
          return undefined;
        });
        if (own) {
          // A centre's own town: nothing but what the centre brought in, on an empty base.
          const [{ workspace, snapshot, overlay, stored }, purge] = await Promise.all([readOwnTown(own.organisation, signal, true), purgeExpired(signal)]);
          throwIfAborted(signal);
          // The analysis worker builds the same workspace from the same bytes (storedWorkspace.ts), not from a clone:
          // already started on them (announced), or given them with this workspace.
          if (snapshot.snapshots.length > 0) rememberStoredForm(workspace, stored);
          // Changes piled up as single entries (a town imported with the wizard): stored compactly for the next reopen.
          if (overlay.entries.length >= COMPACT_MIN_ENTRIES && options.compactAfterLoad !== false) {
            setTimeout(() => {
              self.compactStorage().catch((error: unknown) => console.warn('CAL Map could not store the town compactly; it stays as it is.', error));
            }, COMPACT_DELAY_MS);
          }
          return { workspace, issues: [...snapshot.issues, ...overlay.issues, ...(purge.ok ? [] : purge.issues)] };
        }
        // The workspace chosen last time is gone (its storage was cleared): open the demo and say so.
        const missing = workspaceId;
        workspaceId = DEMO_WORKSPACE_ID;
        dbName = options.dbName ?? DEFAULT_DB_NAME;
        database = undefined;
        options.registry?.setCurrentId(DEMO_WORKSPACE_ID);
        const loaded = await self.loadWorkspace(signal);
        return { ...loaded, issues: [storageIssue(`the workspace "${missing}" is no longer in this browser; the demo town is open`), ...loaded.issues] };
      }
      // Expired leader contacts go on every load of the workspace (GDPR storage limitation), not only when listed.
      const [demo, overlay, purge] = await Promise.all([loadDemo(signal), readOverlay(signal), purgeExpired(signal)]);
      throwIfAborted(signal);
      const asBuilt = overlay.entries.length === 0 && overlay.issues.length === 0 && demo.issues.length === 0 && demo.unreadFiles.length === 0;
      return { workspace: applyOverlay(demo.workspace, overlay.entries), issues: [...demo.issues, ...overlay.issues, ...(purge.ok ? [] : purge.issues)], asBuilt };
    },

    // Only the demo town, as the build drew it. The user's changes on the demo (IndexedDB) are not waited for: the
    // loaded workspace says whether it is still the town as built (asBuilt) and otherwise replaces the drawing.
    get firstPaint(): FirstPaintMap | null {
      return workspaceId === DEMO_WORKSPACE_ID && !options.readDemoFile ? (options.demoMap ?? null) : null;
    },

    async saveRecord<C extends CollectionName>(collection: C, record: CollectionRecord<C>, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollectionIssue(collection)] };
      const validated = validateRecords(collection, [record], false);
      if (!validated.ok) return validated;
      return writeEntries(upserts(collection, validated.parsed), signal);
    },

    async saveRecords<C extends CollectionName>(collection: C, records: readonly CollectionRecord<C>[], signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollectionIssue(collection)] };
      if (!Array.isArray(records)) return { ok: false, issues: [{ source: collection, field: '(records)', message: 'records must be a list' }] };
      const validated = validateRecords(collection, records, true);
      if (!validated.ok) return validated;
      if (validated.parsed.length === 0) return { ok: true };
      return writeEntries(upserts(collection, validated.parsed), signal);
    },

    async deleteRecord(collection: CollectionName, id: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollectionIssue(collection)] };
      const validId = Id.safeParse(id);
      if (!validId.success) return { ok: false, issues: issuesFromZod(validId.error, collection).map((issue) => ({ ...issue, field: 'id' })) };
      return writeEntries([{ v: 1, collection, id: validId.data, op: 'delete' }], signal);
    },

    // Every upsert and tombstone goes into ONE readwrite transaction of the overlay store (putEntries); validation
    // is done before it opens, and a failure inside it (a put that throws, quota, an abort) aborts all of it.
    async applyChanges(changes: WorkspaceChanges, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const validated = validateChanges(changes);
      if (!validated.ok) return validated;
      const entries: OverlayEntry[] = [];
      for (const { collection, records } of validated.changes.upserts) entries.push(...upserts(collection, records));
      for (const { collection, ids } of validated.changes.deletes) {
        for (const id of ids) entries.push({ v: 1, collection, id, op: 'delete' });
      }
      if (entries.length === 0) return { ok: true };
      return writeEntries(entries, signal);
    },

    async storeNewWorkspace(collections, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (workspaceId === DEMO_WORKSPACE_ID) return { ok: false, issues: [storageIssue('the demo town is not stored whole; open the file as a new workspace')] };
      const validated = validateChanges({ upserts: collections });
      if (!validated.ok) return validated;
      try {
        const db = await getDatabase(signal);
        const { packCollection } = await import('./workspaceSnapshot');
        const snapshots = await Promise.all(validated.changes.upserts.map(({ collection, records }) => packCollection(collection, records)));
        throwIfAborted(signal);
        return await withStorageLock(async (): Promise<WriteResult> => {
          const counts = await countRecords(db, [OVERLAY_STORE, SNAPSHOT_STORE], signal);
          if (counts.some((n) => n > 0)) return { ok: false, issues: [storageIssue('this workspace already holds records; nothing was saved')] };
          await writeStores(db, [SNAPSHOT_STORE], ([store]) => snapshots.forEach((snapshot) => store!.put(snapshot)), signal);
          return { ok: true };
        });
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { ok: false, issues: [storageIssue(`the town could not be saved in this browser (${reasonOf(error)}); nothing was saved`)] };
      }
    },

    async loadLeaderContacts(signal?: AbortSignal): Promise<LeaderContactsResult> {
      throwIfAborted(signal);
      const purge = await purgeExpired(signal);
      if (!factory) return { ok: true, contacts: [], issues: [] };
      try {
        const restored = restoreLeaderContacts(await readAll(await getDatabase(signal), LEADER_CONTACT_STORE, signal));
        return { ok: true, contacts: restored.contacts, issues: [...(purge.ok ? [] : purge.issues), ...restored.issues] };
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { ok: false, issues: [storageIssue(`the leader contacts could not be read (${reasonOf(error)})`)] };
      }
    },

    async saveResponseWithLeaderContact(response: SurveyResponse, contact: LeaderContact, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const checked = checkResponseWithContact(response, contact);
      if (!checked.ok) return checked;
      const entries = upserts('responses', [checked.response]);
      try {
        // One transaction over both stores: the answers and the contact are stored together or not at all.
        const db = await getDatabase(signal);
        await withStorageLock(() => writeStores(db, [OVERLAY_STORE, LEADER_CONTACT_STORE], ([overlay, contacts]) => {
          entries.forEach((entry) => overlay!.put(entry));
          contacts!.put(checked.contact);
        }, signal));
        return { ok: true };
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { ok: false, issues: [storageIssue(`the answers and the contact could not be saved in this browser (${reasonOf(error)}); nothing was saved`)] };
      }
    },

    async deleteLeaderContact(id: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const validId = checkContactId(id);
      if (!validId.ok) return validId;
      try {
        await writeStores(await getDatabase(signal), [LEADER_CONTACT_STORE], ([contacts]) => contacts!.delete(validId.id), signal);
        return { ok: true };
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { ok: false, issues: [storageIssue(`the contact could not be deleted (${reasonOf(error)})`)] };
      }
    },

    async shortenLeaderContactRetention(id: string, retainUntil: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const validId = checkContactId(id);
      if (!validId.ok) return validId;
      try {
        const db = await getDatabase(signal);
        let outcome: WriteResult = { ok: true };
        // Read, check and write in one transaction: nothing can change the contact in between.
        await writeStores(db, [LEADER_CONTACT_STORE], ([contacts]) => {
          const request = contacts!.get(validId.id);
          request.onsuccess = () => {
            const stored = LeaderContact.safeParse(request.result);
            if (!stored.success) {
              outcome = { ok: false, issues: [{ source: LEADER_CONTACTS_SOURCE, field: 'id', message: 'there is no such contact (it may have been deleted)' }] };
              return;
            }
            const shortened = shortenRetention(stored.data, retainUntil);
            if (shortened.ok) contacts!.put(shortened.contact);
            else outcome = shortened;
          };
        }, signal);
        return outcome;
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { ok: false, issues: [storageIssue(`the contact could not be changed (${reasonOf(error)})`)] };
      }
    },

    deleteExpiredLeaderContacts(signal?: AbortSignal): Promise<PurgeResult> {
      throwIfAborted(signal);
      return purgeExpired(signal);
    },

    async compactStorage(signal?: AbortSignal): Promise<{ compacted: number }> {
      throwIfAborted(signal);
      if (workspaceId === DEMO_WORKSPACE_ID || !factory) return { compacted: 0 };
      const own = await options.registry?.get(workspaceId, signal);
      if (!own) return { compacted: 0 };
      const db = await getDatabase(signal);
      return withStorageLock(async () => {
        // Read again under the lock: another tab may have written since this one loaded.
        const { workspace, snapshot, overlay } = await readOwnTown(own.organisation, signal);
        if (overlay.entries.length < COMPACT_MIN_ENTRIES || snapshot.issues.length > 0 || overlay.issues.length > 0) return { compacted: 0 };
        const { packCollection } = await import('./workspaceSnapshot');
        const collections = COLLECTION_NAMES.filter((c) => workspace[c].length > 0);
        const snapshots = await Promise.all(collections.map((c) => packCollection(c, workspace[c] as readonly CollectionRecord<typeof c>[])));
        throwIfAborted(signal);
        await replaceWithSnapshots(db, snapshots, signal);
        return { compacted: overlay.entries.length };
      });
    },

    async resetToDemo(signal?: AbortSignal): Promise<void> {
      throwIfAborted(signal);
      if (workspaceId !== DEMO_WORKSPACE_ID) throw new Error('this workspace is a centre\'s own town, not the demo: open the demo from the workspace list instead');
      if (!factory) return; // nothing can have been stored
      try {
        await clearEntries(await getDatabase(signal), signal);
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        throw new Error(`your changes could not be removed from this browser (${reasonOf(error)})`, { cause: error });
      }
    },
  };
  return self;
}
