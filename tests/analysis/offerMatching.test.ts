import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { disclosedUnits, publishedMemberships } from '../../src/analysis/disclosureControl';
import { createExploreContext, type ExploreContext } from '../../src/analysis/exploreContext';
import { matching } from '../../src/analysis/exploreMatching';
import { needMap, offerMap } from '../../src/analysis/exploreNeedMap';
import { helpMasks, offerBitsByNeed } from '../../src/analysis/needOfferMatching';
import { networkDistanceFromUnit, snapToStreetGraph } from '../../src/analysis/networkDistance';
import { wilsonInterval } from '../../src/analysis/wilson';
import { MatchingQuery, NeedMapQuery, OfferMapQuery, type UnitChoice } from '../../src/domain/analysisRequest';
import { DEFAULT_NEED_OFFER_MATCHING, NeedOfferMatching, offersMatching } from '../../src/domain/needOfferMatching';
import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId } from '../../src/domain/needs';
import { Workspace } from '../../src/domain/workspace';
import { unitLayer } from '../../src/analysis/unitLayers';
import { unitOfEachResource } from '../../src/analysis/resourceUnits';
import { unitSpecOf } from '../../src/analysis/exploreContext';

/**
 * Needs matched with help, on the demo town: every distance the engine reports is checked against a brute force
 * (one Dijkstra per unit over the street graph, or a scan of all pairs in a straight line), with help counted
 * straight from the survey records.
 */

const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));

