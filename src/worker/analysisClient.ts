import type {
  AnalysisRequestInput,
  ClusterQueryInput,
  CoverageQueryInput,
  HotSpotQueryInput,
  LisaQueryInput,
  ScaleAdviceQueryInput,
  NeedMapQueryInput,
  OfferMapQueryInput,
  MatchingQueryInput,
  RankingQueryInput,
  ResponseUnitsQueryInput,
  UnitChoiceInput,
  UnitDetailQueryInput,
  WaveComparisonQueryInput,
  AreaWaveComparisonQueryInput,
  TileQuery,
} from '../domain/analysisRequest';
import { DEFAULT_HEX_SIZE_METERS } from '../domain/analysisRequest';
import type { AnalysisRefusal } from '../domain/analysisRefusal';
import type { InputIssue } from '../domain/issues';
import type { Workspace } from '../domain/workspace';
import type { StoredWorkspace } from '../data/embedded/storedWorkspace';
import { AnalysisResponseEnvelope, type AnalysisResponse, type AnalysisResults, type AnswerType } from './protocol';

/**
 * The main thread's handle on the analysis worker. Every method returns a promise of an outcome:
 *   { ok: true, value } | { ok: false, message, issues }   (a bad query or an unknown wave is a value, not a throw)
 * and takes `{ signal, channel }`: an abort rejects the promise with a DOMException named "AbortError" at once
 * (the worker is told to drop the request; a computation already running finishes and is ignored). A new request
 * on a channel (default: the method name) aborts the previous one still pending on that channel, so a slider
 * that fires ten weight changes gets one answer, the last.
 *
 *   const analysis = createAnalysisClient();
 *   await analysis.init(workspace);                                      // sends the workspace once
 *   const layer = await analysis.layer({ kind: 'street' });               // ids, labels, households: once per layer
 *   const map = await analysis.needMap({ unit: { kind: 'street' }, campaignId, selection: { kind: 'index', weights } }, { signal });
 *   if (map.ok) colour(layer.value.unitIds, map.value.classOfUnit);
 *
 * Unit layers are cached here (per workspace), because the worker never sends back what the main thread holds.
 */

/** An answer, or why there is none: `refusal` is the code the UI words (i18n/analysisRefusalText), `message` its English for logs. */
export type AnalysisOutcome<T> = { ok: true; value: T } | { ok: false; message: string; issues: InputIssue[]; refusal: AnalysisRefusal };

export interface RequestOptions {
  signal?: AbortSignal;
  /** Requests on one channel supersede each other (default: the method name). */
  channel?: string;
}

