import type { Workspace } from '../../domain';
import type { StoredWorkspace } from './storedWorkspace';

/*
 * The hand-over of a loaded workspace's stored form from the embedded adapter to the analysis provider (useAnalysis):
 * a module of its own, without the snapshot code, so the first chunk (the demo town) does not carry it.
 */

const storedFormOf = new WeakMap<Workspace, StoredWorkspace>();

/** Remembers the stored form a loaded workspace was built from (the embedded adapter, on load). */
export function rememberStoredForm(workspace: Workspace, stored: StoredWorkspace): void {
  storedFormOf.set(workspace, stored);
}

/**
 * The stored form of exactly this workspace object, once: its bytes are then transferred to the worker (detached
 * here), so a second call, or a workspace changed in memory since (a new object), gets undefined and is sent whole.
 */
export function takeStoredForm(workspace: Workspace): StoredWorkspace | undefined {
  const stored = storedFormOf.get(workspace);
  storedFormOf.delete(workspace);
  return stored;
}
