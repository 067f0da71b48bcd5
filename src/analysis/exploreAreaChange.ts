import type { AreaWaveComparisonQuery } from '../domain/analysisRequest';
import { NEED_CATEGORY_IDS } from '../domain/needs';
import { buildAreaRaster, locateArea, locateAreas } from './areaRaster';
import { majorityAreaOfStreets } from './unitLayers';
import { projectedRings } from './dataset';
import { checkCampaign, explored, type ExploreContext, type ExploreResult } from './exploreContext';
import { needChangeTests, type NeedChangeTests } from './exploreUnitDetail';

/**
 * Wave comparison for any boundary — a Local Activity Programme's area drawn by hand is no unit of a layer. The
 * answers of each wave whose point (the address's location first, else the answer's own) lies inside the boundary
 * are counted per need and tested exactly as the unit panel tests a unit (`needChangeTests`: pooled two-proportion
 * z-test, Benjamini–Hochberg over the needs). An answer with a street but no point follows the estates' rule
 * (unitLayers.ts): it counts when more of that street's addresses lie inside the boundary than outside (a tie in
 * addresses goes to more households, a tie in both to neither). O(responses + addresses) through a one-area raster.
 */
export interface AreaWaveChange extends NeedChangeTests {
  beforeCampaignId: string;
  afterCampaignId: string;
  responsesBefore: number;
  responsesAfter: number;
  /** Of the answers counted, those with no point placed by their street (see above). */
  assignedByStreet: number;
}

export function areaWaveChange(context: ExploreContext, query: AreaWaveComparisonQuery): ExploreResult<AreaWaveChange> {
  const before = checkCampaign(context, query.beforeCampaignId, 'beforeCampaignId');
  if (!before.ok) return before;
  const after = checkCampaign(context, query.afterCampaignId, 'afterCampaignId');
  if (!after.ok) return after;
  const { ds } = context;
  const c1 = ds.campaignIds.indexOf(query.beforeCampaignId);
  const c2 = ds.campaignIds.indexOf(query.afterCampaignId);
  const raster = buildAreaRaster([projectedRings(query.geometry, ds.projection)]);
  const masks = ds.needMasksBySeverity[query.minSeverity - 1]!;
  const m = NEED_CATEGORY_IDS.length;
  const counts1 = new Float64Array(m);
  const counts2 = new Float64Array(m);
  let n1 = 0;
  let n2 = 0;
  let assignedByStreet = 0;
  // Addresses inside (0) or outside (1): the outside competes with the boundary for each street, as estates do.
  const side = new Int32Array(ds.addressIds.length);
  locateAreas(raster, ds.addressXs, ds.addressYs, side);
  for (let a = 0; a < side.length; a++) side[a] = side[a] === 0 ? 0 : Number.isFinite(ds.addressXs[a]!) ? 1 : -1;
  const sideOfStreet = majorityAreaOfStreets(ds, side, 2);
  for (let i = 0; i < ds.responseIds.length; i++) {
    const c = ds.responseCampaign[i];
    if (c !== c1 && c !== c2) continue;
    const hasPoint = Number.isFinite(ds.responseXs[i]!) && Number.isFinite(ds.responseYs[i]!);
    if (hasPoint) {
      if (locateArea(raster, ds.responseXs[i]!, ds.responseYs[i]!) !== 0) continue;
    } else {
      const street = ds.streetAssignment.unit[i]!;
      if (street < 0 || sideOfStreet[street] !== 0) continue;
      assignedByStreet++;
    }
    const counts = c === c1 ? counts1 : counts2;
    if (c === c1) n1++;
    else n2++;
    const mask = masks[i]!;
    for (let j = 0; j < m; j++) if ((mask >>> j) & 1) counts[j]!++;
  }
  return explored({
    beforeCampaignId: query.beforeCampaignId,
    afterCampaignId: query.afterCampaignId,
    responsesBefore: n1,
    responsesAfter: n2,
    assignedByStreet,
    ...needChangeTests(NEED_CATEGORY_IDS, counts1, n1, counts2, n2, query.minResponses),
  });
}
