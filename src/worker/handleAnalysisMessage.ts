import { AnalysisRequest, ANALYSIS_REQUEST_TYPES, type AnalysisQueryRequest, type TileRequest } from '../domain/analysisRequest';
import type { AnalysisRefusal } from '../domain/analysisRefusal';
import { formatIssue, issuesFromZod, type InputIssue } from '../domain/issues';
import type { Workspace } from '../domain/workspace';
import { createExploreSession, type ExploreResult, type ExploreSession } from '../analysis/exploreSession';
import { unpackStoredWorkspace } from '../data/embedded/storedWorkspace';
import { TownTiles } from '../map/townTiles';
import { transferablesOf, type AnalysisResponse, type AnswerType } from './protocol';

/**
 * The analysis worker's logic as a plain class, so Node tests drive it without a Worker (analysis.worker.ts
 * only wires `self.onmessage` to `receive` and `post` to `self.postMessage`).
 *
 * - Every message is parsed with the zod schemas of src/domain/analysisRequest.ts; a bad one is answered
 *   `{ ok: false, message, issues, refusal: { code: 'bad_request' } }` naming the field (issues from zod, each with
 *   its coded problem), never thrown. Every refusal carries its code (domain/analysisRefusal.ts) for the UI to word.
 * - Requests are queued and run one at a time, each in its own task (`schedule`), so messages that arrive while
 *   one runs are seen before the next starts. A request on a channel (default: its type) supersedes an older
 *   request of that channel still waiting: the older one is answered `{ id, cancelled: true }` and never runs.
 *   A `cancel` message does the same for one id. A running computation is synchronous and cannot be stopped;
 *   it finishes and the client ignores the answer (it has already rejected the promise with an AbortError).
 * - Results go out with their typed arrays' buffers in the transfer list (the facade returns fresh arrays).
 * - A computation that throws (a broken invariant) is answered `{ ok: false, message, refusal: engine_failed }`, never rethrown.
 * - `tile` requests (a large town's vector tiles, src/map/townTiles.ts) skip the queue: answered at once from the
 *   workspace an init named with the same `tileKey`, as soon as that workspace is there (before its analysis session
 *   is built); one for a key not loaded yet waits for it; one for an older key than the last init's is answered with
 *   an empty tile (the map asking has new data coming).
 */

export type PostAnswer = (message: AnalysisResponse, transfer: Transferable[]) => void;

export interface AnalysisHandlerOptions {
  /** Runs `task` later, in a new task (default setTimeout 0): lets newer messages in between requests. */
  schedule?: (task: () => void) => void;
  /** Builds the session from a parsed workspace (default createExploreSession). */
  createSession?: (workspace: Workspace) => ExploreSession;
}

type StoredInit = Extract<AnalysisRequest, { type: 'initStored' }>['stored'];
/**
 * An init waits in the queue (and everything behind it) while its stored form is unpacked (`unpacking`); a stored
 * form that could not be unpacked at all is answered with `failure`.
 */
type QueuedInit = { request: { type: 'init'; id: number; workspace: Workspace | null }; channel: string; unpacking?: boolean; failure?: string };
type Queued = QueuedInit | { request: AnalysisQueryRequest; channel: string; unpacking?: undefined };

export class AnalysisMessageHandler {
  private readonly queue: Queued[] = [];
  private session: ExploreSession | null = null;
  private scheduled = false;
  private readonly schedule: (task: () => void) => void;
  private readonly createSession: (workspace: Workspace) => ExploreSession;
  /** The tiles of the last init's workspace, when that init gave a tileKey. */
  private tiles: { key: number; tiles: TownTiles } | null = null;
  /** The tileKey of the last init (-1: none yet); tile requests for it or a newer key wait until it is there. */
  private expectedTileKey = -1;
  private readonly waitingTiles: TileRequest[] = [];

  constructor(
    private readonly post: PostAnswer,
    options: AnalysisHandlerOptions = {},
  ) {
    this.schedule = options.schedule ?? ((task) => void setTimeout(task, 0));
    this.createSession = options.createSession ?? ((workspace) => createExploreSession(workspace));
  }

  /** Requests waiting to run. */
  get queued(): number {
    return this.queue.length;
  }

