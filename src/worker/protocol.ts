import { z } from 'zod';
import type { AnalysisQueryRequest } from '../domain/analysisRequest';
import { AnalysisRefusal } from '../domain/analysisRefusal';
import { FieldProblem, type InputIssue } from '../domain/issues';
import type {
  AreaWaveChange,
  ClusterResult,
  CoverageResult,
  ExploreLayer,
  ExploreSummary,
  HotSpotResult,
  LisaResult,
  ScaleAdviceResult,
  NeedMapResult,
  OfferMapResult,
  MatchingResult,
  RankingResult,
  ResponseUnitsResult,
  UnitDetail,
  WaveChangeResult,
} from '../analysis/exploreSession';

/**
 * What the analysis worker answers. Requests are the zod schemas of src/domain/analysisRequest.ts; answers are
 * one of three envelopes for request `id`:
 *   { id, type, ok: true, result }        — typed arrays in `result` are transferred, not copied
 *   { id, type, ok: false, message, issues, refusal } — a refusal or a failure, as a value (never an exception)
 *   { id, cancelled: true }               — superseded by a newer request of its channel, or cancelled, before it ran
 */

export interface AnalysisResults {
  init: ExploreSummary;
  /** A vector tile's protobuf bytes (src/map/townTiles.ts); zero-length where the tile is empty. */
  tile: Uint8Array;
  layer: ExploreLayer;
  needMap: NeedMapResult;
  offerMap: OfferMapResult;
  matching: MatchingResult;
  hotSpots: HotSpotResult;
  lisa: LisaResult;
  scaleAdvice: ScaleAdviceResult;
  clusters: ClusterResult;
  coverage: CoverageResult;
  ranking: RankingResult;
  compareWaves: WaveChangeResult;
  compareArea: AreaWaveChange;
  unitDetail: UnitDetail;
  responseUnits: ResponseUnitsResult;
}
export type AnalysisQueryType = AnalysisQueryRequest['type'];
export type AnswerType = keyof AnalysisResults;

export type AnalysisResponse =
  | { [T in AnswerType]: { id: number; type: T; ok: true; result: AnalysisResults[T] } }[AnswerType]
  | { id: number | null; type: AnswerType | null; ok: false; message: string; issues: InputIssue[]; refusal: AnalysisRefusal }
  | { id: number; cancelled: true };

/** The envelope the client checks before it trusts an answer (results are the worker's own typed output). */
export const AnalysisResponseEnvelope = z.union([
  z.object({ id: z.int().min(0), type: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    id: z.int().min(0).nullable(),
    type: z.string().nullable(),
    ok: z.literal(false),
    message: z.string(),
    issues: z.array(z.object({ source: z.string(), field: z.string(), message: z.string(), row: z.int().optional(), problem: FieldProblem.optional() })),
    refusal: AnalysisRefusal,
  }),
  z.object({ id: z.int().min(0), cancelled: z.literal(true) }),
]);

/**
 * The ArrayBuffers under every typed array in `value` (each once), for postMessage's transfer list.
 * Walks plain objects and arrays; O(size of the result's object graph).
 */
export function transferablesOf(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    if (v instanceof ArrayBuffer) {
      found.add(v);
      return;
    }
    if (Array.isArray(v)) {
      // Arrays of numbers or strings hold no buffers: skip the scan of long ones (unitIds) after the first item.
      if (v.length > 0 && typeof v[0] !== 'object') return;
      for (const item of v) visit(item);
      return;
    }
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key]);
  };
  visit(value);
  return [...found];
}
