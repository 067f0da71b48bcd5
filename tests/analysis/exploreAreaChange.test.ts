import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreResult, type ExploreSession } from '../../src/analysis/exploreSession';
import { AreaWaveComparisonQuery, UnitDetailQuery } from '../../src/domain/analysisRequest';
import type { PolygonGeometry } from '../../src/domain/geometry';
import { NEED_CATEGORY_IDS } from '../../src/domain/needs';
import { Workspace } from '../../src/domain/workspace';
import { polygonContains } from './lngLatPolygon';

/**
 * Issue 17: the wave comparison works for a boundary drawn by hand (Programy), not only for units of a layer.
 * Checked on the demo town against a plain count: answers whose point (the address's, else their own) lies in
 * the boundary, per need, in each wave.
 */
const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('compareArea: two waves inside a hand-drawn boundary', () => {
  let workspace: Workspace;
  let session: ExploreSession;
  beforeAll(() => {
    workspace = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, JSON.parse(readFileSync(join(DEMO, `${f}.json`), 'utf8'))])) });
    session = createExploreSession(workspace);
  });

  it('counts and rates equal a plain point-in-polygon count; the tests are the unit panel\'s', () => {
    // A boundary across the middle of Osiedle Górnicze and beyond it (a planner's own shape, no unit of any layer).
    const gornicze = workspace.areas.find((a) => a.name === 'Osiedle Górnicze')!;
    const ring = (gornicze.geometry as PolygonGeometry).coordinates[0]!;
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
    const drawn: PolygonGeometry = { type: 'Polygon', coordinates: [[[w + (e - w) * 0.3, s - (n - s) * 0.2], [e + (e - w) * 0.2, s + (n - s) * 0.4], [w + (e - w) * 0.6, n], [w + (e - w) * 0.3, s - (n - s) * 0.2]]] };
    const [first, second] = session.summary().campaigns;
    const answer = value(session.compareArea(AreaWaveComparisonQuery.parse({ geometry: drawn, beforeCampaignId: first!.id, afterCampaignId: second!.id })));

    const addressById = new Map(workspace.addresses.map((a) => [a.id, a]));
    // An answer with only a street counts when more of that street's addresses are inside than outside.
    const inside = new Map<string, number>();
    for (const address of workspace.addresses) {
      if (!address.location) continue;
      inside.set(address.streetId, (inside.get(address.streetId) ?? 0) + (polygonContains(drawn, address.location.coordinates) ? 1 : -1));
    }
    const tally = (campaignId: string) => {
      const counts = new Array<number>(NEED_CATEGORY_IDS.length).fill(0);
      let n = 0;
      let byStreet = 0;
      for (const r of workspace.responses) {
        if (r.campaignId !== campaignId) continue;
        const point = (r.addressId ? addressById.get(r.addressId)?.location?.coordinates : undefined) ?? r.location?.coordinates;
        if (point ? !polygonContains(drawn, point) : !(r.streetId && (inside.get(r.streetId) ?? 0) > 0)) continue;
        if (!point) byStreet++;
        n++;
        for (const need of r.needs) counts[NEED_CATEGORY_IDS.indexOf(need.category)]!++;
      }
      return { n, counts, byStreet };
    };
    const b = tally(first!.id);
    const a = tally(second!.id);
    expect(b.n).toBeGreaterThan(50); // a real sample, not an empty shape
    expect([answer.responsesBefore, answer.responsesAfter, answer.assignedByStreet]).toEqual([b.n, a.n, b.byStreet + a.byStreet]);
    expect(answer.comparable).toBe(true);
    NEED_CATEGORY_IDS.forEach((needId, j) => {
      const row = answer.needs[j]!;
      expect(row.needId).toBe(needId);
      expect(row.before).toBeCloseTo(b.counts[j]! / b.n, 12);
      expect(row.after).toBeCloseTo(a.counts[j]! / a.n, 12);
    });
    expect(answer.testedNeeds).toBe(NEED_CATEGORY_IDS.length);
  });

  it('the estate\'s own boundary gives the unit panel\'s change (answers with only a street placed by the same rule)', () => {
    const gornicze = workspace.areas.find((a) => a.name === 'Osiedle Górnicze')!;
    const [first, second] = session.summary().campaigns;
    const drawn = value(session.compareArea(AreaWaveComparisonQuery.parse({ geometry: gornicze.geometry, beforeCampaignId: first!.id, afterCampaignId: second!.id })));
    const unit = value(session.unitDetail(UnitDetailQuery.parse({ unit: { kind: 'estate' }, unitId: gornicze.id, campaignId: second!.id })));
    expect(drawn.assignedByStreet).toBeGreaterThan(0); // the demo has such answers (~3 %): the rule is exercised
    expect(drawn.responsesAfter).toBe(unit.responses);
    expect(drawn.responsesBefore).toBe(unit.sincePrevious!.responses);
    expect(drawn.needs).toEqual(unit.sincePrevious!.needs);
  });

  it('refuses the same wave twice and an unknown wave', () => {
    const gornicze = workspace.areas.find((a) => a.name === 'Osiedle Górnicze')!;
    expect(AreaWaveComparisonQuery.safeParse({ geometry: gornicze.geometry, beforeCampaignId: 'x', afterCampaignId: 'x' }).success).toBe(false);
    const r = session.compareArea(AreaWaveComparisonQuery.parse({ geometry: gornicze.geometry, beforeCampaignId: 'nope', afterCampaignId: session.summary().campaigns[0]!.id }));
    expect(r.ok).toBe(false);
  });
});