  /** Takes one message from the main thread. Never throws. */
  receive(raw: unknown): void {
    const parsed = AnalysisRequest.safeParse(raw);
    if (!parsed.success) {
      const type = requestTypeOf(raw);
      const issues = issuesFromZod(parsed.error, `${type ?? 'analysis'} request`);
      this.post({ id: requestIdOf(raw), type: type === 'cancel' ? null : type, ok: false, message: issues.map(formatIssue).join('; '), issues, refusal: { code: 'bad_request' } }, []);
      return;
    }
    const request = parsed.data;
    if (request.type === 'cancel') {
      this.drop((q) => q.request.id === request.id);
      const waiting = this.waitingTiles.findIndex((t) => t.id === request.id);
      if (waiting >= 0) {
        this.waitingTiles.splice(waiting, 1);
        this.post({ id: request.id, cancelled: true }, []);
      }
      return;
    }
    if (request.type === 'tile') {
      this.serveTile(request);
      return;
    }
    const channel = request.type === 'init' || request.type === 'initStored' ? 'init' : (request.channel ?? request.type);
    this.drop((q) => q.channel === channel);
    if (request.type === 'initStored') {
      const queued: QueuedInit = { request: { type: 'init', id: request.id, workspace: null }, channel, unpacking: true };
      this.queue.push(queued);
      this.expectTiles(request.tileKey);
      this.unpack(request.stored).then(
        (workspace) => {
          if (request.tileKey !== undefined) this.setTiles(request.tileKey, workspace);
          queued.request.workspace = workspace;
          queued.unpacking = false;
          this.wake();
        },
        (error: unknown) => {
          queued.failure = error instanceof Error ? error.message : String(error);
          if (request.tileKey !== undefined) this.failTiles(request.tileKey, queued.failure);
          queued.unpacking = false;
          this.wake();
        },
      );
      return;
    }
    if (request.type === 'init') {
      this.expectTiles(request.tileKey);
      if (request.tileKey !== undefined) this.setTiles(request.tileKey, request.workspace);
    }
    this.queue.push(request.type === 'init' ? { request, channel } : { request, channel });
    this.wake();
  }

  /** A new init: the previous workspace's tiles go; tile requests for `key` (if any) wait for its workspace. */
  private expectTiles(key: number | undefined): void {
    this.tiles = null;
    if (key !== undefined) this.expectedTileKey = Math.max(this.expectedTileKey, key);
    this.flushTiles();
  }

  private setTiles(key: number, workspace: Workspace): void {
    if (key < this.expectedTileKey) return; // a newer init came meanwhile
    this.tiles = { key, tiles: new TownTiles(workspace) };
    this.flushTiles();
  }

  private failTiles(key: number, reason: string): void {
    for (let i = this.waitingTiles.length - 1; i >= 0; i--) {
      const request = this.waitingTiles[i]!;
      if (request.query.key !== key) continue;
      this.waitingTiles.splice(i, 1);
      this.refuse(request.id, 'tile', { code: 'engine_failed', reason }, `the workspace could not be loaded: ${reason}`, []);
    }
  }

  /** Answers the waiting tile requests that can be answered now. */
  private flushTiles(): void {
    const waiting = this.waitingTiles.splice(0);
    for (const request of waiting) this.serveTile(request);
  }

  private serveTile(request: TileRequest): void {
    const { key, source, z, x, y } = request.query;
    if (this.tiles?.key === key) {
      try {
        const bytes = this.tiles.tiles.tile(source, z, x, y);
        this.post({ id: request.id, type: 'tile', ok: true, result: bytes }, [bytes.buffer as ArrayBuffer]);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.refuse(request.id, 'tile', { code: 'engine_failed', reason }, `the tile could not be made: ${reason}`, []);
      }
      return;
    }
    if (key >= this.expectedTileKey) this.waitingTiles.push(request);
    else this.post({ id: request.id, type: 'tile', ok: true, result: new Uint8Array(0) }, []);
  }

  /** The stored form's workspace, built here from its bytes (the main thread reported its issues already). */
  private async unpack(stored: StoredInit): Promise<Workspace> {
    return (await unpackStoredWorkspace(stored)).workspace;
  }

