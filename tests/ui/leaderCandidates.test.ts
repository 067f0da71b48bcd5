import { describe, expect, it } from 'vitest';
import type { LeaderContact, SurveyResponse, Workspace } from '../../src/domain';
import { filterByInterest, groupLeaderRows, leaderCandidateRows } from '../../src/ui/common/leaderCandidates';
import { collections, deepFrozen, organisation } from '../data/embedded/fixtures';

const leader = (id: string, over: Partial<SurveyResponse>): SurveyResponse =>
  ({ id, campaignId: 'camp-1', date: '2025-03-10', householdSize: 2, needs: [], nuisances: [], offers: [], leaderCandidate: { consent: true, interests: ['safety'] }, ...over }) as SurveyResponse;

// addr-1 (19.002, 50.001) lies in the estate "Słoneczne" (19.0–19.003 × 50.0–50.003); addr-3 and street-only answers do not.
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
  ],
} as Workspace);

const contact: LeaderContact = { id: 'lc-a', responseId: 'lead-a', name: 'Anna Nowak', phone: '600 100 200', consentDate: '2025-03-20', retainUntil: '2026-03-20' };
const orphan: LeaderContact = { ...contact, id: 'lc-x', responseId: 'gone' };

describe('leader candidates for the planner', () => {
  const rows = leaderCandidateRows(workspace, [contact, orphan]);

  it('lists every response with a leader consent, newest first, with its place, estate and contact', () => {
    expect(rows.map((r) => [r.responseId, r.place, r.estateName, r.contact?.name ?? null])).toEqual([
      ['lead-a', 'ul. Słoneczna 1', 'Osiedle Słoneczne', 'Anna Nowak'],
      ['lead-b', 'al. Jana Pawła II 10/2', null, null],
      ['resp-2', 'al. Jana Pawła II', null, null],
      ['lead-c', null, 'Osiedle Słoneczne', null],
    ]);
  });

  it('groups by street (by its name, not its prefix) or estate in Polish order, the ones without last', () => {
    // "Jana Pawła II" before "Słoneczna", whatever the prefixes (al., ul.) say.
    const renamed = rows.map((r) => (r.streetName === 'ul. Słoneczna' ? { ...r, streetName: 'al. Słoneczna' } : r.streetName === 'al. Jana Pawła II' ? { ...r, streetName: 'ul. Jana Pawła II' } : r));
    expect(groupLeaderRows(renamed, 'street').map((g) => [g.name, g.rows.map((r) => r.responseId)])).toEqual([
      ['ul. Jana Pawła II', ['lead-b', 'resp-2']],
      ['al. Słoneczna', ['lead-a']],
      [null, ['lead-c']],
    ]);
    expect(groupLeaderRows(rows, 'estate').map((g) => [g.name, g.rows.length])).toEqual([
      ['Osiedle Słoneczne', 2],
      [null, 2],
    ]);
  });

  it('filters by the need a candidate wants to work on', () => {
    expect(filterByInterest(rows, 'loneliness_seniors').map((r) => r.responseId)).toEqual(['lead-a', 'resp-2']);
    expect(filterByInterest(rows, null)).toHaveLength(4);
  });
});
