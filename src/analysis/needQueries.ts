import { OFFER_IDS, type NeedCategoryId, type OfferId } from '../domain/needs';
import { aggregateUnits } from './aggregate';
import type { PreparedDataset } from './dataset';
import { listUnassigned, type AssignmentReason } from './streetAssignment';
import type { UnitAggregates } from './unitAggregates';
import { unitLayer, type UnitSpec } from './unitLayers';

/**
 * The facade's second half: questions asked of a prepared dataset. A query picks the wave(s), the minimum
 * severity, k and the need columns; the unit layer (geometry) is cached, so a query costs one pass over the
 * response arrays plus O(units × needs).
 */

export interface NeedQuery {
  /** Campaigns (waves) to include; absent or empty = all responses, including those of unknown campaigns. */
  campaignIds?: readonly string[];
  /** Count a need when its severity is at least this (default 1: any). */
  minSeverity?: 1 | 2 | 3;
  /** k: units with fewer responses are suppressed (default 5). */
  minResponses?: number;
  /** Need columns (default all twelve). */
  needIds?: readonly NeedCategoryId[];
}

/**
 * 1 per response that the query includes, or null for "all". Campaign ids not in the dataset match nothing.
 * O(responses).
 */
export function includeMask(ds: PreparedDataset, query: NeedQuery): Uint8Array | null {
  if (!query.campaignIds || query.campaignIds.length === 0) return null;
  const wanted = new Uint8Array(ds.campaignIds.length);
  for (const id of query.campaignIds) {
    const c = ds.campaignIds.indexOf(id);
    if (c >= 0) wanted[c] = 1;
  }
  const n = ds.responseIds.length;
  const include = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = ds.responseCampaign[i]!;
    include[i] = c >= 0 ? wanted[c]! : 0;
  }
  return include;
}

/**
 * Per-unit counts, rates and Wilson intervals for one unit layer and one query.
 * @example aggregateDataset(ds, { kind: 'hex', sizeMeters: 250 }, { campaignIds: ['w2'], minSeverity: 2 })
 */
export function aggregateDataset(ds: PreparedDataset, spec: UnitSpec, query: NeedQuery = {}): UnitAggregates {
  const severity = query.minSeverity ?? 1;
  if (severity !== 1 && severity !== 2 && severity !== 3) throw new RangeError(`minSeverity must be 1, 2 or 3, got ${String(severity)}`);
  return aggregateUnits({
    layer: unitLayer(ds, spec),
    needMasks: ds.needMasksBySeverity[severity - 1]!,
    include: includeMask(ds, query),
    ...(query.needIds ? { needIds: query.needIds } : {}),
    ...(query.minResponses !== undefined ? { minResponses: query.minResponses } : {}),
  });
}

/**
 * What households offer (OFFER_IDS columns), per unit: the same counts, rates, Wilson intervals and suppression at k
 * as `aggregateDataset`, over the same responses (severity does not apply to an offer).
 * @example aggregateOffers(ds, { kind: 'street' }, { campaignIds: ['w1'] }).needCounts // units × 12 offers
 */
export function aggregateOffers(ds: PreparedDataset, spec: UnitSpec, query: Omit<NeedQuery, 'minSeverity' | 'needIds'> = {}): UnitAggregates<OfferId> {
  return aggregateUnits({
    layer: unitLayer(ds, spec),
    needMasks: ds.offerMasks,
    include: includeMask(ds, query),
    answerIds: OFFER_IDS,
    ...(query.minResponses !== undefined ? { minResponses: query.minResponses } : {}),
  });
}

/** The query's responses that fall in no unit of the layer, with reasons (ids in input order). */
export function unassignedResponses(ds: PreparedDataset, spec: UnitSpec, query: NeedQuery = {}): { ids: string[]; reasons: AssignmentReason[] } {
  const layer = unitLayer(ds, spec);
  return listUnassigned(ds.responseIds, layer.unitOfResponse, layer.reasonOfResponse, includeMask(ds, query));
}
