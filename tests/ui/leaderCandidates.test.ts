import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExploreContext } from '../../src/analysis/exploreContext';
import { createExploreSession, type ExploreLayer } from '../../src/analysis/exploreSession';
import { unitLayer } from '../../src/analysis/unitLayers';
import { loadDemoWorkspace } from '../../src/data/embedded/demoLoader';
import { OFFER_IDS, type LeaderContact, type SurveyResponse, type Workspace } from '../../src/domain';
import { OfferMapQuery } from '../../src/domain/analysisRequest';
import { filterByInterest, groupLeaderRows, leaderCandidateRows, leaderCountsByEstate, leaderEstates } from '../../src/ui/common/leaderCandidates';
import { resourceRows } from '../../src/ui/report/resourcesSection';
import { createAnalysisClient } from '../../src/worker/analysisClient';
import { collections, deepFrozen, organisation } from '../data/embedded/fixtures';
import { inProcessWorker } from '../worker/inProcessWorker';

/** The real analysis worker's handler in this process, loaded with `workspace`: answers as the app's worker does. */
async function engineClient(workspace: Workspace) {
  const client = createAnalysisClient(() => inProcessWorker().worker);
  const init = await client.init(workspace);
  if (!init.ok) throw new Error(init.message);
  return client;
}

const leader = (id: string, over: Partial<SurveyResponse>): SurveyResponse =>
  ({ id, campaignId: 'camp-1', date: '2025-03-10', householdSize: 2, needs: [], nuisances: [], offers: [], leaderCandidate: { consent: true, interests: ['safety'] }, ...over }) as SurveyResponse;

// addr-1 (19.002, 50.001) lies in the estate "Słoneczne" (19.0–19.003 × 50.0–50.003); addr-2 (19.004) and addr-3 do not.
// Street-only answers are placed by the engine's majority rule: ul. Słoneczna (street-1) has one address in the
// estate (addr-1) and none in another estate, so lead-d (street-1, no address, no point) is counted in "Słoneczne";
// al. Jana Pawła II (street-2) has no address in any estate, so resp-2 (street-2 only) stays in none.
const workspace: Workspace = deepFrozen({
  v: 1,
  organisation,
  ...collections,
  areas: [...collections.areas, { id: 'est-1', name: 'Osiedle Słoneczne', kind: 'estate', geometry: { type: 'Polygon', coordinates: [[[19.0, 50.0], [19.003, 50.0], [19.003, 50.003], [19.0, 50.003], [19.0, 50.0]]] } }],
  responses: [
    ...collections.responses, // resp-1 (no leader), resp-2 (leader on street-2, no address)
    leader('lead-a', { addressId: 'addr-1', date: '2025-03-20', leaderCandidate: { consent: true, interests: ['loneliness_seniors', 'safety'] } }),
    leader('lead-b', { addressId: 'addr-3', date: '2025-03-15' }),
    leader('lead-c', { location: { type: 'Point', coordinates: [19.0025, 50.0025] }, date: '2025-03-01', leaderCandidate: { consent: true, interests: [] } }),
    leader('lead-d', { streetId: 'street-1', date: '2025-02-20' }),
  ],
} as Workspace);

