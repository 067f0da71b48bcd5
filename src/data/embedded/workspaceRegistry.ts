import { z } from 'zod';
import { Id, Organisation, issuesFromZod, type InputIssue } from '../../domain';
import { raceAbort, throwIfAborted } from '../abort';
import { slugOf } from '../../domain/text';
import { safeLocalStorage } from '../browserStorage';

/**
 * The workspaces kept in this browser (the embedded default): the demo town, always there, and every centre's own
 * town started with "Nowy obszar / nowa gmina". Each workspace keeps its records in an IndexedDB database of its
 * own (`workspaceDatabaseName`), so an import into one never touches another, and switching loses nothing. The list
 * lives in the `cal-map-workspaces` database; which one is open lives in localStorage (read synchronously at start).
 */

export const DEMO_WORKSPACE_ID = 'demo';
export const REGISTRY_DB_NAME = 'cal-map-workspaces';
const REGISTRY_STORE = 'workspaces';
export const CURRENT_WORKSPACE_KEY = 'calmap.workspace';

/** One workspace of the browser besides the demo: its centre (organisation) and when it was started. */
export const EmbeddedWorkspace = z.strictObject({
  v: z.literal(1),
  id: Id,
  organisation: Organisation,
  createdAt: z.iso.datetime({ message: 'createdAt must be an ISO date-time' }),
});
export type EmbeddedWorkspace = z.infer<typeof EmbeddedWorkspace>;

/** What a planner types to start a workspace: the centre and its gmina (the id is made from the name). */
export const NewWorkspaceInput = Organisation.omit({ id: true });
export type NewWorkspaceInput = z.infer<typeof NewWorkspaceInput>;

/** The IndexedDB database of a workspace's records. The demo keeps the name it always had (`cal-map`). */
export const workspaceDatabaseName = (workspaceId: string): string => (workspaceId === DEMO_WORKSPACE_ID ? 'cal-map' : `cal-map-ws-${workspaceId}`);

/** "MOPS w Nowym Sączu" → "mops-w-nowym-saczu-1a2b": readable, ASCII, unique enough with the random suffix. */
export function workspaceIdFor(name: string, random: () => number = Math.random): string {
  const slug = slugOf(name, 40);
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${slug || 'osrodek'}-${suffix}`;
}

export interface WorkspaceRegistry {
  /** Every stored workspace (oldest first) and the problems met reading them (a bad entry is skipped, named). */
  list(signal?: AbortSignal): Promise<{ workspaces: EmbeddedWorkspace[]; issues: InputIssue[] }>;
  get(id: string, signal?: AbortSignal): Promise<EmbeddedWorkspace | undefined>;
  /**
   * Validates the input (issues name the field) and stores a new workspace; it is not opened yet. `preferredId`
   * (a workspace file's organisation id) is used when it is free, so a file loaded back keeps its centre's id.
   */
  create(input: unknown, signal?: AbortSignal, preferredId?: string): Promise<{ ok: true; workspace: EmbeddedWorkspace } | { ok: false; issues: InputIssue[] }>;
  /** The workspace open now (the demo when none was chosen or the stored choice is unreadable). */
  currentId(): string;
  setCurrentId(id: string): void;
}

export interface WorkspaceRegistryOptions {
  indexedDB?: IDBFactory;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  now?: () => Date;
  random?: () => number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('the browser storage request failed'));
  });
}

function openRegistry(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(REGISTRY_DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(REGISTRY_STORE)) req.result.createObjectStore(REGISTRY_STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('the browser storage could not be opened'));
    req.onblocked = () => reject(new Error('the browser storage is held by another tab of an older CAL Map; close it and reload'));
  });
}

const SOURCE = 'workspaces';

/** @example const registry = createWorkspaceRegistry(); const id = registry.currentId(); */
export function createWorkspaceRegistry(options: WorkspaceRegistryOptions = {}): WorkspaceRegistry {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const storage = options.storage ?? safeLocalStorage();
  const now = options.now ?? (() => new Date());
  let database: Promise<IDBDatabase> | undefined;
  const db = (signal?: AbortSignal) => {
    if (!factory) return Promise.reject(new Error('this browser offers no IndexedDB storage'));
    database ??= openRegistry(factory).catch((error: unknown) => {
      database = undefined;
      throw error;
    });
    return raceAbort(database, signal);
  };

  const readAll = async (signal?: AbortSignal) => {
    const store = (await db(signal)).transaction(REGISTRY_STORE, 'readonly').objectStore(REGISTRY_STORE);
    return raceAbort(request<unknown[]>(store.getAll()), signal);
  };

  return {
    async list(signal) {
      throwIfAborted(signal);
      const workspaces: EmbeddedWorkspace[] = [];
      const issues: InputIssue[] = [];
      (await readAll(signal)).forEach((raw, row) => {
        const parsed = EmbeddedWorkspace.safeParse(raw);
        if (parsed.success) workspaces.push(parsed.data);
        else issues.push(...issuesFromZod(parsed.error, SOURCE, row));
      });
      workspaces.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      return { workspaces, issues };
    },

    async get(id, signal) {
      const { workspaces } = await this.list(signal);
      return workspaces.find((w) => w.id === id);
    },

    async create(input, signal, preferredId) {
      throwIfAborted(signal);
      const parsed = NewWorkspaceInput.safeParse(input);
      if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, SOURCE) };
      const taken = preferredId === undefined ? true : preferredId === DEMO_WORKSPACE_ID || !Id.safeParse(preferredId).success || (await this.get(preferredId, signal)) !== undefined;
      const id = taken ? workspaceIdFor(parsed.data.name, options.random) : preferredId!;
      const workspace: EmbeddedWorkspace = { v: 1, id, organisation: { id, ...parsed.data }, createdAt: now().toISOString() };
      try {
        const tx = (await db(signal)).transaction(REGISTRY_STORE, 'readwrite');
        // add(), not put(): an id that exists already is refused, never overwritten.
        tx.objectStore(REGISTRY_STORE).add(workspace);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error ?? new Error('the browser cancelled the write'));
        });
      } catch (error) {
        return { ok: false, issues: [{ source: SOURCE, field: '(storage)', message: `the new workspace could not be saved in this browser (${error instanceof Error ? error.message : String(error)})` }] };
      }
      return { ok: true, workspace };
    },

    currentId() {
      const stored = storage?.getItem(CURRENT_WORKSPACE_KEY);
      return stored && Id.safeParse(stored).success ? stored : DEMO_WORKSPACE_ID;
    },

    setCurrentId(id) {
      storage?.setItem(CURRENT_WORKSPACE_KEY, Id.parse(id));
    },
  };
}

