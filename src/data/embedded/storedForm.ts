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

/** The stored form this workspace object was built from, if any, without taking it (see takeStoredForm). */
export function peekStoredForm(workspace: Workspace): StoredWorkspace | undefined {
  return storedFormOf.get(workspace);
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

/** Starts the analysis worker on a stored form (the analysis provider, while its worker lives). */
export type StoredFormListener = (stored: StoredWorkspace) => void;
let listener: StoredFormListener | null = null;

/** Sets (or, with null, clears) who hears of a stored form as soon as its bytes are read (see announceStoredForm). */
export function onStoredFormRead(next: StoredFormListener | null): void {
  listener = next;
}

/**
 * The embedded adapter, loading a centre's own town, as soon as its stored bytes are read and decoded and BEFORE the
 * page parses them: the analysis worker starts on the same bytes (transferred, so they are detached here) while the
 * page builds its own copy of the workspace, instead of after it. True when someone took it; without a listener
 * (tests, no worker yet) nothing happens and the form goes to the worker when the workspace is loaded.
 */
export function announceStoredForm(stored: StoredWorkspace): boolean {
  if (!listener) return false;
  listener(stored);
  return true;
}
