import { createWorkspaceRegistry, type WorkspaceRegistry } from '../../../data/embedded';

let shared: WorkspaceRegistry | undefined;
/** The browser's workspace registry (one per page). */
export const workspaceRegistry = (): WorkspaceRegistry => (shared ??= createWorkspaceRegistry());

/**
 * Opens another workspace of this browser: remembers the choice and reloads the page on `view` (the address of the
 * previous town, its waves and its map position mean nothing in the next one). Nothing of either workspace is lost:
 * each keeps its records in its own database.
 */
export function openWorkspace(registry: WorkspaceRegistry, workspaceId: string, view: 'map' | 'import' = 'map'): void {
  registry.setCurrentId(workspaceId);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${view}`);
  window.location.reload();
}
