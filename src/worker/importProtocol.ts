import { z } from 'zod';
import { ImportKind } from '../domain/importing';
import type { ImportPlan } from '../data/import';

/**
 * Messages between the import wizard and the import worker (import.worker.ts). Both directions are parsed with
 * these schemas (STYLE.md habits 5 and 13): a message that does not fit is dropped, never trusted.
 *
 *   main → worker  { type: 'plan', id, kind, file: Blob, fileName, settings, workspace? }   workspace only when it changed
 *                  { type: 'cancel', id }
 *   worker → main  { type: 'progress', id, done, total }                                    rows planned so far
 *                  { type: 'planned', id, plan, preview }                                    preview.points is transferred
 *                  { type: 'failed', id, message }                                           the worker itself broke
 *                  { type: 'cancelled', id }
 *
 * The file goes over as a Blob: cloning a Blob shares its bytes, so re-planning the same 5 MiB file with other
 * settings copies nothing on the main thread.
 */

export const ImportPlanRequest = z.strictObject({
  type: z.literal('plan'),
  id: z.int().min(1),
  kind: ImportKind,
  file: z.instanceof(Blob, { error: 'file must be a Blob' }),
  fileName: z.string().max(500),
  /** ImportSettingsInput: planImport parses it with the domain schema and reports every problem as an issue. */
  settings: z.record(z.string(), z.unknown()),
  /**
   * The loaded workspace, sent when it changed since the last plan. Only its shape is checked here: it was parsed with
   * the domain schema when the DataSource loaded it, and parsing 100,000 answers again per plan would cost a second.
   */
  workspace: z.looseObject({ v: z.literal(1), streets: z.array(z.unknown()), addresses: z.array(z.unknown()), campaigns: z.array(z.unknown()) }).optional(),
});
export type ImportPlanRequest = z.infer<typeof ImportPlanRequest>;

export const ImportCancelRequest = z.strictObject({ type: z.literal('cancel'), id: z.int().min(1) });

export const ImportWorkerRequest = z.discriminatedUnion('type', [ImportPlanRequest, ImportCancelRequest]);
export type ImportWorkerRequest = z.infer<typeof ImportWorkerRequest>;

/**
 * What the preview map draws. `points` holds [lng, lat] pairs of up to MAX_PREVIEW_POINTS planned points;
 * `lines` the planned street lines (streets kind). `fromRecords` is false when the plan has errors and the points are
 * the file's raw coordinates read with the chosen coordinate system (so a wrong system still shows where it puts them).
 */
export interface ImportPreview {
  points: Float64Array;
  /** Points in the whole plan; more than points.length / 2 when sampled. */
  pointTotal: number;
  lines: Array<Array<[number, number]>>;
  fromRecords: boolean;
}

export const MAX_PREVIEW_POINTS = 5000;
export const MAX_PREVIEW_LINES = 2000;

export const ImportWorkerResponse = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), id: z.int().min(1), done: z.int().min(0), total: z.int().min(0) }),
  z.strictObject({
    type: z.literal('planned'),
    id: z.int().min(1),
    // The plan is the worker's own typed output (src/data/import); its envelope is checked, its records are trusted.
    plan: z.looseObject({ ok: z.boolean(), kind: ImportKind, issues: z.array(z.unknown()), records: z.looseObject({}), file: z.looseObject({}) }),
    preview: z.strictObject({
      points: z.instanceof(Float64Array),
      pointTotal: z.int().min(0),
      lines: z.array(z.array(z.tuple([z.number(), z.number()]))),
      fromRecords: z.boolean(),
    }),
  }),
  z.strictObject({ type: z.literal('failed'), id: z.int().min(1), message: z.string() }),
  z.strictObject({ type: z.literal('cancelled'), id: z.int().min(1) }),
]);

export type ImportWorkerResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'planned'; id: number; plan: ImportPlan; preview: ImportPreview }
  | { type: 'failed'; id: number; message: string }
  | { type: 'cancelled'; id: number };
