import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createExploreSession, type ExploreResult, type ExploreSession } from '../../src/analysis/exploreSession';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { MatchingQuery, OfferMapQuery } from '../../src/domain/analysisRequest';
import { NeedCategoryId, OfferId } from '../../src/domain/needs';
import { Workspace } from '../../src/domain/workspace';

/**
 * The demo town plants residents' help (data/town/offers.ts, written to manifest.json `residentHelp`): a street where
 * many households offer help for lonely seniors, next to the seniors' cluster of Stare Miasto, and an area of high
 * need for children's free time with no helper and no institution within 800 m. The engine finds both, in each wave.
 */

const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const LngLat = z.tuple([z.number(), z.number()]);
const Manifest = z.object({
  clusters: z.array(z.object({ id: z.string(), estateId: z.string(), centre: LngLat })),
  residentHelp: z.object({
    volunteerStreet: z.object({ streetId: z.string(), nextToClusterId: z.string(), need: NeedCategoryId, offers: z.array(OfferId).min(1) }),
    helpGaps: z.array(z.object({ clusterId: z.string(), need: NeedCategoryId, centre: LngLat, noResidentOrInstitutionWithinMeters: z.number() })).min(1),
  }),
});
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('the demo town: planted residents’ help and a help gap', () => {
  let session: ExploreSession;
  let manifest: z.infer<typeof Manifest>;
  let campaignIds: string[];
  /** The 250 m hexagon id holding [lng, lat], in the engine's frame (the layer's own ids). */
  let hexIdAt: (p: readonly number[]) => string;

  beforeAll(() => {
    const workspace = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, read(f)])) });
    manifest = Manifest.parse(read('manifest'));
    session = createExploreSession(workspace);
    campaignIds = session.campaigns.map((c) => c.id);
    const layer = session.layer({ kind: 'hex', hexSizeMeters: 250 });
    // The layer's centres are in [lng, lat]; the nearest centre to a point is the hexagon that holds it.
    hexIdAt = (p) => {
      let best = -1;
      let bestD = Infinity;
      const projection = createLocalProjection(p[0]!, p[1]!);
      for (let u = 0; u < layer.unitIds.length; u++) {
        const [x, y] = projection.forward(layer.centers[2 * u]!, layer.centers[2 * u + 1]!);
        if (Math.hypot(x, y) < bestD) [best, bestD] = [u, Math.hypot(x, y)];
      }
      expect(bestD).toBeLessThan(145); // inside the hexagon: within its circumradius
      return layer.unitIds[best]!;
    };
  });

  it('the volunteer street leads the streets by share of households offering each planted kind of help', () => {
    const { streetId, offers } = manifest.residentHelp.volunteerStreet;
    const streets = session.layer({ kind: 'street', hexSizeMeters: 250 });
    const s = streets.unitIds.indexOf(streetId);
    expect(s).toBeGreaterThanOrEqual(0);
    for (const campaignId of campaignIds) {
      const selection = { kind: 'index' as const, weights: Object.fromEntries(offers.map((o) => [o, 1])) };
      const map = value(session.offerMap(OfferMapQuery.parse({ unit: { kind: 'street' }, campaignId, selection })));
      expect(map.suppressed[s]).toBe(0);
      const shown = [...map.values.keys()].filter((u) => Number.isFinite(map.values[u]!));
      const top = shown.reduce((a, b) => (map.values[b]! > map.values[a]! ? b : a));
      expect(streets.labels[top], campaignId).toBe(streets.labels[s]);
      expect(map.values[s]).toBeGreaterThan(0.3); // planted at 45 % per offer; the town has about 5 %
    }
  });

  it('help for seniors is near the seniors’ cluster: the hexagon at its centre has residents’ help within 800 m', () => {
    const { nextToClusterId, need } = manifest.residentHelp.volunteerStreet;
    const cluster = manifest.clusters.find((c) => c.id === nextToClusterId)!;
    const hexes = session.layer({ kind: 'hex', hexSizeMeters: 250 });
    const u = hexes.unitIds.indexOf(hexIdAt(cluster.centre));
    for (const campaignId of campaignIds) {
      const m = value(session.matching(MatchingQuery.parse({ unit: { kind: 'hex' }, campaignId, needId: need })));
      expect(m.residentMeters[u]).toBeLessThanOrEqual(800);
      expect(m.gap[u]).toBe(0);
    }
  });

  it('the planted help gap is a gap on hexagons, streets and its estate, in every wave', () => {
    for (const planted of manifest.residentHelp.helpGaps) {
      const cluster = manifest.clusters.find((c) => c.id === planted.clusterId)!;
      const hexes = session.layer({ kind: 'hex', hexSizeMeters: 250 });
      const estates = session.layer({ kind: 'estate', hexSizeMeters: 250 });
      const thresholdMeters = planted.noResidentOrInstitutionWithinMeters;
      for (const campaignId of campaignIds) {
        const byHex = value(session.matching(MatchingQuery.parse({ unit: { kind: 'hex' }, campaignId, needId: planted.need, thresholdMeters })));
        const gapHexes = hexes.unitIds.filter((_, u) => byHex.gap[u]);
        // The gap hexagons lie around the planted centre (within 1 km), and there are some in every wave.
        expect(gapHexes.length, campaignId).toBeGreaterThan(0);
        const projection = createLocalProjection(planted.centre[0], planted.centre[1]);
        for (const id of gapHexes) {
          const u = hexes.unitIds.indexOf(id);
          const [x, y] = projection.forward(hexes.centers[2 * u]!, hexes.centers[2 * u + 1]!);
          expect(Math.hypot(x, y), id).toBeLessThan(1000);
          expect(byHex.residentMeters[u]).toBeGreaterThan(thresholdMeters);
          expect(byHex.institutionMeters[u]).toBeGreaterThan(thresholdMeters);
        }
        const byEstate = value(session.matching(MatchingQuery.parse({ unit: { kind: 'estate' }, campaignId, needId: planted.need, thresholdMeters })));
        expect(estates.unitIds.filter((_, u) => byEstate.gap[u])).toEqual([cluster.estateId]);
        const byStreet = value(session.matching(MatchingQuery.parse({ unit: { kind: 'street' }, campaignId, needId: planted.need, thresholdMeters })));
        expect(byStreet.gapCount).toBeGreaterThan(0);
      }
    }
  });
});
