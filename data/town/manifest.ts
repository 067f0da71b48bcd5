import type { NeedCategoryId } from '../../src/domain';
import { toLngLat } from './frame';
import { BASELINE, CLUSTERS } from './clusters';
import { ESTATES, PLANTED_STREET } from './layout';
import { dist } from './planar';
import { GAP_RADIUS_METERS, type ResourcePlan } from './resources';
import { WAVES } from './survey';
import type { TownCollections } from './validate';
import type { AddressPlan } from './addresses';
import { HELP_GAP, VOLUNTEER_STREET } from './offers';
import { DEFAULT_NEED_OFFER_MATCHING } from '../../src/domain';

/**
 * Test truth for later analysis: where the planted clusters are, which gaps were left on purpose, and the
 * response rates that were planted. Documentation, not loaded by the app.
 */
export function buildManifest(town: TownCollections, addresses: AddressPlan[], resources: ResourcePlan[], seed: number) {
  const households = (pred: (a: AddressPlan) => boolean) => addresses.filter(pred).reduce((s, a) => s + a.record.households, 0);
  const estateHouseholds = ESTATES.map((e) => ({ id: e.id, households: households((a) => a.estateId === e.id) }));
  const largest = estateHouseholds.reduce((a, b) => (b.households > a.households ? b : a));
  const plantedStreet = town.streets.find((s) => s.name === PLANTED_STREET.name)!;
  const gaps = CLUSTERS.filter((c) => c.gapNeed).map((c) => {
    const serving = resources.filter((r) => r.record.serves.includes(c.gapNeed!)).map((r) => ({ id: r.record.id, meters: dist(r.xy, c.centre) }));
    const nearest = serving.reduce((a, b) => (b.meters < a.meters ? b : a));
    if (nearest.meters <= GAP_RADIUS_METERS) throw new Error(`gap ${c.id}: ${nearest.id} serves ${c.gapNeed} at ${Math.round(nearest.meters)} m`);
    return {
      clusterId: c.id,
      need: c.gapNeed,
      centre: toLngLat(c.centre),
      noResourceWithinMeters: GAP_RADIUS_METERS,
      nearestServingResource: { id: nearest.id, distanceMeters: Math.round(nearest.meters) },
    };
  });
  return {
    description: 'Dębowo is a fictional town. This file records what the generator planted, so analysis tests can check it is found.',
    seed,
    clusters: CLUSTERS.map((c) => ({
      id: c.id,
      estateId: c.estateId,
      needs: Object.keys(c.amplitude) as NeedCategoryId[],
      centre: toLngLat(c.centre),
      radiusMeters: c.radiusMeters,
      sigmaMeters: c.radiusMeters / 2,
      waves: WAVES.map((w) => ({
        wave: w.wave,
        campaignId: w.id,
        amplitude: Object.fromEntries(Object.entries(c.amplitude).map(([need, amp]) => [need, amp[w.wave - 1]])),
      })),
      story: c.story,
    })),
    baselineNeedProbability: BASELINE,
    gaps,
    plantedStreet: {
      streetId: plantedStreet.id,
      households: households((a) => a.record.streetId === plantedStreet.id),
      responseRate: Object.fromEntries(WAVES.map((w) => [w.id, w.plantedStreetRate])),
    },
    largestEstate: {
      areaId: largest.id,
      households: largest.households,
      responseRate: Object.fromEntries(WAVES.map((w) => [w.id, w.rate(largest.id, ESTATES.find((e) => e.id === largest.id)!.housing)])),
    },
    residentHelp: {
      volunteerStreet: {
        streetId: town.streets.find((s) => s.name === VOLUNTEER_STREET.name)!.id,
        nextToClusterId: VOLUNTEER_STREET.nextToClusterId,
        need: VOLUNTEER_STREET.need,
        offers: [...DEFAULT_NEED_OFFER_MATCHING[VOLUNTEER_STREET.need]],
        offerProbability: VOLUNTEER_STREET.offerProbability,
      },
      helpGaps: [
        {
          clusterId: HELP_GAP.clusterId,
          need: HELP_GAP.need,
          centre: toLngLat(CLUSTERS.find((c) => c.id === HELP_GAP.clusterId)!.centre),
          noHouseholdOfferingWithinMeters: HELP_GAP.radiusMeters,
          noResidentOrInstitutionWithinMeters: HELP_GAP.withinMeters,
        },
      ],
    },
    programmes: town.programmes.map((p) => ({ id: p.id, targetAreaId: p.targetAreaId, years: [p.yearFrom, p.yearTo] })),
  };
}
export type DemoManifest = ReturnType<typeof buildManifest>;