  /** Settles once nothing waits to be unpacked and the queue is empty (tests of `initStored`). */
  async idle(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.queue[0]!.unpacking) await new Promise((resolve) => setTimeout(resolve, 1));
      else this.runOne();
    }
  }

  /** Runs every queued request now, in order (tests; the worker lets `schedule` do it). */
  runPending(): void {
    while (this.queue.length > 0 && !this.queue[0]!.unpacking) this.runOne();
  }

  private wake(): void {
    if (this.scheduled || this.queue.length === 0 || this.queue[0]!.unpacking) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.runOne();
      this.wake();
    });
  }

  /** Answers the queued requests matching `which` as cancelled and removes them. */
  private drop(which: (q: Queued) => boolean): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (!which(this.queue[i]!)) continue;
      const [gone] = this.queue.splice(i, 1);
      this.post({ id: gone!.request.id, cancelled: true }, []);
    }
  }

  private runOne(): void {
    if (this.queue[0]?.unpacking) return;
    const next = this.queue.shift();
    if (!next) return;
    const { request } = next;
    try {
      if (request.type === 'init') {
        this.session = null; // let the old dataset go before the new one is built
        if (!request.workspace) {
          const reason = (next as QueuedInit).failure ?? 'the stored workspace could not be read';
          this.refuse(request.id, 'init', { code: 'engine_failed', reason }, `the workspace could not be loaded: ${reason}`, []);
          return;
        }
        this.session = this.createSession(request.workspace);
        this.answer(request.id, 'init', { ok: true, value: this.session.summary() });
        return;
      }
      if (!this.session) {
        this.refuse(request.id, request.type, { code: 'no_workspace' }, 'no workspace is loaded in the analysis worker yet (send init first)', []);
        return;
      }
      this.answer(request.id, request.type, this.runQuery(this.session, request));
    } catch (error) {
      // A broken invariant inside the engine: reported as a value, the worker stays usable.
      const reason = error instanceof Error ? error.message : String(error);
      this.refuse(request.id, request.type, { code: 'engine_failed', reason }, `the analysis failed: ${reason}`, []);
    }
  }

  private runQuery(session: ExploreSession, request: AnalysisQueryRequest): ExploreResult<unknown> {
    switch (request.type) {
      case 'layer':
        return { ok: true, value: session.layer(request.query) };
      case 'needMap':
        return session.needMap(request.query);
      case 'offerMap':
        return session.offerMap(request.query);
      case 'matching':
        return session.matching(request.query);
      case 'hotSpots':
        return session.hotSpots(request.query);
      case 'lisa':
        return session.lisa(request.query);
      case 'scaleAdvice':
        return session.scaleAdvice(request.query);
      case 'clusters':
        return session.clusters(request.query);
      case 'coverage':
        return session.coverage(request.query);
      case 'ranking':
        return session.ranking(request.query);
      case 'compareWaves':
        return session.compareWaves(request.query);
      case 'compareArea':
        return session.compareArea(request.query);
      case 'unitDetail':
        return session.unitDetail(request.query);
      case 'responseUnits':
        return session.responseUnits(request.query);
    }
  }

  private answer(id: number, type: AnswerType, outcome: ExploreResult<unknown>): void {
    if (!outcome.ok) {
      const issue: InputIssue = { source: `${type} request`, field: outcome.field ? `query.${outcome.field}` : 'query', message: outcome.message };
      this.refuse(id, type, outcome.refusal, formatIssue(issue), [issue]);
      return;
    }
    const result = outcome.value;
    this.post({ id, type, ok: true, result } as AnalysisResponse, transferablesOf(result));
  }

  private refuse(id: number, type: AnswerType, refusal: AnalysisRefusal, message: string, issues: InputIssue[]): void {
    this.post({ id, type, ok: false, message, issues, refusal }, []);
  }
}

function requestIdOf(raw: unknown): number | null {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function requestTypeOf(raw: unknown): AnswerType | 'cancel' | null {
  const type = raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
  if (type === 'initStored') return 'init';
  return typeof type === 'string' && (ANALYSIS_REQUEST_TYPES as readonly string[]).includes(type) ? (type as AnswerType | 'cancel') : null;
}
