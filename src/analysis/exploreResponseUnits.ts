import type { ResponseUnitsQuery } from '../domain/analysisRequest';
import { explored, type ExploreContext, type ExploreResult } from './exploreContext';

/**
 * Which unit each of some responses is counted in — the engine's own assignment (unitLayers.ts), for lists kept
 * outside the engine that must place answers as the map does (the leader candidates per estate, issue 14). An area
 * holds an answer by the answer's point (its address's, else its own); an answer with no point but a street goes to
 * the area holding most of the street's addresses (`majorityAreaOfStreets`). No second rule anywhere else.
 */
export interface ResponseUnitsResult {
  /** Per id of `query.responseIds`, in that order: the unit's index in `layer(query.unit).unitIds`, −1 when none or the id is unknown. */
  unitOfResponse: Int32Array;
}

/**
 * O(responses) once for the index by id (first of duplicate ids wins, as prepareDataset keeps it), then O(ids).
 * @example responseUnits(ctx, { unit: { kind: 'estate', hexSizeMeters: 250 }, responseIds: ['resp-1'] }).value.unitOfResponse → Int32Array [3]
 */
export function responseUnits(context: ExploreContext, query: ResponseUnitsQuery): ExploreResult<ResponseUnitsResult> {
  const { ds } = context;
  const built = context.layer(query.unit);
  const indexById = new Map<string, number>();
  ds.responseIds.forEach((id, i) => {
    if (!indexById.has(id)) indexById.set(id, i);
  });
  const unitOfResponse = new Int32Array(query.responseIds.length).fill(-1);
  query.responseIds.forEach((id, k) => {
    const i = indexById.get(id);
    if (i !== undefined) unitOfResponse[k] = built.unitOfResponse[i]!;
  });
  return explored({ unitOfResponse });
}
