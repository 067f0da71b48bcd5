import { emptyWorkspace, type InputIssue, type Organisation, type Workspace } from '../../domain';
import { applyOverlay, restoreOverlayEntries, type OverlayEntry } from './overlayEntry';
import { restoreSnapshots, type StoredSnapshot } from './workspaceSnapshot';

/**
 * A centre's own town in the form it is stored in (workspaceSnapshot.ts): its organisation, one snapshot per
 * collection and the overlay's entries on top. Handed to the analysis worker as it is, with the snapshots' bytes
 * transferred, so the worker builds the workspace itself instead of receiving a structured clone of 200k objects.
 */
export interface StoredWorkspace {
  organisation: Organisation;
  snapshots: StoredSnapshot[];
  overlay: OverlayEntry[];
}

/** Builds the workspace from its stored form: snapshots restored (digest-checked), then the entries on top. Never throws. */
export async function unpackStoredWorkspace(stored: { organisation: Organisation; snapshots: readonly unknown[]; overlay: readonly unknown[] }): Promise<{ workspace: Workspace; issues: InputIssue[]; snapshots: StoredSnapshot[] }> {
  const restored = await restoreSnapshots(stored.snapshots);
  const overlay = restoreOverlayEntries(stored.overlay);
  const base: Workspace = { ...emptyWorkspace(stored.organisation), ...restored.collections };
  return { workspace: applyOverlay(base, overlay.entries), issues: [...restored.issues, ...overlay.issues], snapshots: restored.snapshots };
}
