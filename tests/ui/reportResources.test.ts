import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExploreSession, type ExploreInput, type ExploreResult } from '../../src/analysis/exploreSession';
import { MatchingQuery, OfferMapQuery } from '../../src/domain/analysisRequest';
import { DEFAULT_NEED_OFFER_MATCHING, NEED_CATEGORY_IDS, OFFER_IDS } from '../../src/domain';
import { gapRows, resourceRows } from '../../src/ui/report/resourcesSection';

const DEMO = join(import.meta.dirname, '../../data/demo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, `${name}.json`), 'utf8'));
const value = <T>(r: ExploreResult<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('the report’s Zasoby section (demo town, wave 2, estates)', () => {
  const session = createExploreSession({ streets: read('streets'), addresses: read('addresses'), areas: read('areas'), responses: read('responses'), campaigns: read('campaigns'), resources: read('resources'), groups: read('groups') } as ExploreInput);
  const campaignId = 'campaign-2026-w2';
  const unit = { kind: 'estate' as const };
  const layer = session.layer({ kind: 'estate', hexSizeMeters: 250 });

  it('per estate: the potential index and the offer most households make, as the map shows them', () => {
    const potential = value(session.offerMap(OfferMapQuery.parse({ unit, campaignId, selection: { kind: 'index', weights: Object.fromEntries(OFFER_IDS.map((o) => [o, 1])) } })));
    const byOffer = OFFER_IDS.map((offerId) => value(session.offerMap(OfferMapQuery.parse({ unit, campaignId, selection: { kind: 'offer', offerId } }))));
    const rows = resourceRows(layer, potential, byOffer);
    const zamkowe = rows.find((r) => r.estateId === 'estate-zamkowe')!;
    // ul. Mieszka I's volunteers make one of the kinds of help for seniors the leading offer of Osiedle Zamkowe.
    expect(DEFAULT_NEED_OFFER_MATCHING.loneliness_seniors).toEqual(expect.arrayContaining(zamkowe.topOffer!.offerIds));
    const u = layer.unitIds.indexOf('estate-zamkowe');
    expect(zamkowe.topOffer?.rate).toBe(Math.max(...byOffer.map((m) => m.values[u]!)));
    // Every offer at the top rate is named, in the taxonomy's order; none below it.
    for (const row of rows.filter((r) => r.topOffer)) {
      const k = layer.unitIds.indexOf(row.estateId);
      expect(row.topOffer!.offerIds).toEqual(OFFER_IDS.filter((_, j) => byOffer[j]!.values[k] === row.topOffer!.rate));
    }
    expect(zamkowe.potential).toBe(potential.values[u]);
    for (const row of rows) if (row.responses < 5) expect(row.potential).toBeNull();
    // Leader candidates: a count per estate where the estate is shown, hidden ("—") with its figures below k.
    const leaders = new Map(layer.unitIds.map((id, k) => [id, k + 1]));
    const counted = resourceRows(layer, potential, byOffer, leaders);
    counted.forEach((row) => expect(row.leaders).toBe(row.potential === null ? null : leaders.get(row.estateId)));
    expect(counted.some((row) => row.leaders !== null)).toBe(true);
  });

  it('gaps per need: the planted one, Osiedle Tysiąclecia for children’s free time', () => {
    const matchings = NEED_CATEGORY_IDS.map((needId) => value(session.matching(MatchingQuery.parse({ unit, campaignId, needId }))));
    const rows = gapRows(layer, matchings);
    expect(rows.find((r) => r.needId === 'children_youth_leisure')?.estates).toEqual(['Osiedle Tysiąclecia']);
    expect(rows.every((r) => r.estates.length > 0)).toBe(true);
  });
});
