import type { ImportPlan } from '../data/import';
import type { Workspace } from '../domain';
import type { ImportKind, ImportSettingsInput } from '../domain/importing';
import { ImportWorkerResponse, type ImportPlanRequest, type ImportPreview } from './importProtocol';

/**
 * The main thread's handle on the import worker.
 *
 *   const importer = createImportClient();
 *   const outcome = await importer.plan({ kind: 'resources', file, settings, workspace }, { signal, onProgress: (done, total) => … });
 *   if (outcome.ok) show(outcome.plan, outcome.preview);          // else outcome.message: the worker itself broke
 *
 * One plan at a time: a new plan cancels the previous one. An abort (the signal, or a newer plan) rejects the
 * promise with a DOMException named "AbortError" at once; the worker is told to stop. The workspace is sent only when
 * it is a different object from the last one sent (the loader replaces it on every reload).
 */

export type PlanOutcome = { ok: true; plan: ImportPlan; preview: ImportPreview } | { ok: false; message: string };

export interface PlanRequest {
  kind: ImportKind;
  file: Blob;
  fileName: string;
  settings: ImportSettingsInput;
  workspace: Workspace;
}

export interface PlanCallOptions {
  signal?: AbortSignal;
  /** Rows planned so far and rows in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportClient {
  plan(request: PlanRequest, options?: PlanCallOptions): Promise<PlanOutcome>;
  /** Rejects what is pending with an AbortError and terminates the worker. */
  dispose(): void;
}

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface ImportWorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

const abortError = (): DOMException => new DOMException('The operation was aborted.', 'AbortError');

/** The Vite way to start the worker as an ES module chunk. */
export const createImportWorker = (): ImportWorkerLike => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });

interface Pending {
  id: number;
  onProgress?: (done: number, total: number) => void;
  resolve(outcome: PlanOutcome): void;
  reject(error: unknown): void;
  cleanup(): void;
}

export function createImportClient(workerFactory: () => ImportWorkerLike = createImportWorker): ImportClient {
  let worker: ImportWorkerLike | undefined;
  let pending: Pending | undefined;
  let lastWorkspace: Workspace | undefined;
  let nextId = 1;
  let disposed = false;

  const settle = (entry: Pending): void => {
    if (pending === entry) pending = undefined;
    entry.cleanup();
  };

  const cancel = (entry: Pending): void => {
    settle(entry);
    worker?.postMessage({ type: 'cancel', id: entry.id }, []);
    entry.reject(abortError());
  };

  function start(): ImportWorkerLike {
    if (worker) return worker;
    const created = workerFactory();
    created.onmessage = (event: MessageEvent) => {
      const parsed = ImportWorkerResponse.safeParse(event.data);
      if (!parsed.success) return; // not a message this client understands: nothing waits for it
      const message = event.data as ImportWorkerResponse;
      const entry = pending;
      if (!entry || entry.id !== message.id) return; // superseded or aborted
      if (message.type === 'progress') {
        entry.onProgress?.(message.done, message.total);
        return;
      }
      settle(entry);
      if (message.type === 'planned') entry.resolve({ ok: true, plan: message.plan, preview: message.preview });
      else if (message.type === 'failed') entry.resolve({ ok: false, message: message.message });
      else entry.reject(abortError());
    };
    created.onerror = (event: ErrorEvent) => {
      // The worker broke (failed to load, out of memory): say so as a value, and start a fresh one next time.
      const entry = pending;
      worker = undefined;
      lastWorkspace = undefined;
      created.terminate();
      if (entry) {
        settle(entry);
        entry.resolve({ ok: false, message: `the import worker stopped: ${event.message || 'unknown error'}` });
      }
    };
    worker = created;
    return created;
  }

  return {
    plan(request, options = {}) {
      const { signal } = options;
      if (disposed || signal?.aborted) return Promise.reject(abortError());
      if (pending) cancel(pending); // a new plan cancels the previous one (STYLE.md habit 12)
      const target = start();
      const id = nextId++;
      return new Promise<PlanOutcome>((resolve, reject) => {
        const onAbort = () => {
          if (pending?.id === id) cancel(pending);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending = { id, resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
        const message: Omit<ImportPlanRequest, 'settings'> & { settings: ImportSettingsInput } = {
          type: 'plan',
          id,
          kind: request.kind,
          file: request.file,
          fileName: request.fileName,
          settings: request.settings,
          ...(request.workspace === lastWorkspace ? {} : { workspace: request.workspace as unknown as ImportPlanRequest['workspace'] }),
        };
        lastWorkspace = request.workspace;
        target.postMessage(message, []);
      });
    },
    dispose() {
      disposed = true;
      if (pending) cancel(pending);
      worker?.terminate();
      worker = undefined;
    },
  };
}
