import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { isAbortError } from '../../data/abort';
import type { DataSource } from '../../data/dataSource';
import type { Workspace } from '../../domain';
import type { ExploreSummary } from '../../analysis/exploreSession';
import { onStoredFormRead, takeStoredForm } from '../../data/embedded/storedForm';
import type { StoredWorkspace } from '../../data/embedded/storedWorkspace';
import { analysisTileKey, setTileFetcher, tileKeyOf } from '../../map/tiledTown';
import { createAnalysisClient, type AnalysisClient } from '../../worker/analysisClient';
import { failureOf, thrownFailure, type AnalysisFailure } from '../i18n/analysisRefusalText';
import { useAppState } from './appStore';

/**
 * ONE analysis worker for the whole app (the explore map, the survey campaigns view, the report…), loaded with
 * the workspace the store holds. Every view reads it with `useAnalysis()`:
 *
 *   const analysis = useAnalysis();
 *   useEffect(() => {
 *     if (analysis.status !== 'ready') return;
 *     const controller = new AbortController();
 *     analysis.client.needMap(query, { signal: controller.signal, channel: 'campaigns:needMap' }).then(…, ignoreAbort);
 *     return () => controller.abort();
 *   }, [analysis, query]);
 *
 * `generation` grows with every workspace the worker has loaded: re-query when it changes (new survey answers,
 * a reset or an import replace the workspace). Give your requests your own `channel` ("campaigns:…"), or they
 * supersede (cancel) another view's requests of the same method.
 */
export type AnalysisState =
  | { status: 'waiting'; client: null; summary: null; generation: number }
  | { status: 'loading'; client: AnalysisClient; summary: null; generation: number }
  | { status: 'ready'; client: AnalysisClient; summary: ExploreSummary; generation: number; workspace: Workspace }
  | { status: 'failed'; client: AnalysisClient | null; summary: null; generation: number; failure: AnalysisFailure };

const WAITING: AnalysisState = { status: 'waiting', client: null, summary: null, generation: 0 };

export const AnalysisContext = createContext<AnalysisState>(WAITING);

/** The shared analysis worker's state (see AnalysisState). Outside an AnalysisProvider it stays "waiting". */
export function useAnalysis(): AnalysisState {
  return useContext(AnalysisContext);
}

/** True for the rejection of an aborted or superseded request: not an error, just drop it. */
export const isAnalysisAbort = isAbortError;

interface AnalysisProviderProps {
  children?: ReactNode;
  /** For tests: a client over a fake worker. Default: the real Web Worker. */
  createClient?: () => AnalysisClient;
  /**
   * A large town's map tiles from the data source's server (Supabase: map_tile) instead of the worker: the worker
   * then builds no tile index of the town. Absent: the worker cuts them (the embedded adapter).
   */
  serverTiles?: DataSource['mapTile'];
}

/**
 * Starts the worker once, (re)loads it with the store's workspace whenever that changes, and shares the state.
 * Put it once near the root (App). The worker is terminated when the provider unmounts.
 */
export function AnalysisProvider({ children, createClient = createAnalysisClient, serverTiles }: AnalysisProviderProps) {
  const load = useAppState((s) => s.load);
  const workspace = load.status === 'ready' ? load.workspace : null;
  const [client, setClient] = useState<AnalysisClient | null>(null);
  const [state, setState] = useState<AnalysisState>(WAITING);
  // Inits started on a stored town as soon as its bytes were read (storedForm.ts announceStoredForm), by client.
  const [earlyInits] = useState(() => new WeakMap<StoredWorkspace, { client: AnalysisClient; answer: ReturnType<AnalysisClient['initStored']> }>());

  // One client per mount (React StrictMode mounts twice: the first client is disposed, the second kept).
  useEffect(() => {
    const created = createClient();
    setClient(created);
    // The map asks this worker for a large town's tiles (map/tiledTown.ts), unless the server cuts them.
    if (!serverTiles) setTileFetcher((query, signal) => created.tile(query, { signal }).then((outcome) => (outcome.ok ? outcome.value : Promise.reject(new Error(outcome.message)))));
    // A centre's own town starts in the worker while the page still parses its copy (the workspace effect below picks
    // the answer up). Every stored town gets a tile key: whether it is tiled is known only once it is parsed.
    onStoredFormRead((stored) => earlyInits.set(stored, { client: created, answer: created.initStored(stored, { tileKey: tileKeyOf(stored) }) }));
    return () => {
      onStoredFormRead(null);
      if (!serverTiles) setTileFetcher(null);
      created.dispose();
    };
  }, [createClient, serverTiles, earlyInits]);

  // A large Supabase town's tiles come from the server: every workspace the store shows is the server's records
  // (writes go there first), and a new workspace object is a new tile key, so MapLibre asks for its tiles again.
  useEffect(() => {
    if (!serverTiles) return;
    setTileFetcher(async ({ source, z, x, y }, signal) => {
      const outcome = await serverTiles({ layer: source, z, x, y }, signal);
      if (outcome.ok) return outcome.bytes;
      throw new Error(outcome.issues[0]?.message);
    });
    return () => setTileFetcher(null);
  }, [serverTiles]);

  useEffect(() => {
    if (!client || !workspace) return;
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', client, summary: null, generation: s.generation }));
    const started = performance.now();
    // A centre's own town as loaded from storage goes to the worker in that form (bytes transferred, not cloned),
    // unless the worker started on it already (its bytes are then detached here).
    const stored = takeStoredForm(workspace);
    const early = stored ? earlyInits.get(stored) : undefined;
    // A large town's tiles are cut from this workspace in the worker, under the key the map's tile URLs name
    // (none when the server cuts them: the worker builds no index of them).
    const options = { signal: controller.signal, tileKey: serverTiles ? undefined : analysisTileKey(workspace) };
    const answer = early?.client === client
      ? early.answer
      : stored && !stored.snapshots.some((s) => s.bytes.byteLength === 0)
        ? client.initStored(stored, options)
        : client.init(workspace, options); // its stored form went to a worker gone since (StrictMode's first mount)
    answer.then(
      (outcome) => {
        if (controller.signal.aborted) return;
        performance.measure('calmap:analysis-init', { start: started, end: performance.now() });
        setState((s) =>
          outcome.ok
            ? { status: 'ready', client, summary: outcome.value, generation: s.generation + 1, workspace }
            : { status: 'failed', client, summary: null, generation: s.generation, failure: failureOf(outcome) },
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((s) => ({ status: 'failed', client, summary: null, generation: s.generation, failure: thrownFailure(error) }));
      },
    );
    return () => controller.abort();
  }, [client, workspace, serverTiles, earlyInits]);

  return createElement(AnalysisContext.Provider, { value: state }, children);
}
