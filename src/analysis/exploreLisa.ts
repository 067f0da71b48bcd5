import type { LisaQuery } from '../domain/analysisRequest';
import { checkCampaign, explored, layerKeyOf, refused, type ExploreContext, type ExploreResult } from './exploreContext';
import { describeNeighbourhood, type NeighbourhoodDescription } from './exploreHotSpots';
import { LISA_HIGH_HIGH, LISA_HIGH_LOW, LISA_LOW_HIGH, LISA_LOW_LOW, LISA_NOT_COMPUTED } from './localMoran';

/**
 * Local Moran's I (localMoran.ts) for a selection over hexagons or streets: clusters of high need (High-High),
 * of low need (Low-Low), and spatial outliers — a needy unit among well-off neighbours (High-Low) or the reverse
 * (Low-High). Same input, neighbourhood and inference options as the hot spots (EB rates, contiguity, 999 seeded
 * permutations, BH FDR); suppressed units are left out.
 */

export interface LisaResult {
  layerKey: string;
  campaignId: string;
  unitCount: number;
  lisaValues: Float64Array;
  pValues: Float64Array;
  qValues: Float64Array;
  /** 0 not significant, 1 HH, 2 LL, 3 LH, 4 HL (GeoDa's codes), 6 isolated, 255 not computed (suppressed). */
  quadrant: Uint8Array;
  counts: { highHigh: number; lowLow: number; lowHigh: number; highLow: number };
  unitsComputed: number;
  globalMoranI: number;
  neighbourhood: NeighbourhoodDescription;
  permutations: number;
}

export function lisa(context: ExploreContext, query: LisaQuery): ExploreResult<LisaResult> {
  const campaign = checkCampaign(context, query.campaignId);
  if (!campaign.ok) return campaign;
  // LISA has no normal approximation here (Anselin 1995 advises permutations): too few draws give p ≥ 1/(R + 1).
  if (query.permutations < 99) return refused({ code: 'lisa_permutations', minimum: 99 }, 'LISA needs at least 99 permutations (999 by default)', 'permutations');
  const agg = context.aggregates(query.unit, query.campaignId, query.minSeverity, query.minResponses);
  const found = context.localMoran(agg, query.selection, query);
  if (!found.ok) return found;
  const r = found.value;
  const counts = { highHigh: 0, lowLow: 0, lowHigh: 0, highLow: 0 };
  const computed = new Uint8Array(agg.unitCount);
  for (let u = 0; u < agg.unitCount; u++) {
    const q = r.quadrant[u]!;
    if (q !== LISA_NOT_COMPUTED) computed[u] = 1;
    if (q === LISA_HIGH_HIGH) counts.highHigh++;
    else if (q === LISA_LOW_LOW) counts.lowLow++;
    else if (q === LISA_LOW_HIGH) counts.lowHigh++;
    else if (q === LISA_HIGH_LOW) counts.highLow++;
  }
  return explored({
    layerKey: layerKeyOf(query.unit),
    campaignId: query.campaignId,
    unitCount: agg.unitCount,
    lisaValues: r.lisaValues.slice(),
    pValues: r.pValues.slice(),
    qValues: r.qValues.slice(),
    quadrant: r.quadrant.slice(),
    counts,
    unitsComputed: r.unitsComputed,
    globalMoranI: r.globalMoranI,
    neighbourhood: describeNeighbourhood(agg.kind, query.spatialWeights, r.neighbourCounts, computed, false, agg.hexSizeMeters),
    permutations: r.permutations,
  });
}