export interface InitOptions extends RequestOptions {
  /** The key the map's `tile` requests name this workspace by (src/map/tileProtocol.ts); absent: no tiles of it. */
  tileKey?: number;
}

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface AnalysisClient {
  /** Loads (or replaces) the workspace in the worker; clears the layer cache. */
  init(workspace: Workspace, options?: InitOptions): Promise<AnalysisOutcome<AnalysisResults['init']>>;
  /**
   * The same for a centre's own town in its stored form (storedWorkspace.ts): the snapshots' bytes are transferred
   * (detached here) and the worker builds the workspace itself, with no structured clone of every record.
   */
  initStored(stored: StoredWorkspace, options?: InitOptions): Promise<AnalysisOutcome<AnalysisResults['init']>>;
  /** A vector tile of a large town's streets or addresses (src/map/townTiles.ts), answered ahead of queued analyses. */
  tile(query: TileQuery, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['tile']>>;
  /** Unit ids, labels, households, centres (and hexagon corners) of a layer; fetched once per workspace. */
  layer(unit: UnitChoiceInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['layer']>>;
  needMap(query: NeedMapQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['needMap']>>;
  offerMap(query: OfferMapQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['offerMap']>>;
  matching(query: MatchingQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['matching']>>;
  hotSpots(query: HotSpotQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['hotSpots']>>;
  lisa(query: LisaQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['lisa']>>;
  scaleAdvice(query: ScaleAdviceQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['scaleAdvice']>>;
  clusters(query: ClusterQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['clusters']>>;
  coverage(query: CoverageQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['coverage']>>;
  ranking(query: RankingQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['ranking']>>;
  compareWaves(query: WaveComparisonQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['compareWaves']>>;
  compareArea(query: AreaWaveComparisonQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['compareArea']>>;
  unitDetail(query: UnitDetailQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['unitDetail']>>;
  /** The unit of a layer each given response is counted in (index into the layer's unitIds, −1 for none). */
  responseUnits(query: ResponseUnitsQueryInput, options?: RequestOptions): Promise<AnalysisOutcome<AnalysisResults['responseUnits']>>;
  /** Rejects everything pending with an AbortError and terminates the worker. */
  dispose(): void;
}

/** The same error as src/data/abort.ts makes, so the UI's one `isAbortError` check covers data and analysis. */
function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** The Vite way to start the worker as an ES module (bundled by Vite, served as its own chunk). */
export const createAnalysisWorker = (): WorkerLike => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });

interface Pending {
  type: AnswerType;
  channel: string;
  settle(outcome: AnalysisOutcome<unknown>): void;
  fail(error: unknown): void;
  cleanup(): void;
}

export function createAnalysisClient(workerFactory: () => WorkerLike = createAnalysisWorker): AnalysisClient {
  const worker = workerFactory();
  const pending = new Map<number, Pending>();
  const latestOfChannel = new Map<string, number>();
  let layerCache = new Map<string, Promise<AnalysisOutcome<AnalysisResults['layer']>>>();
  let nextId = 1;
  let tileRequests = 0;
  let disposed = false;

  worker.onmessage = (event: MessageEvent) => {
    const envelope = AnalysisResponseEnvelope.safeParse(event.data);
    if (!envelope.success || envelope.data.id === null) return; // not ours to settle: nothing waits for it
    const answer = event.data as AnalysisResponse;
    const entry = pending.get(envelope.data.id);
    if (!entry) return; // aborted or superseded: the answer is ignored
    finish(envelope.data.id, entry);
    if ('cancelled' in answer) entry.fail(abortError());
    else if (answer.ok) entry.settle({ ok: true, value: answer.result });
    else entry.settle({ ok: false, message: answer.message, issues: answer.issues, refusal: answer.refusal });
  };
  worker.onerror = (event: ErrorEvent) => {
    // The worker itself broke (failed to load, out of memory): every waiting request learns it as a value.
    const reason = event.message || 'unknown error';
    const message = `the analysis worker stopped: ${reason}`;
    for (const [id, entry] of [...pending]) {
      finish(id, entry);
      entry.settle({ ok: false, message, issues: [], refusal: { code: 'worker_stopped', reason } });
    }
  };

  function finish(id: number, entry: Pending): void {
    pending.delete(id);
    entry.cleanup();
    if (latestOfChannel.get(entry.channel) === id) latestOfChannel.delete(entry.channel);
  }

  function abortRequest(id: number): void {
    const entry = pending.get(id);
    if (!entry) return;
    finish(id, entry);
    worker.postMessage({ type: 'cancel', id }, []);
    entry.fail(abortError());
  }

  function request<T extends AnswerType>(
    type: T,
    body: { query: unknown } | { workspace: Workspace; tileKey?: number } | { stored: StoredWorkspace; tileKey?: number },
    options: RequestOptions = {},
    transfer: Transferable[] = [],
  ): Promise<AnalysisOutcome<AnalysisResults[T]>> {
    const { signal } = options;
    if (disposed) return Promise.reject(abortError());
    if (signal?.aborted) return Promise.reject(abortError());
    const channel = options.channel ?? type;
    const previous = latestOfChannel.get(channel);
    if (previous !== undefined) abortRequest(previous); // a new request cancels the previous one (STYLE.md habit 12)
    const id = nextId++;
    return new Promise<AnalysisOutcome<AnalysisResults[T]>>((resolve, reject) => {
      const onAbort = () => abortRequest(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        type,
        channel,
        settle: (outcome) => resolve(outcome as AnalysisOutcome<AnalysisResults[T]>),
        fail: reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      latestOfChannel.set(channel, id);
      const message = ('stored' in body ? { type: 'initStored', id, ...body } : { type, id, ...(type === 'init' ? {} : { channel }), ...body }) as AnalysisRequestInput;
      worker.postMessage(message, transfer);
    });
  }

  return {
    init(workspace, options = {}) {
      layerCache = new Map();
      const { tileKey, ...rest } = options;
      return request('init', tileKey === undefined ? { workspace } : { workspace, tileKey }, rest);
    },
    initStored(stored, options = {}) {
      layerCache = new Map();
      const { tileKey, ...rest } = options;
      return request('init', tileKey === undefined ? { stored } : { stored, tileKey }, { ...rest, channel: 'init' }, stored.snapshots.map((s) => s.bytes));
    },
    // Each request on a channel of its own: tiles never supersede each other, not even two asks for the same tile
    // (MapLibre may ask for one tile for two overscaled zooms at once); MapLibre aborts the ones it no longer needs.
    tile: (query, options) => request('tile', { query }, { channel: `tile:${++tileRequests}`, ...options }),
    layer(unit, options) {
      const key = unit.kind === 'hex' ? `hex:${unit.hexSizeMeters ?? DEFAULT_HEX_SIZE_METERS}` : unit.kind;
      const cached = layerCache.get(key);
      if (cached) return cached;
      // One channel per layer, so fetching the street layer does not cancel the hexagon layer.
      const cache = layerCache;
      const answer = request('layer', { query: unit }, { channel: `layer:${key}`, ...options });
      cache.set(key, answer);
      answer.then(
        (outcome) => {
          if (!outcome.ok) cache.delete(key);
        },
        () => cache.delete(key),
      );
      return answer;
    },
    needMap: (query, options) => request('needMap', { query }, options),
    offerMap: (query, options) => request('offerMap', { query }, options),
    matching: (query, options) => request('matching', { query }, options),
    hotSpots: (query, options) => request('hotSpots', { query }, options),
    lisa: (query, options) => request('lisa', { query }, options),
    scaleAdvice: (query, options) => request('scaleAdvice', { query }, options),
    clusters: (query, options) => request('clusters', { query }, options),
    coverage: (query, options) => request('coverage', { query }, options),
    ranking: (query, options) => request('ranking', { query }, options),
    compareWaves: (query, options) => request('compareWaves', { query }, options),
    compareArea: (query, options) => request('compareArea', { query }, options),
    unitDetail: (query, options) => request('unitDetail', { query }, options),
    responseUnits: (query, options) => request('responseUnits', { query }, options),
    dispose() {
      disposed = true;
      for (const [id, entry] of [...pending]) {
        finish(id, entry);
        entry.fail(abortError());
      }
      worker.terminate();
    },
  };
}
