import { z } from 'zod';

/**
 * Why the analysis engine or its worker did not answer a request, as a code with parameters (STYLE.md habit 20). The
 * engine (src/analysis) and the worker send it beside their English `message` (for logs and tests); the UI words it
 * from its dictionary (`analysisRefusal_<code>`). A request that fails its schema is `bad_request`: its issues carry
 * each field's coded problem. Parsed by the client with the rest of the worker's answer.
 */
export const AnalysisRefusal = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('bad_request') }),
  z.strictObject({ code: z.literal('no_workspace') }),
  /** The workspace has no survey wave to analyse. */
  z.strictObject({ code: z.literal('no_waves') }),
  /** A broken invariant inside the engine; `reason` is the exception's own text. */
  z.strictObject({ code: z.literal('engine_failed'), reason: z.string() }),
  /** The worker itself stopped (a crash, a failed load); `reason` is the browser's text. */
  z.strictObject({ code: z.literal('worker_stopped'), reason: z.string() }),
  z.strictObject({ code: z.literal('contiguity_for_areas') }),
  z.strictObject({ code: z.literal('invalid_weight'), needId: z.string(), value: z.string() }),
  z.strictObject({ code: z.literal('all_weights_zero') }),
  z.strictObject({ code: z.literal('need_not_aggregated'), needId: z.string() }),
  z.strictObject({ code: z.literal('unknown_wave'), campaignId: z.string() }),
  z.strictObject({ code: z.literal('lisa_permutations'), minimum: z.int() }),
  z.strictObject({ code: z.literal('unknown_unit'), unitKind: z.string(), unitId: z.string() }),
]);
export type AnalysisRefusal = z.infer<typeof AnalysisRefusal>;
export type AnalysisRefusalCode = AnalysisRefusal['code'];
export const ANALYSIS_REFUSAL_CODES = AnalysisRefusal.options.map((o) => o.shape.code.value) as AnalysisRefusalCode[];
