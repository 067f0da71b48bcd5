import { useEffect } from 'react';
import type { DataSource } from '../../data/dataSource';
import { peekStoredForm } from '../../data/embedded/storedForm';
import { shareTileKey } from '../../map/tiledTown';
import { useAppState, useAppStore } from './appStore';

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/**
 * Loads the workspace through the DataSource when the app opens and whenever a reload is requested.
 * A newer load aborts the older one (STYLE.md habit 12); an abort is not an error.
 */
export function useWorkspaceLoader(dataSource: DataSource): void {
  const store = useAppStore();
  const generation = useAppState((s) => s.loadGeneration);

  useEffect(() => {
    const controller = new AbortController();
    store.setState((s) => ({ ...s, load: { status: 'loading' } }));
    dataSource.loadWorkspace(controller.signal).then(
      ({ workspace, issues, asBuilt }) => {
        if (controller.signal.aborted) return;
        performance.mark('calmap:data-loaded');
        // A stored town the analysis worker was started on while this thread parsed it (useAnalysis.ts): the map
        // names that start's tile key, before anything renders with the workspace.
        const stored = peekStoredForm(workspace);
        if (stored) shareTileKey(stored, workspace);
        store.setState((s) => ({ ...s, load: { status: 'ready', workspace, issues, generation, asBuilt: asBuilt === true } }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        const reason = error instanceof Error ? error.message : String(error);
        store.setState((s) => ({ ...s, load: { status: 'failed', reason } }));
      },
    );
    return () => controller.abort();
  }, [dataSource, store, generation]);
}
