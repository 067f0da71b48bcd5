import type { Workspace } from '../domain';
import { isAbortError } from '../data/abort';
import { createReprojector, planImport, readCsv, readGeoJson, textOf, IssueCollector, type ImportPlan } from '../data/import';
import { parseNumberCell } from '../data/import/cells';
import { ImportWorkerRequest, MAX_PREVIEW_LINES, MAX_PREVIEW_POINTS, type ImportPreview, type ImportWorkerResponse } from './importProtocol';

/**
 * The import worker's logic, apart from the worker's message port so that Node tests can drive it: one plan at a time
 * (a new plan cancels the one running), progress after each chunk of rows, cancel by id. Never throws: a request that
 * does not parse is dropped, a failure is a `failed` message.
 */
export class ImportMessageHandler {
  private workspace: Workspace | undefined;
  private running: { id: number; controller: AbortController } | undefined;

  constructor(private readonly post: (message: ImportWorkerResponse, transfer: Transferable[]) => void) {}

  receive(data: unknown): Promise<void> {
    const parsed = ImportWorkerRequest.safeParse(data);
    if (!parsed.success) return Promise.resolve();
    const request = parsed.data;
    if (request.type === 'cancel') {
      if (this.running?.id === request.id) this.running.controller.abort();
      return Promise.resolve();
    }
    if (request.workspace) this.workspace = request.workspace as unknown as Workspace;
    this.running?.controller.abort();
    const controller = new AbortController();
    this.running = { id: request.id, controller };
    return this.plan(request, controller.signal).finally(() => {
      if (this.running?.controller === controller) this.running = undefined;
    });
  }

  private async plan(request: Extract<ImportWorkerRequest, { type: 'plan' }>, signal: AbortSignal): Promise<void> {
    const { id } = request;
    const workspace = this.workspace;
    if (!workspace) {
      this.post({ type: 'failed', id, message: 'the import worker has no workspace yet' }, []);
      return;
    }
    try {
      const bytes = new Uint8Array(await request.file.arrayBuffer());
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      const plan = await planImport(request.kind, bytes, request.settings, workspace, {
        fileName: request.fileName,
        signal,
        onProgress: (done, total) => this.post({ type: 'progress', id, done, total }, []),
      });
      const preview = previewOfPlan(plan, workspace, bytes);
      this.post({ type: 'planned', id, plan, preview }, [preview.points.buffer as ArrayBuffer]);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) this.post({ type: 'cancelled', id }, []);
      else this.post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }, []);
    }
  }
}

/**
 * What the preview map draws for a plan: the planned records when the plan is clean; otherwise the file's own
 * coordinates read with the coordinate system the plan used, so that a wrong system or swapped axes visibly puts the
 * points somewhere else (another country, the sea). Sampled evenly to MAX_PREVIEW_POINTS. O(rows).
 */
export function previewOfPlan(plan: ImportPlan, workspace: Workspace, bytes: Uint8Array): ImportPreview {
  const points: number[] = [];
  const lines: Array<Array<[number, number]>> = [];
  let pointTotal = 0;
  const push = (lng: number, lat: number) => {
    pointTotal++;
    if (Number.isFinite(lng) && Number.isFinite(lat)) points.push(lng, lat);
  };
  if (plan.ok) {
    const { streets, addresses, resources, responses } = plan.records;
    for (const street of streets) for (const line of street.geometry.coordinates) if (lines.length < MAX_PREVIEW_LINES) lines.push(line.map(([lng, lat]) => [lng!, lat!]));
    for (const a of addresses) push(a.location.coordinates[0], a.location.coordinates[1]);
    for (const r of resources) push(r.location.coordinates[0], r.location.coordinates[1]);
    if (responses.length) {
      const addressById = new Map([...workspace.addresses, ...addresses].map((a) => [a.id, a]));
      for (const r of responses) {
        const address = r.addressId ? addressById.get(r.addressId) : undefined;
        const at = address?.location ?? r.location;
        if (at) push(at.coordinates[0], at.coordinates[1]);
      }
    }
    return { points: sample(points), pointTotal, lines, fromRecords: true };
  }
  if (!plan.crs) return { points: new Float64Array(0), pointTotal: 0, lines, fromRecords: false };
  const project = createReprojector(plan.crs.used);
  const { text } = textOf(bytes, plan.file.encoding === '' ? undefined : (plan.file.encoding as Parameters<typeof textOf>[1]));
  const scratch = new IssueCollector('preview');
  if (plan.file.format === 'geojson') {
    for (const feature of readGeoJson(text, scratch).features) {
      visitPositions(feature.geometry?.coordinates, (x, y) => {
        const [lng, lat] = project(x, y);
        push(lng, lat);
      });
    }
  } else {
    const mapping = plan.columns?.mapping as { x?: string; y?: string } | undefined;
    if (mapping?.x && mapping.y) {
      const { table } = readCsv(text, scratch, plan.file.delimiter ? { delimiter: plan.file.delimiter } : {});
      const xi = table.headers.indexOf(mapping.x);
      const yi = table.headers.indexOf(mapping.y);
      if (xi >= 0 && yi >= 0) {
        for (const row of table.rows) {
          const x = parseNumberCell(row[xi]);
          const y = parseNumberCell(row[yi]);
          if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
          const [lng, lat] = project(x, y);
          push(lng, lat);
        }
      }
    }
  }
  return { points: sample(points), pointTotal, lines, fromRecords: false };
}

function visitPositions(node: unknown, visit: (x: number, y: number) => void, depth = 0): void {
  if (!Array.isArray(node) || depth > 4) return;
  if (typeof node[0] === 'number') {
    if (typeof node[1] === 'number') visit(node[0], node[1]);
    return;
  }
  for (const child of node) visitPositions(child, visit, depth + 1);
}

/** Every k-th pair so that at most MAX_PREVIEW_POINTS remain, spread over the whole file. */
function sample(pairs: number[]): Float64Array {
  const count = pairs.length / 2;
  if (count <= MAX_PREVIEW_POINTS) return Float64Array.from(pairs);
  const out = new Float64Array(MAX_PREVIEW_POINTS * 2);
  const step = count / MAX_PREVIEW_POINTS;
  for (let i = 0; i < MAX_PREVIEW_POINTS; i++) {
    const k = Math.floor(i * step);
    out[2 * i] = pairs[2 * k]!;
    out[2 * i + 1] = pairs[2 * k + 1]!;
  }
  return out;
}
