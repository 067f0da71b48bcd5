import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreResult, type ExploreSession } from '../../src/analysis/exploreSession';
import { CoverageQuery, NeedMapQuery, RankingQuery, UnitDetailQuery } from '../../src/domain/analysisRequest';
import { NEED_CATEGORY_IDS } from '../../src/domain/needs';
import { Workspace } from '../../src/domain/workspace';
import { polygonContains } from './lngLatPolygon';

/**
 * Issue 17, "one truth on every screen": for every estate, district and street of the demo town, the facts each
 * screen reads — the unit panel (unitDetail), the map's need colours and gap outlines (needMap, coverage), and
 * "Programy" and the report (ranking) — are the same: response counts and rates, need rates, the gaps
 * (needGaps.ts), the indicators above the town average. The gaps are also checked against the data itself: no
 * resource serving a gap's need stands inside the area.
 */

const DEMO = join(import.meta.dirname, '../../data/demo');
const FILES = ['organisation', 'areas', 'streets', 'addresses', 'campaigns', 'responses', 'resources', 'groups', 'programmes', 'events'];
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(`expected an answer, got: ${r.message}`);
  return r.value;
};
const EQUAL = Object.fromEntries(NEED_CATEGORY_IDS.map((id) => [id, 1]));

describe('one truth: the unit panel, the map, Programy and the report read the same facts for every unit', () => {
  let workspace: Workspace;
  let session: ExploreSession;
  let campaignIds: string[];
  beforeAll(() => {
    workspace = Workspace.parse({ v: 1, ...Object.fromEntries(FILES.map((f) => [f, JSON.parse(readFileSync(join(DEMO, `${f}.json`), 'utf8'))])) });
    session = createExploreSession(workspace);
    campaignIds = session.summary().campaigns.map((c) => c.id);
  });

  for (const kind of ['estate', 'district', 'street'] as const) {
    it(`${kind}s, every wave: panel = need map = gap outline${kind === 'street' ? '' : ' = ranking (Programy, report)'}`, () => {
      const unit = { kind, hexSizeMeters: 250 };
      const layer = session.layer(unit);
      expect(layer.unitIds.length).toBeGreaterThan(kind === 'district' ? 2 : 10);
      let gapsSeen = 0;
      for (const campaignId of campaignIds) {
        const maps = NEED_CATEGORY_IDS.map((needId) => value(session.needMap(NeedMapQuery.parse({ unit, campaignId, selection: { kind: 'need', needId } }))));
        const outlines = NEED_CATEGORY_IDS.map((needId) => value(session.coverage(CoverageQuery.parse({ unit, campaignId, needId }))));
        const ranking = kind === 'street' ? null : value(session.ranking(RankingQuery.parse({ campaignId, weights: EQUAL, candidates: [kind], limit: 500 })));
        if (ranking) expect(ranking.targets.length).toBe(layer.unitIds.length);
        layer.unitIds.forEach((unitId, u) => {
          const d = value(session.unitDetail(UnitDetailQuery.parse({ unit, unitId, campaignId })));
          const where = `${d.label}, ${campaignId}`;
          expect(d.responses, where).toBe(maps[0]!.responses[u]);
          expect(d.responseRate, where).toBe(maps[0]!.responseRate[u]);
          NEED_CATEGORY_IDS.forEach((needId, j) => {
            const shown = maps[j]!.values[u]!;
            expect(d.needs[j]!.rate, `${where} ${needId}`).toBe(Number.isNaN(shown) ? null : shown);
          });
          const gapNeeds = d.gaps.map((g) => g.needId);
          gapsSeen += gapNeeds.length;
          // The map outlines unit u for need j exactly when the panel lists j among its gaps.
          expect(NEED_CATEGORY_IDS.filter((_, j) => outlines[j]!.gap[u] === 1).sort(), where).toEqual([...gapNeeds].sort());
          for (const g of d.gaps) {
            expect(g.rate, where).toBeGreaterThan(g.townRate);
            expect(g.accessMeters, where).toBeGreaterThan(d.thresholdMeters);
          }
          if (kind !== 'street') {
            // Nothing serving a gap's need stands inside the area (a resource inside is at 0 m).
            const area = workspace.areas.find((a) => a.id === unitId)!;
            const inside = workspace.resources.filter((r) => polygonContains(area.geometry, r.location.coordinates));
            for (const need of gapNeeds) expect(inside.filter((r) => r.serves.includes(need)).map((r) => r.name), `${where} ${need}`).toEqual([]);
          }
          if (!ranking) return;
          const target = ranking.targets.find((t) => t.id === unitId)!;
          expect(target.households, where).toBe(d.households);
          expect(target.suppressed, where).toBe(d.suppressed);
          expect(target.gaps, where).toEqual(d.gaps);
          expect(target.aboveAverageNeeds, where).toEqual(d.suppressed ? [] : d.needs.filter((n) => n.rate !== null && n.rate > n.townRate).map((n) => n.needId));
          for (const c of target.topContributions) expect(c.rate, `${where} ${c.needId}`).toBeCloseTo(d.needs.find((n) => n.needId === c.needId)!.rate!, 12);
        });
      }
      // The demo town has gaps to show (the planted ones and more): the loops above compared real lists.
      expect(gapsSeen).toBeGreaterThan(kind === 'district' ? 0 : 5);
    });
  }

  it('Osiedle Górnicze (named in the issue): unemployment help inside the estate leaves no unemployment gap', () => {
    const gornicze = workspace.areas.find((a) => a.name === 'Osiedle Górnicze')!;
    const latest = campaignIds.at(-1)!;
    const d = value(session.unitDetail(UnitDetailQuery.parse({ unit: { kind: 'estate' }, unitId: gornicze.id, campaignId: latest })));
    expect(d.resources.filter((r) => r.distanceMeters === 0 && r.needs.includes('unemployment')).length).toBeGreaterThanOrEqual(2);
    expect(d.gaps.map((g) => g.needId)).not.toContain('unemployment');
    expect(d.needs.find((n) => n.needId === 'unemployment')!.rate!).toBeGreaterThan(d.needs.find((n) => n.needId === 'unemployment')!.townRate);
  });
});