describe('needs matched with help on the demo town', () => {
  let workspace: Workspace;
  let context: ExploreContext;
  let campaignId: string;

  beforeAll(() => {
    workspace = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, read(f)])) });
    context = createExploreContext(workspace);
    campaignId = context.campaigns.at(-1)!.id;
  });

  it('the default matching table parses and each need lists real offers', () => {
    expect(NeedOfferMatching.parse(DEFAULT_NEED_OFFER_MATCHING)).toEqual(DEFAULT_NEED_OFFER_MATCHING);
    expect(offersMatching(DEFAULT_NEED_OFFER_MATCHING, 'loneliness_seniors')).toContain('senior_care');
    expect(offersMatching(DEFAULT_NEED_OFFER_MATCHING, 'children_youth_leisure')).toEqual(expect.arrayContaining(['tutoring', 'sports', 'arts_crafts']));
    expect(NeedOfferMatching.safeParse({ housing: ['repairs', 'repairs'] }).success).toBe(false);
    expect(NeedOfferMatching.safeParse({ housing: ['flying'] }).success).toBe(false);
    // bit 5 (loneliness_seniors) of a household offering only senior care; none for a household offering nothing
    const senior = 1 << OFFER_IDS.indexOf('senior_care');
    expect(helpMasks(Uint16Array.of(senior, 0), DEFAULT_NEED_OFFER_MATCHING)[0]! & (1 << NEED_CATEGORY_IDS.indexOf('loneliness_seniors'))).not.toBe(0);
    expect(helpMasks(Uint16Array.of(senior, 0), DEFAULT_NEED_OFFER_MATCHING)[1]).toBe(0);
    expect(offerBitsByNeed(DEFAULT_NEED_OFFER_MATCHING)[NEED_CATEGORY_IDS.indexOf('addiction')]).toBe(0);
  });

  it('the offer map hides exactly the units the need map hides', () => {
    for (const kind of ['street', 'estate', 'hex'] as const) {
      const unit = { kind, hexSizeMeters: 250 };
      const needs = needMap(context, NeedMapQuery.parse({ unit, campaignId, selection: { kind: 'need', needId: 'health' } }));
      const offers = offerMap(context, OfferMapQuery.parse({ unit, campaignId, selection: { kind: 'index', weights: { senior_care: 2, tutoring: 1 } } }));
      if (!needs.ok || !offers.ok) throw new Error('expected answers');
      expect(Array.from(offers.value.suppressed)).toEqual(Array.from(needs.value.suppressed));
      if (kind !== 'estate') expect(offers.value.suppressedCount).toBeGreaterThan(0); // every estate has more than k answers
      expect(offers.value.values.every((v, u) => Number.isNaN(v) === (offers.value.suppressed[u] === 1))).toBe(true);
      expect(offers.value.weights).toEqual({ senior_care: 2 / 3, tutoring: 1 / 3 });
    }
  });

  it('a partner package publishes the same units for an offer as for a need (disclosure rules, k = 5)', () => {
    const homes = new Map(workspace.responses.map((r) => [r.id, { addressId: r.addressId, location: r.location }]));
    const byId = new Map(workspace.responses.map((r) => [r.id, r]));
    const { ds } = context;
    const hasNeed = (i: number) => byId.get(ds.responseIds[i]!)!.needs.some((n) => n.category === 'loneliness_seniors');
    const hasOffer = (i: number) => byId.get(ds.responseIds[i]!)!.offers.includes('senior_care');
    const needs = disclosedUnits(publishedMemberships(ds, campaignId, hasNeed, null, homes), 5);
    const offers = disclosedUnits(publishedMemberships(ds, campaignId, hasOffer, null, homes), 5);
    expect([...offers.keys()]).toEqual([...needs.keys()]);
    for (const [key, d] of needs) expect(offers.get(key)!.published, key).toBe(d.published);
    expect([...needs.values()].some((d) => !d.published)).toBe(true);
  });

  const cases: { unit: UnitChoice; needId: NeedCategoryId; network: boolean; thresholdMeters: number }[] = [
    { unit: { kind: 'street', hexSizeMeters: 250 }, needId: 'loneliness_seniors', network: true, thresholdMeters: 400 },
    { unit: { kind: 'hex', hexSizeMeters: 250 }, needId: 'children_youth_leisure', network: true, thresholdMeters: 300 },
    { unit: { kind: 'hex', hexSizeMeters: 250 }, needId: 'housing', network: false, thresholdMeters: 500 },
    { unit: { kind: 'estate', hexSizeMeters: 250 }, needId: 'unemployment', network: true, thresholdMeters: 800 },
  ];

  it.each(cases)('distances, help and gaps equal a brute force: $unit.kind, $needId, network $network', ({ unit, needId, network, thresholdMeters }) => {
    const result = matching(context, MatchingQuery.parse({ unit, campaignId, needId, network, thresholdMeters }));
    if (!result.ok) throw new Error(result.message);
    const r = result.value;
    const { ds } = context;
    const layer = unitLayer(ds, unitSpecOf(unit));
    const n = layer.unitIds.length;
    const matched = new Set(offersMatching(DEFAULT_NEED_OFFER_MATCHING, needId));
    const answers = new Array<number>(n).fill(0);
    const help = new Array<number>(n).fill(0);
    const withNeed = new Array<number>(n).fill(0);
    const byId = new Map(workspace.responses.map((x) => [x.id, x]));
    ds.responseIds.forEach((id, i) => {
      const record = byId.get(id)!;
      const u = layer.unitOfResponse[i]!;
      if (record.campaignId !== campaignId || u < 0) return;
      answers[u]!++;
      if (record.offers.some((o) => matched.has(o))) help[u]!++;
      if (record.needs.some((x) => x.category === needId)) withNeed[u]!++;
    });
    const shown = (u: number) => answers[u]! >= 5;
    const offering = answers.map((_, u) => (shown(u) && help[u]! > 0 ? 1 : 0));
    expect(Array.from(r.offering)).toEqual(offering);
    expect(r.offeringCount).toBeGreaterThan(0);
    for (let u = 0; u < n; u++) expect(Number.isNaN(r.helpCounts[u]!) ? -1 : r.helpCounts[u]).toBe(shown(u) ? help[u] : -1);

    const servers = workspace.resources.filter((x) => (x.serves as readonly string[]).includes(needId));
    const rx = Float64Array.from(servers, (x) => ds.projection.forward(x.location.coordinates[0], x.location.coordinates[1])[0]);
    const ry = Float64Array.from(servers, (x) => ds.projection.forward(x.location.coordinates[0], x.location.coordinates[1])[1]);
    const cx = layer.centerXs;
    const cy = layer.centerYs;
    const residentMeters = new Float64Array(n);
    const institutionMeters = new Float64Array(n);
    if (network) {
      const graph = context.streetGraph();
      const units = snapToStreetGraph(graph, cx, cy);
      const institutions = snapToStreetGraph(graph, rx, ry);
      const dist = new Float64Array(graph.nodeCount);
      for (let u = 0; u < n; u++) {
        residentMeters[u] = networkDistanceFromUnit(graph, units, u, units, offering, dist);
        institutionMeters[u] = networkDistanceFromUnit(graph, units, u, institutions, new Uint8Array(servers.length).fill(1), dist);
      }
    } else {
      for (let u = 0; u < n; u++) {
        residentMeters[u] = Math.min(...offering.map((o, v) => (o ? Math.hypot(cx[u]! - cx[v]!, cy[u]! - cy[v]!) : Infinity)));
        institutionMeters[u] = Math.min(Infinity, ...servers.map((_, s) => Math.hypot(cx[u]! - rx[s]!, cy[u]! - ry[s]!)));
      }
    }
    // An institution standing in the unit is at 0 m from it (issue 17's one definition of an access gap, needGaps.ts).
    const points = context.resourcePoints();
    const j = NEED_CATEGORY_IDS.indexOf(needId);
    const agg = context.aggregates(unit, campaignId, 1, 5);
    const inUnit = unitOfEachResource(points, agg, { ...(layer.raster ? { raster: layer.raster } : {}), segmentIndex: ds.segmentIndex, segmentUnit: ds.streets.segmentUnit });
    inUnit.forEach((u, i) => {
      if (u >= 0 && (points.needMasks[i]! >>> j) & 1) institutionMeters[u] = 0;
    });
    for (let u = 0; u < n; u++) {
      expect(r.residentMeters[u], `${layer.unitIds[u]} residents`).toBeCloseTo(residentMeters[u]!, 6);
      expect(r.institutionMeters[u], `${layer.unitIds[u]} institutions`).toBeCloseTo(institutionMeters[u]!, 6);
    }
    // Gaps: need clearly above the town (Wilson lower bound above the town rate), no help of either kind within reach.
    const townRate = withNeed.reduce((a, b) => a + b, 0) / answers.reduce((a, b) => a + b, 0);
    expect(r.townRate).toBeCloseTo(townRate, 12);
    const gap = answers.map((a, u) => (shown(u) && wilsonInterval(withNeed[u]!, a).lower > townRate && residentMeters[u]! > thresholdMeters && institutionMeters[u]! > thresholdMeters ? 1 : 0));
    expect(Array.from(r.gap)).toEqual(gap);
    expect(r.highNeed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.network).toBe(network);
  });
});