const contact: LeaderContact = { id: 'lc-a', responseId: 'lead-a', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2025-03-20', retainUntil: '2026-03-20' };
const orphan: LeaderContact = { ...contact, id: 'lc-x', responseId: 'gone' };

describe('leader candidates for the planner', () => {
  let rows: ReturnType<typeof leaderCandidateRows> = [];
  beforeAll(async () => {
    rows = leaderCandidateRows(workspace, [contact, orphan], await leaderEstates(await engineClient(workspace), workspace, { channel: 'test' }));
  });

  it('lists every response with a leader consent, newest first, with its place, estate and contact', () => {
    expect(rows.map((r) => [r.responseId, r.place, r.estateName, r.contact?.name ?? null])).toEqual([
      ['lead-a', 'ul. Słoneczna 1', 'Osiedle Słoneczne', 'Anna Nowak'],
      ['lead-b', 'al. Jana Pawła II 10/2', null, null],
      ['resp-2', 'al. Jana Pawła II', null, null],
      ['lead-c', null, 'Osiedle Słoneczne', null],
      ['lead-d', 'ul. Słoneczna', 'Osiedle Słoneczne', null],
    ]);
  });

  it('groups by street (by its name, not its prefix) or estate in Polish order, the ones without last', () => {
    // "Jana Pawła II" before "Słoneczna", whatever the prefixes (al., ul.) say.
    const renamed = rows.map((r) => (r.streetName === 'ul. Słoneczna' ? { ...r, streetName: 'al. Słoneczna' } : r.streetName === 'al. Jana Pawła II' ? { ...r, streetName: 'ul. Jana Pawła II' } : r));
    expect(groupLeaderRows(renamed, 'street').map((g) => [g.name, g.rows.map((r) => r.responseId)])).toEqual([
      ['ul. Jana Pawła II', ['lead-b', 'resp-2']],
      ['al. Słoneczna', ['lead-a', 'lead-d']],
      [null, ['lead-c']],
    ]);
    expect(groupLeaderRows(rows, 'estate').map((g) => [g.name, g.rows.length])).toEqual([
      ['Osiedle Słoneczne', 3],
      [null, 2],
    ]);
  });

  it('filters by the need a candidate wants to work on', () => {
    expect(filterByInterest(rows, 'loneliness_seniors').map((r) => r.responseId)).toEqual(['lead-a', 'resp-2']);
    expect(filterByInterest(rows, null)).toHaveLength(5);
  });
});

describe('one rule for where a leader candidate lives (demo town)', () => {
  const DEMO = join(import.meta.dirname, '../../data/demo');
  let demo: Workspace;
  let rows: ReturnType<typeof leaderCandidateRows> = [];
  beforeAll(async () => {
    demo = (await loadDemoWorkspace(async (file) => readFileSync(join(DEMO, file), 'utf8'))).workspace;
    rows = leaderCandidateRows(demo, [], await leaderEstates(await engineClient(demo), demo, { channel: 'test' }));
  }, 60_000);

  it('counts per estate equal a count over the engine’s own assignment, street-only answers included', () => {
    // The engine's assignment, read straight from its estate layer (unitLayers.ts): the map counts answers by it.
    const context = createExploreContext(demo);
    const layer = unitLayer(context.ds, { kind: 'area', areaKind: 'estate' });
    const streetOnly = demo.responses.filter((r) => r.leaderCandidate && r.addressId === undefined && r.location === undefined);
    expect(streetOnly.length).toBeGreaterThan(0); // the demo has leader candidates with only a street (5 when written)
    let streetOnlyPlaced = 0;
    for (const campaign of demo.campaigns) {
      const expected = new Map<string, number>();
      demo.responses.forEach((r, i) => {
        const u = layer.unitOfResponse[i]!;
        if (!r.leaderCandidate || r.campaignId !== campaign.id || u < 0) return;
        expected.set(layer.unitIds[u]!, (expected.get(layer.unitIds[u]!) ?? 0) + 1);
        if (streetOnly.includes(r)) streetOnlyPlaced++;
      });
      expect(leaderCountsByEstate(rows, campaign.id)).toEqual(expected);
    }
    // The street-only candidates are in those counts (the engine places them by their street's majority estate).
    expect(streetOnlyPlaced).toBeGreaterThan(0);
    for (const r of streetOnly) expect(rows.find((row) => row.responseId === r.id)!.estateId).toBe(layer.unitOfResponse[demo.responses.indexOf(r)]! < 0 ? null : layer.unitIds[layer.unitOfResponse[demo.responses.indexOf(r)]!]);
  });

  it('the report’s count per estate equals the list’s estate group, wave by wave', () => {
    const session = createExploreSession(demo);
    const estates = session.layer({ kind: 'estate', hexSizeMeters: 250 }) as ExploreLayer;
    for (const campaign of demo.campaigns) {
      const map = (selection: OfferMapQuery['selection']) => {
        const r = session.offerMap(OfferMapQuery.parse({ unit: { kind: 'estate' }, campaignId: campaign.id, selection }));
        if (!r.ok) throw new Error(r.message);
        return r.value;
      };
      const report = resourceRows(estates, map({ kind: 'index', weights: { senior_care: 1 } }), OFFER_IDS.map((offerId) => map({ kind: 'offer', offerId })), leaderCountsByEstate(rows, campaign.id));
      const list = groupLeaderRows(rows.filter((row) => row.campaignId === campaign.id), 'estate');
      const shown = report.filter((row) => row.leaders !== null);
      expect(shown.length).toBeGreaterThan(0);
      for (const row of shown) expect(row.leaders, row.label).toBe(list.find((g) => g.id === row.estateId)?.rows.length ?? 0);
    }
  });
});
