import { english } from '../bilingual';
import type { analysisRefusalMessages } from '../analysisRefusals';

/** analysisRefusals.ts in English: exactly its keys (a key missing or extra here does not compile). */
export const analysisRefusalMessagesEn = english<typeof analysisRefusalMessages>(
  {
    analysisRefusal_bad_request: 'the analysis request is not valid: {issues}',
    analysisRefusal_no_workspace: 'the analysis has no data loaded yet — wait a moment and try again',
    analysisRefusal_no_waves: 'there is no survey wave to analyse yet',
    analysisRefusal_engine_failed: 'the analysis failed ({reason})',
    analysisRefusal_worker_stopped: 'the analysis worker stopped ({reason}); reload the page',
    analysisRefusal_contiguity_for_areas: 'contiguity neighbours exist for hexagons and streets; choose k nearest or a distance band for areas',
    analysisRefusal_invalid_weight: 'the weight of {need} must be a number of 0 or more (it is {value})',
    analysisRefusal_all_weights_zero: 'all need weights are zero: give at least one need a weight above zero',
    analysisRefusal_need_not_aggregated: 'the need {need} is not among the aggregated needs',
    analysisRefusal_unknown_wave: 'there is no survey wave "{campaignId}"',
    analysisRefusal_lisa_permutations: 'LISA needs at least {minimum} permutations (999 by default)',
    analysisRefusal_unknown_unit: 'there is no unit with id "{unitId}" ({unitKind})',
  },
);
